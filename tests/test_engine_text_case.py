"""`text-case` as citeproc-js applies it (rendering/text_case.py): the lowercase parts of a
capitalized compound, letters outside the Latin script, Turkish capitals."""

from __future__ import annotations

from typing import Any

import pytest

import citeconv
from citeconv.rendering.text_case import title_case


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Out-of-fashion initiatives", "Out-of-Fashion Initiatives"),
        ("COVID-related deaths", "COVID-Related Deaths"),
        ("saline solution of β-carotine", "Saline Solution of β-Carotine"),
        ("über alles", "Über Alles"),
        ("the iPhone-based app", "The iPhone-Based App"),
    ],
)
def test_title_case(text: str, expected: str) -> None:
    assert title_case(text, [False] * len(text)) == expected


ARTICLE: dict[str, Any] = {
    "id": "a",
    "type": "article-journal",
    "title": "Out-of-fashion initiatives",
    "container-title": "Journal",
    "author": [{"family": "Doe", "given": "Jane"}],
    "issued": {"date-parts": [[2001]]},
}


def test_chicago_title_cases_each_lowercase_part_of_a_compound() -> None:
    lines = citeconv.render([ARTICLE], "chicago-author-date", "text").value.splitlines()
    assert lines == ["Doe, Jane. 2001. “Out-of-Fashion Initiatives.” Journal."]
