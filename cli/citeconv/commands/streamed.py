"""Large BibTeX inputs converted in chunks (citeconv/streaming/): the file is read line by
line, once per pass, and the output written as it is made, so memory does not grow with it.

Used for one BibTeX file of at least `STREAM_MIN_BYTES` in UTF-8 without a byte-order mark;
anything else (several inputs, stdin, other encodings, a crossref built from an undefined
macro) takes the whole-file run, whose output is the same. A streamed run skips the output
cache (a cached copy of a file that size would be pruned at once) and reports its diagnostics
after the output rather than before.
"""

from __future__ import annotations

import codecs
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, BinaryIO

from citeconv import lazy_regex
from citeconv.commands.files import STDIN, check_not_an_input, write_atomically, write_stdout
from citeconv.commands.line_ends import with_line_ends
from citeconv.commands.progress import progress_bar, wanted
from citeconv.commands.report import ReportOptions
from citeconv.diagnostics import Diagnostic, Severity
from citeconv.errors import UnreadableInput
from citeconv.formats import Progress, ReadOptions, WriteOptions, Writer, find_reader
from citeconv.pipeline import collector_paused
from citeconv.readers.encoding import CONTROLS

if TYPE_CHECKING:
    from citeconv.streaming.chunks import Chunk

STREAM_MIN_BYTES = 32 * 1024 * 1024
CHUNK_CHARS = 1_000_000  # per chunk: ~100 MB peak in all; smaller chunks save little more
_BOMS = (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def run_streamed(
    inputs: Sequence[str],
    from_format: str | None,
    output: str | None,
    writer: Writer,
    options: tuple[ReadOptions, WriteOptions],
    report: ReportOptions,
) -> list[Diagnostic] | None:
    """The diagnostics of a streamed conversion, its output written; None if it does not apply.
    Without --verbose, `info` diagnostics are dropped as they come: they would not be shown,
    exit codes do not depend on them, and a large file has one per unmapped field."""
    path = _streamable(inputs, from_format)
    if path is None:
        return None
    if output:
        check_not_an_input(output, inputs)
    enabled = not report.quiet and wanted(sys.stderr)
    with progress_bar(sys.stderr, writer.name, enabled) as progress, collector_paused():
        return _convert(path, output, writer, options, report.verbose, _Passes(path, progress))


def _convert(
    path: str,
    output: str | None,
    writer: Writer,
    options: tuple[ReadOptions, WriteOptions],
    verbose: bool,
    passes: _Passes,
) -> list[Diagnostic] | None:
    from citeconv.streaming.bibtex import NotStreamable
    from citeconv.streaming.writing import StreamedConversion

    try:  # passes 1 and 2 read the whole file before anything is written
        conversion = StreamedConversion(passes.chunks, path, writer, options, _keep(verbose))
    except (NotStreamable, UnicodeDecodeError):
        return None
    pieces = with_line_ends(conversion.pieces(), options[1].newline)
    if output:
        write_atomically(output, pieces)
    else:
        write_stdout(pieces)
    return list(conversion.diagnostics())


class _Passes:
    """The file's chunks, once per pass, each pass shown on the progress line."""

    def __init__(self, path: str, progress: Progress | None) -> None:
        self._path, self._progress, self._count = path, progress, 0
        try:
            self._size = max(os.stat(path).st_size, 1)
        except OSError:
            self._size = 1  # reading will say what is wrong

    def chunks(self) -> Iterator[Chunk]:
        from citeconv.streaming.chunks import chunks

        self._count += 1
        stage, done = f"reading, pass {self._count}", 0
        for chunk in chunks(_lines(self._path), CHUNK_CHARS):
            yield chunk
            done += len(chunk.text)  # characters for bytes: close enough for a bar
            if self._progress is not None:
                self._progress(stage, done, self._size)


def _keep(verbose: bool) -> Callable[[Diagnostic], bool]:
    if verbose:
        return lambda diagnostic: True
    return lambda diagnostic: diagnostic.severity is not Severity.INFO


def _streamable(inputs: Sequence[str], from_format: str | None) -> str | None:
    if len(inputs) != 1 or inputs[0] == STDIN:
        return None
    path = inputs[0]
    if find_reader(from_format, path).name != "bibtex":
        return None
    try:
        if os.stat(path).st_size < STREAM_MIN_BYTES:
            return None
        with open(path, "rb") as handle:
            head = handle.read(4)
            # Control characters are removed, with one warning, by the whole-file run
            # (readers/encoding.py); so rare that such a file is simply not streamed.
            if head.startswith(_BOMS) or _holds_controls(handle, head):
                return None
    except OSError:
        return None  # the whole-file run reports it
    return path


_CONTROL_BYTES = lazy_regex.compile(CONTROLS.pattern.encode("ascii"))  # the same class, as bytes
_SCAN_BLOCK = 8 * 1024 * 1024


def _holds_controls(handle: BinaryIO, head: bytes) -> bool:
    """One scan of the bytes in large blocks (about a second for 1 GB); a UTF-8 sequence
    never holds a byte below 0x80, so no character is split at a block's edge."""
    block = head
    while block:
        if _CONTROL_BYTES.search(block):
            return True
        block = handle.read(_SCAN_BLOCK)
    return False


def _lines(path: str) -> Iterator[str]:
    """The file's lines decoded as the whole-file run decodes it (UTF-8, CRLF -> LF); a
    UTF-8 sequence never holds a line-feed byte, so lines decode on their own."""
    try:
        with open(path, "rb") as handle:
            for raw in handle:
                yield raw.decode("utf-8").replace("\r\n", "\n")
    except OSError as error:
        raise UnreadableInput(f"{path}: cannot read: {error.strerror}") from error
