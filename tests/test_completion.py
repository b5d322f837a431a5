"""Shell completion: the scripts for bash, zsh and fish, and what --to and --locale complete to."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.shell_completion import ShellComplete
from click.testing import CliRunner

from citeconv.commands import main

CONSOLE_SCRIPT = Path(sys.executable).with_name("citeconv")


def completions(args: list[str], incomplete: str) -> list[str]:
    complete = ShellComplete(main, {}, "citeconv", "_CITECONV_COMPLETE")
    return [str(item.value) for item in complete.get_completions(args, incomplete)]


@pytest.mark.parametrize(
    ("shell", "marker"),
    [
        ("bash", "complete -o nosort -F _citeconv_completion citeconv"),
        ("zsh", "compdef _citeconv_completion citeconv"),
        ("fish", 'complete --no-files --command citeconv --arguments "(_citeconv_completion)"'),
    ],
)
def test_completion_prints_the_script_for_each_shell(shell: str, marker: str) -> None:
    result = CliRunner().invoke(main, ["completion", shell])
    assert (result.exit_code, result.stderr) == (0, "")
    assert marker in result.stdout
    assert f"_CITECONV_COMPLETE={shell}_complete" in result.stdout.replace('_complete"', "")
    assert result.stdout.endswith("\n")


def test_an_unknown_shell_is_a_usage_error() -> None:
    result = CliRunner().invoke(main, ["completion", "tcsh"])
    assert result.exit_code == 2
    assert "'tcsh' is not one of 'bash', 'zsh', 'fish'" in result.stderr


def test_commands_complete() -> None:
    assert completions([], "con") == ["config", "convert"]


def test_to_completes_formats_and_aliases_before_any_prefix() -> None:
    names = completions(["convert", "--to"], "")
    assert names[:2] == ["ris", "csl-json"]
    assert {"apa", "vancouver", "chicago", "harvard"} <= set(names)
    assert len(names) < 30  # not the 2,800 installed styles


def test_to_completes_installed_style_ids_once_narrowed() -> None:
    assert completions(["convert", "--to"], "vanc") == ["vancouver"]
    assert "van-yuzuncu-yil-universitesi-fen-bilimleri-enstitusu" in completions(
        ["convert", "--to"], "van"
    )
    assert "nature" in completions(["convert", "--to"], "natu")
    assert completions(["convert", "-t"], "apa")[:2] == ["apa", "apa-6th-edition"]


def test_to_completes_a_csl_path_as_a_file() -> None:
    complete = ShellComplete(main, {}, "citeconv", "_CITECONV_COMPLETE")
    [item] = complete.get_completions(["convert", "--to"], "styles/my")
    assert (item.value, item.type) == ("styles/my", "file")


def test_locale_and_choices_complete() -> None:
    assert completions(["convert", "--locale"], "en") == ["en-GB", "en-US"]
    assert completions(["convert", "--locale"], "de-") == ["de-AT", "de-CH", "de-DE"]
    assert completions(["convert", "--markup"], "") == [
        "text",
        "html",
        "markdown",
        "pandoc",
        "rst",
        "latex",
    ]
    assert completions(["convert", "--from"], "bib") == ["bibtex", "biblatex"]


@pytest.mark.skipif(shutil.which("bash") is None, reason="bash is not installed")
@pytest.mark.skipif(not CONSOLE_SCRIPT.exists(), reason=f"no console script at {CONSOLE_SCRIPT}")
def test_bash_completes_through_the_installed_script(tmp_path: Path) -> None:
    """The whole path: the generated script, sourced in bash, asking the real command."""
    script = subprocess.run(
        [str(CONSOLE_SCRIPT), "completion", "bash"], capture_output=True, text=True, check=True
    ).stdout
    (tmp_path / "citeconv.bash").write_text(script, encoding="utf-8")
    probe = (
        "source citeconv.bash\n"
        "COMP_WORDS=(citeconv convert --to vanc); COMP_CWORD=3\n"
        "_citeconv_completion citeconv\n"
        'printf "%s\\n" "${COMPREPLY[@]}"\n'
    )
    environment = {**os.environ, "PATH": f"{CONSOLE_SCRIPT.parent}{os.pathsep}{os.environ['PATH']}"}
    result = subprocess.run(
        ["bash", "-c", probe],
        cwd=tmp_path,
        env=environment,
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout == "vancouver\n"


def test_an_unknown_shell_is_named_as_such() -> None:
    result = CliRunner().invoke(main, ["completion", "tcsh"])
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.splitlines()[-1] == (
        "Error: Invalid value for 'SHELL': 'tcsh' is not one of 'bash', 'zsh', 'fish'."
    )


def test_cite_completes_styles_and_locales_like_convert() -> None:
    assert "vancouver" in completions(["cite", "k1", "--to"], "vanc")
    assert completions(["cite", "k1", "--to"], "vanc") == completions(["convert", "--to"], "vanc")
    assert completions(["cite", "k1", "--locale"], "en-") == ["en-GB", "en-US"]
