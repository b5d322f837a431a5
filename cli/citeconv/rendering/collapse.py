"""Collapsing cites in a citation: `collapse="citation-number"`, `"year"`, `"year-suffix"` and
`"year-suffix-ranged"` (CSL 1.0.2, Citation-specific options), which citeproc-py ignores.

- citation-number: three or more consecutive numbers become a range (`[1]–[4]`, `1,2,2–4`);
- year: cites by the same author are gathered (in order of first appearance) and the author is
  printed once (`Doe 2000, 2001; Roe 1999`), `after-collapse-delimiter` after such a group;
- cite-group-delimiter without collapse: cites gathered by author, each printed in full;
- year-suffix: within such a group, works of the same year print the suffix only
  (`Smith 2000a,b`), and `year-suffix-ranged` makes ranges of three or more (`2000a–e`).

A cite with a locator, prefix or suffix is never folded into a range or a year. The engine
renders the citation as usual; this module records each cite's text and item while it does,
and replaces the final join of the cites.

Fixtures: collapse_*, date_YearSuffixDelimiter, bugreports_CollapseFailure,
bugreports_CitationSortsWithEtAl, bugreports_SortSecondaryKey, sort_RangeUnaffected,
name_CiteGroupDelimiterWithYearSuffixCollapse(3), collapse_ChicagoAfterCollapse.

This module never imports citeproc-py: the adapter hands its `model` module to install().
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from citeconv.rendering.positions import AUTHOR_ONLY, SUPPRESS_AUTHOR

_EN_DASH = "\u2013"
_model: Any = None
# One frame per citation being rendered with collapse: the cites rendered, in order.
_frames: list[list[Cite]] = []


@dataclass
class Cite:
    item: Any
    cited_before: int  # how many cites the engine had seen when this one was rendered


def install(model: Any) -> None:
    """Patch the engine's classes (idempotent); after positions, whose flags it uses."""
    global _model
    _model = model
    if getattr(model, "_citeconv_collapse", False):
        return
    model.Layout.render_citation = _recording(model.Layout.render_citation)
    model.Layout.render_children = _cite_recorded(model.Layout.render_children)
    model.Layout.join = _collapsing_join(model.Layout.join)
    model._citeconv_collapse = True


def _recording(original: Any) -> Any:
    def render_citation(self: Any, citation: Any, callback: Any) -> Any:
        citation_element = self.getparent()
        if not (citation_element.get("collapse") or citation_element.get("cite-group-delimiter")):
            return original(self, citation, callback)
        _frames.append([])
        try:
            return original(self, citation, callback)
        finally:
            _frames.pop()

    return render_citation


def _cite_recorded(original: Any) -> Any:
    def render_children(self: Any, item: Any, delimiter: str = "", **kwargs: Any) -> Any:
        frame = _frames[-1] if _frames and isinstance(self.getparent(), _model.Citation) else None
        cited_before = len(self.getparent().cites) if frame is not None else 0
        text = original(self, item, delimiter, **kwargs)
        if frame is not None and text is not None and not _rerendering:
            frame.append(Cite(item, cited_before))
        return text

    return render_children


_rerendering: list[bool] = []  # non-empty while a cite is rendered again for its parts


def _collapsing_join(original: Any) -> Any:
    def join(self: Any, strings: Any, default_delimiter: str = "") -> Any:
        if not _frames or not isinstance(self.getparent(), _model.Citation):
            return original(self, strings, default_delimiter)
        texts = [text for text in strings if text is not None]
        cites = _frames[-1]
        if len(texts) != len(cites) or len(texts) < 2:
            return original(self, strings, default_delimiter)
        mode = self.getparent().get("collapse") or ""
        if mode == "citation-number":
            return _number_ranges(self, texts, cites)
        return _author_groups(self, texts, cites, mode)

    return join


def _plain(cite: Cite) -> bool:
    """A cite that may be folded: no locator, prefix or suffix."""
    return not any(cite.item.get(key) for key in ("locator", "prefix", "suffix"))


def _number_ranges(layout: Any, texts: list[Any], cites: list[Cite]) -> Any:
    pieces: list[Any] = []
    start = 0
    while start < len(texts):
        end = start
        while (
            end + 1 < len(texts)
            and _plain(cites[end])
            and _plain(cites[end + 1])
            and cites[end + 1].item.number == cites[end].item.number + 1
        ):
            end += 1
        if end - start >= 2:
            pieces.append(texts[start] + _EN_DASH + texts[end])
            start = end + 1
        else:
            pieces.append(texts[start])
            start += 1
    return _model.join(pieces, layout.get("delimiter", ""))


