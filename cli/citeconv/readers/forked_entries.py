"""The parts of reading a file in workers (readers/forked_bibtex.py) that are not the walk
itself: `@string` values by place, the budget's count, entries as plain data, and the steps
after the workers: linked entries resolved, results put back in file order."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
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
from citeconv.formats import ReadOptions
from citeconv.normalize import normalize_entry, once_per_file
from citeconv.normalize.entry import add_abbreviation
from citeconv.readers.bibmodel import BibEntry, BibName
from citeconv.readers.bibvalues import ExpansionBudget

MacroHistory = dict[str, list[tuple[int, str]]]


class SpendingCounter(ExpansionBudget):
    """A budget that never runs out and counts what was spent (refunds not subtracted)."""

    def __init__(self) -> None:
        super().__init__()
        self.spent = 0

    def spend(self, characters: int) -> None:
        if characters > 0:
            self.spent += characters


class MacrosAt(Mapping[str, str]):
    """The `@string` values in effect at one place of the file: `history` holds each name's
    values with the number of definitions made before them; `version` counts those made
    before the place."""

    def __init__(self, history: MacroHistory, version: int) -> None:
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


def define(history: MacroHistory, version: int, new: Mapping[str, str]) -> int:
    """Record each of `new` as defined after `version` definitions; the new count."""
    for name, value in new.items():
        version += 1
        history.setdefault(name, []).append((version, value))
    return version


def with_named_parents(
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


def normalized_in_order(
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


def hub(
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


def rows(diagnostics: list[Diagnostic]) -> list[DiagnosticRow]:
    return [diagnostic_row(diagnostic) for diagnostic in diagnostics]


def entry_row(entry: BibEntry) -> tuple[Any, ...]:
    """A BibEntry as plain data, which crosses a pipe fastest (forked_map.py)."""
    names = {
        field: tuple((n.first, n.von, n.last, n.jr, n.raw) for n in people)
        for field, people in entry.names.items()
    }
    span = (entry.span.source, entry.span.line, entry.span.key)
    return entry.key, entry.entry_type, entry.fields, span, names, entry.field_lines


def entry_from_row(row: Sequence[Any]) -> BibEntry:
    key, entry_type, fields, span, names, lines = row
    people = {field: tuple(BibName(*name) for name in named) for field, named in names.items()}
    return BibEntry(key, entry_type, fields, SourceSpan(*span), people, lines)
