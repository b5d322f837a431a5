"""CSL variables built from several BibTeX fields: titles with subtitles, e-prints, notes, and
(through normalize/issued.py) dates."""

from __future__ import annotations

import re
from typing import Any

from citeconv import lazy_regex
from citeconv.csl import CslItem
from citeconv.diagnostics import Code, Severity
from citeconv.normalize.dates import parse_iso_date, parse_month
from citeconv.normalize.issued import Report, add_issued, date_text, report_date
from citeconv.normalize.latex import strip_markup, to_rich, to_text
from citeconv.normalize.values import URL_BODY, convert_url, doi_in_link
from citeconv.readers.bibmodel import BibEntry

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
    "origyear": "original-date",  # biblatex-examples' `kullback:reprint`
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
_URL_IN_TEXT = lazy_regex.compile(rf"\\url\{{({URL_BODY})\}}|(https?://[^\s{{}}]+)")
_NOCASE_WHOLE = lazy_regex.compile(r'<span class="nocase">[^<]*</span>')
_URL_LABEL = lazy_regex.compile(r"(?:url|online|available(?:\s+(?:at|from|online))?)?\s*:?", re.I)
# Google Scholar's `journal = {arXiv preprint arXiv:1412.6980}` and DBLP's `journal = {CoRR}`
# (with `eprint`): an arXiv e-print, not a journal article.
_ARXIV_JOURNAL = lazy_regex.compile(
    r"^(?:arxiv(?:\s+preprint)?(?:\s+arxiv)?\s*:?\s*(?P<id>\d{4}\.\d{4,5}(?:v\d+)?|[a-z.-]+/\d{7})?"
    r"(?:\s*\[[^\]]*\])?|arxiv e-prints|corr)$",
    re.IGNORECASE,
)
# `note = {Accessed: 2023-01-15}`, Wikipedia's `[Online; accessed 15-January-2023]`.
_ACCESSED_NOTE = lazy_regex.compile(
    r"^\[?\s*(?:online;\s*)?(?:last\s+)?(?:accessed|retrieved|visited)(?:\s+on)?\s*:?\s*"
    r"(?P<date>[^\]]+?)\s*\.?\s*\]?$",
    re.IGNORECASE,
)
_TITLES = ("title", "container-title", "collection-title", "event-title", "publisher")
_TRAILING_SEPARATOR = lazy_regex.compile(r"(?<=\S)\s*[,;]+\s*$")
_DAY_MONTH_YEAR = lazy_regex.compile(r"^(\d{1,2})[\s-]+([A-Za-z]+)\.?,?[\s-]+(\d{4})$")
_MONTH_DAY_YEAR = lazy_regex.compile(r"^([A-Za-z]+)\.?\s+(\d{1,2}),?\s+(\d{4})$")


def add_combined_fields(item: CslItem, entry: BibEntry, report: Report) -> None:
    target: dict[str, Any] = item  # type: ignore[assignment]
    _add_titles(target, entry.fields, entry.entry_type == "bookinbook")
    add_issued(target, entry, report)
    for field, variable in DATE_FIELDS.items():
        if entry.fields.get(field, "").strip():
            parsed = parse_iso_date(date_text(entry.fields[field]))
            report_date(parsed, field, report)
            target[variable] = parsed.date
    _add_eprint(target, entry.fields)
    _arxiv_journal_as_eprint(target)
    _add_howpublished(target, entry.fields, report)
    _doi_from_url(target)
    _tidy_titles(target)
    notes = [
        _note_without_url(target, entry.fields[f])
        for f in ("note", "addendum")
        if entry.fields.get(f, "").strip()
    ]
    notes = [note for note in notes if note and not _accessed_from_note(target, note)]
    if notes:
        target["note"] = notes[0] if len(notes) == 1 else f"{notes[0].rstrip('.')}. {notes[1]}"


def _doi_from_url(target: dict[str, Any]) -> None:
    """A link to a DOI resolver (`url = {http://dx.doi.org/10.1093/nar/gku864}`) is the DOI:
    an entry with no `doi` field gets it, and the link is dropped (styles print the DOI)."""
    doi = doi_in_link(target.get("URL", ""))
    if doi and str(target.setdefault("DOI", doi)).casefold() == doi.casefold():
        del target["URL"]


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
        # an addon (`With an Introduction by ...`) is printed as written, never recased
        title = f"{title.rstrip('.')}. {_as_written(to_rich(fields[addon]))}"
    return title


def _as_written(rich: str) -> str:
    return rich if _NOCASE_WHOLE.fullmatch(rich) else f'<span class="nocase">{rich}</span>'


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
    if archive and _published_in_journal(target):
        archive = ""  # the preprint of a published article is not cited (APA 7 §9.34)
    if archive:
        target.setdefault("archive", archive)
        target.setdefault("archive_location", eprint)
    if prefix:
        target.setdefault("URL", prefix + eprint)
    elif kind:
        target.setdefault("number", eprint)


