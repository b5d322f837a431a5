"""The field table, value converters, @preamble macros and crossref inheritance."""

from __future__ import annotations

import json
from typing import Any

import pytest
from click.testing import CliRunner

from citeconv.commands import main
from citeconv.normalize.preamble import expand, parse_definitions
from citeconv.normalize.values import (
    convert_doi,
    convert_isbn,
    convert_issn,
    convert_pages,
    convert_url,
)


def convert(bib: str, *options: str) -> tuple[list[dict[str, Any]], str, int]:
    result = CliRunner().invoke(main, ["convert", "-", "--to", "csl-json", *options], input=bib)
    return json.loads(result.stdout or "[]"), result.stderr, result.exit_code


@pytest.mark.parametrize(
    ("value", "doi"),
    [
        ("10.1000/xyz", "10.1000/xyz"),
        ("https://doi.org/10.1000/xyz", "10.1000/xyz"),
        ("http://dx.doi.org/10.1000/xyz", "10.1000/xyz"),
        ("doi:10.1000/xyz", "10.1000/xyz"),
        ("http://doi.acm.org/10.1145/1137627.1137631", "10.1145/1137627.1137631"),
        ("https://doi.ieeecomputersociety.org/10.1109/MIC.2008.67", "10.1109/MIC.2008.67"),
        ("\\url{https://www.doi.org/10.1093/nar/gku864}", "10.1093/nar/gku864"),
        (
            "10.1002/(SICI)1096-987X(199803)19:4<377::AID-JCC1>3.0.CO;2-P",
            "10.1002/(SICI)1096-987X(199803)19:4<377::AID-JCC1>3.0.CO;2-P",
        ),
    ],
)
def test_doi_is_bare(value: str, doi: str) -> None:
    assert convert_doi(value) == doi


@pytest.mark.parametrize("host", ["dx.doi.org", "doi.org", "doi.acm.org"])
def test_url_to_a_doi_resolver_is_the_doi(host: str) -> None:
    bib = f"@article{{a, title={{T}}, url={{http://{host}/10.1093/nar/gku864}}}}"
    items, _, _ = convert(bib)
    assert items[0]["DOI"] == "10.1093/nar/gku864"
    assert "URL" not in items[0]


def test_url_to_another_doi_or_site_is_kept() -> None:
    bib = "@article{a, doi={10.1/x}, url={https://doi.org/10.2/y}}"
    assert convert(bib)[0][0]["URL"] == "https://doi.org/10.2/y"
    bib = "@article{a, url={https://example.org/10.1093/nar/gku864}}"
    assert "DOI" not in convert(bib)[0][0]


def test_identifiers_and_pages() -> None:
    assert convert_issn("1234-5678 (Electronic)\n2345-6789 (Linking)") == "1234-5678, 2345-6789"
    assert convert_issn("0028-0836; 1476-4687") == "0028-0836, 1476-4687"
    assert convert_isbn("978-0-14-044926-6") == "978-0-14-044926-6"
    assert convert_pages("355--361") == "355-361"
    assert convert_pages("525\u2013-527") == "525-527"


def test_unmapped_fields_are_reported_as_info_and_kept_in_note_on_request() -> None:
    bib = "@article{a, title={T}, note={N}, groups={g1}, mrnumber={123}, year=2001}\n"
    items, stderr, code = convert(bib, "--verbose")
    assert (items[0]["note"], code) == ("N", 0)
    assert stderr == (
        "<stdin>:1: info[unmapped-field] entry 'a': field 'groups' has no CSL equivalent\n"
        "<stdin>:1: info[unmapped-field] entry 'a': field 'mrnumber' has no CSL equivalent\n"
    )
    kept, _, _ = convert(bib, "--keep-unmapped")
    assert kept[0]["note"] == "N\ngroups: g1\nmrnumber: 123"


def test_publisher_wins_over_organization_whatever_the_order() -> None:
    bib = "@inproceedings{a, organization={IEEE}, publisher={Springer}, title={T}, year=2001}"
    assert convert(bib)[0][0]["publisher"] == "Springer"


def test_language_becomes_bcp47() -> None:
    items, _, _ = convert(
        "@book{a, title={T}, langid={ngerman}}\n@book{b, title={T}, language={eng}}"
    )
    assert [item["language"] for item in items] == ["de", "en"]


def test_arxiv_eprint_gives_url_and_archive() -> None:
    bib = "@misc{a, title={T}, eprint={2005.12345}, eprinttype={arxiv}, year=2020}"
    item = convert(bib)[0][0]
    assert (item["URL"], item["archive"], item["archive_location"]) == (
        "https://arxiv.org/abs/2005.12345",
        "arXiv",
        "2005.12345",
    )


def test_keywords_keep_their_separators() -> None:
    items, _, _ = convert("@misc{a, keywords={x; y, z}}\n@misc{b, keywords={x, y}}")
    assert [item["keyword"] for item in items] == ["x; y, z", "x, y"]


