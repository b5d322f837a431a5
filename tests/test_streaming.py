"""Streamed conversion is byte-identical to the whole-file run, diagnostics included.

Each corpus file is converted whole (`pipeline.convert`) and streamed in chunks of one entry
(the most cuts a file allows) and of a few kilobytes; output text and diagnostics must match
exactly, for CSL-JSON, NDJSON and RIS (streamed through) and a CSL style (items gathered).
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from citeconv.commands import main
from citeconv.diagnostics import Diagnostic
from citeconv.formats import ReadOptions, WriteOptions, find_reader, find_writer
from citeconv.journals import abbreviate_journal
from citeconv.pipeline import Source, convert
from citeconv.readers.encoding import decode_input
from citeconv.streaming.bibtex import NotStreamable
from citeconv.streaming.chunks import Chunk, chunks, text_lines
from citeconv.streaming.writing import StreamedConversion

from conftest import SEEDS, corpus_dir

READ = ReadOptions(abbreviate=abbreviate_journal)
WRITE = WriteOptions(jobs=1)


def _streamed(
    text: str, name: str, to: str, size: int, jobs: int = 1
) -> tuple[str, tuple[Diagnostic, ...]]:
    # Two jobs: chunks are scanned and their entries normalized by worker processes.
    read = replace(READ, jobs=jobs, parallel_min_entries=0) if jobs > 1 else READ
    options = (read, WriteOptions(jobs=jobs))
    conversion = StreamedConversion(
        lambda: chunks(text_lines(text), size), name, find_writer(to), options
    )
    output = "".join(conversion.pieces())
    return output, conversion.diagnostics()


def _whole(text: str, name: str, to: str) -> tuple[str, tuple[Diagnostic, ...]]:
    result = convert([Source(text, name)], find_reader("bibtex"), find_writer(to), READ, WRITE)
    return result.value, result.diagnostics


def _bib_files() -> list[Path]:
    files = [*sorted(SEEDS.glob("*.bib"))]
    for folder in ("realworld", "malformed", "large"):
        files.extend(sorted(corpus_dir(folder).rglob("*.bib")))
    return files


@pytest.mark.parametrize("to", ["csl-json", "ndjson", "ris"])
def test_every_corpus_file_streams_byte_identically(to: str) -> None:
    for path in _bib_files():
        text = decode_input(path.read_bytes(), path.name).value
        whole = _whole(text, path.name, to)
        sizes = (1, 3000) if len(text) < 1_000_000 else (200_000,)
        for size in sizes:
            assert _streamed(text, path.name, to, size) == whole, f"{path.name}, chunks of {size}"
        # Chunks scanned, and their entries normalized, by two worker processes, in order.
        parallel = _streamed(text, path.name, to, 20_000, jobs=2)
        assert parallel == whole, f"{path.name}, in workers"


def test_a_style_gathers_the_streamed_items() -> None:
    for path in sorted(corpus_dir("malformed").glob("*.bib"))[:12]:
        text = decode_input(path.read_bytes(), path.name).value
        assert _streamed(text, path.name, "apa", 1) == _whole(text, path.name, "apa"), path.name


CROSS_CHUNK = r"""@string{j = {Journal of Things}}
@article{child, author = {Doe, J.}, title = {Part}, crossref = {Parent}, year = 2001}
@inproceedings{x1, title = {T}, crossref = parentmacro, xref = {dup-2}}
@article{Dup, title = {One}, journal = j}
@article{dup, title = {Two}, journal = j}
@article{DUP, title = {One}, journal = j}
@article{, title = {No key}}
@article{broken, title = {open
@string{parentmacro = {parent}}
@book{parent, title = {The Book}, author = {Roe, R.}, publisher = {P}, ids = {alias1}}
@incollection{viaalias, title = {C}, crossref = {alias1}, xdata = {xd}}
@xdata{xd, publisher = {X Press}, location = {Bonn}}
@article{cmd, title = {\noopsort{a}Z \unknowncmd{q}}, note = {\unknowncmd{r}}}
@preamble{"\newcommand{\noopsort}[1]{}"}
@article{cycle1, title = {c}, crossref = {cycle2}}
@article{cycle2, title = {d}, crossref = {cycle1}}
@article{lost, crossref = {nowhere}, xref = {alsonowhere}}
"""


@pytest.mark.parametrize("to", ["csl-json", "ris", "vancouver"])
def test_what_crosses_chunks_is_carried_between_them(to: str) -> None:
    whole = _whole(CROSS_CHUNK, "cross.bib", to)
    codes = {d.code.value for d in whole[1]}
    assert {"duplicate-key", "unresolved-crossref", "crossref-cycle", "syntax-error"} <= codes
    assert "x press" in whole[0].lower()  # from an @xdata entry after its child
    for size in (1, 60, 200, 10_000):
        assert _streamed(CROSS_CHUNK, "cross.bib", to, size) == whole, size


def test_chunks_are_cut_only_before_an_entry_and_keep_every_line() -> None:
    text = "% head\n@article{a,\n  title = {x\n@ not an entry}\n}\n@book{b, title={y}}\n"
    cut = list(chunks(text_lines(text), 1))
    assert [(c.first_line, c.last) for c in cut] == [(1, False), (6, True)]
    assert "".join(c.text for c in cut) == text
    assert cut[0] == Chunk("% head\n@article{a,\n  title = {x\n@ not an entry}\n}\n", 1, False)


def _cli(monkeypatch: pytest.MonkeyPatch, stream_from: int, *args: str) -> tuple[int, str, str]:
    monkeypatch.setattr("citeconv.commands.streamed.STREAM_MIN_BYTES", stream_from)
    monkeypatch.setattr("citeconv.commands.streamed.CHUNK_CHARS", 2000)
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize("to", ["csl-json", "ndjson", "ris", "apa"])
@pytest.mark.parametrize(
    ("content", "code"),
    [("\n@string{j = {N}}\n" * 2000 + "@xdata{x, note={N}}\n", 1), (" \n" * 3000, 0)],
)
def test_a_large_input_with_no_entry_says_so_as_a_whole_run_does(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, to: str, content: str, code: int
) -> None:
    path = tmp_path / "refs.bib"
    path.write_text(content, encoding="utf-8")
    args = ("convert", str(path), "--to", to, "--no-cache")
    whole = _cli(monkeypatch, 1 << 62, *args)
    assert whole[0] == code and "[no-entries]" in whole[2]
    assert _cli(monkeypatch, 0, *args) == whole


@pytest.mark.parametrize("to", ["csl-json", "ndjson", "ris", "apa"])
@pytest.mark.parametrize(
    "flags", [(), ("--verbose", "--jobs", "2"), ("-q", "--strict", "--diagnostics", "json")]
)
def test_the_command_streams_a_large_input_with_the_same_result(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, to: str, flags: tuple[str, ...]
) -> None:
    path = sorted(corpus_dir("malformed").glob("*.bib"))[0]
    args = ("convert", str(path), "--to", to, "--no-cache", *flags)
    whole = _cli(monkeypatch, 1 << 62, *args)
    assert whole[2]  # diagnostics to compare
    assert _cli(monkeypatch, 0, *args) == whole
    target = tmp_path / "out.txt"
    assert _cli(monkeypatch, 0, *args, "-o", str(target)) == (whole[0], "", whole[2])
    assert target.read_text(encoding="utf-8") == whole[1]
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]


def test_a_file_that_is_not_utf8_is_read_whole(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    path = tmp_path / "latin1.bib"
    path.write_bytes("@book{k, title = {Caf\u00e9}, year = 2001}\n".encode("cp1252"))
    args = ("convert", str(path), "--to", "ris", "--no-cache")
    assert _cli(monkeypatch, 0, *args) == _cli(monkeypatch, 1 << 62, *args)


_SNIPPETS = (
    "@string{s = {Str}}\n",
    "@article{k1, title = s # { x}, crossref = {p}}\n",
    "@article{k1, title = s # { x}, crossref = {p}}\n",
    "@article{K1, title = {Other}}\n",
    "@article{k1-2, title = {Taken}}\n",
    "@book{p, title = {Parent}, ids = {al}, author = {Roe, R.}}\n",
    "@misc{, title = {no key}}\n",
    "@article{b, title = {unclosed\n",
    '@article{q, title = "unclosed\n',
    '@preamble{"\\newcommand{\\x}[1]{#1}"}\n',
    "@xdata{xd, publisher = {XP}}\n",
    "@inbook{c, xdata = {xd}, crossref = {al}, title = {\\x{T} \\zz{u}}}\n",
    "@article{cyc, crossref = {cyc}, xref = {nothere}}\n",
    "@article{two, crossref = {p, al}}\n",
    "% comment @article{hidden, title={h}}\n",
    "text between entries\n",
    "  @article{sp, title={Lead space}, journal = {Journal of Physics}}\n",
    "@article{multi,\n  title = {Two\n  lines},\n  year = 2020,\n}\n",
    "@ARTICLE(paren, title = {P})\n",
    "@article{tail, title = {T}}} stray\n",
)


@given(
    st.lists(st.sampled_from(_SNIPPETS), max_size=14),
    st.integers(min_value=1, max_value=400),
    st.sampled_from(["csl-json", "ris"]),
)
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_any_file_streams_as_it_reads_whole_whatever_the_chunk_size(
    snippets: list[str], size: int, to: str
) -> None:
    text = "".join(snippets)
    assert _streamed(text, "gen.bib", to, size) == _whole(text, "gen.bib", to)


def test_a_parent_named_through_a_preamble_command_sends_the_file_to_the_whole_reader(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    path = tmp_path / "refs.bib"
    path.write_text(
        '@preamble{"\\newcommand{\\pk}{p}"}\n'
        "@incollection{c, title = {Chapter}, crossref = {\\pk}}\n"
        "@book{p, title = {The Book}, publisher = {P}}\n",
        encoding="utf-8",
    )
    text = path.read_text(encoding="utf-8")
    with pytest.raises(NotStreamable):
        _streamed(text, "refs.bib", "csl-json", 1)
    args = ("convert", str(path), "--to", "csl-json", "--no-cache")
    whole = _cli(monkeypatch, 1 << 62, *args)
    assert '"container-title": "The Book"' in whole[1]
    assert _cli(monkeypatch, 0, *args) == whole


def test_each_pass_over_a_streamed_file_is_shown_on_the_progress_line(tmp_path: Path) -> None:
    from citeconv.commands.streamed import _Passes

    path = tmp_path / "refs.bib"
    path.write_text("@book{a, title = {A}}\n@book{b, title = {B}}\n", encoding="utf-8")
    seen: list[tuple[str, int, int]] = []
    passes = _Passes(str(path), lambda stage, done, total: seen.append((stage, done, total)))
    assert "".join(chunk.text for chunk in passes.chunks()) == path.read_text(encoding="utf-8")
    list(passes.chunks())
    assert seen == [("reading, pass 1", 44, 44), ("reading, pass 2", 44, 44)]


def test_a_large_input_with_control_characters_reads_as_a_whole_run_does(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    path = tmp_path / "refs.bib"
    entries = "".join(f"@misc{{k{i}, title={{T{i}}}}}\n" for i in range(300))
    path.write_text(entries + "@misc{z, title={Esc\x1b[31mred\x07}}\n", encoding="utf-8")
    args = ("convert", str(path), "--to", "csl-json", "--no-cache")
    whole = _cli(monkeypatch, 1 << 62, *args)
    assert "2 control characters (U+0007, U+001B) removed" in whole[2]
    assert _cli(monkeypatch, 0, *args) == whole
