"""The Python API: `citeconv.convert`, `citeconv.read`, `citeconv.render`.

They return values and diagnostics, never print or exit, and `import citeconv` stays cheap.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

import citeconv
from citeconv.diagnostics import Code, Severity
from citeconv.errors import UnknownFormat, UnknownLocale, UnreadableInput

ARTICLE = """\
@article{doe2001,
  author = {Doe, Jane and Roe, Richard},
  title = {A study of things},
  journal = {Journal of Things},
  volume = {3}, pages = {1--9}, year = {2001},
  doi = {10.1000/abc}
}
"""
BROKEN = ARTICLE + "@article{broken, title = {Unclosed\n\n@book{b, title = {B}, year = 1999}\n"

APA = "Doe, J., & Roe, R. (2001). A study of things. Journal of Things, 3, 1–9. https://doi.org/10.1000/abc\n"


def test_convert_returns_the_bibliography_and_no_diagnostics() -> None:
    result = citeconv.convert(ARTICLE, to="apa", abbreviate=False)
    assert result.value == APA
    assert result.diagnostics == ()


def test_convert_to_ris_and_html_markup() -> None:
    ris = citeconv.convert(ARTICLE, to="ris", abbreviate=False).value
    assert ris.startswith("TY  - JOUR\nID  - doe2001\nAU  - Doe, Jane\nAU  - Roe, Richard\n")
    html = citeconv.convert(ARTICLE, to="apa", markup="html", abbreviate=False).value
    assert html == (
        '<div class="csl-entry">Doe, J., &#38; Roe, R. (2001). A study of things. '
        "<i>Journal of Things</i>, <i>3</i>, 1–9. "
        "https://doi.org/10.1000/abc</div>\n"
    )


def test_convert_keeps_the_good_entries_and_reports_the_lost_one(
    capsys: pytest.CaptureFixture[str],
) -> None:
    result = citeconv.convert(BROKEN, to="ris", abbreviate=False, source="refs.bib")
    assert result.value.count("TY  - ") == 2  # doe2001 and b
    errors = [d for d in result.diagnostics if d.severity == Severity.ERROR]
    assert [(d.code, d.span and d.span.source, d.span and d.span.key) for d in errors] == [
        (Code.SYNTAX_ERROR, "refs.bib", "broken")
    ]
    assert citeconv.format_diagnostic(errors[0]).startswith("refs.bib:8: error[syntax-error]")
    assert capsys.readouterr() == ("", "")  # nothing printed


def test_control_characters_are_removed_from_text_given_to_the_api() -> None:
    result = citeconv.convert("@misc{k, title={a\x00b\x1b[0m}, year=2020}", to="apa")
    assert result.value == "ab[0m. (2020).\n"
    assert [(d.code, d.message) for d in result.diagnostics] == [
        (Code.ENCODING, "2 control characters (U+0000, U+001B) removed, the first here")
    ]


def test_convert_with_a_locale() -> None:
    chapter = (
        "@incollection{c, author = {Doe, Jane}, editor = {Smith, Anna}, title = {T},"
        " booktitle = {B}, publisher = {P}, year = 2019, pages = {1--2}}\n"
    )
    value = citeconv.convert(chapter, to="vancouver", locale="de", abbreviate=False).value
    assert value == "1. Doe J. T. In: Smith A, Herausgeber. B. P; 2019. S. 1-2.\n"


def test_read_returns_csl_items() -> None:
    result = citeconv.read(ARTICLE, abbreviate=False)
    assert result.diagnostics == ()
    assert result.value == [
        {
            "id": "doe2001",
            "type": "article-journal",
            "author": [
                {"family": "Doe", "given": "Jane"},
                {"family": "Roe", "given": "Richard"},
            ],
            "title": "A study of things",
            "container-title": "Journal of Things",
            "volume": "3",
            "page": "1-9",
            "issued": {"date-parts": [[2001]]},
            "DOI": "10.1000/abc",
        }
    ]


def test_read_other_input_formats() -> None:
    ris = "TY  - BOOK\nID  - b1\nAU  - Doe, Jane\nTI  - A book\nPY  - 1999\nER  - \n"
    items = citeconv.read(ris, input_format="ris").value
    assert [(i["id"], i["type"], i.get("title")) for i in items] == [("b1", "book", "A book")]
    assert citeconv.read('[{"id": "x", "type": "book"}]', input_format="csl-json").value == [
        {"id": "x", "type": "book"}
    ]


def test_render_takes_items_from_read_or_built_by_hand() -> None:
    items = citeconv.read(ARTICLE, abbreviate=False).value
    assert citeconv.render(items, style="apa").value == APA
    by_hand = [
        {
            "id": "x",
            "type": "book",
            "title": "A book",
            "author": [{"family": "Doe", "given": "Jane"}],
            "issued": {"date-parts": [[2020]]},
            "publisher": "Springer",
        }
    ]
    assert citeconv.render(by_hand, style="vancouver").value == (
        "1. Doe J. A book. Springer; 2020.\n"
    )


def test_render_checks_the_shape_of_the_items() -> None:
    result = citeconv.render([{"id": "x", "type": "book", "title": "T"}, {"title": "no id"}])
    assert [(d.severity, d.code) for d in result.diagnostics] == [
        (Severity.ERROR, Code.SYNTAX_ERROR)
    ]
    assert result.value.count("\n") == 1
    with pytest.raises(UnreadableInput, match="not JSON-compatible"):
        citeconv.render([{"id": "x", "type": "book", "issued": object()}])


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (lambda: citeconv.convert(ARTICLE, to="apaa"), UnknownFormat, "unknown format or style"),
        (lambda: citeconv.convert(ARTICLE, markup="docx"), UnknownFormat, "unknown markup"),
        (lambda: citeconv.convert(ARTICLE, locale="xx"), UnknownLocale, "unknown locale 'xx'"),
        (lambda: citeconv.read(ARTICLE, input_format="mods"), UnknownFormat, "input format"),
        (lambda: citeconv.render([], style="nope-style"), UnknownFormat, "'nope-style'"),
    ],
)
def test_fatal_problems_raise_citeconv_errors(
    call: object, error: type[Exception], message: str
) -> None:
    with pytest.raises(error, match=message) as raised:
        call()  # type: ignore[operator]
    assert isinstance(raised.value, citeconv.CiteconvError)


def test_public_names() -> None:
    assert dir(citeconv) == sorted(citeconv.__all__)
    for name in citeconv.__all__:
        assert getattr(citeconv, name) is not None
    with pytest.raises(AttributeError):
        _ = citeconv.no_such_name  # type: ignore[attr-defined]


def test_render_stays_the_function_whatever_was_imported_first() -> None:
    # The rendering subpackage is named so that importing it cannot shadow the API function.
    script = (
        "import citeconv.rendering.markup, citeconv\n"
        "from citeconv import render\n"
        "assert callable(citeconv.render) and callable(render), citeconv.render\n"
    )
    subprocess.run([sys.executable, "-c", script], check=True)


def test_import_is_cheap_and_the_cli_does_not_load_the_api() -> None:
    script = (
        "import sys, citeconv\n"
        "assert sorted(m for m in sys.modules if m.startswith('citeconv')) == ['citeconv']\n"
        "import citeconv.commands\n"
        "loaded = set(sys.modules)\n"
        "assert 'citeconv.api' not in loaded, 'the CLI imported the API'\n"
        "assert not loaded & {'citeproc', 'bibtexparser', 'pyiso4'}, loaded\n"
    )
    subprocess.run([sys.executable, "-c", script], check=True)
