"""A BibTeX text, given line by line, in chunks of about `size` characters.

A chunk ends only before a line that starts an entry (`@type{` after nothing but blanks): the
pre-scan ends every open entry before such a line (readers/blocks.py), so no block spans two
chunks. An indented one may be text inside a value of an entry that starts a line
(readers/entry_end.py), so a chunk that holds an entry starting a line ends only before another
such entry; only a text of indented entries alone is cut before an indented one. Every chunk
holds at least one entry start, so none is mistaken for a file with no entries.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from citeconv import lazy_regex

_STARTS_ENTRY = lazy_regex.compile(r"[ \t]*@[ \t]*[A-Za-z][\w:-]*[ \t\r]*[{(]")


@dataclass(frozen=True)
class Chunk:
    text: str
    first_line: int  # 1-based number of the text's first line in the file
    last: bool  # nothing of the file follows


def chunks(lines: Iterable[str], size: int) -> Iterator[Chunk]:
    """`lines` each end in `\\n` but perhaps the last, as a text file iterates."""
    pending: list[str] = []
    pending_size = 0
    first_line = 1
    has_entry = has_unindented = False
    for line in lines:
        starts_entry = line.startswith(("@", " ", "\t")) and _STARTS_ENTRY.match(line)
        unindented = bool(starts_entry) and line.startswith("@")
        may_cut = unindented or not has_unindented
        if starts_entry and may_cut and has_entry and pending_size >= size:
            yield Chunk("".join(pending), first_line, last=False)
            first_line += len(pending)
            pending, pending_size = [], 0
            has_unindented = False
        pending.append(line)
        pending_size += len(line)
        has_entry = has_entry or bool(starts_entry)
        has_unindented = has_unindented or unindented
    yield Chunk("".join(pending), first_line, last=True)


def text_lines(text: str) -> Iterator[str]:
    """`text` cut after each `\\n` only, as a file iterates (`str.splitlines` also cuts at
    `\\r`, form feeds and more, which the reader keeps inside lines)."""
    start = 0
    while start < len(text):
        end = text.find("\n", start)
        end = len(text) if end < 0 else end + 1
        yield text[start:end]
        start = end
