"""`subsequent-author-substitute`: an entry whose names repeat the previous entry's prints the
style's substitute (`———`) in their place. citeproc-py ignored the option.

CSL 1.0.2, Bibliography-specific options: the names compared are those of the first cs:names
element rendered in the entry (the author, or what substitutes for it); with the default rule
`complete-all` the whole list is replaced when every name matches, and a role label stays
(`——— ed.`). Entries are rendered one at a time (in worker processes for large files), so
while one renders, the names are only marked; `substitute_repeated` then walks the entries in
bibliography order and replaces or unmarks them.

Fixtures: name_SubsequentAuthorSubstituteMultipleNames, name_SubsequentAuthorSubstituteSingleField,
magic_SubsequentAuthorSubstitute*, sort_ChicagoYearSuffix1/2, sort_DropNameLabelInSort,
sort_SeparateAuthorsAndOthers, fullstyles_ChicagoAuthorDateSimple.

This module never imports citeproc-py: the adapter hands its `model` module to install().
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from citeconv import lazy_regex

NAMES_START = "\ue0d0"
NAMES_END = "\ue0d1"
_MARKED = lazy_regex.compile("\ue0d0([^\ue0d0\ue0d1]*)\ue0d1")
_model: Any = None
_pending: list[bool] = []  # while an entry renders: True until its first names are marked


def install(model: Any) -> None:
    """Patch the engine's classes (idempotent)."""
    global _model
    _model = model
    if getattr(model, "_citeconv_author_substitute", False):
        return
    model.Layout.render_bibliography = _entries_one_by_one(model.Layout.render_bibliography)
    model.Name.process = _first_names_marked(model.Name.process)
    model.Names.process = _substituted_text_marked(model.Names.process)
    model._citeconv_author_substitute = True


def _entries_one_by_one(original: Any) -> Any:
    def render_bibliography(self: Any, citation_items: Any) -> Any:
        if self.getparent().get("subsequent-author-substitute") is None:
            return original(self, citation_items)
        output = []
        for item in citation_items:
            _pending.append(True)
            try:
                output.extend(original(self, [item]))
            finally:
                _pending.pop()
        return output

    return render_bibliography


def _first_names_marked(original: Any) -> Any:
    def process(self: Any, item: Any, variable: Any, context: Any = None, **kwargs: Any) -> Any:
        text = original(self, item, variable, context, **kwargs)
        if not (_pending and _pending[-1]) or not text or kwargs.get("sort_options") is not None:
            return text
        if isinstance(text, int):  # form="count"
            return text
        _pending[-1] = False
        return _model.String(NAMES_START) + text + _model.String(NAMES_END)

    return process


def _substituted_text_marked(original: Any) -> Any:
    """A first cs:names that printed no name (its cs:substitute printed a title or a
    publisher) is compared and replaced whole."""

    def process(self: Any, item: Any, *args: Any, **kwargs: Any) -> Any:
        pending = bool(_pending and _pending[-1])
        text = original(self, item, *args, **kwargs)
        if not pending or not _pending[-1] or not text or kwargs.get("sort_options") is not None:
            return text
        if isinstance(text, int) or _is_nested(self):
            return text
        _pending[-1] = False
        return _model.String(NAMES_START) + text + _model.String(NAMES_END)

    return process


def _is_nested(names: Any) -> bool:
    """A cs:names inside a cs:substitute: the outer cs:names marks what it prints."""
    return any(isinstance(parent, _model.Substitute) for parent in names.iterancestors())


def substitute_repeated(entries: Sequence[str | None], substitute: str | None) -> list[str | None]:
    """The entries (HTML, in bibliography order) with names repeating the previous entry's
    replaced by `substitute`, and every mark removed."""
    output: list[str | None] = []
    previous: str | None = None
    for entry in entries:
        if entry is None or NAMES_START not in entry:
            output.append(entry)
            previous = None
            continue
        match = _MARKED.search(entry)
        names = match.group(1) if match else None
        if match and substitute is not None and names == previous:
            entry = entry[: match.start()] + html.escape(substitute) + entry[match.end() :]
        output.append(entry.replace(NAMES_START, "").replace(NAMES_END, ""))
        previous = names
    return output


def substitute_of(layout: Any) -> str | None:
    """The bibliography's `subsequent-author-substitute`, or None."""
    value = layout.getparent().get("subsequent-author-substitute")
    return None if value is None else str(value)


def in_entries(entries: list[Any], layout: Any) -> list[Any]:
    """`substitute_repeated` on rendered entries (dataclasses with an `html` field)."""
    htmls = substitute_repeated([entry.html for entry in entries], substitute_of(layout))
    return [replace(entry, html=text or "") for entry, text in zip(entries, htmls, strict=True)]
