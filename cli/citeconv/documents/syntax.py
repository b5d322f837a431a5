"""What differs between Markdown and reST documents: code to leave alone, the reference-list
markers, and how rendered citations and entries are written into the text."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from itertools import accumulate
from typing import Literal

from citeconv import lazy_regex
from citeconv.rendering.markup_markdown import html_to_markdown
from citeconv.rendering.markup_rst import html_to_rst

Syntax = Literal["markdown", "rst"]

_MARKDOWN_CODE = lazy_regex.compile(
    r"^(?P<fence>[ \t]{0,3}(?:`{3,}|~{3,})).*?(?:^(?P=fence)[ \t]*$|\Z)"  # fenced block
    r"|(?P<ticks>`+)(?!`).+?(?<!`)(?P=ticks)(?!`)"  # inline code span
    r"|<(?:https?|mailto):[^>\s]*>"  # autolink
    r"|<!--.*?(?:-->|\Z)",  # an HTML comment: pandoc cites nothing in one
    re.MULTILINE | re.DOTALL,
)
_RST_CODE = lazy_regex.compile(
    r"::[ \t]*\n(?:[ \t]*\n)*(?P<indent>[ \t]+).*?(?=\n(?!(?P=indent)|[ \t]*\n)|\Z)"  # literal
    r"|``.+?``"  # inline literal
    # code directives and comments (`..` + text that is no directive, target or footnote);
    # other directives (notes, admonitions) hold prose that cites
    r"|^\.\. (?:(?:code-block|code|sourcecode|literalinclude|math|raw|doctest|testcode"
    r"|testoutput|parsed-literal)::|(?![\w-]+::|\[|_|\|)).*?(?=\n(?![ \t]|\n)|\Z)",
    re.MULTILINE | re.DOTALL,
)
_MARKDOWN_MARKER = lazy_regex.compile(
    r"^:::+[ \t]*\{[ \t]*#refs[^}\n]*\}[ \t]*\n(?:[ \t]*\n)*:::+[ \t]*$"
    r"|^<div id=\"refs\">[ \t]*</div>[ \t]*$",
    re.MULTILINE,
)
_RST_MARKER = lazy_regex.compile(r"^\.\. bibliography::[ \t]*(?:\n[ \t]+:[^\n]*)*$", re.MULTILINE)


# A web address, written bare or as a link's target: `https://host/@name` is a handle, and
# pandoc cites nothing inside a URL.
_URL = lazy_regex.compile(r"\b(?:https?|ftp)://[^\s<>\"'`]+|\]\([^)\s]*\)")


def code_spans(text: str, syntax: Syntax) -> list[tuple[int, int]]:
    """Spans of the text where an `@` is code or part of a web address, not a citation."""
    urls = [match.span() for match in _URL.finditer(text)]
    if syntax == "markdown":
        return [match.span() for match in _MARKDOWN_CODE.finditer(text)] + urls
    code = _RST_CODE.finditer(text)
    return [match.span() for match in code if not _directive_colons(text, match)] + urls


def _directive_colons(text: str, match: re.Match[str]) -> bool:
    """`.. note::` ends in `::` too, but what it holds is prose, not a literal block."""
    line_start = text.rfind("\n", 0, match.start()) + 1
    return match.group(0).startswith("::") and text.startswith(".. ", line_start)


def markers(text: str, syntax: Syntax) -> list[tuple[int, int]]:
    """Every place the document asks for its reference list, as pandoc fills every refs div:
    `::: {#refs}` + `:::` (pandoc's div) or `<div id="refs"></div>` in Markdown,
    `.. bibliography::` in reST. One shown in code (a fenced example) is no marker."""
    code = Spans(code_spans(text, syntax))
    found = (_MARKDOWN_MARKER if syntax == "markdown" else _RST_MARKER).finditer(text)
    return [m.span() for m in found if not code.covers(m.start())]


def citation_markup(fragment: str, syntax: Syntax) -> str:
    """A rendered citation (HTML) as it goes into a line of the document."""
    if syntax == "markdown":
        return html_to_markdown(fragment, paragraph=False)
    return html_to_rst(fragment, paragraph=False)


def reference_list(entries: tuple[str, ...], syntax: Syntax) -> str:
    """The entries (HTML) as paragraphs, with no trailing newline."""
    convert = html_to_markdown if syntax == "markdown" else html_to_rst
    return "\n\n".join(convert(entry) for entry in entries)


class Spans:
    """Whether an offset lies in one of the spans, found by bisection: a document of 15,000
    citations asked each of them about every other (quadratic; issue 15)."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self._starts = [start for start, _ in ordered]
        self._reach = list(accumulate((end for _, end in ordered), max))  # the furthest end

    def covers(self, position: int) -> bool:
        index = bisect.bisect_right(self._starts, position) - 1
        return index >= 0 and self._reach[index] > position
