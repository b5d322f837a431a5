"""A label prints nothing when its variable is empty (rendering/labels.py)."""

from __future__ import annotations

from pathlib import Path

import citeconv
from citeconv import CiteItem, Cluster

STYLE = """<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" class="note" version="1.0">
  <info><id>labels</id><title>Labels</title><updated>2024-01-01T00:00:00+00:00</updated></info>
  <citation><layout>
    <text variable="title"/>
    <label variable="locator" form="short" prefix=", " suffix=" "/><text variable="locator"/>
    <label variable="page" form="short" prefix="; " suffix=" "/><text variable="page"/>
  </layout></citation>
</style>
"""
BOOK = {"id": "a", "type": "book", "title": "Life"}


def test_a_label_without_its_variable_prints_nothing(tmp_path: Path) -> None:
    style = tmp_path / "labels.csl"
    style.write_text(STYLE, encoding="utf-8")
    clusters = [
        Cluster((CiteItem(id="a"),), 1),
        Cluster((CiteItem(id="a", locator="12"),), 2),
    ]
    cited = citeconv.cite([BOOK], clusters, str(style)).value.clusters
    assert cited == ("Life", "Life, p. 12")
    paged = citeconv.cite([{**BOOK, "page": "3-4"}], clusters[:1], str(style)).value.clusters
    assert paged == ("Life; pp. 3–4",)


VOLUMES = STYLE.replace(
    '<label variable="page" form="short" prefix="; " suffix=" "/><text variable="page"/>',
    '<label variable="number-of-volumes" prefix="; " suffix=" "/>'
    '<text variable="number-of-volumes"/>',
)


def test_a_count_above_one_takes_the_plural_label(tmp_path: Path) -> None:
    style = tmp_path / "volumes.csl"
    style.write_text(VOLUMES, encoding="utf-8")
    items = [{**BOOK, "number-of-volumes": 1}, {**BOOK, "id": "b", "number-of-volumes": "3"}]
    clusters = [Cluster((CiteItem(id="a"),), 1), Cluster((CiteItem(id="b"),), 2)]
    cited = citeconv.cite(items, clusters, str(style)).value.clusters
    assert cited == ("Life; volume 1", "Life; volumes 3")
