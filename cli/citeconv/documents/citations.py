"""pandoc's citation syntax in a document's text -> the citations and where they are.

    [@smith2020, p. 33; @doe2019]      one cluster of two cites, the first with a locator
    [see @smith2020, pp. 33-35, and others]   prefix, locator and suffix
    [-@smith2020]                      the author left out: (2020)
    @smith2020 [p. 33]                 the author in the text: Smith (2020, p. 33)
    -@smith2020                        the author left out, as in pandoc 3: (2020)

A key starts with a letter, digit or `_` and may hold `:.#$%&-+?<>~/` between word characters
(`@doe:2020`), or is braced (`@{doe 2020}`). An `@` after a word character (an e-mail address)
or a backslash starts no citation; neither does a bracket followed by `(...)` or `[...]` (a
link), but a key in a link's text is cited there, author in the text, as pandoc does:
`[@doe](url)` is a link whose text is `Doe (2020)`.
A bracket that is no citation (an item without a key, an empty item: `[@a;; @b]`) is text,
and each key in it a citation of its own, author in the text, as pandoc reads it.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass

from citeconv import lazy_regex
from citeconv.documents.locators import split_locator
from citeconv.documents.syntax import Spans
from citeconv.rendering.clusters import CiteItem

_KEY = r"(?:\{[^{}\n]+\}|\w(?:\w|[:.#$%&\-+?<>~/](?=\w))*)"
_BRACKETED = lazy_regex.compile(
    r"(?<!\\)\[(?P<body>[^\[\]]*@[^\[\]]*)\](?!\(|\[[^\[\]]*\])"  # no link text
)
_ITEM = lazy_regex.compile(
    rf"(?P<prefix>.*?)(?P<minus>(?<![^\s\[;])-)?(?<![\w@\\])@(?P<key>{_KEY})", re.S
)
# A bare key, author in the text; as in pandoc 3, `-@key` leaves the author out. The locator's
# brackets hold no `;`: `@key [p. 3;]` is the citation, then text (pandoc).
_BARE = lazy_regex.compile(
    rf"(?:(?<![\w@\\-])(?P<minus>-))?(?<![\w@\\])@(?P<key>{_KEY})"
    r"(?:[ \t]?\[(?P<locator>[^\[\]@;]*)\](?![(\[:]))?"
)
# As pandoc reads brackets: one followed by `(...)` or `[...]` is a link's text (defined or
# not), in which a key is cited author in the text (`[@doe](url)` -> `[Doe (2020)](url)`); one
# followed by `:` at the start of a line is a reference definition's label, where nothing is.
_DEFINITION = lazy_regex.compile(r"^[ ]{0,3}\[[^\[\]]*\]:", re.MULTILINE)


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
    code = Spans(skipped)
    line_starts = [0, *(m.end() for m in re.finditer("\n", text))]
    definitions = Spans([match.span() for match in _DEFINITION.finditer(text)])
    found: list[Citation] = []
    for match in _BRACKETED.finditer(text):
        if definitions.covers(match.start()):
            continue
        items = parse_cluster(match.group("body"))
        if items and not code.covers(match.start()):
            found.append(
                Citation(
                    match.start(),
                    match.end(),
                    bisect.bisect_right(line_starts, match.start()),
                    items,
                )
            )
    taken = Spans([*skipped, *((c.start, c.end) for c in found)])
    for match in _BARE.finditer(text):
        if taken.covers(match.start()) or definitions.covers(match.start()):
            continue
        found.append(_bare(match, bisect.bisect_right(line_starts, match.start())))
    return sorted(found, key=lambda c: c.start)


def empty_items(text: str, skipped: Sequence[tuple[int, int]] = ()) -> list[int]:
    """The lines of brackets that would be one citation but for an empty item: `[@a;; @b]`,
    `[@a; @b;]`. pandoc reads such a bracket as text, with each key in it cited on its own,
    author in the text (find_citations does the same); the writer most likely meant one."""
    line_starts = [0, *(m.end() for m in re.finditer("\n", text))]
    code = Spans(skipped)
    lines = []
    for match in _BRACKETED.finditer(text):
        if code.covers(match.start()):
            continue
        parts = match.group("body").split(";")
        filled = [part for part in parts if part.strip()]
        if len(filled) < len(parts) and parse_cluster(";".join(filled)):
            lines.append(bisect.bisect_right(line_starts, match.start()))
    return lines


def _bare(match: re.Match[str], line: int) -> Citation:
    """`@key` or `@key [p. 3]`, also in a bracket that is no citation (`[@a;; @b]`: pandoc
    cites each key of it so), and `-@key`: the author left out."""
    label, locator, suffix = split_locator(match.group("locator") or "")
    minus = bool(match.group("minus"))
    cite = CiteItem(
        _unbrace(match.group("key")), locator, label, None, suffix or None, suppress_author=minus
    )
    return Citation(
        match.start(), match.end(), line, (cite,), author_in_text=not minus, bracketed=False
    )


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
