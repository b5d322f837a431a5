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

from citeconv.diagnostics import Code, Diagnostic, Severity

RenderedHtml = tuple[str | None, tuple[str, ...]]  # citeproc-py's HTML (None: empty), warnings


@dataclass(frozen=True)
class RenderedEntry:
    item_id: str
    html: str  # citeproc-py's HTML formatter output (our values arrive pre-escaped)


@dataclass(frozen=True)
class StyleFacts:
    numbered: bool  # bibliography uses second-field-align (a citation-number column)
    year_suffix: bool  # citations disambiguate by year suffix (2020a), which we precompute
    bibliography: bool  # the style defines a bibliography


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
    entries = [
        RenderedEntry(str(items[position]["id"]), html)
        for position, (html, _) in zip(ordered.order, rendered, strict=True)
        if html is not None
    ]
    messages = [*ordered.warnings, *(m for _, found in rendered for m in found)]
    return entries, messages_to_diagnostics(messages)


def warnings_to_diagnostics(caught: list[warnings.WarningMessage]) -> list[Diagnostic]:
    return messages_to_diagnostics(messages(caught))


def messages(caught: list[warnings.WarningMessage]) -> tuple[str, ...]:
    """The first line of each warning citeproc-py raised."""
    return tuple(str(w.message).splitlines()[0] for w in caught if str(w.message))


def messages_to_diagnostics(found: Iterable[str]) -> list[Diagnostic]:
    return [
        Diagnostic(Severity.WARNING, Code.STYLE_WARNING, f"citeproc-py: {message}")
        for message in dict.fromkeys(found)
    ]
