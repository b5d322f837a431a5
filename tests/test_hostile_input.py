"""Hostile input loses only what it must (issue 15): one entry, with a diagnostic, never the file.

Deep nesting, runaway macros and CSL-JSON of the wrong types each end with the broken entry
skipped or repaired and every other entry written; never an internal error (exit 4).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from citeconv.commands import main
from citeconv.readers.bibtex import parse_bibtex
from citeconv.readers.csl_item_check import DATE_VARIABLES, NAME_VARIABLES, STRING_OR_NUMBER

from conftest import corpus_dir

GOOD_BIB = "@article{good, title={Good}, author={Doe, Jane}, year=2021}\n"
GOOD_ITEM = {"id": "good", "type": "book", "title": "Good"}


def convert(tmp_path: Path, name: str, text: str, *args: str) -> tuple[int, str, str]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(main, ["convert", str(path), "--no-cache", *args])
    stderr = result.stderr.replace(str(path), name)
    return result.exit_code, result.stdout, stderr


LOST = "citeconv: 1 entry not converted (see errors above); all others were written\n"


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        (
            "\\emph{" * 300 + "x" + "}" * 300,
            "LaTeX nested more than 100 levels deep; cannot decode",
        ),
        ("$" + "_{" * 300 + "x" + "}" * 300 + "$", "LaTeX nested more than 100 levels deep"),
    ],
)
def test_deep_latex_loses_only_its_entry(tmp_path: Path, value: str, problem: str) -> None:
    text = "@article{deep, title={" + value + "}, year=2020}\n" + GOOD_BIB
    code, stdout, stderr = convert(tmp_path, "refs.bib", text, "--to", "apa")
    assert (code, stdout) == (1, "Doe, J. (2021). Good.\n")
    assert stderr.startswith(f"refs.bib:1: error[syntax-error] entry 'deep': {problem}")
    assert stderr.endswith("; entry skipped\n" + LOST)


def test_macros_that_double_each_other_stop_at_a_size_cap(tmp_path: Path) -> None:
    lines = ['@string{m0 = "ab"}']
    lines += [f"@string{{m{i} = m{i - 1} # m{i - 1}}}" for i in range(1, 41)]
    text = "\n".join(lines) + "\n" + GOOD_BIB
    code, stdout, stderr = convert(tmp_path, "refs.bib", text, "--to", "apa")
    assert (code, stdout) == (1, "Doe, J. (2021). Good.\n")
    assert stderr.splitlines()[0] == (
        "refs.bib:17: error[syntax-error] @string 'm16': macro 'm15' makes the value longer "
        "than 100,000 characters; macro not defined"
    )


def test_an_undefined_macro_in_a_string_is_reported_as_in_a_field(tmp_path: Path) -> None:
    text = (
        '@string{s = "x" # s}\n@string{t = "y" # nowhere}\n'
        '@article{a, author={A, B}, title=s # " " # t, year=2020}\n'
    )
    code, stdout, stderr = convert(tmp_path, "refs.bib", text, "--to", "apa")
    assert (code, stdout) == (0, "A, B. (2020). xs ynowhere.\n")
    assert stderr == (
        "refs.bib:1: warning[undefined-macro] @string 's': undefined macro 's' kept as text\n"
        "refs.bib:2: warning[undefined-macro] @string 't': undefined macro 'nowhere' kept as "
        "text\n"
    )


def test_an_entry_that_expands_macros_too_far_is_skipped(tmp_path: Path) -> None:
    text = '@string{big = "' + "x" * 60_000 + '"}\n@article{k, title = big # big}\n' + GOOD_BIB
    code, stdout, stderr = convert(tmp_path, "refs.bib", text, "--to", "apa")
    assert (code, stdout) == (1, "Doe, J. (2021). Good.\n")
    assert stderr == (
        "refs.bib:2: error[syntax-error] entry 'k': macro 'big' makes the value longer than "
        "100,000 characters; entry skipped\n" + LOST
    )


def test_a_field_ending_in_a_backslash_is_read(tmp_path: Path) -> None:
    text = "@misc{a, note={Line one\\\\}, title={T}}\n" + GOOD_BIB
    code, stdout, stderr = convert(tmp_path, "refs.bib", text, "--to", "csl-json")
    assert (code, stderr) == (0, "")
    assert [item.get("note") for item in json.loads(stdout)] == ["Line one", None]


def _items(text: str) -> list[dict[str, Any]]:
    return list(json.loads(text))


BASE = {"id": "a", "type": "article-journal", "title": "T", "issued": {"date-parts": [[2020]]}}


@pytest.mark.parametrize(
    ("patch", "warning", "field", "repaired"),
    [
        ({"author": "Smith, John"},
         "field 'author' is text, not a list of names; read as one literal name",
         "author", [{"literal": "Smith, John"}]),
        ({"author": {"family": "Smith"}}, "field 'author' is not a list of names; read as one name",
         "author", [{"family": "Smith"}]),
        ({"issued": {"date-parts": [["2020"]]}},
         "date part '2020' in 'issued' is text; read as a number", "issued",
         {"date-parts": [[2020]]}),
        ({"issued": "2020-05"}, "field 'issued' is not a date object; read from its text",
         "issued", {"date-parts": [[2020, 5]]}),
        ({"title": None}, "field 'title' is null; dropped", "title", None),
        ({"issued": {"date-parts": []}}, "field 'issued' holds no date; dropped", "issued", None),
        ({"title": "x\ud800y"}, "text with a lone surrogate (invalid Unicode); replaced by U+FFFD",
         "title", "x\ufffdy"),
        ({"title": 1984}, "field 'title' is a number; read as text", "title", "1984"),
        ({"multi": {"_keys": {}}}, "field 'multi' is not a CSL variable and not text; dropped",
         "multi", None),  # citeproc-js's own data: the work is kept
        ({"issued": {"date-parts": [[2020, 2, 30]]}},
         "day 30 in 'issued' is no day of February 2020; dropped", "issued",
         {"date-parts": [[2020, 2]]}),
        ({"issued": {"date-parts": [[2020, 0, 5]]}},
         "month 0 in 'issued' is no month or season; dropped", "issued",
         {"date-parts": [[2020]]}),
        ({"editor": ""}, "field 'editor' is empty text, not a list of names; dropped",
         "editor", None),  # was the literal name "" that citeproc-py prints as `None`
        ({"editor": [{"literal": " "}, {"family": "Roe"}]}, "an empty name in 'editor' dropped",
         "editor", [{"family": "Roe"}]),
    ],
)  # fmt: skip
def test_csl_json_repairs_what_is_unambiguous(
    tmp_path: Path, patch: dict[str, Any], warning: str, field: str, repaired: Any
) -> None:
    text = json.dumps([{**BASE, **patch}, GOOD_ITEM])
    code, stdout, stderr = convert(tmp_path, "in.json", text, "--to", "csl-json")
    assert (code, stderr) == (0, f"in.json:1: warning[syntax-error] entry 'a': {warning}\n")
    assert _items(stdout)[0].get(field) == repaired


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ('[{"id": "a", "type": "book", "volume": NaN}, ', "a number is NaN, Infinity or too"),
        ('[{"id": "a", "type": "book", "volume": 1e400}, ', "too large for a double"),
        ('[{"id": "a", "type": "book", "title": {"x": 1}}, ', "field 'title' must be text"),
        ('[{"id": "a", "type": "book", "issued": [2020]}, ', "field 'issued' must be a date"),
        ('[{"id": "a", "type": ["book"]}, ', "field 'type' must be text, not a list"),
        ('[{"id": "a", "type": "book", "issued": {"date-parts": [[[2020]]]}}, ', "a date part"),
        ("[" + "[" * 100_000 + "]" * 100_000 + ", ", "item nested more than 64 levels deep"),
    ],
)
def test_csl_json_skips_an_item_it_cannot_read(tmp_path: Path, text: str, problem: str) -> None:
    text += json.dumps(GOOD_ITEM) + "]"
    for style in ("csl-json", "ris", "apa"):
        code, stdout, stderr = convert(tmp_path, "in.json", text, "--to", style)
        assert code == 1
        assert stderr.startswith("in.json:1: error[syntax-error] ")
        assert problem in stderr and stderr.endswith("skipped\n" + LOST)
        assert "Good" in stdout and "NaN" not in stdout and "{'" not in stdout


@pytest.mark.parametrize("style", ["apa", "vancouver", "chicago-author-date"])
def test_blank_names_print_nothing(tmp_path: Path, style: str) -> None:
    item = {**BASE, "author": [{"family": "Doe", "given": "J"}], "editor": "", "translator": " "}
    item["container-author"] = [{"family": " ", "given": "Ann"}]
    code, stdout, stderr = convert(tmp_path, "in.json", json.dumps([item]), "--to", style)
    assert code == 0 and stderr.count("warning[syntax-error]") == 2
    assert "None" not in stdout and " , " not in stdout and "Doe" in stdout


def test_huge_numbers_are_kept_as_text(tmp_path: Path) -> None:
    text = '[{"id": "a", "type": "book", "volume": ' + "9" * 5000 + "}]"
    code, stdout, stderr = convert(tmp_path, "in.json", text, "--to", "csl-json")
    assert (code, stderr) == (0, "")
    assert _items(stdout)[0]["volume"] == "9" * 5000


def test_field_types_are_the_schemas() -> None:
    schema = json.loads((corpus_dir("schema") / "csl-data.json").read_text(encoding="utf-8"))
    properties = schema["items"]["properties"]
    names = {k for k, v in properties.items() if "name-variable" in str(v.get("items"))}
    dates = {k for k, v in properties.items() if "date-variable" in v.get("$ref", "")}
    numbers = {k for k, v in properties.items() if v.get("type") == ["string", "number"]}
    assert (names, dates, numbers - {"id"}) == (NAME_VARIABLES, DATE_VARIABLES, STRING_OR_NUMBER)


def test_macro_expansion_has_a_budget_per_file() -> None:
    text = '@string{m = "' + "x" * 60_000 + '"}\n'
    text += "".join(f'@article{{k{i}, title = m # "y"}}\n' for i in range(400))
    result = parse_bibtex(text, "refs.bib")
    kept = [entry.key for entry in result.value]
    assert kept == [f"k{i}" for i in range(333)]
    assert {d.message for d in result.diagnostics} == {
        "macros expand to more than 20,000,000 characters in this file; entry skipped"
    }
    assert len(result.diagnostics) == 67


def test_an_item_too_deep_to_read_is_named_by_its_id(tmp_path: Path) -> None:
    deep = '{"id": "deep", "type": "book", "note": ' + "[" * 100 + "]" * 100 + "}"
    text = f"[{deep},\n {json.dumps(GOOD_ITEM)}]"
    code, stdout, stderr = convert(tmp_path, "in.json", text, "--to", "csl-json")
    assert (code, [item["id"] for item in _items(stdout)]) == (1, [GOOD_ITEM["id"]])
    assert stderr == (
        "in.json:1: error[syntax-error] entry 'deep': item nested more than 64 levels deep; "
        "skipped\n" + LOST
    )
