"""The only citeproc-py adapter: prepared CSL items + a style file -> HTML entries in style order.

citeproc-py lowercases ids, so items are handed over under positional ids and mapped back. It
also warns through `warnings`; those become `style-warning` diagnostics here, never raw output.
A few engine defects are patched once, below (each is pinned in tests/KNOWN_DIFFERENCES.md).
"""

from __future__ import annotations

import html
import re
import warnings
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, model
from citeproc import formatter as citeproc_formatters
from citeproc import source as citeproc_source
from citeproc import string as citeproc_string
from citeproc.source.json import CiteProcJSON
from lxml.etree import XMLSyntaxError

from citeconv.diagnostics import Code, Diagnostic, Severity, SourceSpan
from citeconv.errors import InvalidStyle
from citeconv.rendering import (
    ambiguity,
    collapse,
    columns,
    engine_patches,
    givennames,
    names,
    positions,
    punctuation,
    speedups,
    substitute,
    text_case,
    year_suffix,
)
from citeconv.rendering.clusters import Cluster
from citeconv.rendering.punctuation import set_quote_punctuation


@dataclass(frozen=True)
class RenderedEntry:
    item_id: str
    html: str  # citeproc-py's HTML formatter output (our values arrive pre-escaped)


@dataclass(frozen=True)
class StyleFacts:
    numbered: bool  # bibliography uses second-field-align (a citation-number column)
    year_suffix: bool  # citations disambiguate by year suffix (2020a), which we precompute
    bibliography: bool  # the style defines a bibliography


@lru_cache(maxsize=8)
def load_style(path: str, locale: str | None) -> CitationStylesStyle:
    """Parse a style once per process; a broken file is a fatal InvalidStyle."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            style = CitationStylesStyle(path, locale=locale, validate=False)
    except XMLSyntaxError as error:
        raise InvalidStyle(f"{path}: not well-formed XML: {error}") from error
    except (ValueError, KeyError, AttributeError, IndexError, TypeError) as error:
        # Locales are checked before a style is loaded (locales.resolve_locale): what fails
        # here is the style file.
        raise InvalidStyle(f"{path}: cannot load style: {error}") from error
    if getattr(style.root, "citation", None) is None:
        raise InvalidStyle(f"{path}: not a CSL style (no <citation> element)")
    return style


def style_facts(path: str, locale: str | None) -> StyleFacts:
    root = load_style(path, locale).root
    bibliography, citation = root.bibliography, root.citation
    numbered = bibliography is not None and bibliography.get("second-field-align") is not None
    year_suffix = citation.get("disambiguate-add-year-suffix") == "true"
    return StyleFacts(numbered, year_suffix, bibliography is not None)


def style_order(items: list[dict[str, Any]], path: str, locale: str | None) -> tuple[int, ...]:
    """The positions of `items` in the order of the style's bibliography."""
    return sort_bibliography(items, path, locale).order


def render_bibliography(
    items: Sequence[dict[str, Any]], path: str, locale: str | None
) -> tuple[list[RenderedEntry], list[Diagnostic]]:
    ordered = sort_bibliography(items, path, locale)
    return assemble_entries(items, ordered, render_sorted(ordered, range(len(ordered.order))))


# Sorting is global; rendering one entry depends only on the item and its position. The split
# lets rendering/parallel.py render entries in worker processes and rendering/cache.py skip
# cached ones.
RenderedHtml = tuple[str | None, tuple[str, ...]]  # citeproc-py's HTML (None: empty), warnings


@dataclass(frozen=True)
class SortedBibliography:
    order: tuple[int, ...]  # positions of the input items, in the style's order
    warnings: tuple[str, ...]  # raised while reading and sorting the items
    entries: tuple[Any, ...]  # citeproc-py's CitationItems in that order
    layout: Any  # the style's bibliography layout


def sort_bibliography(
    items: Sequence[dict[str, Any]], path: str, locale: str | None
) -> SortedBibliography:
    return sort_registered(register_bibliography(items, path, locale))


# Sorting computes one column of keys per <key> of the style's <sort> (rendering a macro for
# every item, a fifth of an APA run) and then compares them. Each key depends only on its item,
# so rendering/parallel.py can compute the columns for chunks of items in worker processes.
SortKeyColumn = tuple[list[Any], tuple[str, ...]]  # one key per item, and the warnings raised


@dataclass(frozen=True)
class RegisteredBibliography:
    engine: Any  # citeproc-py's CitationStylesBibliography, items registered, not yet sorted
    warnings: tuple[str, ...]  # raised while reading the items
    sort_keys: tuple[Any, ...]  # the style's bibliography <sort><key> elements
    layout: Any  # the style's bibliography layout


