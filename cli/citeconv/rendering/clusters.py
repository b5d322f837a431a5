"""Citation clusters: CSL items + the citations of a document -> rendered citations and the
reference list of the cited works, in one engine run.

A cluster is what a document cites at one place (`[@a, p. 3; @b]`); its `note_index` is the
footnote it sits in (0: in the running text). Positions (first, subsequent, ibid,
ibid-with-locator, near-note), disambiguation over all clusters and collapsing are the engine's
job, so every cluster of a document is rendered in one call, in document order.

    >>> result = render_clusters(items, [Cluster((CiteItem("doe2020", locator="3"),))], "apa")
    >>> result.value.clusters        # ('(Doe, 2020, p. 3)',)
    >>> result.value.bibliography    # the cited works' entries, as HTML fragments

The engine's fixes for citations (rendering/positions.py and the other units) are installed by
rendering/citeproc.py; this module is the stable interface in front of them.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, cast

from citeconv.csl import CslItem
from citeconv.diagnostics import Code, Diagnostic, Result, Severity
from citeconv.errors import CiteconvError, InvalidStyle, UnreadableInput

__all__ = ["CiteItem", "Cluster", "RenderedCitations", "render_clusters"]


@dataclass(frozen=True)
class CiteItem:
    id: str
    locator: str | None = None
    label: str | None = None  # CSL locator label: "page", "chapter", "section", "figure", ...
    prefix: str | None = None
    suffix: str | None = None
    suppress_author: bool = False
    author_only: bool = False


@dataclass(frozen=True)
class Cluster:
    items: tuple[CiteItem, ...]
    note_index: int = 0  # note number for note styles; 0 = in the text


@dataclass(frozen=True)
class RenderedCitations:
    clusters: tuple[str, ...]  # each cluster rendered as HTML (citeproc's HTML), in input order
    bibliography: tuple[str, ...]  # the cited items' reference list, HTML per entry, in style
    # order (numbered styles: numbers in order of first citation; with second-field-align the
    # number is in <div class="csl-left-margin">, the rest in <div class="csl-right-inline">)


def render_clusters(
    items: Sequence[Mapping[str, Any]],
    clusters: Sequence[Cluster],
    style: str,
    *,
    locale: str | None = None,
) -> Result[RenderedCitations]:
    """Render every cluster of a document and the cited works' reference list.

    `style` takes what `--to` takes: an alias, a style id or a path to a .csl file. A cite of
    an id that no item has is left out of its cluster with an error diagnostic."""
    from citeconv.formats import WriteOptions
    from citeconv.locales import resolve_locale
    from citeconv.rendering import citeproc
    from citeconv.rendering.columns import citeproc_js_html, html_columns
    from citeconv.rendering.engine_output import reason_of
    from citeconv.styles import resolve_style
    from citeconv.writers.styled import finish, prepare_items

    path = resolve_style(style).path
    checked_locale = resolve_locale(locale) if locale else None
    hub = _read_items(items)
    prepared = prepare_items(
        cast(list[CslItem], hub.value), path, WriteOptions(markup="html", locale=checked_locale)
    )
    known = {str(item["id"]) for item in prepared}
    missing = [
        Diagnostic(Severity.ERROR, Code.MISSING_FIELD, f"no item with id '{cite.id}'; not cited")
        for cite in dict.fromkeys(c for cluster in clusters for c in cluster.items)
        if cite.id not in known
    ]
    kept = [Cluster(tuple(c for c in cl.items if c.id in known), cl.note_index) for cl in clusters]
    try:
        texts, entries, engine = citeproc.render_cluster_sequence(
            prepared, kept, path, checked_locale
        )
    except CiteconvError:
        raise
    except Exception as error:  # an engine defect: the style cannot render these cites
        raise InvalidStyle(f"{style}: the style engine failed ({reason_of(error)})") from None
    et_al = citeproc.style_facts(path, checked_locale).et_al
    rendered = RenderedCitations(
        tuple(
            citeproc_js_html(finish(text, comma_before_et_al=False, style_path=path, et_al=et_al))
            for text in texts
        ),
        tuple(
            html_columns(finish(entry.html, comma_before_et_al=True, style_path=path, et_al=et_al))
            for entry in entries
        ),
    )
    return hub.then(rendered, [*missing, *engine])


def _read_items(items: Sequence[Mapping[str, Any]]) -> Result[list[dict[str, Any]]]:
    """The same shape check as a CSL-JSON file gets (an item needs an `id` and a CSL type)."""
    from citeconv.formats import ReadOptions
    from citeconv.readers.csl_json import read_csl_json

    try:
        text = json.dumps(list(items), ensure_ascii=False)
    except (TypeError, ValueError) as error:
        raise UnreadableInput(f"items are not JSON-compatible CSL data: {error}") from error
    read = read_csl_json(text, "<items>", ReadOptions())
    unique: dict[str, dict[str, Any]] = {}
    for item in read.value.items:
        unique.setdefault(str(item["id"]), dict(item))  # the first of two items sharing an id
    return read.then(list(unique.values()))
