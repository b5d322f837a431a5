"""The last sweeps' leftovers (issue 15): a narrative citation of an entry with neither author
nor title printed its key, a key in a link's text was not cited (pandoc cites it)."""

from __future__ import annotations

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
