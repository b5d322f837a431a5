"""Reference lists in Markdown, reST and LaTeX survive the real tools, for every real-world file.

All corpus files go into ONE MkDocs site and ONE Sphinx project (a page per file and style), so
the builds take seconds. A page's paragraphs must be exactly citeconv's text output for the same
entries: nothing leaked (a stray `*`, `^`, `\\`) and nothing was lost (a list number, an
emphasised span swallowed as markup).
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from doc_sites import (
    latex_to_text,
    mkdocs_build,
    mkdocs_site,
    paragraphs,
    sphinx_build,
    sphinx_project,
    unescaped_specials,
    warnings_of,
)

import citeconv
from citeconv.readers.encoding import decode_input
from citeconv.rendering.columns import COLUMN_BREAK, one_line
from citeconv.rendering.markup import html_to_text
from citeconv.writers.styled import MARKUPS

from conftest import corpus_dir

STYLES = ("apa", "vancouver")
COLUMNS = re.compile(
    r'<div class="csl-left-margin">(.*)</div><div class="csl-right-inline">(.*)</div>', re.S
)
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
Lists = dict[str, list[str]]  # page name -> the HTML fragment of each entry


@pytest.fixture(scope="module")
def corpus_lists() -> Lists:
    """Every real-world file's APA and Vancouver entries, rendered once as HTML fragments."""
    folder = corpus_dir("realworld")
    lists: Lists = {}
    for path in sorted(folder.glob("*.bib")):
        items = citeconv.read(decode_input(path.read_bytes(), path.name).value).value
        for style in STYLES:
            html = citeconv.render(items, style=style, markup="html").value
            # split("\n"), not splitlines(): an entry may hold U+2028 or another line separator
            entries = [fragment_of(line) for line in html.split("\n") if line]
            lists[f"{style}-{path.stem.replace('.', '-')}"] = entries
    return lists


def fragment_of(html_entry: str) -> str:
    """An HTML entry back to the fragment the writer converts: a numbered style's two columns
    joined by the engine's column break, as the writer receives them."""
    fragment = html_entry.removeprefix('<div class="csl-entry">').removesuffix("</div>")
    columns = COLUMNS.fullmatch(fragment)
    return columns.group(1) + COLUMN_BREAK + columns.group(2) if columns else fragment


def page(entries: list[str], markup: str) -> str:
    """What `convert --markup MARKUP` writes for these entries."""
    convert = MARKUPS[markup]  # type: ignore[index]
    return "\n\n".join(convert(one_line(entry)) for entry in entries) + "\n"


def expected_text(entries: list[str]) -> list[str]:
    """What `convert` (text) writes for these entries, one line each, less the control
    characters no document markup can hold (one corpus file has a vertical tab in a name)."""
    return [CONTROL.sub("", html_to_text(one_line(entry))) for entry in entries]


def test_writer_output_is_what_the_pages_are_built_from() -> None:
    """`page()` above is the writer's own output, not a copy that could drift from it."""
    bib = "@article{a, author={Doe, J.}, title={On $H_2O$ and mm$^2$}, journal={J}, year=2001}\n"
    items = citeconv.read(bib).value
    html = citeconv.render(items, style="apa", markup="html").value.strip()
    fragment = fragment_of(html)
    for markup in ("markdown", "rst", "latex", "pandoc"):
        assert citeconv.render(items, style="apa", markup=markup).value == page([fragment], markup)


@pytest.mark.corpus
@pytest.mark.slow
def test_markdown_lists_build_with_mkdocs_strict_and_show_the_text(
    tmp_path: Path, corpus_lists: Lists
) -> None:
    pytest.importorskip("mkdocs")
    pages = {name: page(entries, "markdown") for name, entries in corpus_lists.items()}
    site = mkdocs_site(tmp_path / "mkdocs", pages)
    built = mkdocs_build(site)
    assert (built.returncode, warnings_of(built)) == (0, [])
    for name, entries in corpus_lists.items():
        html = (site / "site" / f"{name}.html").read_text(encoding="utf-8")
        assert paragraphs(html) == expected_text(entries), name


