"""`year`, `month`, `date` and `urldate` -> CSL dates (date-parts), never silently empty.

BibLaTeX `date` fields are read as the EDTF subset biblatex itself accepts (biblatex manual
§2.3.8): `YYYY`, `YYYY-MM`, `YYYY-MM-DD`, negative years, ranges `A/B`, open ranges `A/` and
`../B`, approximate `~` and uncertain `?` (-> `circa`), unspecified `XX`, seasons `YYYY-21`..`24`,
and a time part that is dropped. BibTeX `year` may also say `in press` (-> `status`), `2020a`
(-> `year-suffix`), `c. 1900`, or a range `1998-2001`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from citeconv import lazy_regex
from citeconv.csl import CslDate

_MONTH_WORDS = (
    ("jan", "january"),
    ("feb", "february"),
    ("mar", "march"),
    ("apr", "april"),
    ("may",),
    ("jun", "june"),
    ("jul", "july"),
    ("aug", "august"),
    ("sep", "sept", "september"),
    ("oct", "october"),
    ("nov", "november"),
    ("dec", "december"),
)
MONTHS: dict[str, int] = {
    name: number for number, names in enumerate(_MONTH_WORDS, start=1) for name in names
}
SEASONS: dict[str, int] = {"spring": 1, "summer": 2, "autumn": 3, "fall": 3, "winter": 4}
# Non-numeric years that say where a work stands (CSL `status`, rendered by APA).
STATUS_WORDS: dict[str, str] = {
    "in press": "in press",
    "inpress": "in press",
    "forthcoming": "forthcoming",
    "in preparation": "in preparation",
    "submitted": "submitted",
    "accepted": "accepted",
    "under review": "under review",
    "to appear": "to appear",
    "preprint": "preprint",
}
# A year of more than 9 digits is no date (and Python's `int` refuses 4,300 digits: issue 15).
_EDTF_PART = lazy_regex.compile(
    r"^(-?\d{4,9}|\d{2}XX|\d{3}X)(?:-(\d{2}|XX))?(?:-(\d{2}|XX))?(?:T[\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?([~?%]*)$"
)
_YEAR = lazy_regex.compile(
    r"^(?:c\.?\s*|ca\.?\s*|circa\s+)?(-?\d{1,4})([a-z]?)[.]?$", re.IGNORECASE
)
_YEAR_RANGE = lazy_regex.compile(r"^(\d{4})\s*(?:-{1,3}|\u2013|/)\s*(\d{2,4})$")
_DAY_MONTH = lazy_regex.compile(
    r"^(?:(\d{1,2})(?:st|nd|rd|th)?\.?[\s\u00a0]*([^\d\s]+)"
    r"|([^\d\s]+)[\s\u00a0]*(\d{1,2})(?:st|nd|rd|th)?)$"
)
_MONTH_RANGE = lazy_regex.compile(r"\s*(?:-{1,3}|\u2013|/|,)\s*")


@dataclass(frozen=True)
class ParsedDate:
    """What a date field said: a CSL date, and/or a status or year suffix; `problem` if odd."""

    date: CslDate | None = None
    status: str | None = None
    year_suffix: str | None = None
    problem: str | None = None
    notes: tuple[str, ...] = field(default_factory=tuple)  # kept data, changed shape (info)
    dropped: tuple[str, ...] = field(default_factory=tuple)  # a part lost (warning)


def parse_month(value: str) -> int | None:
    cleaned = value.strip().strip(".").lower()
    # isdecimal, not isdigit: `int` refuses `²`, which isdigit accepts; two digits at most.
    if cleaned.isdecimal() and len(cleaned) <= 2 and 1 <= int(cleaned) <= 12:
        return int(cleaned)
    return MONTHS.get(cleaned)


def parse_year_month(year: str, month: str | None, day: str | None = None) -> ParsedDate:
    """BibTeX `year` (+ `month`, `day`)."""
    year = year.strip()
    status = STATUS_WORDS.get(" ".join(year.lower().strip("()[].").split()))
    if status:
        return ParsedDate(status=status, dropped=_parts_unused(month, day, f"'{year}' is no date"))
    ranged = _YEAR_RANGE.match(year)
    if ranged:
        start, end = ranged.groups()
        end = start[: 4 - len(end)] + end
        unused = _parts_unused(month, day, f"the year '{year}' is a range")
        return ParsedDate({"date-parts": [[int(start)], [int(end)]]}, dropped=unused)
    match = _YEAR.match(year)
    if match is None:
        return ParsedDate(
            {"literal": year},
            problem=f"year '{year}' is not a number; kept as literal",
            dropped=_parts_unused(month, day, "the year is not a number"),
        )
    date: CslDate = {"date-parts": [[int(match.group(1))]]}
    if year[:1].lower() == "c":
        date["circa"] = True
    dropped: list[str] = []
    if month and month.strip():
        _add_month(date, month, day, dropped)
    elif day and day.strip():
        dropped.append(f"day '{day.strip()}' without a month; dropped")
    return ParsedDate(date, year_suffix=match.group(2).lower() or None, dropped=tuple(dropped))


def _parts_unused(month: str | None, day: str | None, why: str) -> tuple[str, ...]:
    """A month or day that a year they cannot join would otherwise lose without a word."""
    parts = (("month", month), ("day", day))
    return tuple(
        f"{name} '{value.strip()}' dropped: {why}"
        for name, value in parts
        if value and value.strip()
    )


def _add_month(date: CslDate, month: str, day: str | None, dropped: list[str]) -> None:
    cleaned = month.strip()
    season = SEASONS.get(cleaned.lower())
    if season:
        date["season"] = season
        return
    pieces = [piece for piece in _MONTH_RANGE.split(cleaned) if piece]
    if len(pieces) == 2 and all(parse_month(piece) for piece in pieces):
        year = date["date-parts"][0][0]
        date["date-parts"] = [
            [year, parse_month(pieces[0]) or 1],
            [year, parse_month(pieces[1]) or 1],
        ]
        return
    number = parse_month(cleaned)
    day_match = _DAY_MONTH.match(cleaned)
    if number is None and day_match:
        day = day_match.group(1) or day_match.group(4)
        number = parse_month(day_match.group(2) or day_match.group(3))
    if number is None:
        dropped.append(f"month '{cleaned}' not understood; dropped")
        return
    parts = date["date-parts"][0]
    parts.append(number)
    if not day or not day.strip():
        return
    day = day.strip()
    if day.isdecimal() and len(day) <= 2 and 1 <= int(day) <= days_in(parts[0], number):
        parts.append(int(day))
    else:
        dropped.append(f"day '{day}' is no day of {month_of(parts[0], number)}; dropped")


_DAYS_IN_MONTH = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
_MONTH_NAMES = tuple(names[-1].capitalize() for names in _MONTH_WORDS)


def days_in(year: int, month: int) -> int:
    """In the proleptic Gregorian calendar, EDTF's (no `calendar` import: it costs start-up)."""
    leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
    return 29 if month == 2 and leap else _DAYS_IN_MONTH[month - 1]


