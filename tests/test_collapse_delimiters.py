"""Delimiters of collapsed cites (rendering/collapse.py), as citeproc-js prints them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import citeconv
from citeconv import CiteItem, Cluster

STYLE = """<style xmlns="http://purl.org/net/xbiblio/csl" class="{kind}" version="1.0">
  <info>
    <id>collapse-test</id><title>collapse test</title>
    <updated>2026-01-01T00:00:00+00:00</updated>
  </info>
  <citation disambiguate-add-year-suffix="true" {options}>
    <layout prefix="(" suffix=")" delimiter="{delimiter}">
      <group delimiter=" ">
        <names variable="author"><name form="short"/></names>
        <date variable="issued"><date-part name="year"/></date>
      </group>
    </layout>
  </citation>
</style>"""


def book(key: str, family: str, year: int) -> dict[str, Any]:
    return {
        "id": key,
        "type": "book",
        "title": key,
        "author": [{"family": family}],
        "issued": {"date-parts": [[year]]},
    }


ITEMS = [book("a", "Aalto", 2015), book("b", "Aalto", 2015), book("c", "Wiens", 1989)]


def cite(tmp_path: Path, options: str, delimiter: str, keys: str, kind: str = "in-text") -> str:
    # A file per style: styles are cached by path for the life of the process.
    path = tmp_path / f"collapse-{len(list(tmp_path.iterdir()))}.csl"
    path.write_text(STYLE.format(options=options, delimiter=delimiter, kind=kind), encoding="utf-8")
    cluster = Cluster(tuple(CiteItem(key) for key in keys))
    return citeconv.cite(ITEMS, [cluster], str(path)).value.clusters[0]


def test_year_suffixes_are_joined_by_the_cite_group_delimiter(tmp_path: Path) -> None:
    options = 'collapse="year-suffix" cite-group-delimiter=", "'
    assert cite(tmp_path, options, "; ", "abc") == "(Aalto 2015a, b; Wiens 1989)"


def test_collapse_by_year_puts_the_after_collapse_delimiter_between_all_groups(
    tmp_path: Path,
) -> None:
    options = 'collapse="year" after-collapse-delimiter="; "'
    assert cite(tmp_path, options, ", ", "ac") == "(Aalto 2015a; Wiens 1989)"
    # Under year-suffix collapsing only a merged group takes it (collapse_TrailingDelimiter).
    options = 'collapse="year-suffix" after-collapse-delimiter="; "'
    assert cite(tmp_path, options, ", ", "ac") == "(Aalto 2015a, Wiens 1989)"


def test_collapse_by_year_in_a_note_style_keeps_the_layout_delimiter(tmp_path: Path) -> None:
    assert cite(tmp_path, 'collapse="year"', "; ", "ab") == "(Aalto 2015a, 2015b)"
    assert cite(tmp_path, 'collapse="year"', "; ", "ab", kind="note") == "(Aalto 2015a; 2015b)"
