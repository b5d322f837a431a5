"""CSL-JSON's old variable names read as the new ones (rendering/legacy_variables.py)."""

from __future__ import annotations

from pathlib import Path

import citeconv
from citeconv.rendering.legacy_variables import with_new_names

STYLE = """<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" class="note" version="1.0">
  <info><id>short</id><title>Short</title><updated>2024-01-01T00:00:00+00:00</updated></info>
  <citation><layout><text variable="container-title" form="short" strip-periods="true"/>
  </layout></citation>
</style>
"""


def test_an_old_name_is_read_unless_the_new_one_is_set() -> None:
    old = {"id": "a", "journalAbbreviation": "Am. L.J.", "shortTitle": "Life"}
    assert with_new_names(old) == {
        **old,
        "container-title-short": "Am. L.J.",
        "title-short": "Life",
    }
    both = {"id": "a", "journalAbbreviation": "X", "container-title-short": "Y"}
    assert with_new_names(both) is both


def test_a_short_container_title_under_its_old_name_is_printed(tmp_path: Path) -> None:
    style = tmp_path / "short.csl"
    style.write_text(STYLE, encoding="utf-8")
    item = {
        "id": "a",
        "type": "article-journal",
        "container-title": "American Law Journal",
        "journalAbbreviation": "Am. L.J.",
    }
    cited = citeconv.cite([item], [citeconv.Cluster((citeconv.CiteItem(id="a"),), 1)], str(style))
    assert cited.value.clusters == ("Am LJ",)
