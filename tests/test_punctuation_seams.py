"""Where a field's last mark meets the next affix or delimiter, the marks merge as citeproc-js
merges them (rendering/punctuation.py): `?` + `.` is `?`, `;` + `!` is `!`, `.` + `,` stays."""

from __future__ import annotations

from pathlib import Path

import pytest

import citeconv
from citeconv.rendering.punctuation import QUOTE_END, set_quote_punctuation

STYLE = """<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><id>seams</id><title>Seams</title><updated>2024-01-01T00:00:00+00:00</updated></info>
  <citation><layout><text variable="title"/></layout></citation>
  <bibliography><layout><text variable="title" suffix="SUFFIX"/></layout></bibliography>
</style>
"""


@pytest.mark.parametrize(
    ("title", "suffix", "expected"),
    [
        ("Perhaps?", ".", "Perhaps?"),
        ("Colon:", ".", "Colon:"),
        ("Semicolon;", "!", "Semicolon!"),
        ("Colon:", "?", "Colon?"),
        ("Period.", ":", "Period.:"),
        ("Comma,", ".", "Comma,."),
        ("Wow!", "?", "Wow!?"),
        ("Same.", ".", "Same."),
    ],
)
def test_marks_meeting_at_a_suffix_merge(
    tmp_path: Path, title: str, suffix: str, expected: str
) -> None:
    style = tmp_path / "seams.csl"
    style.write_text(STYLE.replace("SUFFIX", suffix), encoding="utf-8")
    item = {"id": "a", "type": "book", "title": title}
    assert citeconv.render([item], str(style), "text").value == expected + "\n"


def test_a_space_inside_guillemets_is_narrow_and_unbreakable() -> None:
    item = {"id": "a", "type": "book", "title": "His « Anonymous » life"}
    assert (
        citeconv.render([item], "apa", "text").value
        == "His «\u202fAnonymous\u202f» life. (n.d.).\n"
    )


@pytest.mark.parametrize(
    ("html", "inside", "expected"),
    [
        # a quotation closing with the quoted title takes the moved period too
        (f"“This is ‘The One’”{QUOTE_END}.", True, "“This is ‘The One.’”"),
        (f"“This is ‘The One’”{QUOTE_END}.", False, "“This is ‘The One’”."),
        (f"“<i>Title</i>”{QUOTE_END},", True, "“<i>Title</i>,”"),
        (f"“<i>The ‘One’</i>”{QUOTE_END}.", True, "“<i>The ‘One.’</i>”"),
    ],
)
def test_moved_punctuation_goes_inside_a_quotation_closing_with_the_quote(
    html: str, inside: bool, expected: str
) -> None:
    assert set_quote_punctuation(html, inside=inside) == expected
