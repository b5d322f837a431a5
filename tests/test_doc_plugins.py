"""The README's MkDocs plugin, Sphinx extension and `citeconv doc` recipes, built by the real
tools in APA and Vancouver; an unknown key fails `--strict` / `-W` and only then."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from doc_sites import (
    mkdocs_build,
    mkdocs_site,
    paragraphs,
    run,
    sphinx_build,
    sphinx_project,
    warnings_of,
)
from test_recipes import recipe
from test_recipes import run as run_shell

from conftest import ROOT

REFS = ROOT / "tests" / "documents" / "refs.bib"
TEXT = {
    "apa": [
        "Builds are faster with caches (Doe, 2019b; Smith et al., 2020, p. 33). "
        "Smith et al. (2020, Section 4) says so, and so does (2019a).",
        "Doe, J. (2019a). Another book of things. Springer.",
        "Doe, J. (2019b). The book of things. Springer.",
        "Smith, A., Jones, B., & Brown, C. (2020). Caching in CI builds. "
        "Journal of Builds, 3, 1–9.",
    ],
    "vancouver": [
        "Builds are faster with caches (1,2). Smith et al. (1) says so, and so does (3).",
        "1. Smith A, Jones B, Brown C. Caching in CI builds. J Builds. 2020;3:1-9.",
        "2. Doe J. The book of things. Springer; 2019.",
        "3. Doe J. Another book of things. Springer; 2019.",
    ],
}
UNKNOWN = "citation key 'nobody' is not in the bibliography; left as written"
# An entry nobody cites with a warning (a name read as an organization), and one that is cited.
NOISY_BIB = (
    "@book{Cited2020, author = {Doe, Jane}, title = {Cited}, publisher = {P}, year = {2020}}\n\n"
    "@book{Uncited2021, author = {Roe, Richard and 1000 Genome Project Data Processing "
    "Subgroup}, title = {Uncited}, publisher = {P}, year = {2021}}\n"
)
UNCITED_WARNING = (
    "refs.bib:3: warning[invalid-name] entry 'Uncited2021': '1000 Genome Project Data "
    "Processing Subgroup' in 'author' read as an organization; brace it to say so: {...}"
)


def page_text(html: str) -> list[str]:
    """The page's paragraphs, whitespace as a browser shows it, from the first one that cites."""
    shown = [" ".join(p.split()) for p in paragraphs(html)]
    start = next(i for i, p in enumerate(shown) if p.startswith("Builds are"))
    return shown[start : start + 4]


def with_style(block: str, style: str) -> str:
    """The recipe with `style: apa` (or `citeconv_style = "apa"`) set to another style."""
    changed = re.sub(r"(style[ =:]+\"?)apa\b", rf"\g<1>{style}", block, count=1)
    assert changed != block or style == "apa"
    return changed


@pytest.fixture
def mkdocs_recipe(tmp_path: Path) -> Path:
    pytest.importorskip("mkdocs")
    (tmp_path / "docs").mkdir()
    shutil.copy(REFS, tmp_path / "refs.bib")
    (tmp_path / "docs" / "index.md").write_text(recipe("mkdocs-page"), encoding="utf-8")
    return tmp_path


@pytest.mark.slow
@pytest.mark.parametrize("style", ["apa", "vancouver"])
def test_mkdocs_plugin_recipe(mkdocs_recipe: Path, style: str) -> None:
    config = with_style(recipe("mkdocs-plugin"), style)
    (mkdocs_recipe / "mkdocs.yml").write_text(config, encoding="utf-8")
    built = mkdocs_build(mkdocs_recipe)
    assert (built.returncode, warnings_of(built)) == (0, [])
    html = (mkdocs_recipe / "site" / "index.html").read_text(encoding="utf-8")
    assert page_text(html) == TEXT[style]


@pytest.mark.slow
def test_mkdocs_unknown_key_fails_strict_and_only_strict(mkdocs_recipe: Path) -> None:
    (mkdocs_recipe / "mkdocs.yml").write_text(recipe("mkdocs-plugin"), encoding="utf-8")
    (mkdocs_recipe / "docs" / "more.md").write_text("# More\n\nSee [@nobody].\n", "utf-8")
    strict = mkdocs_build(mkdocs_recipe)
    assert strict.returncode == 1
    assert warnings_of(strict) == [f"WARNING -  citeconv: more.md:3: error[unknown-key] {UNKNOWN}"]
    lenient = run(["mkdocs", "build"], mkdocs_recipe)
    assert lenient.returncode == 0
    html = (mkdocs_recipe / "site" / "more" / "index.html").read_text(encoding="utf-8")
    assert "See [@nobody]." in paragraphs(html)


