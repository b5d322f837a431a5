"""Given names to initials (rendering/initials.py), as the CSL suite's name_Initials* expect."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from citeconv.rendering.initials import initialized


@pytest.mark.parametrize(
    ("given_name", "mark", "whole_words", "expected"),
    [
        ("John M.E.", ". ", False, "J. M. E."),
        ("Ph. M.E.", ".", False, "Ph.M.E."),  # an abbreviation keeps its letters
        ("ME.", " ", False, "ME"),
        ("ME", ".", False, "M."),  # a word without a period is a name
        ("John M.E.", "", True, "John ME"),  # initialize="false": whole words stay
        ("M E", ".", True, "M.E."),
        ("M. John", ".", True, "M. John"),
        ("TSerendorjiin", ".", False, "Ts."),
        ("Jean-Paul", ". ", False, "J.-P."),
        ("Guo-ping", "", False, "G"),  # a lowercase hyphen part is dropped
        ("Jean de la", ". ", False, "J. de la"),  # particles are not initialized
        ("T. L. (Frank)", ". ", False, "T. L. F."),  # a stray bracket is no initial
        ("M. ' A.", ". ", False, "M. ' A."),  # nor is a word without a letter
    ],
)
def test_initialized(given_name: str, mark: str, whole_words: bool, expected: str) -> None:
    assert initialized(given_name, mark, whole_words=whole_words) == expected


def test_without_hyphen_option_the_parts_are_words() -> None:
    assert initialized("Jean-Paul", ".", hyphen=False) == "J.P."


@given(st.lists(st.sampled_from(["Anna", "B.", "C", "Dd.", "Eve"]), min_size=1, max_size=5))
def test_each_word_is_one_initial_with_its_mark(words: list[str]) -> None:
    # A whole word gives its first letter; an abbreviation (`Dd.`) or a capital keeps itself.
    expected = "".join(
        (word.rstrip(".") if word.endswith(".") or len(word) == 1 else word[0]) + "."
        for word in words
    )
    assert initialized(" ".join(words), ".") == expected


@pytest.mark.parametrize(
    ("given_name", "mark", "whole_words", "expected"),
    [
        # <b>John</b> Quiggly, its tags hidden as private-use characters (markup.py)
        ("\ue002John\ue003 Quiggly", ". ", False, "\ue002J.\ue003 Q."),
        ("\ue002John\ue003-Quiggly", ". ", False, "\ue002J.\ue003-Q."),
        ("\ue000John\ue001 Quiggly", ". ", True, "\ue000John\ue001 Quiggly"),
        ("\ue000de\ue001 John", ".", False, "\ue000de\ue001 J."),
    ],
)
def test_an_initial_keeps_its_words_markup_around_it_and_its_mark(
    given_name: str, mark: str, whole_words: bool, expected: str
) -> None:
    assert initialized(given_name, mark, whole_words=whole_words) == expected
