"""Entry keys across a streamed file, in little memory: duplicate keys and key look-ups.

A first pass records a 64-bit digest of every key (8 bytes each, sorted for bisection) instead
of the keys themselves. Later passes resolve duplicate keys exactly as
readers/duplicate_keys.py does over the whole file, remembering the first entry's content
(as a digest) only for the keys the first pass saw more than once. Two different keys share a
digest with probability about n^2 / 2^65 (1e-7 for 2 million keys).
"""

from __future__ import annotations

import hashlib
from array import array
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, replace
from itertools import pairwise

from citeconv.diagnostics import Code, Diagnostic, Result, Severity
from citeconv.readers.bibmodel import BibEntry


def digest(text: str) -> int:
    raw = hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=8).digest()
    return int.from_bytes(raw, "little")


class KeySet:
    """Lower-cased keys, as digests: sorted once all are added, then looked up."""

    def __init__(self) -> None:
        self._digests = array("Q")
        self.repeated: set[int] = set()

    def add(self, key: str) -> None:
        self._digests.append(digest(key.lower()))

    def freeze(self) -> None:
        ordered = array("Q", sorted(self._digests))
        self.repeated = {a for a, b in pairwise(ordered) if a == b}
        self._digests = ordered

    def __contains__(self, key: str) -> bool:
        wanted = digest(key.lower())
        at = bisect_left(self._digests, wanted)
        return at < len(self._digests) and self._digests[at] == wanted


@dataclass(frozen=True)
class _First:
    line: int
    key: str
    content: int  # digest of the entry type and fields


class DuplicateKeys:
    """`resolve_duplicate_keys` over a file's entries, handed over chunk by chunk."""

    def __init__(self, keys: KeySet) -> None:
        self._keys = keys
        self.added: set[str] = set()  # keys made here (`key-2`, `entry-at-line-7`), lower case
        self._first: dict[str, _First] = {}

    def resolve(self, entries: Sequence[BibEntry]) -> Result[list[BibEntry]]:
        kept: list[BibEntry] = []
        diagnostics: list[Diagnostic] = []
        for entry in entries:
            if not entry.key.strip():
                new_key = self._free_key(f"entry-at-line-{entry.span.line}")
                message = f"entry has no key; kept as '{new_key}'"
                diagnostics.append(_warning(entry, message, Code.SYNTAX_ERROR))
                entry = _renamed(entry, new_key)
            lower = entry.key.lower()
            first = self._first.get(lower)
            if first is None:
                if lower in self.added or digest(lower) in self._keys.repeated:
                    self._first[lower] = _First(entry.span.line, entry.key, _content(entry))
                kept.append(entry)
                continue
            where = f"first defined at line {first.line} as '{first.key}'"
            if _content(entry) == first.content:
                diagnostics.append(
                    _warning(entry, f"duplicate key, same content ({where}); dropped")
                )
                continue
            new_key = self._free_key(entry.key)
            message = f"duplicate key, different content ({where}); kept as '{new_key}'"
            diagnostics.append(_warning(entry, message))
            kept.append(_renamed(entry, new_key))
        return Result(kept, tuple(diagnostics))

    def taken(self, key: str) -> bool:
        return key.lower() in self.added or key in self._keys

    def _free_key(self, key: str) -> str:
        candidate, number = key, 2
        while self.taken(candidate):
            candidate = f"{key}-{number}"
            number += 1
        self.added.add(candidate.lower())
        return candidate


def _content(entry: BibEntry) -> int:
    return digest(repr((entry.entry_type, sorted(entry.fields.items()))))


def _renamed(entry: BibEntry, key: str) -> BibEntry:
    return replace(entry, key=key, span=replace(entry.span, key=key))


def _warning(entry: BibEntry, message: str, code: Code = Code.DUPLICATE_KEY) -> Diagnostic:
    return Diagnostic(Severity.WARNING, code, message, entry.span)
