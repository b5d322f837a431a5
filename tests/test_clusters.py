"""Citation clusters (`citeconv.cite`): locators, affixes, author options, positions, numbering."""

from __future__ import annotations

from typing import Any

import citeconv
from citeconv import CiteItem, Cluster
from citeconv.diagnostics import Code, Severity

ITEMS: list[dict[str, Any]] = [
    {
        "id": "doe",
        "type": "book",
        "title": "A Book",
        "author": [{"family": "Doe", "given": "Jane"}],
        "issued": {"date-parts": [[2020]]},
        "publisher": "Pub",
    },
    {
        "id": "roe",
        "type": "book",
        "title": "Another Book",
        "author": [{"family": "Roe", "given": "Rich"}],
        "issued": {"date-parts": [[2019]]},
    },
]


def clusters(*groups: tuple[CiteItem, ...]) -> list[Cluster]:
    return [Cluster(group, note) for note, group in enumerate(groups, start=1)]


def test_apa_locator_prefix_and_author_options() -> None:
    result = citeconv.cite(
        ITEMS,
        clusters(
            (CiteItem("doe", locator="12"), CiteItem("roe", prefix="see ")),
            (CiteItem("doe", locator="4", label="page", suppress_author=True),),
            (CiteItem("roe", author_only=True),),
        ),
        "apa",
    )
    assert result.value.clusters == (
        "(Doe, 2020, p. 12; see Roe, 2019)",
        "(2020, p. 4)",
        "Roe",
    )
    assert result.value.bibliography == (
        "Doe, J. (2020). <i>A book</i>. Pub.",
        "Roe, R. (2019). <i>Another book</i>.",
    )
    assert result.diagnostics == ()


def test_numbers_follow_the_first_citation() -> None:
    result = citeconv.cite(ITEMS, clusters((CiteItem("roe"),), (CiteItem("doe"),)), "ieee")
    assert result.value.clusters == ("[1]", "[2]")
    assert [entry[:8] for entry in result.value.bibliography] == ["[1]R. Ro", "[2]J. Do"]


def test_a_note_style_shortens_subsequent_citations() -> None:
    result = citeconv.cite(
        ITEMS, clusters((CiteItem("doe"),), (CiteItem("doe"),)), "chicago-notes-bibliography"
    )
    assert result.value.clusters == ("Jane Doe, <i>A Book</i> (Pub, 2020).", "Doe, <i>A Book</i>.")


def test_an_unknown_id_is_left_out_with_an_error() -> None:
    result = citeconv.cite(ITEMS, [Cluster((CiteItem("doe"), CiteItem("nope")))], "apa")
    assert result.value.clusters == ("(Doe, 2020)",)
    assert [(d.severity, d.code, d.message) for d in result.diagnostics] == [
        (Severity.ERROR, Code.MISSING_FIELD, "no item with id 'nope'; not cited")
    ]
