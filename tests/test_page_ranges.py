"""Page ranges in the style's page-range-format (rendering/page_ranges.py)."""

from __future__ import annotations

from typing import Any

import pytest

import citeconv
from citeconv import CiteItem, Cluster
from citeconv.rendering.page_ranges import format_pages


@pytest.mark.parametrize(
    ("value", "range_format", "expected"),
    [
        ("110-5", None, "110–5"),
        ("110-5", "expanded", "110–115"),
        ("N110 - N5", "expanded", "N110–N115"),
        ("N110 - 5", "expanded", "N110-5"),
        ("123N110 - N5, 456K200 - 99", "expanded", "123N110-N5, 456K200-99"),
        ("101-108", "minimal", "101–8"),
        ("1536-538", "minimal", "1536–8"),
        ("n11564 - n1568", "minimal", "n11564–8"),
        ("3-10", "minimal-two", "3–10"),
        ("101-108", "minimal-two", "101–08"),
        ("1496-1500", "chicago-16", "1496–500"),
        ("1496-1504", "chicago", "1496–1504"),
        ("8n11564-8n1568", "chicago", "8n11564–68"),
        ("100-104", "chicago-16", "100–104"),
        ("142-145 \ue010 235", "chicago", "142–45 \ue010 235"),
        ("xxv-xxviii", "chicago", "xxv–xxviii"),
        ("3\\-B", "expanded", "3-B"),
        ("Michaelson-Morely", "expanded", "Michaelson-Morely"),
    ],
)
def test_a_page_range_is_printed_in_the_format_asked_for(
    value: str, range_format: str | None, expected: str
) -> None:
    assert format_pages(value, range_format, "–") == expected


ARTICLE: dict[str, Any] = {
    "id": "a",
    "type": "article-journal",
    "title": "Measuring things",
    "container-title": "Journal of Things",
    "author": [{"family": "Doe", "given": "Bruce"}],
    "issued": {"date-parts": [[2018]]},
    "volume": "12",
    "page": "1496-1504",
}


def test_chicago_author_date_prints_the_16th_editions_range() -> None:
    lines = citeconv.render([ARTICLE], "chicago-author-date", "text").value.splitlines()
    assert lines == ["Doe, Bruce. 2018. “Measuring Things.” Journal of Things 12: 1496–504."]


def test_vancouver_prints_the_least_digits() -> None:
    lines = citeconv.render([ARTICLE], "vancouver", "text").value.splitlines()
    assert lines == ["1. Doe B. Measuring things. Journal of Things. 2018;12:1496-504."]


def test_an_ampersand_between_pages_is_the_locales_and_symbol() -> None:
    assert format_pages("213 & 235", None, "–", "AMPERSAND") == "213 AMPERSAND 235"


def test_an_ampersand_in_a_page_locator_is_escaped_in_html() -> None:
    cited = citeconv.cite([ARTICLE], [Cluster((CiteItem(id="a", locator="213 & 235"),), 1)], "ieee")
    assert cited.value.clusters == ("[1, pp. 213 &#38; 235]",)


def test_pages_joined_by_an_ampersand_are_plural() -> None:
    lines = citeconv.render([{**ARTICLE, "page": "45 & 67"}], "ieee", "text").value.splitlines()
    assert lines == [
        "[1] B. Doe, “Measuring things,” Journal of Things, vol. 12, pp. 45 & 67, 2018."
    ]
