"""Citing Medicine (NLM, 2nd ed.) where nlm-citation-sequence.csl prints something else.

Each rewrite is a pure function of a hub item; `finish_nlm` mends the rendered entry where the
CSL file's own punctuation is wrong. Every departure is listed in tests/KNOWN_DIFFERENCES.md.
"""

from __future__ import annotations

import re
from typing import Any

from citeconv import lazy_regex
from citeconv.journals import abbreviate_journal
from citeconv.rendering.conventions import publisher_is_description

# A page range's hyphen, hidden from citeproc-py, which would print an en dash and elide the
# range its own way; `finish_nlm` turns it back into `-` after rendering.
PAGE_HYPHEN = "\ue0a0"
# Marks a group author that follows personal names: Citing Medicine ch. 1 separates the two
# with a semicolon (`Altman DG; PRISMA Group.`); the CSL file uses its name delimiter.
GROUP_AFTER_PERSONS = "\ue0a1"
_PAGE = lazy_regex.compile(r"^(?P<prefix>[A-Za-z]*)(?P<digits>\d+)$")
_RANGE = lazy_regex.compile(r"\s*[-\u2010-\u2015]+\s*")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
# Types whose date nlm-citation-sequence.csl cuts to the year; Citing Medicine ch. 22 (homepages,
# parts of websites) and ch. 25 (unpublished and other material) keep month and day.
_DATED_TO_THE_DAY = frozenset({"webpage", "post", "document"})
_BOOK_PARTS = frozenset(
    {"chapter", "entry", "entry-dictionary", "entry-encyclopedia", "paper-conference"}
)
# Citing Medicine ch. 4: a thesis on the Internet is `[dissertation on the Internet]`.
_THESIS_ON_THE_INTERNET = lazy_regex.compile(r"\[(dissertation|master[’']s thesis)\] \[Internet\]")
_DOI_URL = lazy_regex.compile(r"^https?://(?:dx\.)?doi\.org/(?P<doi>.+)$", re.IGNORECASE)
# `doi:10.1016/j.ijcard.2015.03.075 PubMed PMID: ...`: the CSL file joins the two with a space.
# Marks a report's kind printed with its number (`Working Paper No.: 4509`): the CSL file also
# prints the kind in brackets after the title, which `finish_nlm` removes.
REPORT_KIND = "\ue0a2"
_BRACKETED_KIND = lazy_regex.compile(r" ?\[" + REPORT_KIND + r"[^\]]*\]")
# Ends the title of a proceedings volume numbered in a series; `finish_nlm` removes the
# `[Internet]` the CSL file prints after it (see `proceedings_in_series`).
SERIES_VOLUME = "\ue0a3"
_KIND_NUMBER_LABEL = lazy_regex.compile(r"\s*\b(?:no\.?|number|nr\.?)\s*$", re.IGNORECASE)
_DOI_BEFORE_NOTE = lazy_regex.compile(r"(doi:\S+?)(?<![.])( PubMed (?:PMID|Central PMCID):)")


def elide_page_range(first: str, last: str) -> str:
    """Citing Medicine ch. 1 (Location/pagination): the last page drops the digits it shares
    with the first (`314-20`, `1199-205`, `S117-22`); other ranges keep both ends."""
    start, end = _PAGE.match(first), _PAGE.match(last)
    if start is None or end is None or (end["prefix"] and end["prefix"] != start["prefix"]):
        return f"{first}{PAGE_HYPHEN}{last}"
    low, high = start["digits"], end["digits"]
    if len(high) < len(low) and int(low[: -len(high)] + high) > int(low):
        high = low[: -len(high)] + high  # an abbreviated `906-10` is 906-910
    if high == low:
        return first
    if len(high) == len(low):
        high = high[next(i for i, (a, b) in enumerate(zip(low, high, strict=True)) if a != b) :]
    return f"{first}{PAGE_HYPHEN}{high}"


