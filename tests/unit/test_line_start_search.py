"""The entries' line starts found by searching after line breaks are those `^` in MULTILINE
mode finds (readers/entry_end.py, issue 16: speed)."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from citeconv.readers.encoding import decode_input
from citeconv.readers.entry_end import _line_start_ats

from conftest import corpus_dir

_MULTILINE = re.compile(r"^[ \t]*@[ \t]*[A-Za-z][\w:-]*[ \t\r\n]*[{(]", re.MULTILINE)
_PIECES = ("@", "a", "b1", ":", "-", " ", "\t", "\r", "\n", "{", "(", "}", "%", "x")


def _expected(text: str) -> list[int]:
    return [found.start() for found in _MULTILINE.finditer(text)]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=20).map("".join))
def test_generated_texts(text: str) -> None:
    assert _line_start_ats(text) == _expected(text)


def test_corpus_files() -> None:
    for folder in ("realworld", "malformed", "large"):
        for path in sorted(corpus_dir(folder).glob("*.bib")):
            text = decode_input(path.read_bytes(), path.name).value
            assert _line_start_ats(text) == _expected(text), path.name
