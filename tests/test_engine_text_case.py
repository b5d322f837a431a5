"""`text-case` as citeproc-js applies it (rendering/text_case.py): the lowercase parts of a
capitalized compound, letters outside the Latin script, Turkish capitals."""

from __future__ import annotations

from pathlib import Path
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


def test_a_nodecor_span_keeps_its_case_under_text_case(tmp_path: Path) -> None:
    style = tmp_path / "capitalize-all.csl"
    style.write_text(
        '<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">'
        "<info><id>c</id><title>c</title><updated>2024-01-01T00:00:00+00:00</updated></info>"
        '<citation><layout><text variable="title"/></layout></citation>'
        '<bibliography><layout><text variable="title" text-case="capitalize-all"/></layout>'
        "</bibliography></style>",
        encoding="utf-8",
    )
    case = {"id": "c", "type": "legal_case", "title": 'lessard <span class="nodecor">v.</span> doe'}
    assert citeconv.render([case], str(style), "html", title_case="keep").value == (
        '<div class="csl-entry">Lessard v. Doe</div>\n'
    )
