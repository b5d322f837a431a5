"""A brace-aware pre-scan that isolates broken entries before the BibTeX parser sees them.

bibtexparser resynchronises only when braces balance again, so one stray `{` swallows every
entry after it (a real 988-entry file keeps 391). BibTeX itself restarts at the next `@`.
This scan follows BibTeX: an `@type{` at the start of a line while the previous entry is still
open means that entry is broken. Broken entries and comments are blanked to spaces, and
field-level damage inside a good entry is repaired or cut (`entry_syntax.py`); no line break is
ever added or removed, so the parser's line numbers stay those of the original file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from citeconv import lazy_regex
from citeconv.diagnostics import Code, Diagnostic, Severity, SourceSpan
from citeconv.readers.entry_end import (
    HIDDEN_AT,
    EntryPlace,
    entry_end,
    hide_inner_entry_starts,
    scan_entry_end,
)
from citeconv.readers.entry_syntax import check_fields

_ENTRY_START = lazy_regex.compile(r"@[ \t]*([A-Za-z][\w:-]*)[ \t\r\n]*([{(])")
_BACKSLASH_NEWLINE = lazy_regex.compile(r"\\(?=\r?\n)")
_KEY = lazy_regex.compile(r"\s*([^\s,={}()]*)")
# Blocks whose body is not `key, name = value, ...`.
_FREE_FORM = frozenset({"comment", "preamble", "string"})
_FREE_FORM_SORTED = tuple(sorted(_FREE_FORM))
_TYPE_NAME = lazy_regex.compile(r"\w+")
_COMMENT = lazy_regex.compile(r"%[^\r\n]*")


@dataclass(frozen=True)
class BrokenBlock:
    line: int  # 1-based line of the `@`
    key: str | None
    entry_type: str
    reason: str


@dataclass(frozen=True)
class RepairedField:
    line: int  # 1-based line of the damage
    key: str | None
    field: str | None
    message: str


@dataclass(frozen=True)
class ScannedBlock:
    """A block handed on to the parser: `text[start:end]` of the scanned text."""

    start: int
    end: int
    line: int  # 1-based line of the `@`
    kind: str  # the entry type in lower case, or comment, preamble, string


@dataclass(frozen=True)
class Prescan:
    text: str  # same line structure as the input; broken parts blanked, small repairs made
    broken: tuple[BrokenBlock, ...]
    repaired: tuple[RepairedField, ...] = ()
    entry_starts: int = 0  # how many `@type{` blocks were found, comments excluded
    entry_lines: tuple[int, ...] = ()  # lines of the entries handed on to the parser
    blocks: tuple[ScannedBlock, ...] = ()  # every block handed on, in file order
    first_line: int = 1  # line number of the text's first line (a chunk of a streamed file)

    def diagnostics(self, source: str) -> list[Diagnostic]:
        """Skipped entries are errors; repaired or cut fields are warnings."""
        found = [
            Diagnostic(
                Severity.ERROR,
                Code.SYNTAX_ERROR,
                f"{block.reason}; entry skipped",
                SourceSpan(source, block.line, block.key),
            )
            for block in self.broken
        ]
        for repair in self.repaired:
            subject = f"field '{repair.field}': " if repair.field else ""
            found.append(
                Diagnostic(
                    Severity.WARNING,
                    Code.SYNTAX_ERROR,
                    subject + repair.message,
                    SourceSpan(source, repair.line, repair.key),
                )
            )
        if self.entry_starts == 0 and self.text.strip():
            blank_lines = self.text.count("\n", 0, len(self.text) - len(self.text.lstrip()))
            line = blank_lines + self.first_line
            # An error (exit 1): a file that is not a bibliography must not become an empty list
            # that a Makefile takes for a good result (issue 15). A blank file stays silent.
            message = "no BibTeX entries found (text outside entries is ignored)"
            found.append(
                Diagnostic(Severity.ERROR, Code.SYNTAX_ERROR, message, SourceSpan(source, line))
            )
        return found


def blank(text: str) -> str:
    """Spaces for every character but line ends, so offsets and line numbers survive."""
    return re.sub(r"[^\r\n]", " ", text)


def prescan(text: str, first_line: int = 1, more_follows: bool = False) -> Prescan:
    """`first_line` and `more_follows` describe a chunk of a longer file (cut before a line
    starting an entry, where this scan always starts a new block): line numbers count from
    `first_line`, and an entry open at the chunk's end is broken before the next entry."""
    pieces: list[str] = []
    broken: list[BrokenBlock] = []
    repaired: list[RepairedField] = []
    entry_lines: list[int] = []
    blocks: list[ScannedBlock] = []
    scanned_length = 0  # of the pieces so far: a repair may insert a comma
    starts = 0
    position = 0
    place = EntryPlace(first_line, more_follows)
    line, counted_to = first_line, 0  # lines are counted incrementally: one pass, not one per entry
    hide_inner_starts = HIDDEN_AT not in text
    while position < len(text):
        match = _next_entry_start(text, position)
        if match is None:
            pieces.append(_blank_comment_lines(text[position:]))
            break
        pieces.append(_blank_comment_lines(text[position : match.start()]))
        scanned_length += len(pieces[-1])
        starts += 1
        line += text.count("\n", counted_to, match.start())
        counted_to = match.start()
        key = _key_after(text, match)
        end, reason = entry_end(text, match, place)
        if reason is not None:  # as BibTeX, start again at an entry that starts inside it
            end, reason = _until_inner_entry(text, match, end, reason, place)
        reason = reason or _header_problem(match)
        entry = _canonical_header(match) + text[match.end() : end]
        kind = match.group(1).lower()
        if reason is not None:
            broken.append(BrokenBlock(line, key, kind, reason))
            pieces.append(blank(entry))
        else:
            if hide_inner_starts:
                entry = hide_inner_entry_starts(entry)
            pieces.append(_clean_entry(entry, match, line, key, repaired))
            _report_fields_after_close(text, end, line + entry.count("\n"), key, repaired)
            scanned_end = scanned_length + len(pieces[-1])
            blocks.append(ScannedBlock(scanned_length, scanned_end, line, kind))
            if kind not in _FREE_FORM:
                entry_lines.append(line)
        scanned_length += len(pieces[-1])
        position = end
    # The parser does not count a line break right after `\\` (it reads it as escaped), which
    # shifts every later line number; `\\` + line break is a space in LaTeX anyway.
    scanned = _BACKSLASH_NEWLINE.sub(" ", "".join(pieces))
    return Prescan(
        scanned,
        tuple(broken),
        tuple(repaired),
        starts,
        tuple(entry_lines),
        tuple(blocks),
        first_line,
    )


