"""Normalization: BibTeX entries -> CSL-JSON items (the hub), with diagnostics."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from functools import partial

from citeconv.csl import Bibliography, CslItem
from citeconv.diagnostics import (
    Code,
    Diagnostic,
    DiagnosticRow,
    Result,
    Severity,
    diagnostic_from_row,
    diagnostic_row,
)
from citeconv.errors import EntryTooComplex
from citeconv.forked_map import forked_map, will_fork
from citeconv.formats import ReadOptions
from citeconv.normalize.crossref import resolve_inheritance
from citeconv.normalize.entry import add_abbreviation, entry_to_item
from citeconv.readers.bibmodel import BibEntry


def to_csl(entries: Sequence[BibEntry], options: ReadOptions) -> Result[Bibliography]:
    inherited = resolve_inheritance(entries)
    items = []
    diagnostics: list[Diagnostic] = list(inherited.diagnostics)
    spans = {}
    for entry, (item, problems) in zip(
        inherited.value, normalize_entries(inherited.value, options), strict=True
    ):
        diagnostics.extend(problems)
        if item is not None:
            items.append(item)
            spans[entry.key] = entry.span
    return Result(Bibliography(tuple(items), spans), tuple(once_per_file(diagnostics)))


def normalize_entries(
    entries: Sequence[BibEntry], options: ReadOptions
) -> list[tuple[CslItem | None, list[Diagnostic]]]:
    """`normalize_entry` of each entry, by worker processes for many entries (a large file, a
    streamed file's chunk: `options.jobs`, `options.parallel_min_entries`). The journal
    abbreviations are looked up here, after: they read compiled tables through a database
    connection that a forked process must not share (journal_tables.py)."""
    if not will_fork(len(entries), options.jobs, options.parallel_min_entries):
        return [normalize_entry(entry, options) for entry in entries]
    unabbreviated = replace(options, abbreviate=None, progress=None)
    rows = forked_map(
        partial(_normalized_as_rows, options=unabbreviated),
        entries,
        options.jobs,
        options.parallel_min_entries,
    )
    results = []
    for item, problems in rows:
        if item is not None:
            add_abbreviation(item, options)
        results.append((item, [diagnostic_from_row(row) for row in problems]))
    return results


def _normalized_as_rows(
    entry: BibEntry, options: ReadOptions
) -> tuple[CslItem | None, list[DiagnosticRow]]:
    item, problems = normalize_entry(entry, options)
    return item, [diagnostic_row(problem) for problem in problems]


def normalize_entry(
    entry: BibEntry, options: ReadOptions
) -> tuple[CslItem | None, list[Diagnostic]]:
    """One entry -> its item (None: not a work, or lost) and what happened; the one step the
    whole-file and the streamed readers (streaming/bibtex.py) share."""
    if entry.entry_type == "set":
        return None, [_set_expanded(entry)]
    try:
        return entry_to_item(entry, options)
    except (EntryTooComplex, RecursionError) as problem:  # this entry is lost, not the file
        return None, [_too_complex(entry, problem)]


def _too_complex(entry: BibEntry, problem: Exception) -> Diagnostic:
    reason = str(problem) if isinstance(problem, EntryTooComplex) else "nested too deeply to read"
    return Diagnostic(Severity.ERROR, Code.SYNTAX_ERROR, f"{reason}; entry skipped", entry.span)


def _set_expanded(entry: BibEntry) -> Diagnostic:
    """BibLaTeX's `@set` groups entries of the same file for citing; it is not a work. Its
    members are converted as the entries they are (`entryset = {a,b}`)."""
    members = ", ".join(m.strip() for m in entry.fields.get("entryset", "").split(",") if m.strip())
    return Diagnostic(
        Severity.INFO,
        Code.UNKNOWN_ENTRY_TYPE,
        f"'@set' is not a work: its members ({members or 'none'}) are converted as themselves",
        entry.span,
    )


def once_per_file(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    """An unknown command is reported where it first occurs, not in every entry that uses it."""
    seen: set[str] = set()
    kept: list[Diagnostic] = []
    for diagnostic in diagnostics:
        if diagnostic.code is Code.UNKNOWN_COMMAND:
            if diagnostic.message in seen:
                continue
            seen.add(diagnostic.message)
        kept.append(diagnostic)
    return kept
