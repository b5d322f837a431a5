"""Blocks of a clean file read straight from the pre-scan, as bibtexparser would read them.

bibtexparser's splitter walks the text mark by mark (every brace, quote, comma and line break),
a quarter of the time of a conversion to CSL-JSON (issue 6: speed). The pre-scan has already
found every block and proved most entries' fields well formed, so for a file in which every
block is of the simple kind below, each block is cut out here with one regular expression per
field, with the same keys, values and line numbers as the splitter's. A file with any other
block (parentheses as delimiters, escaped braces, quotes inside braced text within a quoted
value, ...) returns None and goes to the splitter whole, because there the splitter's idea of
where a block ends may differ from the pre-scan's, and one block can then change its
neighbours. tests/property/test_reader_fast_paths.py holds the two readings side by side.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from citeconv import lazy_regex
from citeconv.readers.blocks import Prescan, ScannedBlock
from citeconv.readers.entry_end import HIDDEN_AT
from citeconv.readers.entry_syntax import BRACED_PATTERN

# As the splitter reads them, and as the pre-scan does (so both agree where a block ends):
# `\{` and `\}` are no braces for the splitter, so they are read as letters (see `_neutral`);
# within quotes it counts no braces at all, so every `"` inside must be escaped (`{\"u}`);
# and a `\` never precedes the `,` or `=` that ends a bare name or value.
_ESCAPED_QUOTE = r'(?<=\\)"'
_IN_QUOTES = rf'[^{{}}"]*(?:{_ESCAPED_QUOTE}[^{{}}"]*)*'
_BRACED_IN_QUOTES = BRACED_PATTERN.replace("[^{}]*", _IN_QUOTES)
_QUOTED = rf'"[^"{{}}]*(?:(?:{_ESCAPED_QUOTE}|{_BRACED_IN_QUOTES})[^"{{}}]*)*(?<!\\)"'
_BARE = r'(?:[^\s=,{}"#()%\\]|\\(?![,=]))+'
_PIECE = rf"(?:{BRACED_PATTERN}|{_QUOTED}|{_BARE})"
_FIELD = lazy_regex.compile(rf"\s*({_BARE})\s*(=)\s*({_PIECE}(?:\s*#\s*{_PIECE})*)\s*(,|\Z)")
_HEADER = lazy_regex.compile(r"@(\w+)[ \t]*\{")
_SPACE = lazy_regex.compile(r"\s*")
# A block start (`@type{`) first on a line: there the splitter gives up on the block it is in.
# Only blanks other than line breaks may precede it: `\n\s*@` would rescan a run of line
# breaks from each of them, quadratic in the run (issue 15: 200,000 in a title never ended).
_SPLITTER_DIFFERS = lazy_regex.compile(r"\n[^\S\n]*@\w*[ \t]*[{(]")
_SPLITTER_BLOCK_START = lazy_regex.compile(r"@\w*[ \t]*[{(]")
_NOT_IN_KEY = lazy_regex.compile(r'[{}",=@\\]')
_BRACE = lazy_regex.compile(r"[{}]")
_NOT_ENTRIES = frozenset({"comment", "preamble", "string"})
_NEUTRAL = "\x01\x01"  # stands for `\{` and `\}`: two characters, no brace, no mark
_BACKSLASHES = "\x02\x02"  # stands for `\\` where the splitter reads the text
# Every run of two or more backslashes, whole: `_placeholders` keeps those that are `\\` pairs
# before a brace. A pattern that asked for the brace itself would be tried again at each
# backslash of a run not followed by one (quadratic: 50 KB of backslashes took 11 s), and one
# that started with a look-behind was tried at every character (80 ms for 2.7 MB). Written as
# one backslash then one or more, not `\\{2,}`: a pattern that starts with a plain character
# is searched for by jumping between its occurrences, a counted repeat at every character
# (issue 16: 32 ms -> 1.3 ms for 4.5 MB).
_BACKSLASH_RUN = lazy_regex.compile(r"\\\\+")


class CleanField(NamedTuple):
    name: str  # as written
    value: str  # as written: delimiters kept, `#` expressions unevaluated
    line: int | None  # 0-based line of the `=`, the splitter's convention


class CleanBlock(NamedTuple):
    kind: str  # entry type in lower case, or preamble, string
    key: str  # entry key, or @string name; "" for @preamble
    value: str  # @string and @preamble text; "" for entries
    line: int  # 0-based line of the `@`
    fields: tuple[CleanField, ...] = ()


def clean_blocks(scan: Prescan) -> list[CleanBlock] | None:
    """Every block of the scanned text in file order (comments left out), or None when any
    part of the file needs the general splitter."""
    places = clean_places(scan)
    if places is None:
        return None
    view, found = places
    read = [
        place if isinstance(place, CleanBlock) else read_clean_block(view, scan.text, place)
        for place in found
    ]
    return None if any(block is None for block in read) else read  # type: ignore[return-value]


def clean_places(scan: Prescan) -> tuple[str, list[CleanBlock | ScannedBlock]] | None:
    """`clean_blocks` with each entry left as its place in the text, to be read later (by a
    worker: readers/forked_bibtex.py) with `read_clean_block` and the splitter's view of the
    text returned here; None when the text between blocks, an @string, @preamble or
    @comment needs the general splitter."""
    view = _splitter_view(scan.text)
    found: list[CleanBlock | ScannedBlock] = []
    previous_end = 0
    for block in scan.blocks:
        if _SPLITTER_BLOCK_START.search(view, previous_end, block.start):
            return None  # text between blocks that the splitter would take for a block
        previous_end = block.end
        if block.kind not in _NOT_ENTRIES:
            found.append(block)
            continue
        read = read_clean_block(view, scan.text, block)
        if read is None:
            return None
        if read.kind != "comment":
            found.append(read)
    if _SPLITTER_BLOCK_START.search(view, previous_end):
        return None
    return view, found


def _splitter_view(text: str) -> str:
    """The text as the splitter counts braces: `\\{` and `\\}` are letters to it. Same
    length and lines; it is matched against, while values are cut from the text itself."""
    if "\\{" not in text and "\\}" not in text:
        return text
    unescaped = splitter_input(text)
    return unescaped.replace("\\{", _NEUTRAL).replace("\\}", _NEUTRAL)


def splitter_input(text: str) -> str:
    """The text with each `\\` (an escaped backslash) before a brace as two placeholders: in
    `{Line one\\}` the brace closes the value, as in BibTeX, where the splitter would take it
    for an escaped brace and lose the entry (issue 15). `restore_hidden` undoes it."""
    if "\\\\" not in text:
        return text
    return _BACKSLASH_RUN.sub(lambda run: _placeholders(run, text), text)


def _placeholders(run: re.Match[str], text: str) -> str:
    """Placeholders for a run of `\\\\` pairs before a brace; any other run unchanged (an odd
    run before a brace, `\\\\\\{`, is `\\\\` then `\\{`)."""
    backslashes = run.group(0)
    if len(backslashes) % 2 or text[run.end() : run.end() + 1] not in ("{", "}"):
        return backslashes
    return _BACKSLASHES * (len(backslashes) // 2)


def restore_hidden(value: str) -> str:
    """A value as the file has it: `\\` before a brace (`splitter_input`), and the `@` of an
    entry start inside a value (entry_end.HIDDEN_AT), given back."""
    if _BACKSLASHES in value:
        value = value.replace(_BACKSLASHES, "\\\\")
    return value.replace(HIDDEN_AT, "@") if HIDDEN_AT in value else value


def read_clean_block(view: str, text: str, block: ScannedBlock) -> CleanBlock | None:
    """One block, if the splitter ends it where the pre-scan did and reads it as here."""
    header = _HEADER.match(view, block.start, block.end)
    if header is None or _SPLITTER_DIFFERS.search(view, block.start, block.end):
        return None
    body_start, close = header.end(), block.end - 1
    if view[close] != "}":
        return None
    if block.kind in ("comment", "preamble"):
        if not _braced_block(view, block, body_start):
            return None
        return CleanBlock(block.kind, "", restore_hidden(text[body_start:close]), block.line - 1)
    if block.kind == "string":
        equals = view.find("=", body_start, close)
        name = text[body_start:equals]  # the text's: the view hides `\{` as neutral letters
        if equals < 0 or _NOT_IN_KEY.search(name) or not _braced_block(view, block, equals):
            return None
        value = restore_hidden(text[equals + 1 : close].strip())
        return CleanBlock("string", name.strip(), value, block.line - 1)
    comma = view.find(",", body_start, close)
    key = text[body_start : close if comma < 0 else comma]  # `\{` in a key: general path
    if _NOT_IN_KEY.search(key):
        return None
    fields = () if comma < 0 else _read_fields(view, text, comma + 1, block)
    if fields is None:
        return None
    return CleanBlock(block.kind, key.strip(), "", block.line - 1, fields)


def _braced_block(view: str, block: ScannedBlock, start: int) -> bool:
    """Whether the splitter, counting braces from `start`, closes the block where it ends."""
    depth = 0
    for brace in _BRACE.finditer(view, start, block.end):
        depth += 1 if brace.group(0) == "{" else -1
        if depth < 0:
            return brace.end() == block.end
    return False


def _read_fields(
    view: str, text: str, start: int, block: ScannedBlock
) -> tuple[CleanField, ...] | None:
    """The fields from `start` to the closing brace, each matched where the last one ended."""
    fields: list[CleanField] = []
    line, counted_to = block.line - 1, block.start
    position, close = start, block.end - 1
    # One anchored match per field: a search would retry at every later character (issue 15:
    # a title of 16,000 backslashes took 10 s).
    while (match := _FIELD.match(view, position, close)) is not None:
        equals = match.start(2)
        line += view.count("\n", counted_to, equals)
        counted_to = equals
        value = restore_hidden(text[match.start(3) : match.end(3)])
        fields.append(CleanField(match.group(1), value, line))
        position = match.end()
        if not match.group(4):
            break
    if _SPACE.match(view, position, close).end() != close:  # type: ignore[union-attr]
        return None
    return tuple(fields)
