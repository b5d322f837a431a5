"""The RIS writer: one behaviour per test, on hub items written by hand (no BibTeX involved)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from citeconv.commands import main
from citeconv.csl import CSL_TYPES, Bibliography, CslItem
from citeconv.diagnostics import Code, Severity
from citeconv.formats import WriteOptions
from citeconv.writers.ris import format_name, split_identifiers, split_pages, write_ris

# Reference types of the RIS specification (RefMan 2011), the vocabulary importers accept.
RIS_SPEC_TYPES = set(
    """ABST ADVS AGGR ANCIENT ART BILL BLOG BOOK CASE CHAP CHART CLSWK COMP CONF CPAPER CTLG DATA
    DBASE DICT EBOOK ECHAP EDBOOK EJOUR ELEC ENCYC EQUA FIGURE GEN GOVDOC GRANT HEAR ICOMM INPR
    JOUR JFULL LEGAL MANSCPT MAP MGZN MPCT MULTI MUSIC NEWS PAMP PAT PCOMM RPRT SER SLIDE SOUND
    STAND STAT THES UNBILL UNPB VIDEO""".split()
)


def ris(*items: dict[str, Any], newline: str = "\n") -> str:
    bibliography = Bibliography(tuple(items))  # type: ignore[arg-type]
    return write_ris(bibliography, WriteOptions(newline=newline)).value


def tag_lines(item: dict[str, Any]) -> list[str]:
    """The record's lines between TY and ER."""
    return ris(item).splitlines()[1:-1]


def test_every_csl_type_has_a_ris_type_from_the_specification() -> None:
    for csl_type in sorted(CSL_TYPES):
        first = ris({"id": "x", "type": csl_type}).splitlines()[0]
        assert first.startswith("TY  - "), csl_type
        assert first.removeprefix("TY  - ") in RIS_SPEC_TYPES, csl_type


@pytest.mark.parametrize(
    ("csl_type", "ty"),
    [
        ("article-journal", "JOUR"),
        ("book", "BOOK"),
        ("collection", "EDBOOK"),
        ("chapter", "CHAP"),
        ("paper-conference", "CPAPER"),
        ("thesis", "THES"),
        ("report", "RPRT"),
        ("webpage", "ELEC"),
        ("dataset", "DATA"),
        ("software", "COMP"),
        ("patent", "PAT"),
        ("article-newspaper", "NEWS"),
        ("article-magazine", "MGZN"),
        ("document", "GEN"),
    ],
)
def test_type_mapping(csl_type: str, ty: str) -> None:
    assert ris({"id": "x", "type": csl_type}).splitlines()[0] == f"TY  - {ty}"


def test_record_layout_ty_first_er_last_blank_line_between() -> None:
    text = ris({"id": "a", "type": "book", "title": "A"}, {"id": "b", "type": "book"})
    assert text == ("TY  - BOOK\nID  - a\nTI  - A\nER  - \n\nTY  - BOOK\nID  - b\nER  - \n")


def test_crlf_line_ends_and_no_byte_order_mark() -> None:
    text = ris({"id": "a", "type": "book"}, {"id": "b", "type": "book"}, newline="\r\n")
    assert text == "TY  - BOOK\r\nID  - a\r\nER  - \r\n\r\nTY  - BOOK\r\nID  - b\r\nER  - \r\n"
    assert not text.startswith("\ufeff")


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        (
            {"family": "Maaten", "given": "Laurens", "non-dropping-particle": "van der"},
            "van der Maaten, Laurens",
        ),
        (
            {"family": "Brooks", "given": "Frederick P.", "suffix": "Jr."},
            "Brooks, Frederick P., Jr.",
        ),
        (
            {"family": "Beethoven", "given": "Ludwig", "dropping-particle": "van"},
            "Beethoven, Ludwig van",
        ),
        (
            {
                "family": "Kluster",
                "given": "Kevin",
                "non-dropping-particle": "van",
                "suffix": "Jr.",
            },
            "van Kluster, Kevin, Jr.",
        ),
        (
            {"literal": "U.S. Department of Health, National Institute of Mental Health"},
            "U.S. Department of Health, National Institute of Mental Health",
        ),
        ({"family": "Plato"}, "Plato"),
        ({"family": "Brooks", "suffix": "Jr."}, "Brooks, , Jr."),
    ],
)
def test_name_format(name: dict[str, str], expected: str) -> None:
    assert format_name(name) == expected


def test_others_is_not_written_and_is_reported_as_info() -> None:
    item = {
        "id": "k",
        "type": "book",
        "author": [{"family": "Knuth", "given": "D."}, {"literal": "others"}],
    }
    result = write_ris(Bibliography((item,)), WriteOptions())  # type: ignore[arg-type]
    assert result.value.splitlines()[2:4] == ["AU  - Knuth, D.", "ER  - "]
    [diagnostic] = result.diagnostics
    assert (diagnostic.severity, diagnostic.code) == (Severity.INFO, Code.LOSSY_OUTPUT)
    assert diagnostic.message == "'and others' in author is not a name; not written"


