"""Any rich-text entry, written as Markdown, reST or LaTeX, reads back as its plain text.

Each markup is read by the real parsers (Python-Markdown as MkDocs runs it, markdown-it,
docutils with Sphinx's smart quotes and warnings as errors, pylatexenc for LaTeX), so an escape
that one of them does not know, or markup it does not close, fails here with a small example.
"""

from __future__ import annotations

import html
import io

import pytest
from doc_sites import latex_to_text, paragraphs, unescaped_specials
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from citeconv.rendering.markup import html_to_text
from citeconv.rendering.markup_latex import html_to_latex
from citeconv.rendering.markup_markdown import html_to_markdown
from citeconv.rendering.markup_rst import html_to_rst

_CHARS = "ab1 .,:;*_`\\[]{}<>&#|^~-'\"()!?/+=$%é≃\u00a0"
_TAGS = {
    "i": ("<i>", "</i>"),
    "b": ("<b>", "</b>"),
    "sup": ("<sup>", "</sup>"),
    "sub": ("<sub>", "</sub>"),
    "sc": ('<span style="font-variant:small-caps;">', "</span>"),
}
_text = st.text(_CHARS, min_size=1, max_size=12).map(html.escape)


def _wrapped(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    element = st.tuples(st.sampled_from(sorted(_TAGS)), children).map(
        lambda pair: _TAGS[pair[0]][0] + pair[1] + _TAGS[pair[0]][1]
    )
    return st.lists(st.one_of(_text, element), min_size=1, max_size=4).map("".join)


fragments = st.recursive(_text, _wrapped, max_leaves=8)


def _entry(fragment: str) -> str:
    text = html_to_text(fragment)
    assume(text.strip() == text and text)  # an entry never starts or ends with a space
    return text


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(fragments)
def test_markdown_reads_back_as_the_text_in_python_markdown_and_markdown_it(
    fragment: str,
) -> None:
    markdown = pytest.importorskip("markdown")
    markdown_it = pytest.importorskip("markdown_it")
    text = _entry(fragment)
    source = html_to_markdown(fragment)
    as_mkdocs = markdown.markdown(source, extensions=["toc", "tables", "fenced_code"])
    assert paragraphs(as_mkdocs) == [text], source
    assert paragraphs(markdown_it.MarkdownIt("commonmark").render(source)) == [text], source


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(fragments)
def test_rst_reads_back_as_the_text_without_a_docutils_warning(fragment: str) -> None:
    core = pytest.importorskip("docutils.core")
    text = _entry(fragment)
    source = html_to_rst(fragment)
    warnings = io.StringIO()
    parts = core.publish_parts(
        source,
        writer="html",
        settings_overrides={
            "smart_quotes": True,
            "warning_stream": warnings,
            "report_level": 2,
            "halt_level": 5,
        },
    )
    assert warnings.getvalue() == "", source
    assert paragraphs(parts["body"]) == [text], source


@settings(max_examples=300, deadline=None)
@given(fragments)
def test_latex_escapes_every_special_and_reads_back_as_the_text(fragment: str) -> None:
    text = _entry(fragment)
    latex = html_to_latex(fragment)
    assert unescaped_specials(latex) == [], latex
    assert latex_to_text(latex) == text, latex
