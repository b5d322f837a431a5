"""Ctrl-C and SIGTERM end a run cleanly: the temporary output file is removed, one line is
printed, and the exit status is the shell's convention (130 for SIGINT, 143 for SIGTERM)."""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from types import FrameType

from citeconv.commands.files import TEMPORARY_FILES

INTERRUPTED = 130  # 128 + SIGINT
TERMINATED = 143  # 128 + SIGTERM


class Terminated(BaseException):
    """SIGTERM, raised where the run is, as KeyboardInterrupt is for SIGINT."""


_RUN_PID: list[int] = []  # the process that installed the handlers


def _raise_terminated(signum: int, frame: FrameType | None) -> None:
    _quiet_in_a_worker(TERMINATED)
    raise Terminated


def _raise_interrupted(signum: int, frame: FrameType | None) -> None:
    _quiet_in_a_worker(INTERRUPTED)
    raise KeyboardInterrupt


def _quiet_in_a_worker(status: int) -> None:
    """A worker forked for rendering has these handlers until it takes its own: a signal in
    that moment (the pool ended while workers start, Ctrl-C to the process group) printed a
    worker's traceback (issue 15: `--jobs` with many workers). It ends there, silently."""
    if _RUN_PID and os.getpid() != _RUN_PID[-1]:
        os._exit(status)


@contextlib.contextmanager
def interrupts_handled() -> Iterator[None]:
    main_thread = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGTERM, _raise_terminated) if main_thread else None
    previous_int = signal.signal(signal.SIGINT, _raise_interrupted) if main_thread else None
    _RUN_PID.append(os.getpid())
    try:
        yield
    except KeyboardInterrupt:
        _stop("interrupted", INTERRUPTED)
    except Terminated:
        _stop("terminated", TERMINATED)
    finally:
        _RUN_PID.pop()
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)
        if previous_int is not None:
            signal.signal(signal.SIGINT, previous_int)


def _stop(what: str, status: int) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # a second Ctrl-C cannot cut the clean-up
    for temporary in list(TEMPORARY_FILES):
        with contextlib.suppress(OSError):
            Path(temporary).unlink(missing_ok=True)
    with contextlib.suppress(OSError, ValueError, AttributeError):
        print(f"citeconv: {what}; nothing written", file=sys.stderr, flush=True)
    raise SystemExit(status)