@pytest.mark.parametrize(
    ("csl_type", "editor_tag"),
    [
        ("chapter", "A2"),
        ("paper-conference", "A2"),
        ("article-journal", "A2"),
        ("book", "A3"),
        ("report", "ED"),
        ("thesis", "ED"),
    ],
)
def test_editor_tag_depends_on_the_type_and_is_written_once(csl_type: str, editor_tag: str) -> None:
    item = {"id": "e", "type": csl_type, "editor": [{"family": "Eco", "given": "U."}]}
    assert tag_lines(item)[1:] == [f"{editor_tag}  - Eco, U."]


def test_series_editor_and_series_of_a_book_and_of_a_chapter() -> None:
    series = {
        "collection-editor": [{"family": "Knuth", "given": "D."}],
        "collection-title": "Series",
        "container-title": "Book",
    }
    book = tag_lines({"id": "b", "type": "book", **series})
    chapter = tag_lines({"id": "c", "type": "chapter", **series})
    assert book[1:] == ["A2  - Knuth, D.", "T2  - Series"]
    assert chapter[1:] == ["A3  - Knuth, D.", "T2  - Book", "T3  - Series"]


@pytest.mark.parametrize(
    ("issued", "expected"),
    [
        ([[2020, 5, 7]], ["PY  - 2020", "DA  - 2020/05/07/"]),
        ([[2020, 5]], ["PY  - 2020", "DA  - 2020/05//"]),
        ([[2020]], ["PY  - 2020"]),
        ([["2019", "11"]], ["PY  - 2019", "DA  - 2019/11//"]),
        ([[712, 12, 13]], ["PY  - 0712", "DA  - 0712/12/13/"]),
    ],
)
def test_dates(issued: list[list[Any]], expected: list[str]) -> None:
    assert tag_lines({"id": "d", "type": "book", "issued": {"date-parts": issued}})[1:] == expected


def test_access_date_keeps_a_year_alone() -> None:
    item = {"id": "d", "type": "webpage", "accessed": {"date-parts": [[2021]]}}
    assert tag_lines(item)[1:] == ["Y2  - 2021///"]


def test_a_date_ris_cannot_hold_is_reported() -> None:
    item = {"id": "d", "type": "book", "issued": {"literal": "spring 1999"}}
    result = write_ris(Bibliography((item,)), WriteOptions())  # type: ignore[arg-type]
    assert "PY" not in result.value
    assert [d.message for d in result.diagnostics] == [
        "issued 'spring 1999' has no RIS form; not written"
    ]


@pytest.mark.parametrize(
    ("page", "expected"),
    [
        ("355-361", [("SP", "355"), ("EP", "361")]),
        ("355-61", [("SP", "355"), ("EP", "361")]),
        ("1752-7", [("SP", "1752"), ("EP", "1757")]),
        ("525\u2013-527", [("SP", "525"), ("EP", "527")]),
        ("S10-S16", [("SP", "S10"), ("EP", "S16")]),
        ("e00809-16", [("SP", "e00809-16")]),
        ("219840", [("SP", "219840")]),
        ("R36+", [("SP", "R36+")]),
        ("12-3", [("SP", "12"), ("EP", "13")]),
        ("99-1", [("SP", "99-1")]),
        ("1, 5-7", [("SP", "1, 5-7")]),
    ],
)
def test_pages(page: str, expected: list[tuple[str, str]]) -> None:
    assert list(split_pages(page)) == expected


def test_one_sn_line_per_issn_and_isbn() -> None:
    item = {
        "id": "s",
        "type": "article-journal",
        "ISSN": "0007-0920, 1532-1827",
        "ISBN": "978-1-4822-5326-9",
    }
    assert tag_lines(item)[1:] == ["SN  - 0007-0920", "SN  - 1532-1827", "SN  - 978-1-4822-5326-9"]


def test_endnote_issn_qualifiers_stay_with_their_issn() -> None:
    assert list(split_identifiers("1091-6490 (Electronic) 0027-8424 (Linking)")) == [
        "1091-6490 (Electronic)",
        "0027-8424 (Linking)",
    ]


@pytest.mark.parametrize(
    ("keyword", "expected"),
    [
        ("alpha; beta, gamma", ["alpha", "beta, gamma"]),
        ("alpha, beta", ["alpha", "beta"]),
        ("single", ["single"]),
    ],
)
def test_keywords_one_per_line(keyword: str, expected: list[str]) -> None:
    lines = tag_lines({"id": "k", "type": "book", "keyword": keyword})[1:]
    assert lines == [f"KW  - {k}" for k in expected]


