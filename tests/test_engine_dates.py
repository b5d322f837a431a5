"""Dates the engine could not read: seasons, invalid months, empty parts, raw text, open
ranges (rendering/dates.py)."""

from __future__ import annotations

from typing import Any

import pytest

import citeconv
from citeconv.rendering.dates import engine_dates, season_of


@pytest.mark.parametrize(
    ("month", "season"), [(21, 1), (22, 2), (24, 4), (13, 1), (17, 1), (12, None), (60, None)]
)
def test_a_month_of_13_to_24_is_a_season(month: int, season: int | None) -> None:
    assert season_of(month) == season


@pytest.mark.parametrize(
    ("date", "expected"),
    [
        ({"date-parts": [["2000", "", ""]]}, {"date-parts": [["2000"]]}),
        ({"date-parts": [], "raw": "Bogus Date"}, {"literal": "Bogus Date"}),
        ({"raw": "circa 1650"}, {"literal": "circa 1650"}),
        ({"date-parts": [[2000, 5]]}, {"date-parts": [[2000, 5]]}),
        ({"literal": "n.d.", "raw": "x"}, {"literal": "n.d.", "raw": "x"}),
    ],
)
def test_dates_are_cleaned_before_the_engine(date: dict[str, Any], expected: Any) -> None:
    assert engine_dates({"id": "a", "issued": date})["issued"] == expected


ARTICLE: dict[str, Any] = {
    "id": "a",
    "type": "article-journal",
    "title": "Seasons",
    "container-title": "Journal",
    "author": [{"family": "Doe", "given": "Jane"}],
    "volume": "3",
}


def test_mla_prints_seasons_open_ranges_and_raw_dates() -> None:
    items = [
        {**ARTICLE, "issued": {"date-parts": [[2001, 21]]}},
        {**ARTICLE, "id": "b", "title": "Open", "issued": {"date-parts": [[1987], [0]]}},
        {**ARTICLE, "id": "c", "title": "Raw", "issued": {"raw": "circa spring 1650"}},
    ]
    lines = citeconv.render(items, "modern-language-association", "text").value.splitlines()
    assert lines == [
        "Doe, Jane. “Open.” Journal, vol. 3, 1987–.",
        "———. “Raw.” Journal, vol. 3, circa spring 1650.",
        "———. “Seasons.” Journal, vol. 3, Spring 2001.",
    ]
