"""The only citeproc-py adapter: prepared CSL items + a style file -> HTML entries in style order.

citeproc-py lowercases ids, so items are handed over under positional ids and mapped back. It
also warns through `warnings`; those become `style-warning` diagnostics here, never raw output.
Engine defects are patched once, at import, by the units rendering/engine_units.py installs in
order; they never import citeproc-py themselves: the adapter hands them its modules. What it
returns is defined in rendering/engine_output.py, the sort key patch in rendering/sort_keys.py.
"""

from __future__ import annotations

import io
import warnings
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache
from pathlib import PurePath
from typing import Any

from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, model
from citeproc import formatter as citeproc_formatters
from citeproc import source as citeproc_source
from citeproc import string as citeproc_string
from citeproc.source.json import CiteProcJSON
from lxml.etree import XMLSyntaxError

from citeconv.diagnostics import Diagnostic
from citeconv.errors import InvalidStyle
from citeconv.forked_map import forked_map
from citeconv.rendering import (
    ambiguity,
    author_substitute,
    cite_locators,
    dates,
    display,
    engine_units,
    flipflop,
    legacy_variables,
    names,
    names_etal,
    positions,
    sort_keys,
    style_nodes,
)
from citeconv.rendering.clusters import Cluster
from citeconv.rendering.engine_output import (
    RegisteredBibliography,
    RenderedEntry,
    RenderedHtml,
    SortedBibliography,
    StyleFacts,
    assemble_entries,
    failure_message,
    messages,
    warnings_to_diagnostics,
)
from citeconv.rendering.prepare import rules_for
from citeconv.rendering.sort_keys import SortKeyColumn


