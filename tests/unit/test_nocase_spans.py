"""Reading a value with nocase spans into the engine: the same pieces as citeproc-py's own
loop (with citeconv's seam rules on every `+`), but linear: 20,000 spans in a 1 MB title were
quadratic (issue 15)."""

from __future__ import annotations

import importlib.util
from typing import Any

from citeproc.source.json import CiteProcJSON
from hypothesis import given
from hypothesis import strategies as st
from test_linear_growth import GROWTH_BOUND, growth

import citeconv.rendering.citeproc  # noqa: F401  (installs the engine's patches)

OPEN, CLOSE = '<span class="nocase">', "</span>"


def _reader_as_shipped() -> Any:
    """A fresh copy of citeproc-py's JSON reader module: its class has the original method,
    which adds pieces with the (patched) `MixedString.__add__`."""
    spec = importlib.util.find_spec("citeproc.source.json")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.CiteProcJSON


SHIPPED = _reader_as_shipped()
pieces = st.lists(
    st.one_of(
        st.text(alphabet="aB .:;!?,", max_size=6),
        st.sampled_from([OPEN, CLOSE, OPEN.upper(), "<span", "</SPAN>"]),
    ),
    max_size=12,
)


def _shape(value: Any) -> list[tuple[str, str]]:
    return [(type(piece).__name__, str(piece)) for piece in value]


@given(pieces)
def test_values_read_as_citeproc_py_reads_them(parts: list[str]) -> None:
    value = "".join(parts)
    ours = CiteProcJSON.parse_string(SHIPPED.__new__(SHIPPED), value)
    shipped = SHIPPED.parse_string(SHIPPED.__new__(SHIPPED), value)
    assert _shape(ours) == _shape(shipped)


def test_a_value_of_many_spans_reads_in_linear_time() -> None:
    def make(count: int) -> str:
        return f"{OPEN}T{CLOSE}he {OPEN}Q{CLOSE}uick: " * count

    reader = SHIPPED.__new__(SHIPPED)
    assert growth(make, lambda value: CiteProcJSON.parse_string(reader, value), 4_000) < (
        GROWTH_BOUND
    )
