"""Every fast path of the reader gives exactly what the general path gives (issue 6: speed).

Each fast path is a cheap proof that lets the reader skip slow work: a regular expression in
place of the character-by-character field scan, blocks cut from the pre-scan in place of
bibtexparser's splitter, one piece in place of the `#` evaluator, a direct JSON writer in
place of the standard library's pure-Python indenting one, accents and TeX logos written out
without the LaTeX parser, a quicker specials test inside it. Inputs are generated to sit on the
edges where two paths could part: escaped braces and quotes, `{"}`, `\\,`, block starts inside
values, parentheses, `#` expressions, an accent first in a group, spaces after a logo.
"""

from __future__ import annotations

import gc
import json
from typing import Any

import pytest
from bibtexparser import model
from bibtexparser.entrypoint import parse_string
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pylatexenc.latexwalker import get_default_latex_context_db

from citeconv.normalize.latex import decode, decode_nodes, parse_nodes
from citeconv.pipeline import collector_paused
from citeconv.readers.bibvalues import evaluate, evaluate_pieces
from citeconv.readers.blocks import _ENTRY_START, prescan
from citeconv.readers.clean_blocks import (
    CleanBlock,
    clean_blocks,
    restore_hidden,
    splitter_input,
)
from citeconv.readers.encoding import decode_input
from citeconv.readers.entry_end import entry_end, next_line_start_at, scan_entry_end
from citeconv.readers.entry_syntax import check_fields, scan_fields
from citeconv.writers.csl_json import dumps_indented

from conftest import corpus_dir

MANY = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])

_VALUE_TOKENS = (
    "a",
    "Title",
    " ",
    "\n",
    "{",
    "}",
    "{x}",
    '"',
    ",",
    "=",
    "#",
    "%",
    "(",
    ")",
    "\\",
    "\\{",
    "\\}",
    "\\,",
    "\\=",
    '\\"',
    '{\\"u}',
    '{"}',
    "@x{",
    "\n@misc{",
    "\n @",
    "\\\\",
    "$",
    "~",
    "--",
    "\\emph{",
)
_tricky = st.lists(st.sampled_from(_VALUE_TOKENS), max_size=8).map("".join)
_word = st.sampled_from(["title", "author", "year", "note", "Journal", "url", "x-y"])
_piece = st.one_of(
    _tricky.map(lambda v: "{" + v + "}"),
    _tricky.map(lambda v: '"' + v + '"'),
    st.sampled_from(["2020", "jan", "jomch", "nov"]),
)
_value = st.lists(_piece, min_size=1, max_size=3).map(" # ".join)
_field = st.tuples(_word, st.sampled_from([" = ", "=", " =\n  "]), _value).map("".join)


@st.composite
def _block(draw: st.DrawFn) -> str:
    kind = draw(st.sampled_from(["article", "Book", "misc", "string", "preamble", "comment"]))
    if kind == "string":
        return "@string{" + draw(_word) + " = " + draw(_value) + "}"
    if kind in ("preamble", "comment"):
        return f"@{kind}{{" + draw(_tricky) + "}"
    fields = draw(st.lists(_field, max_size=4))
    opener = draw(st.sampled_from(["{", "{", "("]))
    closer = "}" if opener == "{" else ")"
    tail = draw(st.sampled_from(["", ",", ",\n", "\n"]))
    key = draw(st.sampled_from(["k1", "k2", "a:b", "K1", ""]))
    return f"@{kind}{opener}{key},\n  " + ",\n  ".join(fields) + tail + closer


@st.composite
def bibliographies(draw: st.DrawFn) -> str:
    """A few blocks with text between them, then perhaps one token put anywhere."""
    blocks = draw(st.lists(_block(), min_size=1, max_size=4))
    between = draw(st.sampled_from(["\n", "\n\n", " ", "\njunk @ here\n", "\n% c\n"]))
    text = between.join(blocks) + "\n"
    if draw(st.booleans()):
        place = draw(st.integers(0, len(text)))
        text = text[:place] + draw(st.sampled_from(_VALUE_TOKENS)) + text[place:]
    return text


def _parser_view(block: model.Block) -> CleanBlock | None:
    """bibtexparser's block in the shape `clean_blocks` returns (comments have none)."""
    if isinstance(block, model.DuplicateBlockKeyBlock | model.DuplicateFieldKeyBlock):
        block = block.ignore_error_block
    if isinstance(block, model.String):
        return CleanBlock("string", block.key, block.value, block.start_line)
    if isinstance(block, model.Preamble):
        return CleanBlock("preamble", "", block.value, block.start_line)
    if isinstance(block, model.Entry):
        fields = tuple((f.key, f.value, f.start_line) for f in block.fields)
        return CleanBlock(block.entry_type.lower(), block.key, "", block.start_line, fields)
    assert isinstance(block, model.ImplicitComment | model.ExplicitComment), block
    return None


def _as_parser_reads(text: str) -> list[CleanBlock]:
    """As readers/bibtex.py gives the text to the parser: `\\` hidden, then restored."""
    blocks = parse_string(splitter_input(text), parse_stack=[]).blocks
    views = [view for view in map(_parser_view, blocks) if view is not None]
    return [_restored(view) for view in views]


def _restored(block: CleanBlock) -> CleanBlock:
    fields = tuple((name, restore_hidden(value), line) for name, value, line in block.fields)
    return block._replace(value=restore_hidden(block.value), fields=fields)


@MANY
@given(bibliographies())
def test_blocks_cut_from_the_prescan_are_the_parsers_blocks(text: str) -> None:
    scan = prescan(text)
    fast = clean_blocks(scan)
    if fast is not None:
        read = [block._replace(fields=tuple(map(tuple, block.fields))) for block in fast]
        assert read == _as_parser_reads(scan.text)


