"""The pre-scan of a large text in parts, by forked workers (issue 16: speed).

The text is cut only before a line that starts with an entry (`@type{` first on the line),
where the pre-scan always ends the block before and starts a new one: the streamed reader cuts
a file into chunks at such lines (streaming/chunks.py). No cut is made before an indented
entry start: whether one is text inside a value may come to depend on what follows it. Each
part is pre-scanned with its first line and whether more follows, as a streamed chunk is; the
parts' results joined, their blocks moved by the length of the scanned text before them, are
the pre-scan of the whole text. tests/unit/test_forked_prescan.py compares the two on the
corpus and on generated text.
"""

from __future__ import annotations

from typing import Any

from citeconv import lazy_regex
from citeconv.forked_map import forked_map
from citeconv.readers.blocks import BrokenBlock, Prescan, RepairedField, ScannedBlock, prescan

# Below this many characters a fork costs more than the half of the pre-scan it takes over.
MIN_FORKED_LENGTH = 1_000_000
_STARTS_ENTRY = lazy_regex.compile(r"[ \t]*@[ \t]*[A-Za-z][\w:-]*[ \t\r]*[{(]")  # as chunks.py

Part = tuple[str, int, bool]  # text, its first line's number, whether more follows
Row = tuple[Any, ...]


def prescan_in_parts(text: str, jobs: int, min_length: int = MIN_FORKED_LENGTH) -> Prescan:
    """`prescan(text)`, its parts scanned by `jobs` forked workers when the text is long."""
    parts = split_parts(text, jobs) if jobs >= 2 and len(text) >= min_length else []
    if len(parts) < 2:
        return prescan(text)
    return joined(forked_map(_scanned_row, parts, jobs, 2, 1))


def split_parts(text: str, count: int) -> list[Part]:
    """`text` in about `count` parts of like length, each but the first starting at a line
    that starts an entry."""
    starts = [0]
    for part in range(1, count):
        cut = _entry_line_from(text, max(starts[-1] + 1, len(text) * part // count))
        if cut < 0:
            break
        starts.append(cut)
    ends = [*starts[1:], len(text)]
    parts: list[Part] = []
    line = 1
    for start, end in zip(starts, ends, strict=True):
        parts.append((text[start:end], line, end < len(text)))
        line += text.count("\n", start, end)
    return parts


def _entry_line_from(text: str, position: int) -> int:
    """Where the first line at or after `position` (past a line break) that starts with an
    entry begins, if the text before it ends in anything but an opening delimiter and blanks; -1
    when none does. (The pre-scan reads an entry's key from after its delimiter across
    blanks and line breaks: `@misc{` then a line break would take the next line's text.)"""
    newline = text.find("\n", position - 1)
    while newline >= 0:
        start = newline + 1
        at_entry = text.startswith("@", start) and _STARTS_ENTRY.match(text, start)
        if at_entry and not _after_delimiter(text, newline):
            return start
        newline = text.find("\n", newline + 1)
    return -1


def _after_delimiter(text: str, index: int) -> bool:
    """Whether the last character before `index` that is no blank is `{` or `(`."""
    while index >= 0 and text[index].isspace():
        index -= 1
    return index >= 0 and text[index] in "{("


def _scanned_row(part: Part) -> Row:
    """In a worker: one part's pre-scan as plain data, which crosses a pipe fastest."""
    scan = prescan(*part)
    return (
        scan.text,
        [(b.line, b.key, b.entry_type, b.reason) for b in scan.broken],
        [(r.line, r.key, r.field, r.message) for r in scan.repaired],
        scan.entry_starts,
        scan.entry_lines,
        [(b.start, b.end, b.line, b.kind) for b in scan.blocks],
    )


def joined(rows: list[Row]) -> Prescan:
    """The pre-scan of the whole text from its parts' rows, in order."""
    texts: list[str] = []
    broken: list[BrokenBlock] = []
    repaired: list[RepairedField] = []
    lines: list[int] = []
    blocks: list[ScannedBlock] = []
    starts = 0
    shift = 0  # the length of the scanned text before this part
    for text, part_broken, part_repaired, entry_starts, entry_lines, part_blocks in rows:
        texts.append(text)
        broken.extend(BrokenBlock(*row) for row in part_broken)
        repaired.extend(RepairedField(*row) for row in part_repaired)
        starts += entry_starts
        lines.extend(entry_lines)
        blocks.extend(
            ScannedBlock(start + shift, end + shift, *rest) for start, end, *rest in part_blocks
        )
        shift += len(text)
    return Prescan(
        "".join(texts), tuple(broken), tuple(repaired), starts, tuple(lines), tuple(blocks), 1
    )
