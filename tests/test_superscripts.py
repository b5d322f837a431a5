"""Superscript characters print as `<sup>` in HTML, as citeproc-js writes them
(rendering/superscripts.py); other markups keep the character."""

from __future__ import annotations

from typing import Any

import pytest

import citeconv
from citeconv.rendering.superscripts import as_sup_tags


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ("1ʳᵉ éd.", "1<sup>r</sup><sup>e</sup> éd."),
        ("ª2", "<sup>a</sup>2"),
        ("m² and ™", "m<sup>2</sup> and <sup>TM</sup>"),
        ("ˀ ۥ ⁻", "<sup>ʔ</sup> <sup>و</sup> <sup>−</sup>"),
        ("<i>plain</i> 2", "<i>plain</i> 2"),
    ],
)
def test_a_superscript_character_becomes_a_sup_tag(html: str, expected: str) -> None:
    assert as_sup_tags(html) == expected


AREA: dict[str, Any] = {
    "id": "a",
    "type": "book",
    "title": "Yields per m²",
    "author": [{"family": "Roe", "given": "Jane"}],
    "issued": {"date-parts": [[2001]]},
}


def test_apa_html_raises_the_character_and_text_keeps_it() -> None:
    html = citeconv.render([AREA], "apa", "html").value
    assert html.splitlines() == [
        '<div class="csl-entry">Roe, J. (2001). <i>Yields per m<sup>2</sup></i>.</div>'
    ]
    assert citeconv.render([AREA], "apa", "text").value == "Roe, J. (2001). Yields per m².\n"
