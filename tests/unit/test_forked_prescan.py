"""A text pre-scanned in parts, cut before lines that start entries, is pre-scanned as a whole
(readers/forked_prescan.py, issue 16: speed)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from citeconv.readers.blocks import prescan
from citeconv.readers.encoding import decode_input
from citeconv.readers.forked_prescan import _scanned_row, joined, prescan_in_parts, split_parts

from conftest import corpus_dir

_BLOCKS = (
    "@article{a, title = {T}, year = 2020}",
    "@book{b,\n  title = {Open {brace},\n  year = 1999}",
    '@misc{c, note = "q \\" }", author = {X and Y}}',
    "@string{s = {S}}",
    "@comment{whatever @x{",
    '@preamble{"\\newcommand{\\n}{}"}',
    "@article(p, title = {P})",
    "@article{d, title = {D}}}, author = {Z}",
    "@inproceedings{e, title = {Cut\n  @article{f, title = {F}}",
    "  @ misc {g, title={G}\\\\\n}",
    "% @article{h, title={H}}",
    "stray text @x{y",
    "@article\n{i, title={I}}",
    "@misc{",
    "@misc(  ",
    "@article{j, title = {J}} extra @k(",
)


def _parts_scanned(text: str, count: int) -> object:
    """The parts' pre-scans joined, computed here (the workers' function, without forks)."""
    return joined([_scanned_row(part) for part in split_parts(text, count)])


@settings(max_examples=1000, deadline=None)
@given(
    st.lists(st.sampled_from(_BLOCKS), min_size=1, max_size=12),
    st.sampled_from(["\n", "\n\n", "\r\n", "\n% note\n", "\n  junk\n"]),
    st.integers(2, 5),
)
def test_generated_texts(blocks: list[str], between: str, count: int) -> None:
    text = between.join(blocks) + "\n"
    assert _parts_scanned(text, count) == prescan(text)


def test_corpus_files_in_parts() -> None:
    for folder in ("realworld", "malformed", "large"):
        for path in sorted(corpus_dir(folder).glob("*.bib")):
            text = decode_input(path.read_bytes(), path.name).value
            whole = prescan(text)
            for count in (2, 3, 7):
                assert _parts_scanned(text, count) == whole, (path.name, count)


def test_forked_parts_of_a_large_file() -> None:
    path = corpus_dir("large") / "beebe--tugboat.bib"
    text = decode_input(path.read_bytes(), path.name).value
    assert len(split_parts(text, 2)) == 2
    assert prescan_in_parts(text, jobs=2, min_length=0) == prescan(text)
