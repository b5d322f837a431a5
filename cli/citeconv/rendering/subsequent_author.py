"""`subsequent-author-substitute`: an entry whose names print as the previous entry's prints
the style's string instead (`———, Book B`), as CSL 1.0.2 says; citeproc-py ignored it.

Entries are rendered one at a time (rendering/parallel.py, the render cache), so the engine only
marks the first `cs:names` of each bibliography entry (with what its substitute printed, a title
included); once the entries are in order, engine_output.assemble_entries compares each marked
span with the one before and substitutes. The rule is `complete-all` (the default): the whole
span, when every name matches.

Fixtures: magic_SubsequentAuthorSubstitute, magic_SubsequentAuthorSubstituteOfTitleField,
fullstyles_ChicagoAuthorDateSimple, display_AuthorAsHeading, name_SubsequentAuthorSubstitute*.

This module never imports citeproc-py: the adapter hands its `model` module to install().
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

NAMES_START, NAMES_END = "\ue0d2", "\ue0d3"
_MARKERS = re.compile("[\ue0d2\ue0d3]")
_model: Any = None
_depth = [0]  # cs:names being rendered inside each other: only the outermost is marked
_FIRST_NAMES = "citeconv_first_names"  # the cs:names element an item's entry marked


def install(model: Any) -> None:
    """Patch the engine's classes (idempotent)."""
    global _model
    _model = model
    if getattr(model, "_citeconv_subsequent_author", False):
        return
    model.Names.render = _marked(model.Names.render)
    model._citeconv_subsequent_author = True


def replacement(layout: Any) -> str | None:
    """The style's substitute string, if its bibliography (this layout's parent) has one."""
    parent = layout.getparent()
    if not isinstance(parent, _model.Bibliography):
        return None
    value = parent.get("subsequent-author-substitute")
    return None if value is None else str(value)


def _marked(original: Any) -> Any:
    def render(self: Any, item: Any, *args: Any, **kwargs: Any) -> Any:
        bibliography = self.get_root().bibliography
        if (
            bibliography is None
            or bibliography.get("subsequent-author-substitute") is None
            or kwargs.get("sort_options") is not None
        ):
            return original(self, item, *args, **kwargs)
        _depth[0] += 1
        try:
            text = original(self, item, *args, **kwargs)
        finally:
            _depth[0] -= 1
        if not text or _depth[0] or vars(item).get(_FIRST_NAMES, self) is not self:
            return text
        context = kwargs.get("context")
        if replacement((context if context is not None else self).get_layout()) is None:
            return text
        vars(item)[_FIRST_NAMES] = self  # the entry's first names; any later one is not marked
        return _model.String(NAMES_START) + text + _model.String(NAMES_END)

    return render


def substituted(htmls: Sequence[str | None], substitute: str | None) -> list[str | None]:
    """The entries in order, each first names span printed as the entry before it printed its
    own replaced by `substitute`; the marks removed."""
    if substitute is None:
        return list(htmls)
    previous: str | None = None
    out: list[str | None] = []
    for html in htmls:
        if html is None:
            out.append(None)
            continue
        start, end = html.find(NAMES_START), html.find(NAMES_END)
        names = html[start + 1 : end] if 0 <= start < end else None
        if names is not None and names == previous:
            html = html[:start] + substitute + html[end + 1 :]
        previous = names
        out.append(_MARKERS.sub("", html))
    return out


def unmarked(html: str) -> str:
    return _MARKERS.sub("", html)
