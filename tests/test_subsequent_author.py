"""`subsequent-author-substitute`: an entry whose names print as the previous entry's prints
the style's string instead (rendering/subsequent_author.py)."""

from __future__ import annotations

from typing import Any

import citeconv
from citeconv.rendering.subsequent_author import NAMES_END, NAMES_START, substituted

BOOK: dict[str, Any] = {
    "id": "a",
    "type": "book",
    "title": "Book one",
    "author": [{"family": "Doe", "given": "Jane"}],
    "issued": {"date-parts": [[2001]]},
    "publisher": "Press",
}


def marked(names: str, rest: str) -> str:
    return f"{NAMES_START}{names}{NAMES_END}{rest}"


def test_only_the_same_names_as_the_entry_before_are_substituted() -> None:
    htmls = [marked("Doe", ", A"), marked("Doe", ", B"), marked("Doe and Roe", ", C"), None]
    assert substituted(htmls, "———") == ["Doe, A", "———, B", "Doe and Roe, C", None]


def test_without_the_option_nothing_changes() -> None:
    assert substituted([marked("Doe", ", A"), "B"], None) == [marked("Doe", ", A"), "B"]


def test_mla_prints_three_em_dashes_for_the_same_author() -> None:
    second = {**BOOK, "id": "b", "title": "Book two", "issued": {"date-parts": [[2002]]}}
    third = {
        **BOOK,
        "id": "c",
        "title": "Book three",
        "author": [*BOOK["author"], {"family": "Roe", "given": "Ann"}],
    }
    lines = citeconv.render([BOOK, second, third], "modern-language-association", "text")
    assert lines.value.splitlines() == [
        "Doe, Jane. Book One. Press, 2001.",
        "———. Book Two. Press, 2002.",
        "Doe, Jane, and Ann Roe. Book Three. Press, 2001.",
    ]
