"""The hub -> a bibliography in any CSL style, one entry per line, in the style's order."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import PurePath
from typing import Any

from citeconv.csl import Bibliography, CslItem
from citeconv.diagnostics import Diagnostic, Result
from citeconv.formats import Markup, WriteOptions
from citeconv.rendering import citeproc, parallel
from citeconv.rendering.disambiguation import add_year_suffixes
from citeconv.rendering.markup import html_to_markdown, html_to_rst, html_to_text, restore_html
from citeconv.rendering.names_etal import others_to_et_al
from citeconv.rendering.prepare import prepare_item, rules_for

# citeproc-py glues the citation number to the entry (`1.Koutras`); citeproc-js puts them in
# two blocks. One space is what a reader of a plain list expects.
_NUMBER_COLUMN = re.compile(r"^((?:<[^>]+>)*[\[(]?\d+[\].)]?(?:</[^>]+>)*)(?=\S)")
# A value ending in `?`, `!` or an abbreviating period takes no period after it (`Can we get
# better at forgetting? The New York Times`, `Phys. Rev. Lett.`); citeproc-js drops it,
# citeproc-py prints `?.` and `Lett..`. An ellipsis (`...`) is left alone.
_DOUBLED_PERIOD = re.compile(r"(?<!\.)([?!.])((?:</[^>]+>)*)\.(?!\.)")

MARKUPS: dict[Markup, Callable[[str], str]] = {
    "text": html_to_text,
    "html": lambda fragment: f'<div class="csl-entry">{fragment}</div>',
    "markdown": html_to_markdown,
    "rst": html_to_rst,
}


def prepare_items(
    items: Sequence[CslItem], style_path: str, options: WriteOptions
) -> list[dict[str, Any]]:
    """What citeproc-py is handed: style conventions applied, year suffixes, markup hidden."""
    rules = rules_for(PurePath(style_path).stem)
    prepared = [prepare_item(dict(item), rules, options.title_case) for item in items]
    if citeproc.style_facts(style_path, options.locale).year_suffix:
        prepared = add_year_suffixes(prepared)
    return prepared


def finish(fragment: str, *, comma_before_et_al: bool, style_path: str) -> str:
    """citeproc-py HTML with our placeholders -> the final HTML fragment."""
    fragment = others_to_et_al(restore_html(fragment), comma_before_et_al)
    fragment = _DOUBLED_PERIOD.sub(r"\1\2", fragment)
    if rules_for(PurePath(style_path).stem).family == "apa":
        fragment = fragment.replace(", \u2026 ", ", . . . ")  # APA 7 §9.8: 19 names, . . ., last
    return fragment


# One entry per line, always: a line break inside a value (a wrapped URL) becomes a space.
_LINE_BREAKS = re.compile(r"\s*[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]\s*")


def write_styled(bibliography: Bibliography, options: WriteOptions, style_path: str) -> Result[str]:
    prepared = prepare_items(bibliography.items, style_path, options)
    entries, diagnostics = parallel.render_bibliography(
        prepared,
        style_path,
        options.locale,
        parallel.Parallelism(options.jobs, options.parallel_min_entries),
        options.render_memo,
    )
    numbered = citeproc.style_facts(style_path, options.locale).numbered
    lines = []
    for entry in entries:
        fragment = finish(entry.html, comma_before_et_al=True, style_path=style_path)
        if numbered:
            fragment = _NUMBER_COLUMN.sub(r"\1 ", fragment, count=1)
        lines.append(_LINE_BREAKS.sub(" ", MARKUPS[options.markup](fragment)))
    # Markdown and reST join adjacent lines into one paragraph: a blank line keeps entries apart.
    separator = "\n\n" if options.markup in ("markdown", "rst") else "\n"
    located = tuple(_located(diagnostic, bibliography) for diagnostic in diagnostics)
    return Result(separator.join(lines) + "\n" if lines else "", located)


def _located(diagnostic: Diagnostic, bibliography: Bibliography) -> Diagnostic:
    """A style warning names its entry's key; the entry's file and line come from the hub."""
    key = diagnostic.span.key if diagnostic.span else None
    span = bibliography.span_of(key) if key else None
    return replace(diagnostic, span=span) if span is not None else diagnostic


def cite_styled(
    bibliography: Bibliography,
    clusters: Sequence[Sequence[str]],
    options: WriteOptions,
    style_path: str,
) -> Result[list[str]]:
    """In-text citations, one per cluster of keys, numbered in order of first citation.

    Year suffixes are computed over the whole bibliography so `2020a` matches the reference
    list; only cited items are registered, so numeric styles count from 1 in citation order."""
    prepared = prepare_items(bibliography.items, style_path, options)
    by_key = {str(item["id"]): index for index, item in enumerate(prepared)}
    cited: list[int] = list(dict.fromkeys(by_key[key] for cluster in clusters for key in cluster))
    position = {index: order for order, index in enumerate(cited)}
    texts, diagnostics = citeproc.render_citations(
        [prepared[index] for index in cited],
        [[position[by_key[key]] for key in cluster] for cluster in clusters],
        style_path,
        options.locale,
    )
    rendered = [
        MARKUPS[options.markup](
            finish(text, comma_before_et_al=False, style_path=style_path)
        ).removeprefix('<div class="csl-entry">')
        for text in texts
    ]
    if options.markup == "html":
        rendered = [text.removesuffix("</div>") for text in rendered]
    return Result(rendered, tuple(diagnostics))
