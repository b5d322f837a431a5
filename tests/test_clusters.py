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
    assert result.value.bibliography == (
        '<div class="csl-left-margin">[1]</div>'
        '<div class="csl-right-inline">R. Roe, <i>Another Book</i>. 2019.</div>',
        '<div class="csl-left-margin">[2]</div>'
        '<div class="csl-right-inline">J. Doe, <i>A Book</i>. Pub, 2020.</div>',
    )


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


def five_books() -> list[dict[str, Any]]:
    doe, roe = [{"family": "Doe", "given": "Jane"}], [{"family": "Roe", "given": "Rich"}]
    return [
        {
            "id": f"b{index}",
            "type": "book",
            "title": f"Book {index}",
            "author": doe if index < 3 else roe,
            "issued": {"date-parts": [[2018 + index % 2]]},
        }
        for index in range(5)
    ]


def test_apa_collapses_years_by_author() -> None:
    cluster = Cluster(tuple(CiteItem(f"b{index}") for index in range(5)))
    result = citeconv.cite(five_books(), [cluster], "apa")
    assert result.value.clusters == ("(Doe, 2018a, 2018b, 2019; Roe, 2018, 2019)",)


def test_chicago_groups_cites_by_author_in_the_order_given() -> None:
    cluster = Cluster(tuple(CiteItem(f"b{index}") for index in range(5)))
    result = citeconv.cite(five_books(), [cluster], "chicago-author-date")
    assert result.value.clusters == ("(Doe 2018a, 2019, 2018b; Roe 2019, 2018)",)


def test_vancouver_collapses_three_numbers_into_a_range() -> None:
    clusters = [
        Cluster((CiteItem("b1"), CiteItem("b2"))),
        Cluster(tuple(CiteItem(f"b{index}") for index in range(5))),
    ]
    result = citeconv.cite(five_books(), clusters, "vancouver")
    assert result.value.clusters == ("(1,2)", "(1–5)")


def test_oscola_ibid_and_the_note_of_the_first_citation() -> None:
    clusters = [
        Cluster((CiteItem("doe"),), 1),
        Cluster((CiteItem("doe", locator="5"),), 2),
        Cluster((CiteItem("roe"),), 3),
        Cluster((CiteItem("doe"),), 4),
    ]
    items = [{**item, "publisher": "Pub"} for item in ITEMS]
    assert citeconv.cite(items, clusters, "oscola").value.clusters == (
        "Jane Doe, <i>A Book</i> (Pub 2020).",
        "Ibid 5.",
        "Rich Roe, <i>Another Book</i> (Pub 2019).",
        "Doe (n 1).",  # the title only where two works by Doe would read alike
    )


def test_apa_adds_names_where_cites_would_read_alike() -> None:
    def person(family: str, given: str) -> dict[str, str]:
        return {"family": family, "given": given}

    items = [
        {
            "id": key,
            "type": "book",
            "title": title,
            "author": [person("Smith", "J"), *coauthors],
            "issued": {"date-parts": [[2020]]},
        }
        for key, title, coauthors in (
            ("a", "One", [person("Brown", "A"), person("Jones", "B")]),
            ("b", "Two", [person("Benson", "C"), person("Lee", "D")]),
        )
    ]
    result = citeconv.cite(items, [Cluster((CiteItem("a"), CiteItem("b")))], "apa")
    assert result.value.clusters == ("(Smith, Benson, et al., 2020; Smith, Brown, et al., 2020)",)
    assert result.value.bibliography[0].startswith("Smith, J., Benson, C., &#38; Lee, D. (2020).")


def test_apa_gives_initials_to_different_authors_of_one_family_name() -> None:
    items = [
        {
            "id": key,
            "type": "book",
            "title": title,
            "author": [{"family": "Smith", "given": given}],
            "issued": {"date-parts": [[year]]},
        }
        for key, title, given, year in (("a", "One", "John", 2020), ("b", "Two", "Anna", 2019))
    ]
    result = citeconv.cite(items, [Cluster((CiteItem("a"), CiteItem("b")))], "apa")
    assert result.value.clusters == ("(A. Smith, 2019; J. Smith, 2020)",)
    assert result.value.bibliography == (
        "Smith, A. (2019). <i>Two</i>.",
        "Smith, J. (2020). <i>One</i>.",
    )


