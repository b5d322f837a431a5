"""The last sweeps' leftovers (issue 15): a narrative citation of an entry with neither author
nor title printed its key, a key in a link's text was not cited (pandoc cites it), standard
input read from the output file was written over."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from citeconv.commands import main


def run(args: list[str], stdin: str | bytes | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, args, input=stdin)
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize(
    ("style", "expected"),
    [("apa", "As (2020) says, and (2020).\n"), ("vancouver", "As (1) says, and (1).\n")],
)
def test_a_narrative_citation_of_a_nameless_untitled_entry_never_prints_the_key(
    tmp_path: Path, style: str, expected: str
) -> None:
    bib = tmp_path / "refs.bib"
    bib.write_text("@misc{nokey, year={2020}}\n", encoding="utf-8")
    document = "As @nokey says, and [@nokey].\n"
    code, stdout, stderr = run(["doc", "-b", str(bib), "--to", style], document)
    assert code == 0
    assert stdout.splitlines(keepends=True)[0] == expected
    assert stderr == (
        "<stdin>:1: warning[style-warning] entry 'nokey' has no author or title to name in the"
        " text; the citation prints without them\n"
    )


def test_a_narrative_citation_of_a_titled_entry_in_a_numeric_style_names_the_title(
    tmp_path: Path,
) -> None:
    bib = tmp_path / "refs.bib"
    bib.write_text("@misc{t, title={Only Title}, year={2020}}\n", encoding="utf-8")
    code, stdout, stderr = run(["doc", "-b", str(bib), "--to", "vancouver"], "As @t says.\n")
    assert (code, stderr) == (0, "")
    assert stdout.startswith("As Only Title (1) says.\n")


def test_a_key_in_a_links_text_is_cited_there_as_pandoc_does(tmp_path: Path) -> None:
    bib = tmp_path / "refs.bib"
    bib.write_text("@misc{ok, author={Doe, Jane}, year={2021}, title={T}}\n", encoding="utf-8")
    document = "See [@ok](https://x.org), [see @ok, p. 3](https://y.org), [x](https://z.org/@ok).\n"
    code, stdout, stderr = run(["doc", "-b", str(bib), "--to", "apa"], document)
    assert (code, stderr) == (0, "")
    assert stdout.splitlines()[0] == (
        "See [Doe (2021)](https://x.org), [see Doe (2021), p. 3](https://y.org),"
        " [x](https://z.org/@ok)."
    )


def test_standard_input_read_from_the_output_file_is_not_written_over(tmp_path: Path) -> None:
    bib = tmp_path / "refs.bib"
    text = "@misc{a, title={T}, year=2000}\n"
    bib.write_text(text, encoding="utf-8")
    for output in (str(bib), "/dev/stdin"):
        with bib.open("rb") as stdin:
            done = subprocess.run(
                [sys.executable, "-m", "citeconv", "convert", "--to", "apa", "-o", output],
                stdin=stdin,
                capture_output=True,
                text=True,
                check=False,
            )
        assert (done.returncode, done.stdout) == (2, "")
        assert done.stderr == (
            f"citeconv: error: refusing to write over the input file '{output}' (standard input)\n"
        )
        assert bib.read_text(encoding="utf-8") == text


@pytest.mark.parametrize("special", ["/dev/zero", "fifo"])
def test_a_style_that_is_no_regular_file_is_refused_at_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, special: str
) -> None:
    # A style read without end took 24 GB (issue 15); from the configuration file as well.
    if special == "fifo":
        special = str(tmp_path / "style.csl")
        os.mkfifo(special)
    bib = tmp_path / "refs.bib"
    bib.write_text("@misc{a, title={T}, year=2000}\n", encoding="utf-8")
    expected = f"citeconv: error: {special}: not a regular file (a device, FIFO or socket)\n"
    assert run(["convert", str(bib), "--to", special, "--no-cache"]) == (4, "", expected)
    (tmp_path / "pyproject.toml").write_text(
        f'[tool.citeconv]\nstyle = "{special}"\n', encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path)
    assert run(["convert", str(bib), "--no-cache"]) == (4, "", expected)


def test_a_style_file_over_the_size_bound_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    style = tmp_path / "huge.csl"
    style.write_text(
        '<style xmlns="http://purl.org/net/xbiblio/csl">' + " " * 2_200_000 + "</style>"
    )
    monkeypatch.setattr("citeconv.styles.MAX_STYLE_BYTES", 2 * 1024 * 1024)
    code, stdout, stderr = run(["convert", "-", "--from", "bibtex", "--to", str(style)], "")
    assert (code, stdout) == (4, "")
    assert stderr == f"citeconv: error: {style}: larger than 2 MB; no CSL style is that large\n"


def test_year_suffixes_go_on_after_zz() -> None:
    # 703 works of one author and year: the list of letters stopped at zz, and the 703rd
    # and later printed without a suffix, alike.
    records = "TY  - JOUR\nAU  - Smith, J\nPY  - 2020\nER  - \n" * 703
    code, stdout, stderr = run(["convert", "-", "--from", "ris", "--to", "apa"], records)
    assert (code, stderr) == (0, "")
    lines = stdout.splitlines()
    assert len(lines) == len(set(lines)) == 703
    assert lines[701:] == ["Smith, J. (2020zz).", "Smith, J. (2020aaa)."]
