"""The `citeconv` console script: answers `--version` before anything else is imported.

Makefiles and CI scripts ask for the version to decide whether to rebuild; loading click and
the command tree for that costs about four times Python's own start-up. Anything other than
`citeconv --version` (or `-V`) alone goes to the click layer unchanged.

The text click itself prints while reading the command line (help, version, usage) is not
written inside a command, so a full disk there is caught here: exit 4 with one line, as for
any other output (a closed pipe stays click's quiet exit).
"""

from __future__ import annotations

import contextlib
import gc
import sys
from collections.abc import Callable

VERSION_FLAGS = ("--version", "-V")
TEXT_FLAGS = frozenset({*VERSION_FLAGS, "--help", "-h"})  # click prints these to stdout
FATAL = 4  # errors.ExitCode.FATAL, not imported: this module must stay cheap


def main() -> None:
    """Print the version for a lone version flag; otherwise run the command line."""
    try:
        if len(sys.argv) == 2 and sys.argv[1] in VERSION_FLAGS:
            _print_version()
            return
        if sys.stdout is None and TEXT_FLAGS.intersection(sys.argv[1:]):  # started with `>&-`
            _fail("standard output is closed")
        command_line = _command_line()
        command_line()
    except OSError as error:
        _fail(f"standard output: {error.strerror or error}")


def _command_line() -> Callable[[], object]:
    """The click command tree, imported with the cycle collector paused: importing makes tens
    of thousands of objects and no cyclic garbage, and the collections it would trigger cost
    about 5 ms of a 140 ms start (the commands pause it again while they convert)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        from citeconv.commands import main as command_line
    finally:
        if enabled:
            gc.enable()
    return command_line


def _print_version() -> None:
    from citeconv import __version__

    if sys.stdout is None:  # started with `>&-`
        _fail("standard output is closed")
    try:
        sys.stdout.write(f"citeconv {__version__}\n")
        sys.stdout.flush()
    except BrokenPipeError:
        _quiet_stdout()


def _fail(message: str) -> None:
    _quiet_stdout()
    with contextlib.suppress(OSError, AttributeError, ValueError):
        sys.stderr.write(f"citeconv: error: {message}\n")
        sys.stderr.flush()
    raise SystemExit(FATAL)


def _quiet_stdout() -> None:
    from citeconv.commands.files import drop_stdout  # only on failure: not worth it up front

    drop_stdout()
