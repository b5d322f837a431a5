"""What the citeproc-py adapter (rendering/citeproc.py) hands back: rendered entries, the facts
of a style, and the engine's `warnings` as `style-warning` diagnostics, never raw output.

Sorting is global; rendering one entry depends only on the item and its position. The split
lets rendering/parallel.py render entries in worker processes and rendering/cache.py skip
cached ones. This module never imports citeproc-py.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from citeconv import lazy_regex
from citeconv.diagnostics import Code, Diagnostic, Severity, SourceSpan
from citeconv.rendering import author_substitute

RenderedHtml = tuple[str | None, tuple[str, ...]]  # citeproc-py's HTML (None: empty), warnings
# Marks, among an entry's warnings, the engine's failure on that entry (its entry is None).
_FAILURE = "\x00engine failure: "


@dataclass(frozen=True)
class RenderedEntry:
    item_id: str
    html: str  # citeproc-py's HTML formatter output (our values arrive pre-escaped)


@dataclass(frozen=True)
class StyleFacts:
    numbered: bool  # bibliography uses second-field-align (a citation-number column)
    year_suffix: bool  # citations disambiguate by year suffix (2020a), which we precompute
    bibliography: bool  # the style defines a bibliography
    adds_names: bool = False  # citations disambiguate by adding names before the year suffix
    et_al: str = "et al."  # the locale's term, for `and others` (`i in.` in Polish)
    positional: bool = False  # prints or sorts by citation-number: an entry's text hangs on it


@dataclass(frozen=True)
class SortedBibliography:
    order: tuple[int, ...]  # positions of the input items, in the style's order
    warnings: tuple[str, ...]  # raised while reading and sorting the items
    entries: tuple[Any, ...]  # citeproc-py's CitationItems in that order
    layout: Any  # the style's bibliography layout


@dataclass(frozen=True)
class RegisteredBibliography:
    engine: Any  # citeproc-py's CitationStylesBibliography, items registered, not yet sorted
    warnings: tuple[str, ...]  # raised while reading the items
    sort_keys: tuple[Any, ...]  # the style's bibliography <sort><key> elements
    layout: Any  # the style's bibliography layout


def assemble_entries(
    items: Sequence[dict[str, Any]], ordered: SortedBibliography, rendered: Sequence[RenderedHtml]
) -> tuple[list[RenderedEntry], list[Diagnostic]]:
    htmls = author_substitute.substitute_repeated(
        [html for html, _ in rendered], author_substitute.substitute_of(ordered.layout)
    )
    entries = [
        RenderedEntry(str(items[position]["id"]), html)
        for position, html in zip(ordered.order, htmls, strict=True)
        if html is not None
    ]
    keys = [str(items[position]["id"]) for position in ordered.order]
    keyed = [
        (m, key)
        for key, (_, found) in zip(keys, rendered, strict=True)
        for m in found
        if not m.startswith(_FAILURE)
    ]
    failed = {
        key: m.removeprefix(_FAILURE)
        for key, (_, found) in zip(keys, rendered, strict=True)
        for m in found
        if m.startswith(_FAILURE)
    }
    reading = [(m, _first_item_with(m, items)) for m in ordered.warnings]
    # An entry the style prints nothing for is left out of the list: never without a word
    # (issue 15: a style whose layout names only variables the entry lacks).
    empty = [
        Diagnostic(
            Severity.WARNING,
            Code.STYLE_WARNING,
            "the style prints nothing for this entry; left out",
            SourceSpan("", 0, key),
        )
        for key, html in zip(keys, htmls, strict=True)
        if html is None and key not in failed
    ]
    lost = [render_failure(reason, key) for key, reason in failed.items()]
    return entries, [*messages_to_diagnostics([*reading, *keyed]), *lost, *empty]


def failure_message(error: Exception) -> str:
    """An engine failure on one entry, carried among its warnings (they cross processes and
    the render cache as plain strings)."""
    return _FAILURE + reason_of(error)


def reason_of(error: Exception) -> str:
    """The engine's exception in one line, with its class: it names an engine defect."""
    text = str(error).splitlines()[0] if str(error).strip() else ""
    return f"{type(error).__name__}: {text}" if text else type(error).__name__


def render_failure(reason: str, key: str | None) -> Diagnostic:
    return Diagnostic(
        Severity.ERROR,
        Code.RENDER_FAILED,
        f"the style engine failed on this entry ({reason}); entry skipped",
        SourceSpan("", 0, key) if key else None,
    )


def _first_item_with(message: str, items: Sequence[dict[str, Any]]) -> str | None:
    """Warnings raised while the engine reads all items name a field, not an item: the key
    of the first item that has that field."""
    unsupported = _UNSUPPORTED.fullmatch(message)
    if not unsupported:
        return None
    names = {name.strip().replace("_", "-") for name in unsupported[1].split(",")}
    return next((str(item["id"]) for item in items if names.intersection(item)), None)


def warnings_to_diagnostics(caught: list[warnings.WarningMessage]) -> list[Diagnostic]:
    return messages_to_diagnostics([(message, None) for message in messages(caught)])


def messages(caught: list[warnings.WarningMessage]) -> tuple[str, ...]:
    """The first line of each warning citeproc-py raised."""
    return tuple(str(w.message).splitlines()[0] for w in caught if str(w.message))


def messages_to_diagnostics(found: Iterable[tuple[str, str | None]]) -> list[Diagnostic]:
    """One warning per message, with the key of the first entry that raised it (the writer
    adds its file and line), in words about the data, not the engine's classes (issue 15)."""
    first_key: dict[str, str | None] = {}
    for message, key in found:
        first_key.setdefault(message, key)
    return [
        Diagnostic(
            Severity.WARNING,
            Code.STYLE_WARNING,
            _in_words(message) + (" (reported once, at the first entry)" if key else ""),
            SourceSpan("", 0, key) if key else None,
        )
        for message, key in first_key.items()
    ]


_UNSUPPORTED = lazy_regex.compile(r"The following arguments for \w+ are unsupported: (.*)")


def _in_words(message: str) -> str:
    unsupported = _UNSUPPORTED.fullmatch(message)
    if unsupported:
        names = ", ".join(name.strip().replace("_", "-") for name in unsupported[1].split(","))
        return f"the style engine cannot print {names}; left out"
    return f"style engine: {message}"
