"""Quotes and decorations nested in each other alternate, as citeproc-js prints them
(rendering/flipflop.py): the unit on its own, then through real styles."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import citeconv
from citeconv.rendering.flipflop import Quotes, flip
from citeconv.rendering.punctuation import QUOTE_END, QUOTE_START

US = Quotes()
FRENCH = Quotes("«\u00a0", "\u00a0»", "“", "”")


def quoted(text: str) -> str:
    return f"{QUOTE_START}{text}{QUOTE_END}"


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        (quoted("My “Amazing” Title"), f"“My ‘Amazing’ Title”{QUOTE_END}"),
        (quoted("My ‘“A” and B’ C"), f"“My ‘“A” and B’ C”{QUOTE_END}"),
        ('The Title And "so it goes"', "The Title And “so it goes”"),
        ("'quote', Hello", "“quote”, Hello"),
        ("‘Nobody Knows You’re a Dog’: As", "“Nobody Knows You’re a Dog”: As"),
        ("('\ue000My Title\ue001')", "(“\ue000My Title\ue001”)"),
        ("l'''", "l’’’"),
        ('a "lone quote', 'a "lone quote'),
        (quoted("x"), f"“x”{QUOTE_END}"),
    ],
)
def test_quotes_take_the_locale_quotes_of_their_depth(html: str, expected: str) -> None:
    assert flip(html, US) == expected


def test_a_locale_sets_the_quotes_of_each_depth() -> None:
    assert flip(quoted('a "b" c'), FRENCH) == f"«\u00a0a “b” c\u00a0»{QUOTE_END}"


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        (
            "<i>My \ue000Amazing\ue001 Title</i>",
            '<i>My <span style="font-style:normal;">Amazing</span> Title</i>',
        ),
        (
            "<i>One \ue000Two \ue000Three\ue001 Four\ue001 Five</i>",
            '<i>One <span style="font-style:normal;">Two \ue000Three\ue001 Four</span> Five</i>',
        ),
        (
            "<b>Speak, \ue002friend\ue003</b>",
            '<b>Speak, <span style="font-weight:normal;">friend</span></b>',
        ),
        (
            "<i>Lessard \ue013v.\ue014 Schmidt</i>",
            '<i>Lessard <span style="font-style:normal;">v.</span> Schmidt</i>',
        ),
        ("Lessard \ue013v.\ue014 Schmidt", "Lessard v. Schmidt"),
        ("<i>A</i> and <i>B</i>", "<i>A</i> and <i>B</i>"),
        (
            "(<sc>See</sc> Smith 2000)",
            '(<span style="font-variant:small-caps;">See</span> Smith 2000)',
        ),
        (
            '<span style="font-variant:small-caps;">His \ue008Anonymous\ue009 Life</span>',
            '<span style="font-variant:small-caps;">His '
            '<span style="font-variant:normal;">Anonymous</span> Life</span>',
        ),
    ],
)
def test_a_decoration_inside_itself_prints_normal(html: str, expected: str) -> None:
    assert flip(html, US) == expected


def entries(items: list[dict[str, Any]], style: str) -> list[str]:
    return citeconv.render(items, style, "html").value.splitlines()


ARTICLE: dict[str, Any] = {
    "id": "a",
    "type": "article-journal",
    "title": 'Getting property right: "Informal" mortgages',
    "container-title": "Pacific Rim Law Journal",
    "author": [{"family": "Bennett", "given": "Frank"}],
    "issued": {"date-parts": [[2009]]},
}
BOOK: dict[str, Any] = {
    "id": "b",
    "type": "book",
    "title": "On the <i>Origin of Species</i>",
    "author": [{"family": "Roe", "given": "Jane"}],
    "issued": {"date-parts": [[2001]]},
}


def test_chicago_quotes_a_quotation_in_a_quoted_title_with_single_quotes() -> None:
    assert entries([ARTICLE], "chicago-author-date") == [
        '<div class="csl-entry">Bennett, Frank. 2009. “Getting Property Right: ‘Informal’ '
        "Mortgages.” <i>Pacific Rim Law Journal</i>.</div>"
    ]


def test_apa_prints_an_italic_phrase_in_an_italic_title_roman() -> None:
    assert entries([BOOK], "apa") == [
        '<div class="csl-entry">Roe, J. (2001). <i>On the '
        '<span style="font-style:normal;">Origin of Species</span></i>.</div>'
    ]


VALUE_STYLE = """<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><id>value</id><title>Value</title><updated>2024-01-01T00:00:00+00:00</updated></info>
  <citation><layout><text value="x"/></layout></citation>
  <bibliography><layout font-weight="bold">
    <text value="Speak, &lt;b&gt;friend&lt;/b&gt;, and enter."/>
  </layout></bibliography>
</style>
"""


def test_rich_text_in_a_style_value_is_markup_and_flips(tmp_path: Path) -> None:
    style = tmp_path / "value.csl"
    style.write_text(VALUE_STYLE, encoding="utf-8")
    html = citeconv.render([{"id": "a", "type": "book"}], str(style), "html").value
    assert html == (
        '<div class="csl-entry"><b>Speak, <span style="font-weight:normal;">friend</span>, '
        "and enter.</b></div>\n"
    )


NORMAL_STYLE = """<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><id>normal</id><title>Normal</title><updated>2024-01-01T00:00:00+00:00</updated></info>
  <citation><layout><text value="x"/></layout></citation>
  <bibliography><layout>
    <group delimiter=" / ">
      <text variable="title" font-style="normal"/>
      <group font-style="italic"><text variable="title" font-style="normal"/></group>
    </group>
  </layout></bibliography>
</style>
"""


def test_a_normal_style_prints_a_span_only_inside_the_decoration(tmp_path: Path) -> None:
    style = tmp_path / "normal.csl"
    style.write_text(NORMAL_STYLE, encoding="utf-8")
    html = citeconv.render([{"id": "a", "type": "book", "title": "Life"}], str(style), "html")
    assert html.value == (
        '<div class="csl-entry">Life / <i><span style="font-style:normal;">Life</span></i></div>\n'
    )


BASELINE_STYLE = """<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><id>baseline</id><title>b</title><updated>2024-01-01T00:00:00+00:00</updated></info>
  <citation><layout><text variable="title"/></layout></citation>
  <bibliography><layout>
    <text variable="title" vertical-align="baseline" suffix=" / "/>
    <group vertical-align="sup"><text variable="title" vertical-align="baseline"/></group>
  </layout></bibliography>
</style>"""


def test_a_baseline_prints_a_span_only_inside_a_superscript(tmp_path: Path) -> None:
    style = tmp_path / "baseline.csl"
    style.write_text(BASELINE_STYLE, encoding="utf-8")
    item = {"id": "a", "type": "book", "title": "Life"}
    assert citeconv.render([item], str(style), "html").value == (
        '<div class="csl-entry">Life / <sup><span style="baseline">Life</span></sup></div>\n'
    )
    assert citeconv.render([item], str(style), "markdown").value == "Life / <sup>Life</sup>\n"
