"""Values citeproc-py prints reach every markup escaped; casing never touches an entity;
apostrophes, URLs in LaTeX, RIS tags and year suffixes (defects found in the integrated build)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from citeconv.commands import main
from citeconv.rendering.markup_latex import escape_latex

ALICE = [{"family": "Brown", "given": "Alice"}]
HOSTILE = "x<script>alert(1)</script>&y"


def render(items: list[dict[str, Any]], style: str, *extra: str) -> str:
    result = CliRunner().invoke(
        main, ["convert", "--from", "csl-json", "--to", style, *extra], input=json.dumps(items)
    )
    assert result.exit_code == 0, result.stderr
    return result.stdout


def item(**fields: Any) -> dict[str, Any]:
    return {
        "id": "k",
        "type": "book",
        "title": "Title",
        "author": ALICE,
        "issued": {"date-parts": [[2015]]},
        **fields,
    }


_VARIABLES = {
    "DOI": "10.1000/" + HOSTILE,
    "URL": "https://example.org/" + HOSTILE,
    "ISBN": HOSTILE,
    "publisher": HOSTILE,
    "publisher-place": HOSTILE,
    "note": HOSTILE,
    "edition": HOSTILE,
}


@pytest.mark.parametrize("style", ["apa", "vancouver", "ieee"])
@pytest.mark.parametrize("variable", sorted(_VARIABLES))
def test_every_printed_value_is_escaped_in_html(style: str, variable: str) -> None:
    html = render([item(**{variable: _VARIABLES[variable]})], style, "--markup", "html")
    assert "<script>" not in html
    assert re.search(r"&(?![a-z]+;|#\d+;)", html) is None


def test_names_and_literal_dates_are_escaped_in_html() -> None:
    work = item(
        author=[{"family": "A<x>c & D", "given": "E"}],
        editor=[{"literal": "Lab <one>"}],
        issued={"literal": "1999<"},
    )
    for style in ("apa", "vancouver"):
        html = render([work], style, "--markup", "html")
        assert "<x>" not in html and "<one>" not in html and "1999<" not in html


def test_a_doi_with_angle_brackets_is_one_escaped_url_in_html() -> None:
    sici = "10.1002/(SICI)1096-987X(199803)19:4<377::AID-JCC1>3.0.CO;2-P"
    html = render([item(DOI=sici)], "apa", "--markup", "html")
    escaped = sici.replace("<", "&#60;").replace(">", "&#62;")  # as citeproc-js writes them
    assert f"https://doi.org/{escaped}" in html


@pytest.mark.parametrize("markup", ["text", "html", "markdown"])
def test_text_case_never_touches_an_entity(markup: str) -> None:
    hercz = [{"family": "Hercz", "given": "J."}]
    book = item(author=[{"literal": "Averroes"}], editor=hercz, translator=hercz, publisher="P")
    out = render([book], "apa", "--markup", markup)
    assert "Amp" not in out
    assert "(J. Hercz, Ed. " in out and " Trans.)" in out


@pytest.mark.parametrize(
    ("title", "typeset"),
    [
        ("In SESS '06: Proceedings", "In SESS ’06: Proceedings"),
        ("Music of the '90s", "Music of the ’90s"),
        ("Some remarks on 't Hooft's S-matrix", "Some remarks on ’t Hooft’s S-matrix"),
        ("Rock 'n' roll", "Rock ’n’ roll"),
        # typewriter quotes are a quotation: the outer quotes, as citeproc-js prints them
        ("The 'new' method", "The “new” method"),
    ],
)
def test_an_apostrophe_starting_a_word_is_a_closing_quote(title: str, typeset: str) -> None:
    out = render([item(title=title, publisher="P")], "apa", "--title-case", "keep")
    assert typeset in out


def test_latex_keeps_a_whole_url_with_angle_brackets_in_url() -> None:
    sici = "10.1002/(SICI)1096-987X(199803)19:4<377::AID-JCC1>3.0.CO;2-P"
    latex = render([item(DOI=sici)], "apa", "--markup", "latex")
    assert r"\url{https://doi.org/" + sici + "}" in latex
    assert r"\textless" not in latex


@pytest.mark.parametrize(
    ("text", "latex"),
    [
        ("https://x.org/a%20b#c", r"\url{https://x.org/a\%20b\#c}"),
        ("https://x.org/a\\b", r"\url{https://x.org/a\%5Cb}"),
        ("https://x.org/{a}b", r"\url{https://x.org/\%7Ba\%7Db}"),
        ("{see https://x.org/a}", r"\{see \url{https://x.org/a}\}"),
        ("<https://x.org/a>.", r"\textless{}\url{https://x.org/a}\textgreater{}."),
        ("<https://x.org/a>b", r"\textless{}\url{https://x.org/a}\textgreater{}b"),
        ("https://x.org/a<b>", r"\url{https://x.org/a<b>}"),
        ("https://x.org/4<3::A>3.0;2-P.", r"\url{https://x.org/4<3::A>3.0;2-P}."),
    ],
)
def test_a_url_in_latex_is_escaped_for_the_url_package(text: str, latex: str) -> None:
    assert escape_latex(text) == latex


def test_ris_strips_only_the_tags_citeconv_writes() -> None:
    work = item(
        type="article-journal",
        title="A study of a<b and c>d, x < y, <u>z</u> and <i>B. subtilis</i> in "
        '<span class="nocase">UK</span>',
        note='<span style="font-variant:small-caps;">nb</span> H<sub>2</sub>O</span>',
        URL="https://example.org/a<b>c&amp;d",
        DOI="10.1000/x<i>y</i>",
    )
    lines = render([work], "ris").splitlines()
    assert "TI  - A study of a<b and c>d, x < y, <u>z</u> and B. subtilis in UK" in lines
    assert "N1  - nb H2O</span>" in lines
    assert "UR  - https://example.org/a<b>c&amp;d" in lines
    assert "DO  - 10.1000/x<i>y</i>" in lines


def test_a_range_within_one_year_shares_its_year_suffixes(tmp_path: Path) -> None:
    def work(key: str, title: str, parts: list[list[int]]) -> dict[str, Any]:
        return item(id=key, title=title, publisher="P", issued={"date-parts": parts})

    works = [
        work("a", "Alpha", [[1996, 1, 1]]),
        work("b", "Beta", [[1996, 3, 1]]),
        work("c", "Gamma", [[1996, 12, 10], [1996, 12, 12]]),
        work("d", "Delta", [[1995], [1996]]),
    ]
    out = render(works, "apa")
    suffixes = re.findall(r"\(1996([a-z])", out)
    assert sorted(suffixes) == ["a", "b", "c"]
    assert "(1995–1996)" in out
    source = tmp_path / "works.json"
    source.write_text(json.dumps(works), encoding="utf-8")
    result = CliRunner().invoke(main, ["cite", "a", "b", "c", "--from", str(source), "--to", "apa"])
    assert result.exit_code == 0, result.stderr
    cited = re.findall(r"1996([a-z])", result.stdout)
    assert len(cited) == 3 and len(set(cited)) == 3


# `<` and `>` as citeproc-js writes them in HTML (`&#60;`, the same character as `&lt;`).
@pytest.mark.parametrize(
    ("title", "html"),
    [
        ("A<b>c", "A&#60;b&#62;c"),
        # the italic title prints the value's own italic roman (flip-flop)
        ("<i>x</i></i>", '<span style="font-style:normal;">x</span>&#60;/i&#62;'),
        ("a</span>b", "a&#60;/span&#62;b"),
        ("<i><b>x</i></b>", "&#60;i&#62;<b>x&#60;/i&#62;</b>"),
    ],
)
def test_a_tag_without_its_partner_is_text_in_html(title: str, html: str) -> None:
    out = render(
        [item(title=title, publisher="P")], "apa", "--markup", "html", "--title-case", "keep"
    )
    assert html in out


def test_a_tag_without_its_partner_is_kept_in_ris() -> None:
    lines = render([item(title="x<i>y and a</span>b")], "ris").splitlines()
    assert "TI  - x<i>y and a</span>b" in lines
