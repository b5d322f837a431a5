"""Where a BibTeX entry ends, and why it is broken if it is: the brace and quote scan of the
pre-scan (blocks.py). BibTeX restarts at the next `@` at the start of a line, so an entry still
open there is broken; line numbers and line starts are found by bisection, once per text.

One exception, for an entry that starts a line: an indented `@type{` line inside one of its
values (`note = {see\n    @article{b, ...} there}`) is text when the entry's braces close
before the next entry that starts a line, as BibTeX reads it. The look-ahead stops at that
entry and at the `_MAX_HEADERS_CROSSED`-th line that looks like an entry start, so it costs at
most a few entries' length (issue 15: linear), and it never crosses a point where a streamed
file is cut (streaming/chunks.py cuts before an indented entry only in text with none at the
start of a line).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache
from typing import NamedTuple

from citeconv import lazy_regex
from citeconv.readers.entry_syntax import BRACED_PATTERN

_AT_LINE_START = r"[ \t]*@[ \t]*[A-Za-z][\w:-]*[ \t\r\n]*[{(]"
_LINE_START_AT = lazy_regex.compile(_AT_LINE_START)  # matched at the text's start
# Searched for after each line break: a pattern that starts with a character is searched for
# by jumping between its occurrences, where `^` in MULTILINE mode is tried at every character
# (issue 16: 45 ms of 4.5 MB). Matches cannot overlap: one ends at its `{`, and a line break
# inside it is followed by blanks and that `{`, never by an `@`.
_AFTER_LINE_BREAK = lazy_regex.compile("\n" + _AT_LINE_START)
_MAX_HEADERS_CROSSED = 8
# The `@` of an entry start inside a value, hidden from the parser, which would start a new
# block there; restored in the values read (clean_blocks.restore_hidden). A text that has the
# character itself keeps its `@`s, and the parser splits there, as before.
HIDDEN_AT = "\x03"
_INNER_ENTRY_START = lazy_regex.compile(r"(\n[ \t]*)@(?=[ \t]*[A-Za-z][\w:-]*[ \t\r\n]*[{(])")
_DELIMITER = lazy_regex.compile(r'[{}")]')
_BALANCED_TO_CLOSE = lazy_regex.compile(rf"[^{{}}]*(?:{BRACED_PATTERN}[^{{}}]*)*\}}")


class EntryPlace(NamedTuple):
    first_line: int = 1  # of the text
    more_follows: bool = False  # the text is a chunk that the next entry follows


_WHOLE_FILE = EntryPlace()


def entry_end(
    text: str, start: re.Match[str], place: EntryPlace = _WHOLE_FILE
) -> tuple[int, str | None]:
    """Where the entry opened at `start` ends, and why it is broken (None if it is not)."""
    next_at = next_line_start_at(text, start.end())
    if start.group(2) == "{":  # quotes matter only for `)`: the end is the first unmatched `}`
        balanced = _BALANCED_TO_CLOSE.match(text, start.end(), next_at)
        if balanced:
            return balanced.end(), None  # one regex instead of the loop (issue 6: speed)
        if _starts_line(text, start.start()) and not _at_starts_line(text, next_at):
            limit = _look_ahead_limit(text, start.end())
            balanced = _BALANCED_TO_CLOSE.match(text, start.end(), limit)
            if balanced:  # the indented entry start is text inside one of the values
                return balanced.end(), None
    return scan_entry_end(text, start, next_at, place)


def hide_inner_entry_starts(entry: str) -> str:
    """An entry's text with the `@` of each entry start on a line of its own hidden: the
    pre-scan ended the entry after them, so they are text in its values."""
    if "\n" not in entry:
        return entry
    return _INNER_ENTRY_START.sub(rf"\g<1>{HIDDEN_AT}", entry)


def _starts_line(text: str, index: int) -> bool:
    """Whether `index` (an `@`, or the end of the text) is at the start of a line."""
    return index >= len(text) or index == 0 or text[index - 1] == "\n"


def _at_starts_line(text: str, line_start: int) -> bool:
    """Whether the entry start found at `line_start` (`_LINE_START_AT`) has its `@` first."""
    return line_start >= len(text) or text[line_start] == "@"


def _look_ahead_limit(text: str, index: int) -> int:
    """The next entry start at the start of a line after `index`, or the
    `_MAX_HEADERS_CROSSED`-th entry start of any indentation, whichever comes first."""
    starts = _line_start_ats(text)
    first = bisect_left(starts, index)
    for position in starts[first : first + _MAX_HEADERS_CROSSED]:
        if _at_starts_line(text, position):
            return position
    crossed = first + _MAX_HEADERS_CROSSED
    return starts[crossed] if crossed < len(starts) else len(text)


def scan_entry_end(
    text: str, start: re.Match[str], next_at: int, place: EntryPlace = _WHOLE_FILE
) -> tuple[int, str | None]:
    """`entry_end` without the fast path: delimiter by delimiter, up to `next_at`."""
    closer = "}" if start.group(2) == "{" else ")"
    open_braces: list[int] = []  # where each `{` inside the entry was opened
    in_quotes = False
    # Only delimiters matter; jumping between them keeps the scan fast on large files.
    for found in _DELIMITER.finditer(text, start.end(), next_at):
        index = found.start()
        char = found.group(0)
        if char == "{":
            open_braces.append(index)
        elif char == "}":
            if not open_braces:
                if closer == "}":
                    return index + 1, None
                return _skip_to_line_end(text, index), "unbalanced braces: '}' closes nothing"
            open_braces.pop()
        elif char == ")":
            if not open_braces and closer == ")" and not in_quotes:
                return index + 1, None
        elif not open_braces and text[index - 1] != "\\":
            in_quotes = not in_quotes
    return next_at, _unclosed(text, open_braces, in_quotes, next_at, place)


def _unclosed(
    text: str, open_braces: list[int], in_quotes: bool, stop: int, place: EntryPlace
) -> str:
    shift = place.first_line - 1
    if stop >= len(text) and not place.more_follows:
        where = "the end of the file"
    else:
        where = f"the next entry (line {_line(text, stop) + shift})"
    if open_braces:
        opened = _line(text, open_braces[0]) + shift
        return f"unbalanced braces: '{{' opened on line {opened} is not closed before {where}"
    if in_quotes:
        return f"unterminated quoted value: '\"' not closed before {where}"
    return f"entry not closed before {where}"


def _line(text: str, index: int) -> int:
    """The 1-based line of `index`, by bisection: counting from the start for each broken
    entry made 100,000 unclosed entries quadratic (issue 15)."""
    return bisect_left(_line_breaks(text), index) + 1


@lru_cache(maxsize=1)
def _line_breaks(text: str) -> list[int]:
    return [found.start() for found in re.finditer("\n", text)]


def next_line_start_at(text: str, index: int) -> int:
    """By bisection in the `@`s that start a line, found once: a search per entry ran to the
    end of a file with every entry on one line, which made it quadratic (issue 15)."""
    starts = _line_start_ats(text)
    found = bisect_left(starts, index)
    return starts[found] if found < len(starts) else len(text)


@lru_cache(maxsize=1)
def _line_start_ats(text: str) -> list[int]:
    first = [0] if _LINE_START_AT.match(text) else []
    return first + [found.start() + 1 for found in _AFTER_LINE_BREAK.finditer(text)]


def _skip_to_line_end(text: str, index: int) -> int:
    newline = text.find("\n", index)
    return len(text) if newline < 0 else newline