def _tidy_titles(target: dict[str, Any]) -> None:
    """A title ending in a separator (`IX Latin American Regional IAU Meeting,`) loses it."""
    for variable in (v for v in _TITLES if isinstance(target.get(v), str)):
        # Only a title whose last visible character is a separator can match; the pattern,
        # tried at every character of every title, cost more than the rest (issue 16: speed).
        if target[variable].rstrip()[-1:] in (",", ";"):
            target[variable] = _TRAILING_SEPARATOR.sub("", target[variable])


def _published_in_journal(target: dict[str, Any]) -> bool:
    """A journal article with its journal and volume (not arXiv's own `CoRR`): published."""
    journal = strip_markup(str(target.get("container-title", ""))).strip()
    published = target.get("type") == "article-journal" and journal and target.get("volume")
    return bool(published) and not _ARXIV_JOURNAL.match(journal)


def _add_howpublished(target: dict[str, Any], fields: dict[str, str], report: Report) -> None:
    """`howpublished = {\\url{...}}` is a URL; any other text says who or how: `publisher`.
    Where `url` or `publisher` said something else, the field is not used, and says so."""
    value = fields.get("howpublished", "").strip()
    if not value:
        return
    url = _URL_IN_TEXT.search(value)
    if url:
        _set_unless_set(target, "URL", convert_url(url.group(1) or url.group(2)), report)
        rest = _URL_IN_TEXT.sub("", value).strip(" ,.;:")
        if not rest:
            return
        value = rest
    _set_unless_set(target, "publisher", to_text(value), report)


def _set_unless_set(target: dict[str, Any], variable: str, value: str, report: Report) -> None:
    kept = target.setdefault(variable, value)
    if kept != value and strip_markup(str(kept)) != value:
        report(
            Severity.WARNING,
            Code.UNMAPPED_FIELD,
            f"field 'howpublished' not used: '{variable}' is already set from another field",
            "howpublished",
        )


def _note_without_url(target: dict[str, Any], value: str) -> str:
    """A note that is only a link (`\\url{http://...}`, `Available from: http://...`) is the
    entry's `URL` when it has none; a link in running text stays part of the note."""
    url = _URL_IN_TEXT.search(value)
    if url is None or "URL" in target:
        return to_text(value)
    if not _URL_LABEL.fullmatch(_URL_IN_TEXT.sub("", value).strip(" ,.;:")):
        return to_text(value)
    target["URL"] = convert_url(url.group(1) or url.group(2))
    return ""


def _arxiv_journal_as_eprint(target: dict[str, Any]) -> None:
    """`journal = {arXiv preprint arXiv:ID}` -> the e-print `ID` on arXiv (CSL `article`)."""
    journal = target.get("container-title")
    plain = strip_markup(journal).strip() if isinstance(journal, str) else ""
    match = _ARXIV_JOURNAL.match(plain) if plain else None  # also `Ar{X}iv:2012.09699`
    if target.get("type") != "article-journal" or match is None:
        return
    identifier = match.group("id") or (
        target.get("archive_location") if target.get("archive") == "arXiv" else None
    )
    if not identifier:
        return
    archive, prefix = EPRINT_RESOLVERS["arxiv"]
    target.update(type="article", archive=archive, archive_location=identifier)
    target.setdefault("URL", prefix + identifier)
    del target["container-title"]
    if str(target.get("volume", "")).startswith("abs/"):  # DBLP's CoRR volume
        del target["volume"]
    for variable in ("page", "number"):  # ADS repeats `arXiv:ID` in `pages` and `eid`
        if str(target.get(variable, "")).removeprefix("arXiv:") == identifier:
            del target[variable]


def _accessed_from_note(target: dict[str, Any], note: str) -> bool:
    """A note that only says when a web page was read is the access date (`urldate`)."""
    match = _ACCESSED_NOTE.match(note.strip())
    if match is None or "accessed" in target:
        return False
    text = match.group("date").strip()
    parts = _day_month_year(text) or parse_iso_date(text.replace("/", "-")).date
    if not isinstance(parts, dict) or "date-parts" not in parts or len(parts["date-parts"]) != 1:
        return False
    target["accessed"] = parts
    return True


def _day_month_year(text: str) -> dict[str, Any] | None:
    """`15 January 2023`, `15-January-2023`, `January 15, 2023` -> a CSL date."""
    if match := _DAY_MONTH_YEAR.match(text):
        day, month_name, year = match.groups()
    elif match := _MONTH_DAY_YEAR.match(text):
        month_name, day, year = match.groups()
    else:
        return None
    month = parse_month(month_name)
    if month is None or not 1 <= int(day) <= 31:
        return None
    return {"date-parts": [[int(year), month, int(day)]]}