def register_bibliography(
    items: Sequence[dict[str, Any]], path: str, locale: str | None
) -> RegisteredBibliography:
    style = load_style(path, locale)
    if not style.has_bibliography():
        raise InvalidStyle(f"{path}: the style defines no bibliography")
    positional = [
        {**names.typographic_names(item), "id": f"i{index}"} for index, item in enumerate(items)
    ]
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        source = CiteProcJSON(positional)
        bibliography = CitationStylesBibliography(style, source, citeproc_formatters.html)
        # `register` without its `key not in keys` list scan (quadratic): ids are unique here.
        for item in positional:
            citation = Citation([CitationItem(item["id"])])
            citation.bibliography = bibliography
            cite = citation.cites[0]
            if cite.key in source:
                bibliography.keys.append(cite.key)
                bibliography.items.append(cite)
    sort = style.root.bibliography.find("cs:sort", model.CitationStylesElement.nsmap)
    keys = () if sort is None else tuple(sort.findall("cs:key", sort.nsmap))
    layout = style.root.bibliography.layout
    return RegisteredBibliography(bibliography, _messages(caught), keys, layout)


def sort_key_columns(
    registered: RegisteredBibliography, start: int, stop: int
) -> list[SortKeyColumn]:
    """The sort keys of the registered items start..stop, one column per <key>, as citeproc-py's
    `Key.sort_keys` computes them (the same calls, on a slice of the same items)."""
    chunk = registered.engine.items[start:stop]
    columns = []
    for key in registered.sort_keys:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            column = key.sort_keys(chunk, registered.layout)
        columns.append((list(column), _messages(caught)))
    return columns


def sort_registered(
    registered: RegisteredBibliography, columns: Sequence[SortKeyColumn] | None = None
) -> SortedBibliography:
    """Sort in the style's order; with `columns` (all items, one per <key>), citeproc-py
    compares those instead of computing the keys itself."""
    bibliography = registered.engine
    found = registered.warnings
    if columns is not None:
        found += tuple(message for _, messages in columns for message in messages)
        _precomputed.update(
            zip(registered.sort_keys, [column for column, _ in columns], strict=True)
        )
        _precomputed_for[:] = [bibliography.items]
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            bibliography.sort()
    finally:
        _precomputed.clear()
        _precomputed_for.clear()
    order = tuple(int(key[1:]) for key in bibliography.keys)
    return SortedBibliography(
        order, found + _messages(caught), tuple(bibliography.items), registered.layout
    )


# Sort key columns computed elsewhere, for the one items list being sorted right now.
_precomputed: dict[Any, list[Any]] = {}
_precomputed_for: list[Any] = []


def _sort_keys_or_precomputed(original: Any) -> Any:
    def sort_keys(self: Any, items: Any, context: Any) -> Any:
        column = _precomputed.get(self)
        if column is not None and _precomputed_for and items is _precomputed_for[0]:
            return column
        return [_plain_sort_key(key) for key in original(self, items, context)]

    return sort_keys


_MARKUP_IN_KEY = re.compile(r"<[^>]+>|[\ue000-\ue0ff]")


def _plain_sort_key(key: Any) -> Any:
    """A rendered key compares by its text: `<i>Beowulf</i>` (a title in place of a missing
    author) sorts under B, not before every name (APA 7 §9.48)."""
    if not isinstance(key, str | citeproc_string.String | citeproc_string.MixedString):
        return key  # None, numbers and date keys compare as they are
    text = str(key)
    return html.unescape(_MARKUP_IN_KEY.sub("", text)) if _MARKUP_IN_KEY.search(text) else key


def render_sorted(ordered: SortedBibliography, ranks: Iterable[int]) -> list[RenderedHtml]:
    """The entries at these ranks of the style's order, each rendered on its own."""
    rendered: list[RenderedHtml] = []
    inside = _punctuation_in_quote(ordered.layout)
    for rank in ranks:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            texts = ordered.layout.render_bibliography([ordered.entries[rank]])
        html = set_quote_punctuation(str(texts[0]), inside=inside) if texts else None
        rendered.append((html, _messages(caught)))
    return rendered


def _punctuation_in_quote(element: Any) -> bool:
    return str(element.get_locale_option("punctuation-in-quote")).lower() == "true"


def assemble_entries(
    items: Sequence[dict[str, Any]], ordered: SortedBibliography, rendered: Sequence[RenderedHtml]
) -> tuple[list[RenderedEntry], list[Diagnostic]]:
    entries = [
        RenderedEntry(str(items[position]["id"]), html)
        for position, (html, _) in zip(ordered.order, rendered, strict=True)
        if html is not None
    ]
    keys = [str(items[position]["id"]) for position in ordered.order]
    keyed = [(m, key) for key, (_, found) in zip(keys, rendered, strict=True) for m in found]
    reading = [(m, _first_item_with(m, items)) for m in ordered.warnings]
    return entries, _messages_to_diagnostics([*reading, *keyed])


def _first_item_with(message: str, items: Sequence[dict[str, Any]]) -> str | None:
    """Warnings raised while the engine reads all items name a field, not an item: the key
    of the first item that has that field."""
    unsupported = _UNSUPPORTED.fullmatch(message)
    if not unsupported:
        return None
    names = {name.strip().replace("_", "-") for name in unsupported[1].split(",")}
    return next((str(item["id"]) for item in items if names.intersection(item)), None)


