"""Cite-level options citeproc-py 0.11.1 ignores: `suppress-author` and `author-only`.

A cite asking for `suppress-author` prints everything but its first cs:names (`(2020, p. 3)`);
one asking for `author-only` prints only that cs:names (`Doe`). The flags ride on citeproc-py's
CitationItem (a dict) under the keys below, set by rendering/citeproc.py.

Fixtures: position_* and the citation fixtures that cite with these options (see the
conformance run in tests/test_csl_suite.py).

This module never imports citeproc-py: the adapter hands its `model` module to install().
"""

from __future__ import annotations

from typing import Any

SUPPRESS_AUTHOR = "citeconv_suppress_author"
AUTHOR_ONLY = "citeconv_author_only"
_NAMES_DONE = "citeconv_names_done"  # the cite's first cs:names has been handled
_AUTHOR_TEXT = "citeconv_author_text"  # what an author-only cite's first cs:names printed

_model: Any = None


def install(model: Any) -> None:
    """Patch the engine's classes (idempotent)."""
    global _model
    _model = model
    if getattr(model, "_citeconv_positions", False):
        return
    model.Names.process = _first_names_suppressed(model.Names.process)
    model.Layout.render_children = _author_only_children(model.Layout.render_children)
    model.Layout.render_citation = _author_only_unwrapped(model.Layout.render_citation)
    model._citeconv_positions = True


def _in_citation(element: Any, context: Any) -> bool:
    layout = (context if context is not None else element).get_layout()
    return isinstance(layout.getparent(), _model.Citation)


def _first_names_suppressed(original: Any) -> Any:
    def process(
        self: Any, item: Any, names_context: Any = None, context: Any = None, **kw: Any
    ) -> Any:
        flags = isinstance(item, dict) and (item.get(SUPPRESS_AUTHOR) or item.get(AUTHOR_ONLY))
        if not flags or item.get(_NAMES_DONE) or kw.get("sort_options") is not None:
            return original(self, item, names_context, context, **kw)
        if not _in_citation(self, context):
            return original(self, item, names_context, context, **kw)
        if item.get(SUPPRESS_AUTHOR):
            item[_NAMES_DONE] = True
            raise _model.VariableError
        item[_NAMES_DONE] = True  # names inside a substitute are part of this author
        text = original(self, item, names_context, context, **kw)
        if text:
            item[_AUTHOR_TEXT] = text
        else:
            item[_NAMES_DONE] = False
        return text

    return process


def _author_only_children(original: Any) -> Any:
    """An author-only cite is rendered in full, and only the author it printed is kept."""

    def render_children(self: Any, item: Any, delimiter: str = "", **kwargs: Any) -> Any:
        if not isinstance(item, dict) or not isinstance(self.getparent(), _model.Citation):
            return original(self, item, delimiter, **kwargs)
        item.pop(_NAMES_DONE, None)  # a cite rendered again starts afresh
        item.pop(_AUTHOR_TEXT, None)
        text = original(self, item, delimiter, **kwargs)
        if item.get(AUTHOR_ONLY):
            return item.pop(_AUTHOR_TEXT, None)
        return text

    return render_children


def _author_only_unwrapped(original: Any) -> Any:
    """A cluster of author-only cites is the running text's `Doe`, not `(Doe)`: the layout's
    affixes are left out."""

    def render_citation(self: Any, citation: Any, callback: Any) -> Any:
        cites = citation.cites
        if not cites or not all(cite.get(AUTHOR_ONLY) for cite in cites):
            return original(self, citation, callback)
        affixes = {
            name: self.attrib.pop(name) for name in ("prefix", "suffix") if name in self.attrib
        }
        try:
            return original(self, citation, callback)
        finally:
            self.attrib.update(affixes)

    return render_citation
