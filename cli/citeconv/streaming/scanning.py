"""The pre-scan and block split of each chunk, in worker processes when there are cores to spare.

A chunk's blocks depend on its text alone (`readers.bibtex.scan_blocks` is a pure function of
the text, its first line and whether more follows), so forked workers scan chunks ahead while
this process reads the blocks of earlier ones in order: what each chunk yields is exactly
what one process computes. At most two chunks per worker are in flight, so memory stays
bounded.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import Any, TypeVar

from citeconv.diagnostics import Diagnostic
from citeconv.readers.bibtex import Block, scan_blocks
from citeconv.streaming.chunks import Chunk

# The pre-scan's diagnostics and the blocks: not the scanned text, which a worker would
# otherwise send back whole.
Scanned = tuple[list[Diagnostic], list[Block]]
IN_FLIGHT_PER_WORKER = 2
T = TypeVar("T")


def as_scanned(scanned: Scanned) -> Scanned:
    """The `keep` that keeps everything."""
    return scanned


def scanned_chunks(
    chunks: Iterable[Chunk], source: str, jobs: int, keep: Callable[[Scanned], T]
) -> Iterator[T]:
    """`keep(scan_blocks(...))` of each chunk, in order. `keep` (a module-level function) runs
    in the worker, so that only what the caller needs is sent back."""
    pool = _pool(jobs)
    if pool is None:
        for chunk in chunks:
            yield _scan(chunk, source, keep)
        return
    with pool:
        pending: deque[Any] = deque()
        for chunk in chunks:
            pending.append(pool.apply_async(_scan, (chunk, source, keep)))
            if len(pending) >= jobs * IN_FLIGHT_PER_WORKER:
                yield pending.popleft().get()
        while pending:
            yield pending.popleft().get()


def _scan(chunk: Chunk, source: str, keep: Callable[[Scanned], T]) -> T:
    scan, blocks = scan_blocks(chunk.text, chunk.first_line, not chunk.last)
    return keep((scan.diagnostics(source), blocks))


def _pool(jobs: int) -> Any:
    if jobs < 2:
        return None
    import multiprocessing

    if "fork" not in multiprocessing.get_all_start_methods():
        return None
    from citeconv.worker_signals import leave_signals_to_parent

    return multiprocessing.get_context("fork").Pool(jobs, leave_signals_to_parent)
