"""Citing Medicine for proceedings in a numbered series, reports that name their kind and
`howpublished` descriptions (issue 13): each class beyond the acceptance set's examples."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from citeconv.commands import main


def render(bibtex: str, style: str, *extra: str) -> str:
    result = CliRunner().invoke(
        main, ["convert", "--from", "bibtex", "--to", style, "--no-cache", *extra], input=bibtex
    )
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    return result.stdout


@pytest.mark.parametrize(
    ("booktitle", "extra", "expected"),
    [
        (
            "Proceedings of SPIE",
            "volume = {7740}, pages = {77401I}, publisher = {SPIE}, address = {Bellingham, WA}",
            "1. Roe R. Adaptive optics. Proc SPIE. 2010;7740:77401I.\n",
        ),
        (
            "Advances in Neural Information Processing Systems",
            "volume = {30}, pages = {5998--6008}, publisher = {Curran Associates, Inc.}",
            "1. Roe R. Adaptive optics. Adv Neural Inf Process Syst. 2010;30:5998-6008.\n",
        ),
    ],
)
def test_nlm_cites_proceedings_numbered_without_editors_as_a_journal(
    booktitle: str, extra: str, expected: str
) -> None:
    entry = (
        "@inproceedings{k, author = {Roe, Richard}, title = {Adaptive Optics}, "
        f"booktitle = {{{booktitle}}}, year = {{2010}}, {extra}}}\n"
    )
    assert render(entry, "vancouver") == expected


def test_nlm_keeps_proceedings_without_a_volume_as_a_book() -> None:
    entry = (
        "@inproceedings{k, author = {Roe, Richard}, title = {Adaptive Optics}, "
        "booktitle = {Proceedings of the Optics Meeting}, year = {2010}, pages = {1--9}, "
        "publisher = {SPIE}, address = {Bellingham, WA}}\n"
    )
    assert render(entry, "vancouver") == (
        "1. Roe R. Adaptive optics. In: Proceedings of the Optics Meeting. "
        "Bellingham (WA): SPIE; 2010. p. 1-9.\n"
    )


@pytest.mark.parametrize("markup", ["text", "html"])
def test_nlm_prints_a_series_volume_with_its_series_and_no_internet_edition(markup: str) -> None:
    """Citing Medicine ch. 3 (series): `(Lecture Notes in Computer Science; vol. 9905)` at the
    end, not `Vol. 9905` after the proceedings' title, and the series is never lost."""
    entry = (
        "@inproceedings{k, author = {Roe, Richard}, title = {Adaptive Optics}, "
        "booktitle = {Computer Vision -- ECCV 2016}, editor = {Leibe, Bastian}, "
        "series = {Lecture Notes in Computer Science}, volume = {9905}, pages = {21--37}, "
        "publisher = {Springer}, address = {Cham}, year = {2016}, "
        "url = {https://example.org/eccv/21}}\n"
    )
    line = (
        "Roe R. Adaptive optics. In: Leibe B, editor. Computer vision – ECCV 2016. "
        "Cham: Springer; 2016. p. 21-37. (Lecture Notes in Computer Science; vol. 9905). "
        "Available from: https://example.org/eccv/21"
    )
    output = render(entry, "vancouver", "--markup", markup)
    assert line in output
    assert "\ue0a3" not in output and "Internet" not in output


@pytest.mark.parametrize(
    ("kind", "number", "expected"),
    [
        ("Technical Report", "TR-2020-7", "Technical Report No.: TR-2020-7."),
        ("technical report", "12", "Technical report No.: 12."),
        ("Working Paper No.", "4509", "Working Paper No.: 4509."),
        ("", "800-171r2", "Report No.: 800-171r2."),
    ],
)
def test_nlm_prints_a_reports_kind_with_its_number_not_in_brackets(
    kind: str, number: str, expected: str
) -> None:
    typed = f"type = {{{kind}}}, " if kind else ""
    entry = (
        "@techreport{k, author = {Roe, Richard}, title = {Fast Food Wages}, "
        f"institution = {{Agency}}, {typed}number = {{{number}}}, year = {{1993}}}}\n"
    )
    assert render(entry, "vancouver") == f"1. Roe R. Fast food wages. Agency; 1993. {expected}\n"


@pytest.mark.parametrize("description", ["Lecture notes", "Unpublished manuscript", "Slides"])
def test_nlm_prints_no_description_as_a_publisher(description: str) -> None:
    entry = (
        "@misc{k, author = {Roe, Richard}, title = {Fast Food Wages}, year = {2021}, "
        f"howpublished = {{{description}}}}}\n"
    )
    assert render(entry, "vancouver") == "1. Roe R. Fast food wages. 2021.\n"
    assert f"[{description}]" in render(entry, "apa")


def test_nlm_keeps_a_howpublished_publisher() -> None:
    entry = (
        "@misc{k, author = {Roe, Richard}, title = {Fast Food Wages}, year = {2021}, "
        "howpublished = {Oxford University Press}}\n"
    )
    assert render(entry, "vancouver") == (
        "1. Roe R. Fast food wages. Oxford University Press; 2021.\n"
    )
