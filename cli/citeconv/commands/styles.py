"""`citeconv styles`: the aliases and the installed CSL styles, with their titles."""

from __future__ import annotations

import click

from citeconv.commands.files import write_stdout
from citeconv.diagnostics import escape_controls

# Style ids run to 116 characters; padding every row to that would push the titles off screen.
# Three in four ids fit in 40; a longer one is followed by two spaces instead.
NAME_WIDTH = 40


@click.command(
    epilog="""\b
Examples:
  citeconv styles            # every alias and installed style
  citeconv styles harvard    # those whose name or title contains 'harvard'"""
)
@click.argument("search", required=False)
def styles(search: str | None) -> None:
    """List the styles --to accepts: aliases first, then installed CSL styles."""
    from citeconv.styles import catalogue

    rows = list(catalogue(search))
    width = min(max((len(name) for name, _, _ in rows), default=0), NAME_WIDTH)
    lines = []
    for name, target, title in rows:
        alias = f" -> {target}" if target != name else ""
        lines.append(f"{name.ljust(width)}  {title}{alias}")
    write_stdout("".join(f"{line}\n" for line in lines))
    if not rows:
        shown = escape_controls(search or "")  # what the user typed reaches no terminal raw
        click.echo(f"citeconv: no style matches '{shown}'", err=True)
        raise SystemExit(1)
