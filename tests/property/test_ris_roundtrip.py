"""CSL-JSON -> RIS -> CSL-JSON keeps every variable the table maps (styles/ris.toml).

Items are generated per type from the rows that apply to that type, so a new row in the table
is covered without touching this file. Values are what RIS can carry: one line of text, names
without commas inside a part, dates with a year, page ranges written in full.
"""

from __future__ import annotations

import string
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from citeconv.csl import CSL_TYPES, Bibliography
from citeconv.formats import ReadOptions, WriteOptions
from citeconv.readers.ris import csl_type_for, read_ris
from citeconv.writers.ris import ris_type, rows_for_type, write_ris

# Types whose TY is theirs alone (GEN, JOUR, BLOG and PCOMM are shared, so read back as one).
ROUND_TRIP_TYPES = sorted(t for t in CSL_TYPES if csl_type_for(ris_type(t)) == t)

_LETTERS = "abcdefghijklmnopqrstuvwxyzéüßçø"
_word = st.text(_LETTERS, min_size=1, max_size=8)
_capitalised = _word.map(lambda w: w[0].upper() + w[1:])
_text = st.lists(
    st.text(string.ascii_letters + string.digits + _LETTERS + ".:-'()?!/", min_size=1),
    min_size=1,
    max_size=6,
).map(" ".join)

_person = st.fixed_dictionaries(
    {  # a family name alone (`Plato`) is written bare and read back as a literal name
        "family": st.lists(_capitalised, min_size=1, max_size=2).map(" ".join),
        "given": st.lists(_capitalised, min_size=1, max_size=2).map(" ".join),
    },
    optional={
        "non-dropping-particle": st.lists(_word, min_size=1, max_size=2).map(" ".join),
        "suffix": st.sampled_from(["Jr.", "Sr.", "III"]),
    },
)
_literal = st.lists(_capitalised, min_size=1, max_size=4).map(lambda w: {"literal": " ".join(w)})
_names = st.lists(st.one_of(_person, _literal), min_size=1, max_size=3)

_date = st.tuples(
    st.integers(1000, 2999), st.integers(1, 12), st.integers(1, 28), st.integers(1, 3)
).map(lambda p: {"date-parts": [list(p[: p[3]])]})

_page = st.one_of(
    st.integers(1, 99999).map(str),
    st.tuples(st.integers(1, 9999), st.integers(1, 500)).map(lambda p: f"{p[0]}-{p[0] + p[1]}"),
    st.integers(1, 99999).map(lambda n: f"e{n:05d}"),
)
_issn = st.tuples(st.integers(0, 9999), st.integers(0, 999), st.sampled_from("0123456789X")).map(
    lambda p: f"{p[0]:04d}-{p[1]:03d}{p[2]}"
)

BY_KIND: dict[str, st.SearchStrategy[Any]] = {
    "text": _text,
    "names": _names,
    "date-year": _date,
    "date-full": _date,
    "pages": _page,
    "list": st.lists(_word, min_size=1, max_size=4).map(", ".join),
    "doi": st.text(string.ascii_lowercase + string.digits, min_size=1).map(lambda s: f"10.1/{s}"),
}
BY_VARIABLE: dict[str, st.SearchStrategy[Any]] = {
    "id": st.text(string.ascii_letters + string.digits, min_size=1, max_size=12),
    "ISSN": st.lists(_issn, min_size=1, max_size=2).map(", ".join),
    "ISBN": st.integers(0, 10**9 - 1).map(lambda n: f"978-3-{n:09d}-0"),
}


@st.composite
def items(draw: st.DrawFn) -> dict[str, Any]:
    csl_type = draw(st.sampled_from(ROUND_TRIP_TYPES))
    item: dict[str, Any] = {"type": csl_type}
    for row in rows_for_type(csl_type):
        variable = row["variable"]
        strategy = BY_VARIABLE[variable] if variable in BY_VARIABLE else BY_KIND[row["kind"]]
        if variable not in item and (variable == "id" or draw(st.booleans())):
            item[variable] = draw(strategy)
    return item


def test_most_types_have_a_ty_of_their_own() -> None:
    assert len(ROUND_TRIP_TYPES) >= 35


@settings(max_examples=150, deadline=None)
@given(items())
def test_csl_json_to_ris_and_back_keeps_every_mapped_variable(item: dict[str, Any]) -> None:
    text = write_ris(Bibliography((item,)), WriteOptions()).value  # type: ignore[arg-type]
    back = read_ris(text, "generated.ris", ReadOptions())
    assert back.diagnostics == ()
    assert [dict(i) for i in back.value.items] == [item]


@settings(max_examples=50, deadline=None)
@given(st.lists(items(), min_size=2, max_size=4), st.sampled_from(["\n", "\r\n"]))
def test_several_records_and_either_line_end(records: list[dict[str, Any]], newline: str) -> None:
    unique = [{**item, "id": f"{item['id']}{n}"} for n, item in enumerate(records)]
    text = write_ris(Bibliography(tuple(unique)), WriteOptions(newline=newline)).value  # type: ignore[arg-type]
    back = read_ris(text, "generated.ris", ReadOptions())
    assert [dict(i) for i in back.value.items] == unique
