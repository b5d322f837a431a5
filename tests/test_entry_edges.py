"""An entry's first and last characters as citeproc-js prints them: a style's leading space
stays (fixtures bugreports_parenthesis, date_AccessedCrash); the right-inline column of a
second-field-align style ends at its last printed character (variables_ContainerTitleShort)."""

from __future__ import annotations

from pathlib import Path

import pytest

import citeconv

STYLE = """<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><id>edges</id><title>Edges</title><updated>2024-01-01T00:00:00+00:00</updated></info>
  <citation><layout><text variable="title"/></layout></citation>
  <bibliography{align}>
    <layout>
      {number}
      <names variable="author"/>
      <date variable="issued" prefix=" (" suffix=")"><date-part name="year"/></date>
      <text variable="title" prefix=" " suffix=". "/>
    </layout>
  </bibliography>
</style>
"""
NUMBER = '<text variable="citation-number" suffix=". "/>'


def _render(tmp_path: Path, items: list[dict[str, object]], *, aligned: bool) -> str:
    style = tmp_path / "edges.csl"
    filled = STYLE.format(
        align=' second-field-align="flush"' if aligned else "", number=NUMBER if aligned else ""
    )
    style.write_text(filled, encoding="utf-8")
    return citeconv.render(items, str(style), "html", title_case="keep").value


def test_a_prefix_space_before_an_entry_with_no_author_is_kept(tmp_path: Path) -> None:
    item = {"id": "a", "type": "book", "issued": {"date-parts": [[2006]]}}
    assert _render(tmp_path, [item], aligned=False) == '<div class="csl-entry"> (2006)</div>\n'


def test_others_as_the_only_name_still_prints_et_al_alone(tmp_path: Path) -> None:
    item = {"id": "a", "type": "book", "author": [{"literal": "others"}], "title": "T"}
    assert _render(tmp_path, [item], aligned=False) == ('<div class="csl-entry">et al. T. </div>\n')


def test_the_trailing_space_of_the_right_inline_column_is_dropped(tmp_path: Path) -> None:
    item = {"id": "a", "type": "book", "author": [{"family": "Doe", "given": "J."}], "title": "T"}
    assert _render(tmp_path, [item], aligned=True) == (
        '<div class="csl-entry"><div class="csl-left-margin">1. </div>'
        '<div class="csl-right-inline">J. Doe T.</div></div>\n'
    )


def test_a_plain_entry_keeps_the_trailing_space_of_its_last_suffix(tmp_path: Path) -> None:
    item = {"id": "a", "type": "book", "author": [{"family": "Doe", "given": "J."}], "title": "T"}
    assert _render(tmp_path, [item], aligned=False) == ('<div class="csl-entry">J. Doe T. </div>\n')


def test_and_others_takes_the_locales_et_al_term_as_a_shortened_list_does() -> None:
    """`and others` prints what the style prints when it shortens a list itself: the locale's
    `et-al` term (`i in.` in Polish, `и др.` in Russian), in the list and in citations."""
    others = {"id": "a", "type": "book", "title": "T", "issued": {"date-parts": [[2020]]}}
    others["author"] = [{"family": "Kowalski", "given": "Jan"}, {"literal": "others"}]
    many = {**others, "id": "b", "title": "U"}
    many["author"] = [{"family": f"N{i}", "given": "A"} for i in range(3)]
    clusters = [
        citeconv.Cluster((citeconv.CiteItem("a"),)),
        citeconv.Cluster((citeconv.CiteItem("b"),)),
    ]
    for locale, term in (("en-US", "et al."), ("pl-PL", "i in."), ("ru-RU", "и др.")):
        listed = citeconv.render([others], "apa", locale=locale).value
        assert listed.startswith(f"Kowalski, J., {term} (2020)")
        cited = citeconv.cite([others, many], clusters, "apa", locale=locale).value.clusters
        assert cited == (f"(Kowalski {term}, 2020)", f"(N0 {term}, 2020)")


def test_an_et_al_term_with_an_ampersand_is_escaped_in_html() -> None:
    item = {"id": "o", "type": "book", "title": "T", "issued": {"date-parts": [[2020]]}}
    item["author"] = [{"family": "Smith", "given": "John"}, {"literal": "others"}]
    html = citeconv.render([item], "myrmecological-news", "html").value
    assert "Smith, J. &#38; al." in html and "& al." not in html  # no comma: its `contextual`
    assert citeconv.render([item], "myrmecological-news").value.startswith("Smith, J. & al. ")


OTHERS = {
    "id": "o",
    "type": "article-journal",
    "title": "A study",
    "container-title": "J",
    "issued": {"date-parts": [[2020]]},
    "author": [{"family": "Roe", "given": "Jane"}, {"literal": "others"}],
}
MANY = {
    **OTHERS,
    "id": "m",
    "title": "Many",
    "issued": {"date-parts": [[2021]]},
    "author": [{"family": f"Roe{'x' * i}", "given": "Jane"} for i in range(8)],
}
MANY["author"][0] = {"family": "Roe", "given": "Jane"}


@pytest.mark.parametrize(
    ("style", "entry", "citation"),
    [
        # The style's <et-al font-style="italic"/>: a list it shortens and `and others` alike,
        # so the two works by Roe et al. group as one author.
        (
            "acta-chiropterologica",
            "Roe</span>, J. et al. 2020.",
            "(Roe <i>et al.</i>, 2020, 2021)",
        ),
        ("ieee", "J. Roe <i>et al.</i>, “A study,” <i>J</i>, 2020.", "[1], [2]"),
        # <et-al term="and others"/>, which the style's locale calls `and Coauthors`.
        ("american-meteorological-society", "Roe, J., and Coauthors, 2020:", None),
        # One name, printed family first: the delimiter before et al., as Citing Medicine and
        # APA write it (other styles print what their own `contextual` does: none).
        ("vancouver", "Roe J, et al. A study. J. 2020.", "(1,2)"),
        ("apa", "Roe, J., et al. (2020). A study. <i>J</i>.", "(Roe et al., 2020, 2021)"),
    ],
)
def test_and_others_prints_the_styles_own_et_al(
    style: str, entry: str, citation: str | None
) -> None:
    listed = citeconv.render([OTHERS], style, "html").value
    assert entry in listed
    clusters = [citeconv.Cluster((citeconv.CiteItem("o"), citeconv.CiteItem("m")))]
    cited = citeconv.cite([OTHERS, MANY], clusters, style).value.clusters
    if citation is not None:
        assert cited == (citation,)
