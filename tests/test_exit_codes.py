"""The documented exit codes, for `convert` and `check`: 0, 1, 2, 3, 4."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from citeconv.commands import main

GOOD = "@article{k1, author = {Doe, Jane}, title = {A title}, journal = {J}, year = 2001}\n"
BROKEN = GOOD + "@article{k2, title = {Unclosed}\n"
WARNED = (
    "@article{k1, author = {Doe, Jane}, title = {T}, journal = {J}, year = 2001, note = NOPE}\n"
)


def run(*args: str, stdin: str | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), input=stdin)
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize("command", [["convert", "--to", "csl-json"], ["check"]])
def test_zero_when_clean(command: list[str]) -> None:
    assert run(*command, stdin=GOOD)[0] == 0


@pytest.mark.parametrize("command", [["convert", "--to", "csl-json"], ["check"]])
def test_one_when_an_entry_is_lost_and_the_rest_is_kept(command: list[str]) -> None:
    code, out, err = run(*command, stdin=BROKEN)
    assert code == 1
    assert (
        "<stdin>:2: error[syntax-error] entry 'k2': entry not closed before the end of the "
        "file; entry skipped\n" in err
    )
    if command[0] == "convert":
        assert '"id": "k1"' in out


@pytest.mark.parametrize("command", [["convert", "--to", "csl-json"], ["check"]])
def test_warnings_exit_zero_and_three_with_strict(command: list[str]) -> None:
    code, _, err = run(*command, stdin=WARNED)
    assert (code, "warning[undefined-macro]" in err) == (0, True)
    assert run(*command, "--strict", stdin=WARNED)[0] == 3


def test_two_on_usage_errors() -> None:
    assert run("convert", "--to", "no-such-style", stdin=GOOD)[0] == 2
    assert run("check", "--no-such-option")[0] == 2


def test_two_when_output_would_overwrite_an_input(tmp_path: Path) -> None:
    source = tmp_path / "refs.bib"
    source.write_text(GOOD, encoding="utf-8")
    assert run("convert", str(source), "-o", str(source), "--to", "csl-json") == (
        2,
        "",
        f"citeconv: error: refusing to write over the input file '{source}'\n",
    )
    assert source.read_text(encoding="utf-8") == GOOD


@pytest.mark.parametrize("command", [["convert", "--to", "csl-json"], ["check"]])
def test_four_on_unreadable_input(command: list[str], tmp_path: Path) -> None:
    missing = tmp_path / "missing.bib"
    assert run(*command, str(missing)) == (4, "", f"citeconv: error: {missing}: no such file\n")
    assert run(*command, str(tmp_path))[0] == 4


def test_four_on_unwritable_output_leaves_nothing(tmp_path: Path) -> None:
    target = tmp_path / "no-such-dir" / "out.json"
    code, out, err = run("convert", "--to", "csl-json", "-o", str(target), stdin=GOOD)
    assert (code, out) == (4, "")
    assert err.startswith(f"citeconv: error: {target}: cannot write")
    assert not target.parent.exists()


def test_failed_run_leaves_the_old_output_untouched(tmp_path: Path) -> None:
    target = tmp_path / "refs.json"
    target.write_text("old\n", encoding="utf-8")
    assert run("convert", str(tmp_path / "nope.bib"), "-o", str(target))[0] == 4
    assert target.read_text(encoding="utf-8") == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["refs.json"]


def test_output_is_identical_for_identical_input(tmp_path: Path) -> None:
    text = GOOD + "@book{b, editor = {Roe, R.}, title = {B}, publisher = {P}, year = 1999}\n"
    runs = {run("convert", "--to", fmt, stdin=text)[1] for fmt in ("csl-json",) for _ in range(3)}
    assert len(runs) == 1
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    for target in (a, b):
        assert run("convert", "--to", "csl-json", "-o", str(target), stdin=text)[0] == 0
    assert a.read_bytes() == b.read_bytes()


def test_help_documents_the_exit_codes() -> None:
    out = run("--help")[1]
    for code in ("0  success", "1  some entries", "2  usage error", "3  --strict", "4  fatal"):
        assert code in out
