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
