"""The pre-scan and block split of each chunk, in worker processes when there are cores to spare.

A chunk's blocks depend on its text alone (`readers.bibtex.scan_blocks` is a pure function of
the text, its first line and whether more follows), so forked workers scan a batch of chunks
(two per worker) at once, and this process then reads their blocks in order: what each chunk
yields is exactly what one process computes. Only one batch is held at a time, so memory stays
bounded. The workers are those of `forked_map` (plain forks, one pipe each): a worker that
dies cannot leave the run waiting, as a pool's shared queue could.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from functools import partial
from typing import TypeVar

from citeconv.diagnostics import Diagnostic
from citeconv.forked_map import forked_map
from citeconv.readers.bibtex import Block, scan_blocks
from citeconv.streaming.chunks import Chunk

# The pre-scan's diagnostics and the blocks: not the scanned text, which a worker would
# otherwise send back whole.
Scanned = tuple[list[Diagnostic], list[Block]]
CHUNKS_PER_WORKER = 2  # per batch: a worker scans these while its sibling scans its own
T = TypeVar("T")


def as_scanned(scanned: Scanned) -> Scanned:
    """The `keep` that keeps everything."""
    return scanned


def scanned_chunks(
    chunks: Iterable[Chunk], source: str, jobs: int, keep: Callable[[Scanned], T]
) -> Iterator[T]:
    """`keep(scan_blocks(...))` of each chunk, in order. `keep` (a module-level function) runs
    in the worker, so that only what the caller needs is sent back."""
    scan = partial(_scan, source=source, keep=keep)
    if jobs < 2:
        yield from map(scan, chunks)
        return
    batch: list[Chunk] = []
    for chunk in chunks:
        batch.append(chunk)
        if len(batch) == jobs * CHUNKS_PER_WORKER:
            yield from forked_map(scan, batch, jobs, 2)
            batch = []
    yield from forked_map(scan, batch, jobs, 2)


def _scan(chunk: Chunk, source: str, keep: Callable[[Scanned], T]) -> T:
    scan, blocks = scan_blocks(chunk.text, chunk.first_line, not chunk.last)
    return keep((scan.diagnostics(source), blocks))
