"""Nothing is lost or garbled without a word (issue 15): UTF-16 without a byte-order mark, a
file that is not a bibliography, line breaks inside values, terminal escapes in values."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from citeconv.commands import files, main
from citeconv.diagnostics import (
    Code,
    Diagnostic,
    Severity,
    SourceSpan,
    diagnostic_to_json,
    format_diagnostic,
)

from conftest import SEEDS, corpus_dir


def convert(path: Path, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["convert", str(path), "--no-cache", *args])
    return result.exit_code, result.stdout, result.stderr.replace(str(path), path.name)


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_byte_order_mark_is_read(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "refs.bib"
    path.write_bytes((SEEDS / "koutras2020.bib").read_text(encoding="utf-8").encode(encoding))
    code, stdout, stderr = convert(path, "--to", "csl-json")
    assert code == 0 and '"id": "3078780"' in stdout
    assert stderr == (
        f"refs.bib:1: warning[encoding] no byte-order mark, but the NUL bytes say "
        f"{encoding.upper()}; read as such\n"
    )


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("refs.bib", b"\x7fELF\x02\x01\x01\x00 not a bibliography\n",
         "refs.bib:1: warning[encoding] 5 control characters (U+0000, U+0001, U+0002, U+007F) "
         "removed, the first here\n"
         "refs.bib:1: error[syntax-error] no BibTeX entries found (text outside entries is "
         "ignored)"),
        ("refs.bib", bytes(range(256)) * 40,  # binary data: left whole, and no entries in it
         "refs.bib:1: warning[encoding] NUL bytes from here on (binary data, or UTF-16 text "
         "without a byte-order mark after other text): nothing in them is read\n"
         "refs.bib:1: error[syntax-error] no BibTeX entries found (text outside entries is "
         "ignored)\n"
         "refs.bib:2: warning[encoding] not valid UTF-8, the first such line here; lines that "
         "are not UTF-8 read as Windows-1252 (Latin-1); check accented letters"),
        ("refs.ris", b"Just some notes\n", "refs.ris:1: error[syntax-error] no RIS records "
         "found (no line starts with 'TY  - ')"),
    ],
)  # fmt: skip
def test_a_file_that_is_no_bibliography_is_an_error(
    tmp_path: Path, name: str, content: bytes, message: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    code, stdout, stderr = convert(path, "--to", "csl-json")
    # No entry was lost, as there was none: the summary counts the error, not a lost entry.
    assert (code, stdout, stderr) == (1, "[]\n", message + "\nciteconv: 1 error (see above)\n")


def test_the_summary_counts_lost_entries_apart_from_other_errors(tmp_path: Path) -> None:
    path = tmp_path / "refs.bib"
    doubling = ['@string{m0 = "ab"}'] + [
        f"@string{{m{i} = m{i - 1} # m{i - 1}}}" for i in range(1, 17)
    ]
    path.write_text(
        "\n".join(doubling) + "\n@misc{a, title={A}, year=2000}\n"
        "@misc{b, title={B}, year=2000, author={Doe, {J}}\n",
        encoding="utf-8",
    )
    code, stdout, stderr = convert(path, "--to", "apa")
    assert (code, stdout) == (1, "A. (2000).\n")
    assert stderr.splitlines()[-1] == (
        "citeconv: 1 entry not converted, 1 other error (see errors above); all others were written"
    )


NOTHING_CONVERTED = (
    "refs.bib:{line}: error[no-entries] no entries found in the input\n"
    "citeconv: 1 error (see above)\n"
)


@pytest.mark.parametrize("content", ["", "\n", " \n\t\n"])
def test_an_empty_input_is_an_empty_list_with_a_warning(tmp_path: Path, content: str) -> None:
    # A new project's bibliography may be empty: exit 0, but said (exit 3 under --strict).
    path = tmp_path / "refs.bib"
    path.write_text(content, encoding="utf-8")
    warning = "refs.bib: warning[no-entries] the input is empty\n"
    assert convert(path, "--to", "csl-json") == (0, "[]\n", warning)
    assert convert(path, "--to", "apa", "--strict") == (3, "", warning)


def test_an_empty_csl_json_list_is_an_empty_input(tmp_path: Path) -> None:
    path = tmp_path / "refs.json"
    path.write_text("[ ]\n", encoding="utf-8")
    assert convert(path, "--to", "ris") == (
        0, "", "refs.json: warning[no-entries] the input is empty\n"
    )  # fmt: skip


@pytest.mark.parametrize(
    ("content", "line"),
    [
        ('\n@string{j = "Nature"}\n@preamble{"x"}\n', 2),
        ("@comment{jabref-meta: databaseType:bibtex;}\n", 1),
        ("% references to come\n", 1),
        ("@xdata{pub, publisher={P}}\n", 1),  # lends fields, prints nothing
    ],
)
def test_a_file_with_no_entry_is_an_error(tmp_path: Path, content: str, line: int) -> None:
    # Not a bibliography of nothing: a Makefile must not take an empty list for a good result.
    path = tmp_path / "refs.bib"
    path.write_text(content, encoding="utf-8")
    for to, output in (("csl-json", "[]\n"), ("ris", ""), ("apa", "")):
        assert convert(path, "--to", to) == (1, output, NOTHING_CONVERTED.format(line=line))


def test_a_file_of_macros_before_a_file_of_entries_is_no_error(tmp_path: Path) -> None:
    macros = tmp_path / "journals.bib"
    macros.write_text('@string{nat = "Nature"}\n', encoding="utf-8")
    entries = tmp_path / "refs.bib"
    entries.write_text("@article{a, journal=nat, title={T}, year=2001}\n", encoding="utf-8")
    result = CliRunner().invoke(
        main, ["convert", str(macros), str(entries), "--to", "ris", "--no-cache"]
    )
    assert (result.exit_code, result.stderr) == (0, "")
    assert "T2  - Nature" in result.stdout


def test_styled_output_is_one_entry_per_line(tmp_path: Path) -> None:
    path = tmp_path / "refs.bib"
    path.write_text(
        "@misc{a, title={Two\nlines}, author={Doe, Jane}, year=2020,"
        " url={https://example.org/a\nb}, note={x\u2028y}}"
        " @misc{b, title={Same line}, author={Roe, Ray}, year=2021}\n",
        encoding="utf-8",
    )
    for markup in ("text", "html"):
        code, stdout, stderr = convert(path, "--to", "apa", "--markup", markup)
        assert (code, stderr, stdout.count("\n")) == (0, "", 2)
    assert convert(path, "--to", "apa")[1] == (
        "Doe, J. (2020). Two lines. https://example.org/a b\nRoe, R. (2021). Same line.\n"
    )


@pytest.mark.parametrize("style", ["apa", "ris", "csl-json"])
def test_control_characters_are_removed_with_a_warning(tmp_path: Path, style: str) -> None:
    path = tmp_path / "refs.bib"
    title = "ESC\x1b[31mred\x1b[0m BEL\x07 NUL\x00 x"
    path.write_text(f"@misc{{k, author={{A, B}}, year=2020,\n title={{{title}}}}}\n", "utf-8")
    for markup in ("text", "html") if style == "apa" else ("text",):
        code, stdout, stderr = convert(
            path, "--to", style, *(["--markup", markup] * (style == "apa"))
        )
        assert code == 0 and "ESC[31mred[0m BEL NUL x" in stdout
        assert not any(ord(c) < 32 and c not in "\n\t" for c in stdout)
        assert stderr.startswith(
            "refs.bib:2: warning[encoding] 4 control characters (U+0000, U+0007, U+001B) "
            "removed, the first here\n"
        )


def test_many_control_characters_in_a_bibliography_are_still_removed(tmp_path: Path) -> None:
    """Terminal colours pasted into a title: a dozen ESC, and still a bibliography (only NUL
    bytes in number mark binary data)."""
    path = tmp_path / "refs.bib"
    colours = "\x1b[1m" * 12
    path.write_text(f"@misc{{k, title={{{colours}Bold}}, year=2020}}\n", encoding="utf-8")
    code, stdout, stderr = convert(path, "--to", "csl-json")
    assert (code, json.loads(stdout)[0]["title"]) == (0, "[1m" * 12 + "Bold")
    assert stderr == (
        "refs.bib:1: warning[encoding] 12 control characters (U+001B) removed, the first here\n"
    )


def test_control_characters_are_escaped_in_diagnostics() -> None:
    span = SourceSpan("refs.bib", 3, "k\x1b")
    diagnostic = Diagnostic(Severity.WARNING, Code.SYNTAX_ERROR, "a \x1b]0;title\x07 \x9b", span)
    assert format_diagnostic(diagnostic) == (
        "refs.bib:3: warning[syntax-error] entry 'k\\x1b': a \\x1b]0;title\\x07 \\x9b"
    )
    assert diagnostic_to_json(diagnostic) == (
        '{"code": "syntax-error", "file": "refs.bib", "key": "k\\u001b", "line": 3, '
        '"message": "a \\u001b]0;title\\u0007 \\u009b", "severity": "warning"}'
    )


class _Terminal(io.TextIOWrapper):
    def isatty(self) -> bool:
        return True


def test_control_characters_are_escaped_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    raw = io.BytesIO()
    monkeypatch.setattr(files.sys, "stdout", _Terminal(raw, encoding="utf-8"))
    files.write_stdout("Evil \x1b]0;pwned\x07 title.\r\nNext\n")
    assert raw.getvalue() == b"Evil \\x1b]0;pwned\\x07 title.\r\nNext\n"


def test_entries_on_one_line_are_all_kept(tmp_path: Path) -> None:
    path = tmp_path / "refs.bib"
    path.write_text(
        "@misc{a, title={55\\% of {\\textquoteright}x}, year=2020} % a comment\n"
        "@misc{b, title={B}, note={50% off}} @misc{c, title={C}} @misc{d, title={D}}\n",
        encoding="utf-8",
    )
    code, stdout, stderr = convert(path, "--to", "csl-json")
    ids = [line.split('"')[3] for line in stdout.splitlines() if line.startswith('    "id"')]
    assert (code, ids, stderr) == (0, ["a", "b", "c", "d"], "")


def test_a_file_with_its_line_breaks_removed_keeps_every_entry(tmp_path: Path) -> None:
    original = corpus_dir("realworld") / "nilearn--references.bib"
    flat = tmp_path / "flat.bib"
    flat.write_text(original.read_text(encoding="utf-8").replace("\n", " "), encoding="utf-8")
    counts = [
        convert(path, "--to", "csl-json", "-q")[1].count('\n    "id": ')
        for path in (original, flat)
    ]
    assert counts == [123, 123]


def test_fields_after_a_stray_closing_brace_are_reported(tmp_path: Path) -> None:
    path = tmp_path / "refs.bib"
    path.write_text("@article{a, title={Foo}}, author={X, Y}, year=2020}\n", encoding="utf-8")
    code, stdout, stderr = convert(path, "--to", "csl-json")
    assert code == 0 and '"title": "Foo"' in stdout
    assert stderr == (
        "refs.bib:1: warning[syntax-error] entry 'a': fields after the entry's closing '}' are "
        "ignored (a stray '}' before them?)\n"
    )


# Two fields for one thing: the one not used says so, unless it agrees (issue 15).
@pytest.mark.parametrize(
    ("fields", "stderr"),
    [
        (
            "date={2019-05-01}, year={2020}, month={jun}",
            "refs.bib:1: warning[unmapped-field] entry 'k': field 'year' not used: 'date' gives "
            "the date (2019-05-01)\n"
            "refs.bib:1: warning[unmapped-field] entry 'k': field 'month' not used: 'date' gives "
            "the date (2019-05-01)\n",
        ),
        ("date={2019-05-01}, year={2019}, month={may}, day={1}", ""),
        (
            "date={2019-05-01}, year={" + "9" * 5000 + "}",  # more digits than `int` reads
            "refs.bib:1: warning[unmapped-field] entry 'k': field 'year' not used: 'date' gives "
            "the date (2019-05-01)\n",
        ),
        (
            "editor={Roe, Rich}, editora={Poe, Pat}",
            "refs.bib:1: warning[unmapped-field] entry 'k': field 'editora' not used: 'editor' is "
            "already set from another field\n",
        ),
        ("editor={Roe, Rich}, editora={Poe, Pat}, editoratype={translator}", ""),
        (
            "author={Doe, Jane}, holder={ACME Corp}",
            "refs.bib:1: warning[unmapped-field] entry 'k': field 'holder' not used: 'author' is "
            "already set from another field\n",
        ),
        (
            "url={https://a.org}, howpublished={\\url{https://b.org}}",
            "refs.bib:1: warning[unmapped-field] entry 'k': field 'howpublished' not used: 'URL' "
            "is already set from another field\n",
        ),
        ("url={https://a.org}, howpublished={\\url{https://a.org}}", ""),
        (
            "eprint={1234.5678}, eprinttype={arxiv}, eprintclass={cs.CL}",
            "refs.bib:1: info[unmapped-field] entry 'k': field 'eprintclass' has no CSL "
            "equivalent\n",
        ),
    ],
)
def test_a_field_not_used_for_another_says_so(tmp_path: Path, fields: str, stderr: str) -> None:
    path = tmp_path / "refs.bib"
    path.write_text(f"@misc{{k, title={{T}}, {fields}}}\n", encoding="utf-8")
    code, _stdout, errors = convert(path, "--to", "csl-json", "-v")
    assert (code, errors) == (0, stderr)


def test_editora_takes_the_role_its_type_names(tmp_path: Path) -> None:
    path = tmp_path / "refs.bib"
    path.write_text(
        "@book{k, title={T}, editor={Roe, Rich}, editora={Poe, Pat}, editoratype={translator},"
        " editorb={Loe, Lou}, editorbtype={compiler}, year=2020}\n",
        encoding="utf-8",
    )
    code, stdout, errors = convert(path, "--to", "csl-json")
    assert (code, errors) == (0, "")
    item = json.loads(stdout)[0]
    assert item["translator"] == [{"family": "Poe", "given": "Pat"}]
    assert item["compiler"] == [{"family": "Loe", "given": "Lou"}]


@pytest.mark.parametrize(
    ("fields", "issued", "stderr"),
    [
        ("year=2020, month={13}", [[2020]], "month '13' not understood; dropped"),
        ("year=2020, month={foo}", [[2020]], "month 'foo' not understood; dropped"),
        ("year=2020, month=feb, day={30}", [[2020, 2]], "day '30' is no day of February 2020"),
        ("year=2021, month={2}, day={29}", [[2021, 2]], "day '29' is no day of February 2021"),
        ("date={2020-02-30}", [[2020, 2]], "day '30' is no day of February 2020; dropped"),
        ("date={2019-04-31/2019-05-02}", [[2019, 4], [2019, 5, 2]], "day '31' is no day of"),
        ("year=2020, day={3}", [[2020]], "day '3' without a month; dropped"),
    ],
)
def test_a_date_part_that_cannot_be_is_dropped_with_a_warning(
    tmp_path: Path, fields: str, issued: list[list[int]], stderr: str
) -> None:
    path = tmp_path / "refs.bib"
    path.write_text(f"@misc{{k, title={{T}}, {fields}}}\n", encoding="utf-8")
    code, stdout, errors = convert(path, "--to", "csl-json")
    assert code == 0
    assert errors.startswith(f"refs.bib:1: warning[invalid-date] entry 'k': {stderr}")
    assert json.loads(stdout)[0]["issued"] == {"date-parts": issued}


def test_a_leap_day_is_a_day(tmp_path: Path) -> None:
    path = tmp_path / "refs.bib"
    path.write_text("@misc{k, title={T}, date={2020-02-29}}\n", encoding="utf-8")
    code, stdout, errors = convert(path, "--to", "csl-json")
    assert (code, errors) == (0, "")
    assert json.loads(stdout)[0]["issued"] == {"date-parts": [[2020, 2, 29]]}


@pytest.mark.parametrize(
    ("fields", "stderr"),
    [
        ("year={in press}, month=feb",
         ["warning[invalid-date] entry 'k': month 'February' dropped: 'in press' is no date"]),
        ("year={2020/2021}, month=jan, day={5}",
         ["warning[invalid-date] entry 'k': month 'January' dropped: the year '2020/2021' is a "
          "range",
          "warning[invalid-date] entry 'k': day '5' dropped: the year '2020/2021' is a range"]),
        ("year={abc}, month={12}",
         ["warning[invalid-date] entry 'k': year 'abc' is not a number; kept as literal",
          "warning[invalid-date] entry 'k': month '12' dropped: the year is not a number"]),
        ("year={}, month={12}",
         ["warning[invalid-date] entry 'k': month '12' dropped: the entry has no year or date"]),
        ("date={Spring term}, year={2020}",
         ["warning[invalid-date] entry 'k': date 'Spring term' is not an EDTF date; kept as "
          "literal",
          "warning[unmapped-field] entry 'k': field 'year' not used: 'date' gives the date "
          "(Spring term)"]),
    ],
)  # fmt: skip
def test_a_month_or_day_no_year_can_take_is_reported(
    tmp_path: Path, fields: str, stderr: list[str]
) -> None:
    path = tmp_path / "refs.bib"
    path.write_text(f"@misc{{k, title={{T}}, {fields}}}\n", encoding="utf-8")
    code, _, errors = convert(path, "--to", "csl-json")
    assert (code, errors) == (0, "".join(f"refs.bib:1: {line}\n" for line in stderr))


def test_a_season_beside_a_date_of_that_season_is_no_news(tmp_path: Path) -> None:
    path = tmp_path / "refs.bib"
    path.write_text(
        "@misc{a, title={T}, date={2020-21}, month={spring}}\n"
        "@misc{b, title={U}, date={2020-21}, month={autumn}}\n",
        encoding="utf-8",
    )
    code, _, errors = convert(path, "--to", "csl-json")
    assert (code, errors) == (
        0,
        "refs.bib:2: warning[unmapped-field] entry 'b': field 'month' not used: 'date' gives "
        "the date (2020-21)\n",
    )
