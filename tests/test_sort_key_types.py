"""Sort keys compare as text whatever citeproc-py returns them as (rendering/sort_keys.py)."""

from __future__ import annotations

from pathlib import Path

import citeconv


def test_an_item_whose_key_renders_as_mixed_text_sorts_beside_a_plain_one() -> None:
    # An empty `curator` made one APA key a MixedString (a list), the other a str: TypeError.
    items = [
        {"id": "a", "type": "book", "curator": ""},
        {"id": "good", "type": "book", "title": "Good"},
    ]
    lines = citeconv.render(items, "apa", "text").value.splitlines()
    assert len(lines) == 2 and lines[0] == "Good. (n.d.)."


SHORTENED_KEY_STYLE = """\
<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><id>sort</id><title>s</title><updated>2024-01-01T00:00:00+00:00</updated></info>
  <macro name="creators"><names variable="author"><name/></names></macro>
  <citation><layout><text variable="title"/></layout></citation>
  <bibliography>
    <sort>
      <key macro="creators" names-min="1" names-use-first="1"/>
      <key variable="issued"/>
    </sort>
    <layout><text variable="title"/></layout>
  </bibliography>
</style>"""


def test_a_key_cut_short_by_names_min_has_no_et_al(tmp_path: Path) -> None:
    # `Smith` and `Smith, Jones` share the key `Smith`: the year decides
    style = tmp_path / "sort.csl"
    style.write_text(SHORTENED_KEY_STYLE, encoding="utf-8")
    smith, jones = {"family": "Smith", "given": "Al"}, {"family": "Jones", "given": "Bo"}
    items = [
        {
            "id": "one",
            "type": "book",
            "title": "Alone",
            "author": [smith],
            "issued": {"date-parts": [[1991]]},
        },
        {
            "id": "two",
            "type": "book",
            "title": "Together",
            "author": [smith, jones],
            "issued": {"date-parts": [[1990]]},
        },
    ]
    assert citeconv.render(items, str(style), "text").value == "Together\nAlone\n"