def month_of(year: int, month: int) -> str:
    return f"{_MONTH_NAMES[month - 1]} {year}"


def parse_iso_date(value: str) -> ParsedDate:
    """BibLaTeX `date`, `urldate`, `eventdate`, `origdate` (EDTF level 0-1 subset)."""
    text = value.strip()
    pieces = text.split("/")
    if len(pieces) > 2 or not text:
        return _literal(value.strip())
    parts: list[list[int]] = []
    date: CslDate = {}
    notes: list[str] = []
    dropped: list[str] = []
    for piece in pieces:
        piece = piece.strip()
        if piece in ("", "..", "unknown", "open"):  # `unknown`/`open`: the EDTF draft's words
            notes.append(f"open-ended range '{text}' kept as its known end")
            continue
        match = _EDTF_PART.match(piece.replace("u", "X"))  # `20uu`: the draft's `20XX`
        if match is None:
            return _literal(value.strip())
        year, month, day, qualifier = match.groups()
        if qualifier:
            date["circa"] = True
        if "X" in year and len(pieces) == 1:  # `19XX`: the whole century or decade
            low, high = int(year.replace("X", "0")), int(year.replace("X", "9"))
            return ParsedDate({"date-parts": [[low], [high]]})
        parsed = _edtf_parts(year, month, day, date)
        if parsed is None:
            return _literal(value.strip())
        if len(parsed) == 3 and parsed[2] > days_in(parsed[0], parsed[1]):
            dropped.append(f"day '{day}' is no day of {month_of(parsed[0], parsed[1])}; dropped")
            parsed.pop()
        parts.append(parsed)
    if not parts:
        return _literal(value.strip())
    date["date-parts"] = parts
    return ParsedDate(date, notes=tuple(notes), dropped=tuple(dropped))


def _edtf_parts(year: str, month: str | None, day: str | None, date: CslDate) -> list[int] | None:
    if "X" in year:
        return None
    # EDTF counts years astronomically (0000 is 1 BC); CSL writes 1 BC as -1.
    parts = [int(year) if int(year) > 0 else int(year) - 1]
    if month and month != "XX":
        number = int(month)
        if 21 <= number <= 24:
            date["season"] = number - 20
        elif 1 <= number <= 12:
            parts.append(number)
        else:
            return None
        if day and day != "XX" and number <= 12:
            if not 1 <= int(day) <= 31:
                return None
            parts.append(int(day))
    return parts


def _literal(text: str) -> ParsedDate:
    return ParsedDate(
        {"literal": text}, problem=f"date '{text}' is not an EDTF date; kept as literal"
    )
