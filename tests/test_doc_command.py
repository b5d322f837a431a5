"""`citeconv doc`: pandoc citations in Markdown and reST documents, rendered in place."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from citeconv.commands import main
from citeconv.diagnostics import Code, Diagnostic, Severity, SourceSpan
from citeconv.documents.bibliography import about_cited
from citeconv.documents.citations import find_citations
from citeconv.documents.syntax import code_spans
from citeconv.rendering.clusters import CiteItem

DOCUMENTS = Path(__file__).resolve().parent / "documents"
REFS = str(DOCUMENTS / "refs.bib")


def doc(*args: str, input: str | None = None) -> tuple[str, str, int]:
    result = CliRunner().invoke(main, ["doc", *args], input=input)
    return result.stdout, result.stderr, result.exit_code


@pytest.mark.parametrize("style", ["apa", "vancouver"])
@pytest.mark.parametrize("name", ["paper.md", "guide.rst"])
def test_documents_in_apa_and_vancouver(
    name: str, style: str, golden: Callable[[Path, str], None]
) -> None:
    stdout, stderr, code = doc(str(DOCUMENTS / name), "-b", REFS, "--to", style)
    assert (stderr, code) == ("", 0)
    stem, suffix = name.split(".")
    golden(DOCUMENTS / f"{stem}.{style}.{suffix}", stdout)


def test_unknown_key_is_an_error_with_file_and_line(tmp_path: Path) -> None:
    (tmp_path / "doc.md").write_text("One.\n\nTwo [@smtih2020, p. 3].\n", encoding="utf-8")
    stdout, stderr, code = doc(str(tmp_path / "doc.md"), "-b", REFS)
    assert (stdout, code) == ("One.\n\nTwo [@smtih2020, p. 3].\n", 1)
    assert stderr == (
        f"{tmp_path / 'doc.md'}:3: error[unknown-key] citation key 'smtih2020' is not in the "
        "bibliography; did you mean 'smith2020'?; left as written\n"
    )


def test_a_bare_unknown_at_word_is_a_warning_and_strict_fails_on_it() -> None:
    text = "Ask @someone about [@doe2019].\n"
    expected = (
        "Ask @someone about (Doe, 2019).\n\nDoe, J. (2019). *The book of things*. Springer.\n"
    )
    warning = (
        "<stdin>:1: warning[unknown-key] citation key 'someone' is not in the bibliography; "
        "left as written\n"
    )
    assert doc("-b", REFS, input=text) == (expected, warning, 0)
    assert doc("-b", REFS, "--strict", input=text) == (expected, warning, 3)
    assert doc("-b", REFS, "-q", input=text) == (expected, "", 0)


def test_json_diagnostics() -> None:
    _, stderr, code = doc("-b", REFS, "--diagnostics", "json", input="[@nope]\n")
    assert code == 1
    assert stderr == (
        '{"code": "unknown-key", "file": "<stdin>", "key": null, "line": 1, "message": '
        "\"citation key 'nope' is not in the bibliography; left as written\", "
        '"severity": "error"}\n'
    )


def test_output_file_is_written_atomically_and_never_over_an_input(tmp_path: Path) -> None:
    source = tmp_path / "doc.md"
    source.write_text("See [@smith2020].\n", encoding="utf-8")
    target = tmp_path / "out.md"
    assert doc(str(source), "-b", REFS, "-o", str(target)) == ("", "", 0)
    assert target.read_text(encoding="utf-8").startswith("See (Smith et al., 2020).\n\nSmith, A.")
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []
    assert doc(str(source), "-b", REFS, "-o", str(source)) == (
        "",
        f"citeconv: error: refusing to write over the input file '{source}'\n",
        2,
    )


def test_usage_and_fatal_errors() -> None:
    assert doc("-b", REFS, "--to", "apaa", input="x\n")[1:] == (
        "citeconv: error: unknown format or style 'apaa'; did you mean 'apa' or 'pallas' or "
        "'gayana'?\n",
        2,
    )
    assert doc("-b", "missing.bib", input="x\n") == (
        "",
        "citeconv: error: missing.bib: no such file\n",
        4,
    )


def test_no_citation_leaves_the_document_unchanged() -> None:
    text = "# Title\n\nNo citations, an e-mail (me@example.org) and `@code`.\n"
    assert doc("-b", REFS, input=text) == (text, "", 0)


# --- the citation syntax -------------------------------------------------------------------------


def cites(text: str, syntax: str = "markdown") -> list[tuple[tuple[CiteItem, ...], bool]]:
    found = find_citations(text, code_spans(text, syntax))  # type: ignore[arg-type]
    return [(c.items, c.author_in_text) for c in found]


def test_pandoc_citation_forms() -> None:
    assert cites("[@smith2020, p. 33; @doe2019]") == [
        ((CiteItem("smith2020", "33", "page"), CiteItem("doe2019")), False)
    ]
    assert cites("@smith2020 [p. 33] says") == [((CiteItem("smith2020", "33", "page"),), True)]
    assert cites("[-@smith2020]") == [((CiteItem("smith2020", suppress_author=True),), False)]
    assert cites("[see @smith2020, pp. 33-35, and others]") == [
        ((CiteItem("smith2020", "33-35", "page", "see ", ", and others"),), False)
    ]


@pytest.mark.parametrize(
    ("written", "label", "locator"),
    [
        ("p. 3", "page", "3"),
        ("pp. iv-x", "page", "iv-x"),
        ("33", "page", "33"),
        ("chap. 2", "chapter", "2"),
        ("sec. 3.1", "section", "3.1"),
        ("§ 4", "section", "4"),
        ("fig. 5", "figure", "5"),
        ("figs. 2 & 3", "figure", "2 & 3"),
        ("vol. II", "volume", "II"),
        ("para. 7", "paragraph", "7"),
        ("{pp. iv, vi-xi}", "page", "iv, vi-xi"),
    ],
)
def test_locators_take_their_csl_label(written: str, label: str, locator: str) -> None:
    assert cites(f"[@a, {written}]") == [((CiteItem("a", locator, label),), False)]


def test_what_is_not_a_citation() -> None:
    assert cites("me@example.org \\@a [text]\n[@a]: https://x.org") == []
    # A link's text is text to pandoc: a key in it is cited there, author in the text.
    assert cites("[@a](https://x.org)") == [((CiteItem("a"),), True)]
    assert cites("[@a][site] [@b][]") == [((CiteItem("a"),), True), ((CiteItem("b"),), True)]
    assert cites("[@a][x and [@b]: y") == [((CiteItem("a"),), False), ((CiteItem("b"),), False)]
    assert cites("`[@a]` and\n```\n@b\n```\n") == []
    assert (
        cites("Literal::\n\n    [@a]\n\n``@b`` and\n\n.. code-block:: sh\n\n   @c\n", "rst") == []
    )
    assert cites(".. a comment with @c\n   and @d\n\nText.\n", "rst") == []
    assert cites(".. note::\n\n   As [@e] shows.\n", "rst") == [((CiteItem("e"),), False)]
    assert cites("a key {@doe:2020.} and @{odd key}") == [
        ((CiteItem("doe:2020"),), True),
        ((CiteItem("odd key"),), True),
    ]


# An entry nobody cites with a warning (a name read as an organization), and one that is cited.
NOISY_BIB = (
    "@book{Cited2020, author = {Doe, Jane}, title = {Cited}, publisher = {P}, year = {2020}}\n\n"
    "@book{Uncited2021, author = {Roe, Richard and 1000 Genome Project Data Processing "
    "Subgroup}, title = {Uncited}, publisher = {P}, year = {2021}}\n"
)


def test_warnings_about_uncited_entries_do_not_fail_strict(tmp_path: Path) -> None:
    (tmp_path / "refs.bib").write_text(NOISY_BIB, encoding="utf-8")
    (tmp_path / "doc.md").write_text("See [@cited2020].\n", encoding="utf-8")
    args = (str(tmp_path / "doc.md"), "-b", str(tmp_path / "refs.bib"), "--strict")
    stdout, stderr, code = doc(*args)
    assert (stderr, code) == ("", 0)
    assert stdout.startswith("See (Doe, 2020).")
    _, stderr, code = doc(*args, "--verbose")
    assert code == 0
    assert "info[invalid-name] entry 'Uncited2021'" in stderr


def test_warnings_about_cited_entries_still_fail_strict(tmp_path: Path) -> None:
    (tmp_path / "refs.bib").write_text(NOISY_BIB, encoding="utf-8")
    (tmp_path / "doc.md").write_text("See [@uncited2021].\n", encoding="utf-8")
    _, stderr, code = doc(str(tmp_path / "doc.md"), "-b", str(tmp_path / "refs.bib"), "--strict")
    assert code == 3
    assert "refs.bib:3: warning[invalid-name] entry 'Uncited2021'" in stderr


def test_only_diagnostics_about_cited_entries_stay_warnings() -> None:
    def found(severity: Severity, key: str | None, code: Code = Code.INVALID_NAME) -> Diagnostic:
        return Diagnostic(severity, code, "m", SourceSpan("refs.bib", 1, key))

    read = [
        found(Severity.WARNING, "Cited"),
        found(Severity.ERROR, "cited"),  # keys match case-insensitively, as citations do
        found(Severity.WARNING, "other"),
        found(Severity.ERROR, "other", Code.SYNTAX_ERROR),
        found(Severity.ERROR, None, Code.SYNTAX_ERROR),  # an entry lost, its key unknown
        found(Severity.WARNING, None, Code.ENCODING),
    ]
    kept = about_cited(read, {"CITED"}, missing=False)
    assert [d.severity for d in kept] == [
        Severity.WARNING,
        Severity.ERROR,
        Severity.INFO,
        Severity.INFO,
        Severity.INFO,
        Severity.INFO,
    ]
    # A cited key the bibliography lacks: an error naming no entry may have lost it.
    assert about_cited(read, {"CITED"}, missing=True)[4].severity == Severity.ERROR


@pytest.mark.parametrize(
    ("locator", "apa", "chicago"),
    [
        ("{pp. iv, vi-xi}", "pp. iv, vi–xi", "iv, vi–xi"),  # several roman numbers: plural
        ("p. iv-vi", "pp. iv–vi", "iv–vi"),
        ("p. iv", "p. iv", "iv"),
        ("pp. 3 & 5", "pp. 3 & 5", "3 & 5"),
        ("chap. 2", "Chapter 2", "chap. 2"),  # a numeric locator keeps its label
        ("chaps. 2-3", "Chapters 2–3", "chaps. 2–3"),
        ("l. 2", "Line 2", "line 2"),
        ("v. 2", "Verse 2", "v. 2"),
        ("{chap. Preface}", "Preface", "Preface"),  # not numeric: no label, as the styles say
    ],
)
def test_locator_labels_and_plurals(locator: str, apa: str, chicago: str) -> None:
    text = f"See [@doe2019b, {locator}].\n"
    stdout, stderr, code = doc("-b", REFS, "--to", "apa", input=text)
    assert (stdout.splitlines()[0], stderr, code) == (f"See (Doe, 2019, {apa}).", "", 0)
    stdout, stderr, code = doc("-b", REFS, "--to", "chicago-author-date", input=text)
    assert (stdout.splitlines()[0], stderr, code) == (f"See (Doe 2019, {chicago}).", "", 0)


# --- author in the text ------------------------------------------------------------------------

SMITH_ENTRIES = {
    "modern-language-association": "Smith, Anna, et al. “Caching in CI Builds.” *Journal of "
    "Builds*, vol. 3, 2020, pp. 1–9.",
    "apa": "Smith, A., Jones, B., & Brown, C. (2020). Caching in CI builds. *Journal of Builds*, "
    "*3*, 1–9.",
    "chicago-author-date": "Smith, Anna, Bob Jones, and Carl Brown. 2020. “Caching in CI "
    "Builds.” *Journal of Builds* 3: 1–9.",
    "vancouver": "1\\. Smith A, Jones B, Brown C. Caching in CI builds. J Builds. 2020;3:1-9.",
    "ieee": "\\[1\\] A. Smith, B. Jones, and C. Brown, “Caching in CI builds,” *J. Builds*, "
    "vol. 3, pp. 1–9, 2020.",
}


@pytest.mark.parametrize(
    ("style", "line"),
    [
        # MLA prints nothing but the author and the page: no page, no parentheses (as pandoc)
        ("modern-language-association", "Smith et al. says so, Smith et al. (3) too."),
        ("apa", "Smith et al. (2020) says so, Smith et al. (2020, p. 3) too."),
        ("chicago-author-date", "Smith et al. (2020) says so, Smith et al. (2020, 3) too."),
        ("vancouver", "Smith et al. (1) says so, Smith et al. (1) too."),
        ("ieee", "Smith et al. \\[1\\] says so, Smith et al. \\[1, p. 3\\] too."),
    ],
)
def test_author_in_text_has_parentheses_only_around_something(style: str, line: str) -> None:
    text = "@smith2020 says so, @smith2020 [p. 3] too.\n"
    assert doc("-b", REFS, "--to", style, input=text) == (
        f"{line}\n\n{SMITH_ENTRIES[style]}\n",
        "",
        0,
    )


def test_a_citation_the_style_prints_nothing_for_is_left_out_with_a_warning() -> None:
    """MLA prints the author and the locator: `[-@key]` with no locator prints nothing. pandoc
    leaves it out and warns of a citation with no printed form; so does citeconv."""
    text = "One [-@smith2020].\n\nTwo [-@smith2020] and [-@smith2020, 3].\n"
    assert doc("-b", REFS, "--to", "modern-language-association", input=text) == (
        f"One.\n\nTwo and (3).\n\n{SMITH_ENTRIES['modern-language-association']}\n",
        "<stdin>:1: warning[style-warning] the style prints nothing for the citation of "
        "'smith2020'; left out\n"
        "<stdin>:3: warning[style-warning] the style prints nothing for the citation of "
        "'smith2020'; left out\n",
        0,
    )


# --- empty items: `[@a;; @b]`, `[@a; @b;]` ------------------------------------------------------

EMPTY_ITEM = (
    "warning[syntax-error] an empty item (`;;`, or `;` before `]`) makes this bracket text, not "
    "one citation, as in pandoc: each key in it is cited on its own\n"
)
DOE_AND_SMITH = (
    "Doe, J. (2019). *The book of things*. Springer.\n\n"
    "Smith, A., Jones, B., & Brown, C. (2020). Caching in CI builds. *Journal of Builds*, *3*, "
    "1–9.\n"
)


def test_a_bracket_with_an_empty_item_cites_each_key_on_its_own_with_a_warning() -> None:
    """pandoc parses `[@a;; @b]` and `[@a; @b;]` as no bracketed citation (a `;` must be
    followed by a cite), and then reads each `@key` in them as a citation, author in the text."""
    text = "See [@smith2020;;;; @doe2019 ;].\n\nAnd [@smith2020;].\n"
    assert doc("-b", REFS, input=text) == (
        "See [Smith et al. (2020);;;; Doe (2019) ;].\n\nAnd [Smith et al. (2020);].\n\n"
        + DOE_AND_SMITH,
        f"<stdin>:1: {EMPTY_ITEM}<stdin>:3: {EMPTY_ITEM}",
        0,
    )
    assert doc("-b", REFS, "--strict", "-q", input=text)[1:] == ("", 3)


def test_every_key_in_a_bracket_that_is_no_citation_is_cited() -> None:
    """`@key` right after the `[` of a bracket that is text was left as written, silently."""
    text = "In [@smith2020; text] and [-@doe2019;; @smith2020], as @doe2019 [p. 3;] says.\n"
    assert doc("-b", REFS, input=text) == (
        "In [Smith et al. (2020); text] and [(2019);; Smith et al. (2020)], as Doe (2019) "
        "[p. 3;] says.\n\n" + DOE_AND_SMITH,
        f"<stdin>:1: {EMPTY_ITEM}",
        0,
    )


def test_keys_in_brackets_that_are_no_citation() -> None:
    assert cites("[@a;;;; @b ;]") == [((CiteItem("a"),), True), ((CiteItem("b"),), True)]
    assert cites("[-@a;; @b]") == [
        ((CiteItem("a", suppress_author=True),), False),
        ((CiteItem("b"),), True),
    ]
    assert cites("[@a; text] [@a") == [((CiteItem("a"),), True), ((CiteItem("a"),), True)]
    assert cites("@a [p. 3;]") == [((CiteItem("a"),), True)]  # no locator: `[p. 3;]` is text
    assert cites("a -@a, x-@b") == [  # pandoc 3: `-@key` leaves the author out
        ((CiteItem("a", suppress_author=True),), False),
        ((CiteItem("b"),), True),  # but not after a word: the `-` is text
    ]


# --- the reference list at every marker -------------------------------------------------------

DOE = "Doe, J. (2019). *The book of things*. Springer."


@pytest.mark.parametrize(
    ("syntax", "marker"),
    [
        ("markdown", "::: {#refs}\n:::"),
        ("markdown", '<div id="refs"></div>'),
        ("rst", ".. bibliography::"),
    ],
)
def test_every_marker_gets_the_reference_list(syntax: str, marker: str) -> None:
    """pandoc fills every refs div; the second one was left as written (then shown as text)."""
    text = f"See [@doe2019].\n\n{marker}\n\nAgain.\n\n{marker}\n"
    assert doc("-b", REFS, "--syntax", syntax, input=text) == (
        f"See (Doe, 2019).\n\n{DOE}\n\nAgain.\n\n{DOE}\n",
        "",
        0,
    )


def test_a_marker_shown_in_code_is_left_alone() -> None:
    text = "See [@doe2019].\n\n```markdown\n::: {#refs}\n:::\n```\n\n::: {#refs}\n:::\n"
    assert doc("-b", REFS, input=text) == (
        f"See (Doe, 2019).\n\n```markdown\n::: {{#refs}}\n:::\n```\n\n{DOE}\n",
        "",
        0,
    )
