"""Rich text across the renderer: our values in, citeproc-py's HTML out, any markup after.

CSL rich text in the hub (<i>, <b>, <sup>, <sub>, small caps, nocase spans) and literal
`& < >` are hidden behind private-use characters while citeproc-py works (it would print tags as
text and leave `&` unescaped), then restored as real markup in the output format asked for.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable

from citeconv import lazy_regex

# Private-use sentinels: rich-text tags and the three HTML specials in item values.
_TO_SENTINEL = {
    "<i>": "\ue000",
    "</i>": "\ue001",
    "<b>": "\ue002",
    "</b>": "\ue003",
    "<sup>": "\ue004",
    "</sup>": "\ue005",
    "<sub>": "\ue006",
    "</sub>": "\ue007",
    '<span style="font-variant:small-caps;">': "\ue008",
    "</span small-caps>": "\ue009",  # a closing tag told apart by the opening one it closes
    "<sc>": "\ue008",
    "</sc>": "\ue009",
    '<span class="nodecor">': "\ue013",  # undecorated: flipflop.py sets what it resets
    "</span nodecor>": "\ue014",
    "&": "\ue010",
    "<": "\ue011",
    ">": "\ue012",
}
_FROM_SENTINEL_HTML = {
    "\ue000": "<i>",
    "\ue001": "</i>",
    "\ue002": "<b>",
    "\ue003": "</b>",
    "\ue004": "<sup>",
    "\ue005": "</sup>",
    "\ue006": "<sub>",
    "\ue007": "</sub>",
    "\ue008": '<span style="font-variant:small-caps;">',
    "\ue009": "</span>",
    "\ue010": "&amp;",
    "\ue011": "&lt;",
    "\ue012": "&gt;",
    "\ue013": "",
    "\ue014": "",
}
_MARKUP_TAG = lazy_regex.compile(
    r'<span class="(?:nocase|nodecor)">|<span style="font-variant:\s*small-caps;?">|</span>'
    r"|</?(?:i|b|sup|sub|sc)>"
)
_SPECIALS = lazy_regex.compile(r"[&<>]")
_SENTINELS = lazy_regex.compile("[\ue000-\ue014]")
_NOCASE_OPEN = '<span class="nocase">'
_NODECOR_OPEN = '<span class="nodecor">'


def hide_specials(value: str) -> str:
    """A value printed exactly (a DOI, a URL): only `& < >` hidden, no text read as a tag."""
    return _SPECIALS.sub(lambda m: _TO_SENTINEL[m.group(0)], value)


def hide_markup(value: str) -> str:
    """Item value -> citeproc-py input: rich tags and `& < >` as sentinels, nocase spans kept
    (citeproc-py reads those itself). A tag with no partner (`A<b>c`) is text, so the output
    stays well-formed; a stack tells which `<span>` each `</span>` closes."""
    if "<" not in value and ">" not in value and "&" not in value:
        return value  # most values: no tag, nothing to hide (issue 12: speed)
    out: list[str] = []
    open_spans: list[str] = []
    position = 0
    for match in paired_tags(value):
        out.append(hide_specials(value[position : match.start()]))
        position = match.end()
        tag = match.group(0)
        if tag == _NOCASE_OPEN:
            open_spans.append("nocase")
            out.append(tag)
        elif tag == _NODECOR_OPEN:
            open_spans.append("nodecor")
            out.append(_TO_SENTINEL[tag])
        elif tag.startswith("<span"):
            open_spans.append("small-caps")
            out.append(_TO_SENTINEL['<span style="font-variant:small-caps;">'])
        elif tag == "</span>":
            kind = open_spans.pop() if open_spans else "nocase"
            out.append(tag if kind == "nocase" else _TO_SENTINEL[f"</span {kind}>"])
        else:
            out.append(_TO_SENTINEL[tag])
    out.append(hide_specials(value[position:]))
    return "".join(out)


def paired_tags(value: str) -> list[re.Match[str]]:
    """The rich-text tags of a value that open and close each other, in order; any other
    `<i>` or `</span>` (unclosed, unopened, crossing) is text."""
    matches = list(_MARKUP_TAG.finditer(value))
    stack: list[tuple[str, int]] = []
    paired: set[int] = set()
    for index, match in enumerate(matches):
        tag = match.group(0)
        name = tag.strip("</>").split()[0]
        if not tag.startswith("</"):
            stack.append((name, index))
        elif stack and stack[-1][0] == name:
            paired.update((stack.pop()[1], index))
    return [match for index, match in enumerate(matches) if index in paired]


def restore_html(rendered: str) -> str:
    """citeproc-py HTML with sentinels -> well-formed HTML."""
    return _SENTINELS.sub(lambda m: _FROM_SENTINEL_HTML[m.group(0)], rendered)


_TAG = lazy_regex.compile(r"<(/?)(i|b|sup|sub|u|l|span)(?: [^>]*)?>")


def rich_text_to_plain(value: str) -> str:
    """A hub value -> plain text: only the rich-text tags citeconv writes are removed, and only
    in pairs (a title's `a<b and c>d` or `x<i>y` is text)."""
    out: list[str] = []
    position = 0
    for match in paired_tags(value):
        out.append(value[position : match.start()])
        position = match.end()
    out.append(value[position:])
    return html.unescape("".join(out))


def html_to_text(fragment: str) -> str:
    return html.unescape(_TAG.sub("", fragment))


def html_to_plain_output(fragment: str) -> str:
    """`--markup text`: the tags dropped, raised and lowered digits kept as characters."""
    return html_to_text(unicode_scripts(fragment))


# Digits and signs Unicode has raised and lowered forms of: `mm<sup>2</sup>`, `Ca<sup>2+</sup>`
# and `H<sub>2</sub>O` keep their meaning in plain text (`mm²`, `Ca²⁺`, `H₂O`), where dropping the
# tags printed `mm2`. Letters (`3<sup>rd</sup>`) have no complete set of forms and lose the tags.
_SCRIPTED = lazy_regex.compile(r"<(sup|sub)>([0-9+\-\u2212=()]+)</\1>")
_SCRIPT_FORMS = {
    "sup": str.maketrans("0123456789+-\u2212=()", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁻⁼⁽⁾"),
    "sub": str.maketrans("0123456789+-\u2212=()", "₀₁₂₃₄₅₆₇₈₉₊₋₋₌₍₎"),
}


def unicode_scripts(rich: str) -> str:
    """`<sup>2</sup>` -> `²` where every character has a raised (or lowered) form."""
    if "<su" not in rich:
        return rich
    return _SCRIPTED.sub(lambda m: m.group(2).translate(_SCRIPT_FORMS[m.group(1)]), rich)


# Pandoc's Markdown: `^sup^` and `~sub~`, which CommonMark readers (MkDocs) print as they are.
_PANDOC_SPECIALS = lazy_regex.compile(r"([\\`*_\[\]<>#|^~])")
_PANDOC_TAGS = {"i": "*", "b": "**", "sup": "^", "sub": "~"}


_PANDOC_ORDERED_START = lazy_regex.compile(r"^(\d+)([.)])")  # `1. Doe J` is an entry, not a list


def html_to_pandoc(fragment: str) -> str:
    text = _convert(
        fragment,
        lambda t: _PANDOC_SPECIALS.sub(r"\\\1", t),
        lambda tag, closing: _PANDOC_TAGS.get(tag, ""),
    )
    return _PANDOC_ORDERED_START.sub(r"\1\\\2", text, count=1)


def _convert(
    fragment: str, escape: Callable[[str], str], tag_text: Callable[[str, bool], str]
) -> str:
    out: list[str] = []
    position = 0
    for match in _TAG.finditer(fragment):
        out.append(escape(html.unescape(fragment[position : match.start()])))
        out.append(tag_text(match.group(2), bool(match.group(1))))
        position = match.end()
    out.append(escape(html.unescape(fragment[position:])))
    return "".join(out)
