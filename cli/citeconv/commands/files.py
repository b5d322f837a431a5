"""File IO for the commands: reading inputs (stdin included) and writing output atomically."""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import sys
from collections.abc import Iterable, Sequence
from functools import cache
from pathlib import Path
from typing import BinaryIO

from citeconv.diagnostics import Diagnostic, escape_controls
from citeconv.errors import UnreadableInput, UnwritableOutput, UsageError
from citeconv.formats import find_reader
from citeconv.pipeline import Source
from citeconv.readers.encoding import decode_input, looks_binary

STDIN = "-"


def read_sources(
    paths: Sequence[str], from_format: str | None = None
) -> tuple[list[Source], list[Diagnostic]]:
    """Each input decoded to text; no paths (or `-`) means standard input. Each file is read
    in its own format (`a.bib b.ris`) unless --from names one for all."""
    sources: list[Source] = []
    diagnostics: list[Diagnostic] = []
    for path in paths or (STDIN,):
        name = "<stdin>" if path == STDIN else shown_path(path)
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
        if sys.stdin is None:  # started with `<&-`
            raise UnreadableInput("<stdin>: standard input is closed")
        if sys.stdin.isatty():  # `citeconv convert --to apa` typed alone would seem to hang
            print(TERMINAL_HINT, file=sys.stderr, flush=True)
        try:
            return _read_stream(sys.stdin.buffer, "<stdin>")
        except OSError as error:
            raise UnreadableInput(f"<stdin>: cannot read: {error.strerror}") from error
    try:
        if not Path(path).is_file():  # a device or a pipe: it may never end (`/dev/zero`)
            with open(path, "rb") as handle:
                return _read_stream(handle, path)
        return Path(path).read_bytes()
    except FileNotFoundError as error:
        raise UnreadableInput(f"{path}: no such file") from error
    except IsADirectoryError as error:
        raise UnreadableInput(f"{path}: is a directory") from error
    except OSError as error:
        raise UnreadableInput(f"{path}: cannot read: {error.strerror}") from error


_STREAM_BLOCK = 1024 * 1024
# A pipe is read whole before converting, at about 24 bytes of memory per byte; a file that
# large is streamed instead (commands/streamed.py). An endless pipe stops here.
MAX_STREAM_BYTES = 256 * 1024 * 1024


def _read_stream(handle: BinaryIO, name: str) -> bytes:
    """All of a stream that is not a regular file, block by block (so Ctrl-C and SIGTERM are
    heard), unless its first block is binary data: that block alone is read, whose "no
    entries found" error is a binary file's (`< /dev/zero`, `/dev/urandom`)."""
    blocks = [handle.read(_STREAM_BLOCK)]
    if looks_binary(blocks[0]):
        return blocks[0]
    size = len(blocks[0])
    while blocks[-1]:
        blocks.append(handle.read(_STREAM_BLOCK))
        size += len(blocks[-1])
        if size > MAX_STREAM_BYTES:
            raise UnreadableInput(
                f"{name}: over 256 MB through a pipe or device; give it as a file"
            )
    return b"".join(blocks)


@cache
def style_bytes(path: str) -> bytes | None:
    """A style file, read once per run however many steps need it (the journal-abbreviation
    check, the cache keys); None when it cannot be read (the renderer then says why)."""
    try:
        return Path(path).read_bytes()
    except OSError:
        return None


def shown_path(path: str) -> str:
    """A file name as text: the bytes of a name that is not UTF-8 (a Latin-1 `caf\xe9.bib`,
    which Python holds as lone surrogates no output can encode) shown as `\xe9`."""
    if path.isascii():
        return path
    return path.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def check_not_an_input(output: str, inputs: Sequence[str]) -> None:
    """Writing over an input would destroy the only copy of what failed to convert. The same
    file under another name counts too: a hard link has a path of its own (issue 15)."""
    target = _resolved(output)
    for path in inputs or (STDIN,):  # no input: standard input, as `read_sources` reads
        if path != STDIN and (_resolved(path) == target or _same_file(path, output)):
            raise UsageError(f"refusing to write over the input file '{path}'")
        if path == STDIN and _stdin_is_file(output):  # `citeconv ... -o refs.bib < refs.bib`
            raise UsageError(f"refusing to write over the input file '{output}' (standard input)")


def _resolved(path: str) -> Path:
    """The path with its symbolic links followed; as written where they loop (writing or
    reading it then fails with the system's own reason, not here)."""
    try:
        return Path(path).resolve()
    except (RuntimeError, OSError):
        return Path(os.path.abspath(path))


