"""`citeconv cite`: in-text citations for keys of a bibliography, e.g. for documentation builds."""

from __future__ import annotations

from typing import cast

import click

from citeconv.commands.completion import complete_locale
from citeconv.commands.config import require_config
from citeconv.commands.files import read_sources, write_stdout
from citeconv.commands.options import style_option
from citeconv.commands.report import ReportOptions, emit, error_line
from citeconv.diagnostics import Severity
from citeconv.documents.bibliography import about_cited
from citeconv.errors import CiteconvError, ExitCode, UsageError
from citeconv.formats import MARKUPS, Markup, ReadOptions, find_reader, suggest
from citeconv.pipeline import read_all

EPILOG = """\b
Examples:
  citeconv cite koutras2020 --from refs.bib --to apa        # (Koutras et al., 2020)
  citeconv cite a b,c --from refs.bib --to vancouver        # (1) then (2,3)

Each KEY argument is one citation; keys joined by commas are cited together."""


@click.command(epilog=EPILOG)
@click.argument("keys", nargs=-1, required=True, metavar="KEY...")
@click.option(
    "--from",
    "source",
    required=True,
    metavar="FILE",
    help="The bibliography (BibTeX, RIS or CSL-JSON) that holds the keys.",
)
@style_option
@click.option(
    "--markup",
    type=click.Choice(MARKUPS),
    default="text",
    show_default=True,
    help="Markup of the citations.",
)
@click.option(
    "--locale",
    metavar="LANG",
    shell_complete=complete_locale,
    help="CSL locale, e.g. en-GB (default: the style's).",
)
@click.pass_context
def cite(
    ctx: click.Context,
    keys: tuple[str, ...],
    source: str,
    to_format: str,
    markup: str,
    locale: str | None,
) -> None:
    """Print in-text citations (one line per KEY) in a CSL style."""
    from citeconv.rendering.clusters import CiteItem, Cluster, render_clusters

    require_config(ctx)
    try:
        sources, decoding = read_sources([source])
        hub = read_all(sources, find_reader(None, source), ReadOptions())
        known = [str(i["id"]) for i in hub.value.items]
        clusters = [
            Cluster(tuple(CiteItem(key) for key in _resolve_keys(argument, known)))
            for argument in keys
        ]
        result = render_clusters(hub.value.items, clusters, to_format, locale=locale)
    except CiteconvError as error:
        click.echo(error_line(error), err=True)
        raise SystemExit(error.exit_code) from None
    # What reading found about the cited entries is shown (a duplicate key renamed, a field
    # dropped); about the others it is not: `cite` prints a few citations, not a file check.
    cited = [cite.id for cluster in clusters for cite in cluster.items]
    read = about_cited([*decoding, *hub.diagnostics], cited, missing=False)
    diagnostics = [*read, *result.diagnostics]
    emit([d for d in diagnostics if d.severity != Severity.INFO], ReportOptions())
    lines = [_in_markup(text, cast(Markup, markup)) for text in result.value.clusters]
    write_stdout("".join(f"{line}\n" for line in lines))
    raise SystemExit(ExitCode.OK)


def _resolve_keys(argument: str, known: list[str]) -> list[str]:
    """Keys as written, matched case-insensitively as BibTeX does; an unknown key is an error."""
    by_folded = {key.casefold(): key for key in reversed(known)}
    resolved = []
    for key in (k.strip() for k in argument.split(",")):
        if key.casefold() not in by_folded:
            raise UsageError(f"no entry with key '{key}' in the bibliography{suggest(key, known)}")
        resolved.append(by_folded[key.casefold()])
    return list(dict.fromkeys(resolved))  # `a,a` cites one work once: `(1)`, not `(1,1)`


def _in_markup(html: str, markup: Markup) -> str:
    """One citation in the chosen markup, without the block wrapper of a bibliography entry."""
    from citeconv.writers.styled import MARKUPS

    if markup == "html":
        return html
    return MARKUPS[markup](html)
