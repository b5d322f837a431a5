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


def test_a_substitute_macro_naming_the_editors_twice_prints_them_once(tmp_path: Path) -> None:
    style = tmp_path / "editors.csl"
    style.write_text(
        '<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">'
        "<info><id>e</id><title>e</title><updated>2024-01-01T00:00:00+00:00</updated></info>"
        '<macro name="editor"><names variable="editor"><name/><label prefix=" " form="short"/>'
        '</names><names variable="editor"><name/></names></macro>'
        '<citation><layout><text variable="title"/></layout></citation>'
        '<bibliography><layout><group delimiter=". "><names variable="author"><name/>'
        '<substitute><text macro="editor"/></substitute></names><text variable="title"/>'
        "</group></layout></bibliography></style>",
        encoding="utf-8",
    )
    assert render([item(editor=ALICE)], str(style)) == "Alice Brown ed. Title\n"


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
    assert render([thesis], "apa") == (
        "Brown, A. (2015). Title [Unpublished doctoral dissertation]. Oxford.\n"
    )
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
        **{"event-title": "Proc"},  # a talk: published proceedings print the year alone
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
    assert ":355-61." in render([article], "vancouver")


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
    article = item(title="Notes on Sampling methods and Error analysis in Paris", author=ALICE)
    expected = {
        "keep": "Notes on Sampling methods and Error analysis in Paris",
        "sentence": "Notes on sampling methods and error analysis in Paris",
    }[mode]
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


def render_bibtex(bibtex: str, style: str) -> str:
    result = CliRunner().invoke(main, ["convert", "--to", style], input=bibtex)
    assert result.exit_code == 0, result.stderr
    return result.stdout


def test_title_ending_in_a_question_mark_takes_no_period() -> None:
    news = item(
        type="article-newspaper",
        author=ALICE,
        title="Can we get better at forgetting?",
        issued={"date-parts": [[2019, 3, 22]]},
        **{"container-title": "The New York Times"},
    )
    assert "forgetting? The New York Times." in render([news], "apa")
    assert "forgetting? The New York Times [Internet]" not in render([news], "apa")
    assert "forgetting? The New York Times. 2019" in render([news], "vancouver")


def test_article_numbers_print_as_article_in_apa_only() -> None:
    article = item(
        type="article-journal", author=ALICE, volume="2", page="e124", title="Why", **JOURNAL
    )
    assert "PLoS Medicine, 2, Article e124." in render([article], "apa")
    assert "PLoS Med. 2015;2:e124." in render([article], "vancouver")
    supplement = {**article, "page": "S12"}
    assert "PLoS Medicine, 2, S12." in render([supplement], "apa")


JOURNAL = {"container-title": "PLoS Medicine", "container-title-short": "PLoS Med"}


@pytest.mark.parametrize("edition", ["Fourth", "4th", "4", "fourth edition", "4th ed."])
def test_edition_words_print_as_ordinals(edition: str) -> None:
    book = item(author=ALICE, edition=edition, publisher="Mosby")
    assert render([book], "apa") == "Brown, A. (2015). Title (4th ed.). Mosby.\n"
    assert render([book], "vancouver") == "1. Brown A. Title. 4th ed. Mosby; 2015.\n"


def test_google_scholar_month_in_number_is_not_an_issue() -> None:
    article = item(type="article-journal", author=ALICE, volume="12", issue="Oct", **JOURNAL)
    assert "PLoS Medicine, 12." in render([article], "apa")


@pytest.mark.parametrize(
    ("place", "nlm"),
    [
        ("Cambridge, MA", "Cambridge (MA)"),
        ("New York, NY, USA", "New York (NY)"),
        ("Washington, D.C.", "Washington (DC)"),
        ("Vienna, Austria", "Vienna (Austria)"),
        ("St. Louis", "St. Louis"),
    ],
)
def test_nlm_puts_the_state_or_country_in_parentheses(place: str, nlm: str) -> None:
    book = item(author=ALICE, publisher="Mosby", **{"publisher-place": place})
    assert render([book], "vancouver") == f"1. Brown A. Title. {nlm}: Mosby; 2015.\n"
    assert render([book], "apa") == "Brown, A. (2015). Title. Mosby.\n"


@pytest.mark.parametrize(
    ("journal", "short", "nlm"),
    [
        (
            "Proceedings of the National Academy of Sciences",
            "Proc Natl Acad Sci",
            "Proc Natl Acad Sci U S A",
        ),
        ("Journal of the American Medical Association", "J Am Med Assoc", "JAMA"),
        ("PLoS ONE", "PLoS ONE", "PLoS One"),
        ("American Journal of Public Health", "Am J Public Heal", "Am J Public Health"),
        ("Hearing Research", "Hear Res", "Hear Res"),
        ("Journal of machine learning research", "J mach learn res", "J Mach Learn Res"),
    ],
)
def test_nlm_prints_nlm_catalog_abbreviations(journal: str, short: str, nlm: str) -> None:
    article = item(
        type="article-journal",
        author=ALICE,
        **{"container-title": journal, "container-title-short": short},
    )
    assert render([article], "vancouver") == f"1. Brown A. Title. {nlm}. 2015.\n"


