"""The reader's cheaper forms of a step give exactly what the plain form gives (issue 16).

Each plain form is kept here as the specification: the pattern or loop the reader used
before, run side by side with the faster one on inputs generated around its edges.
"""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from citeconv.readers.clean_blocks import splitter_input

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
