"""`--newline`: the line ends of every output format, as the last step before writing.

Writers end lines with `\n` (RIS with `options.newline` itself); with `--newline crlf` each
bare `\n` becomes `\r\n`. Values hold no raw line break: styled output joins a value's lines,
JSON escapes them, and RIS lines are already CRLF, so nothing is converted twice.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from citeconv import lazy_regex

_BARE_LF = lazy_regex.compile(r"(?<!\r)\n")


def with_line_ends(text: str | Iterable[str], newline: str) -> str | Iterable[str]:
    """The output with `newline` ("\\n" or "\\r\\n") at the end of each line."""
    if newline == "\n":
        return text
    if isinstance(text, str):
        return _BARE_LF.sub(newline, text)
    return _each_with_line_ends(text, newline)


def _each_with_line_ends(pieces: Iterable[str], newline: str) -> Iterator[str]:
    for piece in pieces:
        yield _BARE_LF.sub(newline, piece)
