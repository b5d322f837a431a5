"""Entries that share a key (case-insensitively, as styles compare ids): keep every work.

BibTeX keeps the first entry under a repeated key and drops the rest, which silently loses
works in real files: a 988-entry bibliography holds 14 different papers under repeated keys.
Here a second entry with the same content is dropped (nothing is lost), and a different one is
kept under a new key (`Schank:80-2`), so citations of the key still find the first entry, as in
BibTeX, and the output still holds every work. An entry with no key at all gets one from its
line. Both are warnings: the key changed, nothing was lost.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from citeconv.diagnostics import Code, Diagnostic, Result, Severity
from citeconv.readers.bibmodel import BibEntry


def resolve_duplicate_keys(entries: Sequence[BibEntry]) -> Result[list[BibEntry]]:
    taken = {entry.key.lower() for entry in entries}
    first_by_key: dict[str, BibEntry] = {}
    kept: list[BibEntry] = []
    diagnostics: list[Diagnostic] = []
    for entry in entries:
        if not entry.key.strip():
            new_key = _free_key(f"entry-at-line-{entry.span.line}", taken)
            message = f"entry has no key; kept as '{new_key}'"
            diagnostics.append(_warning(entry, message, Code.SYNTAX_ERROR))
            entry = _renamed(entry, new_key)
        first = first_by_key.get(entry.key.lower())
        if first is None:
            first_by_key[entry.key.lower()] = entry
            kept.append(entry)
            continue
        where = f"first defined at line {first.span.line} as '{first.key}'"
        if (entry.entry_type, entry.fields) == (first.entry_type, first.fields):
            diagnostics.append(_warning(entry, f"duplicate key, same content ({where}); dropped"))
            continue
        new_key = _free_key(entry.key, taken)
        message = f"duplicate key, different content ({where}); kept as '{new_key}'"
        diagnostics.append(_warning(entry, message))
        kept.append(_renamed(entry, new_key))
    return Result(kept, tuple(diagnostics))


def _free_key(key: str, taken: set[str]) -> str:
    """`key` if unused, else `key-2`, `key-3`, ...; the result is reserved."""
    candidate, number = key, 2
    while candidate.lower() in taken:
        candidate = f"{key}-{number}"
        number += 1
    taken.add(candidate.lower())
    return candidate


def _renamed(entry: BibEntry, key: str) -> BibEntry:
    return replace(entry, key=key, span=replace(entry.span, key=key))


def _warning(entry: BibEntry, message: str, code: Code = Code.DUPLICATE_KEY) -> Diagnostic:
    return Diagnostic(Severity.WARNING, code, message, entry.span)
