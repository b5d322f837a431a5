"""Diagnostics as values: compiler-style text, JSON lines, --quiet, --verbose, stable order."""

from __future__ import annotations

import json

from click.testing import CliRunner

from citeconv.commands import main
from citeconv.diagnostics import (
    Code,
    Diagnostic,
    Severity,
    SourceSpan,
    diagnostic_to_json,
    format_diagnostic,
    sort_diagnostics,
)

INPUT = (
    "@article{smith2020, title = {Unclosed\n"
    "@article{doe2021, author = {Doe, J.}, title = {T}, journal = J, year = 2021}\n"
)


def test_compiler_style_text() -> None:
    diagnostic = Diagnostic(
        Severity.ERROR,
        Code.SYNTAX_ERROR,
        "unbalanced braces; entry skipped",
        SourceSpan("refs.bib", 12, "smith2020"),
    )
    assert format_diagnostic(diagnostic) == (
        "refs.bib:12: error[syntax-error] entry 'smith2020': unbalanced braces; entry skipped"
    )
    assert format_diagnostic(Diagnostic(Severity.INFO, Code.LOSSY_OUTPUT, "m")) == (
        "citeconv: info[lossy-output] m"
    )


def test_json_line_has_every_part() -> None:
    diagnostic = Diagnostic(Severity.WARNING, Code.ENCODING, "é", SourceSpan("<stdin>", 0))
    assert diagnostic_to_json(diagnostic) == (
        '{"code": "encoding", "file": "<stdin>", "key": null, "line": null, "message": "é", '
        '"severity": "warning"}'
    )


def test_sorted_by_file_then_line_keeping_ties_in_order() -> None:
    found = [
        Diagnostic(Severity.WARNING, Code.INVALID_DATE, "b", SourceSpan("b.bib", 1)),
        Diagnostic(Severity.WARNING, Code.INVALID_DATE, "a2", SourceSpan("a.bib", 5)),
        Diagnostic(Severity.ERROR, Code.SYNTAX_ERROR, "a1", SourceSpan("a.bib", 5)),
        Diagnostic(Severity.WARNING, Code.INVALID_DATE, "a0", SourceSpan("a.bib", 2)),
    ]
    assert [d.message for d in sort_diagnostics(found)] == ["a0", "a2", "a1", "b"]


def test_codes_are_the_documented_ones() -> None:
    assert {code.value for code in Code} >= {
        "syntax-error",
        "duplicate-key",
        "unknown-entry-type",
        "unmapped-field",
        "invalid-date",
        "invalid-name",
        "undefined-macro",
        "unresolved-crossref",
        "crossref-cycle",
        "encoding",
        "lossy-output",
        "style-warning",
        "missing-field",
        "suspicious-value",
        "duplicate-entry",
    }


def test_cli_text_quiet_and_json() -> None:
    runner = CliRunner()
    text = runner.invoke(main, ["convert", "--to", "csl-json"], input=INPUT)
    assert text.exit_code == 1
    assert text.stderr == (
        "<stdin>:1: error[syntax-error] entry 'smith2020': unbalanced braces: '{' opened on "
        "line 1 is not closed before the next entry (line 2); entry skipped\n"
        "<stdin>:2: warning[undefined-macro] entry 'doe2021': field 'journal': undefined macro "
        "'J' kept as text\n"
        "citeconv: 1 entry not converted (see errors above); all others were written\n"
    )
    quiet = runner.invoke(main, ["convert", "--to", "csl-json", "-q"], input=INPUT)
    assert "warning" not in quiet.stderr and "error[syntax-error]" in quiet.stderr
    assert quiet.stdout == text.stdout
    as_json = runner.invoke(main, ["check", "--diagnostics", "json"], input=INPUT)
    records = [json.loads(line) for line in as_json.stderr.splitlines()]
    assert [(r["severity"], r["code"], r["line"], r["key"]) for r in records] == [
        ("error", "syntax-error", 1, "smith2020"),
        ("warning", "undefined-macro", 2, "doe2021"),
    ]
    assert as_json.exit_code == 1


def test_verbose_adds_info_and_default_hides_it() -> None:
    runner = CliRunner()
    text = "@misc{k, title = {T}, howpublished = {x}, shelf = {B2}}\n"
    plain = runner.invoke(main, ["convert", "--to", "csl-json"], input=text).stderr
    verbose = runner.invoke(main, ["convert", "--to", "csl-json", "-v"], input=text).stderr
    assert "info[" not in plain
    assert "info[unmapped-field]" in verbose
