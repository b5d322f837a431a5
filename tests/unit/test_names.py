"""BibTeX names -> CSL names (readers/bibtex.py split_names + normalize/names.py)."""

from __future__ import annotations

import pytest

from citeconv.csl import CslName
from citeconv.normalize.names import is_et_al, to_csl_name
from citeconv.readers.bibtex import split_names


def convert(value: str) -> list[CslName]:
    return [
        {"literal": "others"} if is_et_al(name) else to_csl_name(name)
        for name in split_names(value)
    ]


@pytest.mark.parametrize(
    ("bibtex", "csl"),
    [
        ("Donald E. Knuth", {"family": "Knuth", "given": "Donald E."}),
        ("Knuth, Donald E.", {"family": "Knuth", "given": "Donald E."}),
        (
            "Laurens van der Maaten",
            {"family": "Maaten", "given": "Laurens", "non-dropping-particle": "van der"},
        ),
        (
            "van der Maaten, Laurens",
            {"family": "Maaten", "given": "Laurens", "non-dropping-particle": "van der"},
        ),
        ("King, Jr., Martin Luther", {"family": "King", "given": "Martin Luther", "suffix": "Jr."}),
        ("Gates, III, William", {"family": "Gates", "given": "William", "suffix": "III"}),
        ("Long, J. D., 2nd", {"family": "Long", "given": "J. D.", "suffix": "2nd"}),
        ("Smith, Anna, Jr.", {"family": "Smith", "given": "Anna", "suffix": "Jr."}),
        ("{BIDS} contributors", {"literal": "BIDS contributors"}),
        ("{R} Core Team", {"literal": "R Core Team"}),
        ("{World Health Organization}", {"literal": "World Health Organization"}),
        ("{{Bill and Melinda Gates Foundation}}", {"literal": "Bill and Melinda Gates Foundation"}),
        ("Ortega, N.K.", {"family": "Ortega", "given": "N. K."}),
        ("Dupont, G.-A.", {"family": "Dupont", "given": "G.-A."}),
        ("Donald~E. Knuth", {"family": "Knuth", "given": "Donald E."}),
        ('M{\\"u}ller, J{\\"u}rgen', {"family": "Müller", "given": "Jürgen"}),
        (
            "family=Gruyter, prefix=de, given=Walter",
            {"family": "Gruyter", "given": "Walter", "non-dropping-particle": "de"},
        ),
        ("given=A=B, family=C", {"family": "C", "given": "A=B"}),
    ],
)
def test_one_name(bibtex: str, csl: CslName) -> None:
    assert convert(bibtex) == [csl]


def test_and_others_is_a_final_literal_name() -> None:
    assert convert("Smith, Jane and others") == [
        {"family": "Smith", "given": "Jane"},
        {"literal": "others"},
    ]


def test_and_inside_braces_does_not_split() -> None:
    assert convert("{Procter and Gamble} and Doe, J.") == [
        {"literal": "Procter and Gamble"},
        {"family": "Doe", "given": "J."},
    ]


@pytest.mark.parametrize(
    ("bibtex", "csl"),
    [
        ("American College of Surgeons,", [{"literal": "American College of Surgeons"}]),
        (
            "World Health Organization and Jane Roe",
            [{"literal": "World Health Organization"}, {"family": "Roe", "given": "Jane"}],
        ),
        ("R Core Team", [{"literal": "R Core Team"}]),
        ("Ministry of Health, Kenya", [{"literal": "Ministry of Health, Kenya"}]),
        (
            "Paglione, TAD and Wall, WF",
            [
                {"family": "Paglione", "given": "T. A. D."},
                {"family": "Wall", "given": "W. F."},
            ],
        ),
        ("Snyder Jr, James", [{"family": "Snyder", "given": "James", "suffix": "Jr"}]),
        ('{N{"o}the}, Max', [{"family": "Nöthe", "given": "Max"}]),
        # Not organizations, not initials: a person's name in capitals without a comma, a
        # surname that is a common word.
        ("ED Smith", [{"family": "Smith", "given": "ED"}]),
        ("Group, Anna", [{"family": "Group", "given": "Anna"}]),
    ],
)
def test_names_as_a_librarian_reads_them(bibtex: str, csl: list[CslName]) -> None:
    assert convert(bibtex) == csl
