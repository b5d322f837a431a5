"""A large BibTeX file read and normalized entry by entry in worker processes (issue 16).

The pre-scan, the `@string` and `@preamble` blocks stay in this process: they are few, and each
entry must see the macro values in effect at its place. The workers cut each entry's fields out
of the scanned text, evaluate them, split names and, for an entry that no other can change,
normalize it (journal abbreviations are added here, after); an entry with `crossref`, `xdata`,
`xref` or `ids` comes back as an entry and is resolved here with the entries it names, and so
is one whose key turns out to be repeated or missing, as in one process
(readers/forked_entries.py).

Two things carry from entry to entry, and either sends the file back to the steps of one
process: an entry the pre-scan's blocks cannot give as the general splitter would (the whole
file then takes the splitter: readers/clean_blocks.py), and the file's macro budget
(readers/bibvalues.py): the workers count what each entry spends, and when the file's spending
could have run it out anywhere, `read_forked` returns None and the file is read in one
process, where the budget decides exactly which entries are lost. tests/test_forked_bibtex.py
holds the two side by side.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from citeconv.csl import Bibliography
from citeconv.diagnostics import Diagnostic, Result, SourceSpan, diagnostic_from_row
from citeconv.errors import EntryTooComplex
from citeconv.forked_map import forked_map
from citeconv.formats import ReadOptions
from citeconv.normalize import normalize_entry
from citeconv.normalize.crossref import resolve_inheritance
from citeconv.readers.bibmodel import BibEntry
from citeconv.readers.bibtex import (
    Block,
    define_macro,
    failed_block,
    preamble_commands,
    split_blocks,
    to_entry,
    too_complex,
)
from citeconv.readers.bibvalues import MAX_EXPANSION_PER_FILE, ExpansionBudget
from citeconv.readers.blocks import Prescan, ScannedBlock
from citeconv.readers.clean_blocks import CleanBlock, clean_places, read_clean_block
from citeconv.readers.duplicate_keys import resolve_duplicate_keys
from citeconv.readers.forked_entries import (
    MacroHistory,
    MacrosAt,
    SpendingCounter,
    define,
    entry_from_row,
    entry_row,
    hub,
    normalized_in_order,
    rows,
    with_named_parents,
)

# What can tie an entry to others: fields that link entries, or give them more keys.
_LINKED = frozenset({"crossref", "xdata", "xref", "ids"})
_SKIPPED, _NORMALIZED, _ENTRY, _UNCLEAN = 0, 1, 2, 3
_SLICES_PER_WORKER = 16
Place = Block | ScannedBlock  # a block read here, or an entry's place, read by a worker


def read_forked(scan: Prescan, source: str, options: ReadOptions) -> Result[Bibliography] | None:
    """`read_bibtex` of a pre-scanned file, or None when only one process can read it."""
    places = clean_places(scan)
    if places is not None:
        view, found = places
        try:
            return _Reading(scan, view, list(found), source, options).run()
        except _UncleanEntry:
            pass
    return _Reading(scan, scan.text, list(split_blocks(scan)), source, options).run()


class _UncleanEntry(Exception):
    """An entry that only the general splitter reads as BibTeX would: the file takes it."""


class _Reading:
    """One file's walk: blocks in order here, entries in the workers, then the file's steps."""

    def __init__(
        self, scan: Prescan, view: str, places: list[Place], source: str, options: ReadOptions
    ) -> None:
        self.scan, self.view, self.source, self.options = scan, view, source, options
        self.history: MacroHistory = {}
        self.macros: dict[str, str] = dict(options.macros)  # as they are after the last block
        self.version = 0  # definitions made in all
        self.problems: list[list[Diagnostic]] = []  # of each place, in file order
        self.entries: list[tuple[int, CleanBlock | ScannedBlock, int]] = []  # index, place, version
        self.spent = self._walk(places)
        self.commands = preamble_commands([[p for p in places if isinstance(p, CleanBlock)]])
        # Journal abbreviations are looked up here, after the workers: each worker would
        # compute again the titles the other also meets (0.25 s of CPU more for 9,954 entries
        # against 0.12 s here: bench/RESULTS.md).
        self.normalizing = replace(options, abbreviate=None, progress=None)
        self.unclean_seen = False  # in a worker: the rest of its share is not worth reading

    def _walk(self, places: list[Place]) -> int:
        """Define the macros in order, noting the entries with the definitions before them."""
        version = define(self.history, 0, dict(self.options.macros))
        macros = self.macros
        counter = SpendingCounter()
        for index, place in enumerate(places):
            self.problems.append([])
            if isinstance(place, ScannedBlock):
                self.entries.append((index, place, version))
            elif not isinstance(place, CleanBlock):
                self.problems[-1].append(failed_block(*place, self.source))
            elif place.kind == "string":
                name = place.key.lower()
                before = macros.get(name)
                define_macro(place, macros, self.source, self.problems[-1], counter)
                if name in macros and macros[name] != before:
                    version = define(self.history, version, {name: macros[name]})
            elif place.kind != "preamble":
                self.entries.append((index, place, version))
        self.version = version
        return counter.spent

    def block(self, position: int) -> CleanBlock | None:
        place = self.entries[position][1]
        if isinstance(place, CleanBlock):
            return place
        return read_clean_block(self.view, self.scan.text, place)

    def entry(
        self, position: int, block: CleanBlock, found: list[Diagnostic], spending: ExpansionBudget
    ) -> BibEntry:
        at = self.entries[position][2]
        # After the last definition (every entry of a file whose @strings come first), the
        # values are simply the last ones: no look-up by place.
        macros = self.macros if at == self.version else MacrosAt(self.history, at)
        return to_entry(block, macros, self.source, found, self.commands, spending)

    def read_one(self, position: int) -> tuple[Any, ...]:
        """In a worker: the entry at `position`, normalized unless it is tied to others."""
        block = None if self.unclean_seen else self.block(position)
        if block is None:
            self.unclean_seen = True
            return (_UNCLEAN,)
        found: list[Diagnostic] = []
        spending = SpendingCounter()
        try:
            entry = self.entry(position, block, found, spending)
        except EntryTooComplex as problem:
            found.append(too_complex(block, str(problem), self.source, "entry skipped"))
            return _SKIPPED, rows(found), spending.spent
        if block.kind == "xdata" or _LINKED.intersection(entry.fields):
            return _ENTRY, rows(found), spending.spent, entry_row(entry)
        item, normalized = normalize_entry(entry, self.normalizing)
        return _NORMALIZED, rows(found), spending.spent, item, rows(normalized), entry.key

    def run(self) -> Result[Bibliography] | None:
        # Sixteen slices a worker, not four: a concatenation of files costs unevenly from one
        # region to the next, and with four one worker had 15% more to do (issue 16).
        entries = range(len(self.entries))
        results = forked_map(self.read_one, entries, self.options.jobs, 2, _SLICES_PER_WORKER)
        if any(result[0] == _UNCLEAN for result in results):
            raise _UncleanEntry
        if self.spent + sum(result[2] for result in results) > MAX_EXPANSION_PER_FILE:
            return None  # the budget may have run out: which entries it cost, one process says
        for (index, _, _), result in zip(self.entries, results, strict=True):
            self.problems[index].extend(diagnostic_from_row(row) for row in result[1])
        parsing = [*self.scan.diagnostics(self.source), *(d for p in self.problems for d in p)]
        read, stand_ins = self._read_entries(results)
        unique = resolve_duplicate_keys(read)
        parsing.extend(unique.diagnostics)
        parsing.sort(key=lambda d: d.span.line if d.span else 0)
        named = with_named_parents(unique.value, stand_ins, self._reread)
        inherited = resolve_inheritance(named)
        in_order = normalized_in_order(inherited.value, stand_ins, results, self.normalizing)
        normalized = hub(inherited.diagnostics, in_order, self.options)
        return Result(normalized.value, tuple(parsing) + normalized.diagnostics)

    def _reread(self, position: int) -> BibEntry:
        block = self.block(position)
        assert block is not None  # a worker has read it
        return self.entry(position, block, [], SpendingCounter())

    def _read_entries(
        self, results: Sequence[tuple[Any, ...]]
    ) -> tuple[list[BibEntry], dict[int, int]]:
        """The entries read, in file order. A normalized one is a stand-in with its key and
        type but no fields, whose id maps to its position: nothing looks at its fields, as its
        key is its own and it links to nothing; with a repeated key or none it is read again
        here, to be compared, renamed and normalized as in one process."""
        keys = Counter(_key(result).lower() for result in results if result[0] != _SKIPPED)
        read: list[BibEntry] = []
        stand_ins: dict[int, int] = {}
        for position, result in enumerate(results):
            if result[0] == _ENTRY:
                read.append(entry_from_row(result[3]))
            elif result[0] == _NORMALIZED:
                key = result[5]
                if not key.strip() or keys[key.lower()] > 1:
                    read.append(self._reread(position))
                    continue
                place = self.entries[position][1]
                line = place.line if isinstance(place, ScannedBlock) else place.line + 1
                stand_in = BibEntry(key, place.kind, {}, SourceSpan(self.source, line, key))
                stand_ins[id(stand_in)] = position
                read.append(stand_in)
        return read, stand_ins


def _key(result: tuple[Any, ...]) -> str:
    return str(result[5] if result[0] == _NORMALIZED else result[3][0])
