"""`cs:substitute` tries its children in turn and passes over, untouched, those that cannot
print for the item (pruned_subtrees.skips).

APA's author substitute holds some twenty names, chooses and macros; for a work with no author
citeproc-py's `Substitute.render` looks up each names child's `cs:name` and enclosing names
and calls its render, every unit around it, to learn that it prints nothing, twice per entry
(sort key and entry). A child that prints nothing leaves the walk as it was (it is not the
substitute taken, and none is recorded), so passing over it changes nothing.

The walk is otherwise the engine's: the first child that prints is the substitute, its
variable is repressed for the rest of the entry (`add_to_repressed_list`), and a shorthand
`<names variable="editor"/>` renders with the enclosing names' `cs:name`. What the walk gives
when no child prints is falsy either way, and every caller only asks whether it printed.
Installed by engine_units before engine_patches wraps `Substitute.render`; this module never
imports citeproc-py.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from citeconv.rendering.pruned_subtrees import skips

_ENCLOSING_NAMES = "./parent::cs:names[1]"


def install(model: Any) -> None:
    """Replace `Substitute.render` while it is citeproc-py's own (so, once)."""
    if getattr(model.Substitute.render, "__module__", "").startswith("citeproc."):
        model.Substitute.render = _walk(model)


def _walk(model: Any) -> Callable[..., Any]:
    names_class, variable_error = model.Names, model.VariableError

    def render(self: Any, item: Any, context: Any = None, **kwargs: Any) -> Any:
        text = None
        for child in self.iterchildren():
            if skips(child, item, model):
                continue
            try:
                if isinstance(child, names_class) and child.name is None:
                    enclosing = self.xpath_search(_ENCLOSING_NAMES)[0]
                    text = child.render(item, names_context=enclosing, context=context, **kwargs)
                else:
                    text = child.render(item, context=context, **kwargs)
            except variable_error:
                continue
            if text:
                self.add_to_repressed_list(child, context)
                break
        return text

    return render
