"""One function over a long sequence, in forked worker processes, the results in order.

Normalizing entries, preparing items for a style, computing sort keys and rendering entries are
pure, per-item steps (issue 16: all cores for every format). The workers are forked after the
sequence exists, so they inherit it instead of receiving it pickled; each computes its share of
slices and sends back only the results, marshalled: plain data (dicts, lists, strings, numbers)
crosses a pipe about ten times faster that way than pickled, which ate the whole gain of a
second core. Slices are joined in order, so the output is what one process computes.

Plain `os.fork` and one pipe per worker, not `multiprocessing.Pool`: a pool's workers share
locked queues, and a worker that dies while holding a lock (out of memory, killed) left the
whole run waiting forever (issue 15). Here a worker holds no lock; the parent reads every pipe
to its end and checks how each worker ended. A worker that fails ends the run as the same
failure in one process would; one that was killed has its share computed again here.
"""

from __future__ import annotations

import marshal
import os
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

# pickle, selectors and signal are imported only once a run forks: a small file never does.

T = TypeVar("T")
R = TypeVar("R")
S = TypeVar("S")

SLICES_PER_WORKER = 4  # slices dealt in turn: workers get cheap and dear regions alike
_PLAIN, _PICKLED, _FAILED = b"m", b"p", b"x"


def forked_map(
    function: Callable[[T], R],
    items: Sequence[T],
    jobs: int,
    min_items: int,
    slices_per_worker: int = SLICES_PER_WORKER,
) -> list[R]:
    """`[function(item) for item in items]`; in `jobs` forked processes when there are at
    least `min_items` items (and at least two) and the platform can fork. `function` runs in
    the workers: it must not depend on state the parent changes after the fork."""

    def compute(start: int, stop: int) -> list[R]:
        return [function(item) for item in items[start:stop]]

    parts = forked_slices(compute, len(items), jobs, min_items, slices_per_worker)
    return [result for part in parts for result in part]


def forked_slices(
    compute: Callable[[int, int], S],
    count: int,
    jobs: int,
    min_items: int,
    slices_per_worker: int = SLICES_PER_WORKER,
) -> list[S]:
    """`compute(start, stop)` for consecutive slices covering range(count), in order; the
    slices shared among `jobs` forked processes as `forked_map` says (one slice, computed
    here, when forking does not pay). More slices per worker even out the workers' shares
    where neighbouring items cost alike (a file's entries, from one source after another)."""
    if not will_fork(count, jobs, min_items):
        return [compute(0, count)] if count else []
    workers = min(jobs, count)
    slices = _slices(count, workers, slices_per_worker)
    shares = [slices[worker::workers] for worker in range(workers)]
    results: dict[tuple[int, int], Any] = {}
    for share, outcome in zip(shares, _run_workers(compute, shares), strict=True):
        if outcome is None:  # the worker was killed: its share is done here
            outcome = {piece: compute(*piece) for piece in share}
        results.update(outcome)
    return [results[piece] for piece in slices]


def will_fork(count: int, jobs: int, min_items: int) -> bool:
    """Whether `forked_map` of `count` items forks (else it computes them in this process)."""
    return jobs >= 2 and count >= max(min_items, 2) and hasattr(os, "fork")


def _slices(count: int, workers: int, per_worker: int) -> list[tuple[int, int]]:
    size = -(-count // (workers * per_worker))
    return [(start, min(start + size, count)) for start in range(0, count, size)]


Share = list[tuple[int, int]]


def _run_workers(
    compute: Callable[[int, int], Any], shares: list[Share]
) -> list[dict[tuple[int, int], Any] | None]:
    started: list[tuple[int, int]] = []  # (pid, read end of its pipe)
    try:
        for share in shares:
            started.append(_fork_worker(compute, share))
        received = _read_all([reader for _, reader in started])
    except BaseException:  # Ctrl-C, SIGTERM: the workers end with the run
        for pid, _ in started:
            _end(pid)
        raise
    statuses = [os.waitpid(pid, 0)[1] for pid, _ in started]  # every worker reaped first
    return [_outcome(status, data) for status, data in zip(statuses, received, strict=True)]


def _fork_worker(compute: Callable[[int, int], Any], share: Share) -> tuple[int, int]:
    reader, writer = os.pipe()
    pid = os.fork()
    if pid == 0:  # the worker: compute, write, and leave without the parent's exit handlers
        os.close(reader)
        status = 1
        try:
            from citeconv.worker_signals import leave_signals_to_parent

            leave_signals_to_parent()
            with os.fdopen(writer, "wb") as pipe:
                pipe.write(_work(compute, share))
            status = 0
        finally:
            os._exit(status)
    os.close(writer)
    return pid, reader


def _work(compute: Callable[[int, int], Any], share: Share) -> bytes:
    import pickle

    try:
        results = {piece: compute(*piece) for piece in share}
    except Exception as failure:  # the parent raises it, as one process would have
        return _FAILED + pickle.dumps(failure, pickle.HIGHEST_PROTOCOL)
    try:
        return _PLAIN + marshal.dumps(results)
    except ValueError:  # not plain data (a str subclass, an object): pickled, slower but exact
        return _PICKLED + pickle.dumps(results, pickle.HIGHEST_PROTOCOL)


def _read_all(readers: list[int]) -> list[bytes]:
    """Every pipe to its end, at once: a worker blocks once its pipe is full."""
    import selectors

    chunks: dict[int, list[bytes]] = {reader: [] for reader in readers}
    with selectors.DefaultSelector() as selector:
        for reader in readers:
            selector.register(reader, selectors.EVENT_READ)
        open_pipes = len(readers)
        while open_pipes:
            for key, _ in selector.select():
                data = os.read(key.fd, 1 << 20)
                if data:
                    chunks[key.fd].append(data)
                else:
                    selector.unregister(key.fd)
                    os.close(key.fd)
                    open_pipes -= 1
    return [b"".join(chunks[reader]) for reader in readers]


def _outcome(status: int, data: bytes) -> dict[tuple[int, int], Any] | None:
    import pickle

    if not os.WIFEXITED(status) or os.WEXITSTATUS(status) != 0 or not data:
        return None
    kind, body = data[:1], data[1:]
    if kind == _FAILED:
        raise pickle.loads(body)
    return marshal.loads(body) if kind == _PLAIN else pickle.loads(body)  # type: ignore[no-any-return]


def _end(pid: int) -> None:
    import signal

    try:
        os.kill(pid, signal.SIGTERM)
        os.waitpid(pid, 0)
    except (ProcessLookupError, ChildProcessError):
        pass
