"""What a reference librarian fixes in BibTeX data before APA 7 or NLM prints it.

BibTeX exports carry values in forms the styles print badly: `edition = {Fourth}`, Google
Scholar's `number = {Oct}`, `address = {Cambridge, MA}` (NLM wants `Cambridge (MA)`), article
numbers in `pages` (APA wants `Article e124`). Each rewrite is a pure function of the item and
the style family; the tables live in styles/title-rules.toml.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from citeconv import lazy_regex
from citeconv.project_data import load_table

# `Fourth`, `4th`, `4`, `Second edition`, `2nd ed.`, `2. Aufl.`: the edition as a number.
_ORDINAL_WORDS = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
    "thirteenth": 13,
    "fourteenth": 14,
    "fifteenth": 15,
    "sixteenth": 16,
    "seventeenth": 17,
    "eighteenth": 18,
    "nineteenth": 19,
    "twentieth": 20,
}
_EDITION = lazy_regex.compile(
    r"^\s*(?:(?P<digits>\d+)(?:st|nd|rd|th|\.)?|(?P<word>[A-Za-z]+))"
    r"(?:\s+(?:ed\.?|edn\.?|edition))?\s*$",
    re.IGNORECASE,
)
_MONTHS = frozenset(
    "jan feb mar apr may jun jul aug sep sept oct nov dec january february march april june "
    "july august september october november december".split()
)
# An e-locator or article id in `pages` (`e124`, BMJ's `n71`, JSTAT's `P10008`, `e011072`);
# `S12` (supplement) is a page, as is a single page printed with its letter (`A7`).
_ARTICLE_NUMBER = lazy_regex.compile(r"^(?:[a-z]\d+|[A-RT-Z]\d{4,})$")
# An article number in a book part's page (see article_number_from_page), and its page label.
_ARTICLE_MARK = "\ue0a3"
_ARTICLE_AS_PAGE = lazy_regex.compile(r"(?:\bpp?\.\s*)?\ue0a3")
_BOOK_PARTS = frozenset({"chapter", "paper-conference", "entry-encyclopedia", "entry-dictionary"})
# `Cambridge, MA`, `New York, NY, USA`, `Washington, D.C.`, `Vienna, Austria`.
_SEVERAL_PLACES = lazy_regex.compile(r"\s+and\s+|\s*;\s*|\s*/\s*")
_PLACE = lazy_regex.compile(
    r"^(?P<city>[^,()]+),\s*(?P<region>[^,()]+?)(?:,\s*(?:USA|US|U\.S\.A?\.))?$"
)
# APA 7 §9.16: a retrieval date only for pages that change; without one, the URL alone.
_RETRIEVED_WITHOUT_DATE = lazy_regex.compile(r"\bRetrieved (?=(?:<[^<>]+>)*https?://)")
# A work with no author has its title, edition and translator moved before the date; the CSL
# file prints the description again after it: `Beowulf (S. Heaney, Trans.). (2000). (S. Heaney,
# Trans.). Norton.`
_DESCRIPTION_TWICE = lazy_regex.compile(
    r"(?P<description> \([^()<>]+\)\.) (?P<date>\([^()<>]+\)\.)(?P=description)"
)


def finish_apa(fragment: str) -> str:
    """The rendered entry: `Retrieved https://...` (no date, no `from`) becomes the URL; the
    edition or translator of a work with no author is printed once (APA 7 §9.12, §10.2); an
    article number in a page's place loses the page label."""
    fragment = _ARTICLE_AS_PAGE.sub("", fragment)
    fragment = _DESCRIPTION_TWICE.sub(r"\g<description> \g<date>", fragment, count=1)
    return _RETRIEVED_WITHOUT_DATE.sub("", fragment)


def normalize_edition(item: dict[str, Any]) -> dict[str, Any]:
    """`Fourth`, `4th ed.`, `2nd edition` -> `4`, `2`: the style then prints `4th ed.`."""
    edition = item.get("edition")
    match = _EDITION.match(edition) if isinstance(edition, str) else None
    if match is None:
        return item
    word = (match.group("word") or "").casefold()
    number = match.group("digits") or _ORDINAL_WORDS.get(word)
    if number is None:
        return item
    return {**item, "edition": str(number)}


def edition_label(item: dict[str, Any]) -> dict[str, Any]:
    """An edition that is not a number (`30th anniversary`, `Revised edition`) ends in `ed.`
    as APA 7 §9.40 and Citing Medicine ch. 2 print it; the CSL files print it bare."""
    edition = item.get("edition")
    if not isinstance(edition, str) or not re.search(r"[^\W\d_]", edition):
        return item  # `3`, `3–5`: numbers the style labels itself
    text = re.sub(r"\s*\bedition$", "", edition.strip(), flags=re.IGNORECASE)
    if re.search(r"\b(?:ed|edn)\.?$", text, re.IGNORECASE):
        return item
    return {**item, "edition": f"{text} ed."}