def test_preamble_macros_are_expanded() -> None:
    macros = parse_definitions(
        r"\newcommand{\noopsort}[1]{} \def\ML{Machine Learning}"
        r"\newcommand\pair[2]{#2, #1}"
    )
    assert expand(r"{\noopsort{1973a}}1973", macros) == "{}1973"
    assert expand(r"Advances in \ML", macros) == "Advances in Machine Learning"
    assert expand(r"\pair{a}{b}", macros) == "b, a"
    tricky = parse_definitions(r"\def\ocirc#1{\ifmmode\hat{#1}\else{\accent23 #1}\fi}")
    assert tricky == {}  # TeX programming is left to the decoder


def test_crossref_follows_biblatex_inheritance_rules() -> None:
    bib = """
@proceedings{P, title={Proc. of X}, editor={Ed, Ed}, publisher={ACM}, year=2019, shorttitle={PX}}
@inproceedings{c, author={Au, A}, title={Paper}, crossref={p}, pages={1--2}}
@mvbook{M, title={Collected Works}, author={Shakespeare, William}, year=1990}
@inbook{i, title={Hamlet}, crossref={M}, pages={5--9}}
"""
    items, stderr, code = convert(bib)
    child = items[1]
    assert (child["title"], child["container-title"], child["publisher"]) == (
        "Paper",
        "Proc. of X",
        "ACM",
    )
    assert "title-short" not in child  # shorttitle is not inherited
    assert child["issued"] == {"date-parts": [[2019]]}
    inbook = items[3]
    assert inbook["container-title"] == "Collected Works"
    assert inbook["author"] == [{"family": "Shakespeare", "given": "William"}]
    assert inbook["container-author"] == inbook["author"]
    assert (stderr, code) == ("", 0)


def test_missing_parent_cycle_and_xdata() -> None:
    bib = """@xdata{pub, publisher={Springer}, location={Berlin}}
@book{b, title={B}, xdata={pub}, year=2000}
@incollection{o, title={O}, crossref={none}, year=2000}
@book{x, title={X}, crossref={y}}
@book{y, title={Y}, crossref={x}}
"""
    items, stderr, code = convert(bib)
    assert [item["id"] for item in items] == ["b", "o", "x", "y"]
    assert (items[0]["publisher"], items[0]["publisher-place"]) == ("Springer", "Berlin")
    assert stderr == (
        "<stdin>:3: warning[unresolved-crossref] entry 'o': crossref 'none' names no entry; "
        "nothing inherited\n"
        "<stdin>:5: warning[crossref-cycle] entry 'y': crossref cycle x -> y -> x; not followed\n"
    )
    assert code == 0


def test_unknown_command_is_reported_once_per_file() -> None:
    bib = "@misc{a, title={\\foo{A}}}\n@misc{b, title={\\foo{B}}}\n"
    items, stderr, code = convert(bib)
    assert ([item["title"] for item in items], code) == (["A", "B"], 0)
    assert stderr == (
        "<stdin>:1: warning[unknown-command] entry 'a': unknown LaTeX command '\\foo' kept as "
        "its text (reported once per file)\n"
    )


@pytest.mark.parametrize(
    ("value", "url"),
    [
        (r"https://example.org/Open\%20science", "https://example.org/Open%20science"),
        (r"\url{http://a.org/x\_y\#z\&w}", "http://a.org/x_y#z&w"),
        (r"http://a.org/\~{}user", "http://a.org/~user"),
        ("http://a.org/plain", "http://a.org/plain"),
    ],
)
def test_urls_lose_tex_escapes(value: str, url: str) -> None:
    assert convert_url(value) == url


@pytest.mark.parametrize(
    "value", ["http://dx.doi.org/10.1/a_b", r"doi:10.1/a\_b", r"\url{https://doi.org/10.1/a_b}"]
)
def test_doi_prefixes_and_escapes_leave_a_bare_doi(value: str) -> None:
    assert convert_doi(value) == "10.1/a_b"


def test_bibstrings_series_and_original_year() -> None:
    items, err, code = convert(
        "@book{a, title = {T}, series = {newseries}, location = {countryuk}, origyear = 1959,"
        " year = 1997}\n@article{b, title = {T}, journal = {J}, series = 3, year = 1958}\n"
        "@patent{c, title = {T}, type = {patreqfr}, year = 2000}\n"
    )
    assert (code, err) == (0, "")
    assert items[0]["collection-title"] == "new series"
    assert items[0]["publisher-place"] == "United Kingdom"
    assert items[0]["original-date"] == {"date-parts": [[1959]]}
    assert items[1]["collection-title"] == "3rd series"
    assert items[2]["genre"] == "French patent request"


def test_a_field_that_loses_its_variable_is_reported_unless_it_says_the_same() -> None:
    items, err, code = convert(
        "@article{a, title = {T}, journal = {Journal One}, journaltitle = {Journal Two},"
        " year = 2000}\n@thesis{b, title = {T}, school = {MIT}, publisher = {MIT}, year = 2000}\n"
    )
    assert code == 0
    assert items[0]["container-title"] == "Journal Two"
    assert err == (
        "<stdin>:1: warning[unmapped-field] entry 'a': field 'journal' not used: "
        "'container-title' is already set from another field\n"
    )