def nlm_page_ranges(item: dict[str, Any]) -> dict[str, Any]:
    """`355-361` -> `355-61` with a hyphen (Citing Medicine ch. 1); lists keep their commas."""
    page = item.get("page")
    if not isinstance(page, str) or not _RANGE.search(page):
        return item
    parts = []
    for part in page.split(","):
        ends = [end for end in _RANGE.split(part.strip()) if end]
        parts.append(elide_page_range(*ends) if len(ends) == 2 else part.strip())
    return {**item, "page": ", ".join(parts)}


def web_date_with_month(item: dict[str, Any]) -> dict[str, Any]:
    """A web page or other material keeps its month and day (`2015 Nov`, `2015 Nov 3`): the CSL
    file prints the year alone for these types. Given as a literal date, printed as written."""
    issued = item.get("issued")
    if item.get("type") not in _DATED_TO_THE_DAY or not isinstance(issued, dict):
        return item
    parts = issued.get("date-parts")
    if not isinstance(parts, list) or len(parts) != 1 or len(parts[0]) < 2:
        return item
    if set(issued) - {"date-parts"}:
        return item  # circa, seasons and literals print as the style prints them
    try:
        year, month, *day = (int(part) for part in parts[0])
    except (TypeError, ValueError):
        return item
    if not 1 <= month <= 12:
        return item
    literal = " ".join([str(year), _MONTHS[month - 1], *(str(d) for d in day[:1])])
    return {**item, "issued": {"literal": literal}}


def doi_printed_once(item: dict[str, Any]) -> dict[str, Any]:
    """A URL that only resolves the DOI is not printed again (`Available from:
    https://doi.org/...` after `doi:...`)."""
    doi, url = item.get("DOI"), item.get("URL")
    if not isinstance(doi, str) or not isinstance(url, str):
        return item
    match = _DOI_URL.match(url.strip())
    if match is None or match["doi"].casefold() != doi.strip().casefold():
        return item
    return {k: v for k, v in item.items() if k != "URL"}


def group_after_persons(item: dict[str, Any]) -> dict[str, Any]:
    """Marks a group author listed after personal authors (see GROUP_AFTER_PERSONS)."""
    authors = item.get("author")
    if not isinstance(authors, list) or len(authors) < 2:
        return item
    marked = list(authors)
    for index, name in enumerate(authors[1:], start=1):
        literal = name.get("literal") if isinstance(name, dict) else None
        previous = authors[index - 1]
        person_before = isinstance(previous, dict) and bool(previous.get("family"))
        if literal and literal != "others" and person_before:
            marked[index] = {**name, "literal": GROUP_AFTER_PERSONS + literal}
    return {**item, "author": marked}


def translators_after_title(item: dict[str, Any]) -> dict[str, Any]:
    """Citing Medicine ch. 2 (secondary authors): `Title. Piercy M, Berlyne DE, translators.`;
    the CSL file does not print translators. Written after the title, which is recased first."""
    names = item.get("translator")
    title = item.get("title")
    if not isinstance(names, list) or not names or not isinstance(title, str):
        return item
    listed = ", ".join(_nlm_name(name) for name in names if isinstance(name, dict))
    label = "translator" if len(names) == 1 else "translators"
    rest = {k: v for k, v in item.items() if k != "translator"}
    return {**rest, "title": f"{title.rstrip('.')}. {listed}, {label}"}


def _nlm_name(name: dict[str, Any]) -> str:
    """`Berlyne, D. E.` -> `Berlyne DE`; `Guillaume, Jean-Loup` -> `Guillaume JL`."""
    if name.get("literal"):
        return str(name["literal"])
    initials = "".join(part[0] for part in re.findall(r"[^\W\d_]+", str(name.get("given", ""))))
    family = " ".join(str(name.get(k, "")) for k in ("non-dropping-particle", "family"))
    return f"{family.strip()} {initials}".strip()


def chapter_volume(item: dict[str, Any]) -> dict[str, Any]:
    """A chapter in one volume of a book: `Psychology: a study of a science. Vol. 3.`
    (Citing Medicine ch. 3, also for papers in a volume of proceedings); the CSL file prints
    no volume for a part of a book."""
    volume, container = item.get("volume"), item.get("container-title")
    if item.get("type") not in _BOOK_PARTS or not volume or not isinstance(container, str):
        return item
    rest = {k: v for k, v in item.items() if k != "volume"}
    return {**rest, "container-title": f"{container.rstrip('.')}. Vol. {volume}"}