def _stdin_is_file(output: str) -> bool:
    """Whether standard input is the regular file `output` names."""
    try:
        given, target = os.fstat(sys.stdin.fileno()), os.stat(output)
    except (OSError, ValueError, AttributeError):  # no stdin, or no such file yet
        return False
    same = (given.st_dev, given.st_ino) == (target.st_dev, target.st_ino)
    return same and stat.S_ISREG(given.st_mode)


def _same_file(first: str, second: str) -> bool:
    try:
        return os.path.samefile(first, second)
    except OSError:  # one of them does not exist (yet)
        return False


def write_atomically(path: str, text: str | Iterable[str]) -> None:
    """Write to a temporary file beside `path`, then rename: readers never see half a file.
    `text` may come in pieces (a streamed conversion makes them as it goes). A device, FIFO
    or socket (`-o /dev/null`, `-o >(cat)`) is written through instead: renaming over it
    would replace it with a regular file. A symbolic link is written through to its target,
    never replaced by a file of its own (issue 15)."""
    # Asked of the path itself, through its links: `/dev/stdout` into a pipe resolves to
    # `/proc/N/fd/pipe:[...]`, a name that exists nowhere, though the pipe does (issue 15).
    if _is_special(Path(path)):
        _write_through(path, text)
        return
    target = Path(os.path.realpath(path)) if os.path.islink(path) else Path(path)
    if target.is_symlink():  # realpath stops where links loop: no file to write to
        raise UnwritableOutput(f"{path}: cannot write: {os.strerror(errno.ELOOP)}")
    import tempfile  # here, not at the top: only -o needs it (3 ms of every start)

    try:
        handle, temporary = tempfile.mkstemp(
            prefix=f".{target.name}.", suffix=".tmp", dir=target.parent or Path(".")
        )
    except FileNotFoundError as error:
        folder = target.parent
        if folder.is_dir():  # e.g. /proc: a folder where no file can be made
            raise UnwritableOutput(f"{path}: cannot create a file in '{folder}'") from error
        raise UnwritableOutput(f"{path}: cannot write: no folder '{folder}'") from error
    except OSError as error:
        raise UnwritableOutput(f"{path}: cannot write: {error.strerror}") from error
    TEMPORARY_FILES.add(temporary)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            stream.writelines(_pieces(text))
        mode = target.stat().st_mode & 0o777 if target.exists() else 0o666 & ~_umask()
        os.chmod(temporary, mode)
        os.replace(temporary, target)
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        raise UnwritableOutput(f"{path}: cannot write: {error.strerror}") from error
    except BaseException:  # Ctrl-C, SIGTERM or a failure while the pieces were made
        Path(temporary).unlink(missing_ok=True)
        raise
    finally:
        TEMPORARY_FILES.discard(temporary)


# Temporary files being written, removed if the run is interrupted (commands/interrupts.py).
TEMPORARY_FILES: set[str] = set()


def _pieces(text: str | Iterable[str]) -> Iterable[str]:
    return [text] if isinstance(text, str) else text


def _is_special(target: Path) -> bool:
    try:
        mode = target.stat().st_mode
    except OSError:
        return False
    return stat.S_ISCHR(mode) or stat.S_ISFIFO(mode) or stat.S_ISSOCK(mode) or stat.S_ISBLK(mode)


def _write_through(path: str, text: str | Iterable[str]) -> None:
    try:
        with open(path, "w", encoding="utf-8", newline="") as stream:
            stream.writelines(_pieces(text))
    except OSError as error:
        raise UnwritableOutput(f"{path}: cannot write: {error.strerror}") from error


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def write_output(output: str | None, text: str | Iterable[str]) -> None:
    """`-o FILE` (atomically, or through a device) or, without it, standard output."""
    if output:
        write_atomically(output, text)
    else:
        write_stdout(text)


def write_stdout(text: str | Iterable[str]) -> None:
    """Every write and the flush are checked: a full disk is an error, never a cut output."""
    if sys.stdout is None:  # started with `>&-`
        raise UnwritableOutput("standard output is closed")
    terminal = _is_terminal(sys.stdout)
    try:
        for piece in _pieces(text):
            if terminal:  # a field's terminal escape is shown, never obeyed
                piece = escape_controls(piece, keep_line_ends=True)
            sys.stdout.buffer.write(piece.encode("utf-8"))
        sys.stdout.flush()
    except BrokenPipeError:  # `citeconv ... | head`: the reader has all it wanted
        drop_stdout()
    except OSError as error:
        drop_stdout()
        raise UnwritableOutput(f"standard output: cannot write: {error.strerror}") from error


def _is_terminal(stream: object) -> bool:
    try:
        return bool(stream.isatty())  # type: ignore[attr-defined]
    except (AttributeError, ValueError, OSError):
        return False


def drop_stdout() -> None:
    """Point stdout at /dev/null, so the interpreter's last flush cannot fail a second time."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
