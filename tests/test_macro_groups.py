"""A macro whose variables all print nothing prints nothing, its terms included
(rendering/macro_groups.py)."""

from __future__ import annotations

from pathlib import Path

import citeconv

STYLE = """<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><id>macros</id><title>Macros</title><updated>2024-01-01T00:00:00+00:00</updated></info>
  <macro name="container">
    <text term="in" text-case="capitalize-first" suffix=" "/>
    <text variable="container-title" font-style="italic"/>
  </macro>
  <macro name="note"><text value="see also"/></macro>
  <citation><layout><text value="x"/></layout></citation>
  <bibliography><layout>
    <group delimiter=". ">
      <text variable="title"/><text macro="container"/><text macro="note"/>
    </group>
  </layout></bibliography>
</style>
"""


def test_a_macro_without_its_variables_is_suppressed_and_one_without_any_is_not(
    tmp_path: Path,
) -> None:
    style = tmp_path / "macros.csl"
    style.write_text(STYLE, encoding="utf-8")
    items = [
        {"id": "a", "type": "chapter", "title": "Alone"},
        {"id": "b", "type": "chapter", "title": "Inside", "container-title": "Book"},
    ]
    assert citeconv.render(items, str(style), "text").value.splitlines() == [
        "Alone. see also",
        "Inside. In Book. see also",
    ]
