"""`citeconv doc`: a Markdown or reST document with pandoc citations -> the document with
citations rendered in a CSL style and its reference list."""

from __future__ import annotations

from pathlib import PurePath

import click

from citeconv.commands.completion import complete_locale
from citeconv.commands.config import require_config
from citeconv.commands.files import (
    STDIN,
    check_not_an_input,
    read_bytes,
    read_sources,
    shown_path,
    write_output,
)
from citeconv.commands.options import style_option
from citeconv.commands.report import ReportOptions, emit, exit_code, fail, report_options
from citeconv.diagnostics import Result
from citeconv.errors import CiteconvError, UsageError
from citeconv.formats import ReadOptions, find_reader
from citeconv.pipeline import read_all
from citeconv.readers.encoding import decode_input

EPILOG = """\b
Examples:
  citeconv doc paper.md -b refs.bib --to apa -o paper.out.md
  citeconv doc guide.rst -b refs.bib --to vancouver > guide.out.rst
  cat notes.md | citeconv doc -b refs.bib

\b
Citations, as in pandoc:
  [@smith2020, p. 33; @doe2019]   [-@smith2020]   @smith2020 [p. 33]
  [see @smith2020, pp. 33-35, and others]

The reference list replaces each `::: {#refs}` ... `:::` block (Markdown) or
`.. bibliography::` line (reST), or is added at the end."""

SUFFIXES = {".md": "markdown", ".markdown": "markdown", ".rst": "rst", ".rest": "rst"}


@click.command(epilog=EPILOG)
@click.argument("document", required=False, default=STDIN, metavar="[DOCUMENT]")
@click.option(
    "-b",
    "--bibliography",
    "bibliographies",
    multiple=True,
    required=True,
    metavar="FILE",
    help="Bibliography (BibTeX, RIS or CSL-JSON); repeat for more.",
)
@style_option
@click.option(
    "--syntax",
    type=click.Choice(["markdown", "rst"]),
    help="Document syntax (default: from the suffix, else markdown).",
)
@click.option(
    "--locale",
    metavar="LANG",
    shell_complete=complete_locale,
    help="CSL locale, e.g. en-GB (default: the style's).",
)
@click.option("-o", "--output", metavar="FILE", help="Write here (atomically), not to stdout.")
@report_options
@click.pass_context
def doc(
    ctx: click.Context,
    document: str,
    bibliographies: tuple[str, ...],
    to_format: str,
    syntax: str | None,
    locale: str | None,
    output: str | None,
    strict: bool,
    quiet: bool,
    verbose: bool,
    diagnostics_format: str,
) -> None:
    """Render the pandoc citations of a Markdown or reST DOCUMENT (or stdin)."""
    require_config(ctx)
    report = ReportOptions(strict, quiet, verbose, diagnostics_format == "json")
    try:
        result = _cite(document, bibliographies, to_format, syntax, locale, output)
    except CiteconvError as error:
        fail(error, report)
    emit(result.diagnostics, report)
    try:
        write_output(output, result.value)
    except CiteconvError as error:
        fail(error, report)
    raise SystemExit(exit_code(result.diagnostics, strict))


def _cite(
    document: str,
    bibliographies: tuple[str, ...],
    style: str,
    syntax: str | None,
    locale: str | None,
    output: str | None,
) -> Result[str]:
    from citeconv.documents.bibliography import prints_abbreviations
    from citeconv.documents.document import cite_document
    from citeconv.journals import abbreviate_journal

    if STDIN in bibliographies and document == STDIN:
        raise UsageError("the document and a bibliography cannot both be standard input")
    if output:
        check_not_an_input(output, [document, *bibliographies])
    name = "<stdin>" if document == STDIN else shown_path(document)
    text = decode_input(read_bytes(document), name)
    sources, decoding = read_sources(bibliographies)
    options = ReadOptions(abbreviate=abbreviate_journal if prints_abbreviations(style) else None)
    hub = read_all(sources, find_reader(None, bibliographies[0]), options)
    cited = cite_document(
        text.value,
        name,
        hub.value.items,
        style,
        syntax="rst" if _syntax(syntax, document) == "rst" else "markdown",
        locale=locale,
        read=(*decoding, *hub.diagnostics),
    )
    return Result(cited.value, (*text.diagnostics, *cited.diagnostics))


def _syntax(chosen: str | None, document: str) -> str:
    return chosen or SUFFIXES.get(PurePath(document).suffix.lower(), "markdown")
