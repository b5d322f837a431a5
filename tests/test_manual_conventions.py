"""APA 7 and Citing Medicine where the CSL files print something else (issue 13).

Each expectation is the manual's own form; tests/KNOWN_DIFFERENCES.md names the section."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from citeconv.commands import main
from citeconv.journals import (
    JournalTables,
    abbreviate_with,
    abbreviates,
    abbreviation_form,
    with_periods,
)
from citeconv.rendering.journal_names import journal_form
from citeconv.rendering.nlm import PAGE_HYPHEN, elide_page_range
from citeconv.styles import resolve_style


def render(bibtex: str, style: str, *extra: str) -> str:
    result = CliRunner().invoke(
        main, ["convert", "--from", "bibtex", "--to", style, "--no-cache", *extra], input=bibtex
    )
    assert result.exit_code == 0, result.stderr
    return result.stdout


def article(**fields: str) -> str:
    base = {"author": "Smith, John", "title": "A study", "year": "2015", "volume": "190"}
    body = ", ".join(f"{key} = {{{value}}}" for key, value in {**base, **fields}.items())
    return f"@article{{k, {body}}}\n"


@pytest.mark.parametrize(
    ("first", "last", "nlm"),
    [
        ("314", "320", "314-20"),
        ("1199", "1205", "1199-205"),
        ("318", "362", "318-62"),
        ("770", "778", "770-8"),
        ("906", "10", "906-10"),
        ("98", "102", "98-102"),
        ("5998", "6008", "5998-6008"),
        ("S117", "S122", "S117-22"),
        ("S117", "22", "S117-22"),
        ("e00809", "16", "e00809-16"),
        ("xii", "xv", "xii-xv"),
        ("12", "12", "12"),
    ],
)
def test_nlm_elides_page_ranges_with_a_hyphen(first: str, last: str, nlm: str) -> None:
    assert elide_page_range(first, last).replace(PAGE_HYPHEN, "-") == nlm


def test_vancouver_prints_a_hyphen_and_apa_an_en_dash() -> None:
    bib = article(journal="International Journal of Cardiology", pages="314--320")
    assert render(bib, "vancouver") == ("1. Smith J. A study. Int J Cardiol. 2015;190:314-20.\n")
    assert render(bib, "apa") == (
        "Smith, J. (2015). A study. International Journal of Cardiology, 190, 314–320.\n"
    )
    assert "pp. 314–320" in render(bib, "ieee")


def test_an_issue_range_takes_an_en_dash_and_a_report_number_keeps_its_hyphen() -> None:
    # citeproc-js prints a numeric range in issue or volume with an en dash (fullstyles_ABdNT)
    bib = article(journal="Journal of Things", number="3-4", pages="1--5") + (
        "@techreport{r, author = {Doe, Jane}, title = {Report}, year = {1999},"
        " institution = {Lab}, number = {99-02}}\n"
    )
    assert render(bib, "apa") == (
        "Doe, J. (1999). Report (Report 99-02). Lab.\n"
        "Smith, J. (2015). A study. Journal of Things, 190(3–4), 1–5.\n"
    )
    assert render(bib, "ieee").splitlines() == [
        "[1] J. Smith, “A study,” J. Things, vol. 190, no. 3–4, pp. 1–5, 2015.",
        "[2] J. Doe, “Report,” Lab, 99-02, 1999.",
    ]
    assert "2015;190(3-4):1-5." in render(bib, "vancouver")  # NLM output as it was


def test_vancouver_chapter_pages_and_lists_of_ranges() -> None:
    bib = (
        "@incollection{c, author = {Doe, Jane}, editor = {Roe, Ann}, title = {Errors},"
        " booktitle = {Measurement}, publisher = {Mosby}, address = {St. Louis},"
        " year = {2010}, pages = {101-130, 1199-1205}}\n"
    )
    assert render(bib, "vancouver") == (
        "1. Doe J. Errors. In: Roe A, editor. Measurement. St. Louis: Mosby; 2010. "
        "p. 101-30, 1199-205.\n"
    )


def test_doi_takes_a_period_before_the_pmid_and_is_printed_once() -> None:
    bib = article(
        journal="International Journal of Cardiology",
        pages="314-320",
        doi="10.1016/j.ijcard.2015.03.075",
        pmid="25966015",
    )
    assert render(bib, "vancouver") == (
        "1. Smith J. A study. Int J Cardiol. 2015;190:314-20. "
        "doi:10.1016/j.ijcard.2015.03.075. PubMed PMID: 25966015.\n"
    )
    book = (
        "@book{b, author = {Doe, Jane}, title = {Methods}, publisher = {Mosby},"
        " address = {St. Louis}, year = {2010}, doi = {10.1000/xyz},"
        " url = {https://doi.org/10.1000/xyz}}\n"
    )
    assert render(book, "vancouver") == (
        "1. Doe J. Methods. St. Louis: Mosby; 2010. doi:10.1000/xyz\n"
    )


def test_web_pages_and_misc_keep_their_month_in_vancouver() -> None:
    bib = (
        "@misc{w, author = {{World Health Organization}}, title = {Obesity and overweight},"
        " year = {2015}, month = nov, url = {https://www.who.int/obesity},"
        " urldate = {2020-01-02}}\n"
    )
    assert render(bib, "vancouver") == (
        "1. World Health Organization. Obesity and overweight [Internet]. 2015 Nov "
        "[cited 2020 Jan 2]. Available from: https://www.who.int/obesity\n"
    )
    assert "[Internet]. 2015 [zitiert" in render(bib, "vancouver", "--locale", "de-DE")


def test_pubmed_qualifier_and_journal_series_are_not_printed() -> None:
    bib = article(
        journal="Clinical Neurophysiology: Official Journal of the International Federation"
        " of Clinical Neurophysiology",
        pages="1199-1205",
    )
    assert (
        render(bib, "vancouver") == "1. Smith J. A study. Clin Neurophysiol. 2015;190:1199-205.\n"
    )
    series = article(journal="The William and Mary Quarterly", series="3", volume="15")
    assert render(series, "vancouver") == "1. Smith J. A study. William Mary Q. 2015;15.\n"
    assert render(series, "apa") == (
        "Smith, J. (2015). A study. The William and Mary Quarterly, 15.\n"
    )


def test_apa_prints_a_web_page_without_dates_with_its_url_alone() -> None:
    bib = "@online{n, title = {Evaluated nuclear data library}, url = {https://example.org/endf}}\n"
    assert (
        render(bib, "apa") == "Evaluated nuclear data library. (n.d.). https://example.org/endf\n"
    )
    dated = bib.replace("}}", "}, urldate = {2020-01-02}}")
    assert "Retrieved January 2, 2020, from https://example.org/endf" in render(dated, "apa")


@pytest.mark.parametrize(
    "field",
    [
        "pages = {P10008}",
        "eid = {P10008}",
        "pages = {e011072}",
        "eid = {e011072}",
        "articleno = {P10008}",
        "article-number = {e011072}",
    ],
)
def test_apa_prints_article_numbers_in_every_form(field: str) -> None:
    number = field.split("{")[1].rstrip("}")
    bib = f"@article{{k, author = {{Doe, J.}}, title = {{T}}, journal = {{J}}, {field},"
    bib += " volume = 8, year = 2019}\n"
    assert render(bib, "apa") == f"Doe, J. (2019). T. J, 8, Article {number}.\n"


@pytest.mark.parametrize(
    ("style", "form"),
    [
        ("vancouver", "nlm"),
        ("american-medical-association", "nlm"),
        ("ieee", "iso4"),
        ("nature", "iso4"),
        ("american-chemical-society", "iso4"),
        ("american-physics-society", "iso4"),
        ("apa", None),
        ("harvard", None),
    ],
)
def test_the_style_file_says_how_it_abbreviates_journals(style: str, form: str | None) -> None:
    assert journal_form(resolve_style(style).path, None) == form


@pytest.mark.parametrize(
    ("journal", "nlm", "iso4"),
    [
        ("Journal of Political Economy", "J Polit Econ", "J. Polit. Econ."),
        ("PS: Political Science \\& Politics", "PS Polit Sci Polit", "PS Polit. Sci. Polit."),
        (
            "ACM Transactions on Reconfigurable Technology and Systems (TRETS)",
            "ACM Trans Reconfigurable Technol Syst",
            "ACM Trans. Reconfigurable Technol. Syst.",
        ),
        ("Angewandte Chemie International Edition", "Angew Chem Int Ed", "Angew. Chem. Int. Ed."),
        ("British Journal of Cancer", "Br J Cancer", "Br. J. Cancer"),
        ("Frontiers in Neuroscience", "Front Neurosci", "Front. Neurosci."),
        ("IEEE Transactions on Signal Processing", "IEEE Trans Signal Process", None),
        ("Proceedings of the National Academy of Sciences", "Proc Natl Acad Sci U S A", None),
        ("JAMA", "JAMA", "JAMA"),
        ("PLOS ONE", "PLoS One", "PLoS One"),
    ],
)
def test_journal_abbreviations_per_style_family(journal: str, nlm: str, iso4: str | None) -> None:
    bib = article(journal=journal)
    assert f" {nlm}. 2015;190." in render(bib, "vancouver")
    expected = iso4 or with_periods(nlm, journal)
    assert f",” {expected}, vol. 190, 2015." in render(bib, "ieee")


def test_ieee_signal_processing_and_pnas_with_periods() -> None:
    assert with_periods("IEEE Trans Signal Process", "IEEE Transactions on Signal Processing") == (
        "IEEE Trans. Signal Process."
    )
    pnas = "Proceedings of the National Academy of Sciences of the United States of America"
    assert with_periods("Proc Natl Acad Sci U S A", pnas) == "Proc. Natl. Acad. Sci. U. S. A."


def test_a_shortjournal_is_used_only_when_it_abbreviates_the_title() -> None:
    siglum = article(journal="Archiv für Wissenschaft", shortjournal="AW", language="german")
    assert " Arch Wiss. 2015;190." in render(siglum, "vancouver")
    assert " AW." not in render(siglum, "vancouver")
    own = article(journal="British Journal of Cancer", shortjournal="Brit. J. Cancer")
    assert " Brit J Cancer. 2015;190." in render(own, "vancouver")
    assert ",” Brit. J. Cancer, vol. 190" in render(own, "ieee")
    assert abbreviates("Proc Natl Acad Sci", "Proceedings of the National Academy of Sciences")
    assert not abbreviates("BJb", "Berliner Jahrbuch")


def test_abbreviation_form_reads_the_short_title_elements() -> None:
    short = {"variable": "container-title", "form": "short"}
    assert abbreviation_form([short, {"variable": "title"}]) == "iso4"
    assert abbreviation_form([{**short, "strip-periods": "true"}]) == "nlm"
    assert abbreviation_form([{"variable": "container-title"}]) is None


def render_json(items: list[dict[str, object]], style: str) -> str:
    result = CliRunner().invoke(
        main,
        ["convert", "--from", "csl-json", "--to", style, "--no-cache"],
        input=json.dumps(items),
    )
    assert result.exit_code == 0, result.stderr
    return result.stdout


def test_apa_prints_the_original_date_and_a_description_once() -> None:
    freud = {
        "id": "f",
        "type": "book",
        "author": [{"family": "Freud", "given": "Sigmund"}],
        "translator": [{"family": "Strachey", "given": "James"}],
        "title": "The interpretation of dreams",
        "publisher": "Basic Books",
        "issued": {"date-parts": [[2010]]},
        "original-date": {"date-parts": [[1900]]},
    }
    assert render_json([freud], "apa") == (
        "Freud, S. (2010). The interpretation of dreams (J. Strachey, Trans.). Basic Books. "
        "(Original work published 1900)\n"
    )
    beowulf = {
        "id": "b",
        "type": "book",
        "title": "Beowulf",
        "translator": [{"family": "Heaney", "given": "Seamus"}],
        "publisher": "Norton",
        "issued": {"date-parts": [[2000]]},
    }
    dictionary = {
        "id": "d",
        "type": "book",
        "title": "Merriam-Webster's collegiate dictionary",
        "edition": "11",
        "publisher": "Merriam-Webster",
        "issued": {"date-parts": [[2003]]},
    }
    assert render_json([beowulf, dictionary], "apa") == (
        "Beowulf (S. Heaney, Trans.). (2000). Norton.\n"
        "Merriam-Webster’s collegiate dictionary (11th ed.). (2003). Merriam-Webster.\n"
    )


def test_abbreviation_logic_takes_its_tables_as_data() -> None:
    tables = JournalTables(
        catalog={"journal of things": "J Things Cat"},
        whole_words={"Heal": "Health"},
        ltwa_gaps={"political": "Polit"},
    )

    def iso4(title: str) -> str:
        return {"Public Health": "Public Heal.", "Political Review": "Political Rev."}[title]

    assert abbreviate_with("The Journal of Things", tables, iso4) == "J Things Cat"
    assert abbreviate_with("Public Health", tables, iso4) == "Public Health"
    assert abbreviate_with("Political Review (PR)", tables, iso4) == "Polit Rev"
    assert abbreviate_with("Political Review: Official Journal of X", tables, iso4) == "Polit Rev"


@given(st.integers(min_value=1, max_value=99_999), st.integers(min_value=0, max_value=99_999))
def test_an_elided_range_drops_exactly_the_shared_leading_digits(first: int, span: int) -> None:
    low, high = str(first), str(first + span)
    elided = elide_page_range(low, high)
    if span == 0:
        assert elided == low
        return
    start, end = elided.split(PAGE_HYPHEN)
    assert start == low
    if len(low) != len(high):
        assert end == high
    else:
        shared = next(i for i, (a, b) in enumerate(zip(low, high, strict=True)) if a != b)
        assert end == high[shared:] and low[:shared] + end == high
