"""Rendering a sorted bibliography fast: skip cached entries, render the rest in N processes.

Sorting is global (and so is year-suffix disambiguation, computed before the items get here),
so it runs once in this process. Rendering one entry depends only on its item and position,
so the remaining entries are split into contiguous chunks and rendered by forked workers,
which inherit the parsed style and the sorted bibliography instead of receiving them pickled.
The chunks are joined in order: the output is byte-identical to rendering in one process.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from citeconv.diagnostics import Diagnostic
from citeconv.render import citeproc
from citeconv.render.cache import RenderMemo, entry_key

CHUNKS_PER_WORKER = 4  # smaller chunks even out entries of different cost


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
) -> tuple[list[citeproc.RenderedEntry], list[Diagnostic]]:
    """`citeproc.render_bibliography`, with cached entries reused and the rest in parallel."""
    if memo is None and not _worth_forking(len(items), parallelism):
        return citeproc.render_bibliography(items, path, locale)
    ordered = citeproc.sort_bibliography(items, path, locale)
    ranks = range(len(ordered.order))
    keys = [_key(memo, items[ordered.order[rank]], rank) for rank in ranks]
    found = [memo.get(key) if memo is not None and key else None for key in keys]
    missing = [rank for rank in ranks if found[rank] is None]
    for rank, entry in zip(missing, render_ranks(ordered, missing, parallelism), strict=True):
        found[rank] = entry
        if memo is not None:
            memo.put(keys[rank], entry)
    rendered = [entry for entry in found if entry is not None]
    return citeproc.assemble_entries(items, ordered, rendered)


def _key(memo: RenderMemo | None, item: dict[str, Any], rank: int) -> str:
    return entry_key(memo.context, item, rank + 1) if memo is not None else ""


def _worth_forking(count: int, parallelism: Parallelism) -> bool:
    return (
        parallelism.jobs > 1
        and count >= max(parallelism.min_entries, 2)
        and "fork" in multiprocessing.get_all_start_methods()
    )


def render_ranks(
    ordered: citeproc.SortedBibliography, ranks: Sequence[int], parallelism: Parallelism
) -> list[citeproc.RenderedHtml]:
    """The entries at `ranks`, in that order; in worker processes when that pays."""
    if not _worth_forking(len(ranks), parallelism):
        return citeproc.render_sorted(ordered, ranks)
    workers = min(parallelism.jobs, len(ranks))
    size = -(-len(ranks) // (workers * CHUNKS_PER_WORKER))
    chunks = [list(ranks[start : start + size]) for start in range(0, len(ranks), size)]
    context = multiprocessing.get_context("fork")
    with context.Pool(workers, initializer=_adopt, initargs=(ordered,)) as pool:
        results = pool.map(_render_chunk, chunks, chunksize=1)
    return [entry for chunk in results for entry in chunk]


# A forked worker's copy of the sorted bibliography, set once by the pool's initializer.
_adopted: list[citeproc.SortedBibliography] = []


def _adopt(ordered: citeproc.SortedBibliography) -> None:
    _adopted[:] = [ordered]


def _render_chunk(ranks: list[int]) -> list[citeproc.RenderedHtml]:
    return citeproc.render_sorted(_adopted[0], ranks)
