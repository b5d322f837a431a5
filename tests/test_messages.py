"""Messages say what applies (issue 15): pure JSON diagnostics, options that do nothing, formats
that are not styles, dependent styles in the catalogue."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from citeconv.commands import main

from conftest import SEEDS

SAMPLE = str(SEEDS / "koutras2020.bib")


def test_diagnostics_json_prints_only_json_on_stderr(tmp_path: Path) -> None:
    path = tmp_path / "refs.bib"
    path.write_text("@article{a, title={T}\n@article{b, title={B}}\n", encoding="utf-8")
    args = ["convert", str(path), "--to", "csl-json", "--diagnostics", "json", "--no-cache"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1
    records = [json.loads(line) for line in result.stderr.splitlines()]
    assert [(r["severity"], r["key"]) for r in records] == [("error", "a")]


def test_options_for_styled_output_warn_when_the_format_ignores_them() -> None:
    args = ["convert", SAMPLE, "--to", "csl-json", "--markup", "html", "--no-cache"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0
    assert result.stderr == (
        "citeconv: warning: --markup applies to styled output only; ignored for csl-json\n"
    )


def test_cite_to_a_file_format_says_it_needs_a_style() -> None:
    result = CliRunner().invoke(main, ["cite", "3078780", "--from", SAMPLE, "--to", "ris"])
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        "citeconv: error: 'ris' is a file format, not a CSL style; citations need a style such "
        "as apa (`citeconv convert --to ris` writes ris)\n"
    )


def test_styles_finds_dependent_styles_with_their_parent() -> None:
    result = CliRunner().invoke(main, ["styles", "3-biotech"])
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == "3-biotech  3 Biotech -> springer-basic-author-date\n"


def test_style_warnings_name_the_entry_and_no_engine_internals(tmp_path: Path) -> None:
    path = tmp_path / "refs.bib"
    path.write_text(
        "@book{a, title={T}, author={X, Y}, year=2020, publisher={P}}\n"
        "@book{b, title={T2}, maintitle={Main}, author={X, Z}, year=2020, publisher={P}}\n"
        "@book{c, title={T3}, maintitle={Main}, author={X, W}, year=2020, publisher={P}}\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["convert", str(path), "--to", "apa", "--no-cache"])
    assert result.exit_code == 0
    assert result.stderr == (
        f"{path}:2: warning[style-warning] entry 'b': the style engine cannot print "
        "volume-title; left out (reported once, at the first entry)\n"
    )


def test_fatal_errors_are_json_too_under_diagnostics_json(tmp_path: Path) -> None:
    folder = tmp_path / "style"
    folder.mkdir()
    cases = [
        (["convert", SAMPLE, "--to", str(folder)], 4, "invalid-style", f"{folder}: is a folder"),
        (["convert", str(tmp_path / "none.bib"), "--to", "apa"], 4, "unreadable-input", "no such"),
        (["convert", SAMPLE], 2, "usage", "no output format: pass --to FORMAT"),
        (["check", str(tmp_path / "none.bib")], 4, "unreadable-input", "none.bib: no such"),
        (["convert", SAMPLE, "--to", "nosuchstyle"], 2, "usage", "unknown format or style"),
    ]
    for args, code, kind, start in cases:
        result = CliRunner().invoke(main, [*args, "--diagnostics", "json"])
        assert result.exit_code == code
        (record,) = [json.loads(line) for line in result.stderr.splitlines()]
        assert (record["severity"], record["code"]) == ("error", kind)
        assert start in record["message"]


def test_a_style_path_that_is_no_style_says_what_it_is(tmp_path: Path) -> None:
    binary = tmp_path / "binary.csl"
    binary.write_bytes(b"\x7fELF\x02\x01\x01\x00\xd0\xff")
    for style, reason in [
        (tmp_path, "is a folder, not a style file"),
        (binary, "not a CSL style (not UTF-8 text)"),
    ]:
        result = CliRunner().invoke(main, ["convert", SAMPLE, "--to", str(style), "--no-cache"])
        assert (result.exit_code, result.stdout) == (4, "")
        assert result.stderr == f"citeconv: error: {style}: {reason}\n"
