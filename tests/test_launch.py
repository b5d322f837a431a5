"""The console script: `--version` before click is loaded, and the text click prints itself
(help, version) checked like any other output: a full disk is exit 4 with one line."""

from __future__ import annotations

import errno
import importlib
import subprocess
import sys
from pathlib import Path

import pytest

from citeconv import __version__

CITECONV = [sys.executable, "-m", "citeconv"]
FULL_DISK = Path("/dev/full")


def test_version_answers_without_loading_the_command_line() -> None:
    probe = (
        "import sys; sys.argv = ['citeconv', '--version']\n"
        "from citeconv.launch import main; main()\n"
        "print(sorted(m for m in ('click', 'citeconv.commands') if m in sys.modules))\n"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert (result.returncode, result.stdout, result.stderr) == (
        0,
        f"citeconv {__version__}\n[]\n",
        "",
    )


@pytest.mark.parametrize("flag", ["--version", "-V"])
def test_version_flags_alone(flag: str) -> None:
    result = subprocess.run([*CITECONV, flag], capture_output=True, text=True)
    assert (result.returncode, result.stdout, result.stderr) == (0, f"citeconv {__version__}\n", "")


def test_version_among_other_options_goes_through_click() -> None:
    result = subprocess.run([*CITECONV, "--no-config", "--version"], capture_output=True, text=True)
    assert (result.returncode, result.stdout, result.stderr) == (0, f"citeconv {__version__}\n", "")


@pytest.mark.skipif(not FULL_DISK.exists(), reason="needs /dev/full (Linux)")
@pytest.mark.parametrize(
    "args", [["--version"], ["-V"], ["--help"], ["convert", "--help"], ["--no-config", "-V"]]
)
def test_click_text_on_a_full_disk_is_a_fatal_error(args: list[str]) -> None:
    with FULL_DISK.open("w") as full:
        result = subprocess.run([*CITECONV, *args], stdout=full, stderr=subprocess.PIPE, text=True)
    assert (result.returncode, result.stderr) == (
        4,
        "citeconv: error: standard output: No space left on device\n",
    )


@pytest.mark.parametrize("args", [["--version"], ["--help"], ["convert", "--help"], ["-V", "-V"]])
def test_text_for_a_closed_stdout_is_a_fatal_error(args: list[str]) -> None:
    result = subprocess.run(
        ["sh", "-c", 'exec "$0" -m citeconv "$@" >&-', sys.executable, *args],
        capture_output=True,
        text=True,
    )
    assert (result.returncode, result.stderr) == (4, "citeconv: error: standard output is closed\n")


def test_a_system_limit_is_named_as_it_is_not_blamed_on_stdout(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """`ulimit -n 5`: the workers' pipes cannot open; that is no fault of standard output."""
    from click.testing import CliRunner

    from citeconv.commands import main

    convert = importlib.import_module("citeconv.commands.convert")  # the module, not the command

    def no_pipes(*args: object, **kwargs: object) -> None:
        raise OSError(errno.EMFILE, "Too many open files")

    monkeypatch.setattr(convert, "_run", no_pipes)
    bib = tmp_path / "refs.bib"
    bib.write_text("@misc{k, title={T}}\n", encoding="utf-8")
    result = CliRunner().invoke(
        main, ["convert", str(bib), "--to", "apa", "-o", str(tmp_path / "o")]
    )
    assert (result.exit_code, result.stderr) == (4, "citeconv: error: Too many open files\n")


def test_help_into_a_closed_pipe_is_quiet() -> None:
    for args in (["--help"], ["convert", "--help"]):
        result = subprocess.run(
            ["sh", "-c", '"$0" -m citeconv "$@" | true', sys.executable, *args],
            capture_output=True,
            text=True,
        )
        assert result.stderr == ""
