"""Fuzzing: arbitrary text and damaged real entries never raise, and no entry vanishes silently.

"Silently" means: an `@type{` the pre-scan saw is neither in the output nor named by a
diagnostic on its line.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from citeconv.formats import ReadOptions, WriteOptions, find_reader, find_writer
from citeconv.pipeline import Source, convert
from citeconv.readers.bibtex import parse_bibtex
from citeconv.readers.blocks import prescan

REAL_ENTRIES = (
    "@article{Good1952,\n  author = {Good, I.~J.},\n  year = {1952},\n"
    "  title = {Rational Decisions},\n  journal = {J R Stat Soc B},\n  pages = {107--114}\n}\n",
    "@TECHREPORT(Thiebaux:93,\n\tAUTHOR = {Sylvie Thi\\'ebaux and Joachim Hertzberg},\n"
    '\tTITLE = "A {Stochastic} Model",\n\tINSTITUTION = ICSI # " Berkeley",\n\tYEAR = 1993,\n)\n',
    '@string{jomch = {J.~Organomet. Chem.}}\n@article{aksin,\n  author = {Aks{\\i}n, {\\"O}zge'
    " and {\\c{C}}etinkaya, Bekir},\n  journaltitle = jomch,\n  date = 2006,\n"
    "  % volume = 691,\n  url = {https://x.org/a%20b},\n}\n",
)
_TOKENS = (
    "@article{",
    "@misc(",
    "@string{",
    "{",
    "}",
    "(",
    ")",
    '"',
    ",",
    "=",
    "#",
    "%",
    "\n",
    "\\",
    "@",
    " ",
    "k1",
    "title",
    "and",
    '{\\"o}',
)
FAST = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def bibtex_like() -> st.SearchStrategy[str]:
    return st.lists(st.sampled_from(_TOKENS) | st.text(max_size=8), max_size=60).map("".join)


@st.composite
def damaged_entries(draw: st.DrawFn) -> str:
    text = draw(st.sampled_from(REAL_ENTRIES))
    for _ in range(draw(st.integers(1, 4))):
        place = draw(st.integers(0, len(text)))
        action = draw(st.sampled_from(["delete", "insert", "truncate", "huge"]))
        if action == "delete" and text:
            text = text[:place] + text[place + 1 :]
        elif action == "insert":
            text = (
                text[:place] + draw(st.sampled_from(_TOKENS) | st.text(max_size=4)) + text[place:]
            )
        elif action == "truncate":
            text = text[:place]
        elif action == "huge":
            text = text[:place] + "x" * 20_000 + text[place:]
    return text + "\n@misc{survivor, title = {Still here}}\n"


def assert_nothing_vanishes(text: str) -> None:
    result = parse_bibtex(text, "fuzz.bib")
    scan = prescan(text)
    assert scan.text.count("\n") == text.count("\n")
    read_lines = {entry.span.line for entry in result.value}
    named_lines = {d.span.line for d in result.diagnostics if d.span}
    for line in scan.entry_lines:
        assert line in read_lines | named_lines, f"entry at line {line} vanished"


@FAST
@given(bibtex_like())
def test_arbitrary_text_never_raises_and_loses_nothing_silently(text: str) -> None:
    assert_nothing_vanishes(text)


@FAST
@given(st.text(max_size=300))
def test_any_unicode_text_is_read_without_exception(text: str) -> None:
    assert_nothing_vanishes(text)


@FAST
@given(damaged_entries())
def test_damaged_real_entries_never_sink_the_next_one(text: str) -> None:
    assert_nothing_vanishes(text)
    assert "survivor" in [entry.key for entry in parse_bibtex(text, "fuzz.bib").value]


@settings(max_examples=30, deadline=None)
@given(damaged_entries() | bibtex_like())
def test_whole_pipeline_to_csl_json_never_raises(text: str) -> None:
    reader, writer = find_reader("bibtex"), find_writer("csl-json")
    result = convert([Source(text, "fuzz.bib")], reader, writer, ReadOptions(), WriteOptions())
    assert result.value.startswith("[")
