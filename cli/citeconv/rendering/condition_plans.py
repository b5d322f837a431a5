"""`<if>`/`<else-if>` conditions compiled once per element into one function of the item.

citeproc-py's `If.render` re-reads the element's tests and match mode for every entry and
gathers every test's results in a list before matching them, about a hundred conditions per
APA entry. Here each element is compiled on first use into a function (memoized by element;
see speedups.py on why element identity is a valid key) that does what `If.render` decides:
its tests in citeproc-py's order, then the match mode (`all` unless `any` or `none`). The
common conditions, `type` and `variable` tests, are answered straight from the item (by
all() or any() of each test's results, as the match mode needs), an `is-numeric` test of
variables the item lacks is False for each without running; any other condition runs each
test's method, as before, so a unit that wraps a test (ibid.py,
positions.py, cite_locators.py, ambiguity.py) still decides it.
Installed by `speedups.install`; this module never imports citeproc-py.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

# Bounded so that a long-lived process rendering many styles cannot grow without limit.
_MEMO_LIMIT = 200_000
Condition = Callable[[Any, Any], bool]  # (item, context) -> whether the branch is taken
Replace = Callable[[Any, str, Callable[..., Any]], None]

_condition_memo: dict[Any, Condition] = {}
_type_memo: dict[Any, tuple[str, ...]] = {}
_variable_memo: dict[Any, tuple[str, ...]] = {}

# `<if>` tests in citeproc-py's order, and the method that runs each.
_CONDITION_TESTS = (
    ("type", "_type"),
    ("variable", "_variable"),
    ("is-numeric", "_is_numeric"),
    ("is-uncertain-date", "_is_uncertain_date"),
    ("locator", "_locator"),
    ("disambiguate", "citeconv_disambiguate"),  # installed by rendering/ambiguity.py
)


# `If._is_numeric` as installed (citeproc-py's, wrapped by cite_locators.py for `locator`):
# False for each listed variable the reference lacks.
_known_is_numeric: list[Any] = []


def install(model: Any, replace: Replace) -> None:
    """Replace (through `replace`, which spares methods engine_patches fixed) `If.render` and
    its `type` and `variable` tests."""
    _known_is_numeric[:] = [model.If._is_numeric]
    replace(model.If, "_type", _type_test)
    replace(model.If, "_variable", _variable_test)
    replace(model.If, "render", _planned_condition(model.ConditionFailed))


def _bounded(memo: dict[Any, Any]) -> dict[Any, Any]:
    if len(memo) > _MEMO_LIMIT:
        memo.clear()
    return memo


def _types_of(branch: Any) -> tuple[str, ...]:
    types = _type_memo.get(branch)
    if types is None:
        types = _bounded(_type_memo)[branch] = tuple(t.lower() for t in branch.get("type").split())
    return types


def _variables_of(branch: Any) -> tuple[str, ...]:
    variables = _variable_memo.get(branch)
    if variables is None:
        variables = _bounded(_variable_memo)[branch] = tuple(
            v.replace("-", "_") for v in branch.get("variable").split()
        )
    return variables


def _type_test(self: Any, item: Any) -> list[bool]:
    """`<if type="book chapter">`: the attribute split and lowercased once per element."""
    types = _types_of(self)
    if not types:
        return []
    actual = item.reference.type
    return [typ == actual for typ in types]


def _variable_test(self: Any, item: Any) -> list[bool]:
    """`<if variable="DOI URL">`, with the attribute parsed once per element."""
    variables = _variables_of(self)
    if not variables:
        return []
    reference = item.reference
    return [("locator" in item) if v == "locator" else (v in reference) for v in variables]


def condition_holds(branch: Any, item: Any, context: Any) -> bool:
    """Whether an `<if>`/`<else-if>` holds for this item, as `If.render` decides it."""
    holds = _condition_memo.get(branch)
    if holds is None:
        holds = _bounded(_condition_memo)[branch] = _compiled(branch)
    return holds(item, context)


def _compiled(branch: Any) -> Condition:
    attributes = branch.attrib
    tests = tuple(method for attribute, method in _CONDITION_TESTS if attribute in attributes)
    position = "position" in attributes
    match = branch.get("match")
    kind = type(branch)
    pure = (kind._type is _type_test or "type" not in attributes) and (
        kind._variable is _variable_test or "variable" not in attributes
    )
    if tests == ("_is_numeric",) and not position and [kind._is_numeric] == _known_is_numeric:
        return _numeric_condition(branch, match)
    if position or not pure or not set(tests) <= {"_type", "_variable"}:
        return _general_condition(branch, tests, position, match)
    wanted_all = match not in ("any", "none")  # `all` is the default match
    pieces = []
    if "_type" in tests:
        pieces.append(_type_piece(_types_of(branch), wanted_all))
    if "_variable" in tests:
        pieces.append(_variable_piece(_variables_of(branch), wanted_all))
    return _matched(pieces, match)


Piece = Callable[[Any], bool]  # all() or any() of one test's results for an item


def _matched(pieces: list[Piece], match: str | None) -> Condition:
    """The results of all tests matched: `all` holds when every test's all() does, `any`
    when one test's any() does, `none` when no test's any() does."""
    if not pieces:  # no test: all() and not any() of no results hold
        empty = match != "any"
        return lambda item, context: empty
    if len(pieces) == 1:
        (only,) = pieces
        if match == "none":
            return lambda item, context: not only(item)
        return lambda item, context: only(item)
    first, second = pieces  # a type test, then a variable test
    if match == "none":
        return lambda item, context: not (first(item) or second(item))
    if match == "any":
        return lambda item, context: first(item) or second(item)
    return lambda item, context: first(item) and second(item)


def _type_piece(types: tuple[str, ...], wanted_all: bool) -> Piece:
    """all() or any() of `typ == the item's type` for the listed types."""
    if not types:
        return lambda item: wanted_all  # all() of nothing holds, any() does not
    listed = frozenset(types)
    if not wanted_all:
        return lambda item: item.reference.type in listed
    if len(listed) == 1:
        (only,) = listed
        return lambda item: item.reference.type == only
    return lambda item: all(typ == item.reference.type for typ in types)


def _variable_piece(variables: tuple[str, ...], wanted_all: bool) -> Piece:
    """all() or any() of the listed variables being present (`locator` is the cite's)."""
    if not variables:
        return lambda item: wanted_all
    if len(variables) == 1 and variables[0] != "locator":
        (only,) = variables
        return lambda item: only in item.reference

    def present(item: Any) -> list[bool]:
        reference = item.reference
        return [("locator" in item) if v == "locator" else (v in reference) for v in variables]

    if wanted_all:
        return lambda item: all(present(item))
    return lambda item: any(present(item))


def _numeric_condition(branch: Any, match: str | None) -> Condition:
    """An `is-numeric` test alone: with none of its variables in the reference every result is
    False (decided here); else the test runs (whether the value reads as a number)."""
    variables = tuple(str(branch.get("is-numeric")).split())
    general = _general_condition(branch, ("_is_numeric",), False, match)
    if not variables or "locator" in variables:
        return general
    keys = tuple(variable.replace("-", "_") for variable in variables)
    when_absent = match == "none"  # no() of only False results holds, all() and any() do not

    def holds(item: Any, context: Any) -> bool:
        reference = item.reference
        for key in keys:
            if key in reference:
                return general(item, context)
        return when_absent

    return holds


def _general_condition(
    branch: Any, tests: tuple[str, ...], position: bool, match: str | None
) -> Condition:
    """Every test through its method, all results gathered, then matched."""

    def holds(item: Any, context: Any) -> bool:
        results: list[Any] = []
        for test in tests:
            results += getattr(branch, test)(item)
        if position:
            results += branch._position(item, context)
        if match == "any":
            return any(results)
        return not any(results) if match == "none" else all(results)

    return holds


def _planned_condition(condition_failed: type[Exception]) -> Callable[..., Any]:
    """`If.render` with the element's condition compiled once, not read on every entry."""

    def render(
        self: Any, item: Any, context: Any = None, delimiter: str = "", **kwargs: Any
    ) -> Any:
        if not condition_holds(self, item, context):
            raise condition_failed
        return self.render_children(item, context=context, delimiter=delimiter, **kwargs)

    return render
