"""`issued` from BibTeX's `date`, or `year`, `month` and `day`, and what each of them says
when it cannot be used: never a date part lost without a word (issue 15)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from citeconv.diagnostics import Code, Severity
from citeconv.normalize.dates import (
    SEASONS,
    ParsedDate,
    parse_iso_date,
    parse_month,
    parse_year_month,
)
from citeconv.normalize.latex import to_text
from citeconv.readers.bibmodel import BibEntry

Report = Callable[[Severity, Code, str, str | None], None]


def add_issued(target: dict[str, Any], entry: BibEntry, report: Report) -> None:
    fields = entry.fields
    if fields.get("date", "").strip():
        parsed = parse_iso_date(date_text(fields["date"]))
        report_date(parsed, "date", report)
        _report_unused_year(parsed, fields, report)
    elif fields.get("year", "").strip():
        month = to_text(fields["month"]) if fields.get("month") else None
        parsed = parse_year_month(to_text(fields["year"]), month, fields.get("day"))
        report_date(parsed, "year", report)
    else:
        _report_parts_without_year(fields, report)
        return
    if parsed.date is not None:
        target["issued"] = parsed.date
    if parsed.status:
        target.setdefault("status", parsed.status)
    if parsed.year_suffix:
        target["year-suffix"] = parsed.year_suffix


def _report_unused_year(parsed: ParsedDate, fields: dict[str, str], report: Report) -> None:
    """`date` wins over `year`, `month` and `day` (biblatex does the same): a part that says
    something else is not used, and says so; one that agrees is no news."""
    # A literal date (`date = {Spring term}`) wins too: every part beside it goes unused.
    start = parsed.date["date-parts"][0] if parsed.date and parsed.date.get("date-parts") else []
    for index, field in enumerate(("year", "month", "day")):
        value = to_text(fields.get(field, "")).strip()
        if not value:
            continue
        number = parse_month(value) if field == "month" else None
        plain = value.isascii() and value.isdecimal() and len(value) <= 6  # `int` has a limit
        said = number if number is not None else (int(value) if plain else None)
        if index < len(start) and said == start[index]:
            continue
        season = SEASONS.get(value.lower()) if field == "month" else None
        if season is not None and parsed.date and parsed.date.get("season") == season:
            continue  # `month = {spring}` beside `date = {2020-21}`: the same season
        report(
            Severity.WARNING,
            Code.UNMAPPED_FIELD,
            f"field '{field}' not used: 'date' gives the date ({fields['date'].strip()})",
            field,
        )


def _report_parts_without_year(fields: dict[str, str], report: Report) -> None:
    for field in ("month", "day"):
        value = to_text(fields.get(field, "")).strip()
        if value:
            message = f"{field} '{value}' dropped: the entry has no year or date"
            report(Severity.WARNING, Code.INVALID_DATE, message, field)


_TILDE_STAND_IN = "\ue000"  # private use: no LaTeX meaning, never in a date


def date_text(value: str) -> str:
    """EDTF uses `~` (approximate), which LaTeX would read as a no-break space. A stand-in
    keeps it out of the LaTeX parser, which a run of `\\textasciitilde{}` kept busy for
    seconds and hundreds of MB (issue 15: 200,000 `~` in a date)."""
    return to_text(value.replace("~", _TILDE_STAND_IN)).replace(_TILDE_STAND_IN, "~")


def report_date(parsed: ParsedDate, field: str, report: Report) -> None:
    if parsed.problem:
        report(Severity.WARNING, Code.INVALID_DATE, parsed.problem, field)
    for note in parsed.notes:
        report(Severity.INFO, Code.INVALID_DATE, note, field)
    for lost in parsed.dropped:
        report(Severity.WARNING, Code.INVALID_DATE, lost, field)
