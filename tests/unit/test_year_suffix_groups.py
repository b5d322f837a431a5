"""Which works get a year suffix (rendering/disambiguation.add_year_suffixes)."""

from __future__ import annotations

from typing import Any

from citeconv.rendering.disambiguation import add_year_suffixes


def work(key: str, *people: tuple[str, str], year: int = 1995) -> dict[str, Any]:
    return {
        "id": key,
        "title": key,
        "author": [{"family": family, "given": given} for family, given in people],
        "issued": {"date-parts": [[year]]},
    }


def suffixes(items: list[dict[str, Any]]) -> list[str | None]:
    return [item.get("year-suffix") for item in items]


def et_al_cites(items: list[dict[str, Any]]) -> list[str]:
    """A style printing the first family name and `et al.`, and the year."""
    rendered.append(len(items))
    return [f"{item['author'][0]['family']} et al. {item['issued']}" for item in items]


rendered: list[int] = []


def test_different_authors_whose_cites_print_alike_get_letters() -> None:
    items = [
        work("one", ("Roe", "J"), ("Doe", "J")),
        work("two", ("Roe", "J"), ("Noakes", "R")),
        work("three", ("Roe", "J"), ("Noakes", "R"), year=2000),
    ]
    assert suffixes(add_year_suffixes(items, cite_texts=et_al_cites)) == ["a", "b", None]
    # Without rendered cites, different author lists never collide.
    assert suffixes(add_year_suffixes(items)) == [None, None, None]


def test_cites_that_differ_get_no_letters() -> None:
    items = [work("one", ("Roe", "J"), ("Doe", "J")), work("two", ("Roe", "K"), ("Doe", "J"))]
    given_names_shown = lambda batch: [str(item["author"]) for item in batch]  # noqa: E731
    assert suffixes(add_year_suffixes(items, cite_texts=given_names_shown)) == [None, None]


def test_same_creators_collide_without_rendering() -> None:
    rendered.clear()
    items = [work("one", ("Roe", "J")), work("two", ("Roe", "J")), work("other", ("Poe", "E"))]
    assert suffixes(add_year_suffixes(items, cite_texts=et_al_cites)) == ["a", "b", None]
    assert rendered == []


def test_where_names_are_added_only_the_same_family_names_can_collide() -> None:
    rendered.clear()
    items = [
        work("one", ("Roe", "J"), ("Doe", "J")),
        work("two", ("Roe", "J"), ("Noakes", "R")),
        work("three", ("Roe", "Jane"), ("Doe", "J")),
    ]
    result = add_year_suffixes(items, cite_texts=et_al_cites, adds_names=True)
    assert suffixes(result) == ["a", None, "b"]
    assert rendered == [2]  # only `one` and `three` were rendered
