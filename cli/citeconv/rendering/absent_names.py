"""A `cs:names` inside a `cs:substitute` whose variables the item lacks fails at once.

APA's author substitute tries twenty such names (`illustrator`, `director`, `producer`, ...)
before it reaches the title: for a work with no author each goes through every unit that wraps
`Names.process` (author_substitute.py, positions.py, substitute.py, name_options.py,
engine_patches.py) and citeproc-py's own method, only to raise VariableError. With none of its
variables present and no `cs:substitute` of its own, that is what every one of them does
without changing anything: positions.py has marked the item's names done before the enclosing
names' substitute runs, the other units act only on printed text or present names. So the
outermost wrapper raises VariableError itself. Any other names element renders as before.

Installed last by engine_units.install; this module never imports citeproc-py.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

_MEMO_LIMIT = 200_000
# Per names element: its variables when the shortcut applies to it, else None.
_plans: dict[Any, tuple[str, ...] | None] = {}


def install(model: Any) -> None:
    """Wrap `Names.process` outermost (idempotent)."""
    if getattr(model, "_citeconv_absent_names", False):
        return
    model.Names.process = _failing_when_absent(model.Names.process, model)
    model._citeconv_absent_names = True


def _failing_when_absent(original: Callable[..., Any], model: Any) -> Callable[..., Any]:
    variable_error = model.VariableError

    def process(self: Any, item: Any, *args: Any, **kwargs: Any) -> Any:
        roles = _plans.get(self, _plans)
        if roles is _plans:
            if len(_plans) > _MEMO_LIMIT:
                _plans.clear()
            roles = _plans[self] = _plan(self, model)
        if roles is not None:
            reference = item.reference
            if not any(role in reference for role in roles):
                raise variable_error
        return original(self, item, *args, **kwargs)

    return process


def _plan(names: Any, model: Any) -> tuple[str, ...] | None:
    """The variables of a names element inside a substitute with no substitute of its own."""
    roles = tuple(str(names.get("variable", "")).split())
    inside = any(isinstance(parent, model.Substitute) for parent in names.iterancestors())
    own = any(isinstance(child, model.Substitute) for child in names.iterchildren())
    return roles if roles and inside and not own else None
