"""Dates: BibTeX year/month and BibLaTeX EDTF -> CSL dates (normalize/dates.py)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from citeconv.csl import CslDate
from citeconv.normalize.dates import parse_iso_date, parse_month, parse_year_month


@pytest.mark.parametrize(
    ("value", "date"),
    [
        ("2020", {"date-parts": [[2020]]}),
        ("2020-03", {"date-parts": [[2020, 3]]}),
        ("2020-03-15", {"date-parts": [[2020, 3, 15]]}),
        ("2004-04-05T14:34:00", {"date-parts": [[2004, 4, 5]]}),
        ("2022-07/2022-08", {"date-parts": [[2022, 7], [2022, 8]]}),
        ("-0877/-0866", {"date-parts": [[-878], [-867]]}),  # EDTF 0000 is CSL -1 (1 BC)
        ("0000", {"date-parts": [[-1]]}),
        ("2020~", {"date-parts": [[2020]], "circa": True}),
        ("1723?", {"date-parts": [[1723]], "circa": True}),
        ("2017-21", {"date-parts": [[2017]], "season": 1}),
        ("2017-24", {"date-parts": [[2017]], "season": 4}),
        ("19XX", {"date-parts": [[1900], [1999]]}),
        ("20uu", {"date-parts": [[2000], [2099]]}),
    ],
)
def test_edtf(value: str, date: CslDate) -> None:
    parsed = parse_iso_date(value)
    assert parsed.date == date
    assert parsed.problem is None


def test_open_range_keeps_its_known_end_and_says_so() -> None:
    parsed = parse_iso_date("2019-10-14/")
    assert parsed.date == {"date-parts": [[2019, 10, 14]]}
    assert parsed.notes == ("open-ended range '2019-10-14/' kept as its known end",)


@pytest.mark.parametrize("value", ["yesterday", "2020-13", "2020-02-40", "1/2/3"])
def test_not_edtf_is_kept_as_literal_with_a_problem(value: str) -> None:
    parsed = parse_iso_date(value)
    assert parsed.date == {"literal": value}
    assert parsed.problem


@pytest.mark.parametrize(
    ("year", "month", "date"),
    [
        ("2001", "March", {"date-parts": [[2001, 3]]}),
        ("2001", "mar", {"date-parts": [[2001, 3]]}),
        ("2001", "Sept.", {"date-parts": [[2001, 9]]}),
        ("2001", "11", {"date-parts": [[2001, 11]]}),
        ("2004", "June--August", {"date-parts": [[2004, 6], [2004, 8]]}),
        ("1973", "10\u00a0January", {"date-parts": [[1973, 1, 10]]}),
        ("2010", "Spring", {"date-parts": [[2010]], "season": 1}),
        ("1998--2001", None, {"date-parts": [[1998], [2001]]}),
        ("c. 1900", None, {"date-parts": [[1900]], "circa": True}),
    ],
)
def test_year_and_month(year: str, month: str | None, date: CslDate) -> None:
    assert parse_year_month(year, month).date == date


def test_year_suffix_and_status() -> None:
    assert parse_year_month("2020a", None).year_suffix == "a"
    assert parse_year_month("2020a", None).date == {"date-parts": [[2020]]}
    pressed = parse_year_month("In press", None)
    assert (pressed.date, pressed.status) == (None, "in press")
    assert parse_year_month("forthcoming", None).status == "forthcoming"
    undated = parse_year_month("n.d.", None)
    assert undated.date == {"literal": "n.d."} and undated.problem


@given(st.integers(1, 12))
def test_every_month_number_and_name(month: int) -> None:
    names = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
    assert parse_month(str(month)) == month
    assert parse_month(names[month - 1].upper()) == month


@given(st.integers(1000, 2999), st.integers(1, 12), st.integers(1, 28))
def test_iso_round_trip(year: int, month: int, day: int) -> None:
    value = f"{year:04d}-{month:02d}-{day:02d}"
    assert parse_iso_date(value).date == {"date-parts": [[year, month, day]]}