@lru_cache(maxsize=8)
def load_style(path: str, locale: str | None) -> CitationStylesStyle:
    """Parse a style once per process; a broken file is a fatal InvalidStyle."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            if path.isascii():
                style = CitationStylesStyle(path, locale=locale, validate=False)
            else:  # the parser encodes a name to UTF-8: a Latin-1 `caf\xe9.csl` is opened here
                with open(path, "rb") as source:  # bytes, not the file: its name goes too
                    data = io.BytesIO(source.read())
                style = CitationStylesStyle(data, locale=locale, validate=False)
    except OSError as error:
        raise InvalidStyle(f"{path}: cannot read style file: {error.strerror}") from error
    except XMLSyntaxError as error:
        raise InvalidStyle(f"{path}: not well-formed XML: {error}") from error
    except (ValueError, KeyError, AttributeError, IndexError, TypeError) as error:
        # Locales are checked before a style is loaded (locales.resolve_locale): what fails
        # here is the style file.
        raise InvalidStyle(f"{path}: cannot load style: {error}") from error
    if getattr(style.root, "citation", None) is None:
        raise InvalidStyle(f"{path}: not a CSL style (no <citation> element)")
    style_nodes.drop_processing_instructions(style.root)
    display.install_for(model, style.root)
    flipflop.install_for(model, style.root)
    if rules_for(PurePath(path).stem).family in ("apa", "nlm"):  # the manuals citeconv follows
        names_etal.comma_after_inverted_name(style.root)
    return style


@lru_cache(maxsize=8)
def style_facts(path: str, locale: str | None) -> StyleFacts:
    root = load_style(path, locale).root
    bibliography, citation = root.bibliography, root.citation
    numbered = bibliography is not None and bibliography.get("second-field-align") is not None
    year_suffix = citation.get("disambiguate-add-year-suffix") == "true"
    adds_names = citation.get("disambiguate-add-names") == "true"
    term = root.get_term("et-al")
    et_al = (term.text or "").strip() if term is not None else ""
    # As the cache decides it from the style's bytes (rendering/cache.style_prints_position).
    positional = any("citation-number" in v for e in root.iter() for v in e.attrib.values())
    return StyleFacts(
        numbered, year_suffix, bibliography is not None, adds_names, et_al or "et al.", positional
    )


def cite_texts(
    items: list[dict[str, Any]],
    path: str,
    locale: str | None,
    jobs: int = 1,
    min_entries: int = 0,
) -> list[str]:
    """Each item's cite rendered alone (first position), after names were added where the
    style disambiguates by them: cites that still print alike need a year suffix. A pass of
    disambiguation renders only the cites of works it changed, in `jobs` forked processes
    when there are at least `min_entries` of them (thousands of works by one family name)."""
    style = load_style(path, locale)
    positional = [{**item, "id": f"i{index}"} for index, item in enumerate(items)]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        engine = CitationStylesBibliography(
            style, CiteProcJSON(positional), citeproc_formatters.html
        )
        for item in positional:
            engine.register(Citation([CitationItem(item["id"])]))
        render = _cite_alone(style, engine)
        render_many = ambiguity.rendered_when_changed(
            lambda keys: forked_map(render, keys, jobs, min_entries),
            lambda key: ambiguity.disambiguation_state(engine.source[key]),
        )

        ids = [str(item["id"]) for item in positional]
        texts = dict(zip(ids, render_many(ids), strict=True))
        # Names are added only among cites that print alike: most differ at once.
        alike = {text for text, count in Counter(texts.values()).items() if count > 1}
        colliding = [key for key, text in texts.items() if text in alike]
        if colliding:
            engine.keys[:] = colliding
            _disambiguate(style, engine, render_many)
            texts.update(zip(colliding, render_many(colliding), strict=True))
        return [texts[key] for key in ids]


def render_bibliography(
    items: Sequence[dict[str, Any]], path: str, locale: str | None
) -> tuple[list[RenderedEntry], list[Diagnostic]]:
    ordered = sort_bibliography(items, path, locale)
    return assemble_entries(items, ordered, render_sorted(ordered, range(len(ordered.order))))


def sort_bibliography(
    items: Sequence[dict[str, Any]], path: str, locale: str | None
) -> SortedBibliography:
    return sort_registered(register_bibliography(items, path, locale))


def register_bibliography(
    items: Sequence[dict[str, Any]], path: str, locale: str | None
) -> RegisteredBibliography:
    style = load_style(path, locale)
    if not style.has_bibliography():
        raise InvalidStyle(f"{path}: the style defines no bibliography")
    positional = [{**_engine_item(item), "id": f"i{index}"} for index, item in enumerate(items)]
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
    return RegisteredBibliography(bibliography, messages(caught), keys, layout)


def sort_key_values(
    registered: RegisteredBibliography, key_index: int, indices: Sequence[int]
) -> SortKeyColumn:
    """The keys of one <key> of the style's sort for the registered items at `indices`, as
    citeproc-py's `Key.sort_keys` computes them (the same call, on those items)."""
    chunk = [registered.engine.items[index] for index in indices]
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        column = registered.sort_keys[key_index].sort_keys(chunk, registered.layout)
    return list(column), messages(caught)


def sort_registered(
    registered: RegisteredBibliography, columns: Sequence[SortKeyColumn] | None = None
) -> SortedBibliography:
    """Sort in the style's order; with `columns` (all items, one per <key>), citeproc-py
    compares those instead of computing the keys itself."""
    bibliography = registered.engine
    found = registered.warnings
    if columns is not None:
        found += tuple(message for _, messages in columns for message in messages)
    with (
        sort_keys.precomputed(registered.sort_keys, columns, bibliography.items),
        warnings.catch_warnings(record=True) as caught,
    ):
        warnings.simplefilter("always")
        bibliography.sort()
    order = tuple(int(key[1:]) for key in bibliography.keys)
    return SortedBibliography(
        order, found + messages(caught), tuple(bibliography.items), registered.layout
    )


def render_sorted(ordered: SortedBibliography, ranks: Iterable[int]) -> list[RenderedHtml]:
    """The entries at these ranks of the style's order, each rendered on its own."""
    rendered: list[RenderedHtml] = []
    finish = flipflop.finisher(ordered.layout)
    for rank in ranks:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            try:
                html = _rendered_entry(ordered, rank, finish)
            except Exception as error:  # an engine defect on this entry: it alone is lost
                rendered.append((None, (*messages(caught), failure_message(error))))
                continue
        rendered.append((html, messages(caught)))
    return rendered


