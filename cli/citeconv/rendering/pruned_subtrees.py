"""A macro, group, choose or names that cannot print for an item is not walked at all.

For a work with a title and a year, APA walks some 130 elements per entry, most of them for
variables the item lacks: the twenty names of its author substitute, the identifier and source
macros, their groups, chooses and labels. silent_subtrees.py reads from the style which
subtrees print nothing unless the item holds one of their variables; for an item holding none,
the outermost wrapper of each such element gives at once what the engine would have given at
the end of the walk, and nothing else happens (no unit records anything for a subtree that
printed nothing):

- `Macro.render`, `Choose.render` and a `<text macro>`'s `Text.render`: None (no child
  printed).
- `Group.process`: VariableError (a group that printed nothing fails).
- `Names.process`: VariableError without a substitute; with one, None, unless every variable
  of the names was printed by the entry's substitute already (engine_patches then raises
  VariableError before the substitute is tried).

A cite that suppresses its author or prints the author alone (positions.py marks names done
for it) is rendered in full. `set_enabled(False)` turns the shortcut off, and `pruned()`
counts the subtrees skipped: tests compare the output with and without it, and check that it
takes effect.

Installed last by engine_units.install (outermost on each method); never imports citeproc-py.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from citeconv.rendering.engine_patches import repressed_roles
from citeconv.rendering.positions import AUTHOR_ONLY, SUPPRESS_AUTHOR
from citeconv.rendering.silent_subtrees import TYPE_MARK, silent_keys

_MISSING = object()
_MEMO_LIMIT = 200_000
# Per element: its silencing keys and the item types that may make it print (None: it may
# print whatever the item holds), read from the style once.
_silencing: dict[Any, tuple[frozenset[str], frozenset[str]] | None] = {}
_enabled = True
_skipped = [0]


def set_enabled(enabled: bool) -> None:
    """Turn the shortcut on or off (tests render both ways and compare)."""
    global _enabled
    _enabled = enabled


def pruned() -> int:
    """How many subtrees were skipped since the process started."""
    return _skipped[0]


def install(model: Any) -> None:
    """Wrap each method outermost (idempotent)."""
    if getattr(model, "_citeconv_pruned_subtrees", False):
        return
    variable_error = model.VariableError

    def nothing(element: Any, context: Any) -> None:
        return None

    def failure(element: Any, context: Any) -> None:
        raise variable_error

    def names_outcome(names: Any, context: Any) -> None:
        if names.substitute() is None:
            raise variable_error
        layout = (context if context is not None else names).get_layout()
        repressed = repressed_roles(names, layout)
        if all(role in repressed for role in names.get("variable", "").split()):
            raise variable_error
        return None

    model.Text.render = _pruned(model.Text.render, model, nothing)  # a `<text macro>`'s
    model.Macro.render = _pruned(model.Macro.render, model, nothing)
    model.Choose.render = _pruned(model.Choose.render, model, nothing)
    model.Group.process = _pruned(model.Group.process, model, failure)
    model.Names.process = _pruned_names(model.Names.process, model, names_outcome)
    model._citeconv_pruned_subtrees = True


def skips(element: Any, item: Any, model: Any) -> bool:
    """Whether `element` prints nothing for `item`, decided without rendering it (counted)."""
    silencing = _silencing.get(element, _MISSING)
    if silencing is _MISSING:
        silencing = _learned(element, model)
    return silencing is not None and _prunes(silencing, item)  # type: ignore[arg-type]


def _learned(element: Any, model: Any) -> tuple[frozenset[str], frozenset[str]] | None:
    if len(_silencing) > _MEMO_LIMIT:
        _silencing.clear()
    # A `<text variable>` fails or gives None depending on the substitute: not decided here.
    calls_macro = type(element) is not model.Text or "macro" in element.attrib
    keys = silent_keys(element, model) if calls_macro else None
    found = _silencing[element] = None if keys is None else _split(keys)
    return found


def _split(keys: frozenset[str]) -> tuple[frozenset[str], frozenset[str]]:
    types = frozenset(key[len(TYPE_MARK) :] for key in keys if key.startswith(TYPE_MARK))
    return frozenset(key for key in keys if not key.startswith(TYPE_MARK)), types


def _prunes(silencing: tuple[frozenset[str], frozenset[str]], item: Any) -> bool:
    """Whether an item lacks the keys and types of a silent element (and is not a cite whose
    author positions.py suppresses or prints alone)."""
    keys, types = silencing
    reference = item.reference
    if not _enabled or not keys.isdisjoint(reference):
        return False
    if types and reference.get("type") in types:
        return False
    if item.get(SUPPRESS_AUTHOR) or item.get(AUTHOR_ONLY):
        return False
    _skipped[0] += 1
    return True


Outcome = Callable[[Any, Any], None]


def _pruned(original: Callable[..., Any], model: Any, outcome: Outcome) -> Callable[..., Any]:
    def render(self: Any, item: Any, context: Any = None, *args: Any, **kwargs: Any) -> Any:
        silencing = _silencing.get(self, _MISSING)
        if silencing is _MISSING:
            silencing = _learned(self, model)
        # The key test first, inline: most elements that could be silent are not, here.
        if (
            silencing is not None
            and silencing[0].isdisjoint(item.reference)  # type: ignore[index]
            and _prunes(silencing, item)  # type: ignore[arg-type]
        ):
            return outcome(self, context)
        return original(self, item, context, *args, **kwargs)

    return render


def _pruned_names(original: Callable[..., Any], model: Any, outcome: Outcome) -> Callable[..., Any]:
    def process(
        self: Any, item: Any, names_context: Any = None, context: Any = None, **kwargs: Any
    ) -> Any:
        silencing = _silencing.get(self, _MISSING)
        if silencing is _MISSING:
            silencing = _learned(self, model)
        # The key test first, inline: most elements that could be silent are not, here.
        if (
            silencing is not None
            and silencing[0].isdisjoint(item.reference)  # type: ignore[index]
            and _prunes(silencing, item)  # type: ignore[arg-type]
        ):
            return outcome(self, context)
        return original(self, item, names_context, context, **kwargs)

    return process
