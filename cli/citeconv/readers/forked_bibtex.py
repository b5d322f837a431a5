"""A large BibTeX file read and normalized entry by entry in worker processes (issue 16).

The pre-scan and the `@string` macros stay in this process: macros are few, and each entry
must see the values in effect at its place. The workers evaluate each entry's fields, split
its names and, for an entry that nothing else in the file can change, normalize it too; an
entry with `crossref`, `xdata`, `xref` or `ids`, a key used twice or none at all comes back
as an entry and is resolved and normalized here, as in one process, with the entries it names.

The file's macro budget (readers/bibvalues.py) is the one thing that carries from entry to
entry: the workers count what each entry spends, and when the file's spending could have run
it out anywhere, `read_forked` returns None and the file is read in one process, where the
budget decides exactly which entries are lost. Output and diagnostics are those of one process
(tests/test_forked_bibtex.py).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import replace
from typing import Any

from citeconv.csl import Bibliography, CslItem
from citeconv.diagnostics import (
    Diagnostic,
    DiagnosticRow,
    Result,
    SourceSpan,
    diagnostic_from_row,
    diagnostic_row,
)
from citeconv.errors import EntryTooComplex
from citeconv.forked_map import forked_map
from citeconv.formats import ReadOptions
from citeconv.normalize import normalize_entry, once_per_file
from citeconv.normalize.crossref import resolve_inheritance
from citeconv.normalize.entry import add_abbreviation
from citeconv.readers.bibmodel import BibEntry, BibName
from citeconv.readers.bibtex import (
    Block,
    define_macro,
    failed_block,
    preamble_commands,
    to_entry,
    too_complex,
)
from citeconv.readers.bibvalues import MAX_EXPANSION_PER_FILE, ExpansionBudget
from citeconv.readers.blocks import Prescan
from citeconv.readers.clean_blocks import CleanBlock
from citeconv.readers.duplicate_keys import resolve_duplicate_keys

# What nothing else in the file can change: fields that link entries, or give them more keys.
_LINKED = frozenset({"crossref", "xdata", "xref", "ids"})
_SKIPPED, _NORMALIZED, _ENTRY = 0, 1, 2


class SpendingCounter(ExpansionBudget):
    """A budget that never runs out and counts what was spent (refunds not subtracted)."""

    def __init__(self) -> None:
        super().__init__()
        self.spent = 0

    def spend(self, characters: int) -> None:
        self.spent += max(characters, 0)


class MacrosAt(Mapping[str, str]):
    """The `@string` values in effect at one place of the file: `history` holds each name's
    values with the number of definitions made before them; `version` counts those made
    before the place."""

    def __init__(self, history: dict[str, list[tuple[int, str]]], version: int) -> None:
        self.history = history
        self.version = version

    def __getitem__(self, name: str) -> str:
        values = self.history[name]
        index = bisect_right(values, self.version, key=lambda value: value[0])
        if index == 0:
            raise KeyError(name)
        return values[index - 1][1]

    def __contains__(self, name: object) -> bool:
        values = self.history.get(name) if isinstance(name, str) else None
        return bool(values) and values[0][0] <= self.version  # type: ignore[index]

    def __iter__(self) -> Iterator[str]:
        return (name for name in self.history if name in self)

    def __len__(self) -> int:
        return sum(1 for _ in self)


def read_forked(
    scan: Prescan, blocks: list[Block], source: str, options: ReadOptions
) -> Result[Bibliography] | None:
    """`read_bibtex` of a pre-scanned file, or None when only one process can read it."""
    history: dict[str, list[tuple[int, str]]] = {}
    version = _define(history, 0, dict(options.macros))
    macros = dict(options.macros)
    problems: list[list[Diagnostic]] = []  # of each block, in file order
    entries: list[tuple[int, CleanBlock, int]] = []  # (index of the block, block, version)
    counter = SpendingCounter()
    for index, block in enumerate(blocks):
        problems.append([])
        if not isinstance(block, CleanBlock):
            problems[-1].append(failed_block(*block, source))
        elif block.kind == "string":
            name = block.key.lower()
            before = macros.get(name)
            define_macro(block, macros, source, problems[-1], counter)
            if name in macros and macros[name] != before:
                version = _define(history, version, {name: macros[name]})
        elif block.kind != "preamble":
            entries.append((index, block, version))
    commands = preamble_commands([blocks])
    linked = _linked(entries)
    unabbreviated = replace(options, abbreviate=None, progress=None)

    def reread(position: int, found: list[Diagnostic], spending: ExpansionBudget) -> BibEntry:
        _, block, at = entries[position]
        return to_entry(block, MacrosAt(history, at), source, found, commands, spending)

    def read_one(position: int) -> tuple[Any, ...]:
        found: list[Diagnostic] = []
        spending = SpendingCounter()
        try:
            entry = reread(position, found, spending)
        except EntryTooComplex as problem:
            block = entries[position][1]
            found.append(too_complex(block, str(problem), source, "entry skipped"))
            return _SKIPPED, _rows(found), spending.spent
        if position in linked:
            return _ENTRY, _rows(found), spending.spent, _entry_row(entry)
        item, normalized = normalize_entry(entry, unabbreviated)
        return _NORMALIZED, _rows(found), spending.spent, item, _rows(normalized)

    results = forked_map(read_one, range(len(entries)), options.jobs, 2)
    if counter.spent + sum(result[2] for result in results) > MAX_EXPANSION_PER_FILE:
        return None  # the budget may have run out: which entries it cost, one process says
    for (index, _, _), result in zip(entries, results, strict=True):
        problems[index].extend(diagnostic_from_row(row) for row in result[1])
    parsing = [*scan.diagnostics(source), *(d for found in problems for d in found)]
    read, stand_ins = _read_entries(entries, results, source)
    unique = resolve_duplicate_keys(read)
    parsing.extend(unique.diagnostics)
    parsing.sort(key=lambda d: d.span.line if d.span else 0)
    named = _with_named_parents(unique.value, stand_ins, lambda p: reread(p, [], SpendingCounter()))
    inherited = resolve_inheritance(named)
    normalized = _normalized(inherited.value, stand_ins, results, unabbreviated)
    hub = _hub(inherited.diagnostics, normalized, options)
    return Result(hub.value, tuple(parsing) + hub.diagnostics)


def _define(history: dict[str, list[tuple[int, str]]], version: int, new: dict[str, str]) -> int:
    for name, value in new.items():
        version += 1
        history.setdefault(name, []).append((version, value))
    return version


def _linked(entries: list[tuple[int, CleanBlock, int]]) -> set[int]:
    """Positions of the entries resolved here: links, `ids`, @xdata, a repeated or no key."""
    seen: dict[str, int] = {}
    for _, block, _ in entries:
        seen[block.key.lower()] = seen.get(block.key.lower(), 0) + 1
    return {
        position
        for position, (_, block, _) in enumerate(entries)
        if block.kind == "xdata"
        or not block.key.strip()
        or seen[block.key.lower()] > 1
        or any(field.name.strip().lower() in _LINKED for field in block.fields)
    }


def _read_entries(
    entries: list[tuple[int, CleanBlock, int]], results: list[tuple[Any, ...]], source: str
) -> tuple[list[BibEntry], dict[int, int]]:
    """The entries read, in file order; a normalized one by a stand-in with its key and type
    but no fields (nothing looks at them: its key is unique and it links to nothing), whose
    id maps to its position."""
    read: list[BibEntry] = []
    stand_ins: dict[int, int] = {}
    for position, ((_, block, _), result) in enumerate(zip(entries, results, strict=True)):
        if result[0] == _ENTRY:
            read.append(_entry(result[3]))
        elif result[0] == _NORMALIZED:
            span = SourceSpan(source, block.line + 1, block.key)
            stand_in = BibEntry(block.key, block.kind, {}, span)
            stand_ins[id(stand_in)] = position
            read.append(stand_in)
    return read, stand_ins


def _with_named_parents(
    entries: list[BibEntry], stand_ins: dict[int, int], reread: Callable[[int], BibEntry]
) -> list[BibEntry]:
    """The stand-ins that a `crossref`, `xdata` or `xref` names replaced by their entries."""
    values = [
        entry.fields.get(field, "")
        for entry in entries
        if id(entry) not in stand_ins
        for field in ("crossref", "xdata", "xref")
    ]
    named = {key.strip().lower() for value in values for key in [value, *value.split(",")]}
    replaced: list[BibEntry] = []
    for entry in entries:
        position = stand_ins.get(id(entry))
        if position is not None and entry.key.lower() in named:
            entry = reread(position)
            stand_ins[id(entry)] = position
        replaced.append(entry)
    return replaced


def _normalized(
    entries: list[BibEntry],
    stand_ins: dict[int, int],
    results: list[tuple[Any, ...]],
    options: ReadOptions,
) -> Iterator[tuple[BibEntry, CslItem | None, list[Diagnostic]]]:
    for entry in entries:
        position = stand_ins.get(id(entry))
        if position is None:
            yield entry, *normalize_entry(entry, options)
        else:
            item, rows = results[position][3], results[position][4]
            yield entry, item, [diagnostic_from_row(row) for row in rows]


def _hub(
    inheriting: Sequence[Diagnostic],
    normalized: Iterable[tuple[BibEntry, CslItem | None, list[Diagnostic]]],
    options: ReadOptions,
) -> Result[Bibliography]:
    """As `to_csl` ends: items with their abbreviations, spans, diagnostics once per file."""
    items: list[CslItem] = []
    diagnostics = list(inheriting)
    spans = {}
    for entry, item, problems in normalized:
        diagnostics.extend(problems)
        if item is not None:
            add_abbreviation(item, options)
            items.append(item)
            spans[entry.key] = entry.span
    return Result(Bibliography(tuple(items), spans), tuple(once_per_file(diagnostics)))


def _rows(diagnostics: list[Diagnostic]) -> list[DiagnosticRow]:
    return [diagnostic_row(diagnostic) for diagnostic in diagnostics]


def _entry_row(entry: BibEntry) -> tuple[Any, ...]:
    """A BibEntry as plain data, which crosses a pipe fastest (forked_map.py)."""
    names = {
        field: tuple((n.first, n.von, n.last, n.jr, n.raw) for n in people)
        for field, people in entry.names.items()
    }
    span = (entry.span.source, entry.span.line, entry.span.key)
    return entry.key, entry.entry_type, entry.fields, span, names, entry.field_lines


def _entry(row: Sequence[Any]) -> BibEntry:
    key, entry_type, fields, span, names, lines = row
    people = {field: tuple(BibName(*name) for name in named) for field, named in names.items()}
    return BibEntry(key, entry_type, fields, SourceSpan(*span), people, lines)