@pytest.mark.corpus
def test_markdown_lists_read_the_same_in_markdown_it(corpus_lists: Lists) -> None:
    markdown_it = pytest.importorskip("markdown_it")
    parser = markdown_it.MarkdownIt("commonmark")
    for name, entries in corpus_lists.items():
        html = parser.render(page(entries, "markdown"))
        assert paragraphs(html) == expected_text(entries), name


@pytest.mark.corpus
@pytest.mark.slow
def test_rst_lists_build_with_sphinx_w_and_show_the_text(
    tmp_path: Path, corpus_lists: Lists
) -> None:
    pytest.importorskip("sphinx")
    pages = {
        name: f"{name}\n{'=' * len(name)}\n\n{page(entries, 'rst')}"
        for name, entries in corpus_lists.items()
    }
    project = sphinx_project(tmp_path / "sphinx", pages)
    built = sphinx_build(project)
    assert (built.returncode, built.stderr) == (0, "")
    for name, entries in corpus_lists.items():
        html = (project / "_build" / f"{name}.html").read_text(encoding="utf-8")
        assert paragraphs(html) == expected_text(entries), name


# --- LaTeX -------------------------------------------------------------------------------------


def test_the_latex_checker_finds_unescaped_specials() -> None:
    assert unescaped_specials(r"\textit{A \& B} 50\% \url{https://x.org/a\%20b_c} -{}-") == []
    assert unescaped_specials("R&D") == ["R&D"]
    assert unescaped_specials(r"\textit{open") == [r"\textit{open"]
    assert unescaped_specials("x_2 or ~") == ["x_2 or ~"]


@pytest.mark.corpus
def test_latex_lists_escape_every_special_and_decode_to_the_text(corpus_lists: Lists) -> None:
    for name, entries in corpus_lists.items():
        latex = page(entries, "latex")
        assert unescaped_specials(latex) == [], name
        decoded = [latex_to_text(MARKUPS["latex"](one_line(entry))) for entry in entries]
        assert decoded == expected_text(entries), name


TEX_ENGINE = shutil.which("pdflatex") or shutil.which("lualatex") or shutil.which("xelatex")


def unicode_stand_ins(body: str) -> str:
    """pdfLaTeX stops on characters its fonts lack (Cyrillic, `≃`): that is the document's font
    set-up, not citeconv's escaping, which is what this compile checks; so every non-ASCII
    character gets a stand-in."""
    return "".join(
        f"\\DeclareUnicodeCharacter{{{ord(char):04X}}}{{?}}\n"
        for char in sorted(set(body))
        if ord(char) > 0x7F
    )


@pytest.mark.corpus
@pytest.mark.slow
@pytest.mark.skipif(TEX_ENGINE is None, reason="no TeX engine installed")
def test_latex_lists_compile(tmp_path: Path, corpus_lists: Lists) -> None:
    body = "\n\n".join(page(entries, "latex") for entries in corpus_lists.values())
    stand_ins = unicode_stand_ins(body) if str(TEX_ENGINE).endswith("pdflatex") else ""
    (tmp_path / "refs.tex").write_text(
        f"\\documentclass{{article}}\n\\usepackage{{hyperref}}\n{stand_ins}"
        f"\\begin{{document}}\n{body}\n\\end{{document}}\n",
        encoding="utf-8",
    )
    compiled = subprocess.run(
        [str(TEX_ENGINE), "-halt-on-error", "-interaction=nonstopmode", "refs.tex"],
        cwd=tmp_path,
        capture_output=True,
        check=False,
    )
    log = (tmp_path / "refs.log").read_text(encoding="utf-8", errors="replace")
    assert [line for line in log.splitlines() if line.startswith("!")] == []
    assert compiled.returncode == 0
    assert (tmp_path / "refs.pdf").exists()
