"""`citeconv check`: read and lint bibliographies without converting; for CI and pre-commit."""

from __future__ import annotations

import click

from citeconv.commands.config import require_config
from citeconv.commands.files import read_sources
from citeconv.commands.options import from_option
from citeconv.commands.report import (
    ReportOptions,
    emit,
    exit_code,
    fail,
    report_options,
    summary,
)
from citeconv.errors import CiteconvError
from citeconv.formats import ReadOptions, find_reader
from citeconv.lint import lint
from citeconv.pipeline import nothing_found, read_all

EPILOG = """\b
Examples:
  citeconv check refs.bib                  # diagnostics on stderr, exit 1 if entries are lost
  citeconv check --strict refs.bib         # exit 3 on any warning too (CI, pre-commit)
  citeconv check --diagnostics json *.bib  # one JSON object per line

Besides every diagnostic of `convert`, check reports fields a style needs that are missing
(missing-field), values that look wrong: year, pages, DOI (suspicious-value), and the same
work under two keys by DOI or by title and year (duplicate-entry)."""


@click.command(epilog=EPILOG)
@click.argument("inputs", nargs=-1, metavar="[INPUT]...")
@from_option
@report_options
@click.pass_context
def check(
    ctx: click.Context,
    inputs: tuple[str, ...],
    from_format: str | None,
    strict: bool,
    quiet: bool,
    verbose: bool,
    diagnostics_format: str,
) -> None:
    """Check bibliographies for errors and likely mistakes; write nothing.

    Reads each INPUT (or stdin when there is none, or for `-`). Exit codes are those of
    `convert`: 0 clean or warnings only, 1 entries unreadable, 3 --strict and warnings.
    """
    require_config(ctx)
    report = ReportOptions(strict, quiet, verbose, diagnostics_format == "json")
    try:
        reader = find_reader(from_format, next((i for i in inputs if i != "-"), None))
        sources, decoding = read_sources(inputs, from_format)
        hub = read_all(sources, reader, ReadOptions())
    except CiteconvError as error:
        fail(error, report)
    found = (*hub.diagnostics, *nothing_found(sources, hub))
    diagnostics = [*decoding, *found, *lint(hub.value).diagnostics]
    emit(diagnostics, report)
    line = summary(diagnostics, len(hub.value.items), report)
    if line:
        click.echo(line, err=True)
    raise SystemExit(exit_code(diagnostics, strict))
