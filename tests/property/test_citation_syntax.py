"""pandoc citations written from random parts are read back as exactly those parts."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from citeconv.documents.citations import find_citations
from citeconv.documents.locators import LABELS
from citeconv.rendering.clusters import CiteItem

_WORD = st.text("abcdefghjkmnopqrstuwyz", min_size=2, max_size=6)  # no roman-numeral letters
_KEY = st.builds(
    lambda head, rest: head + rest,
    st.text("abcdefghijklmnopqrstuvwxyzABCDEFGHIJ0123456789_", min_size=1, max_size=6),
    st.lists(
        st.builds(lambda p, w: p + w, st.sampled_from(":.-/"), st.text("abc123", min_size=1)),
        max_size=2,
    ).map("".join),
)
_VALUE = st.one_of(
    st.integers(1, 999).map(str),
    st.tuples(st.integers(1, 99), st.integers(100, 999)).map(lambda r: f"{r[0]}-{r[1]}"),
)
_TERMS = sorted(term for term in LABELS if term[-1] == "." or term in {"§", "page", "chapter"})


@st.composite
def cites(draw: st.DrawFn) -> tuple[str, CiteItem]:
    key = draw(_KEY)
    prefix = draw(st.one_of(st.none(), st.lists(_WORD, min_size=1, max_size=2).map(" ".join)))
    term = draw(st.one_of(st.none(), st.sampled_from(_TERMS)))
    value = draw(_VALUE) if term else None
    suffix = draw(st.one_of(st.none(), st.sampled_from([", and others", ", emphasis added"])))
    suppress = draw(st.booleans())
    written = (
        (f"{prefix} " if prefix else "")
        + ("-" if suppress else "")
        + f"@{key}"
        + (f", {term} {value}" if term else "")
        + (suffix or "")
    )
    label = LABELS[term] if term else None
    item = CiteItem(key, value, label, f"{prefix} " if prefix else None, suffix, suppress)
    return written, item


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(cites(), min_size=1, max_size=3), min_size=1, max_size=3), _WORD)
def test_bracketed_citations_read_back(
    clusters: list[list[tuple[str, CiteItem]]], word: str
) -> None:
    text = f" {word} ".join("[" + "; ".join(w for w, _ in cluster) + "]" for cluster in clusters)
    found = find_citations(f"{word} {text}.")
    assert [c.items for c in found] == [tuple(item for _, item in cluster) for cluster in clusters]
    assert not any(c.author_in_text for c in found)


@settings(max_examples=200, deadline=None)
@given(_KEY, st.one_of(st.none(), st.sampled_from(_TERMS)), _VALUE)
def test_author_in_text_reads_back(key: str, term: str | None, value: str) -> None:
    locator = f" [{term} {value}]" if term else ""
    found = find_citations(f"As @{key}{locator} shows.")
    label = LABELS[term] if term else None
    expected = CiteItem(key, value if term else None, label)
    assert [(c.items, c.author_in_text) for c in found] == [((expected,), True)]