def drop_month_as_issue(item: dict[str, Any]) -> dict[str, Any]:
    """Google Scholar puts the month in `number` (`number = {Oct}`): it is no issue."""
    issue = item.get("issue")
    if isinstance(issue, str) and issue.strip(" .").casefold() in _MONTHS:
        return {k: v for k, v in item.items() if k != "issue"}
    return item


# `3-4`, `1 - 2`: a range of issues or volumes, numbers on both sides of one hyphen.
_NUMBER_RANGE = lazy_regex.compile(r"^(\d+)\s*-\s*(\d+)$")


def number_range_dash(item: dict[str, Any]) -> dict[str, Any]:
    """An issue or volume range prints with an en dash (`n. 3–4`), as citeproc-js prints a
    numeric range in a number variable (fixture fullstyles_ABdNT). A report number such as
    `99-02` is an identifier, not a range: `number` is left as typed."""
    changed = {}
    for variable in ("issue", "volume"):
        value = item.get(variable)
        match = _NUMBER_RANGE.match(value) if isinstance(value, str) else None
        if match:
            changed[variable] = f"{match.group(1)}\u2013{match.group(2)}"
    return {**item, **changed} if changed else item


def article_number_from_page(item: dict[str, Any]) -> dict[str, Any]:
    """APA 7 §9.27: an article number is printed `Article e124`, not as a page. In a
    proceedings volume or book (`eid = {77401I}`) it takes the page's place: `(Vol. 7740,
    Article 77401I)`, where the CSL file would print `(No. 77401I; Vol. 7740)`; a page that
    repeats the number (`eid = {77401I}, pages = {77401I}`) is that number."""
    page = item.get("page")
    number = item.get("number")
    if isinstance(page, str) and isinstance(number, str) and page.strip() == number.strip():
        item, page = {k: v for k, v in item.items() if k != "page"}, None  # eid = pages
    if item.get("type") in _BOOK_PARTS and isinstance(number, str) and number and not page:
        rest = {k: v for k, v in item.items() if k != "number"}
        return {**rest, "page": f"{_ARTICLE_MARK}Article {number.strip()}"}
    if item.get("type") != "article-journal" or item.get("number") or not isinstance(page, str):
        return item
    if not _ARTICLE_NUMBER.match(page.strip()):
        return item
    item = {k: v for k, v in item.items() if k != "page"}
    item["number"] = page.strip()
    return item


def data_set_label(item: dict[str, Any]) -> dict[str, Any]:
    """APA 7 §10.9 writes `[Data set]`; the CSL locale term is `dataset`."""
    if item.get("type") != "dataset" or item.get("genre") or item.get("medium"):
        return item
    return {**item, "genre": "Data set"}


def unpublished_thesis(item: dict[str, Any]) -> dict[str, Any]:
    """APA 7 §10.6: a thesis with no DOI, URL or database is unpublished (`[Unpublished
    doctoral dissertation]. University.`); a published one names its institution in brackets."""
    genre = item.get("genre")
    if item.get("type") != "thesis" or not isinstance(genre, str):
        return item
    if not re.search(r"\b(?:dissertation|thesis)\b", genre, re.IGNORECASE):
        return item
    if any(item.get(v) for v in ("DOI", "URL", "archive")) or genre.startswith("Unpublished"):
        return item
    return {**item, "genre": f"Unpublished {genre[0].lower()}{genre[1:]}"}


_PUBLISHER_WORD = lazy_regex.compile(
    r"\b(press|publishing|publishers?|university|books|verlag|society|association|institute"
    r"|foundation|organization|organisation|inc|ltd|llc|gmbh|pbc|zenodo|github|arxiv)\b",
    re.IGNORECASE,
)


def description_not_publisher(item: dict[str, Any]) -> dict[str, Any]:
    """`@misc` with `howpublished = {Lecture notes}`: a description, which APA 7 prints in
    brackets after the title (`[Lecture notes]`, §9.21), not a publisher."""
    if not publisher_is_description(item):
        return item
    rest = {k: v for k, v in item.items() if k != "publisher"}
    return {**rest, "genre": item["publisher"]}


def publisher_is_description(item: dict[str, Any]) -> bool:
    """`@misc` whose `howpublished` (the hub's `publisher`) is a short description
    (`Lecture notes`, `Unpublished manuscript`) naming no publisher."""
    publisher = item.get("publisher")
    if item.get("type") != "document" or item.get("genre") or not isinstance(publisher, str):
        return False
    return not _PUBLISHER_WORD.search(publisher) and len(publisher.split()) <= 4


