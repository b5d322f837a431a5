"""Lint rules over hub items: missing fields, suspicious values, the same work twice."""

from __future__ import annotations

from collections.abc import Iterator

from citeconv import lazy_regex
from citeconv.csl import Bibliography, CslItem
from citeconv.diagnostics import Code, Diagnostic, Result, Severity
from citeconv.lint.tables import BIBTEX_NAMES, DEFAULT_REQUIRED, PLAUSIBLE_YEARS, REQUIRED

# A DOI, or a short DOI (`10/gf523c`, from the shortDOI service).
_DOI = lazy_regex.compile(r"10\.\d{4,9}/\S+|10/[A-Za-z0-9]+")
# `.e4`: Cell Press numbers supplementary pages after the article's (`346-360.e4`).
_PAGE = r"(?:[A-Za-z]{0,3}\d+[A-Za-z]?(?:\.e\d+)?\+?|[ivxlcdmIVXLCDM]+)"
_PAGES = lazy_regex.compile(
    rf"{_PAGE}(?:\s*(?:-+|–|—)\s*{_PAGE})?(?:\s*[,;]\s*{_PAGE}(?:\s*(?:-+|–|—)\s*{_PAGE})?)*"
)
_RANGE = lazy_regex.compile(r"(\d+)\s*(?:-+|–|—)\s*(\d+)")
_MARKUP = lazy_regex.compile(r"<[^<>]+>")
_NOT_WORD = lazy_regex.compile(r"\W+")


def lint(bibliography: Bibliography) -> Result[None]:
    """Every finding as a warning on the item's source span; the items are not changed."""
    found: list[Diagnostic] = []
    for item in bibliography.items:
        span = bibliography.span_of(item["id"])
        found.extend(
            Diagnostic(Severity.WARNING, code, message, span) for code, message in _item(item)
        )
    found.extend(_duplicates(bibliography))
    return Result(None, tuple(found))


def _item(item: CslItem) -> Iterator[tuple[Code, str]]:
    for requirement in REQUIRED.get(item["type"], DEFAULT_REQUIRED):
        if not any(_present(item, variable) for variable in requirement):
            fields = " or ".join(BIBTEX_NAMES.get(v, v) for v in requirement)
            yield Code.MISSING_FIELD, f"{item['type']} without {fields}"
    yield from _suspicious(item)


def _present(item: CslItem, variable: str) -> bool:
    value = item.get(variable)
    return value not in (None, "", [], {})


def _suspicious(item: CslItem) -> Iterator[tuple[Code, str]]:
    year = _year(item)
    if year is not None and year not in PLAUSIBLE_YEARS:
        yield Code.SUSPICIOUS_VALUE, f"year {year} is not a plausible publication year"
    page = str(item.get("page", "")).strip()
    if page and not _PAGES.fullmatch(page):
        yield Code.SUSPICIOUS_VALUE, f"pages '{page}' is not a page or page range"
    elif page and _backwards(page):
        yield Code.SUSPICIOUS_VALUE, f"pages '{page}' run backwards"
    doi = str(item.get("DOI", "")).strip()
    if doi and not _DOI.fullmatch(doi):
        yield Code.SUSPICIOUS_VALUE, f"DOI '{doi}' is not a DOI (10.<registrant>/<suffix>)"


def _year(item: CslItem) -> int | None:
    issued = item.get("issued")
    if not isinstance(issued, dict):
        return None
    parts = issued.get("date-parts")
    if not parts or not parts[0]:
        return None
    year = parts[0][0]
    return year if isinstance(year, int) else None


def _backwards(page: str) -> bool:
    """`45-12` runs backwards; `906-10` is an abbreviated range (906-910), as Vancouver writes."""
    for start, end in _RANGE.findall(page):
        if len(end) == len(start) and int(end) < int(start):
            return True
    return False


def _duplicates(bibliography: Bibliography) -> Iterator[Diagnostic]:
    """The same work under two keys: same DOI, or same title and year."""
    first_by_identity: dict[str, CslItem] = {}
    for item in bibliography.items:
        for identity, label in _identities(item):
            first = first_by_identity.setdefault(identity, item)
            if first is item:
                continue
            span = bibliography.span_of(first["id"])
            where = f" (line {span.line})" if span and span.line else ""
            message = f"same {label} as '{first['id']}'{where}; the same work twice?"
            yield Diagnostic(
                Severity.WARNING, Code.DUPLICATE_ENTRY, message, bibliography.span_of(item["id"])
            )
            break


def _identities(item: CslItem) -> Iterator[tuple[str, str]]:
    doi = str(item.get("DOI", "")).strip().lower()
    if doi:
        yield f"doi:{doi}", "DOI"
    title = _NOT_WORD.sub(" ", _MARKUP.sub("", str(item.get("title", "")))).strip().lower()
    year = _year(item)
    if title and year is not None:
        yield f"title:{item['type']}:{title}:{year}", "type, title and year"
