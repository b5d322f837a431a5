"""One function over a long sequence, in forked worker processes, the results in order.

Normalizing BibTeX entries and preparing items for a style are pure, per-item steps that cost
a third of a styled run and most of a CSL-JSON or RIS run (issue 16: all cores for every
format). The workers are forked after the sequence exists, so they inherit it instead of
receiving it pickled; each is handed a contiguous slice (start, stop) and sends back only its
results, marshalled: plain data (dicts, lists, strings, numbers) crosses a pipe about ten times
faster that way than pickled, which ate the whole gain of a second core. Slices are joined in
order, so the output is what one process computes.
"""

from __future__ import annotations

import marshal
import pickle
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")

SLICES_PER_WORKER = 4  # smaller slices even out items of different cost

# In a forked worker: the function and the sequence it maps (set before the fork).
_inherited: list[Any] = []


def forked_map(
    function: Callable[[T], R], items: Sequence[T], jobs: int, min_items: int
) -> list[R]:
    """`[function(item) for item in items]`; in `jobs` forked processes when there are at
    least `min_items` items (and at least two) and the platform can fork. `function` runs in
    the workers: it must not depend on state the parent changes after the fork."""
    if not _worth_forking(len(items), jobs, min_items):
        return [function(item) for item in items]
    import multiprocessing

    from citeconv.worker_signals import leave_signals_to_parent

    _inherited[:] = [function, items]
    try:
        workers = min(jobs, len(items))
        with multiprocessing.get_context("fork").Pool(workers, leave_signals_to_parent) as pool:
            packed = pool.starmap(_map_slice, _slices(len(items), workers), chunksize=1)
    finally:
        _inherited.clear()
    return [result for chunk in packed for result in _unpack(chunk)]


def _worth_forking(count: int, jobs: int, min_items: int) -> bool:
    if jobs < 2 or count < max(min_items, 2):
        return False
    import multiprocessing  # 10 ms of start-up that a small file never needs

    return "fork" in multiprocessing.get_all_start_methods()


def _slices(count: int, workers: int) -> list[tuple[int, int]]:
    size = -(-count // (workers * SLICES_PER_WORKER))
    return [(start, min(start + size, count)) for start in range(0, count, size)]


def _map_slice(start: int, stop: int) -> tuple[bool, bytes]:
    function, items = _inherited
    results = [function(item) for item in items[start:stop]]
    try:
        return True, marshal.dumps(results)
    except ValueError:  # not plain data (a str subclass, an object): pickled, slower but exact
        return False, pickle.dumps(results, pickle.HIGHEST_PROTOCOL)


def _unpack(chunk: tuple[bool, bytes]) -> list[Any]:
    marshalled, data = chunk
    return list(marshal.loads(data) if marshalled else pickle.loads(data))