@pytest.fixture
def sphinx_recipe(tmp_path: Path) -> Path:
    pytest.importorskip("sphinx")
    shutil.copy(REFS, tmp_path / "refs.bib")
    (tmp_path / "index.rst").write_text(recipe("sphinx-page"), encoding="utf-8")
    return tmp_path


@pytest.mark.slow
@pytest.mark.parametrize("style", ["apa", "vancouver"])
def test_sphinx_extension_recipe(sphinx_recipe: Path, style: str) -> None:
    config = with_style(recipe("sphinx-conf"), style)
    (sphinx_recipe / "conf.py").write_text(config, encoding="utf-8")
    built = sphinx_build(sphinx_recipe)
    assert (built.returncode, built.stderr) == (0, "")
    html = (sphinx_recipe / "_build" / "index.html").read_text(encoding="utf-8")
    assert page_text(html) == TEXT[style]


@pytest.mark.slow
def test_sphinx_unknown_key_fails_w_and_only_w(sphinx_recipe: Path) -> None:
    (sphinx_recipe / "conf.py").write_text(recipe("sphinx-conf"), encoding="utf-8")
    page = recipe("sphinx-page").replace(
        ".. bibliography::", ".. bibliography::\n\n:cite:p:`nobody`"
    )
    (sphinx_recipe / "index.rst").write_text(page, encoding="utf-8")
    strict = sphinx_build(sphinx_recipe)
    assert strict.returncode == 1
    assert strict.stderr == (
        f"WARNING: {sphinx_recipe / 'index.rst'}:12: error[unknown-key] {UNKNOWN} "
        "[citeconv.unknown-key]\n"
    )
    lenient = run(["sphinx", "-q", "-b", "html", ".", "_lenient"], sphinx_recipe)
    assert lenient.returncode == 0
    assert "error[unknown-key]" in lenient.stderr


def test_doc_command_recipe(tmp_path: Path) -> None:
    (tmp_path / "docs-src").mkdir()
    (tmp_path / "docs").mkdir()
    shutil.copy(REFS, tmp_path / "refs.bib")
    (tmp_path / "docs-src" / "caching.md").write_text(recipe("mkdocs-page"), encoding="utf-8")
    for line in recipe("doc-command").splitlines():
        result = run_shell(line, tmp_path)
        assert (result.returncode, result.stdout, result.stderr) == (0, "", ""), line
    written = (tmp_path / "docs" / "caching.md").read_text(encoding="utf-8")
    assert written.splitlines()[2:4] == [
        "Builds are faster with caches (1,2).",
        "Smith et al. (1) says so, and so does (3).",
    ]
    assert "1\\. Smith A, Jones B, Brown C. Caching in CI builds." in written


@pytest.mark.slow
def test_doc_command_output_builds_cleanly(tmp_path: Path) -> None:
    """What `citeconv doc` writes (the goldens of test_doc_command) is a clean page for the
    tools that read it: no warning under `mkdocs build --strict` or `sphinx-build -W`."""
    pytest.importorskip("mkdocs")
    pytest.importorskip("sphinx")
    documents = ROOT / "tests" / "documents"
    markdown = {p.stem.replace(".", "-"): p.read_text("utf-8") for p in documents.glob("*.*.md")}
    rst = {p.stem.replace(".", "-"): p.read_text("utf-8") for p in documents.glob("*.*.rst")}
    assert len(markdown) == len(rst) == 2
    site = mkdocs_site(tmp_path / "mkdocs", markdown)
    built = mkdocs_build(site)
    assert (built.returncode, warnings_of(built)) == (0, [])
    project = sphinx_project(tmp_path / "sphinx", rst)
    built = sphinx_build(project)
    assert (built.returncode, built.stderr) == (0, "")
    html = (project / "_build" / "guide-vancouver.html").read_text(encoding="utf-8")
    assert "1. Smith A, Jones B, Brown C. Caching in CI builds. J Builds. 2020;3:1-9." in (
        paragraphs(html)
    )


@pytest.mark.slow
def test_sphinx_numbers_span_pages_and_single_file_builders(sphinx_recipe: Path) -> None:
    """Numbers follow the toctree across pages, and a builder that joins all pages into one
    (singlehtml, LaTeX) puts each page's citations in their place."""
    config = with_style(recipe("sphinx-conf"), "vancouver")
    (sphinx_recipe / "conf.py").write_text(config, encoding="utf-8")
    page = recipe("sphinx-page").replace("References\n", ".. toctree::\n\n   more\n\nReferences\n")
    (sphinx_recipe / "index.rst").write_text(page, encoding="utf-8")
    (sphinx_recipe / "more.rst").write_text(
        "More\n====\n\nAgain :cite:p:`doe2019b`, then :cite:p:`smith2020`.\n", encoding="utf-8"
    )
    built = run(["sphinx", "-W", "-q", "-b", "singlehtml", ".", "_single"], sphinx_recipe)
    assert (built.returncode, built.stderr) == (0, "")
    shown = [
        " ".join(p.split())
        for p in paragraphs((sphinx_recipe / "_single" / "index.html").read_text("utf-8"))
    ]
    assert "Again (3), then (1)." in shown
    assert (
        "Builds are faster with caches (1,2). Smith et al. (1) says so, and so does (3)." in shown
    )


