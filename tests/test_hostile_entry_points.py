"""Hostile input on the other entry points (issue 15): `-o` targets, `--jobs`, interrupts,
broken styles, configuration files, the Python API, LaTeX commands cut short.

Variants of the classes `test_hostile_variants.py` covers for the readers: each ends with a
documented exit code and one line naming the file and the reason, never an internal error.
"""

from __future__ import annotations

import contextlib
import os
import signal
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_hostile_variants import GOOD_BIB, LOST, convert

from citeconv import api
from citeconv.commands import main
from citeconv.diagnostics import format_diagnostic
from citeconv.errors import EntryTooComplex, InvalidArgument
from citeconv.normalize import latex
from citeconv.rendering.clusters import CiteItem, Cluster


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
# Each macro calls the next twice: m30 prints once, m29 twice, ..., m0 a billion times.
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
        ('<date variable="title"/>', "", '<date variable="title"> is no date variable'),
        (  # the engine uses the first; the check would have measured the second
            '<text macro="m"/>',
            '<macro name="m"><text macro="m"/></macro><macro name="m"><text value="x"/></macro>',
            "macro 'm' is defined twice",
        ),
        ("<names><name/></names>", "", "<names> names none of: variable"),
        (
            '<text macro="m0"/>',
            FANOUT + '<macro name="m30"><text value="x"/></macro>',
            "an entry needs more than 50,000 elements, macro calls expanded (installed styles",
        ),
        (  # 2 KB: 18 levels of doubling took 31 s and 260 MB for one entry
            '<text macro="m12"/>',
            FANOUT + '<macro name="m30"><text value="x"/></macro>',
            "an entry needs more than 50,000 elements, macro calls expanded (installed styles",
        ),
        (  # a long flat layout counts as much as macros do
            '<text variable="title"/>' * 50_001,
            "",
            "an entry needs more than 50,000 elements, macro calls expanded (installed styles",
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


_DECODER_COMMANDS = sorted(
    {
        "\\" + name
        for category in latex.latexwalker.get_default_latex_context_db().d.values()
        for name in category["macros"]
        if name.isalpha()
    }
)
_TOKENS = ["{", "}", "$", "^", "_", "%", "&", "#", "~", "\\\\", "[", "]", " ", "a", "1", "\\'"]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(_TOKENS + _DECODER_COMMANDS), max_size=40).map("".join))
def test_any_run_of_latex_tokens_decodes_or_loses_only_its_entry(value: str) -> None:
    """Commands of every kind, cut short or run together with braces, math and specials."""
    for decode in (latex.to_text, latex.to_rich):
        try:
            decoded = decode(value)
        except EntryTooComplex:
            continue
        assert "%" in value or ("%s" not in decoded and "%(" not in decoded)


@pytest.mark.parametrize("command", ["convert", "styles"])
def test_a_fatal_error_never_echoes_terminal_escapes(tmp_path: Path, command: str) -> None:
    """What the user typed (here a style name) is shown with its control characters escaped:
    a terminal never receives `ESC ] 0;...` (line breaks are kept: some errors list choices
    on the next line)."""
    bib = tmp_path / "refs.bib"
    bib.write_text(GOOD_BIB, encoding="utf-8")
    name = "ap\x1b]0;owned\x07ab"
    args = ["convert", str(bib), "--to", name] if command == "convert" else ["styles", name]
    result = CliRunner().invoke(main, args)
    if command == "convert":
        assert result.exit_code == 2
        assert result.stderr == (
            "citeconv: error: unknown format or style 'ap\\x1b]0;owned\\x07ab'\n"
        )
    assert "\x1b" not in result.stderr and "\x07" not in result.stderr
    assert "\x1b" not in result.stdout
