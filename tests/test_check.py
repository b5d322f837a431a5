"""`citeconv check`: lint rules on the hub and the command's output."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from citeconv.commands import main
from citeconv.csl import Bibliography, CslItem
from citeconv.diagnostics import SourceSpan
from citeconv.lint import lint

ROOT = Path(__file__).resolve().parent.parent


def findings(*items: CslItem) -> list[tuple[str, str | None, str]]:
    spans = {item["id"]: SourceSpan("r.bib", n + 1, item["id"]) for n, item in enumerate(items)}
    result = lint(Bibliography(tuple(items), spans))
    return [(d.code.value, d.span.key if d.span else None, d.message) for d in result.diagnostics]


def article(key: str, **fields: object) -> CslItem:
    item: dict[str, object] = {
        "id": key,
        "type": "article-journal",
        "author": [{"family": "Doe"}],
        "title": "A study",
        "container-title": "J",
        "issued": {"date-parts": [[2001]]},
    }
    item.update(fields)
    return item  # type: ignore[return-value]


def test_complete_article_is_clean() -> None:
    assert findings(article("a", page="906-10", DOI="10.1000/xyz(12)<3>")) == []


def test_missing_fields_name_the_bibtex_fields() -> None:
    item = article("a")
    del item["container-title"]  # type: ignore[misc]
    del item["issued"]  # type: ignore[misc]
    assert findings(item) == [
        ("missing-field", "a", "article-journal without journal / booktitle"),
        ("missing-field", "a", "article-journal without year / date"),
    ]


def test_suspicious_year_pages_and_doi() -> None:
    assert findings(
        article("a", issued={"date-parts": [[20019]]}, page="45-12", DOI="doi.org/10.1/x")
    ) == [
        ("suspicious-value", "a", "year 20019 is not a plausible publication year"),
        ("suspicious-value", "a", "pages '45-12' run backwards"),
        ("suspicious-value", "a", "DOI 'doi.org/10.1/x' is not a DOI (10.<registrant>/<suffix>)"),
    ]
    assert findings(article("b", page="Article 3"))[0][2] == (
        "pages 'Article 3' is not a page or page range"
    )
    assert findings(article("c", page="e1234, S1-S10, iii-xv, R36+")) == []


def test_same_work_under_two_keys() -> None:
    assert findings(
        article("a", DOI="10.1000/X"),
        article("b", DOI="10.1000/x", title="Other"),
        article("c", title="A <i>study</i>"),
        article("d", title="A study", type="report", publisher="P"),
    ) == [
        ("duplicate-entry", "b", "same DOI as 'a' (line 1); the same work twice?"),
        ("duplicate-entry", "c", "same type, title and year as 'a' (line 1); the same work twice?"),
    ]


def test_check_command_reports_and_summarises(tmp_path: Path) -> None:
    source = tmp_path / "refs.bib"
    source.write_text(
        "@article{a, author = {Doe, J.}, title = {T}, year = 2001}\n"
        "@article{b, author = {Roe, R.}, title = {U}, journal = {J}, year = 2001, pages = {n/a}}\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["check", str(source)])
    assert (result.exit_code, result.stdout) == (0, "")
    assert result.stderr == (
        f"{source}:1: warning[missing-field] entry 'a': article-journal without journal / "
        "booktitle\n"
        f"{source}:2: warning[suspicious-value] entry 'b': pages 'n/a' is not a page or page "
        "range\n"
        "citeconv: 2 entries read: 0 errors, 2 warnings\n"
    )
    strict = CliRunner().invoke(main, ["check", "--strict", str(source)])
    assert strict.exit_code == 3
    quiet = CliRunner().invoke(main, ["check", "--quiet", str(source)])
    assert (quiet.exit_code, quiet.stderr) == (0, "")


@pytest.mark.parametrize(
    ("content", "code", "said"),
    [
        ("\n", 0, "refs.bib: warning[no-entries] the input is empty\n"
         "citeconv: 0 entries read: 0 errors, 1 warning\n"),
        ('@string{j = "J"}\n', 1, "refs.bib:1: error[no-entries] no entries found in the input\n"
         "citeconv: 0 entries read: 1 error, 0 warnings\n"),
    ],
)  # fmt: skip
def test_check_says_what_convert_says_of_an_input_with_no_entry(
    tmp_path: Path, content: str, code: int, said: str
) -> None:
    source = tmp_path / "refs.bib"
    source.write_text(content, encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(source)])
    assert (result.exit_code, result.stdout, result.stderr.replace(str(source), "refs.bib")) == (
        code, "", said
    )  # fmt: skip


def test_pre_commit_hook_runs_check_strict() -> None:
    hooks = (ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    assert "entry: citeconv check --strict" in hooks
    assert "files: \\.bib$" in hooks


def test_short_dois_and_supplementary_pages_are_valid() -> None:
    """Issue 15: shortDOI's `10/gf523c` and Cell Press's `346-360.e4` are real values."""
    assert findings(article("a", DOI="10/gf523c", page="346-360.e4")) == []
