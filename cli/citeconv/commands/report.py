"""Diagnostics on stderr (compiler style or JSON lines) and the exit code they imply."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, NoReturn, TypeVar

import click

from citeconv.diagnostics import (
    Diagnostic,
    Severity,
    count_by_severity,
    diagnostic_to_json,
    escape_controls,
    format_diagnostic,
    sort_diagnostics,
)
from citeconv.errors import CiteconvError, ExitCode

F = TypeVar("F", bound=Callable[..., Any])


@dataclass(frozen=True)
class ReportOptions:
    strict: bool = False
    quiet: bool = False
    verbose: bool = False
    json: bool = False


def report_options(function: F) -> F:
    """The options every command that reads bibliographies shares."""
    decorators = (
        click.option(
            "--strict/--no-strict",
            default=False,
            help="Exit 3 when any warning is reported (--no-strict overrides the config).",
        ),
        click.option("-q", "--quiet", is_flag=True, help="Report errors only."),
        click.option(
            "-v",
            "--verbose",
            is_flag=True,
            help="Also report info diagnostics (expected lossy mappings).",
        ),
        click.option(
            "--diagnostics",
            "diagnostics_format",
            type=click.Choice(["text", "json"]),
            default="text",
            show_default=True,
            help="Diagnostics on stderr as compiler-style text or JSON lines.",
        ),
    )
    for decorator in reversed(decorators):
        function = decorator(function)
    return function


def emit(diagnostics: Sequence[Diagnostic], options: ReportOptions) -> None:
    for diagnostic in sort_diagnostics(diagnostics):
        if diagnostic.severity == Severity.INFO and not options.verbose:
            continue
        if diagnostic.severity == Severity.WARNING and options.quiet:
            continue
        line = diagnostic_to_json(diagnostic) if options.json else format_diagnostic(diagnostic)
        click.echo(line, err=True)


def exit_code(diagnostics: Sequence[Diagnostic], strict: bool) -> ExitCode:
    severities = {d.severity for d in diagnostics}
    if Severity.ERROR in severities:
        return ExitCode.ENTRIES_LOST
    if strict and Severity.WARNING in severities:
        return ExitCode.STRICT_WARNINGS
    return ExitCode.OK


def summary(diagnostics: Sequence[Diagnostic], entries: int, options: ReportOptions) -> str:
    """`citeconv: 987 entries checked: 1 error, 14 warnings`; empty when nothing is shown.

    Not printed with --diagnostics json, so that stderr stays pure JSON lines."""
    counts = count_by_severity(diagnostics)
    errors, warnings = counts[Severity.ERROR], counts[Severity.WARNING]
    if options.json or not (errors or (warnings and not options.quiet)):
        return ""
    parts = [_plural(errors, "error")]
    if not options.quiet:
        parts.append(_plural(warnings, "warning"))
    return f"citeconv: {_plural(entries, 'entry', 'entries')} read: {', '.join(parts)}"


def losses_line(diagnostics: Sequence[Diagnostic]) -> str:
    """After a conversion with errors: how many entries were lost. An error that lost no entry
    (a file with no entry at all, an `@string` too large to define) is counted apart: "1 entry
    not converted" for a PDF given as a `.bib` would be false."""
    errors = [d for d in diagnostics if d.severity == Severity.ERROR]
    lost = sum(1 for d in errors if _lost_an_entry(d))
    other = len(errors) - lost
    if not lost:
        return f"citeconv: {_plural(other, 'error')} (see above)" if other else ""
    more = f", {_plural(other, 'other error')}" if other else ""
    return (
        f"citeconv: {_plural(lost, 'entry', 'entries')} not converted{more} "
        "(see errors above); all others were written"
    )


def _lost_an_entry(diagnostic: Diagnostic) -> bool:
    """Every error that drops an entry, item or record says so last (`...; entry skipped`)."""
    return diagnostic.severity == Severity.ERROR and diagnostic.message.endswith("skipped")


def _plural(count: int, one: str, many: str | None = None) -> str:
    return f"{count} {one if count == 1 else many or one + 's'}"


def error_line(error: object) -> str:
    """A fatal error as printed. What the user typed (a style name, a key) can hold terminal
    escapes: each control character but a line end is shown as `\\xNN`, as in diagnostics
    (issue 15); line ends stay, as some errors list the choices on the next line."""
    return f"citeconv: error: {escape_controls(str(error), keep_line_ends=True)}"


def fail(error: CiteconvError, report: ReportOptions | None = None) -> NoReturn:
    """A fatal error: its line on stderr (a JSON object with --diagnostics json, so that
    stderr stays JSON lines), the error's exit code."""
    if report is not None and report.json:
        record = {"severity": "error", "code": error.code, "message": str(error)}
        click.echo(json.dumps(record, sort_keys=True), err=True)  # ASCII: no escape survives
    else:
        click.echo(error_line(error), err=True)
    raise SystemExit(error.exit_code) from None
