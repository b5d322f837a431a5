"""RIS dates -> CSL dates: `YYYY/MM/DD/other`, and the worded dates some exports write.

`2020/05/17/`, `2020/05//`, `2020///`, `2020`, `2020-05-17`; `March 2020`, `15-20 June 2019`,
`2020 Mar 5` (bibliographic databases and publishers' sites write these in Y1 and DA). A
month or day no calendar has is left out and said; so is a part after the year that is not
read (`2020/May/17`), so that no date loses its month without a word.
"""

from __future__ import annotations

from citeconv import lazy_regex
from citeconv.normalize.dates import MONTHS, ParsedDate, days_in, month_of

_RIS_DATE = lazy_regex.compile(
    r"^(-?\d{1,4})(?:[/-](\d{0,2})(?:[/-](\d{0,2}))?)?(?:/(?P<other>.*))?$"
)
# `15-20 June 2019`, `5 Mar. 2020`, `March 2020`, `2020 Mar 5`, `2020 March`.
_WORDED = lazy_regex.compile(
    r"^(?:(?P<day>\d{1,2})(?:\s*[-\u2013]\s*(?P<last>\d{1,2}))?\s+)?(?P<month>[A-Za-z]{3,9})\.?,?"
    r"\s+(?P<year>\d{4})$"
    r"|^(?P<year2>\d{4})\s+(?P<month2>[A-Za-z]{3,9})\.?(?:\s+(?P<day2>\d{1,2}))?$"
)
_LOOKS_DATED = lazy_regex.compile(r"\d|[A-Za-z]{3}")


def parse_date(text: str) -> ParsedDate:
    """A date's parts, or the text as a literal date; `dropped` says what was left out."""
    text = text.strip()
    match = _RIS_DATE.match(text)
    if match is None or int(match.group(1)) == 0:
        return _worded(text) or ParsedDate({"literal": text})
    month, day, other = match.group(2) or "", match.group(3) or "", match.group("other") or ""
    parts, dropped = date_parts(int(match.group(1)), month, day)
    if not month and not day and _LOOKS_DATED.search(other) and "/" in other:
        dropped.append(f"'{other}' after the year is not read as a month and day; dropped")
    return ParsedDate({"date-parts": [parts]}, dropped=tuple(dropped))


def _worded(text: str) -> ParsedDate | None:
    match = _WORDED.match(text)
    if match is None:
        return None
    month = MONTHS.get((match.group("month") or match.group("month2")).lower())
    if month is None:
        return None
    year = int(match.group("year") or match.group("year2"))
    day = match.group("day") or match.group("day2") or ""
    start, dropped = date_parts(year, str(month), day)
    last = match.group("last")
    if last and len(start) == 3 and int(last) > start[2] and int(last) <= days_in(year, month):
        return ParsedDate({"date-parts": [start, [year, month, int(last)]]}, dropped=tuple(dropped))
    return ParsedDate({"date-parts": [start]}, dropped=tuple(dropped))


def date_parts(year: int, month: str, day: str) -> tuple[list[int], list[str]]:
    """A month or day of 0 (`2001/00/00/`) is how exports say it is not known: left out
    quietly, as an empty one is."""
    month_number, day_number = int(month or 0), int(day or 0)
    if not month_number:
        return [year], [f"day '{day}' without a month; dropped"] if day_number else []
    if month_number > 12:
        also = f", and day '{day}' with it" if day_number else ""
        return [year], [f"month '{month}' is no month; dropped{also}"]
    if day_number > days_in(year, month_number):
        lost = f"day '{day}' is no day of {month_of(year, month_number)}; dropped"
        return [year, month_number], [lost]
    return [year, month_number, *([day_number] if day_number else [])], []
