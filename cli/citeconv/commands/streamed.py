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
from collections.abc import Callable, Iterator, Sequence

from citeconv.commands.files import STDIN, check_not_an_input, write_atomically, write_stdout
from citeconv.diagnostics import Diagnostic, Severity
from citeconv.errors import UnreadableInput
from citeconv.formats import ReadOptions, WriteOptions, Writer, find_reader
from citeconv.pipeline import collector_paused

STREAM_MIN_BYTES = 32 * 1024 * 1024
CHUNK_CHARS = 1_000_000  # per chunk: ~100 MB peak in all; smaller chunks save little more
_BOMS = (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def run_streamed(
    inputs: Sequence[str],
    from_format: str | None,
    output: str | None,
    writer: Writer,
    options: tuple[ReadOptions, WriteOptions],
    verbose: bool,
) -> list[Diagnostic] | None:
    """The diagnostics of a streamed conversion, its output written; None if it does not apply.
    Without `verbose`, `info` diagnostics are dropped as they come: they would not be shown,
    exit codes do not depend on them, and a large file has one per unmapped field."""
    path = _streamable(inputs, from_format)
    if path is None:
        return None
    if output:
        check_not_an_input(output, inputs)
    from citeconv.streaming.bibtex import NotStreamable
    from citeconv.streaming.chunks import chunks
    from citeconv.streaming.writing import StreamedConversion

    try:  # passes 1 and 2 read the whole file before anything is written
        conversion = StreamedConversion(
            lambda: chunks(_lines(path), CHUNK_CHARS), path, writer, options, _keep(verbose)
        )
    except (NotStreamable, UnicodeDecodeError):
        return None
    with collector_paused():
        if output:
            write_atomically(output, conversion.pieces())
        else:
            write_stdout(conversion.pieces())
    return list(conversion.diagnostics())


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
    except OSError:
        return None  # the whole-file run reports it
    return None if head.startswith(_BOMS) else path


def _lines(path: str) -> Iterator[str]:
    """The file's lines decoded as the whole-file run decodes it (UTF-8, CRLF -> LF); a
    UTF-8 sequence never holds a line-feed byte, so lines decode on their own."""
    try:
        with open(path, "rb") as handle:
            for raw in handle:
                yield raw.decode("utf-8").replace("\r\n", "\n")
    except OSError as error:
        raise UnreadableInput(f"{path}: cannot read: {error.strerror}") from error
