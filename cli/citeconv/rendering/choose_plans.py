"""`cs:choose` without an exception per branch not taken, and the question group suppression
asks of it (does the branch taken call a variable?) answered without testing conditions when
every branch gives the same answer.

citeproc-py's `Choose.render` asks each branch to render, and a branch whose condition fails
raises ConditionFailed: several exceptions per choose per entry. Here the conditions are
tested directly (condition_plans.condition_holds, the very test `If.render` makes) and the
branch taken renders its children, as `If.render` and `Else.render` do. A branch of any
other class still renders through its own method. Output is unchanged.
Installed by speedups.install, after condition_plans; this module never imports citeproc-py.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from citeconv.rendering import condition_plans

_MISSING = object()
_MEMO_LIMIT = 200_000
_choose_memo: dict[Any, bool | None] = {}
# Per choose: its branches, each with how it renders (fixed once the engine is patched).
_branches_memo: dict[Any, tuple[tuple[Any, int], ...]] = {}
_IF, _ELSE, _OTHER = 0, 1, 2
Replace = Callable[[Any, str, Callable[..., Any]], None]


def install(model: Any, replace: Replace) -> None:
    """Replace `Choose.render` (through `replace`, so a correctness fix is never overwritten)."""
    replace(model.Choose, "render", _planned_choose(model))


def _planned_choose(model: Any) -> Callable[..., Any]:
    condition_failed = model.ConditionFailed
    planned_if, plain_else = model.If.render, model.Else.render

    def branches_of(choose: Any) -> tuple[tuple[Any, int], ...]:
        kinds = {planned_if: _IF, plain_else: _ELSE}
        return tuple((b, kinds.get(type(b).render, _OTHER)) for b in choose.getchildren())

    def render(
        self: Any, item: Any, context: Any = None, delimiter: str = "", **kwargs: Any
    ) -> Any:
        branches = _branches_memo.get(self)
        if branches is None:
            branches = _bounded(_branches_memo)[self] = branches_of(self)
        for branch, kind in branches:
            try:
                if kind == _IF:
                    if not condition_plans.condition_holds(branch, item, context):
                        continue
                elif kind == _OTHER:
                    return branch.render(item, context=context, delimiter=delimiter, **kwargs)
                return branch.render_children(item, context=context, delimiter=delimiter, **kwargs)
            except condition_failed:
                continue
        return None

    return render


def choose_calls_variable(
    choose: Any, item: Any, context: Any, else_class: type, calls_variable: Callable[[Any], bool]
) -> bool:
    """Whether the branch of a `cs:choose` taken for this item calls a variable (False when
    none is taken). When every branch answers alike and the answer cannot hang on which one is
    taken (all say no, or one is an `else`), the conditions are not tested."""
    uniform = _choose_memo.get(choose, _MISSING)
    if uniform is _MISSING:
        uniform = _bounded(_choose_memo)[choose] = _uniform_answer(
            choose, else_class, calls_variable
        )
    if uniform is not None:
        return bool(uniform)
    for branch in choose.getchildren():
        if isinstance(branch, else_class) or condition_plans.condition_holds(branch, item, context):
            return calls_variable(branch)
    return False


def _uniform_answer(
    choose: Any, else_class: type, calls_variable: Callable[[Any], bool]
) -> bool | None:
    branches = choose.getchildren()
    answers = {bool(calls_variable(branch)) for branch in branches}
    if answers == {False} or (
        answers == {True} and any(isinstance(b, else_class) for b in branches)
    ):
        return answers == {True}
    return None


def _bounded(memo: dict[Any, Any]) -> dict[Any, Any]:
    if len(memo) > _MEMO_LIMIT:
        memo.clear()
    return memo
