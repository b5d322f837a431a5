"""The cheaper forms of a step give exactly what the plain form gives (issue 16).

Each plain form is kept here as the specification: the pattern or loop the reader used
before, run side by side with the faster one on inputs generated around its edges.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from citeconv.formats import ReadOptions
from citeconv.readers.bibtex import read_bibtex
from citeconv.readers.clean_blocks import splitter_input
from citeconv.rendering.markup import rich_text_to_plain
from citeconv.writers.ris import (
    _date_losses,
    _etal,
    lost_variables,
    one_line,
    ris_type,
    rows_for_type,
)

from conftest import CORPUS

BIB_FILES = sorted((CORPUS / "realworld").glob("*.bib"))

# The specification of `splitter_input`: a look-behind first, tried at every character.
_PLAIN_ESCAPED_BACKSLASHES = re.compile(r"(?<!\\)(?:\\\\)+(?=[{}])")


def _plain_splitter_input(text: str) -> str:
    if "\\\\" not in text:
        return text
    return _PLAIN_ESCAPED_BACKSLASHES.sub(lambda run: "\x02\x02" * (len(run.group(0)) // 2), text)


@given(st.text(alphabet="\\\\{}a \n", max_size=60))
def test_escaped_backslashes_are_found_as_by_the_look_behind(text: str) -> None:
    assert splitter_input(text) == _plain_splitter_input(text)


def test_runs_of_every_length_before_a_brace() -> None:
    for length in range(1, 9):
        for before in ("", "a", "\n"):
            text = before + "\\" * length + "{x}" + "\\" * length + "}"
            assert splitter_input(text) == _plain_splitter_input(text), (length, before)


@given(st.text(alphabet=st.characters(blacklist_characters="<&"), max_size=40))
def test_a_value_with_no_tag_or_entity_is_written_as_through_the_markup_reader(
    value: str,
) -> None:
    assert one_line(value) == " ".join(rich_text_to_plain(value).split())


def _plain_lost_variables(item: Any) -> list[str]:
    """The specification of `ris.lost_variables`: every row looked at, for every item."""
    rows = rows_for_type(item["type"])
    mapped = {row["variable"] for row in rows} | {"type"}
    notes: list[str] = []
    dropped = sorted(v for v in item if v not in mapped)
    if dropped:
        notes.append(f"RIS has no tag for {', '.join(dropped)} (TY {ris_type(item['type'])})")
    for row in rows:
        value = dict(item).get(row["variable"])
        etal = isinstance(value, list) and any(isinstance(n, dict) and _etal(n) for n in value)
        if row["kind"] == "names" and etal:
            notes.append(f"'and others' in {row['variable']} is not a name; not written")
        if row["kind"] == "names" and isinstance(value, list):
            notes.extend(
                f"the comma in '{n['literal']}' will read as 'Family, Given' in RIS importers"
                for n in value
                if isinstance(n, dict) and "," in str(n.get("literal", ""))
            )
    for variable in ("issued", "accessed"):
        if variable in mapped:
            notes.extend(_date_losses(variable, dict(item).get(variable)))
    return notes


@pytest.mark.skipif(not BIB_FILES, reason="shared corpus not found")
@pytest.mark.parametrize("path", BIB_FILES, ids=lambda path: path.name)
def test_what_ris_loses_is_found_as_by_every_row(path: Path) -> None:
    text = path.read_text(encoding="utf-8", errors="replace")
    for item in read_bibtex(text, path.name, ReadOptions()).value.items:
        assert lost_variables(item) == _plain_lost_variables(item)
