"""The RIS reader: the writer's table read back, and the untidy RIS real exports contain."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from citeconv.commands import main
from citeconv.diagnostics import format_diagnostic
from citeconv.formats import ReadOptions
from citeconv.normalize.dates import ParsedDate
from citeconv.readers.ris import parse_date, parse_name, read_ris

from conftest import corpus_dir


def read(text: str, **options: Any) -> tuple[list[dict[str, Any]], list[str]]:
    result = read_ris(text, "refs.ris", ReadOptions(**options))
    items = [dict(item) for item in result.value.items]
    return items, [format_diagnostic(d) for d in result.diagnostics]


def test_a_tidy_record() -> None:
    items, diagnostics = read(
        "TY  - CHAP\nID  - maaten08\nAU  - van der Maaten, Laurens\nAU  - Brooks, Frederick P., Jr."
        "\nA2  - Eco, U.\nTI  - Title\nT2  - Book\nT3  - Series\nPY  - 2008\nDA  - 2008/11/02/\n"
        "SP  - 2579\nEP  - 2605\nSN  - 1532-4435\nSN  - 978-1-4822-5326-9\nDO  - 10.1/x\n"
        "KW  - a\nKW  - b, c\nER  - \n"
    )
    assert diagnostics == []
    assert items == [
        {
            "id": "maaten08",
            "type": "chapter",
            "author": [
                {"non-dropping-particle": "van der", "family": "Maaten", "given": "Laurens"},
                {"family": "Brooks", "given": "Frederick P.", "suffix": "Jr."},
            ],
            "editor": [{"family": "Eco", "given": "U."}],
            "title": "Title",
            "container-title": "Book",
            "collection-title": "Series",
            "issued": {"date-parts": [[2008, 11, 2]]},
            "page": "2579-2605",
            "ISSN": "1532-4435",
            "ISBN": "978-1-4822-5326-9",
            "DOI": "10.1/x",
            "keyword": "a; b, c",
        }
    ]


def test_untidy_input_bom_crlf_numbers_blank_lines_continuations() -> None:
    text = (
        "\ufeff1.\r\nTY - JOUR\r\n\r\nTI  - A title that was\r\n   wrapped by its exporter\r\n"
        "AU  - Doe, J.\r\nER  -\r\n\r\n2.\r\nTY  - BOOK\r\nTI  - Second\r\nER  - \r\n"
    )
    items, diagnostics = read(text)
    assert diagnostics == []
    assert [(i["id"], i["type"], i["title"]) for i in items] == [
        ("doe", "article-journal", "A title that was wrapped by its exporter"),
        ("record2", "book", "Second"),
    ]


def test_missing_er_unknown_tag_and_stray_text_are_reported_with_lines_and_ids() -> None:
    text = (
        "Exported by some tool\nTY  - JOUR\nID  - one\nTI  - One\nXY  - what\n"
        "TY  - JOUR\nID  - two\nL1  - file.pdf\nPY  - 2001\n"
    )
    items, diagnostics = read(text)
    assert [i["id"] for i in items] == ["one", "two"]
    assert diagnostics == [
        "refs.ris:1: warning[syntax-error] text outside a record (no TY before it); ignored",
        "refs.ris:2: warning[syntax-error] entry 'one': record has no ER line; it ends at the "
        "next TY at line 6",
        "refs.ris:6: warning[syntax-error] entry 'two': record has no ER line; it ends at the "
        "end of the input",
        "refs.ris:5: warning[unmapped-field] entry 'one': RIS tag XY has no CSL equivalent; "
        "dropped",
    ]


def test_keep_unmapped_puts_unknown_tags_in_the_note() -> None:
    items, _ = read("TY  - JOUR\nN1  - Mine\nU1  - 23690738[pmid]\nER  - \n", keep_unmapped=True)
    assert items[0]["note"] == "Mine\nU1: 23690738[pmid]"


def test_unknown_type_is_read_as_document() -> None:
    items, diagnostics = read("TY  - WHAT\nID  - w\nER  - \n")
    assert items[0]["type"] == "document"
    assert diagnostics == [
        "refs.ris:1: warning[unknown-entry-type] entry 'w': RIS type 'WHAT' is not known; read "
        "as 'document'"
    ]


@pytest.mark.parametrize(
    ("ty", "csl_type"),
    [
        ("JOUR", "article-journal"),
        ("GEN", "document"),
        ("CONF", "paper-conference"),
        ("EDBOOK", "collection"),
        ("ELEC", "webpage"),
        ("BLOG", "post-weblog"),
        ("CPAPER", "paper-conference"),
        ("STD", "standard"),
        ("THES", "thesis"),
    ],
)
def test_types(ty: str, csl_type: str) -> None:
    assert read(f"TY  - {ty}\nER  - \n")[0][0]["type"] == csl_type


def test_type_dependent_tags_and_aliases_of_other_exporters() -> None:
    items, diagnostics = read(
        "TY  - BOOK\nA1  - Knuth, Donald E.\nA2  - Series, Ed\nA3  - Book, Ed\nT1  - TAOCP\n"
        "T2  - Series title\nY1  - 1968/07/01\nN2  - Abstract\nER  - \n"
        "TY  - JOUR\nJO  - J Ex\nJF  - Journal of Examples\nED  - Ed, A.\nER  - \n"
        "TY  - JOUR\nJO  - Other Journal\nJF  - Journal of Examples\nER  - \n"
    )
    assert diagnostics == [  # a JO that abbreviates JF is its abbreviation; another is lost
        "refs.ris:16: warning[unmapped-field] entry 'record3': RIS tag JO not used: "
        "'container-title' is already set from another tag (JF, line 17)"
    ]
    book, article, _ = items
    assert book["author"] == [{"family": "Knuth", "given": "Donald E."}]
    assert book["collection-editor"] == [{"family": "Series", "given": "Ed"}]
    assert book["editor"] == [{"family": "Book", "given": "Ed"}]
    assert book["collection-title"] == "Series title"
    assert (book["title"], book["abstract"]) == ("TAOCP", "Abstract")
    assert book["issued"] == {"date-parts": [[1968, 7, 1]]}
    assert article["container-title"] == "Journal of Examples"  # JF is read before JO
    assert article["container-title-short"] == "J Ex"
    assert article["editor"] == [{"family": "Ed", "given": "A."}]


def test_da_beats_py_and_doi_urls_are_bare() -> None:
    items, _ = read(
        "TY  - JOUR\nPY  - 2016\nDA  - 2016/12//\nDO  - https://doi.org/10.1016/j.x\nER  - \n"
    )
    assert items[0]["issued"] == {"date-parts": [[2016, 12]]}
    assert items[0]["DOI"] == "10.1016/j.x"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Smith, John", {"family": "Smith", "given": "John"}),
        (
            "de la Vallée Poussin, Charles",
            {"non-dropping-particle": "de la", "family": "Vallée Poussin", "given": "Charles"},
        ),
        (
            "Beethoven, Ludwig van",
            {"family": "Beethoven", "given": "Ludwig", "dropping-particle": "van"},
        ),
        ("hooks, bell", {"family": "hooks", "given": "bell"}),
        ("World Health Organization", {"literal": "World Health Organization"}),
        ("Brooks, , Jr.", {"family": "Brooks", "suffix": "Jr."}),
    ],
)
def test_names(text: str, expected: dict[str, str]) -> None:
    assert parse_name(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2020/05/17/", {"date-parts": [[2020, 5, 17]]}),
        ("2020/05//", {"date-parts": [[2020, 5]]}),
        ("2020///", {"date-parts": [[2020]]}),
        ("2020", {"date-parts": [[2020]]}),
        ("2013/02/15/received", {"date-parts": [[2013, 2, 15]]}),
        ("2020-05-17", {"date-parts": [[2020, 5, 17]]}),
        ("Spring 2020", {"literal": "Spring 2020"}),
    ],
)
def test_dates(text: str, expected: dict[str, Any]) -> None:
    assert parse_date(text) == ParsedDate(expected)


@pytest.mark.parametrize(
    ("text", "parts", "dropped"),
    [
        ("2020/13/45/", [2020], "month '13' is no month; dropped, and day '45' with it"),
        ("2020/21//", [2020], "month '21' is no month; dropped"),
        ("2019/02/30", [2019, 2], "day '30' is no day of February 2019; dropped"),
        ("2019/04/31/", [2019, 4], "day '31' is no day of April 2019; dropped"),
        ("2020//15/", [2020], "day '15' without a month; dropped"),
        ("2020/02/29", [2020, 2, 29], None),
        ("2001/00/00/", [2001], None),  # 0: not known, as exports write it
    ],
)
def test_a_month_or_day_no_calendar_has_is_dropped_and_said(
    text: str, parts: list[int], dropped: str | None
) -> None:
    parsed = parse_date(text)
    assert parsed.date == {"date-parts": [parts]}
    assert parsed.dropped == ((dropped,) if dropped else ())


JABREF_EXPECTED = {
    # file -> (type, first author, title start, container, year, pages, DOI)
    "jabref--RisImporterTest3.ris": (
        "chapter",
        {"literal": "Catarina Barata"},
        "Toward a Robust Analysis",
        "Dermoscopy Image Analysis",
        2015,
        "1-22",
        "10.1201/b19107-2",
    ),
    "jabref--RisImporterTest6.ris": (
        "article-journal",
        {"family": "Sears", "given": "Margaret E"},
        "Chelation:",
        "The Scientific World Journal",
        2013,
        "219840",
        "10.1155/2013/219840",
    ),
    "jabref--RisImporterTestScience.ris": (
        "article-journal",
        {"family": "Ghosh", "given": "Chanchal"},
        "Phase separation",
        "Acta Materialia",
        2016,
        "310-324",
        "10.1016/j.actamat.2016.09.028",
    ),
    "jabref--RisImporterTestScopus.ris": (
        "article-journal",
        {"family": "Federico", "given": "S."},
        "A transversely isotropic",
        "Journal of the Mechanics and Physics of Solids",
        2004,
        "2309-2327",
        "10.1016/j.jmps.2004.03.010",
    ),
}


@pytest.mark.parametrize("name", sorted(JABREF_EXPECTED))
def test_jabref_fixtures(name: str) -> None:
    text = (corpus_dir("expected/ris") / name).read_text(encoding="utf-8")
    items, _ = read(text)
    assert len(items) == 1
    item = items[0]
    kind, author, title, container, year, pages, doi = JABREF_EXPECTED[name]
    assert item["type"] == kind
    assert item["author"][0] == author
    assert item["title"].startswith(title)
    assert item["container-title"] == container
    assert item["issued"]["date-parts"][0][0] == year
    assert (item["page"], item["DOI"]) == (pages, doi)


def test_cli_converts_ris_to_apa(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("refs.ris").write_text(
        "TY  - JOUR\nID  - maaten08\nAU  - van der Maaten, Laurens\nAU  - Hinton, Geoffrey\n"
        "TI  - Visualizing data using t-SNE\nT2  - Journal of Machine Learning Research\n"
        "PY  - 2008\nVL  - 9\nIS  - 86\nSP  - 2579\nEP  - 2605\nER  - \n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["convert", "refs.ris", "--to", "apa"])
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == (
        "van der Maaten, L., & Hinton, G. (2008). Visualizing data using t-SNE. "
        "Journal of Machine Learning Research, 9(86), 2579–2605.\n"
    )


def test_authors_from_au_and_a1_are_all_kept_in_order() -> None:
    items, diagnostics = read(
        "TY  - JOUR\nID  - x\nAU  - Smith, John\nA1  - Doe, J.\nTI  - T\nPY  - 2001\nER  - \n"
    )
    assert diagnostics == []
    assert items[0]["author"] == [
        {"family": "Smith", "given": "John"},
        {"family": "Doe", "given": "J."},
    ]


@pytest.mark.parametrize("line", ["TI  -First", "TI\t-\tFirst", "TI   -   First"])
def test_a_tag_line_in_another_shape_is_read_as_its_tag_with_a_warning(line: str) -> None:
    items, diagnostics = read(f"TY  - JOUR\nAU  - Doe, Jane\n{line}\nER  - \n")
    assert (items[0]["author"], items[0]["title"]) == (
        [{"family": "Doe", "given": "Jane"}],
        "First",
    )
    assert diagnostics == [
        "refs.ris:3: warning[syntax-error] entry 'doe': TI read as a tag, though the line is "
        "not in the form 'TI  - value'"
    ]


@pytest.mark.parametrize(
    ("line", "warned"),
    [
        ("ti  - First", True),  # the shape of a tag line, in lower case
        ("er - so scheint es - war gesund", False),  # a wrapped abstract's German prose
        ("is - as expected", False),
    ],
)
def test_a_lower_case_tag_is_no_tag(line: str, warned: bool) -> None:
    """Read as a tag, `er - ...` in a wrapped abstract ended the record; `is - ...` became the
    issue. A line in the exact shape of a tag line says it may have been meant as one."""
    items, diagnostics = read(f"TY  - JOUR\nID  - x\nAB  - Start\n{line}\nPY  - 2020\nER  - \n")
    assert len(items) == 1 and items[0]["abstract"] == f"Start {line}"
    assert "issue" not in items[0] and items[0]["issued"] == {"date-parts": [[2020]]}
    expected = (
        f"refs.ris:4: warning[syntax-error] entry 'x': {line[:2]} looks like a tag, but tags "
        "are upper case; the line is read as part of AB (line 3)"
    )
    assert diagnostics == ([expected] if warned else [])


def test_a_line_like_a_tag_the_reader_does_not_know_continues_the_value_with_a_warning() -> None:
    items, diagnostics = read("TY  - JOUR\nID  - x\nAB  - Start\nQQ  -more\nER  - \n")
    assert items[0]["abstract"] == "Start QQ  -more"
    assert diagnostics == [
        "refs.ris:4: warning[syntax-error] entry 'x': QQ looks like a tag, but is none the reader "
        "knows; the line is read as part of AB (line 3)"
    ]


def test_hyphenated_words_and_keywords_on_their_own_lines_continue_the_value_quietly() -> None:
    # One exporter writes each keyword after the first on a line of its own, with no tag.
    items, diagnostics = read(
        "TY  - JOUR\nID  - x\nKW  - cytokines\nIL-6\nET-1\nab initio\nER  -\n"
    )
    assert items[0]["keyword"] == "cytokines IL-6 ET-1 ab initio"
    assert diagnostics == []


def test_a_line_that_continues_a_name_is_never_joined_to_it_quietly() -> None:
    items, diagnostics = read("TY  - JOUR\nID  - x\nAU  - Roe,\n  Richard\n  Roy\nER  - \n")
    assert items[0]["author"] == [{"family": "Roe", "given": "Richard Roy"}]
    assert diagnostics == [
        "refs.ris:4: warning[syntax-error] entry 'x': a line with no tag continues the name in "
        "AU (line 3); joined to it"
    ]


def test_cli_reads_a_title_line_with_no_space_after_the_dash(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("refs.ris").write_text("TY  - JOUR\nAU  - Doe, Jane\nTI  -First\nER  - \n", "utf-8")
    result = CliRunner().invoke(main, ["convert", "refs.ris", "--to", "csl-json"])
    assert (result.exit_code, result.stdout, result.stderr) == (
        0,
        '[\n  {\n    "id": "doe",\n    "type": "article-journal",\n    "author": [\n      {\n'
        '        "family": "Doe",\n        "given": "Jane"\n      }\n    ],\n'
        '    "title": "First"\n  }\n]\n',
        "refs.ris:3: warning[syntax-error] entry 'doe': TI read as a tag, though the line is "
        "not in the form 'TI  - value'\n",
    )


def test_a_record_with_no_ty_line_is_read_as_a_document_with_a_warning() -> None:
    items, diagnostics = read(
        "TY  - JOUR\nID  - one\nER  - \n\nID  - two\nTI  - Kept\nER  - \nOK  - not a tag\n"
    )
    assert [(i["id"], i["type"], i.get("title")) for i in items] == [
        ("one", "article-journal", None),
        ("two", "document", "Kept"),
    ]
    assert diagnostics == [
        "refs.ris:8: warning[syntax-error] text outside a record (no TY before it); ignored",
        "refs.ris:5: warning[unknown-entry-type] entry 'two': record has no TY line; read as "
        "'document'",
    ]


def test_cli_converts_a_record_with_no_ty_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("refs.ris").write_text("AU  - Doe, Jane\nTI  - No type\nER  - \n", "utf-8")
    result = CliRunner().invoke(main, ["convert", "refs.ris", "--to", "apa"])
    assert (result.exit_code, result.stdout, result.stderr) == (
        0,
        "Doe, J. (n.d.). No type.\n",
        "refs.ris:1: warning[unknown-entry-type] entry 'doe': record has no TY line; read as "
        "'document'\n",
    )


def test_a_tag_whose_variable_another_tag_set_is_reported_unless_it_says_the_same() -> None:
    items, diagnostics = read(
        "TY  - JOUR\nID  - x\nTI  - One\nT1  - Two\nT1  - one \nPY  - 2015\nDA  - 2016/12//\n"
        "Y1  - 2016\nDO  - 10.1/a\nDO  - https://doi.org/10.1/a\nDO  - 10.1/b\nER  - \n"
    )
    assert (items[0]["title"], items[0]["issued"], items[0]["DOI"]) == (
        "One",
        {"date-parts": [[2016, 12]]},
        "10.1/a",
    )
    assert diagnostics == [
        "refs.ris:6: warning[unmapped-field] entry 'x': RIS tag PY not used: 'issued' is already "
        "set from another tag (DA, line 7)",
        "refs.ris:11: warning[unmapped-field] entry 'x': RIS tag DO not used: 'DOI' is already "
        "set from an earlier DO line (line 9)",
        "refs.ris:4: warning[unmapped-field] entry 'x': RIS tag T1 not used: 'title' is already "
        "set from another tag (TI, line 3)",
    ]


def test_a_received_or_accepted_date_beside_the_date_of_publication_is_info() -> None:
    _, diagnostics = read(
        "TY  - JOUR\nID  - x\nPY  - 2013/04/18\nPY  - 2013/02/15/received\nER  - \n"
    )
    assert diagnostics == [
        "refs.ris:4: info[unmapped-field] entry 'x': RIS tag PY not used: 'issued' is already "
        "set from an earlier PY line (line 3); it is the received date"
    ]


def test_cli_says_which_of_two_titles_is_not_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("refs.ris").write_text("TY  - JOUR\nID  - x\nTI  - One\nT1  - Two\nER  - \n", "utf-8")
    result = CliRunner().invoke(main, ["convert", "refs.ris", "--to", "csl-json"])
    assert (result.exit_code, result.stdout, result.stderr) == (
        0,
        '[\n  {\n    "id": "x",\n    "type": "article-journal",\n    "title": "One"\n  }\n]\n',
        "refs.ris:4: warning[unmapped-field] entry 'x': RIS tag T1 not used: 'title' is already "
        "set from another tag (TI, line 3)\n",
    )


def test_cli_drops_an_impossible_month_and_day_with_a_warning(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("refs.ris").write_text(
        "TY  - JOUR\nID  - a\nPY  - 2020/13/45/\nER  - \n"
        "TY  - JOUR\nID  - b\nDA  - 2019/02/30\nER  - \n",
        "utf-8",
    )
    result = CliRunner().invoke(main, ["convert", "refs.ris", "--to", "csl-json"])
    assert (result.exit_code, result.stdout, result.stderr) == (
        0,
        '[\n  {\n    "id": "a",\n    "type": "article-journal",\n    "issued": {\n'
        '      "date-parts": [\n        [\n          2020\n        ]\n      ]\n    }\n  },\n'
        '  {\n    "id": "b",\n    "type": "article-journal",\n    "issued": {\n'
        '      "date-parts": [\n        [\n          2019,\n          2\n        ]\n      ]\n'
        "    }\n  }\n]\n",
        "refs.ris:3: warning[invalid-date] entry 'a': month '13' is no month; dropped, and day "
        "'45' with it\n"
        "refs.ris:7: warning[invalid-date] entry 'b': day '30' is no day of February 2019; "
        "dropped\n",
    )


def test_cli_joins_wrapped_lines_of_a_value(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("refs.ris").write_text(
        "TY  - JOUR\nID  - w\nTI  - A title\n  that was\nwrapped\nER  - \n", "utf-8"
    )
    result = CliRunner().invoke(main, ["convert", "refs.ris", "--to", "csl-json"])
    assert (result.exit_code, result.stdout, result.stderr) == (
        0,
        '[\n  {\n    "id": "w",\n    "type": "article-journal",\n'
        '    "title": "A title that was wrapped"\n  }\n]\n',
        "",
    )