def test_apa_cites_proceedings_without_editors_as_a_book() -> None:
    paper = item(
        type="paper-conference",
        author=ALICE,
        page="770-778",
        publisher="IEEE",
        **{"container-title": "Proceedings of the IEEE conference on computer vision"},
    )
    assert render([paper], "apa") == (
        "Brown, A. (2015). Title. In Proceedings of the IEEE Conference on Computer Vision "
        "(pp. 770–778). IEEE.\n"
    )
    serial = {**paper, "volume": "30", "container-title": "Advances in Neural Systems"}
    assert render([serial], "apa") == (
        "Brown, A. (2015). Title. Advances in Neural Systems, 30, 770–778.\n"
    )


def test_group_author_and_proper_phrases_named_in_a_title_keep_their_capitals() -> None:
    manual = item(
        author=[{"literal": "American Psychological Association"}],
        title="Publication Manual of the American Psychological Association",
    )
    assert "Publication manual of the American Psychological Association." in render(
        [manual], "apa"
    )
    study = item(author=ALICE, title="Ethnic Groups in the United States and New Zealand")
    assert "Ethnic groups in the United States and New Zealand." in render([study], "apa")


def test_a_title_wholly_in_braces_is_still_recased() -> None:
    mendeley = item(
        author=ALICE, title='<span class="nocase">Safety and Efficacy of the mRNA Vaccine</span>'
    )
    assert "Safety and efficacy of the mRNA vaccine." in render([mendeley], "apa")
    sentence = item(author=ALICE, title='<span class="nocase">Living in Paris</span>')
    assert "Living in Paris." in render([sentence], "apa")


def test_nlm_lowercases_the_first_word_after_a_colon() -> None:
    article = item(author=ALICE, title="Scikit-learn: Machine learning in Python")
    assert "Scikit-learn: machine learning in Python." in render([article], "vancouver")
    assert "Scikit-learn: Machine learning in Python." in render([article], "apa")


def test_google_scholar_arxiv_journal_is_a_preprint() -> None:
    bibtex = (
        "@article{k, title={Adam: A method for stochastic optimization}, author={Kingma, D P},"
        " journal={arXiv preprint arXiv:1412.6980}, year={2014}}\n"
        "@article{d, title={BERT}, author={Devlin, Jacob}, journal={CoRR}, volume={abs/1810.04805},"
        " year={2018}, eprinttype={arXiv}, eprint={1810.04805}}\n"
    )
    assert render_bibtex(bibtex, "apa") == (
        "Devlin, J. (2018). BERT (arXiv:1810.04805). arXiv. https://arxiv.org/abs/1810.04805\n"
        "Kingma, D. P. (2014). Adam: A method for stochastic optimization (arXiv:1412.6980). "
        "arXiv. https://arxiv.org/abs/1412.6980\n"
    )


@pytest.mark.parametrize(
    "note",
    [
        "Accessed: 2023-01-15",
        "[Online; accessed 15-January-2023]",
        "Last accessed January 15, 2023.",
    ],
)
def test_an_access_note_is_the_access_date(note: str) -> None:
    bibtex = (
        "@misc{w, author={{CDC}}, title={Flu}, howpublished={\\url{https://cdc.gov/flu}},"
        f" year={{2022}}, note={{{note}}}}}\n"
    )
    assert render_bibtex(bibtex, "vancouver") == (
        "1. CDC. Flu [Internet]. 2022 [cited 2023 Jan 15]. Available from: https://cdc.gov/flu\n"
    )


@pytest.mark.parametrize(
    ("journal", "apa", "nlm"),
    [
        ("Lancet (London, England)", "The Lancet", "Lancet"),
        ("BMJ (Clinical research ed.)", "BMJ", "BMJ"),
        ("Science (New York, N.Y.)", "Science", "Science"),
        (
            "Journal of clinical oncology : official journal of the American Society of "
            "Clinical Oncology",
            "Journal of Clinical Oncology",
            "J Clin Oncol",
        ),
        ("The New England journal of medicine", "The New England Journal of Medicine", None),
    ],
)
def test_pubmed_journal_titles_print_as_the_journal_name(
    journal: str, apa: str, nlm: str | None
) -> None:
    bibtex = (
        f"@article{{s, author={{Smith, J}}, title={{T}}, journal={{{journal}}}, year={{2017}}}}"
    )
    assert render_bibtex(bibtex, "apa") == f"Smith, J. (2017). T. {apa}.\n"
    if nlm is not None:
        assert render_bibtex(bibtex, "vancouver") == f"1. Smith J. T. {nlm}. 2017.\n"
