"""Rich text across the renderer: our values in, citeproc-py's HTML out, any markup after.

CSL rich text in the hub (<i>, <b>, <sup>, <sub>, nocase spans) and literal `& < >` are hidden
behind private-use characters while citeproc-py works (it would print tags as text and leave
`&` unescaped), then restored as real markup in the output format the user asked for.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable

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
    "\ue010": "&amp;",
    "\ue011": "&lt;",
    "\ue012": "&gt;",
}
_RICH_TAG = re.compile(r"</?(?:i|b|sup|sub)>")
_NOCASE = re.compile(r'(<span class="nocase">|</span>)')
_SPECIALS = re.compile(r"[&<>]")
_SENTINELS = re.compile("[\ue000-\ue012]")


def hide_markup(value: str) -> str:
    """Item value -> citeproc-py input: rich tags and `& < >` as sentinels, nocase spans kept."""
    pieces = _NOCASE.split(value)
    out = []
    for piece in pieces:
        if _NOCASE.fullmatch(piece):
            out.append(piece)
            continue
        piece = _RICH_TAG.sub(lambda m: _TO_SENTINEL[m.group(0)], piece)
        out.append(_SPECIALS.sub(lambda m: _TO_SENTINEL[m.group(0)], piece))
    return "".join(out)


def restore_html(rendered: str) -> str:
    """citeproc-py HTML with sentinels -> well-formed HTML."""
    return _SENTINELS.sub(lambda m: _FROM_SENTINEL_HTML[m.group(0)], rendered)


_TAG = re.compile(r"<(/?)(i|b|sup|sub|u|l|span)(?: [^>]*)?>")


def html_to_text(fragment: str) -> str:
    return html.unescape(_TAG.sub("", fragment))


_MARKDOWN_SPECIALS = re.compile(r"([\\`*_\[\]<>#|])")
_MARKDOWN_TAGS = {"i": "*", "b": "**", "sup": "^", "sub": "~"}
_RST_SPECIALS = re.compile(r"([\\`*_|])")


def html_to_markdown(fragment: str) -> str:
    return _convert(
        fragment,
        lambda t: _MARKDOWN_SPECIALS.sub(r"\\\1", t),
        lambda tag, closing: _MARKDOWN_TAGS.get(tag, ""),
    )


def html_to_rst(fragment: str) -> str:
    def tag_text(tag: str, closing: bool) -> str:
        if tag == "i":
            return "*"
        if tag == "b":
            return "**"
        if tag in {"sup", "sub"}:
            return "`" if closing else (":sup:`" if tag == "sup" else ":sub:`")
        return ""

    return _convert(fragment, lambda t: _RST_SPECIALS.sub(r"\\\1", t), tag_text)


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
