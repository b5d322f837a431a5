"""BibLaTeX localisation keys (bibstrings) written as a field's whole value -> English terms.

`series = {newseries}`, `type = {patreqfr}`, `location = {countryuk}`: BibLaTeX prints the
language's term for the key (biblatex's english.lbx); the hub holds that term, so every style
prints it. citeconv reads in English: the hub has no place for a term in the output locale.
"""

from __future__ import annotations

from citeconv import lazy_regex

BIBSTRINGS: dict[str, str] = {
    "newseries": "new series",
    "oldseries": "old series",
    "patent": "patent",
    "patentde": "German patent",
    "patenteu": "European patent",
    "patentfr": "French patent",
    "patentuk": "British patent",
    "patentus": "U.S. patent",
    "patreq": "patent request",
    "patreqde": "German patent request",
    "patreqeu": "European patent request",
    "patreqfr": "French patent request",
    "patrequk": "British patent request",
    "patrequs": "U.S. patent request",
    "countryde": "Germany",
    "countryeu": "European Union",
    "countryep": "European Union",
    "countryfr": "France",
    "countryuk": "United Kingdom",
    "countryus": "United States of America",
    "newedition": "new edition",
    "reprint": "reprint",
    "volumes": "volumes",
    "jourser": "series",
    "techreport": "technical report",
    "resreport": "research report",
    "phdthesis": "PhD thesis",
    "mathesis": "Master's thesis",
    "software": "computer software",
    "datacd": "CD-ROM",
    "audiocd": "audio CD",
    "inpreparation": "in preparation",
    "submitted": "submitted",
    "forthcoming": "forthcoming",
    "inpress": "in press",
    "prepublished": "pre-published",
}
# Fields whose whole value may be a bibstring (biblatex manual §2.3: "localisation keys").
BIBSTRING_FIELDS = frozenset(
    "series note addendum location address edition howpublished organization".split()
)
_LIST_SEPARATOR = lazy_regex.compile(r"\s+and\s+")
_ORDINAL_SUFFIXES = {1: "st", 2: "nd", 3: "rd"}


def resolve_bibstring(field: str, value: str) -> str:
    """The English term when the whole value is a localisation key, else the value."""
    if field not in BIBSTRING_FIELDS:
        return value
    whole = BIBSTRINGS.get(_key(value))
    if whole is not None or " and " not in value:
        return whole or value
    # A list field (`location = {countryfr and countryuk}`): each item may be a key.
    items = _LIST_SEPARATOR.split(value)
    return " and ".join(BIBSTRINGS.get(_key(item), item.strip()) for item in items)


def _key(value: str) -> str:
    return value.strip().strip("{}").strip().lower()


def journal_series(value: str) -> str:
    """An article's `series`: an integer is printed as an ordinal with `series` (`3` -> `3rd
    series`, as biblatex and pandoc do); a key or text as its term."""
    text = resolve_bibstring("series", value).strip()
    if not text.isdecimal() or len(text) > 9:  # `int` refuses `²` and 4,300 digits (issue 15)
        return text
    number = int(text)
    suffix = "th" if 10 <= number % 100 <= 20 else _ORDINAL_SUFFIXES.get(number % 10, "th")
    return f"{number}{suffix} series"