def report_number_label(item: dict[str, Any]) -> dict[str, Any]:
    """APA 7 §10.4: a report's number follows its kind, `(Report No. 800-171r2)`; the CSL file
    prints the bare number when the entry names no kind."""
    number = item.get("number")
    if item.get("type") != "report" or not isinstance(number, str) or item.get("genre"):
        return item
    # The style labels only a numeric number (`Report No. 12`); others need the label here.
    numeric = re.fullmatch(r"[\d\s,&\u2013-]+", number)
    return {**item, "genre": "Report" if numeric else "Report No."}


def conference_paper_as_chapter(item: dict[str, Any]) -> dict[str, Any]:
    """APA 7 §10.5: a paper in proceedings published as a book is cited like a chapter
    (`In Proceedings of ... (pp. 770–778). Publisher.`) also without editors. Papers in
    proceedings with a volume or issue stay periodical (`Advances in ..., 30.`)."""
    if item.get("type") != "paper-conference" or not item.get("container-title"):
        return item
    if any(item.get(v) for v in ("editor", "volume", "issue", "collection-editor")):
        return item
    return {**item, "type": "chapter"}


def nlm_place(item: dict[str, Any]) -> dict[str, Any]:
    """Citing Medicine ch. 2: the state or country follows the city in parentheses:
    `Cambridge (MA)`, `New York (NY)`, `Vienna (Austria)`, `Washington (DC)`; of several
    places the first (`Durham and London` -> `Durham`; `Westport, Conn. and London` ->
    `Westport (CT)`)."""
    place = item.get("publisher-place")
    if not isinstance(place, str) or item.get("type") == "patent":
        return item  # a patent's places are the countries it is granted in
    first = _SEVERAL_PLACES.split(place.strip())[0]
    match = _PLACE.match(first)
    if match is None:
        return item if first == place.strip() else {**item, "publisher-place": first}
    region = match.group("region").strip()
    region = _postal_codes().get(region, region)  # `Mass.` -> `MA`
    region = region.replace(".", "") if re.fullmatch(r"(?:[A-Z]\.){2}", region) else region
    return {**item, "publisher-place": f"{match.group('city').strip()} ({region})"}


@cache
def _postal_codes() -> dict[str, str]:
    return dict(load_table("title-rules.toml")["styles"]["nlm"].get("regions", {}))


_YEAR_RANGE = lazy_regex.compile(r"(?<![\d-])((?:1[5-9]|20)\d\d)-((?:1[5-9]|20)\d\d)(?![\d-])")


def year_range_dash(item: dict[str, Any]) -> dict[str, Any]:
    """APA 7 §6.6: a range of years in a title takes an en dash (`1980–2016`)."""
    title = item.get("title")
    if not isinstance(title, str) or not _YEAR_RANGE.search(title):
        return item
    return {**item, "title": _YEAR_RANGE.sub("\\1\u2013\\2", title)}


def original_date_only(item: dict[str, Any]) -> dict[str, Any]:
    """APA 7 §9.41: `(Original work published 1959)`; the style would add the original
    publisher's name."""
    if "original-publisher" not in item:
        return item
    return {k: v for k, v in item.items() if k != "original-publisher"}


# Every style, not only APA and NLM: typing slips and BibTeX gaps any reader would call wrong.
_TITLES = ("title", "container-title", "collection-title", "volume-title")
_SPACE_BEFORE_STOP = lazy_regex.compile(r"(?<=\w)[ \t]+(?=[.,](?:\s|$|</))")


def no_space_before_stops(item: dict[str, Any]) -> dict[str, Any]:
    """`Pulsar Astrometry at the Microarcsecond Level .`, `The Gaia mission . Pulsating stars`
    (ADS exports): a space before a full stop or comma in a title is a typing slip."""
    found = [
        v for v in _TITLES if isinstance(item.get(v), str) and _SPACE_BEFORE_STOP.search(item[v])
    ]
    if not found:
        return item
    return {**item, **{v: _SPACE_BEFORE_STOP.sub("", item[v]) for v in found}}


def part_without_container(item: dict[str, Any]) -> dict[str, Any]:
    """A paper whose proceedings are not named (`@inproceedings` with no `booktitle`) and that
    was no talk at a named event is cited as the publication it is: the styles print a dangling
    `in` (Nature) or no publisher (Chicago, APA) for a paper with no container."""
    if item.get("type") != "paper-conference" or item.get("container-title"):
        return item
    if item.get("event-title") or item.get("event"):
        return item  # a talk at a named conference
    if not (item.get("publisher") or item.get("page")):
        return item  # nothing a style would lose
    return {**item, "type": "book"}


def container_author_not_repeated(item: dict[str, Any]) -> dict[str, Any]:
    """A chapter whose book is by its own author (BibLaTeX's `bookauthor`, inherited through
    `crossref`): APA 7 §10.3 names the book's editors after `In`, never the chapter's author a
    second time; the CSL file would print `In I. Kant, Kants Werke` and drop the editors."""
    container_author = item.get("container-author")
    if not container_author or container_author != item.get("author"):
        return item
    return {k: v for k, v in item.items() if k != "container-author"}