def _rendered_entry(
    ordered: SortedBibliography, rank: int, finish: Callable[[str], str]
) -> str | None:
    texts = ordered.layout.render_bibliography([ordered.entries[rank]])
    return finish(str(texts[0])) if texts else None


def render_cluster_sequence(
    items: Sequence[dict[str, Any]], clusters: Sequence[Cluster], path: str, locale: str | None
) -> tuple[list[str], list[RenderedEntry], list[Diagnostic]]:
    """Every cluster of a document (HTML, in order) and the cited works' entries in style order.

    Works are registered in order of first citation, so numbered styles count in that order."""
    style = load_style(path, locale)
    positional = [{**_engine_item(item), "id": f"i{index}"} for index, item in enumerate(items)]
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
        finish = flipflop.finisher(style.root.citation.layout)
        rendered: list[str] = []
        first_notes: dict[str, int] = {}
        # A cluster cited again prints again as before unless the style asks where it stands:
        # 60,000 `[@doe]` took 17 s, one rendering each (issue 15).
        again: dict[tuple[Any, ...], str] | None = (
            None if positions.cites_depend_on_position(style.root) else {}
        )
        for cluster, citation in zip(clusters, citations, strict=True):
            if again is not None and cluster.items in again:
                rendered.append(again[cluster.items])
                continue
            positions.note_numbers_before(citation, engine.source, first_notes)
            text = display.without_blocks(finish(str(engine.cite(citation, _ignore) or "")))
            cited_in = style.root.citation.layout
            rendered.append(positions.capitalized_ibid(text, citation.cites, cited_in))
            positions.note_numbers_after(citation, first_notes)
            if again is not None:
                again[cluster.items] = rendered[-1]
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
                    html = finish(str(texts[0]))
                    entries.append(RenderedEntry(item_id, html))
            entries = author_substitute.in_entries(entries, layout)
    return rendered, entries, warnings_to_diagnostics(caught)


def _engine_item(item: dict[str, Any]) -> dict[str, Any]:
    """An item as the engine can read it: typographic names, readable dates, new names."""
    return legacy_variables.with_new_names(dates.engine_dates(names.typographic_names(item)))


def _disambiguate(
    style: CitationStylesStyle,
    engine: CitationStylesBibliography,
    render_many: ambiguity.RenderMany | None = None,
) -> Callable[[str], str]:
    """Names added where cites of different works print alike (rendering/ambiguity.py);
    returns the function that renders a work's cite alone."""
    citation_element = style.root.citation
    add_names = citation_element.get("disambiguate-add-names") == "true"
    rule = None
    if citation_element.get("disambiguate-add-givenname") == "true":
        rule = citation_element.get("givenname-disambiguation-rule", "by-cite")

    render_alone = _cite_alone(style, engine)
    tests = _tests_disambiguate(style)
    if add_names or rule is not None or tests:
        ambiguity.disambiguate(
            engine.keys, engine.source, render_alone, add_names, rule, render_many, tests
        )
    return render_alone


def _cite_alone(
    style: CitationStylesStyle, engine: CitationStylesBibliography
) -> Callable[[str], str]:
    """A work's cite rendered on its own, in first position."""

    def render_alone(key: str) -> str:
        probe = CitationStylesBibliography(style, engine.source, citeproc_formatters.html)
        citation = Citation([CitationItem(key)])
        probe.register(citation)
        return str(probe.cite(citation, _ignore) or "")

    return render_alone


def _tests_disambiguate(style: CitationStylesStyle) -> bool:
    return any(node.get("disambiguate") for node in style.root.iter())


def _citation(cluster: Cluster, key_of: dict[str, str]) -> Citation:
    cites = []
    for cite in cluster.items:
        fields: dict[str, Any] = {}
        if cite.locator is not None:
            locator = cite_locators.written(cite.locator)
            fields["locator"] = citeproc_source.Locator(cite.label or "page", locator)
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


engine_units.install(model, citeproc_string, citeproc_source, CitationItem)
