"""Help that teaches, `citeconv` with no arguments, and `python -m citeconv`."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
from click.testing import CliRunner

from citeconv import __version__
from citeconv.commands import main
from citeconv.commands.options import SUMMARY_LIMIT

COMMANDS = sorted(main.commands)


def test_no_arguments_prints_a_short_usage_and_exits_2() -> None:
    result = CliRunner().invoke(main, [], prog_name="citeconv")
    assert (result.exit_code, result.stdout) == (2, "")
    lines = result.stderr.splitlines()
    assert lines[0] == "Usage: citeconv [OPTIONS] [COMMAND] [ARGS]..."
    assert lines[-1] == "Run 'citeconv COMMAND --help' for a command's options and examples."
    for name in COMMANDS:
        assert any(line.startswith(f"  {name} ") for line in lines), name
    assert "Traceback" not in result.stderr
    assert len(lines) < 20  # short: no options, no epilog


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_has_a_one_line_summary_and_two_examples(name: str) -> None:
    result = CliRunner().invoke(main, [name, "--help"], terminal_width=100)
    assert (result.exit_code, result.stderr) == (0, "")
    summary = main.commands[name].get_short_help_str(limit=SUMMARY_LIMIT)
    assert summary and not summary.endswith("..."), f"{name}: summary is cut: {summary!r}"
    assert summary.endswith("."), summary
    examples = result.stdout.split("Examples:\n", 1)
    assert len(examples) == 2, f"{name} --help has no Examples section"
    commands = re.findall(r"^ +(?:cat .*\| )?citeconv .*$", examples[1], flags=re.MULTILINE)
    assert len(commands) >= 2, f"{name} --help shows {len(commands)} example(s)"


def test_convert_groups_its_options() -> None:
    out = CliRunner().invoke(main, ["convert", "--help"]).stdout
    headings = re.findall(r"^(\w[\w ]*):$", out, flags=re.MULTILINE)
    assert headings[0] == "Input and output"
    assert {"Style", "Diagnostics"} <= set(headings)
    assert headings[-1] == "Other options"  # -h, and any option no section names
    assert "--locale LANG" in out.split("Style:")[1].split("Diagnostics:")[0]


def test_python_dash_m_works_like_the_command() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "citeconv", "--version"], capture_output=True, text=True
    )
    assert (result.returncode, result.stdout, result.stderr) == (0, f"citeconv {__version__}\n", "")
    result = subprocess.run([sys.executable, "-m", "citeconv"], capture_output=True, text=True)
    assert result.returncode == 2
    assert result.stderr.startswith("Usage: ")
    assert "convert" in result.stderr
