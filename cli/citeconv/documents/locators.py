"""Locators as writers type them (`p. 33`, `chap. 2`, `§ 4`, `figs. 2-3`) -> CSL label and value.

The terms are those of the CSL en-US locale, long and short, singular and plural, which is
what pandoc accepts too. A bare number is a page, as in pandoc (`[@doe, 33]`).
"""

from __future__ import annotations

import re

from citeconv import lazy_regex

_TERMS: dict[str, tuple[str, ...]] = {
    "appendix": ("app.", "apps.", "appendix", "appendices"),
    "book": ("bk.", "bks.", "book", "books"),
    "chapter": ("chap.", "chaps.", "ch.", "chapter", "chapters"),
    "column": ("col.", "cols.", "column", "columns"),
    "equation": ("eq.", "eqs.", "equation", "equations"),
    "figure": ("fig.", "figs.", "figure", "figures"),
    "folio": ("fol.", "fols.", "folio", "folios"),
    "issue": ("no.", "nos.", "issue", "issues", "number", "numbers"),
    "line": ("l.", "ll.", "line", "lines"),
    "note": ("n.", "nn.", "note", "notes"),
    "opus": ("op.", "opp.", "opus", "opera"),
    "page": ("p.", "pp.", "page", "pages"),
    "paragraph": ("para.", "paras.", "¶", "¶¶", "paragraph", "paragraphs"),
    "part": ("pt.", "pts.", "part", "parts"),
    "section": ("sec.", "secs.", "§", "§§", "section", "sections"),
    "sub verbo": ("s.v.", "s.vv.", "sub verbo", "sub verbis"),
    "table": ("tbl.", "tbls.", "table", "tables"),
    "verse": ("v.", "vv.", "verse", "verses"),
    "volume": ("vol.", "vols.", "volume", "volumes"),
}
LABELS: dict[str, str] = {term: label for label, terms in _TERMS.items() for term in terms}
# Longest first, so `pp.` wins over `p.` and `sub verbo` over `s.v.`; a word term must end there.
_TERM = "|".join(
    re.escape(term) + (r"(?!\w)" if term[-1].isalpha() else "")
    for term in sorted(LABELS, key=len, reverse=True)
)
# One locator value: digits or a roman numeral, optionally a range, then more after `,` or `&`.
_NUMBER = r"(?:\d[\w.:]*|[ivxlcdmIVXLCDM]+(?!\w))(?:\s*[-–—]+\s*\w+)?"
_VALUE = rf"{_NUMBER}(?:\s*[,&]\s*{_NUMBER})*"
_LOCATOR = lazy_regex.compile(rf"\s*(?:(?P<term>{_TERM})\s*)?(?P<value>{_VALUE})", re.IGNORECASE)
# pandoc's braces take any value: `{pp. iv, vi-xi}`, `{sec. A and B}`.
_BRACED = lazy_regex.compile(
    rf"\s*\{{\s*(?:(?P<term>{_TERM})\s*)?(?P<value>[^{{}}]*)\}}", re.IGNORECASE
)


def split_locator(suffix: str) -> tuple[str | None, str | None, str]:
    """`, pp. 33-35, and others` -> ("page", "33-35", ", and others"). A suffix that does not
    start with a locator (after an optional comma) is returned whole, with no label."""
    body = suffix[1:] if suffix.startswith(",") else suffix
    match = _BRACED.match(body) or _LOCATOR.match(body)
    if not match or not (match.group("term") or match.group("value").strip()[:1].isdigit()):
        return None, None, suffix
    term = match.group("term")
    label = LABELS[term.lower()] if term else "page"
    return label, match.group("value").strip(), body[match.end() :]
