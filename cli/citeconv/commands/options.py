"""Help that teaches (options under headings, whole summaries) and the last line of defence."""

from __future__ import annotations

import errno
import os
from collections.abc import Sequence
from typing import Any

import click

from citeconv.commands.completion import complete_format
from citeconv.commands.files import drop_stdout
from citeconv.commands.report import error_line
from citeconv.errors import CiteconvError, ExitCode

# What writing to a full or broken standard output raises; other errors name no stream.
_WRITE_ERRORS = frozenset({errno.ENOSPC, errno.EIO, errno.EDQUOT, errno.EFBIG, errno.EBADF})
TERM_WIDTH = 30  # click wraps a longer option spelling onto its own line
Sections = Sequence[tuple[str, Sequence[str]]]  # (heading, parameter names) in display order


class SectionedCommand(click.Command):
    """`--help` shows options grouped (`Input and output`, `Style`, ...) instead of one list.

    Options not named in any section are listed last under `Other options`, so an option added
    later (by another command module) still appears rather than vanishing from the help.
    """

    def __init__(self, *args: Any, sections: Sections = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.sections = sections

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        records = {
            param.name or "": record
            for param in self.get_params(ctx)
            if isinstance(param, click.Option) and (record := param.get_help_record(ctx))
        }
        # One width for every section, so the descriptions line up down the whole page.
        width = min(max((len(term) for term, _ in records.values()), default=0), TERM_WIDTH)
        placed: set[str] = set()
        groups = [*self.sections, ("Other options" if self.sections else "Options", ())]
        for heading, names in groups:
            if not names:
                names = [name for name in records if name not in placed]
            rows = [records[name] for name in names if name in records]
            placed.update(names)
            if rows:
                with formatter.section(heading):
                    formatter.write_dl([(term.ljust(width), text) for term, text in rows])


SUMMARY_LIMIT = 100  # characters of a command's summary in `citeconv --help`


class CommandGroup(click.Group):
    """Lists each command with its whole one-line summary, where click would cut it at ~45, and
    turns an unexpected failure inside a command into one line on stderr and exit 4."""

    def invoke(self, ctx: click.Context) -> Any:
        from citeconv.commands.interrupts import interrupts_handled

        try:
            with interrupts_handled():
                return super().invoke(ctx)
        except (click.exceptions.Exit, click.ClickException, click.Abort, SystemExit):
            raise
        except CiteconvError as error:  # one a command did not catch itself (a late write)
            click.echo(error_line(error), err=True)
            raise SystemExit(error.exit_code) from None
        except BrokenPipeError:  # `citeconv convert --help | head`: click's own quiet exit
            raise
        except OSError as error:  # click's own text (a command's --help) on a full disk
            reason = error.strerror or str(error)
            if error.filename:
                reason = f"{error.filename}: {reason}"
            elif error.errno in _WRITE_ERRORS:
                drop_stdout()
                reason = f"standard output: {reason}"
            click.echo(error_line(reason), err=True)  # else: the system's limit, named as is
            raise SystemExit(ExitCode.FATAL) from None
        except MemoryError:  # an input too large for this machine's memory, not a defect
            click.echo(error_line("out of memory; nothing written"), err=True)
            raise SystemExit(ExitCode.FATAL) from None
        except Exception as error:  # a defect (ours or an engine's): never a traceback
            message = f"{type(error).__name__}: {error}".splitlines()[0]
            click.echo(
                f"citeconv: error: internal error ({message}); nothing written. "
                "Please report it with the input that caused it.",
                err=True,
            )
            raise SystemExit(ExitCode.FATAL) from None

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = []
        for name in self.list_commands(ctx):
            command = self.get_command(ctx, name)
            if command is not None and not command.hidden:
                rows.append((name, command.get_short_help_str(limit=SUMMARY_LIMIT)))
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)


def format_name(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """`--to APA` means `apa`: formats, aliases and style ids are all lower case, and a user
    who types the name as it is printed (APA, Vancouver) should not meet an error. A path to a
    .csl file is kept as typed: file names are case-sensitive."""
    if value is None or "/" in value or os.sep in value or value.lower().endswith(".csl"):
        return value
    return value.lower()


# `--from` of every command that reads bibliographies (`convert`, `check`).
from_option = click.option(
    "-f",
    "--from",
    "from_format",
    type=click.Choice(["bibtex", "biblatex", "ris", "csl-json"]),
    help="Input format of every input (default: each file's suffix, else BibTeX).",
)

# `--to` of the commands that only render a CSL style (`cite`, `doc`); `convert`'s `--to` also
# takes RIS and CSL-JSON and follows `-o`'s suffix.
style_option = click.option(
    "-t",
    "--to",
    "to_format",
    default="apa",
    show_default=True,
    metavar="STYLE",
    callback=format_name,
    shell_complete=complete_format,
    help="CSL style: an alias, a style id or a .csl path.",
)