def test_harvard_writes_out_given_names_only_where_they_tell_works_apart() -> None:
    def work(key: str, *people: tuple[str, str]) -> dict[str, Any]:
        authors = [{"family": family, "given": given} for family, given in people]
        return {
            "id": key,
            "type": "book",
            "title": key,
            "issued": {"date-parts": [[1980]]},
            "author": authors,
        }

    smith, brown = ("Smith", "John"), ("Brown", "John")
    items = [
        work("a", smith, brown, ("Jones", "John")),
        work("b", smith, brown, ("Jones", "John")),  # the same people as `a`: a year suffix
        work("c", smith, ("Benson", "John"), ("Jones", "John")),
        work("d", smith, brown, ("Jones", "Arthur")),
    ]
    cluster = Cluster(tuple(CiteItem(key) for key in "abcd"))
    result = citeconv.cite(items, [cluster], "harvard-cite-them-right")
    assert result.value.clusters == (
        "(Smith, Benson and Jones, 1980; Smith, Brown and A. Jones, 1980;"
        " Smith, Brown and J. Jones, 1980a, 1980b)",
    )


def test_cites_keep_their_order_unless_the_style_sorts_them() -> None:
    document = clusters((CiteItem("doe"),), (CiteItem("roe"), CiteItem("doe")))
    mla = citeconv.cite(ITEMS, document, "modern-language-association").value.clusters
    assert mla == ("(Doe)", "(Roe; Doe)")  # Doe was cited first, but not in this citation
    assert citeconv.cite(ITEMS, document, "ieee").value.clusters == ("[1]", "[1], [2]")


def test_apa_gives_no_initials_that_would_not_tell_authors_apart() -> None:
    items = [
        {
            "id": key,
            "type": "book",
            "title": key,
            "author": [{"family": family, "given": given}],
            "issued": {"date-parts": [[2020]]},
        }
        for key, family, given in (
            ("a", "Smith", "Cecil"),
            ("b", "Smith", "Charles"),
            ("c", "Muggins", "Bob"),
            ("d", "Muggins", "Jardine"),
        )
    ]
    cluster = Cluster(tuple(CiteItem(key) for key in "abcd"))
    result = citeconv.cite(items, [cluster], "apa")
    # Two C. Smiths read alike with or without initials: a year suffix tells them apart.
    assert result.value.clusters == ("(B. Muggins, 2020; J. Muggins, 2020; Smith, 2020a, 2020b)",)


def test_oscola_ibid_repeats_a_locator_only_when_it_changes() -> None:
    items = [{**item, "publisher": "Pub"} for item in ITEMS]
    document = [
        Cluster((CiteItem("doe", locator="5"),), 1),
        Cluster((CiteItem("doe", locator="5"),), 2),  # the same page: plain ibid
        Cluster((CiteItem("roe"),), 3),
        Cluster((CiteItem("doe"),), 3),  # in the same note: the Roe citation is the one before
        Cluster((CiteItem("roe"), CiteItem("doe")), 4),
        Cluster((CiteItem("doe"),), 5),  # the note before cites two works: no ibid
    ]
    assert citeconv.cite(items, document, "oscola").value.clusters == (
        "Jane Doe, <i>A Book</i> (Pub 2020) 5.",
        "Ibid.",
        "Rich Roe, <i>Another Book</i> (Pub 2019).",
        "Doe (n 1).",
        "Roe (n 3); Doe (n 1).",
        "Doe (n 1).",
    )


def test_ibid_is_capitalized_after_a_sentence_not_after_an_abbreviation() -> None:
    items = [{**item, "publisher": "Pub"} for item in ITEMS]
    document = [
        Cluster((CiteItem("doe"),), 1),
        Cluster((CiteItem("doe", prefix="Cf. "),), 2),
        Cluster((CiteItem("doe", prefix="This was said. "),), 3),
    ]
    assert citeconv.cite(items, document, "oscola").value.clusters[1:] == (
        "Cf. ibid.",
        "This was said. Ibid.",
    )


def test_a_locator_is_trimmed() -> None:
    result = citeconv.cite(ITEMS, clusters((CiteItem("doe", locator=" 12 "),)), "apa")
    assert result.value.clusters == ("(Doe, 2020, p. 12)",)


def test_a_locator_range_takes_an_en_dash_without_spaces() -> None:
    result = citeconv.cite(ITEMS, clusters((CiteItem("doe", locator="100 - 103"),)), "apa")
    assert result.value.clusters == ("(Doe, 2020, pp. 100–103)",)
