"""Recovery: a broken entry never sinks its neighbours; every loss and repair is named."""

from __future__ import annotations

from citeconv.diagnostics import format_diagnostic
from citeconv.readers.bibtex import parse_bibtex
from citeconv.readers.blocks import prescan


def read(text: str) -> tuple[list[str], list[str]]:
    """Keys read, and diagnostics formatted as the CLI prints them."""
    result = parse_bibtex(text, "refs.bib")
    return [entry.key for entry in result.value], [format_diagnostic(d) for d in result.diagnostics]


def test_unbalanced_brace_loses_only_its_entry_and_names_the_line() -> None:
    text = (
        "@article{a, title = {A}}\n"
        "@techreport(b,\n"
        "  author = {Sylvie Thi\\{'ebaux and J. Hertzberg},\n"
        "  year = {1993},\n"
        ")\n"
        "@article(c, title = {C})\n"
    )
    assert read(text) == (
        ["a", "c"],
        [
            "refs.bib:2: error[syntax-error] entry 'b': unbalanced braces: '{' opened on line 3 "
            "is not closed before the next entry (line 6); entry skipped"
        ],
    )


def test_round_bracket_entries_are_read_as_bibtex_reads_them() -> None:
    keys, problems = read('@book(k1, title = "A (first) book", year = 2001)\n@misc(k2)\n')
    assert (keys, problems) == (["k1", "k2"], [])


def test_percent_lines_between_fields_are_comments_but_not_inside_values() -> None:
    text = (
        "@misc{k,\n"
        "% note = {old},\n"
        "  url = {https://x.org/a%20b}, % the address\n"
        "  title = {50% off}\n"
        "}\n"
    )
    result = parse_bibtex(text, "refs.bib")
    assert result.diagnostics == ()
    assert result.value[0].fields == {"url": "https://x.org/a%20b", "title": "50% off"}
    assert result.value[0].field_lines == {"url": 3, "title": 4}


def test_entry_commented_out_with_percent_is_not_read() -> None:
    text = "%@BOOK{L27,\n%  AUTHOR = {Smith}\n%}\n@book{L29, title = {T}}\n"
    assert read(text) == (["L29"], [])


def test_missing_equals_skips_the_field_and_keeps_the_entry() -> None:
    text = "@article{Good1952,\n  author{Good, I.~J.},\n  year = {1952},\n}\n"
    result = parse_bibtex(text, "refs.bib")
    assert result.value[0].fields == {"year": "1952"}
    assert [format_diagnostic(d) for d in result.diagnostics] == [
        "refs.bib:2: warning[syntax-error] entry 'Good1952': field 'author': expected '=' "
        "after the field name; field skipped"
    ]


def test_missing_comma_between_fields_is_repaired() -> None:
    text = (
        "@article{k,\n  author = {Fager, E.}\n  year = {1963},\n  title = {Z}\n  journal = {J}\n}\n"
    )
    result = parse_bibtex(text, "refs.bib")
    assert result.value[0].fields == {
        "author": "Fager, E.",
        "year": "1963",
        "title": "Z",
        "journal": "J",
    }
    assert result.value[0].field_lines["year"] == 3
    assert [format_diagnostic(d) for d in result.diagnostics] == [
        "refs.bib:2: warning[syntax-error] entry 'k': field 'author': missing ',' after the "
        "value; read as if present",
        "refs.bib:4: warning[syntax-error] entry 'k': field 'title': missing ',' after the "
        "value; read as if present",
    ]


def test_junk_after_a_value_and_doubled_commas() -> None:
    text = "@misc{k,, title = {T} junk here, year = 2000,\n}\n"
    result = parse_bibtex(text, "refs.bib")
    assert result.value[0].fields == {"title": "T", "year": "2000"}
    assert [format_diagnostic(d) for d in result.diagnostics] == [
        "refs.bib:1: warning[syntax-error] entry 'k': field 'title': unexpected text after the "
        "value; ignored"
    ]


def test_cut_off_file_reports_end_of_file() -> None:
    assert read("@article{a, title={A}}\n@article{b,\n  title={The Dust") == (
        ["a"],
        [
            "refs.bib:2: error[syntax-error] entry 'b': unbalanced braces: '{' opened on line 3 "
            "is not closed before the end of the file; entry skipped"
        ],
    )


def test_stray_closing_brace_closes_nothing() -> None:
    keys, problems = read("@article(a, title = {A}})\n@misc{b}\n")
    assert keys == ["b"]
    assert problems == [
        "refs.bib:1: error[syntax-error] entry 'a': unbalanced braces: '}' closes nothing; "
        "entry skipped"
    ]


def test_junk_text_and_trailing_junk_are_ignored_like_bibtex() -> None:
    assert read("@misc{a, title = {A}}\n\nsdjfd}}}\n\tfsdf\n") == (["a"], [])


def test_a_file_without_entries_says_so_and_a_blank_file_is_silent() -> None:
    assert read("") == ([], [])
    assert read("   \n\n") == ([], [])
    assert read("\nnot bibtex at all\n") == (
        [],
        [
            "refs.bib:2: error[syntax-error] no BibTeX entries found (text outside entries "
            "is ignored)"
        ],
    )


def test_duplicate_keys_keep_every_work() -> None:
    text = (
        "@book{Rich:83, title = {AI}}\n"
        "@inproceedings{rich:83, title = {Default reasoning}}\n"
        "@book{Rich:83, title = {AI}}\n"
    )
    result = parse_bibtex(text, "refs.bib")
    assert [(e.key, e.span.key, e.fields["title"]) for e in result.value] == [
        ("Rich:83", "Rich:83", "AI"),
        ("rich:83-2", "rich:83-2", "Default reasoning"),
    ]
    assert [format_diagnostic(d) for d in result.diagnostics] == [
        "refs.bib:2: warning[duplicate-key] entry 'rich:83': duplicate key, different content "
        "(first defined at line 1 as 'Rich:83'); kept as 'rich:83-2'",
        "refs.bib:3: warning[duplicate-key] entry 'Rich:83': duplicate key, same content "
        "(first defined at line 1 as 'Rich:83'); dropped",
    ]


def test_renamed_key_never_collides_with_an_existing_one() -> None:
    text = "@misc{a, title={1}}\n@misc{a-2, title={2}}\n@misc{A, title={3}}\n"
    assert [e.key for e in parse_bibtex(text, "x").value] == ["a", "a-2", "A-3"]


def test_entry_without_key_gets_one_from_its_line() -> None:
    keys, problems = read("% Encoding: UTF-8\n\n@Article{,\n  author = {Test Last},\n}\n")
    assert keys == ["entry-at-line-3"]
    assert problems == [
        "refs.bib:3: warning[syntax-error] entry has no key; kept as 'entry-at-line-3'"
    ]


def test_prescan_blanks_broken_entries_and_keeps_every_line_break() -> None:
    text = "@misc{k, x = 1}\n@b{j, q = {\n}\n%c\n@c{k2, t = 1}"
    scan = prescan(text)
    assert scan.text.split("\n") == ["@misc{k, x = 1}", " " * 11, " ", "  ", "@c{k2, t = 1}"]
