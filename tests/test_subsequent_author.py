"""`subsequent-author-substitute`: an entry whose names print as the previous entry's prints
the style's string instead (rendering/author_substitute.py)."""

from __future__ import annotations

from typing import Any

import citeconv

BOOK: dict[str, Any] = {
    "id": "a",
    "type": "book",
    "title": "Book one",
    "author": [{"family": "Doe", "given": "Jane"}],
    "issued": {"date-parts": [[2001]]},
    "publisher": "Press",
}


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
