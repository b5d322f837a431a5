"""A progress bar on stderr for long runs: only on a terminal, only after a second, never on stdout.

The stages report through `formats.Progress` callbacks. Those can be coarse (a stage's start and
end), so a background thread redraws the line: the elapsed time keeps moving through a long
render. Nothing is drawn when stderr is a pipe or a file (CI logs, `2> log`), for `TERM=dumb`,
or for runs that finish within `DELAY` seconds, which is every small bibliography.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TextIO

from citeconv.formats import Progress

DELAY = 1.0  # seconds before the bar appears; shorter runs never show it
REFRESH = 0.2  # seconds between redraws
WIDTH = 24  # characters of the bar itself
BLOCK = 4  # characters of the block that moves while a stage has reported no step yet


def wanted(stream: TextIO) -> bool:
    """A bar only for a person watching a terminal."""
    if os.environ.get("TERM") == "dumb":
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


class ProgressLine:
    """Keeps the latest (stage, done, total) and draws it on one line of `stream`."""

    def __init__(self, stream: TextIO, label: str) -> None:
        self.stream = stream
        self.label = label
        self.state = ("starting", 0, 0)
        self.started = time.monotonic()
        self.drawn = False
        self.ticks = 0  # redraws so far: moves the block of a stage with no steps reported

    def update(self, stage: str, done: int, total: int) -> None:
        self.state = (stage, done, total)  # one assignment: the drawing thread sees old or new

    def line(self) -> str:
        """`citeconv: writing apa [######------------------] 900/3650 entries 12s`.

        Before a stage reports its first step it shows a moving block and no count: a stage
        that only reports its start and end would otherwise sit at `[-----] 0/3650` for its
        whole run and look stuck."""
        stage, done, total = self.state
        started = bool(done and total)
        bar = self._filled(done, total) if started else self._moving()
        if stage == "writing":
            stage = f"writing {self.label}"
            counts = f"{done}/{total} entries" if started else f"{total} entries"
        else:
            counts = f"{100 * done // total}%" if started else ""
        elapsed = int(time.monotonic() - self.started)
        return " ".join(
            part for part in (f"citeconv: {stage} [{bar}]", counts, f"{elapsed}s") if part
        )

    @staticmethod
    def _filled(done: int, total: int) -> str:
        filled = WIDTH * min(done, total) // total
        return "#" * filled + "-" * (WIDTH - filled)

    def _moving(self) -> str:
        span = WIDTH - BLOCK
        position = self.ticks % (2 * span)
        start = position if position <= span else 2 * span - position  # back and forth
        return "-" * start + "#" * BLOCK + "-" * (span - start)

    def draw(self) -> None:
        self.stream.write(f"\r{self.line()}\x1b[K")
        self.stream.flush()
        self.drawn = True
        self.ticks += 1

    def erase(self) -> None:
        if self.drawn:
            self.stream.write("\r\x1b[K")
            self.stream.flush()


@contextmanager
def progress_bar(stream: TextIO, label: str, enabled: bool) -> Iterator[Progress | None]:
    """Yields the callback to hand to the stages, or None when no bar is wanted."""
    if not enabled:
        yield None
        return
    line = ProgressLine(stream, label)
    stop = threading.Event()

    def redraw() -> None:
        if stop.wait(DELAY):
            return
        while not stop.is_set():
            line.draw()
            stop.wait(REFRESH)

    thread = threading.Thread(target=redraw, name="citeconv-progress", daemon=True)
    thread.start()
    try:
        yield line.update
    finally:
        stop.set()
        thread.join()
        line.erase()