def render_cluster_sequence(
    items: Sequence[dict[str, Any]], clusters: Sequence[Cluster], path: str, locale: str | None
) -> tuple[list[str], list[RenderedEntry], list[Diagnostic]]:
    """Every cluster of a document (HTML, in order) and the cited works' entries in style order.

    Works are registered in order of first citation, so numbered styles count in that order."""
    style = load_style(path, locale)
    positional = [
        {**names.typographic_names(item), "id": f"i{index}"} for index, item in enumerate(items)
    ]
    key_of = {str(item["id"]): f"i{index}" for index, item in enumerate(items)}
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        engine = CitationStylesBibliography(
            style, CiteProcJSON(positional), citeproc_formatters.html
        )
        citations = [_citation(cluster, key_of) for cluster in clusters]
        for citation in citations:
            engine.register(citation)
        _disambiguate(style, engine)
        inside = _punctuation_in_quote(style.root.citation.layout)
        rendered: list[str] = []
        first_notes: dict[str, int] = {}
        for citation in citations:
            positions.note_numbers_before(citation, engine.source, first_notes)
            text = set_quote_punctuation(str(engine.cite(citation, _ignore) or ""), inside=inside)
            rendered.append(positions.capitalized_ibid(text, citation.cites))
            positions.note_numbers_after(citation, first_notes)
        entries: list[RenderedEntry] = []
        if style.has_bibliography():
            engine.sort()
            layout = style.root.bibliography.layout
            for cite in engine.items:
                fresh = CitationItem(cite.key)  # without the cite's locator and options
                Citation([fresh]).bibliography = engine
                texts = layout.render_bibliography([fresh])
                if texts:
                    item_id = str(items[int(cite.key[1:])]["id"])
                    html = set_quote_punctuation(str(texts[0]), inside=inside)
                    entries.append(RenderedEntry(item_id, html))
    return rendered, entries, _warnings_to_diagnostics(caught)


def _disambiguate(style: CitationStylesStyle, engine: CitationStylesBibliography) -> None:
    """Names added where cites of different works print alike (rendering/ambiguity.py)."""
    citation_element = style.root.citation
    add_names = citation_element.get("disambiguate-add-names") == "true"
    rule = None
    if citation_element.get("disambiguate-add-givenname") == "true":
        rule = citation_element.get("givenname-disambiguation-rule", "by-cite")
    if not add_names and rule is None and not _tests_disambiguate(style):
        return

    def render_alone(key: str) -> str:
        probe = CitationStylesBibliography(style, engine.source, citeproc_formatters.html)
        citation = Citation([CitationItem(key)])
        probe.register(citation)
        return str(probe.cite(citation, _ignore) or "")

    ambiguity.disambiguate(engine.keys, engine.source, render_alone, add_names, rule)


def _tests_disambiguate(style: CitationStylesStyle) -> bool:
    return any(node.get("disambiguate") for node in style.root.iter())


def _citation(cluster: Cluster, key_of: dict[str, str]) -> Citation:
    cites = []
    for cite in cluster.items:
        fields: dict[str, Any] = {}
        if cite.locator is not None:
            fields["locator"] = citeproc_source.Locator(cite.label or "page", cite.locator)
        if cite.prefix:
            fields["prefix"] = cite.prefix
        if cite.suffix:
            fields["suffix"] = cite.suffix
        item = CitationItem(key_of[cite.id], **fields)
        item[positions.SUPPRESS_AUTHOR] = cite.suppress_author
        item[positions.AUTHOR_ONLY] = cite.author_only
        cites.append(item)
    citation = Citation(cites)
    citation[positions.NOTE_INDEX] = cluster.note_index
    return citation


def _ignore(item: Any) -> None:
    """citeproc-py calls this for keys it does not know; every key we pass is known."""


def _warnings_to_diagnostics(caught: list[warnings.WarningMessage]) -> list[Diagnostic]:
    return _messages_to_diagnostics([(message, None) for message in _messages(caught)])


def _messages(caught: list[warnings.WarningMessage]) -> tuple[str, ...]:
    return tuple(str(w.message).splitlines()[0] for w in caught if str(w.message))


def _messages_to_diagnostics(messages: Iterable[tuple[str, str | None]]) -> list[Diagnostic]:
    """One warning per message, with the key of the first entry that raised it (the writer
    adds its file and line), in words about the data, not the engine's classes (issue 15)."""
    first_key: dict[str, str | None] = {}
    for message, key in messages:
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


_UNSUPPORTED = re.compile(r"The following arguments for \w+ are unsupported: (.*)")


def _in_words(message: str) -> str:
    unsupported = _UNSUPPORTED.fullmatch(message)
    if unsupported:
        names = ", ".join(name.strip().replace("_", "-") for name in unsupported[1].split(","))
        return f"the style engine cannot print {names}; left out"
    return f"style engine: {message}"


text_case.install(model, citeproc_string)  # before engine_patches wraps Label.case
engine_patches.install(model, citeproc_string)
ambiguity.install(model)
givennames.install(model, citeproc_source)
names.install(model)
substitute.install(model)
speedups.install(model, citeproc_source, CitationItem)
positions.install(model)
collapse.install(model)
columns.install(model)
punctuation.install(model)
year_suffix.install(model)
model.Key.sort_keys = _sort_keys_or_precomputed(model.Key.sort_keys)