def report_number(item: dict[str, Any]) -> dict[str, Any]:
    """Citing Medicine ch. 15: `Report No.: 800-171r2.` The CSL file labels only a numeric
    number, in lower case (`Report no.: 12`, `Report 800-171r2`). A report that names its kind
    (`type = {Working Paper}`) keeps it before the number, `Working Paper No.: 4509`, and not
    again in brackets after the title: ch. 15 has no bracketed content type for reports."""
    number = item.get("number")
    if item.get("type") != "report" or not isinstance(number, str):
        return item
    genre = item.get("genre")
    if not isinstance(genre, str) or not genre.strip():
        return {**item, "number": f"No.: {number}"}
    kind = _KIND_NUMBER_LABEL.sub("", genre.strip())
    return {**item, "genre": REPORT_KIND + kind[:1].upper() + kind[1:], "number": f"No.: {number}"}


def proceedings_as_journal(item: dict[str, Any]) -> dict[str, Any]:
    """A paper in proceedings published as a numbered volume with no editors (`Advances in
    Neural Information Processing Systems`, volume 33; `Proc SPIE`, volume 7740) is cited as a
    journal article, as PubMed indexes such series and APA 7 §10.5 cites them:
    `Adv Neural Inf Process Syst. 2020;33:6840-51.` The CSL file cites a book of proceedings."""
    container = item.get("container-title")
    if item.get("type") != "paper-conference" or not isinstance(container, str):
        return item
    if item.get("editor") or item.get("collection-title"):
        return item
    if not (item.get("volume") or item.get("issue")):
        return item
    dropped = {"publisher", "publisher-place", "event-place", "event-title", "event"}
    rest = {k: v for k, v in item.items() if k not in dropped}
    short = item.get("container-title-short") or abbreviate_journal(container) or container
    return {**rest, "type": "article-journal", "container-title-short": short}


def proceedings_in_series(item: dict[str, Any]) -> dict[str, Any]:
    """A paper in a proceedings volume numbered in a series (`Proceedings of Machine Learning
    Research`, volume 80): Citing Medicine ch. 3 (series) prints the number with the series,
    `(Proceedings of Machine Learning Research; vol. 80)`, not as a volume of the book; the URL
    is that of the paper in the published volume, not an `[Internet]` edition of it."""
    if item.get("type") != "paper-conference" or not item.get("collection-title"):
        return item
    if not item.get("volume") or not isinstance(item.get("container-title"), str):
        return item
    rest = {k: v for k, v in item.items() if k != "volume"}
    if not rest.get("collection-number"):
        rest["collection-number"] = f"vol. {item['volume']}"  # a volume, not a number
    return {**rest, "container-title": str(item["container-title"]) + SERIES_VOLUME}


def description_not_publisher(item: dict[str, Any]) -> dict[str, Any]:
    """`howpublished = {Lecture notes}` describes the material and names no publisher, which
    Citing Medicine's publisher element is for: `Title [Internet]. 2021 Jul. Available ...`."""
    if not publisher_is_description(item):
        return item
    return {k: v for k, v in item.items() if k != "publisher"}


def finish_nlm(fragment: str) -> str:
    """The rendered entry: page hyphens restored, a period after the DOI before the PMID, a
    semicolon before a group author that follows personal names."""
    fragment = fragment.replace(", " + GROUP_AFTER_PERSONS, "; ").replace(GROUP_AFTER_PERSONS, "")
    fragment = _BRACKETED_KIND.sub("", fragment).replace(REPORT_KIND, "")
    fragment = re.sub(SERIES_VOLUME + r"( ?\[Internet\])?", "", fragment)
    fragment = _THESIS_ON_THE_INTERNET.sub(r"[\1 on the Internet]", fragment)
    return _DOI_BEFORE_NOTE.sub(r"\1.\2", fragment.replace(PAGE_HYPHEN, "-"))