def test_real_files_take_the_fast_path() -> None:
    text = (
        '@string{jomch = {J.~Organomet. Chem.}}\n@preamble{"\\newcommand{\\noop}[1]{}"}\n'
        '@article{aksin,\n  author = "Aks{\\i}n, {\\"O}zge and J{\\"u}rgensen, H.",\n'
        "  title = {$\\{$beta$\\}$ and {\\={O}ura}},\n  journaltitle = jomch # { 12},\n"
        "  pages = {1\\,000--1\\,010},\n  date = 2006,\n}\n"
    )
    fast = clean_blocks(prescan(text))
    assert fast is not None
    assert [block.kind for block in fast] == ["string", "preamble", "article"]
    assert fast[2].fields[1].value == "{$\\{$beta$\\}$ and {\\={O}ura}}"
    assert fast[2].fields[2] == ("journaltitle", "jomch # { 12}", 5)


def test_every_corpus_file_reads_the_same_blocks_either_way() -> None:
    """Real files: the fast reading equals bibtexparser's wherever it is taken, and it is
    taken for both large files (the case the speed targets are about)."""
    fast_files = set()
    for folder in ("realworld", "malformed", "large"):
        for path in sorted(corpus_dir(folder).glob("*.bib")):
            scan = prescan(decode_input(path.read_bytes(), path.name).value)
            fast = clean_blocks(scan)
            if fast is not None:
                fast_files.add(path.name)
                read = [block._replace(fields=tuple(map(tuple, block.fields))) for block in fast]
                assert read == _as_parser_reads(scan.text), path.name
    assert {"cdl--cdl.bib", "beebe--tugboat.bib"} <= fast_files
    assert len(fast_files) >= 45


@MANY
@given(_block(), st.integers(0, 200), st.sampled_from(_VALUE_TOKENS))
def test_field_check_fast_path_agrees_with_the_scan(entry: str, place: int, token: str) -> None:
    for text in (entry, entry[:place] + token + entry[place:]):
        opener = min((i for i in (text.find("{"), text.find("(")) if i >= 0), default=-1)
        if opener >= 0 and len(text) > opener + 1:
            end = len(text) - 1
            assert check_fields(text, opener + 1, end) == scan_fields(text, opener + 1, end)


@MANY
@given(bibliographies())
def test_entry_end_fast_path_agrees_with_the_delimiter_scan(text: str) -> None:
    for start in _ENTRY_START.finditer(text):
        next_at = next_line_start_at(text, start.end())
        assert entry_end(text, start) == scan_entry_end(text, start, next_at)


@MANY
@given(_value, st.dictionaries(st.sampled_from(["jomch", "jan", "x"]), st.text(max_size=5)))
def test_single_piece_values_evaluate_as_the_general_path(raw: str, macros: Any) -> None:
    for candidate in (raw, raw.split(" # ")[0], f"  {raw}\n"):
        assert evaluate(candidate, macros) == evaluate_pieces(candidate.strip(), macros)


_json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=5), inner, max_size=4)
    ),
    max_leaves=30,
)


@MANY
@given(_json)
def test_csl_json_writer_is_the_standard_librarys(value: Any) -> None:
    assert dumps_indented(value) == json.dumps(value, indent=2, ensure_ascii=False)


_LATEX_TOKENS = ("a", "U", " ", "\n", "~", "--", "---", "``", "''", "?`", "!`", "&", "\\&", "-")
_LATEX_TOKENS += ("{", "}", "{a}", "{}", "\\v{s}", "{\\o}", '\\"', '{\\"}', "\\=\\i")
_LATEX_TOKENS += (
    "\\TeX",
    "{\\TeX}",
    "\\LaTeX{}",
    "{\\LaTeXe{}}",
    "\\TeX ",
    "\\TeX\n\n",
    "\\TeXbook",
)
_ACCENTS = ('\\"o', '\\"{o}', '{\\"o}', '{\\"{U}}', "\\c{c}", "{\\c c}", "{\\ss}", "\\'\\i")
_latex = st.lists(
    st.sampled_from(_LATEX_TOKENS + _ACCENTS + ("\\emph{x}", "$x^2$", "\\'", "%", "\\\\")),
    max_size=12,
).map("".join)


@MANY
@given(_latex, st.booleans())
def test_fast_paths_decode_as_pylatexenc_alone_does(latex: str, rich: bool) -> None:
    """Accents without the parser, and the parser's quicker test for specials."""
    default = parse_nodes(latex, get_default_latex_context_db())
    assert decode_nodes(default, rich) == decode(latex, rich)


def test_conversion_leaves_the_cycle_collector_as_it_found_it() -> None:
    def convert_once() -> None:
        with collector_paused():
            assert not gc.isenabled()
            raise ValueError("a failing conversion")

    for enabled in (True, False):
        gc.enable() if enabled else gc.disable()
        with pytest.raises(ValueError):
            convert_once()
        assert gc.isenabled() is enabled
    gc.enable()


@pytest.mark.parametrize(
    "text", ["@preamble{\n@misc{\\{\\}}", "@misc{a\\{b, title = {T}}\n", "@string{a\\}b = {x}}\n"]
)
def test_an_escaped_brace_in_a_key_reads_as_the_parser_reads_it(text: str) -> None:
    """Found by the property test above: the key was cut from the view in which `\\{` is
    hidden, so it came back as placeholder characters."""
    scan = prescan(text)
    fast = clean_blocks(scan)
    if fast is not None:
        read = [block._replace(fields=tuple(map(tuple, block.fields))) for block in fast]
        assert read == _as_parser_reads(scan.text)
    assert all("\x01" not in block.key for block in fast or [])
