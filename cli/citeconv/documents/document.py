"""A document with pandoc citations + a bibliography -> the document with rendered citations
and its reference list, in one engine run so numbering and disambiguation span the document.

Pure: text in, text and diagnostics out; the command and the Sphinx and MkDocs adapters do IO.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from citeconv import lazy_regex
from citeconv.diagnostics import Code, Diagnostic, Result, Severity, SourceSpan
from citeconv.documents.bibliography import about_cited
from citeconv.documents.citations import Citation, empty_items, find_citations
from citeconv.documents.syntax import Syntax, citation_markup, code_spans, markers, reference_list
from citeconv.formats import suggest
from citeconv.rendering.clusters import CiteItem, Cluster, render_clusters
from citeconv.rendering.columns import COLUMN_BREAK, one_line

_COLUMNS = lazy_regex.compile(
    r'<div class="csl-left-margin">(.*)</div><div class="csl-right-inline">(.*)</div>', re.S
)

_MARKUP = lazy_regex.compile(r"<[^<>]*>|&#?\w+;")  # tags and character references
_WORD = lazy_regex.compile(r"[^\W_]")


@dataclass(frozen=True)
class Resolved:
    """The document's citations with their ids matched to the bibliography."""

    citations: list[Citation]
    diagnostics: list[Diagnostic]


def cite_document(
    text: str,
    source: str,
    items: Sequence[Mapping[str, Any]],
    style: str,
    *,
    syntax: Syntax,
    locale: str | None = None,
    read: Sequence[Diagnostic] = (),
) -> Result[str]:
    """Citations replaced, the reference list at each marker (as pandoc fills every refs div)
    or else at the end.

    A bracketed citation of a key the bibliography lacks is an error (`unknown-key`); a bare
    `@word` that is no key is a warning, since it may be ordinary text (`@mention`). Either is
    left as written. Of the diagnostics of reading the bibliography (`read`), those about works
    the document does not cite come back as info (documents/bibliography.py, `about_cited`)."""
    code = code_spans(text, syntax)
    found = find_citations(text, code)
    resolved = resolve_keys(found, [str(item["id"]) for item in items], source)
    rendered = render_citations(resolved.citations, items, style, locale, source)
    out = _replace(text, resolved.citations, rendered.value[0], syntax)
    empty = [
        printed_nothing(citation, source)
        for citation, html in zip(resolved.citations, rendered.value[0], strict=True)
        if not html
    ]
    return Result(
        _place_list(out, reference_list(rendered.value[1], syntax), syntax),
        (
            *about_cited(read, cited_keys(found), missing(resolved)),
            *(_empty_item(line, source) for line in empty_items(text, code)),
            *resolved.diagnostics,
            *rendered.diagnostics,
            *empty,
        ),
    )


def cited_keys(citations: Sequence[Citation]) -> set[str]:
    """The keys as the citations write them, known to the bibliography or not."""
    return {item.id for citation in citations for item in citation.items}


def missing(resolved: Resolved) -> bool:
    """Whether a citation names a key the bibliography lacks."""
    return any(d.code == Code.UNKNOWN_KEY for d in resolved.diagnostics)


def resolve_keys(citations: list[Citation], known: list[str], source: str) -> Resolved:
    """Ids matched case-insensitively, as BibTeX does. Each unknown one is reported, and a
    citation holding one is left out, so its text stays as written."""
    by_folded = {key.casefold(): key for key in reversed(known)}
    kept: list[Citation] = []
    diagnostics: list[Diagnostic] = []
    for citation in citations:
        items = []
        for item in citation.items:
            key = by_folded.get(item.id.casefold())
            if key is None:
                # A bare `@word` may be a handle, not a citation; with a locator it is one.
                cited = citation.bracketed or item.locator is not None
                severity = Severity.ERROR if cited else Severity.WARNING
                message = f"citation key '{item.id}' is not in the bibliography"
                diagnostics.append(
                    Diagnostic(
                        severity,
                        Code.UNKNOWN_KEY,
                        message + suggest(item.id, known) + "; left as written",
                        SourceSpan(source, citation.line),
                    )
                )
            else:
                items.append(replace(item, id=key))
        if items and len(items) == len(citation.items):
            kept.append(replace(citation, items=tuple(items)))
    return Resolved(kept, diagnostics)


