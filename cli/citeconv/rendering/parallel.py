"""Rendering a sorted bibliography fast: skip cached entries, render the rest in N processes.

Sorting is global (and so is year-suffix disambiguation, computed before the items get here),
so the comparisons run once in this process; but each item's sort keys depend only on the item,
so forked workers compute them for chunks of items first (a fifth of an APA run). Rendering one
entry depends only on its item and position, so the remaining entries are split into
contiguous chunks and rendered by forked workers, which inherit the parsed style and the
bibliography instead of receiving them pickled. Chunks are joined in order (warnings too): the
output is byte-identical to sorting and rendering in one process.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from citeconv.diagnostics import Diagnostic
from citeconv.forked_map import forked_slices, will_fork
from citeconv.rendering import citeproc, sort_keys
from citeconv.rendering.cache import RenderMemo, entry_key, twin_key
from citeconv.rendering.engine_output import (
    RegisteredBibliography,
    RenderedEntry,
    RenderedHtml,
    SortedBibliography,
    assemble_entries,
)
from citeconv.rendering.sort_keys import SortKeyColumn


@dataclass(frozen=True)
class Parallelism:
    jobs: int = 1  # worker processes at most
    min_entries: int = 0  # render in one process below this many entries to render


def render_bibliography(
    items: Sequence[dict[str, Any]],
    path: str,
    locale: str | None,
    parallelism: Parallelism,
    memo: RenderMemo | None,
) -> tuple[list[RenderedEntry], list[Diagnostic]]:
    """`citeproc.render_bibliography`, with cached entries reused, entries alike but for
    their id rendered once (one work under many keys, in a style that neither numbers nor
    letters them apart), the rest in parallel."""
    if memo is None and len(items) < 2:
        return citeproc.render_bibliography(items, path, locale)
    registered = citeproc.register_bibliography(items, path, locale)
    ordered = citeproc.sort_registered(registered, sort_key_columns(registered, parallelism))
    ranks = range(len(ordered.order))
    keys = [_key(memo, items[ordered.order[rank]], rank) for rank in ranks]
    found = [memo.get(key) if memo is not None and key else None for key in keys]
    missing = [rank for rank in ranks if found[rank] is None]
    numbered = citeproc.style_facts(path, locale).positional
    twins = [
        twin_key(items[ordered.order[rank]], rank + 1 if numbered else None) for rank in missing
    ]
    first_twin: dict[str, int] = {}
    for rank, twin in zip(missing, twins, strict=True):
        first_twin.setdefault(twin, rank)
    unique = sorted(first_twin.values())
    for rank, entry in zip(unique, render_ranks(ordered, unique, parallelism), strict=True):
        found[rank] = entry
    for rank, twin in zip(missing, twins, strict=True):
        found[rank] = found[first_twin[twin]]
        if memo is not None:
            memo.put(keys[rank], found[rank])  # type: ignore[arg-type]
    rendered = [entry for entry in found if entry is not None]
    return assemble_entries(items, ordered, rendered)


def style_order(
    items: list[dict[str, Any]], path: str, locale: str | None, parallelism: Parallelism
) -> tuple[int, ...]:
    """The positions of `items` in the order of the style's bibliography (year suffixes follow
    it), their sort keys computed by workers for many items."""
    registered = citeproc.register_bibliography(items, path, locale)
    return citeproc.sort_registered(registered, sort_key_columns(registered, parallelism)).order


def _key(memo: RenderMemo | None, item: dict[str, Any], rank: int) -> str:
    return entry_key(memo.context, item, rank + 1) if memo is not None else ""


def _worth_forking(count: int, parallelism: Parallelism) -> bool:
    return will_fork(count, parallelism.jobs, parallelism.min_entries)


def sort_key_columns(
    registered: RegisteredBibliography, parallelism: Parallelism
) -> list[SortKeyColumn] | None:
    """The sort keys the comparisons will need, computed by workers one <key> at a time; None:
    let citeproc-py do it. A later key is computed only for items that tie with another on
    every key before it (APA's title key for a third of the items, not all); a tie missed here
    (keys that compare equal in another form) is computed when the sort reaches it."""
    count = len(registered.engine.items)
    if not registered.sort_keys or not _worth_forking(count, parallelism):
        return None
    columns: list[SortKeyColumn] = []
    tied = [list(range(count))]  # groups of items alike on every key so far
    for key_index in range(len(registered.sort_keys)):
        wanted = sorted(item for group in tied for item in group)
        values, messages = _key_values(registered, key_index, wanted, parallelism)
        column: list[Any] = [sort_keys.UNKNOWN] * count
        for item, value in zip(wanted, values, strict=True):
            column[item] = value
        columns.append((column, messages))
        tied = [alike for group in tied for alike in _ties(group, column)]
    return columns


def _key_values(
    registered: RegisteredBibliography,
    key_index: int,
    wanted: list[int],
    parallelism: Parallelism,
) -> SortKeyColumn:
    def compute(start: int, stop: int) -> SortKeyColumn:
        return citeproc.sort_key_values(registered, key_index, wanted[start:stop])

    chunks = forked_slices(compute, len(wanted), parallelism.jobs, parallelism.min_entries)
    values = [value for chunk in chunks for value in chunk[0]]
    return values, tuple(message for chunk in chunks for message in chunk[1])


def _ties(group: list[int], column: list[Any]) -> list[list[int]]:
    """The items of `group` whose keys in `column` may compare equal, in groups of two or more."""
    alike: dict[Any, list[int]] = defaultdict(list)
    for item in group:
        alike[sort_keys.tie_form(column[item])].append(item)
    return [members for members in alike.values() if len(members) > 1]


def render_ranks(
    ordered: SortedBibliography, ranks: Sequence[int], parallelism: Parallelism
) -> list[RenderedHtml]:
    """The entries at `ranks`, in that order; in worker processes when that pays."""
    if not _worth_forking(len(ranks), parallelism):
        return citeproc.render_sorted(ordered, ranks)

    def render_slice(start: int, stop: int) -> list[RenderedHtml]:
        return citeproc.render_sorted(ordered, ranks[start:stop])

    chunks = forked_slices(render_slice, len(ranks), parallelism.jobs, 2)
    return [entry for chunk in chunks for entry in chunk]
