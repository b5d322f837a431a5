"""Dates the engine could not read: seasons, invalid months, empty parts, raw text, open
ranges (rendering/dates.py)."""

from __future__ import annotations

from pathlib import Path
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


RANGE_STYLE = """<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><id>ranges</id><title>r</title><updated>2024-01-01T00:00:00+00:00</updated></info>
  <citation><layout><text variable="title"/></layout></citation>
  <bibliography><layout>
    <date variable="issued" delimiter=" ">
      <date-part name="day" range-delimiter="/"/>
      <date-part name="month" range-delimiter=" to "/>
      <date-part name="year"/>
    </date>
  </layout></bibliography>
</style>"""


@pytest.mark.parametrize(
    ("parts", "expected"),
    [
        ([[1999, 1, 2], [1999, 1, 4]], "2/4 January 1999"),  # the day's delimiter
        ([[1999, 1, 2], [1999, 3, 4]], "2 January to 4 March 1999"),  # the month's
        ([[1999, 1, 2], [2000, 3, 4]], "2 January 1999–4 March 2000"),  # the year's: default
    ],
)
def test_a_range_takes_the_delimiter_of_its_largest_differing_part(
    tmp_path: Path, parts: list[list[int]], expected: str
) -> None:
    style = tmp_path / "ranges.csl"
    style.write_text(RANGE_STYLE, encoding="utf-8")
    item = {"id": "a", "type": "book", "issued": {"date-parts": parts}}
    assert citeconv.render([item], str(style), "text").value == expected + "\n"


TYPE_STYLE = """<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><id>type</id><title>t</title><updated>2024-01-01T00:00:00+00:00</updated></info>
  <citation><layout><text variable="title"/></layout></citation>
  <bibliography><layout><choose>
    <if type="article-journal"><text value="journal article"/></if>
    <else-if type="article-newspaper"><text value="newspaper article"/></else-if>
  </choose></layout></bibliography>
</style>"""


@pytest.mark.parametrize(
    ("container", "printed"),
    [({}, "journal article"), ({"container-title": "Times"}, "newspaper article")],
)
def test_a_piece_dated_to_the_day_is_news_only_with_a_newspaper_named(
    tmp_path: Path, container: dict[str, str], printed: str
) -> None:
    style = tmp_path / "type.csl"
    style.write_text(TYPE_STYLE, encoding="utf-8")
    item = {"id": "a", "type": "article-journal", "issued": {"date-parts": [[1999, 1, 2]]}}
    assert citeconv.render([{**item, **container}], str(style), "text").value == printed + "\n"


ORDINAL_STYLE = """<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0"
    default-locale="fr-FR">
  <info><id>ordinal</id><title>o</title><updated>2024-01-01T00:00:00+00:00</updated></info>
  <citation><layout><text variable="title"/></layout></citation>
  <bibliography><layout><group delimiter=" / ">
    <date variable="issued" delimiter=" ">
      <date-part name="day" form="ordinal"/><date-part name="month"/>
    </date>
    <group delimiter=" "><number variable="edition" form="ordinal"/><text term="edition"/></group>
  </group></layout></bibliography>
</style>"""


def test_an_ordinal_takes_the_gender_of_what_it_counts(tmp_path: Path) -> None:
    # French: `1er octobre` (a month is masculine), `1re édition` (an edition is feminine)
    style = tmp_path / "ordinal.csl"
    style.write_text(ORDINAL_STYLE, encoding="utf-8")
    item = {"id": "a", "type": "book", "edition": "1", "issued": {"date-parts": [[2004, 10, 1]]}}
    assert citeconv.render([item], str(style), "html").value == (
        '<div class="csl-entry">1<sup>e</sup><sup>r</sup> octobre / '
        "1<sup>r</sup><sup>e</sup> édition</div>\n"
    )
