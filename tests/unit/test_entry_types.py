"""The entry-type table (normalize/entry_types.py)."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from citeconv.commands import main
from citeconv.csl import CSL_TYPES
from citeconv.normalize.entry_types import BIBLATEX_TO_CSL_TYPE, FALLBACK_TYPE

# Every type the issue names, and what a reference librarian files it as in CSL.
EXPECTED = {
    "article": "article-journal",
    "book": "book",
    "mvbook": "book",
    "inbook": "chapter",
    "bookinbook": "book",
    "suppbook": "chapter",
    "booklet": "pamphlet",
    "collection": "book",
    "incollection": "chapter",
    "proceedings": "book",
    "inproceedings": "paper-conference",
    "conference": "paper-conference",
    "manual": "book",
    "misc": "document",
    "online": "webpage",
    "electronic": "webpage",
    "www": "webpage",
    "patent": "patent",
    "periodical": "periodical",
    "report": "report",
    "techreport": "report",
    "thesis": "thesis",
    "phdthesis": "thesis",
    "mastersthesis": "thesis",
    "unpublished": "manuscript",
    "dataset": "dataset",
    "software": "software",
    "standard": "standard",
}


@pytest.mark.parametrize(("bibtex", "csl"), sorted(EXPECTED.items()))
def test_type(bibtex: str, csl: str) -> None:
    assert BIBLATEX_TO_CSL_TYPE[bibtex][0] == csl


def test_every_target_is_a_csl_type() -> None:
    assert {csl for csl, _ in BIBLATEX_TO_CSL_TYPE.values()} <= CSL_TYPES
    assert FALLBACK_TYPE[0] in CSL_TYPES


def test_thesis_genres() -> None:
    assert BIBLATEX_TO_CSL_TYPE["phdthesis"][1] == "Doctoral dissertation"
    assert BIBLATEX_TO_CSL_TYPE["mastersthesis"][1] == "Master's thesis"


def test_type_field_overrides_the_genre_with_biblatex_keys_resolved() -> None:
    bib = "@thesis{t, author={A, B}, title={T}, type={mathesis}, institution={U}, year=2001}"
    result = CliRunner().invoke(main, ["convert", "-", "--to", "csl-json"], input=bib)
    assert json.loads(result.stdout)[0]["genre"] == "Master's thesis"


def test_unknown_type_is_a_document_with_a_warning() -> None:
    bib = "@webarticle{w, title={T}, year=2001}\n"
    result = CliRunner().invoke(main, ["convert", "-", "--to", "csl-json"], input=bib)
    assert json.loads(result.stdout)[0]["type"] == "document"
    assert result.stderr == (
        "<stdin>:1: warning[unknown-entry-type] entry 'w': unknown entry type '@webarticle'; "
        "converted as 'document'\n"
    )
    assert result.exit_code == 0