def _author_groups(layout: Any, texts: list[Any], cites: list[Cite], mode: str) -> Any:
    citation = layout.getparent()
    delimiter = layout.get("delimiter", "")
    # citeproc-js: `, ` between one author's cites when an in-text style collapses by year;
    # otherwise, and in note styles, the layout's delimiter.
    in_text = layout.getroottree().getroot().get("class") != "note"
    default = ", " if mode == "year" and in_text else delimiter
    within = citation.get("cite-group-delimiter") or default
    after_group = citation.get("after-collapse-delimiter") or delimiter
    # citeproc-js: year-suffix-delimiter falls back to cite-group-delimiter, then the layout's.
    suffix_delimiter = (
        citation.get("year-suffix-delimiter") or citation.get("cite-group-delimiter") or delimiter
    )
    authors = [_part(layout, cite, AUTHOR_ONLY) for cite in cites]
    order: dict[str, list[int]] = {}
    for index, author in enumerate(authors):
        order.setdefault(str(author) if author else f"\0{index}", []).append(index)
    output: list[Any] = []
    for members in order.values():
        group = _one_group(
            layout, texts, cites, members, mode, (within, after_group), suffix_delimiter
        )
        if output:  # citeproc-js: under collapse="year", after every group, not only merged
            merged = len(members) > 1 or output[-1][1] or mode == "year"
            output.append(after_group if merged else delimiter)
        output.append((group, len(members) > 1))
    joined = output[0][0]
    for index in range(1, len(output), 2):
        joined = joined + output[index] + output[index + 1][0]
    return joined


def _one_group(
    layout: Any,
    texts: list[Any],
    cites: list[Cite],
    members: list[int],
    mode: str,
    delimiters: tuple[str, str],
    suffix_delimiter: str,
) -> Any:
    """One author's cites: the first in full, the others without the author; works of one
    year after the first print only their year suffix. A cite with a locator is followed by
    the after-collapse delimiter (`Wong 1999, 328; 2000, 475`)."""
    within, after_locator = delimiters
    if not mode:  # cite-group-delimiter alone: cites gathered by author, printed in full
        return _model.join([texts[index] for index in members], within)
    # A text, the year suffixes printed after it, and whether its cite has a locator.
    runs: list[tuple[Any, list[str], bool]] = [
        (texts[members[0]], [], bool(cites[members[0]].item.get("locator")))
    ]
    previous_year = _year_without_suffix(layout, cites[members[0]])
    for index in members[1:]:
        cite = cites[index]
        year = _year_without_suffix(layout, cite) if _plain(cite) else None
        suffix = str(cite.item.reference.get("year_suffix") or "")
        if mode.startswith("year-suffix") and suffix and year is not None and year == previous_year:
            runs[-1][1].append(suffix)
        else:
            rest = _part(layout, cite, SUPPRESS_AUTHOR)
            prefix, after = cite.item.get("prefix", ""), cite.item.get("suffix", "")
            text = prefix + rest + after if rest is not None else texts[index]
            runs.append((text, [], bool(cite.item.get("locator"))))
        previous_year = year
    ranged = mode == "year-suffix-ranged"
    pieces = [_with_suffixes(text, letters, suffix_delimiter, ranged) for text, letters, _ in runs]
    joined = pieces[0]
    for (_, _, located), piece in zip(runs, pieces[1:], strict=False):
        joined = joined + (after_locator if located else within) + piece
    return joined


def _with_suffixes(text: Any, letters: list[str], delimiter: str, ranged: bool) -> Any:
    """`2000a` and b, c, d -> `2000a,b,c,d`, or ranged `2000a–d` (three or more in a row)."""
    if not letters:
        return text
    first = str(text)[-1:]
    run = [first, *letters]
    groups: list[list[str]] = [[run[0]]]
    for letter in run[1:]:
        if ranged and len(letter) == 1 and ord(letter) == ord(groups[-1][-1]) + 1:
            groups[-1].append(letter)
        else:
            groups.append([letter])
    shown = [g[0] + _EN_DASH + g[-1] if len(g) > 2 else delimiter.join(g) for g in groups]
    return text + delimiter.join(shown)[len(first) :]


def _year_without_suffix(layout: Any, cite: Cite) -> str | None:
    rest = _part(layout, cite, SUPPRESS_AUTHOR)
    if rest is None:
        return None
    suffix = str(cite.item.reference.get("year_suffix") or "")
    text = str(rest)
    where = text.rfind(suffix) if suffix else -1
    return text[:where] + text[where + len(suffix) :] if where >= 0 else text


def _part(layout: Any, cite: Cite, flag: str) -> Any:
    """The cite rendered again with `flag` (author only, or without its author), at the
    position it had: the engine's list of earlier cites is cut back while it renders."""
    item = cite.item
    earlier = layout.getparent().cites
    saved = list(earlier)
    del earlier[cite.cited_before :]
    before = (item.get(AUTHOR_ONLY), item.get(SUPPRESS_AUTHOR))
    item[flag] = True
    _rerendering.append(True)
    repressed = layout.repressed
    layout.repressed = {}  # what a substitute printed is per rendering, as the engine keeps it
    try:
        return layout.render_children(item)
    except _model.VariableError:
        return None
    finally:
        layout.repressed = repressed
        _rerendering.pop()
        item[AUTHOR_ONLY], item[SUPPRESS_AUTHOR] = before
        earlier[:] = saved
