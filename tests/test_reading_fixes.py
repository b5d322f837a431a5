"""What a new user found in real exports: DOI links, PubMed suffixes, equal page ranges,
thesis genres, article numbers, trailing separators and preprints of published articles."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from citeconv.commands import main


def render(bibtex: str, style: str) -> str:
    result = CliRunner().invoke(
        main, ["convert", "--from", "bibtex", "--to", style, "--no-cache"], input=bibtex
    )
    assert result.exit_code == 0, result.stderr
    return result.stdout


def check(bibtex: str) -> str:
    result = CliRunner().invoke(main, ["check", "-"], input=bibtex)
    return result.stdout + result.stderr


ARTICLE = "@article{k, author={Leek, J. T.}, title={svaseq}, journal={Nucleic Acids Research},"
ARTICLE += " volume={42}, year={2014}, %s}\n"


@pytest.mark.parametrize(
    "field",
    [
        "doi={http://doi.acm.org/10.1093/nar/gku864}",
        "doi={https://doi.ieeecomputersociety.org/10.1093/nar/gku864}",
        "url={http://dx.doi.org/10.1093/nar/gku864}",
    ],
)
def test_doi_resolver_links_print_as_the_doi(field: str) -> None:
    bib = ARTICLE % field
    assert render(bib, "apa").rstrip().endswith(" https://doi.org/10.1093/nar/gku864")
    vancouver = render(bib, "vancouver")
    assert vancouver.rstrip().endswith(" doi:10.1093/nar/gku864")
    assert "Internet" not in vancouver and "Available from" not in vancouver
    assert "DOI" not in check(bib) and "not a DOI" not in check(bib)


def test_pubmed_suffix_after_the_given_name() -> None:
    bib = "@article{k, author={Koralek, A. C. and Long, J. D., 2nd}, title={T}, year={2012}}\n"
    assert "Koralek, A. C., & Long, J. D., 2nd. (2012)" in render(bib, "apa")
    assert "Koralek AC, Long JD 2nd." in render(bib, "vancouver")


def test_braced_word_and_contributors_is_a_group() -> None:
    bib = "@misc{k, author={{BIDS} contributors}, title={Brain imaging data}, year={2020}}\n"
    assert render(bib, "apa").startswith("BIDS contributors. (2020)")


@pytest.mark.parametrize(("pages", "apa"), [("14--14", "(p. 14)"), ("14--15", "(pp. 14–15)")])
def test_a_range_with_equal_ends_is_one_page(pages: str, apa: str) -> None:
    bib = (
        "@incollection{k, author={Smith, John}, title={T}, booktitle={The book},"
        f" editor={{Doe, Jane}}, publisher={{P}}, year={{2015}}, pages={{{pages}}}}}\n"
    )
    assert apa in render(bib, "apa")
    assert "123." in render(ARTICLE % "pages={123--123}", "apa")


@pytest.mark.parametrize(
    "kind", ["PhD thesis", "Ph.D. dissertation", "doctoral thesis", "{PhD} Dissertation"]
)
def test_a_phd_type_is_a_doctoral_dissertation(kind: str) -> None:
    bib = f"@phdthesis{{k, author={{deBraga, M.}}, title={{T}}, school={{U}}, type={{{kind}}},"
    bib += " year={2001}}\n"
    assert "[Unpublished doctoral dissertation]. U." in render(bib, "apa")


def test_a_title_ending_in_a_comma_loses_it() -> None:
    bib = "@inproceedings{k, author={Yam, O.}, title={T}, booktitle={IX Meeting,}, volume={1},"
    bib += " pages={80}, year={1998}}\n"
    assert "IX Meeting, 1, 80." in render(bib, "apa")


def test_article_number_repeated_as_page_is_printed_once() -> None:
    bib = (
        "@inproceedings{k, author={Gaudet, S.}, editor={Radziwill, N. M.}, title={CANFAR},"
        " booktitle={Software and Cyberinfrastructure for Astronomy}, year={2010},"
        " series={SPIE Conference Series}, volume={7740}, eid={77401I}, pages={77401I}}\n"
    )
    apa = render(bib, "apa")
    assert "(Vol. 7740, Article 77401I)" in apa and "No." not in apa


def test_the_preprint_of_a_published_article_is_not_printed() -> None:
    bib = ARTICLE % "doi={10.1093/nar/gku864}, archivePrefix={arXiv}, eprint={0812.0649}"
    assert "0812.0649" not in render(bib, "apa")
    assert "0812.0649" not in render(bib, "vancouver")
    preprint = "@article{k, author={A, B}, title={T}, year={2019}, eprinttype={arxiv},"
    preprint += " eprint={1912.02905}}\n"
    assert "1912.02905" in render(preprint, "apa")


@pytest.mark.parametrize(
    ("journal", "nlm"),
    [
        ("journal={BMC Bioinformatics}, shortjournal={BMC Bioinform.}", "BMC Bioinformatics."),
        ("journal={F1000Research}", "F1000Res."),
        ("journal={NeuroImage}", "Neuroimage."),
        ("journal={Neuroimage}", "Neuroimage."),
        ("journal={Journal of Foo Research}, shortjournal={J. Foo Res.}", "J Foo Res."),
    ],
)
def test_nlm_prints_the_catalog_abbreviation_without_periods(journal: str, nlm: str) -> None:
    bib = f"@article{{k, author={{Li, Bo}}, title={{T}}, {journal}, volume={{12}}, "
    bib += "year={2011}}\n"
    assert f"T. {nlm} 2011;12." in render(bib, "vancouver")
