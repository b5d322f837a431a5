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
_EDITION = re.compile(
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
_ARTICLE_NUMBER = re.compile(r"^(?:[a-z]\d+|[A-RT-Z]\d{4,})$")
# `Cambridge, MA`, `New York, NY, USA`, `Washington, D.C.`, `Vienna, Austria`.
_PLACE = re.compile(r"^(?P<city>[^,()]+),\s*(?P<region>[^,()]+?)(?:,\s*(?:USA|US|U\.S\.A?\.))?$")
_SERIAL_TYPES = frozenset({"article-journal", "article-magazine", "article-newspaper"})
# PubMed's journal titles carry the NLM Catalog's qualifiers: `Lancet (London, England)`,
# `BMJ (Clinical research ed.)`, `Journal of clinical oncology : official journal of ...`.
# Zotero also writes `Clinical Neurophysiology: Official Journal of the International ...`.
_CATALOG_QUALIFIER = re.compile(
    r"\s*\((?:[^()]*,[^()]*|[^()]*\bed\.)\)$|\s+:\s+.*$"
    r"|\s*:\s*(?:the\s+)?official\s+(?:journal|publication|organ)\s+of\b.*$",
    re.IGNORECASE,
)
# APA 7 §9.16: a retrieval date only for pages that change; without one, the URL alone.
_RETRIEVED_WITHOUT_DATE = re.compile(r"\bRetrieved (?=(?:<[^>]+>)*https?://)")


def journal_without_catalog_qualifier(item: dict[str, Any]) -> dict[str, Any]:
    """The journal's own name, as APA and NLM print it: `Lancet`, `BMJ`. Its abbreviation,
    derived from the qualified title when the file was read, is derived again."""
    title = item.get("container-title")
    if item.get("type") not in _SERIAL_TYPES or not isinstance(title, str):
        return item
    name = _CATALOG_QUALIFIER.sub("", title)
    if name == title or not name:
        return item
    item = {**item, "container-title": name}
    if item.get("container-title-short"):
        from citeconv.journals import abbreviate_journal  # loads the LTWA: only for these

        item["container-title-short"] = abbreviate_journal(re.sub(r"<[^>]+>", "", name)) or name
    return item


def journal_series_dropped(item: dict[str, Any]) -> dict[str, Any]:
    """A journal's series (`series = {3}`, the hub's `collection-title`) is not printed by APA
    7 (§9.25: title, volume, issue, pages) nor NLM, whose CSL file glued it to the volume
    (`William Mary Q. 1958;315:168-90` for series 3, volume 15)."""
    if item.get("type") not in _SERIAL_TYPES or not item.get("collection-title"):
        return item
    return {k: v for k, v in item.items() if k not in {"collection-title", "collection-number"}}


def finish_apa(fragment: str) -> str:
    """The rendered entry: `Retrieved https://...` (no date, no `from`) becomes the URL."""
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


def drop_month_as_issue(item: dict[str, Any]) -> dict[str, Any]:
    """Google Scholar puts the month in `number` (`number = {Oct}`): it is no issue."""
    issue = item.get("issue")
    if isinstance(issue, str) and issue.strip(" .").casefold() in _MONTHS:
        return {k: v for k, v in item.items() if k != "issue"}
    return item


def article_number_from_page(item: dict[str, Any]) -> dict[str, Any]:
    """APA 7 §9.27: an article number is printed `Article e124`, not as a page."""
    page = item.get("page")
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
    `Cambridge (MA)`, `New York (NY)`, `Vienna (Austria)`, `Washington (DC)`."""
    place = item.get("publisher-place")
    match = _PLACE.match(place.strip()) if isinstance(place, str) else None
    if match is None:
        return item
    region = match.group("region").strip()
    region = region.replace(".", "") if re.fullmatch(r"(?:[A-Z]\.){2}", region) else region
    return {**item, "publisher-place": f"{match.group('city').strip()} ({region})"}


@cache
def _nlm_journal_table() -> tuple[dict[str, str], dict[str, str]]:
    row = load_table("title-rules.toml")["styles"]["nlm"]
    return dict(row.get("journals", {})), dict(row.get("journal_words", {}))


def nlm_journal_abbreviation(item: dict[str, Any]) -> dict[str, Any]:
    """NLM Catalog abbreviations where ISO 4 differs (`Proc Natl Acad Sci U S A`, `JAMA`,
    `PLoS One`); words ISO 4 tooling truncates (`Heal` -> `Health`); Google Scholar's
    lowercase journal names (`nature`, `J mach learn res`) capitalized."""
    if item.get("type") not in _SERIAL_TYPES:
        return item
    title = item.get("container-title")
    if not isinstance(title, str):
        return item
    journals, words = _nlm_journal_table()
    key = re.sub(r"^the\s+", "", " ".join(title.split()).casefold())
    short = journals.get(key) or item.get("container-title-short")
    if not isinstance(short, str):
        return item
    whole = set(re.findall(r"\w+", title.casefold()))
    short = " ".join(
        words[w] if w in words and words[w].casefold() in whole else w
        for w in short.replace(" :", "").replace(",", "").split()
    )
    short = " ".join(w[0].upper() + w[1:] if w.islower() else w for w in short.split())
    return {**item, "container-title-short": short}


@cache
def _apa_journal_names() -> dict[str, str]:
    return dict(load_table("title-rules.toml")["styles"]["apa"].get("journals", {}))


def apa_journal_name(item: dict[str, Any]) -> dict[str, Any]:
    """The journal's own name for PubMed catalog titles (`Lancet` -> `The Lancet`)."""
    title = item.get("container-title")
    if item.get("type") not in _SERIAL_TYPES or not isinstance(title, str):
        return item
    name = _apa_journal_names().get(" ".join(title.split()).casefold())
    return {**item, "container-title": name} if name else item


_YEAR_RANGE = re.compile(r"(?<![\d-])((?:1[5-9]|20)\d\d)-((?:1[5-9]|20)\d\d)(?![\d-])")


def year_range_dash(item: dict[str, Any]) -> dict[str, Any]:
    """APA 7 §6.6: a range of years in a title takes an en dash (`1980–2016`)."""
    title = item.get("title")
    if not isinstance(title, str) or not _YEAR_RANGE.search(title):
        return item
    return {**item, "title": _YEAR_RANGE.sub("\\1\u2013\\2", title)}
