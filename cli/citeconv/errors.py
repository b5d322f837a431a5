"""Fatal errors (the run cannot continue) and the documented exit codes."""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    OK = 0  # success; warnings allowed
    ENTRIES_LOST = 1  # some entries could not be converted; output holds all the others
    USAGE = 2  # bad command line (click's own code)
    STRICT_WARNINGS = 3  # --strict and warnings were reported
    FATAL = 4  # unreadable input, bad style, unwritable output: nothing written


class CiteconvError(Exception):
    """A failure that stops the run; carries the exit code the CLI uses."""

    exit_code: ExitCode = ExitCode.FATAL
    code = "fatal"  # a stable name for the kind, in `--diagnostics json`


class UsageError(CiteconvError):
    exit_code = ExitCode.USAGE
    code = "usage"


class InvalidArgument(UsageError):
    """The Python API was given an argument of the wrong type (a number where text belongs)."""


class UnknownFormat(UsageError):
    """`--to`/`--from` named no format, alias or installed style."""


class UnknownLocale(UsageError):
    pass


class UnreadableInput(CiteconvError):
    code = "unreadable-input"


class InvalidStyle(CiteconvError):
    code = "invalid-style"


class UnwritableOutput(CiteconvError):
    code = "unwritable-output"


class EntryTooComplex(ValueError):
    """One entry is beyond a bound that keeps the work in proportion to the input (LaTeX nested
    too deep, a macro expanding too far): that entry is lost with an error, never the file."""
