"""CSL variables built from several BibTeX fields: titles with subtitles, dates, e-prints, notes."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from citeconv.csl import CslItem
from citeconv.diagnostics import Code, Severity
from citeconv.normalize.dates import ParsedDate, parse_iso_date, parse_year_month
from citeconv.normalize.latex import to_rich, to_text
from citeconv.readers.bibmodel import BibEntry

Report = Callable[[Severity, Code, str, str | None], None]

# (CSL variable, main field, subtitle field, addon field): BibLaTeX prints `Title: Subtitle.
# Addon`, so the hub holds the same.
TITLE_PARTS: tuple[tuple[str, str, str, str], ...] = (
    ("title", "title", "subtitle", "titleaddon"),
    ("container-title", "booktitle", "booksubtitle", "booktitleaddon"),
    ("container-title", "journaltitle", "journalsubtitle", ""),
    ("container-title", "journal", "journalsubtitle", ""),
    ("volume-title", "maintitle", "mainsubtitle", "maintitleaddon"),
)
# BibLaTeX date fields -> CSL date variables.
DATE_FIELDS: dict[str, str] = {
    "urldate": "accessed",
    "eventdate": "event-date",
    "origdate": "original-date",
}
# eprinttype (or archivePrefix) -> (CSL archive name, URL prefix for the identifier)
EPRINT_RESOLVERS: dict[str, tuple[str, str]] = {
    "arxiv": ("arXiv", "https://arxiv.org/abs/"),
    "hdl": ("Handle", "https://hdl.handle.net/"),
    "jstor": ("JSTOR", "https://www.jstor.org/stable/"),
    "pubmed": ("PubMed", "https://pubmed.ncbi.nlm.nih.gov/"),
    "googlebooks": ("Google Books", "https://books.google.com/books?id="),
    "biorxiv": ("bioRxiv", "https://doi.org/"),
    "ssrn": ("SSRN", "https://ssrn.com/abstract="),
}
# CSL types that are a part of a book: their container is the book.
_PART_TYPES = frozenset(
    {"chapter", "paper-conference", "entry-encyclopedia", "entry-dictionary", "entry"}
)
_URL_IN_TEXT = re.compile(r"\\url\{([^}]*)\}|(https?://\S+)")


def add_combined_fields(item: CslItem, entry: BibEntry, report: Report) -> None:
    target: dict[str, Any] = item  # type: ignore[assignment]
    _add_titles(target, entry.fields, entry.entry_type == "bookinbook")
    _add_issued(target, entry, report)
    for field, variable in DATE_FIELDS.items():
        if entry.fields.get(field, "").strip():
            parsed = parse_iso_date(_date_text(entry.fields[field]))
            _report_date(parsed, field, report)
            target[variable] = parsed.date
    _add_eprint(target, entry.fields)
    _add_howpublished(target, entry.fields)
    notes = [
        to_text(entry.fields[f]) for f in ("note", "addendum") if entry.fields.get(f, "").strip()
    ]
    if notes:
        target["note"] = notes[0] if len(notes) == 1 else f"{notes[0].rstrip('.')}. {notes[1]}"


def _add_titles(target: dict[str, Any], fields: dict[str, str], book_in_book: bool) -> None:
    done: set[str] = set()
    for variable, main, sub, addon in TITLE_PARTS:
        if variable in done or not fields.get(main, "").strip():
            continue
        done.add(variable)
        extra = [fields[f] for f in (sub, addon) if f and fields.get(f, "").strip()]
        if extra and variable in target:
            target[variable] = _full_title(fields, main, sub, addon)
    if fields.get("maintitle", "").strip():
        _place_main_title(target, fields, book_in_book)
    if (
        fields.get("issuetitle", "").strip()
        and target["type"] == "periodical"
        and "title" in target
    ):
        # one issue of a journal: the issue is the work, the journal its container
        target["container-title"] = target["title"]
        target["title"] = _full_title(fields, "issuetitle", "issuesubtitle", "")


def _full_title(fields: dict[str, str], main: str, sub: str, addon: str) -> str:
    title = to_rich(fields[main])
    if sub and fields.get(sub, "").strip():
        title = f"{title}: {to_rich(fields[sub])}"
    if addon and fields.get(addon, "").strip():
        title = f"{title.rstrip('.')}. {to_rich(fields[addon])}"
    return title


def _place_main_title(target: dict[str, Any], fields: dict[str, str], book_in_book: bool) -> None:
    """A multi-volume work: CSL's `title`/`container-title` is the whole work (`maintitle`) and
    `volume-title` the volume (CSL 1.0.2 "volume-title"), as pandoc and citeproc-js expect."""
    main = _full_title(fields, "maintitle", "mainsubtitle", "maintitleaddon")
    if target["type"] in _PART_TYPES or book_in_book:
        if fields.get("booktitle", "").strip():
            target["volume-title"] = _full_title(
                fields, "booktitle", "booksubtitle", "booktitleaddon"
            )
        target["container-title"] = main
    elif "title" in target:
        target["volume-title"] = target["title"]
        target["title"] = main
    else:
        target["title"] = main
    if fields.get("part", "").strip() and "volume" in target:
        target["volume"] = f"{target['volume']}.{to_text(fields['part'])}"
        target.pop("part", None)


def _add_issued(target: dict[str, Any], entry: BibEntry, report: Report) -> None:
    fields = entry.fields
    if fields.get("date", "").strip():
        parsed = parse_iso_date(_date_text(fields["date"]))
        _report_date(parsed, "date", report)
    elif fields.get("year", "").strip():
        month = to_text(fields["month"]) if fields.get("month") else None
        parsed = parse_year_month(to_text(fields["year"]), month, fields.get("day"))
        _report_date(parsed, "year", report)
    else:
        return
    if parsed.date is not None:
        target["issued"] = parsed.date
    if parsed.status:
        target.setdefault("status", parsed.status)
    if parsed.year_suffix:
        target["year-suffix"] = parsed.year_suffix


def _date_text(value: str) -> str:
    """EDTF uses `~` (approximate), which LaTeX would read as a no-break space."""
    return to_text(value.replace("~", "\\textasciitilde{}"))


def _report_date(parsed: ParsedDate, field: str, report: Report) -> None:
    if parsed.problem:
        report(Severity.WARNING, Code.INVALID_DATE, parsed.problem, field)
    for note in parsed.notes:
        report(Severity.INFO, Code.INVALID_DATE, note, field)


def _add_eprint(target: dict[str, Any], fields: dict[str, str]) -> None:
    """`eprint` + `eprinttype`/`archiveprefix` (arXiv, PubMed, JSTOR, hdl) -> archive and URL."""
    eprint = fields.get("eprint", "").strip()
    kind = (fields.get("eprinttype") or fields.get("archiveprefix") or "").strip().lower()
    if not eprint:
        return
    if eprint.startswith(("http://", "https://")):
        target.setdefault("URL", eprint)
        return
    if kind == "pubmed":
        target.setdefault("PMID", eprint)
    if kind == "doi":
        target.setdefault("DOI", eprint)
        return
    archive, prefix = EPRINT_RESOLVERS.get(kind, (to_text(kind), ""))
    if archive:
        target.setdefault("archive", archive)
        target.setdefault("archive_location", eprint)
    if prefix:
        target.setdefault("URL", prefix + eprint)
    elif kind:
        target.setdefault("number", eprint)


def _add_howpublished(target: dict[str, Any], fields: dict[str, str]) -> None:
    """`howpublished = {\\url{...}}` is a URL; any other text says who or how: `publisher`."""
    value = fields.get("howpublished", "").strip()
    if not value:
        return
    url = _URL_IN_TEXT.search(value)
    if url:
        target.setdefault("URL", url.group(1) or url.group(2))
        rest = _URL_IN_TEXT.sub("", value).strip(" ,.;:")
        if not rest:
            return
        value = rest
    target.setdefault("publisher", to_text(value))
