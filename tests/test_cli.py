"""CliRunner tests: stdout, stderr and exit code asserted exactly."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from citeconv import __version__
from citeconv.commands import main
from citeconv.commands.files import TERMINAL_HINT, read_sources
from citeconv.commands.styles import NAME_WIDTH

from conftest import SEEDS

SAMPLE = SEEDS / "koutras2020.bib"
ONE_ARTICLE = "@article{k1, author = {Doe, Jane}, title = {A title}, journal = {J}, year = 2001}\n"


def invoke(*args: str, stdin: str | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), input=stdin)
    return result.exit_code, result.stdout, result.stderr


def test_version() -> None:
    assert invoke("--version") == (0, f"citeconv {__version__}\n", "")


def test_stdin_is_read_when_no_input_is_given() -> None:
    code, out, err = invoke("convert", "--to", "ris", stdin=ONE_ARTICLE)
    assert (code, err) == (0, "")
    assert out == (
        "TY  - JOUR\nID  - k1\nAU  - Doe, Jane\nTI  - A title\nT2  - J\nPY  - 2001\nER  - \n"
    )


def test_dash_means_stdin() -> None:
    assert invoke("convert", "-", "--to", "ris", stdin=ONE_ARTICLE)[1].startswith("TY  - JOUR\n")


def test_unknown_format_suggests_and_exits_2() -> None:
    assert invoke("convert", str(SAMPLE), "--to", "apaa") == (
        2,
        "",
        "citeconv: error: unknown format or style 'apaa'; did you mean 'apa' or 'pallas' "
        "or 'gayana'?\n",
    )


def test_missing_input_is_fatal() -> None:
    assert invoke("convert", "no-such.bib", "--to", "apa") == (
        4,
        "",
        "citeconv: error: no-such.bib: no such file\n",
    )


def test_output_suffix_infers_format(tmp_path: Path) -> None:
    target = tmp_path / "refs.ris"
    assert invoke("convert", str(SAMPLE), "-o", str(target)) == (0, "", "")
    assert target.read_text(encoding="utf-8").startswith("TY  - JOUR\nID  - 3078780\n")


def test_output_suffix_json_is_csl_json(tmp_path: Path) -> None:
    target = tmp_path / "refs.json"
    assert invoke("convert", str(SAMPLE), "-o", str(target)) == (0, "", "")
    assert target.read_text(encoding="utf-8").startswith('[\n  {\n    "id": "3078780",\n')


def test_unknown_suffix_without_to_is_a_usage_error(tmp_path: Path) -> None:
    code, out, err = invoke("convert", str(SAMPLE), "-o", str(tmp_path / "refs.xyz"))
    assert (code, out) == (2, "")
    assert err.startswith("citeconv: error: cannot infer the format from ")


def test_failed_run_leaves_existing_output_untouched(tmp_path: Path) -> None:
    target = tmp_path / "refs.txt"
    target.write_text("previous\n", encoding="utf-8")
    code, _, _ = invoke("convert", str(tmp_path / "missing.bib"), "--to", "apa", "-o", str(target))
    assert code == 4
    assert target.read_text(encoding="utf-8") == "previous\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["refs.txt"]


def test_bad_style_leaves_no_file(tmp_path: Path) -> None:
    broken = tmp_path / "broken.csl"
    broken.write_text("<style><not-closed></style>", encoding="utf-8")
    target = tmp_path / "out.txt"
    code, out, err = invoke("convert", str(SAMPLE), "--to", str(broken), "-o", str(target))
    assert (code, out) == (4, "")
    assert err.startswith(f"citeconv: error: {broken}: ")
    assert not target.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["broken.csl"]


def test_refuses_to_overwrite_an_input(tmp_path: Path) -> None:
    source = tmp_path / "refs.bib"
    source.write_text(ONE_ARTICLE, encoding="utf-8")
    assert invoke("convert", str(source), "--to", "apa", "-o", str(source)) == (
        2,
        "",
        f"citeconv: error: refusing to write over the input file '{source}'\n",
    )
    assert source.read_text(encoding="utf-8") == ONE_ARTICLE


def test_styles_lists_aliases_with_targets() -> None:
    code, out, err = invoke("styles", "vancouver")
    assert (code, err) == (0, "")
    first = out.splitlines()[0]
    assert first.split()[0] == "vancouver"
    assert first.endswith("-> nlm-citation-sequence")


def test_styles_without_match_exits_1() -> None:
    assert invoke("styles", "zzzz-no-such-style") == (
        1,
        "",
        "citeconv: no style matches 'zzzz-no-such-style'\n",
    )


@pytest.mark.parametrize("command", [[], ["convert"], ["styles"]])
def test_every_command_has_help_with_an_example(command: list[str]) -> None:
    code, out, err = invoke(*command, "--help")
    assert (code, err) == (0, "")
    assert "Examples:" in out and "citeconv " in out


def test_several_inputs_are_read_in_order(tmp_path: Path) -> None:
    second = tmp_path / "second.bib"
    second.write_text(ONE_ARTICLE, encoding="utf-8")
    code, out, err = invoke("convert", str(SAMPLE), str(second), "--to", "csl-json")
    assert (code, err) == (0, "")
    assert out.index('"id": "3078780"') < out.index('"id": "k1"')


# --- what a new user types -------------------------------------------------------------------


@pytest.mark.parametrize("name", ["APA", "Apa", "Vancouver", "RIS", "CSL-JSON"])
def test_format_names_are_case_insensitive(name: str) -> None:
    assert invoke("convert", str(SAMPLE), "--to", name) == invoke(
        "convert", str(SAMPLE), "--to", name.lower()
    )


def test_a_csl_path_keeps_its_case(tmp_path: Path) -> None:
    code, out, err = invoke("convert", str(SAMPLE), "--to", str(tmp_path / "Mine.CSL"))
    assert (code, out) == (4, "")
    assert err.startswith(f"citeconv: error: {tmp_path / 'Mine.CSL'}: ")


def test_output_into_a_missing_folder_names_the_folder(tmp_path: Path) -> None:
    target = tmp_path / "build" / "refs.txt"
    assert invoke("convert", str(SAMPLE), "--to", "apa", "-o", str(target)) == (
        4,
        "",
        f"citeconv: error: {target}: cannot write: no folder '{tmp_path / 'build'}'\n",
    )


def test_a_directory_as_input_is_fatal(tmp_path: Path) -> None:
    assert invoke("convert", str(tmp_path), "--to", "apa") == (
        4,
        "",
        f"citeconv: error: {tmp_path}: is a directory\n",
    )


def test_stdin_from_a_terminal_says_how_to_end_it(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    class TerminalStdin(io.TextIOWrapper):
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr(sys, "stdin", TerminalStdin(io.BytesIO(ONE_ARTICLE.encode())))
    sources, _ = read_sources([])
    assert [(s.text, s.name) for s in sources] == [(ONE_ARTICLE, "<stdin>")]
    assert capsys.readouterr().err == f"{TERMINAL_HINT}\n"


def test_stdin_from_a_pipe_gets_no_hint() -> None:
    assert invoke("convert", "--to", "csl-json", stdin=ONE_ARTICLE)[2] == ""


def test_styles_titles_line_up_without_running_off_the_screen() -> None:
    code, out, err = invoke("styles")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0].startswith("apa" + " " * (NAME_WIDTH - 1) + "APA Style 7th edition")
    # Names up to NAME_WIDTH long pad to one column; a longer name is followed by two spaces.
    assert all(
        line[NAME_WIDTH : NAME_WIDTH + 2] == "  " or len(line.split()[0]) > NAME_WIDTH
        for line in lines
    )
    long_names = [line for line in lines if len(line.split()[0]) > NAME_WIDTH]
    assert long_names and all(line.split()[0] + "  " in line for line in long_names)


def test_output_dash_means_stdout(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert invoke("convert", "--to", "ris", "-o", "-", stdin=ONE_ARTICLE) == invoke(
        "convert", "--to", "ris", stdin=ONE_ARTICLE
    )
    assert list(tmp_path.iterdir()) == []  # no file named `-`
