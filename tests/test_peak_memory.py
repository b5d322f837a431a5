"""What kept a run's peak memory up (issue 12): garbage that only the paused cycle collector
could free, and a dictionary held as 236,000 Python objects."""

from __future__ import annotations

import gc
import weakref
from collections.abc import Iterator

import pytest
from hypothesis import given
from hypothesis import strategies as st

from citeconv import pipeline
from citeconv.normalize.latex import parse_nodes
from citeconv.rendering import lexicon
from citeconv.rendering.lexicon import WordIndex


class _Marker:
    """Something a caller holds while a value is parsed (an entry list, say)."""


@pytest.fixture
def collector_paused() -> Iterator[None]:
    """As during a conversion (pipeline.collector_paused), from a clean heap."""
    gc.collect()
    with pipeline.collector_paused():
        yield


def _parse_while_holding(latex: str) -> weakref.ref[_Marker]:
    held = _Marker()
    parse_nodes(latex, _context())
    return weakref.ref(held)


def _context() -> object:
    from citeconv.normalize.latex import _parser_context

    return _parser_context()


@pytest.mark.parametrize("latex", [r"\emph{Word} and {\'e}t\'e", r"\textbf{open", "plain"])
def test_a_parse_leaves_no_cycle_holding_its_callers(collector_paused: None, latex: str) -> None:
    """pylatexenc keeps its end-of-stream exception in a local: exception -> traceback -> frame,
    and through the frames every caller's locals. Freed by reference counting alone now."""
    marker = _parse_while_holding(latex)
    assert marker() is None


WORDS = ["walk", "Paris", "paris", "net", "galaxy", "Ångström", "co-op", "x", "naïve"]


@given(st.lists(st.text(min_size=1, max_size=12), max_size=60), st.text(max_size=12))
def test_the_word_index_answers_as_the_set_does(words: list[str], other: str) -> None:
    index = WordIndex.of(words)
    assert all(word in index for word in words)
    assert (other in index) == (other in set(words))
    assert len(index) == len(set(words))


def test_the_word_index_survives_its_file_and_rejects_a_cut_one() -> None:
    index = WordIndex.of(WORDS)
    data = index.to_bytes()
    read = WordIndex.read(data)
    assert [word in read for word in [*WORDS, "Walk", "pari", "galaxies", ""]] == [True] * len(
        WORDS
    ) + [False] * 4
    with pytest.raises(ValueError):
        WordIndex.read(data[:-3])


def test_equal_digests_are_told_apart_by_the_words(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(lexicon, "_digest", lambda word: 7)
    index = WordIndex.of(WORDS)
    assert all(word in index for word in WORDS)
    assert "Walk" not in index and "" not in index


def test_the_dictionary_is_compiled_once_and_read_back() -> None:
    lexicon._words.cache_clear()
    first = lexicon._words()
    lexicon._words.cache_clear()
    again = lexicon._words()
    assert isinstance(again, WordIndex) and len(again) == len(first) > 200_000
    sample = sorted(lexicon._word_set())[::997]
    assert all(word in again for word in sample)
    assert not any(word + "\u0301q" in again for word in sample)
