"""An indented `@type{` line inside a value of an entry that starts a line is text, as BibTeX
reads it; an entry that is really unclosed still ends at the next entry start, indented or not;
streamed chunks never cut where the whole-file reader reads on (issue 15)."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from test_linear_growth import GROWTH_BOUND, growth
from test_streaming import _streamed, _whole

from citeconv.commands import main
from citeconv.readers import bibtex
from citeconv.readers.blocks import prescan
from citeconv.streaming.chunks import chunks, text_lines

QUOTED = (
    "@article{a,\n"
    "  title = {First},\n"
    "  note = {see\n"
    "    @article{b, quoted in a note} there},\n"
    "  year = {2020}\n"
    "}\n"
    "\n"
    "@book{c,\n"
    "  title = {Third},\n"
    "  year = {2021}\n"
    "}\n"
)


def run(args: list[str], stdin: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, args, input=stdin)
    return result.exit_code, result.stdout, result.stderr


def test_an_indented_entry_start_inside_a_balanced_value_is_text() -> None:
    code, stdout, stderr = run(["convert", "-", "--from", "bibtex", "--to", "csl-json"], QUOTED)
    assert (code, stderr) == (0, "")
    items = json.loads(stdout)
    assert [item["id"] for item in items] == ["a", "c"]
    assert items[0]["note"] == "see @articleb, quoted in a note there"


def test_the_general_parser_reads_it_too(monkeypatch: pytest.MonkeyPatch) -> None:
    # The general splitter (files the pre-scan's blocks cannot give) must not cut there either.
    monkeypatch.setattr(bibtex, "clean_blocks", lambda scan: None)
    code, stdout, stderr = run(["convert", "-", "--from", "bibtex", "--to", "csl-json"], QUOTED)
    assert (code, stderr) == (0, "")
    assert [item["id"] for item in json.loads(stdout)] == ["a", "c"]


def test_a_string_and_a_comment_keep_an_indented_entry_start() -> None:
    text = "@string{s = {one\n  @misc{x} two}}\n@misc{k, title = s, year = 2020}\n"
    code, stdout, stderr = run(["convert", "-", "--from", "bibtex", "--to", "csl-json"], text)
    assert (code, stderr) == (0, "")
    assert json.loads(stdout)[0]["title"] == 'one @<span class="nocase">miscx</span> two'


def test_an_unclosed_entry_still_ends_at_an_indented_entry_start() -> None:
    text = "@article{a,\n  note = {never closed,\n  year = 2020\n  @book{b, title={B}, year=2021}\n"
    code, stdout, stderr = run(["convert", "-", "--from", "bibtex", "--to", "csl-json"], text)
    assert code == 1
    assert [item["id"] for item in json.loads(stdout)] == ["b"]
    assert stderr.splitlines()[0] == (
        "<stdin>:1: error[syntax-error] entry 'a': unbalanced braces: '{' opened on line 2 is"
        " not closed before the next entry (line 4); entry skipped"
    )


def test_in_a_file_of_indented_entries_an_unclosed_one_ends_at_the_next() -> None:
    text = "  @article{a, note = {open,\n  year = 2020}\n  @book{b, title={B}, year=2021}\n"
    code, stdout, stderr = run(["convert", "-", "--from", "bibtex", "--to", "csl-json"], text)
    assert code == 1
    assert [item["id"] for item in json.loads(stdout)] == ["b"]
    assert stderr.startswith(
        "<stdin>:1: error[syntax-error] entry 'a': entry not closed before the next entry (line 3)"
    )


def test_the_look_ahead_stops_at_the_next_entry_that_starts_a_line() -> None:
    # `a` is unclosed; its braces would balance only inside `c`: `c` must not be swallowed.
    text = "@article{a, note = {x\n  @misc{b, y}\n@book{c, title={C}, note={}}}\n"
    scan = prescan(text)
    assert [block.line for block in scan.blocks] == [2, 3]  # `b` read, as after any broken one
    assert [broken.key for broken in scan.broken] == ["a"]


def test_chunks_cut_only_before_unindented_entries_once_one_is_seen() -> None:
    text = QUOTED + "  @misc{d, title={D}}\n@misc{e, title={E}}\n"
    cuts = [chunk.text.splitlines()[0] for chunk in chunks(text_lines(text), 1)]
    assert cuts == ["@article{a,", "@book{c,", "@misc{e, title={E}}"]
    indented_only = "  @misc{a, title={A}}\n  @misc{b, title={B}}\n"
    assert len(list(chunks(text_lines(indented_only), 1))) == 2


@pytest.mark.parametrize("size", [1, 200])
def test_streamed_output_is_the_whole_files(size: int) -> None:
    text = (QUOTED + "  @misc{d, note={x\n  @misc{e, y}}}\n") * 3
    whole = _whole(text, "q.bib", "ndjson")
    assert _streamed(text, "q.bib", "ndjson", size) == whole
    assert '"id":"a"' in whole[0].replace(" ", "")


def test_unclosed_entries_with_indented_starts_grow_linearly() -> None:
    def make(count: int) -> str:
        return "@article{a, note = {open\n  @misc{b, x}\n  @misc{c, y}\n" * count

    assert growth(make, prescan, 2_000) < GROWTH_BOUND
