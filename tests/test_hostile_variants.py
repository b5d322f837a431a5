"""Variants of issue 15's classes that the first round's examples did not cover.

Each class is tried on new members: numbers too long or in other digits for `int`, runs of one
character that a regular expression rescans, stray closing braces in other layouts, a Python
repr in a message. Every case ends with the broken entry alone skipped or repaired, a message
with file, line and key, and never an internal error (exit 4).
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner
from test_linear_growth import GROWTH_BOUND, growth

from citeconv import api
from citeconv.commands import main
from citeconv.diagnostics import format_diagnostic
from citeconv.errors import InvalidArgument
from citeconv.formats import ReadOptions
from citeconv.normalize import latex
from citeconv.readers.bibtex import parse_bibtex, read_bibtex
from citeconv.rendering.clusters import CiteItem, Cluster

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
        ("month", "9" * 5000, "info[invalid-date] entry 'k': month '{v}' not understood"),
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


# `-o` onto the input under another name, and onto a symbolic link.
def test_output_onto_a_hard_link_of_the_input_is_refused(tmp_path: Path) -> None:
    source = tmp_path / "refs.bib"
    source.write_text(GOOD_BIB, encoding="utf-8")
    (tmp_path / "link.bib").hardlink_to(source)
    result = CliRunner().invoke(
        main, ["convert", str(tmp_path / "link.bib"), "--to", "apa", "-o", str(source)]
    )
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        f"citeconv: error: refusing to write over the input file '{tmp_path / 'link.bib'}'\n"
    )
    assert source.read_text(encoding="utf-8") == GOOD_BIB


def test_output_onto_a_symbolic_link_writes_its_target(tmp_path: Path) -> None:
    source = tmp_path / "refs.bib"
    source.write_text(GOOD_BIB, encoding="utf-8")
    (tmp_path / "shared").mkdir()
    (tmp_path / "refs.txt").symlink_to(tmp_path / "shared" / "refs.txt")  # not there yet
    for _ in range(2):  # creates the target, then replaces it
        result = CliRunner().invoke(
            main, ["convert", str(source), "--to", "apa", "-o", str(tmp_path / "refs.txt")]
        )
        assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")
    assert (tmp_path / "refs.txt").is_symlink()
    assert (tmp_path / "shared" / "refs.txt").read_text(encoding="utf-8") == (
        "Doe, J. (2021). Good.\n"
    )


def test_jobs_never_fork_more_workers_than_cores() -> None:
    from citeconv.commands.convert import _workers

    cores = os.cpu_count() or 1
    assert [_workers(None), _workers(1), _workers(10**20)] == [cores, 1, cores]


def test_a_worker_signalled_before_it_takes_its_own_handlers_ends_silently() -> None:
    """The pool ends workers that are still starting: they carried the run's handler, which
    raised in the worker and printed its traceback."""
    from citeconv.commands import interrupts

    run_pid = os.getpid()
    child = os.fork()
    if child == 0:  # the worker: the run's handler, inherited
        interrupts._RUN_PID.append(run_pid)
        with contextlib.suppress(BaseException):
            interrupts._raise_terminated(signal.SIGTERM, None)
        os._exit(0)  # not reached when the handler ends the worker
    _, status = os.waitpid(child, 0)
    assert os.waitstatus_to_exitcode(status) == interrupts.TERMINATED


# Broken styles: values the engine cannot take, and macros that call each other too often.
STYLE = """<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><title>Broken</title><id>broken</id><updated>2020-01-01T00:00:00+00:00</updated></info>
  {macros}<citation><layout><text variable="title"/></layout></citation>
  <bibliography><layout>{layout}</layout></bibliography>
