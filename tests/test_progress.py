"""The progress bar: on a terminal's stderr only, after a delay, and never on stdout."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import time

import pytest
from click.testing import CliRunner

from citeconv.commands import main, progress
from citeconv.commands.progress import ProgressLine, progress_bar, wanted

ENTRIES = "".join(
    f"@article{{a{n}, author = {{Doe, Jane}}, title = {{Title {n}}}, journal = {{J}}, year={n}}}\n"
    for n in range(1900, 1960)
)


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_no_bar_when_stderr_is_not_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    # With no delay, a bar would be drawn at once if the terminal test were wrong.
    monkeypatch.setattr(progress, "DELAY", 0.0)
    result = CliRunner().invoke(
        main, ["--no-config", "convert", "--to", "ris", "--no-cache"], input=ENTRIES
    )
    assert result.exit_code == 0
    assert result.stderr == ""
    assert result.stdout.count("TY  - JOUR\n") == 60


def test_wanted_only_for_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TERM", "xterm")
    assert wanted(Terminal())
    assert not wanted(io.StringIO())
    monkeypatch.setenv("TERM", "dumb")
    assert not wanted(Terminal())


def test_disabled_bar_yields_no_callback() -> None:
    stream = Terminal()
    with progress_bar(stream, "apa", enabled=False) as callback:
        assert callback is None
    assert stream.getvalue() == ""


def test_short_runs_draw_nothing() -> None:
    stream = Terminal()
    with progress_bar(stream, "apa", enabled=True) as callback:
        assert callback is not None
        callback("writing", 10, 10)
    assert stream.getvalue() == ""  # finished well within DELAY


def test_long_runs_draw_one_line_and_erase_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(progress, "DELAY", 0.0)
    monkeypatch.setattr(progress, "REFRESH", 0.01)
    stream = Terminal()
    with progress_bar(stream, "apa", enabled=True) as callback:
        assert callback is not None
        callback("writing", 5, 10)
        time.sleep(0.1)
    drawn = stream.getvalue()
    assert "\rciteconv: writing apa [############------------] 5/10 entries 0s\x1b[K" in drawn
    assert drawn.endswith("\r\x1b[K")  # the line is cleared before diagnostics are printed
    assert "\n" not in drawn


def test_the_line_for_each_stage() -> None:
    line = ProgressLine(Terminal(), "vancouver")
    line.update("reading", 250, 1000)
    assert line.line() == "citeconv: reading [######------------------] 25% 0s"
    line.update("writing", 900, 3650)
    assert line.line() == (
        "citeconv: writing vancouver [#####-------------------] 900/3650 entries 0s"
    )


def test_a_stage_with_no_step_reported_shows_a_moving_block_not_an_empty_bar() -> None:
    # Stages that report only their start and end would sit at `[------] 0/3650` and look stuck.
    line = ProgressLine(Terminal(), "apa")
    line.update("writing", 0, 3650)
    drawn = []
    for _ in range(7):
        drawn.append(line.line())
        line.ticks += 4  # as if four redraws had happened
    assert drawn == [
        "citeconv: writing apa [####--------------------] 3650 entries 0s",
        "citeconv: writing apa [----####----------------] 3650 entries 0s",
        "citeconv: writing apa [--------####------------] 3650 entries 0s",
        "citeconv: writing apa [------------####--------] 3650 entries 0s",
        "citeconv: writing apa [----------------####----] 3650 entries 0s",
        "citeconv: writing apa [--------------------####] 3650 entries 0s",
        "citeconv: writing apa [----------------####----] 3650 entries 0s",  # and back
    ]
    line.update("reading", 0, 1000)
    assert line.line() == "citeconv: reading [------------####--------] 0s"


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_on_a_real_terminal_the_bar_goes_to_stderr_and_stdout_stays_clean() -> None:
    import pty

    runner = (
        "import citeconv.commands.progress as p\n"
        "p.DELAY, p.REFRESH = 0.0, 0.02\n"
        "from citeconv.commands import main\n"
        "main(['--no-config', 'convert', '--to', 'apa', '--no-cache', '--no-abbreviate'])\n"
    )
    controller, terminal = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-c", runner],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=terminal,
    )
    os.close(terminal)
    stdout, _ = process.communicate(ENTRIES.encode(), timeout=60)
    stderr = _drain(controller)
    assert process.returncode == 0
    assert stdout.decode().splitlines()[:2] == [
        "Doe, J. (1900). Title 1900. J.",
        "Doe, J. (1901). Title 1901. J.",
    ]
    assert len(stdout.splitlines()) == 60
    assert b"citeconv:" not in stdout and b"\r" not in stdout
    assert "citeconv: writing apa [" in stderr
    assert stderr.endswith("\r\x1b[K")


def _drain(controller: int) -> str:
    chunks = []
    while True:
        try:
            chunk = os.read(controller, 65536)
        except OSError:  # the terminal closed with the process
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(controller)
    return b"".join(chunks).decode()
