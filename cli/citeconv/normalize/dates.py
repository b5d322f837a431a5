"""`year`, `month`, `date` and `urldate` -> CSL dates (date-parts), never silently empty."""

from __future__ import annotations

import re

from citeconv.csl import CslDate

MONTHS: dict[str, int] = {
    name: number
    for number, names in enumerate(
        (
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
        ),
        start=1,
    )
    for name in names
}
_ISO = re.compile(r"^(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?$")
_YEAR = re.compile(r"^\d{1,4}$")


def parse_month(value: str) -> int | None:
    cleaned = value.strip().strip(".").lower()
    if cleaned.isdigit() and 1 <= int(cleaned) <= 12:
        return int(cleaned)
    return MONTHS.get(cleaned)


def parse_year_month(year: str, month: str | None) -> CslDate | None:
    """BibTeX `year` (+ `month`); None when the year is not a number (caller keeps a literal)."""
    year = year.strip()
    if not _YEAR.match(year):
        return None
    parts = [int(year)]
    if month:
        number = parse_month(month)
        if number is not None:
            parts.append(number)
    return {"date-parts": [parts]}


def parse_iso_date(value: str) -> CslDate | None:
    """BibLaTeX `date`/`urldate`: `YYYY`, `YYYY-MM`, `YYYY-MM-DD`, and `A/B` ranges."""
    ranges = value.strip().split("/")
    if len(ranges) > 2:
        return None
    parts: list[list[int]] = []
    for piece in ranges:
        match = _ISO.match(piece.strip())
        if match is None:
            return None
        parts.append([int(group) for group in match.groups() if group])
    return {"date-parts": parts}
