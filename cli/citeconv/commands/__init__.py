"""The click layer: the only code that touches argv, files, stdin/stdout/stderr and exit codes."""

from __future__ import annotations

import click

from citeconv import __version__
from citeconv.commands.convert import convert
from citeconv.commands.styles import styles

EXIT_CODES_HELP = """\b
Exit codes:
  0  success (warnings allowed)
  1  some entries could not be converted; the output holds all the others
  2  usage error (bad option, unknown format or style)
  3  --strict and warnings were reported
  4  fatal: unreadable input, broken style, unwritable output; nothing written"""


@click.group(
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
    epilog=EXIT_CODES_HELP,
)
@click.version_option(
    __version__, "-V", "--version", prog_name="citeconv", message="%(prog)s %(version)s"
)
def main() -> None:
    """Convert BibTeX/BibLaTeX to APA, Vancouver, any CSL style, RIS or CSL-JSON.

    \b
    Examples:
      citeconv convert refs.bib --to apa
      citeconv convert refs.bib -o refs.ris
    """


main.add_command(convert)
main.add_command(styles)
