"""Every README recipe, run as written: real `make`, real shells, the installed command.

A recipe is the fenced block right after a `<!-- recipe: NAME -->` line in README.md, so the
README cannot drift from what is tested. Commands run in a temporary folder with `citeconv` on
PATH: the console script beside this Python, or a shim running `python -m citeconv`.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from citeconv.commands import main

from conftest import ROOT

README = ROOT / "README.md"
RECIPE = re.compile(r"^<!-- recipe: ([\w-]+) -->\n```[\w-]*\n(.*?)^```$", re.MULTILINE | re.DOTALL)
CONSOLE_SCRIPT = Path(sys.executable).with_name("citeconv")
PANDOC = shutil.which("pandoc") or next(
    iter(Path("/tmp/peers/venv").glob("lib/python3*/site-packages/pypandoc/files/pandoc")), None
)

GOOD = """\
@article{doe2001,
  author = {Doe, Jane and Roe, Richard}, title = {A study of things},
  journal = {Journal of Things}, volume = {3}, pages = {1--9}, year = {2001}
}
@book{roe1999,
  author = {Roe, Richard}, title = {The book of things}, publisher = {Springer}, year = {1999}
}
"""
BROKEN = GOOD + "@article{broken, title = {Unclosed\n"


def recipe(name: str) -> str:
    recipes = dict(RECIPE.findall(README.read_text(encoding="utf-8")))
    if name not in recipes:
        pytest.fail(f"README.md has no '<!-- recipe: {name} -->' block")
    return recipes[name]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    folder = tmp_path / "project"
    (folder / "docs").mkdir(parents=True)
    (folder / "refs.bib").write_text(GOOD, encoding="utf-8")
    return folder


def environment(folder: Path) -> dict[str, str]:
    """PATH with `citeconv` first; the cache inside the test folder, never the user's."""
    bin_dir = CONSOLE_SCRIPT.parent
    if not CONSOLE_SCRIPT.exists():
        bin_dir = folder.parent / "bin"
        bin_dir.mkdir(exist_ok=True)
        shim = bin_dir / "citeconv"
        shim.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m citeconv "$@"\n', encoding="utf-8")
        shim.chmod(0o755)
    return {
        **os.environ,
        "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}",
        "XDG_CACHE_HOME": str(folder.parent / "cache"),
    }


def run(command: list[str] | str, folder: Path) -> subprocess.CompletedProcess[str]:
    arguments = ["bash", "-eu", "-c", command] if isinstance(command, str) else command
    return subprocess.run(
        arguments, cwd=folder, env=environment(folder), capture_output=True, text=True
    )


def shell_lines(block: str) -> list[str]:
    return [line for line in block.splitlines() if line.strip() and not line.startswith("#")]


def needs(command: str) -> None:
    assert command in main.commands, f"the recipe needs `citeconv {command}`"


# --- configuration and the Python API ----------------------------------------------------------


def test_config_recipe(project: Path) -> None:
    (project / "pyproject.toml").write_text(recipe("config"), encoding="utf-8")
    shown = run(["citeconv", "config"], project)
    assert shown.returncode == 0, shown.stderr
    assert re.search(r"^style +vancouver +pyproject\.toml:\d+$", shown.stdout, re.MULTILINE)
    assert re.search(r"^locale +en-GB +pyproject\.toml:\d+$", shown.stdout, re.MULTILINE)
    converted = run(["citeconv", "convert", "refs.bib"], project)
    assert (converted.returncode, converted.stderr) == (0, "")
    assert converted.stdout.startswith("1. Doe J, Roe R. A study of things.")


def test_python_api_recipe(project: Path) -> None:
    result = run([sys.executable, "-c", recipe("python-api")], project)
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout.splitlines() == [
        "Doe, J., & Roe, R. (2001). A study of things. Journal of Things, 3, 1–9.",
        "Roe, R. (1999). The book of things. Springer.",
        "1. Doe J, Roe R. A study of things. J Things. 2001;3:1-9.",
    ]


# --- Makefile ---------------------------------------------------------------------------------


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_makefile_recipe(project: Path) -> None:
    (project / "Makefile").write_text(recipe("makefile"), encoding="utf-8")
    built = run(["make", "refs.apa.txt", "refs.ris"], project)
    assert built.returncode == 0, built.stderr
    listing = (project / "refs.apa.txt").read_text(encoding="utf-8")
    assert listing.splitlines()[0].startswith("Doe, J., & Roe, R. (2001).")
    assert (project / "refs.ris").read_text(encoding="utf-8").count("TY  - ") == 2
    again = run(["make", "refs.apa.txt"], project)
    assert "is up to date" in again.stdout

    (project / "refs.bib").write_text(BROKEN, encoding="utf-8")
    newer = (project / "refs.apa.txt").stat().st_mtime + 2  # make compares modification times
    os.utime(project / "refs.bib", (newer, newer))
    failed = run(["make", "refs.apa.txt"], project)
    assert failed.returncode != 0
    assert "refs.bib:8: error[syntax-error]" in failed.stderr
    assert not (project / "refs.apa.txt").exists()  # .DELETE_ON_ERROR: no stale half-list


# --- CI and pre-commit ------------------------------------------------------------------------


def test_ci_recipe_passes_a_good_file_and_fails_a_broken_one(project: Path) -> None:
    needs("check")
    steps = re.findall(r"^\s*run: (.+)$", recipe("ci"), re.MULTILINE)
    assert len(steps) == 2
    for step in steps:
        assert run(step, project).returncode == 0, step
    assert (project / "docs" / "references.md").read_text(encoding="utf-8").startswith("Doe, J.")
    (project / "refs.bib").write_text(BROKEN, encoding="utf-8")
    failed = run(steps[0], project)
    assert failed.returncode == 1
    assert "refs.bib:8: error[syntax-error]" in failed.stderr