def test_markup_removed_and_whitespace_collapsed() -> None:
    item = {
        "id": "h",
        "type": "article-journal",
        "title": 'Gene <i>BRCA1</i> in <span class="nocase">Homo</span> &amp; mice',
        "abstract": "First paragraph.\n\nSecond\tparagraph.",
    }
    assert tag_lines(item)[1:] == [
        "TI  - Gene BRCA1 in Homo & mice",
        "AB  - First paragraph. Second paragraph.",
    ]


def test_long_values_are_never_wrapped() -> None:
    abstract = " ".join(["word"] * 2000)
    assert tag_lines({"id": "l", "type": "book", "abstract": abstract})[1:] == [f"AB  - {abstract}"]


def test_identifiers_and_the_rest_of_the_tags() -> None:
    item = {
        "id": "all",
        "type": "article-journal",
        "DOI": "https://doi.org/10.1/ABC",
        "URL": "https://example.org/a?b=c",
        "PMID": "123",
        "PMCID": "PMC9",
        "note": "A note",
        "language": "en",
        "genre": "Review",
        "volume": 12,
        "issue": "3",
        "edition": "2",
        "publisher": "P",
        "publisher-place": "Berlin",
        "container-title-short": "J Ex",
        "title-short": "Short",
    }
    assert tag_lines(item) == [
        "ID  - all",
        "J2  - J Ex",
        "ST  - Short",
        "VL  - 12",
        "IS  - 3",
        "ET  - 2",
        "PB  - P",
        "CY  - Berlin",
        "DO  - 10.1/ABC",
        "UR  - https://example.org/a?b=c",
        "N1  - A note",
        "LA  - en",
        "M3  - Review",
        "AN  - 123",
        "C2  - PMC9",
    ]


def test_software_version_is_its_edition() -> None:
    assert tag_lines({"id": "s", "type": "software", "version": "5.0.2"})[1:] == ["ET  - 5.0.2"]


def test_variables_without_a_tag_are_one_info_diagnostic() -> None:
    item = {"id": "x", "type": "book", "annote": "mine", "event-place": "Rome", "title": "T"}
    result = write_ris(Bibliography((item,)), WriteOptions())  # type: ignore[arg-type]
    assert [(d.severity, d.message) for d in result.diagnostics] == [
        (Severity.INFO, "RIS has no tag for annote, event-place (TY BOOK)")
    ]


def test_cli_writes_lf_by_default_and_crlf_on_request(tmp_path: Path) -> None:
    items = [{"id": "a", "type": "book", "title": "A", "annote": "private"}]
    (tmp_path / "in.json").write_text(json.dumps(items), encoding="utf-8")
    runner = CliRunner()
    args = ["convert", str(tmp_path / "in.json"), "--to", "ris"]
    lf = runner.invoke(main, args)
    assert (lf.exit_code, lf.stdout, lf.stderr) == (0, "TY  - BOOK\nID  - a\nTI  - A\nER  - \n", "")
    verbose = runner.invoke(main, [*args, "--verbose"])
    assert verbose.stderr == (
        f"{tmp_path / 'in.json'}:1: info[lossy-output] entry 'a': RIS has no tag for annote "
        "(TY BOOK)\n"
    )
    out = tmp_path / "out.ris"
    crlf = runner.invoke(main, [*args, "--newline", "crlf", "-o", str(out)])
    assert crlf.exit_code == 0
    assert out.read_bytes() == b"TY  - BOOK\r\nID  - a\r\nTI  - A\r\nER  - \r\n"


def test_items_from_csl_json_with_odd_value_types_do_not_crash() -> None:
    item: CslItem = {"id": "o", "type": "book"}
    odd = {**item, "author": "not a list", "issued": "2020", "keyword": ["a", "b"], "page": 12}
    assert tag_lines(odd)[1:] == ["SP  - 12", "KW  - a", "KW  - b"]


def test_conference_paper_proceedings_title_in_t2_and_c3() -> None:
    item = {"id": "c", "type": "paper-conference", "container-title": "Proc. of X"}
    assert tag_lines(item)[1:] == ["T2  - Proc. of X", "C3  - Proc. of X"]


def test_corporate_name_with_a_comma_is_written_whole_and_reported() -> None:
    item = {"id": "u", "type": "report", "author": [{"literal": "U.S. Dept., NIMH"}]}
    result = write_ris(Bibliography((item,)), WriteOptions())  # type: ignore[arg-type]
    assert "AU  - U.S. Dept., NIMH\n" in result.value
    assert [d.message for d in result.diagnostics] == [
        "the comma in 'U.S. Dept., NIMH' will read as 'Family, Given' in RIS importers"
    ]
