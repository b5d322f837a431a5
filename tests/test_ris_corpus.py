"""Every real-world .bib file -> hub -> RIS, read back by rispy (an independent RIS reader).

One record per CSL item, with type, title, authors (particles and suffixes intact), year,
container, pages and DOI as the hub has them. The expected strings are built here from the hub
by the RIS conventions, not by calling the writer's helpers.
"""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import Any

import pytest
import rispy  # type: ignore[import-untyped]

from citeconv.commands.files import read_sources
from citeconv.csl import Bibliography
from citeconv.formats import ReadOptions, WriteOptions, find_reader
from citeconv.pipeline import read_all
from citeconv.writers.ris import write_ris

from conftest import CORPUS, corpus_dir

REALWORLD = sorted(p.name for p in (CORPUS / "realworld").glob("*.bib"))
# Types whose RIS T2 is the series, not the container (Zotero's and EndNote's convention).
SERIES_IN_T2 = {"book", "report", "software", "map"}


def plain(value: Any) -> str:
    """CSL rich text -> one line of text (a bare `<` in `z < 3` is text, not a tag)."""
    untagged = re.sub(r"</?(?:i|b|sup|sub|u|span)(?: [^>]*)?>", "", str(value))
    return " ".join(html.unescape(untagged).split())


def ris_name(name: dict[str, str]) -> str:
    if "literal" in name:
        return plain(name["literal"])
    family = " ".join(filter(None, [name.get("non-dropping-particle"), name.get("family")]))
    given = " ".join(filter(None, [name.get("given"), name.get("dropping-particle")]))
    return plain(", ".join(filter(None, [family, given, name.get("suffix")])))


def hub_of(path: Path) -> Bibliography:
    sources, _ = read_sources([str(path)])
    return read_all(sources, find_reader(path=str(path)), ReadOptions()).value


@pytest.mark.parametrize("name", REALWORLD or ["(corpus absent)"])
def test_rispy_reads_back_every_item(name: str) -> None:
    hub = hub_of(corpus_dir("realworld") / name)
    text = write_ris(hub, WriteOptions()).value
    assert not text.startswith("\ufeff")
    records = rispy.loads(text)
    assert len(records) == len(hub.items)
    for item, record in zip(hub.items, records, strict=True):
        check_record(dict(item), record)


def check_record(item: dict[str, Any], record: dict[str, Any]) -> None:
    where = item["id"]
    assert record["id"] == item["id"]
    assert record["type_of_reference"] != "GEN" or item["type"] in {
        "article",
        "document",
        "entry",
        "event",
        "performance",
        "speech",
        "treaty",
    }, where
    if item.get("title"):
        assert record["title"] == plain(item["title"]), where
    people = [n for n in item.get("author", []) if plain(n.get("literal", "")) != "others"]
    assert record.get("authors", []) == [ris_name(n) for n in people], where
    year = (item.get("issued", {}).get("date-parts") or [[None]])[0][0]
    if isinstance(year, int) and 0 < year < 10000:
        assert record["year"] == f"{year:04d}", where
    container = "collection-title" if item["type"] in SERIES_IN_T2 else "container-title"
    if item.get(container):
        assert record["secondary_title"] == plain(item[container]), where
    if item.get("page"):
        check_pages(str(item["page"]), record, where)
    if item.get("DOI"):
        assert record["doi"] == re.sub(r"^https?://(dx\.)?doi\.org/", "", item["DOI"]), where


def check_pages(page: str, record: dict[str, Any], where: str) -> None:
    """SP/EP together say what the hub's range says (`557-64` may come back as 557 and 564)."""
    if "end_page" not in record:
        assert record["start_page"] == plain(page), where
        return
    first, last = re.split(r"\s*[-\u2013\u2014]+\s*", page.strip())
    assert record["start_page"] == first, where
    assert record["end_page"].endswith(last.lstrip("".join(filter(str.isalpha, last)))), where
    assert int(re.sub(r"\D", "", record["end_page"])) >= int(re.sub(r"\D", "", first)), where


def test_the_corpus_is_there_and_was_covered() -> None:
    if not (CORPUS / "realworld").is_dir():
        pytest.skip("shared corpus absent")
    assert len(REALWORLD) >= 40