def render_citations(
    citations: list[Citation],
    items: Sequence[Mapping[str, Any]],
    style: str,
    locale: str | None,
    source: str = "<document>",
) -> Result[tuple[list[str], tuple[str, ...]]]:
    """Each citation's HTML and the reference list's entries. `@key [p. 3]` is two clusters:
    the author alone, then the rest without the author (`Doe (2020, p. 3)`)."""
    clusters: list[Cluster] = []
    for citation in citations:
        if citation.author_in_text:
            cite = citation.items[0]
            clusters.append(Cluster((CiteItem(cite.id, author_only=True),)))
            clusters.append(Cluster((replace(cite, suppress_author=True),)))
        else:
            clusters.append(Cluster(citation.items))
    # Only the cited works go to the engine: year suffixes (2019a) are then those of the
    # document's own reference list, and a large bibliography costs no rendering time.
    cited = {cite.id for citation in citations for cite in citation.items}
    used = [item for item in items if str(item["id"]) in cited]
    result = render_clusters(used, clusters, style, locale=locale)
    entries = tuple(_one_line(entry) for entry in result.value.bibliography)
    texts = iter(result.value.clusters)
    by_id = {str(item["id"]): item for item in items}
    out = []
    nameless = []
    for citation in citations:
        if citation.author_in_text:
            author = next(texts) or _family_names(by_id[citation.items[0].id])
            rest = next(texts)
            if not author:  # as pandoc: what the style prints without it, never the key
                nameless.append(_nameless(citation, source))
            # As pandoc: parentheses only around something (`Doe (12)`); where the style
            # prints nothing without the author (MLA with no locator), the author alone.
            out.append(" ".join(p for p in (author, rest if prints_something(rest) else "") if p))
        else:
            text = next(texts)
            out.append(text if prints_something(text) else "")
    return result.then((out, entries), nameless)


def prints_something(html: str) -> bool:
    """Whether a rendered citation holds a letter or digit, not only the layout's affixes and
    delimiters (`()`, `[]`): every name, year, number or title has one."""
    return _WORD.search(_MARKUP.sub("", html)) is not None


def _empty_item(line: int, source: str) -> Diagnostic:
    return Diagnostic(
        Severity.WARNING,
        Code.SYNTAX_ERROR,
        "an empty item (`;;`, or `;` before `]`) makes this bracket text, not one citation, "
        "as in pandoc: each key in it is cited on its own",
        SourceSpan(source, line),
    )


def printed_nothing(citation: Citation, source: str) -> Diagnostic:
    """The warning for a citation the style prints nothing for (`[-@doe]` in MLA: neither the
    author nor a locator), which is left out of the text, as pandoc does, warning of a
    citation with no printed form."""
    keys = ", ".join(f"'{item.id}'" for item in citation.items)
    return Diagnostic(
        Severity.WARNING,
        Code.STYLE_WARNING,
        f"the style prints nothing for the citation of {keys}; left out",
        SourceSpan(source, citation.line),
    )


def _one_line(entry: str) -> str:
    """A numbered entry's two columns (`csl-left-margin`, `csl-right-inline`) as one line of
    text, as the reference list of `convert` writes them (`1. Doe J`)."""
    match = _COLUMNS.fullmatch(entry)
    return one_line(match.group(1) + COLUMN_BREAK + match.group(2)) if match else entry


def _family_names(item: Mapping[str, Any]) -> str:
    """The author in the text where the style prints none (numeric styles): `Doe`, `Doe and
    Roe`, `Doe et al.`, as pandoc writes them."""
    names = [n.get("family") or n.get("literal") or "" for n in item.get("author") or ()]
    if len(names) > 2:
        return f"{names[0]} et al."
    return " and ".join(names) or str(item.get("title") or "")


def _nameless(citation: Citation, source: str) -> Diagnostic:
    return Diagnostic(
        Severity.WARNING,
        Code.STYLE_WARNING,
        f"entry '{citation.items[0].id}' has no author or title to name in the text; the"
        " citation prints without them",
        SourceSpan(source, citation.line),
    )


def _replace(text: str, citations: list[Citation], rendered: list[str], syntax: Syntax) -> str:
    out: list[str] = []
    position = 0
    for citation, html in zip(citations, rendered, strict=True):
        before = text[position : citation.start]
        # A citation that prints nothing takes the space before it along (`x [-@doe].` -> `x.`)
        out.append(before if html else before.rstrip(" \t"))
        out.append(citation_markup(html, syntax))
        position = citation.end
    out.append(text[position:])
    return "".join(out)


def _place_list(text: str, entries: str, syntax: Syntax) -> str:
    spans = markers(text, syntax)
    if spans:
        out: list[str] = []
        position = 0
        for start, end in spans:
            out += [text[position:start], entries]
            position = end
        return "".join(out) + text[position:]
    if not entries:
        return text
    return text.rstrip("\n") + "\n\n" + entries + "\n"