# `name =` after the close: behind stray closers (`}}}}, author=`, `}\n  author=`), behind a
# comma on the closing line (`title={Foo}},\n  author=`), or on that line (`{Foo}} author=`).
# Possessive quantifiers: a run of blanks is crossed once, never retried (issue 15).
_NAME_EQUALS = r"[A-Za-z][\w:.-]*+\s*+="
_FIELD_AFTER_CLOSE = lazy_regex.compile(
    rf"(?:\s*+[}})])++\s*+,?\s*+{_NAME_EQUALS}|[ \t]*+,\s*+{_NAME_EQUALS}|[ \t]++{_NAME_EQUALS}"
)


def _report_fields_after_close(
    text: str, end: int, line: int, key: str | None, repaired: list[RepairedField]
) -> None:
    """`title={Foo}}, author=...`: a stray `}` closed the entry early, and BibTeX ignores the
    fields after it; say so instead of losing them silently (issue 15)."""
    if _FIELD_AFTER_CLOSE.match(text, end):
        message = "fields after the entry's closing '}' are ignored (a stray '}' before them?)"
        repaired.append(RepairedField(line, key, None, message))


def _until_inner_entry(
    text: str, start: re.Match[str], end: int, reason: str, place: EntryPlace
) -> tuple[int, str]:
    """A broken entry that holds the start of another (`@article{a, title={A} @article{b,
    ...}` on one line) ends there, so that the other is read, not lost with it."""
    inner = _next_entry_start(text, start.end())
    if inner is None or inner.start() >= end:
        return end, reason
    _, cut_reason = scan_entry_end(text, start, inner.start(), place)
    return inner.start(), cut_reason or reason