@pytest.mark.slow
def test_an_unknown_style_stops_both_builds_with_a_suggestion(
    mkdocs_recipe: Path, sphinx_recipe: Path
) -> None:
    (mkdocs_recipe / "mkdocs.yml").write_text(with_style(recipe("mkdocs-plugin"), "apaa"), "utf-8")
    built = run(["mkdocs", "build"], mkdocs_recipe)
    assert built.returncode == 1
    assert "citeconv: unknown format or style 'apaa'; did you mean 'apa'" in built.stderr
    (sphinx_recipe / "conf.py").write_text(with_style(recipe("sphinx-conf"), "apaa"), "utf-8")
    built = run(["sphinx", "-q", "-b", "html", ".", "_build"], sphinx_recipe)
    assert built.returncode == 2
    assert "unknown format or style 'apaa'; did you mean 'apa'" in built.stderr


@pytest.mark.slow
@pytest.mark.parametrize("cite", ["cited2020", "uncited2021"])
def test_mkdocs_strict_fails_only_on_warnings_about_cited_entries(
    mkdocs_recipe: Path, cite: str
) -> None:
    (mkdocs_recipe / "mkdocs.yml").write_text(recipe("mkdocs-plugin"), encoding="utf-8")
    (mkdocs_recipe / "refs.bib").write_text(NOISY_BIB, encoding="utf-8")
    (mkdocs_recipe / "docs" / "index.md").write_text(f"# Notes\n\nSee [@{cite}].\n", "utf-8")
    (mkdocs_recipe / "docs" / "more.md").write_text(f"# More\n\nSee [@{cite}].\n", "utf-8")
    built = mkdocs_build(mkdocs_recipe)
    if cite == "cited2020":
        assert (built.returncode, warnings_of(built)) == (0, [])
    else:  # reported once, though two pages cite the entry
        assert built.returncode == 1
        assert warnings_of(built) == [f"WARNING -  citeconv: {UNCITED_WARNING}"]


@pytest.mark.slow
@pytest.mark.parametrize("cite", ["cited2020", "uncited2021"])
def test_sphinx_w_fails_only_on_warnings_about_cited_entries(
    sphinx_recipe: Path, cite: str
) -> None:
    (sphinx_recipe / "conf.py").write_text(recipe("sphinx-conf"), encoding="utf-8")
    (sphinx_recipe / "refs.bib").write_text(NOISY_BIB, encoding="utf-8")
    page = f"Notes\n=====\n\nSee :cite:p:`{cite}`.\n\n.. bibliography::\n"
    (sphinx_recipe / "index.rst").write_text(page, encoding="utf-8")
    built = sphinx_build(sphinx_recipe)
    if cite == "cited2020":
        assert (built.returncode, built.stderr) == (0, "")
    else:
        assert built.returncode == 1
        assert built.stderr == f"WARNING: {UNCITED_WARNING} [citeconv.invalid-name]\n"


@pytest.mark.slow
def test_sphinx_prints_no_empty_parentheses(sphinx_recipe: Path) -> None:
    """MLA prints the author and the locator only: `:cite:t:` with no locator is the author
    alone, and a `:cite:p:` without the author prints nothing, with a warning (as pandoc)."""
    config = with_style(recipe("sphinx-conf"), "modern-language-association")
    (sphinx_recipe / "conf.py").write_text(config, encoding="utf-8")
    page = (
        "Notes\n=====\n\n:cite:t:`smith2020` says so, :cite:t:`@smith2020, 3` too.\n\n"
        "Left out :cite:p:`-@smith2020`\n\n.. bibliography::\n"
    )
    (sphinx_recipe / "index.rst").write_text(page, encoding="utf-8")
    built = sphinx_build(sphinx_recipe)
    assert built.returncode == 1
    assert built.stderr == (
        f"WARNING: {sphinx_recipe / 'index.rst'}:6: warning[style-warning] the style prints "
        "nothing for the citation of 'smith2020'; left out [citeconv.style-warning]\n"
    )
    shown = paragraphs((sphinx_recipe / "_build" / "index.html").read_text(encoding="utf-8"))
    assert [" ".join(p.split()) for p in shown[:2]] == [
        "Smith et al. says so, Smith et al. (3) too.",
        "Left out",
    ]
