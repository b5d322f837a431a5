"""Output that cannot be written, special files and interruptions (issue 15): never a cut or
silent output, never a regular file renamed over a device or FIFO, no temporary file left."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner

from citeconv.commands import main

from conftest import SEEDS

SAMPLE = str(SEEDS / "koutras2020.bib")
CITECONV = [sys.executable, "-m", "citeconv"]


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full on this system")
@pytest.mark.parametrize(
    "command",
    [["convert", SAMPLE, "--to", "apa"], ["cite", "3078780", "--from", SAMPLE, "--to", "apa"]],
)
def test_a_full_disk_on_stdout_is_exit_4_with_a_message(command: list[str]) -> None:
    with open("/dev/full", "w") as full:
        done = subprocess.run([*CITECONV, *command], stdout=full, stderr=subprocess.PIPE)
    assert done.returncode == 4
    assert (
        done.stderr == b"citeconv: error: standard output: cannot write: No space left on device\n"
    )


def test_closed_stdin_is_unreadable_input() -> None:
    done = subprocess.run(
        [*CITECONV, "convert", "--to", "apa"],
        stdin=None,
        capture_output=True,
        preexec_fn=lambda: os.close(0),
    )
    assert (done.returncode, done.stdout) == (4, b"")
    assert done.stderr == b"citeconv: error: <stdin>: standard input is closed\n"


def test_output_to_a_fifo_is_written_through(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    result = CliRunner().invoke(main, ["convert", SAMPLE, "--to", "ris", "-o", str(fifo)])
    reader.join(timeout=30)
    assert (result.exit_code, result.stderr) == (0, "")
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    assert received[0].startswith(b"TY  - JOUR\n") and received[0].endswith(b"ER  - \n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pipe"]


@pytest.mark.skipif(not Path("/dev/stdout").exists(), reason="no /dev/stdout on this system")
@pytest.mark.parametrize("output", ["/dev/stdout", "/dev/fd/1", "/proc/self/fd/1"])
def test_output_to_standard_output_as_a_path_is_written_into_the_pipe(output: str) -> None:
    """The path names a pipe through a link whose target (`pipe:[...]`) exists nowhere."""
    done = subprocess.run(
        [*CITECONV, "convert", SAMPLE, "--to", "ris", "-o", output], capture_output=True
    )
    assert (done.returncode, done.stderr) == (0, b"")
    assert done.stdout.startswith(b"TY  - JOUR\n") and done.stdout.endswith(b"ER  - \n")


def test_a_folder_that_holds_no_files_is_named_as_such() -> None:
    if not Path("/proc").is_dir():
        pytest.skip("no /proc on this system")
    result = CliRunner().invoke(main, ["convert", SAMPLE, "--to", "apa", "-o", "/proc/out.txt"])
    assert (result.exit_code, result.stdout) == (4, "")
    assert result.stderr == "citeconv: error: /proc/out.txt: cannot create a file in '/proc'\n"


@pytest.mark.parametrize(
    ("interruption", "status", "line"),
    [(KeyboardInterrupt, 130, "interrupted"), (None, 143, "terminated")],
)
def test_an_interruption_while_writing_removes_the_temporary_file(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    interruption: type[BaseException] | None,
    status: int,
    line: str,
) -> None:
    def interrupted(source: str, target: object) -> None:
        if interruption is not None:
            raise interruption
        os.kill(os.getpid(), signal.SIGTERM)

    monkeypatch.setattr("citeconv.commands.files.os.replace", interrupted)
    out = tmp_path / "refs.txt"
    result = CliRunner().invoke(main, ["convert", SAMPLE, "--to", "apa", "-o", str(out)])
    assert (result.exit_code, result.stdout) == (status, "")
    assert result.stderr == f"citeconv: {line}; nothing written\n"
    assert list(tmp_path.iterdir()) == []
