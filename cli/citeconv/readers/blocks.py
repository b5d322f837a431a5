"""A brace-aware pre-scan that isolates broken entries before the BibTeX parser sees them.

bibtexparser resynchronises only when braces balance again, so one stray `{` swallows every
entry after it (a real 988-entry file keeps 391). BibTeX itself restarts at the next `@`.
This scan follows BibTeX: an `@type{` at the start of a line while the previous entry is still
open means that entry is broken. Broken entries and comments are blanked to spaces (newlines
kept), so the parser's line numbers stay those of the original file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_ENTRY_START = re.compile(r"@[ \t]*([A-Za-z][\w:-]*)[ \t\r\n]*([{(])")
_LINE_START_AT = re.compile(r"^[ \t]*@", re.MULTILINE)
_KEY = re.compile(r"\s*([^\s,={}()]*)")


@dataclass(frozen=True)
class BrokenBlock:
    line: int  # 1-based line of the `@`
    key: str | None
    entry_type: str
    reason: str


@dataclass(frozen=True)
class Prescan:
    text: str  # same length and line structure as the input; broken parts blanked
    broken: tuple[BrokenBlock, ...]


def blank(text: str) -> str:
    """Spaces for every character but line ends, so offsets and line numbers survive."""
    return re.sub(r"[^\r\n]", " ", text)


def prescan(text: str) -> Prescan:
    pieces: list[str] = []
    broken: list[BrokenBlock] = []
    position = 0
    while position < len(text):
        match = _ENTRY_START.search(text, position)
        if match is None:
            pieces.append(_blank_comment_lines(text[position:]))
            break
        pieces.append(_blank_comment_lines(text[position : match.start()]))
        end, reason = _entry_end(text, match)
        if reason is None:
            pieces.append(_blank_field_comments(text[match.start() : end]))
        else:
            line = text.count("\n", 0, match.start()) + 1
            key_match = _KEY.match(text, match.end())
            key = key_match.group(1) if key_match and key_match.group(1) else None
            broken.append(BrokenBlock(line, key, match.group(1).lower(), reason))
            pieces.append(blank(text[match.start() : end]))
        position = end
    return Prescan("".join(pieces), tuple(broken))


def _entry_end(text: str, start: re.Match[str]) -> tuple[int, str | None]:
    """Where the entry opened at `start` ends, and why it is broken (None if it is not)."""
    closer = "}" if start.group(2) == "{" else ")"
    depth = 1
    in_quotes = False
    index = start.end()
    next_at = _next_line_start_at(text, index)
    while index < len(text):
        if index >= next_at:
            return next_at, _unclosed(depth, in_quotes)
        char = text[index]
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
            if depth == 0 and closer == "}":
                return index + 1, None
            if depth < 0 or (depth == 0 and closer == ")"):
                return _skip_to_line_end(text, index), "unbalanced braces: '}' closes nothing"
        elif char == ")" and depth == 1 and closer == ")" and not in_quotes:
            return index + 1, None
        elif char == '"' and depth == 1 and text[index - 1] != "\\":
            in_quotes = not in_quotes
        index += 1
    return len(text), _unclosed(depth, in_quotes)


def _unclosed(depth: int, in_quotes: bool) -> str:
    if in_quotes:
        return "unterminated quoted value"
    return f"unbalanced braces: {depth - 1} '{{' never closed" if depth > 1 else "entry not closed"


def _next_line_start_at(text: str, index: int) -> int:
    match = _LINE_START_AT.search(text, index)
    return match.start() if match else len(text)


def _skip_to_line_end(text: str, index: int) -> int:
    newline = text.find("\n", index)
    return len(text) if newline < 0 else newline


def _blank_comment_lines(between: str) -> str:
    """Outside entries `%` starts a comment (biber, and every reader users meet)."""
    return re.sub(r"%[^\r\n]*", lambda m: blank(m.group(0)), between)


def _blank_field_comments(entry: str) -> str:
    """A line that starts with `%` between fields is a commented-out field; inside a value it
    is text (URLs carry `%20`), which is why only whole lines at field level are blanked."""
    opener = _ENTRY_START.match(entry)
    field_level = 1 if opener is None or opener.group(2) == "{" else 0
    out: list[str] = []
    depth = 0
    in_quotes = False
    for number, line in enumerate(entry.splitlines(keepends=True)):
        if number and depth == field_level and not in_quotes and line.lstrip().startswith("%"):
            out.append(blank(line))
            continue
        out.append(line)
        for index, char in enumerate(line):
            if char == "{":
                depth += 1
            elif char == "}":
                depth -= 1
            elif char == '"' and depth == field_level and (index == 0 or line[index - 1] != "\\"):
                in_quotes = not in_quotes
    return "".join(out)
