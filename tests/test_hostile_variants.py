"""Variants of issue 15's classes that the first round's examples did not cover.

Each class is tried on new members: numbers too long or in other digits for `int`, runs of one
character that a regular expression rescans, stray closing braces in other layouts, a Python
repr in a message. Every case ends with the broken entry alone skipped or repaired, a message
with file, line and key, and never an internal error (exit 4).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner
from test_linear_growth import GROWTH_BOUND, growth

from citeconv import api
from citeconv.commands import main
from citeconv.formats import ReadOptions
from citeconv.normalize import latex
from citeconv.readers.bibtex import parse_bibtex, read_bibtex

GOOD_BIB = "@article{good, title={Good}, author={Doe, Jane}, year=2021}\n"
GOOD_ITEM = {"id": "good", "type": "book", "title": "Good"}
LOST = "citeconv: 1 entry not converted (see errors above); all others were written\n"


def convert(tmp_path: Path, name: str, text: str, *args: str) -> tuple[int, str, str]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(main, ["convert", str(path), "--no-cache", *args])
    return result.exit_code, result.stdout, result.stderr.replace(str(path), name)


# Numbers `int` cannot read: 4,300 digits and more (Python's limit), and digits `isdigit`
# accepts but `int` refuses (superscripts, circled numbers).
@pytest.mark.parametrize(
    ("field", "value", "stderr"),
    [
        (
            "month",
            "9" * 5000,
            "warning[invalid-date] entry 'k': month '{v}' not understood; dropped",
        ),
        ("date", "9" * 5000, "warning[invalid-date] entry 'k': date '{v}' is not an EDTF date"),
        ("date", "-" + "9" * 5000, "warning[invalid-date] entry 'k': date '{v}' is not an EDTF"),
        ("urldate", "9" * 5000, "warning[invalid-date] entry 'k': date '{v}' is not an EDTF"),
        ("series", "\u00b2", ""),
        ("series", "\u2460", ""),
        ("series", "9" * 5000, ""),
    ],
)
def test_numbers_int_cannot_read_are_kept_as_text(
    tmp_path: Path, field: str, value: str, stderr: str
) -> None:
    text = f"@article{{k, title={{T}}, year=2020, {field}={{{value}}}}}\n" + GOOD_BIB
    code, stdout, errors = convert(tmp_path, "refs.bib", text, "--to", "csl-json", "-v")
    assert code == 0
    assert errors.startswith(f"refs.bib:1: {stderr.format(v=value)}" if stderr else "")
    assert [item["id"] for item in json.loads(stdout)] == ["k", "good"]


def test_a_superscript_digit_in_date_parts_skips_only_its_item(tmp_path: Path) -> None:
    item = {"id": "a", "type": "book", "title": "T", "issued": {"date-parts": [["\u00b2"]]}}
    text = json.dumps([item, GOOD_ITEM])
    code, stdout, stderr = convert(tmp_path, "in.json", text, "--to", "apa")
    assert (code, stdout) == (1, "Good. (n.d.).\n")
    assert stderr == (
        "in.json:1: error[syntax-error] entry 'a': a date part in 'issued' must be a whole "
        "number, not '\u00b2'; item skipped\n" + LOST
    )


@pytest.mark.parametrize(
    ("part", "shown"),
    [("true", "true or false"), ('{"a": 1}', "an object"), ("[2020]", "a list"), ("20.5", "20.5")],
)
def test_a_wrong_date_part_is_named_without_a_python_repr(
    tmp_path: Path, part: str, shown: str
) -> None:
    text = '[{"id": "a", "type": "book", "issued": {"date-parts": [[' + part + "]]}}]"
    code, stdout, stderr = convert(tmp_path, "in.json", text, "--to", "csl-json")
    assert (code, stdout) == (1, "[]\n")
    assert stderr.startswith(
        f"in.json:1: error[syntax-error] entry 'a': a date part in 'issued' must be a whole "
        f"number, not {shown}; item skipped\n"
    )


# A stray `}` closes the entry early, whatever the layout of what follows: BibTeX ignores the
# fields after it, and so does citeconv, but never without a word.
@pytest.mark.parametrize(
    ("entry", "line"),
    [
        ("@article{k,\n  title={Foo}},\n  author={Doe, A},\n  year=2020\n}\n", 2),
        ("@article{k, title={Foo}}}}}, author={Doe, A}, year=2020}\n", 1),
        ("@article{k, title={Foo}} author={Doe, A}, year=2020}\n", 1),
        ("@article{k,\n  title={Foo}}\n}\n  author={Doe, A}\n}\n", 2),
    ],
)
def test_fields_after_a_stray_brace_are_reported(tmp_path: Path, entry: str, line: int) -> None:
    code, stdout, stderr = convert(tmp_path, "refs.bib", entry + GOOD_BIB, "--to", "apa")
    assert (code, stdout) == (0, "Doe, J. (2021). Good.\nFoo. (n.d.).\n")
    assert stderr == (
        f"refs.bib:{line}: warning[syntax-error] entry 'k': fields after the entry's closing '}}' "
        "are ignored (a stray '}' before them?)\n"
    )


def test_text_between_entries_is_not_taken_for_fields(tmp_path: Path) -> None:
    text = "@article{k, title={Foo}}\n\nNotes: see x = y.\n" + GOOD_BIB
    code, _, stderr = convert(tmp_path, "refs.bib", text, "--to", "apa")
    assert (code, stderr) == (0, "")


# Runs of one character that a pattern rescanned from each of its places (quadratic): line
# breaks inside a value (`\n\s*@`), `<` in a title (`<[^>]+>` in the title casing), `~` in a
# date (each one a LaTeX command for the parser).
def _entry(field: str, run: str) -> Callable[[int], str]:
    return lambda count: f"@article{{k, {field}={{{run * count}}}, title={{T}}}}\n" + GOOD_BIB


@pytest.mark.parametrize(
    ("make", "stage", "size"),
    [
        (_entry("note", "\n"), lambda text: parse_bibtex(text, "refs.bib"), 20_000),
        (_entry("note", "\n \n"), lambda text: parse_bibtex(text, "refs.bib"), 10_000),
        (_entry("title", "<"), lambda text: api.convert(text, to="apa"), 10_000),
        (_entry("title", "<"), lambda text: api.convert(text, to="vancouver"), 10_000),
    ],
    ids=["line-breaks", "blank-lines", "less-than-apa", "less-than-nlm"],
)
def test_runs_of_one_character_take_linear_time(
    make: Callable[[int], str], stage: Callable[[str], object], size: int
) -> None:
    assert growth(make, stage, size) < GROWTH_BOUND


def test_tildes_in_a_date_never_reach_the_latex_parser() -> None:
    """200,000 `~` in a date, each a command for the parser, took 10 s and 826 MB."""
    parsed = latex.decode.cache_info().misses
    result = read_bibtex("@article{k, date={" + "~" * 5000 + "2020~}}\n", "refs.bib", ReadOptions())
    assert result.value.items[0]["issued"] == {"literal": "~" * 5000 + "2020~"}
    assert latex.decode.cache_info().misses == parsed
    approximate = read_bibtex("@article{k, date={2020-05~}}\n", "refs.bib", ReadOptions())
    assert approximate.value.items[0]["issued"] == {"circa": True, "date-parts": [[2020, 5]]}


def test_markup_nested_a_thousand_deep_renders_in_every_markup(tmp_path: Path) -> None:
    """A RecursionError in the markup tree lost the whole file (issue 15)."""
    title = "<sup>" * 1000 + "x" + "</sup>" * 1000
    text = json.dumps([{"id": "a", "type": "book", "title": title}, GOOD_ITEM])
    for markup in ("markdown", "rst", "latex", "html", "text"):
        code, stdout, stderr = convert(tmp_path, "in.json", text, "--to", "apa", "--markup", markup)
        assert (code, stderr) == (0, "")
        assert stdout.count("Good") == 1 and "x" in stdout


def _title(run: str) -> Callable[[int, int], list[dict[str, str]]]:
    return lambda count, serial: [
        {"id": "a", "type": "book", "title": run * count + f" {serial}", "edition": "2"}
    ]


def _quotes(count: int, serial: int) -> list[dict[str, str]]:
    title = "\u201c" * count + f"x{serial}" + "\u201d" * count
    return [{"id": "a", "type": "book", "title": title}]


def _blanks(field: str, blank: str) -> Callable[[int, int], list[dict[str, str]]]:
    return lambda count, serial: [
        {"id": "a", "type": "book", "title": f"T {serial}", field: f"a{blank * count}b"}
    ]


def _edition(count: int, serial: int) -> list[dict[str, str]]:
    return [{"id": "a", "type": "book", "title": f"T {serial}", "edition": "9" * count}]


@pytest.mark.parametrize(
    ("make", "markup", "size"),
    [
        (_title("<i>"), "rst", 8000),
        (_title('<span class="nocase">'), "text", 1500),
        (_quotes, "text", 3000),
        (_edition, "text", 3000),
        (_blanks("volume", " "), "text", 10_000),
        (_blanks("title", "\u00a0"), "html", 10_000),
        (_blanks("URL", "\t"), "markdown", 10_000),
    ],
    ids=[
        "unclosed-italics",
        "unclosed-nocase-spans",
        "nested-quotes",
        "digits-in-an-edition",
        "spaces",
        "no-break-spaces",
        "tabs",
    ],
)
def test_runs_in_rich_text_render_in_linear_time(
    make: Callable[[int, int], list[dict[str, str]]], markup: str, size: int
) -> None:
    """Each run renders a new title (a serial number), so no memo of the last run answers."""
    serials = iter(range(1_000_000))

    def stage(count: str) -> object:
        return api.render(make(len(count), next(serials)), style="apa", markup=markup)

    assert growth(lambda count: "x" * count, stage, size) < GROWTH_BOUND


# Macro growth through `@preamble`: the cap of `@string` macros holds for `\newcommand` too.
def test_a_preamble_macro_used_too_often_skips_its_entry(tmp_path: Path) -> None:
    preamble = '@preamble{"\\newcommand{\\x}{' + "y" * 5000 + '}"}\n'
    text = preamble + "@article{k, title={" + "\\x " * 10_000 + "}}\n" + GOOD_BIB
    code, stdout, stderr = convert(tmp_path, "refs.bib", text, "--to", "apa")
    assert (code, stdout) == (1, "Doe, J. (2021). Good.\n")
    assert stderr == (
        "refs.bib:2: error[syntax-error] entry 'k': macro '\\x' makes the value longer than "
        "100,000 characters; entry skipped\n" + LOST
    )


def test_preamble_macros_that_use_each_other_stop_at_the_cap() -> None:
    body = "\\a" * 100
    preamble = '@preamble{"\\newcommand{\\a}{' + "y" * 100 + "}"
    preamble += "".join(f"\\newcommand{{\\{'b' * i}}}{{{body}}}" for i in range(1, 2)) + '"}\n'
    text = preamble + "@article{k, title={" + "\\b" * 50 + "}}\n"
    result = parse_bibtex(text, "refs.bib")
    assert result.value == []
    assert [d.message for d in result.diagnostics] == [
        "macro '\\a' makes the value longer than 100,000 characters; entry skipped"
    ]


def test_preamble_macros_share_the_files_budget() -> None:
    preamble = '@preamble{"\\newcommand{\\x}{' + "y" * 90_000 + '}"}\n'
    text = preamble + "".join(f"@article{{k{i}, title={{\\x}}}}\n" for i in range(250))
    result = parse_bibtex(text, "refs.bib")
    assert len(result.value) == 222  # 20,000,000 characters / 90,000 each
    assert {d.message for d in result.diagnostics} == {
        "macros expand to more than 20,000,000 characters in this file; entry skipped"
    }


def test_many_fields_in_one_entry_take_linear_time() -> None:
    def make(count: int) -> str:
        return "@misc{k, " + ", ".join(f"f{i}={{v}}" for i in range(count)) + "}\n"

    def stage(text: str) -> object:
        return read_bibtex(text, "refs.bib", ReadOptions(keep_unmapped=True))

    assert growth(make, stage, 4000) < GROWTH_BOUND


def test_a_journal_title_longer_than_any_journals_name_is_not_abbreviated() -> None:
    asked: list[str] = []

    def abbreviate(title: str) -> str:
        asked.append(title)
        return "J"

    journal = " ".join(["Journal of"] * 50)
    text = f"@article{{a, journal={{{journal}}}}}\n@article{{b, journal={{Journal of Things}}}}\n"
    items = read_bibtex(text, "refs.bib", ReadOptions(abbreviate=abbreviate)).value.items
    assert asked == ["Journal of Things"]
    assert [item.get("container-title-short") for item in items] == [None, "J"]


def test_closing_quotes_in_a_quoted_style_render_in_linear_time() -> None:
    """Chicago quotes titles: its punctuation pass retried a run of `”` from each one."""
    serials = iter(range(1_000_000))

    def stage(marks: str) -> object:
        item = {
            "id": "a",
            "type": "article-journal",
            "title": f"Title {next(serials)}",  # in quotes, in a journal
            "container-title": "J",
            "author": [{"family": marks, "given": marks}],
        }
        return api.render([item], style="chicago-author-date")

    assert growth(lambda count: "\u201d" * count, stage, 4000) < GROWTH_BOUND


@pytest.mark.parametrize(
    ("volume", "printed"),
    [("12", "xii"), ("3999", "mmmcmxcix"), ("100000000000", "100000000000"),
     ("99999999999999999999999", "99999999999999999999999")],
)  # fmt: skip
def test_roman_volumes_stop_at_3999(volume: str, printed: str) -> None:
    # `ayer` prints volumes in roman numerals: a huge one took minutes, or overflowed (exit 4).
    text = f"@book{{d, author={{Doe, J}}, title={{T}}, volume={{{volume}}}, year=2000}}\n"
    assert api.convert(text, to="ayer").value == f"J Doe, T, 2000, {printed}.\n"


@pytest.mark.parametrize(
    ("names", "expected"),
    [
        (r"Roe, R and \textbf{Ann} Jones", [("Roe", "R"), ("Jones", "Ann")]),
        (r"Roe, R and \textsc{Jones}, Ann", [("Roe", "R"), ("Jones", "Ann")]),
        (
            r"Roe, R AND \emph{Bob} Smith and Ann Jones",
            [("Roe", "R"), ("Smith", "Bob"), ("Jones", "Ann")],
        ),
        (r"{Roe and Sons} and \textbf{Ann} Jones", [("Roe and Sons", None), ("Jones", "Ann")]),
    ],
)
def test_a_name_after_and_may_start_with_a_command(
    tmp_path: Path, names: str, expected: list[tuple[str, str | None]]
) -> None:
    """bibtexparser's splitter dropped the backslash after `and` (`Jones, extbfAnn.`)."""
    text = f"@article{{k, author={{{names}}}, title={{T}}, year=2020}}\n"
    code, stdout, errors = convert(tmp_path, "refs.bib", text, "--to", "csl-json")
    assert (code, errors) == (0, "")
    authors = json.loads(stdout)[0]["author"]
    found = [(a.get("family", a.get("literal")), a.get("given")) for a in authors]
    assert found == expected