</style>
"""
FANOUT = "".join(
    f'<macro name="m{i}"><text macro="m{i + 1}"/><text macro="m{i + 1}"/></macro>'
    for i in range(30)
)


@pytest.mark.parametrize(
    ("layout", "macros", "reason"),
    [
        (
            '<text variable="title" text-case="zzz"/>',
            "",
            '<text> text-case="zzz" is not a CSL value',
        ),
        ('<text variable="title" font-style="bold"/>', "", '<text> font-style="bold" is not a CSL'),
        ('<date variable="issued" form="zzz"/>', "", '<date> form="zzz" is not a CSL value'),
        ('<number variable="volume" form="x"/>', "", '<number> form="x" is not a CSL value'),
        ('<names variable="author"><name and="x"/></names>', "", '<name> and="x" is not a CSL'),
        ('<names variable="author"><name form="x"/></names>', "", '<name> form="x" is not a CSL'),
        (
            '<names variable="author"><name et-al-min="abc"/></names>',
            "",
            '<name> et-al-min="abc" is not a number',
        ),
        ("<text/>", "", "<text> names none of: variable, macro, term, value"),
        ('<date form="text"/>', "", "<date> names none of: variable"),
        ("<names><name/></names>", "", "<names> names none of: variable"),
        (
            '<text macro="m0"/>',
            FANOUT + '<macro name="m30"><text value="x"/></macro>',
            "macros call each other so often that an entry needs more than 100,000,000 elements",
        ),
    ],
)
def test_a_style_the_engine_cannot_run_is_a_broken_style(
    tmp_path: Path, layout: str, macros: str, reason: str
) -> None:
    style = tmp_path / "broken.csl"
    style.write_text(STYLE.format(layout=layout, macros=macros), encoding="utf-8")
    code, stdout, stderr = convert(tmp_path, "refs.bib", GOOD_BIB, "--to", str(style))
    assert (code, stdout) == (4, "")
    assert stderr.startswith(f"citeconv: error: {style}: {reason}")
    assert stderr.count("\n") == 1


def test_locale_date_formats_name_no_variable(tmp_path: Path) -> None:
    locale = '<locale><date form="text"><date-part name="year"/></date></locale>'
    style = tmp_path / "local.csl"
    style.write_text(STYLE.format(layout='<date variable="issued" form="text"/>', macros=locale))
    item = {"id": "a", "type": "book", "issued": {"date-parts": [[2020]]}}
    assert api.render([item], style=str(style)).value == "2020\n"


# Configuration files: values of every TOML type, bytes that are not UTF-8, names no file has.
def _configured(tmp_path: Path, toml: bytes) -> tuple[int, str]:
    (tmp_path / "pyproject.toml").write_bytes(toml)
    source = tmp_path / "refs.bib"
    source.write_text(GOOD_BIB, encoding="utf-8")
    result = CliRunner().invoke(
        main, ["--config", str(tmp_path / "pyproject.toml"), "convert", str(source), "--no-cache"]
    )
    assert result.stdout == ""
    return result.exit_code, result.stderr.replace(str(tmp_path) + os.sep, "")


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ('["apa"]', "an array"),
        ("{x = 1}", "a table"),
        ("2020-01-01", "a date or time"),
        ("12:00:00", "a date or time"),
        ("1.5", "1.5"),
        ("true", "true"),
    ],
)
def test_a_setting_of_the_wrong_toml_type_is_named_in_toml_words(
    tmp_path: Path, value: str, shown: str
) -> None:
    toml = f"[tool.citeconv]\nstyle = {value}\n".encode()
    code, stderr = _configured(tmp_path, toml)
    assert (code, stderr) == (
        2,
        f"citeconv: error: pyproject.toml:2: 'style' must be a string, not {shown}\n",
    )


def test_a_configuration_file_that_is_not_utf8_is_a_configuration_error(tmp_path: Path) -> None:
    code, stderr = _configured(tmp_path, b"\xff\xfe[tool.citeconv]\nstyle = 'apa'\n")
    assert (code, stderr) == (
        2,
        "citeconv: error: pyproject.toml: not valid TOML: not UTF-8 text\n",
    )


def test_a_style_name_no_file_can_have_is_an_unknown_style(tmp_path: Path) -> None:
    code, stderr = _configured(tmp_path, b'[tool.citeconv]\nstyle = "' + b"a" * 5000 + b'"\n')
    assert code == 2
    assert stderr.startswith("citeconv: error: unknown format or style 'aaaa")


ITEMS = [{"id": "a", "type": "book", "title": "T"}]


@pytest.mark.parametrize(
    ("clusters", "message"),
    [
        ("a", "clusters must be a list of Cluster, not str"),
        (["a"], "cluster 1 must be a Cluster of CiteItem, not str"),
        ([Cluster(("a",))], "cluster 1 must hold CiteItem, not str"),  # type: ignore[arg-type]
        ([Cluster((CiteItem(5),))], "id must be a str, not int"),  # type: ignore[arg-type]
        ([Cluster((CiteItem("a", locator=5),))], "locator must be a str, not int"),  # type: ignore[arg-type]
        ([Cluster((CiteItem("a"),), note_index="1")], "cluster 1: note_index must be an int"),  # type: ignore[arg-type]
    ],
)
def test_cite_with_wrong_argument_types_raises_a_citeconv_error(
    clusters: object, message: str
) -> None:
    with pytest.raises(InvalidArgument) as raised:
        api.cite(ITEMS, clusters)  # type: ignore[arg-type]
    assert (str(raised.value), raised.value.exit_code) == (message, 2)


def test_an_entry_the_style_prints_nothing_for_is_reported(tmp_path: Path) -> None:
    style = tmp_path / "titles.csl"
    style.write_text(STYLE.format(layout='<text variable="title"/>', macros=""), encoding="utf-8")
    text = "@misc{untitled, year=2020}\n" + GOOD_BIB
    code, stdout, stderr = convert(tmp_path, "refs.bib", text, "--to", str(style))
    assert (code, stdout) == (0, "Good\n")
    assert stderr == (
        "refs.bib:1: warning[style-warning] entry 'untitled': the style prints nothing for "
        "this entry; left out\n"
    )


# LaTeX commands cut short: the decoder's text for a command given fewer arguments than it
# takes raised IndexError or KeyError, or was its unfilled template (`%s/%s`).
def test_every_command_the_decoder_knows_decodes_without_its_arguments() -> None:
    from pylatexenc.latex2text import get_default_latex_context_db

    names = {
        name
        for category in get_default_latex_context_db().d.values()
        for name in category["macros"]
    }
    for name in sorted(names):
        for form in ("\\{}", "x \\{}", "\\{}[a]", "${{\\{}}}$"):
            for decode in (latex.to_text, latex.to_rich):
                assert "%s" not in decode(form.format(name))


def test_commands_cut_short_lose_at_most_their_entry(tmp_path: Path) -> None:
    text = (
        "@article{a, title={A \\href}}\n@article{b, title={B \\frac}}\n"
        "@article{c, title={C \\verb}}\n" + GOOD_BIB
    )
    code, stdout, stderr = convert(tmp_path, "refs.bib", text, "--to", "apa")
    assert (code, stdout) == (1, "A href. (n.d.).\nB frac. (n.d.).\nDoe, J. (2021). Good.\n")
    assert stderr == (
        "refs.bib:3: error[syntax-error] entry 'c': LaTeX the parser cannot read; cannot "
        "decode; entry skipped\n" + LOST
    )


@pytest.mark.parametrize(
    ("code", "decoded"),
    [("2014", "\u2014"), ("99999999999", "99999999999"), ("110000", "110000"), ("D800", "D800")],
)
def test_a_glyph_code_point_no_text_can_hold_is_kept_as_written(code: str, decoded: str) -> None:
    assert latex.to_text(f"\\ElsevierGlyph{{{code}}}") == decoded


def test_a_lone_surrogate_glyph_never_reaches_the_output(tmp_path: Path) -> None:
    text = "@article{a, title={A \\ElsevierGlyph{DC00} B}}\n"
    code, stdout, stderr = convert(tmp_path, "refs.bib", text, "--to", "ris")
    assert (code, stderr) == (0, "")
    assert "TI  - A DC00 B\n" in stdout


@pytest.mark.parametrize("to", ["ris", "apa", "csl-json"])
def test_a_lone_surrogate_in_api_text_is_replaced_with_a_warning(to: str) -> None:
    """No file holds one, but a Python str may: it reached the output (and a library warned)."""
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        result = api.convert("@article{a,\n title={x\ud800y}}", to=to)
    assert "x\ufffdy" in result.value and "\ud800" not in result.value
    assert [format_diagnostic(d) for d in result.diagnostics] == [
        "<string>:2: warning[encoding] text with a lone surrogate (invalid Unicode); replaced "
        "by U+FFFD"
    ]
