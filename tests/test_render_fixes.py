"""Each citeproc-py shortfall fixed around the adapter (see tests/KNOWN_DIFFERENCES.md)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from citeconv.commands import main

ALICE = [{"family": "Brown", "given": "Alice"}]


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
        "issued": {"date-parts": [[2015]]},
        **fields,
    }


def test_edited_book_prints_editors_once() -> None:
    book = item(editor=ALICE, publisher="Elsevier")
    assert render([book], "apa") == "Brown, A. (Ed.). (2015). Title. Elsevier.\n"
    assert render([book], "vancouver") == "1. Brown A, editor. Title. Elsevier; 2015.\n"


def test_title_printed_in_place_of_a_missing_author_is_not_repeated() -> None:
    guide = item(title="Field guide to mosses", publisher="Moss Press")
    assert render([guide], "apa") == "Field guide to mosses. (2015). Moss Press.\n"
    assert render([guide], "vancouver") == "1. Field guide to mosses. Moss Press; 2015.\n"


def test_small_caps_in_a_title_is_markup_not_text() -> None:
    article = item(
        type="article-journal",
        author=ALICE,
        title=('The <span style="font-variant:small-caps;">nlp</span> way: A study'),
        **{"container-title": "Journal of Things"},
    )
    html = render([article], "apa", "--markup", "html")
    assert '<span style="font-variant:small-caps;">nlp</span> way: A study' in html
    assert render([article], "apa").startswith("Brown, A. (2015). The nlp way: A study.")


def test_thesis_without_number_has_no_publication_label() -> None:
    thesis = item(type="thesis", genre="Doctoral dissertation", author=ALICE, publisher="Oxford")
    assert render([thesis], "apa") == "Brown, A. (2015). Title [Doctoral dissertation]. Oxford.\n"
    assert render([thesis], "vancouver") == "1. Brown A. Title [dissertation]. Oxford; 2015.\n"


def test_nlm_access_date_keeps_its_spaces() -> None:
    page = item(
        type="webpage", author=ALICE, URL="https://x.org", accessed={"date-parts": [[2021, 3, 15]]}
    )
    assert "[cited 2021 Mar 15]" in render([page], "vancouver")


def test_date_ranges_print_shared_parts_once() -> None:
    talk = item(
        type="paper-conference",
        author=ALICE,
        issued={"date-parts": [[2020, 5, 3], [2020, 5, 7]]},
        **{"container-title": "Proc"},
    )
    assert render([talk], "apa").startswith("Brown, A. (2020, May 3–7). Title. Proc.")


def test_patent_number_with_thousands_separators_is_singular() -> None:
    patent = item(type="patent", author=ALICE, number="US 7,654,321")
    assert "(Patent No. US 7,654,321)" in render([patent], "apa")


def test_capitalize_first_leaves_mixed_case_words() -> None:
    preprint = item(type="article", author=ALICE, number="arXiv:2302.13971", publisher="arXiv")
    assert "(arXiv:2302.13971). arXiv." in render([preprint], "apa")


def test_page_ranges_apa_full_nlm_abbreviated() -> None:
    article = item(
        type="article-journal", author=ALICE, page="355-361", volume="3", **{"container-title": "J"}
    )
    assert "355–361" in render([article], "apa")
    assert ":355–61." in render([article], "vancouver")


def test_ids_keep_their_case_in_csl_json_round_trip() -> None:
    mixed = item(id="MixedCase2020", author=ALICE)
    assert json.loads(render([mixed], "csl-json"))[0]["id"] == "MixedCase2020"


def test_in_press_and_no_date() -> None:
    undated = {"id": "a", "type": "book", "title": "Undated", "author": ALICE}
    pressed = {**undated, "id": "b", "title": "Pressed", "status": "in press"}
    assert render([undated, pressed], "apa") == (
        "Brown, A. (n.d.). Undated.\nBrown, A. (in press). Pressed.\n"
    )


@pytest.mark.parametrize("mode", ["keep", "sentence"])
def test_title_case_option(mode: str) -> None:
    article = item(title="Living in Paris", author=ALICE)
    expected = {"keep": "Living in Paris", "sentence": "Living in paris"}[mode]
    assert f"{expected}." in render([article], "apa", "--title-case", mode)


def test_non_english_titles_are_left_alone() -> None:
    german = item(title="Die Neue Welt der Daten", author=ALICE, language="de")
    assert "Die Neue Welt der Daten" in render([german], "apa")


def test_broken_style_file_is_fatal(tmp_path: Path) -> None:
    broken = tmp_path / "broken.csl"
    broken.write_text("<style xmlns='http://purl.org/net/xbiblio/csl'><info>", encoding="utf-8")
    result = CliRunner().invoke(
        main, ["convert", "--from", "csl-json", "--to", str(broken)], input="[]"
    )
    assert result.exit_code == 4
    assert result.stderr.startswith("citeconv: error: ")


def test_dependent_style_renders_with_its_parent() -> None:
    article = item(type="article-journal", author=ALICE, **{"container-title": "J"})
    assert render([article], "american-journal-of-epidemiology") == render(
        [article], "american-medical-association"
    )
