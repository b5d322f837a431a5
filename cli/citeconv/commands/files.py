"""File IO for the commands: reading inputs (stdin included) and writing output atomically."""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Iterable, Sequence
from functools import cache
from pathlib import Path

from citeconv.diagnostics import Diagnostic
from citeconv.errors import UnreadableInput, UnwritableOutput, UsageError
from citeconv.formats import find_reader
from citeconv.pipeline import Source
from citeconv.readers.encoding import decode_input

STDIN = "-"


def read_sources(
    paths: Sequence[str], from_format: str | None = None
) -> tuple[list[Source], list[Diagnostic]]:
    """Each input decoded to text; no paths (or `-`) means standard input. Each file is read
    in its own format (`a.bib b.ris`) unless --from names one for all."""
    sources: list[Source] = []
    diagnostics: list[Diagnostic] = []
    for path in paths or (STDIN,):
        name = "<stdin>" if path == STDIN else path
        decoded = decode_input(read_bytes(path), name)
        reader = find_reader(from_format, None if path == STDIN else path)
        sources.append(Source(decoded.value, name, reader))
        diagnostics.extend(decoded.diagnostics)
    return sources, diagnostics


TERMINAL_HINT = (
    "citeconv: reading standard input from the terminal; end it with Ctrl-D, or name a file"
)


def read_bytes(path: str) -> bytes:
    if path == STDIN:
        if sys.stdin.isatty():  # `citeconv convert --to apa` typed alone would seem to hang
            print(TERMINAL_HINT, file=sys.stderr, flush=True)
        return sys.stdin.buffer.read()
    try:
        return Path(path).read_bytes()
    except FileNotFoundError as error:
        raise UnreadableInput(f"{path}: no such file") from error
    except IsADirectoryError as error:
        raise UnreadableInput(f"{path}: is a directory") from error
    except OSError as error:
        raise UnreadableInput(f"{path}: cannot read: {error.strerror}") from error


@cache
def style_bytes(path: str) -> bytes | None:
    """A style file, read once per run however many steps need it (the journal-abbreviation
    check, the cache keys); None when it cannot be read (the renderer then says why)."""
    try:
        return Path(path).read_bytes()
    except OSError:
        return None


def check_not_an_input(output: str, inputs: Sequence[str]) -> None:
    """Writing over an input would destroy the only copy of what failed to convert."""
    target = Path(output).resolve()
    for path in inputs:
        if path != STDIN and Path(path).resolve() == target:
            raise UsageError(f"refusing to write over the input file '{path}'")


def write_atomically(path: str, text: str | Iterable[str]) -> None:
    """Write to a temporary file beside `path`, then rename: readers never see half a file.
    `text` may come in pieces (a streamed conversion makes them as it goes)."""
    target = Path(path)
    try:
        handle, temporary = tempfile.mkstemp(
            prefix=f".{target.name}.", suffix=".tmp", dir=target.parent or Path(".")
        )
    except FileNotFoundError as error:
        folder = target.parent
        raise UnwritableOutput(f"{path}: cannot write: no folder '{folder}'") from error
    except OSError as error:
        raise UnwritableOutput(f"{path}: cannot write: {error.strerror}") from error
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            stream.writelines([text] if isinstance(text, str) else text)
        mode = target.stat().st_mode & 0o777 if target.exists() else 0o666 & ~_umask()
        os.chmod(temporary, mode)
        os.replace(temporary, target)
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        raise UnwritableOutput(f"{path}: cannot write: {error.strerror}") from error
    except BaseException:  # a failure while the pieces were made: no half file left behind
        Path(temporary).unlink(missing_ok=True)
        raise


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def write_stdout(text: str | Iterable[str]) -> None:
    for piece in [text] if isinstance(text, str) else text:
        sys.stdout.buffer.write(piece.encode("utf-8"))
    sys.stdout.flush()
