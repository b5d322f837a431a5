"""What a forked worker process does with signals: Ctrl-C and SIGTERM are the parent's.

The parent handles them (commands/interrupts.py: remove the temporary output file, exit 130 or
143 with one line). A forked worker inherits that handler; run there, it would remove the
parent's temporary file and print a traceback of its own (issue 15). Workers ignore Ctrl-C and
die quietly on SIGTERM, which is how the parent ends them (forked_map.py)."""

from __future__ import annotations

import signal


def leave_signals_to_parent() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
