"""pandoc's citation syntax in a document's text -> the citations and where they are.

    [@smith2020, p. 33; @doe2019]      one cluster of two cites, the first with a locator
    [see @smith2020, pp. 33-35, and others]   prefix, locator and suffix
    [-@smith2020]                      the author left out: (2020)
    @smith2020 [p. 33]                 the author in the text: Smith (2020, p. 33)

A key starts with a letter, digit or `_` and may hold `:.#$%&-+?<>~/` between word characters
(`@doe:2020`), or is braced (`@{doe 2020}`). An `@` after a word character (an e-mail address)
or a backslash starts no citation; neither does a bracket followed by `(` or `[` (a link).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass

from citeconv import lazy_regex
from citeconv.documents.locators import split_locator
from citeconv.rendering.clusters import CiteItem

_KEY = r"(?:\{[^{}\n]+\}|\w(?:\w|[:.#$%&\-+?<>~/](?=\w))*)"
_BRACKETED = lazy_regex.compile(r"(?<!\\)\[(?P<body>[^\[\]]*@[^\[\]]*)\](?![(\[:])")
_ITEM = lazy_regex.compile(
    rf"(?P<prefix>.*?)(?P<minus>(?<![^\s\[;])-)?(?<![\w@\\])@(?P<key>{_KEY})", re.S
)
_BARE = lazy_regex.compile(
    rf"(?<![\w@\\\[-])@(?P<key>{_KEY})(?:[ \t]?\[(?P<locator>[^\[\]@]*)\](?![(\[:]))?"
)


@dataclass(frozen=True)
class Citation:
    start: int  # where the citation is in the document (offsets into its text)
    end: int
    line: int  # 1-based line of the start
    items: tuple[CiteItem, ...]  # ids as written in the document
    author_in_text: bool = False  # `@key [p. 3]`: the author, then the rest in parentheses
    bracketed: bool = True  # False: a bare `@key`, which may be ordinary text (`@mention`)


def find_citations(text: str, skipped: Sequence[tuple[int, int]] = ()) -> list[Citation]:
    """Every citation of `text` in document order, leaving out the `skipped` spans (code)."""
    taken = list(skipped)
    line_starts = [0, *(m.end() for m in re.finditer("\n", text))]
    found: list[Citation] = []
    for match in _BRACKETED.finditer(text):
        items = parse_cluster(match.group("body"))
        if items and not _inside(match.start(), taken):
            found.append(
                Citation(
                    match.start(),
                    match.end(),
                    bisect.bisect_right(line_starts, match.start()),
                    items,
                )
            )
    taken.extend((c.start, c.end) for c in found)
    for match in _BARE.finditer(text):
        if _inside(match.start(), taken):
            continue
        label, locator, suffix = split_locator(match.group("locator") or "")
        cite = CiteItem(_unbrace(match.group("key")), locator, label, None, suffix or None)
        found.append(
            Citation(
                match.start(),
                match.end(),
                bisect.bisect_right(line_starts, match.start()),
                (cite,),
                author_in_text=True,
                bracketed=False,
            )
        )
    return sorted(found, key=lambda c: c.start)


def parse_cluster(body: str) -> tuple[CiteItem, ...]:
    """`see @a, p. 3; @b` -> its cites; () when any part is not a cite (then the brackets are
    ordinary text, as in pandoc)."""
    items = []
    for part in body.split(";"):
        match = _ITEM.match(part)
        if match is None:
            return ()
        label, locator, suffix = split_locator(part[match.end() :])
        prefix = match.group("prefix").lstrip()
        items.append(
            CiteItem(
                _unbrace(match.group("key")),
                locator,
                label,
                prefix or None,
                suffix.rstrip() or None,
                suppress_author=bool(match.group("minus")),
            )
        )
    return tuple(items)


def _unbrace(key: str) -> str:
    return key[1:-1].strip() if key.startswith("{") else key


def _inside(position: int, spans: Sequence[tuple[int, int]]) -> bool:
    return any(start <= position < end for start, end in spans)