def test_splitting_names_is_linear_in_a_run_of_blanks() -> None:
    from citeconv.readers.name_tokens import split_person_names

    def make(size: int) -> str:
        return "Ann Jones" + " " * size + "Roe"

    assert growth(make, split_person_names, 100_000) < GROWTH_BOUND


@pytest.mark.parametrize("unit", ["a$", "x_", "x_{1}$", "\\relax "])
def test_a_value_of_too_many_latex_nodes_skips_its_entry(tmp_path: Path, unit: str) -> None:
    """A megabyte of `$a$a$...` in one title took 14 s and a gigabyte in the LaTeX parser."""
    body = unit * 400_000
    text = f"@article{{k, title={{{{${body}$}}}}, year=2020}}\n" + GOOD_BIB
    code, stdout, errors = convert(tmp_path, "refs.bib", text, "--to", "csl-json")
    assert code == 1
    assert errors == (
        "refs.bib:1: error[syntax-error] entry 'k': LaTeX with more than 20,000 commands, "
        "groups and math signs in one value; cannot decode; entry skipped\n" + LOST
    )
    assert [item["id"] for item in json.loads(stdout)] == ["good"]


def test_a_formula_heavy_abstract_is_decoded(tmp_path: Path) -> None:
    formulas = " and ".join(f"$x_{{{n}}}^2$" for n in range(2_000))  # 10,000 signs
    text = f"@article{{k, title={{T}}, abstract={{{formulas}}}, year=2020}}\n"
    code, stdout, errors = convert(tmp_path, "refs.bib", text, "--to", "csl-json")
    assert (code, errors) == (0, "")
    assert json.loads(stdout)[0]["abstract"].count(" and ") == 1_999
