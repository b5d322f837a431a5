"""The click layer: the only code that touches argv, files, stdin/stdout/stderr and exit codes."""

from __future__ import annotations

import click

from citeconv import __version__
from citeconv.commands.check import check
from citeconv.commands.cite import cite
from citeconv.commands.completion import completion
from citeconv.commands.config import config, use_config
from citeconv.commands.convert import convert
from citeconv.commands.doc import doc
from citeconv.commands.options import CommandGroup
from citeconv.commands.styles import styles

EXIT_CODES_HELP = """\b
Exit codes:
  0  success (warnings allowed)
  1  some entries could not be converted; the output holds all the others
  2  usage error: bad option or setting, unknown format, style or locale
  3  --strict and warnings were reported
  4  fatal: unreadable input, broken style, unwritable output; nothing written"""


@click.group(
    cls=CommandGroup,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
    epilog=EXIT_CODES_HELP,
    invoke_without_command=True,
)
@click.version_option(
    __version__, "-V", "--version", prog_name="citeconv", message="%(prog)s %(version)s"
)
@click.option(
    "--config",
    "config_file",
    metavar="FILE",
    type=click.Path(exists=True, dir_okay=False),
    help="Read settings from FILE instead of the nearest citeconv.toml or pyproject.toml.",
)
@click.option("--no-config", is_flag=True, help="Ignore configuration files.")
@click.pass_context
def main(ctx: click.Context, config_file: str | None, no_config: bool) -> None:
    """Convert BibTeX/BibLaTeX to APA, Vancouver, any CSL style, RIS or CSL-JSON.

    \b
    Examples:
      citeconv convert refs.bib --to apa
      citeconv convert refs.bib -o refs.ris
    """
    if ctx.invoked_subcommand is None:
        _short_usage(ctx)
    use_config(ctx, config_file, no_config)


def _short_usage(ctx: click.Context) -> None:
    """`citeconv` alone: what to type next, on stderr, exit 2 (no command is a usage error)."""
    formatter = ctx.make_formatter()
    main.format_usage(ctx, formatter)
    main.format_commands(ctx, formatter)
    formatter.write("\nRun 'citeconv COMMAND --help' for a command's options and examples.\n")
    click.echo(formatter.getvalue(), err=True, nl=False)
    ctx.exit(2)


main.add_command(convert)
main.add_command(check)
main.add_command(styles)
main.add_command(config)
main.add_command(completion)
main.add_command(cite)
main.add_command(doc)