def _next_entry_start(text: str, position: int) -> re.Match[str] | None:
    """The next `@type{`, skipping those on a line commented out with `%` (`%@BOOK{L27,`).
    Only a `%` after the previous entry counts: one inside an earlier entry on the same line
    (`55\\%`, in a file with its line breaks removed) comments nothing out (issue 15)."""
    after_previous = position
    while True:
        match = _ENTRY_START.search(text, position)
        if match is None:
            return None
        line_start = max(text.rfind("\n", after_previous, match.start()) + 1, after_previous)
        if "%" not in text[line_start : match.start()]:
            return match
        position = match.start() + 1


def _header_problem(start: re.Match[str]) -> str | None:
    """What BibTeX reads but the parser behind this scan does not (it would lose the entry)."""
    return _problem_of_header(*start.group(0, 1, 2))


@lru_cache(maxsize=1024)  # a file writes its few entry types the same way again and again
def _problem_of_header(header: str, name: str, delimiter: str) -> str | None:
    if not _TYPE_NAME.fullmatch(name):
        return f"entry type '{name}' is not a name of letters and digits"
    kind = name.lower()
    for word in _FREE_FORM_SORTED:
        if kind != word and kind.startswith(word):  # the parser would read it as `@word`
            return f"'@{name}' is neither an entry nor '@{word}'"
    if "\n" in header:
        return f"line break between '@{name}' and '{delimiter}'"
    return None


def _canonical_header(start: re.Match[str]) -> str:
    """`@ article {` -> `@article  {`: same length, in the form the parser recognises."""
    return _canonical(*start.group(0, 1, 2))


@lru_cache(maxsize=1024)
def _canonical(header: str, name: str, delimiter: str) -> str:
    written = f"@{name}"
    return written + " " * (len(header) - len(written) - 1) + delimiter


def _key_after(text: str, start: re.Match[str]) -> str | None:
    key_match = _KEY.match(text, start.end())
    return key_match.group(1) if key_match and key_match.group(1) else None


def _clean_entry(
    entry: str, start: re.Match[str], line: int, key: str | None, repaired: list[RepairedField]
) -> str:
    """Blank field-level comments, then repair or cut damaged fields of a balanced entry."""
    entry = _blank_field_comments(entry)
    if start.group(1).lower() in _FREE_FORM:
        return entry
    body_start = start.end() - start.start()
    checked, problems = check_fields(entry, body_start, len(entry) - 1)
    for problem in problems:
        problem_line = line + entry.count("\n", 0, problem.offset)
        repaired.append(RepairedField(problem_line, key, problem.field, problem.message))
    return checked


def _blank_comment_lines(between: str) -> str:
    """Outside entries `%` starts a comment (biber, and every reader users meet)."""
    if "%" not in between:
        return between  # most gaps: a line break or two, no comment
    return _COMMENT.sub(lambda m: blank(m.group(0)), between)


def _blank_field_comments(entry: str) -> str:
    """Between fields `%` starts a comment to the end of the line (biber reads it so); inside
    a value it is text (URLs carry `%20`), so only `%` at field level is blanked."""
    if "%" not in entry:
        return entry  # most entries: no character-by-character walk (issue 6: speed)
    opener = _ENTRY_START.match(entry)
    field_level = 1 if opener is None or opener.group(2) == "{" else 0
    chars = list(entry)
    depth = 0
    in_quotes = False
    index = 0
    while index < len(chars):
        char = chars[index]
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
        elif char == '"' and depth == field_level and (index == 0 or chars[index - 1] != "\\"):
            in_quotes = not in_quotes
        elif char == "%" and depth == field_level and not in_quotes:
            while index < len(chars) and chars[index] not in "\r\n":
                chars[index] = " "
                index += 1
            continue
        index += 1
    return "".join(chars)
