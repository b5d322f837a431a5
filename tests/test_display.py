"""`display` blocks as citeproc-js writes them in HTML (rendering/display.py); other markups
print the text alone."""

from __future__ import annotations

from pathlib import Path

import citeconv
from citeconv.rendering.display import html_blocks

STYLE = """<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><id>display</id><title>Display</title><updated>2024-01-01T00:00:00+00:00</updated></info>
  <citation><layout><text variable="title"/></layout></citation>
  <bibliography>
    <layout suffix=".">
      <group display="block"><names variable="author"/></group>
      <text display="left-margin" variable="title"/>
      <text display="right-inline" variable="publisher" prefix=" "/>
      <text display="indent" variable="abstract"/>
    </layout>
  </bibliography>
</style>
"""
ITEM = {
    "id": "a",
    "type": "book",
    "title": "Book",
    "publisher": "Press",
    "author": [{"family": "Doe", "given": "Jane"}],
}


def test_each_displayed_element_is_a_block_and_the_layout_suffix_goes_in_the_last(
    tmp_path: Path,
) -> None:
    style = tmp_path / "display.csl"
    style.write_text(STYLE, encoding="utf-8")
    assert citeconv.render([ITEM], str(style), "html").value == (
        '<div class="csl-entry"><div class="csl-block">Jane Doe</div>'
        '<div class="csl-left-margin">Book</div><div class="csl-right-inline"> Press.</div></div>\n'
    )
    assert citeconv.render([ITEM], str(style), "text").value == "Jane DoeBook Press.\n"


def test_an_element_with_no_output_has_no_block(tmp_path: Path) -> None:
    style = tmp_path / "display.csl"
    style.write_text(STYLE, encoding="utf-8")
    item = {**ITEM, "publisher": "", "abstract": "About it"}
    assert citeconv.render([item], str(style), "html").value == (
        '<div class="csl-entry"><div class="csl-block">Jane Doe</div>'
        '<div class="csl-left-margin">Book</div><div class="csl-indent">About it.</div></div>\n'
    )


def test_a_block_left_empty_by_a_substitute_is_dropped() -> None:
    # subsequent-author-substitute="" empties the block of a repeated author
    assert html_blocks("\ue0d6\ue0d5\ue0d7 1999\ue0d5\ue0d8Title\ue0d5.") == (
        '<div class="csl-left-margin"> 1999</div><div class="csl-right-inline">Title.</div>'
    )
