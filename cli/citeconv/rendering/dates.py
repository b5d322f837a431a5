"""Dates as CSL-JSON writes them and citeproc-js reads them: seasons, invalid months, empty
parts, raw dates.

citeproc-py read a month of 13-24 (CSL-JSON's seasons: 21 is spring, 13-16 the same four) as a
month with no name and printed nothing, stopped on a month that is no month (`-1`, `60`) or an
empty string part (`["2000", "", ""]`), and printed nothing for a date given only as `raw` text.
Here the item's dates are cleaned before the engine reads them (empty parts dropped, a `raw`
date with no parts printed as it is written), and a month part prints a season's term or,
for a month no calendar has, nothing.

Fixtures: date_SeasonRange1, date_SeasonRange2, date_SeasonRange3, date_VariousInvalidDates,
date_String, date_TextFormYeardateYearRangeOpen (with engine_patches._date_range).

This module never imports citeproc-py: the adapter hands its `model` module to install().
"""

from __future__ import annotations

from typing import Any

# CSL 1.0.2's date variables.
DATE_VARIABLES = (
    "accessed",
    "available-date",
    "event-date",
    "issued",
    "original-date",
    "submitted",
)
_model: Any = None


def install(model: Any) -> None:
    """Patch the engine's classes (idempotent)."""
    global _model
    _model = model
    if getattr(model, "_citeconv_dates", False):
        return
    model.Date_Part.process = _month_as_season(model.Date_Part.process)
    model._citeconv_dates = True


def engine_dates(item: dict[str, Any]) -> dict[str, Any]:
    """`item`, or a copy whose dates the engine can read."""
    cleaned = {
        name: _cleaned(item[name])
        for name in DATE_VARIABLES
        if name in item and isinstance(item[name], dict)
    }
    changed = {name: date for name, date in cleaned.items() if date is not item[name]}
    return {**item, **changed} if changed else item


def _cleaned(date: dict[str, Any]) -> dict[str, Any]:
    parts = date.get("date-parts")
    if not isinstance(parts, list):
        parts = []
    kept = [_filled(part) for part in parts if isinstance(part, list)]
    kept = [part for part in kept if part]
    if not kept:
        raw = date.get("raw") or date.get("literal")
        cleaned = {k: v for k, v in date.items() if k not in ("date-parts", "raw")}
        return {**cleaned, "literal": str(raw)} if raw and "literal" not in date else date
    return date if kept == parts else {**date, "date-parts": kept}


def _filled(part: list[Any]) -> list[Any]:
    """A date's parts up to the first empty one (`["2000", "", ""]` is the year 2000)."""
    filled: list[Any] = []
    for value in part:
        if value is None or (isinstance(value, str) and not value.strip()):
            break
        filled.append(value)
    return filled


def season_of(month: int) -> int | None:
    """The season (1-4) a CSL-JSON month of 13-24 stands for: 21 (and 13, 17) is spring."""
    return (month - 13) % 4 + 1 if 13 <= month <= 24 else None


def _month_as_season(original: Any) -> Any:
    def process(self: Any, date: Any, context: Any = None) -> Any:
        month = date.get("month")  # the common case first: no month, or a calendar month
        if not isinstance(month, int) or 1 <= month <= 12 or self.get("name") != "month":
            return original(self, date, context)
        season = season_of(month)
        if season is None:
            return None  # no calendar has this month: the part prints nothing
        return (context if context is not None else self).get_single_term(
            name=f"season-{season:02}"
        )

    return process
