"""Variables printed in place of the author are suppressed everywhere else, numbers included.

CSL 1.0.2, Substitute: a variable rendered by cs:substitute is not rendered again in the entry.
rendering/engine_patches.py records the cs:text and cs:names variables a substitute prints;
citeproc-py's cs:number never looked, so an APA book with no author printed its edition twice
(`Publication manual ... (7th ed.). (2020). (7th ed.).`). Here cs:number records what it prints
while a substitute renders, and prints nothing for a variable already printed there.

Fixtures: substitute_* and the APA and Chicago cases in tests/test_real_styles.py.

This module never imports citeproc-py: the adapter hands its `model` module to install().
"""

from __future__ import annotations

from typing import Any

_model: Any = None


def install(model: Any) -> None:
    """Patch the engine's classes (idempotent); after engine_patches, whose recording it uses."""
    global _model
    _model = model
    if getattr(model, "_citeconv_substitute", False):
        return
    model.Number.process = _number_once(model.Number.process)
    model.Label.process = _label_of_printed_variable_dropped(model.Label.process)
    model.Names.process = _names_recorded(model.Names.process)
    model._citeconv_substitute = True


def _number_once(original: Any) -> Any:
    def process(self: Any, item: Any, context: Any = None, **kwargs: Any) -> Any:
        layout = (context if context is not None else self).get_layout()
        variable = self.get("variable")
        if variable in _printed_by_substitute(layout):
            return None
        text = original(self, item, context=context, **kwargs)
        recording = getattr(layout, "citeconv_recording", None)
        if text and recording is not None:
            recording.append((self.tag, variable))
        return text

    return process


def _label_of_printed_variable_dropped(original: Any) -> Any:
    """`(7th ed.)` printed by the substitute: the later `<label variable="edition"/>` goes too."""

    def process(self: Any, item: Any, *args: Any, **kwargs: Any) -> Any:
        variable = self.get("variable")
        context = kwargs.get("context")
        if variable and variable != "locator":
            layout = (context if context is not None else self).get_layout()
            if variable in _printed_by_substitute(layout):
                return None
        return original(self, item, *args, **kwargs)

    return process


def _names_recorded(original: Any) -> Any:
    """Names printed inside a substitute (APA's `(J. Smith, Trans.; 2nd ed.)` in the title
    position) are recorded, so the translator is not printed again after the date."""

    def process(
        self: Any, item: Any, names_context: Any = None, context: Any = None, **kw: Any
    ) -> Any:
        if names_context is None and self.name is None:
            names_context = _substituted_names(self)
        text = original(self, item, names_context, context, **kw)
        if not text:
            return text
        layout = (context if context is not None else self).get_layout()
        recording = getattr(layout, "citeconv_recording", None)
        if recording is not None:
            for role in self.get("variable", "").split():
                if role in item.reference:
                    recording.append((self.tag, role))
        return text

    return process


def _substituted_names(names: Any) -> Any:
    """The cs:names a shorthand `<names variable="editor"/>` inside cs:substitute takes its
    cs:name from (CSL 1.0.2, Substitute), also when it sits in a cs:choose (Chicago's
    `editor` substitute; citeproc-py passed it only to direct children, and the editor of an
    edited book printed as `D. P. Gaonkar` without its label)."""
    found = names.xpath_search("./ancestor::cs:substitute[1]/parent::cs:names[1]")
    return found[0] if found else None


def _printed_by_substitute(layout: Any) -> set[str] | frozenset[str]:
    repressed = getattr(layout, "repressed", None)
    if not repressed:
        return frozenset()  # the common case: the entry has its author, nothing substituted
    return {variable for variables in repressed.values() for variable in variables}