def test_pre_commit_recipe(project: Path) -> None:
    needs("check")
    block = recipe("pre-commit")
    entry = re.search(r"^\s*entry: (.+)$", block, re.MULTILINE)
    files = re.search(r"^\s*files: (.+)$", block, re.MULTILINE)
    assert entry and files
    (project / "notes.txt").write_text("not a bibliography", encoding="utf-8")
    (project / "bad.bib").write_text(BROKEN, encoding="utf-8")
    # pre-commit passes the staged files that match `files` as arguments to `entry`.
    staged = sorted(p.name for p in project.iterdir() if re.search(files.group(1), p.name))
    assert staged == ["bad.bib", "refs.bib"]
    assert run([*shlex.split(entry.group(1)), "refs.bib"], project).returncode == 0
    assert run([*shlex.split(entry.group(1)), *staged], project).returncode != 0


# --- documentation builds ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "output", "reader"),
    [("mkdocs", "docs/references.md", "markdown"), ("sphinx", "docs/references.rst.inc", "rst")],
)
def test_docs_recipes_give_one_paragraph_per_entry(
    project: Path, name: str, output: str, reader: str
) -> None:
    for line in shell_lines(recipe(name)):
        result = run(line, project)
        assert (result.returncode, result.stderr) == (0, ""), line
    text = (project / output).read_text(encoding="utf-8")
    assert "*Journal of Things*" in text and "*The book of things*" in text
    # Markdown and reST join consecutive lines into one paragraph: entries need a blank line.
    assert len([p for p in text.split("\n\n") if p.strip()]) == 2, text
    if PANDOC is not None:
        html = subprocess.run(
            [str(PANDOC), "-f", reader, "-t", "html"], input=text, capture_output=True, text=True
        ).stdout
        assert html.count("<p>") == 2, html


# --- RIS --------------------------------------------------------------------------------------


def test_ris_recipe_is_read_back_by_an_independent_parser(project: Path) -> None:
    rispy = pytest.importorskip("rispy")
    for line in shell_lines(recipe("ris")):
        assert run(line, project).returncode == 0, line
    records = rispy.loads((project / "refs.ris").read_text(encoding="utf-8"))
    assert [(r["type_of_reference"], r["title"]) for r in records] == [
        ("JOUR", "A study of things"),
        ("BOOK", "The book of things"),
    ]


# --- shell completion -------------------------------------------------------------------------


@pytest.mark.skipif(shutil.which("bash") is None, reason="bash is not installed")
def test_completion_recipe_installs_scripts_that_complete(project: Path) -> None:
    home = project.parent / "home"
    home.mkdir()
    lines = shell_lines(recipe("completion"))
    assert (
        run(f"export HOME={shlex.quote(str(home))}\n" + "\n".join(lines), project).returncode == 0
    )
    scripts = {
        "bash": home / ".local/share/bash-completion/completions/citeconv",
        "zsh": home / ".zfunc/_citeconv",
        "fish": home / ".config/fish/completions/citeconv.fish",
    }
    for shell, script in scripts.items():
        assert f"_CITECONV_COMPLETE={shell}_complete" in script.read_text(encoding="utf-8")
    # What bash does on Tab after `citeconv convert refs.bib --to vanc`, with the installed file.
    tab = run(
        "set +u\n"  # the script, like most completion scripts, reads unset variables
        f"source {shlex.quote(str(scripts['bash']))}\n"
        "COMP_WORDS=(citeconv convert refs.bib --to vanc); COMP_CWORD=4\n"
        "_citeconv_completion citeconv\n"  # bash passes the command's name as $1
        'printf "%s\\n" "${COMPREPLY[@]}"',
        project,
    )
    assert (tab.returncode, tab.stderr) == (0, "")
    assert tab.stdout.splitlines()[0] == "vancouver"


# reST inline markup is only recognised after whitespace or one of START_MAY_FOLLOW and before
# whitespace or one of END_MAY_PRECEDE; `*123*(3)` renders as a stray `*` and a docutils warning,
# which fails a `sphinx-build -W` docs build.
START_MAY_FOLLOW = " -:/'\"<([{\\"
END_MAY_PRECEDE = " -.,:;!?\\/'\")]}>"
RST_EMPHASIS = re.compile(r"(?<!\\)(\*+)(?=\S)(.+?)(?<=[^\s\\])\1")


def rst_inline_markup_problems(text: str) -> list[str]:
    problems = []
    for line in text.splitlines():
        for match in RST_EMPHASIS.finditer(line):
            before = line[match.start() - 1] if match.start() else " "
            after = line[match.end()] if match.end() < len(line) else " "
            if before not in START_MAY_FOLLOW or after not in END_MAY_PRECEDE:
                problems.append(line[max(match.start() - 5, 0) : match.end() + 5])
    return problems


def test_rst_problem_finder_knows_the_rules() -> None:
    assert rst_inline_markup_problems("a *b* c, *d*. (*e*)") == []
    assert rst_inline_markup_problems("Trial. *British Journal of Cancer*, *123*(3), 355") == [
        "er*, *123*(3), "
    ]
    assert rst_inline_markup_problems("x\\ *123*\\ (3)") == []


def test_sphinx_recipe_output_is_valid_rst_for_the_sample(project: Path) -> None:
    shutil.copy(ROOT / "seeds" / "koutras2020.bib", project / "refs.bib")
    for line in shell_lines(recipe("sphinx")):
        assert run(line, project).returncode == 0, line
    text = (project / "docs" / "references.rst.inc").read_text(encoding="utf-8")
    assert rst_inline_markup_problems(text) == []
