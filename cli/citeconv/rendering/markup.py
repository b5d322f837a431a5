"""Rich text across the renderer: our values in, citeproc-py's HTML out, any markup after.

CSL rich text in the hub (<i>, <b>, <sup>, <sub>, small caps, nocase spans) and literal
`& < >` are hidden behind private-use characters while citeproc-py works (it would print tags as
text and leave `&` unescaped), then restored as real markup in the output format asked for.
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
    '<span style="font-variant:small-caps;">': "\ue008",
    "</span small-caps>": "\ue009",  # a closing tag told apart by the opening one it closes
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
}
_MARKUP_TAG = re.compile(
    r'<span class="nocase">|<span style="font-variant:\s*small-caps;?">|</span>'
    r"|</?(?:i|b|sup|sub)>"
)
_SPECIALS = re.compile(r"[&<>]")
_SENTINELS = re.compile("[\ue000-\ue012]")
_NOCASE_OPEN = '<span class="nocase">'


def hide_markup(value: str) -> str:
    """Item value -> citeproc-py input: rich tags and `& < >` as sentinels, nocase spans kept
    (citeproc-py reads those itself). A stack tells which `<span>` each `</span>` closes."""
    out: list[str] = []
    open_spans: list[str] = []
    position = 0
    for match in _MARKUP_TAG.finditer(value):
        out.append(
            _SPECIALS.sub(lambda m: _TO_SENTINEL[m.group(0)], value[position : match.start()])
        )
        position = match.end()
        tag = match.group(0)
        if tag == _NOCASE_OPEN:
            open_spans.append("nocase")
            out.append(tag)
        elif tag.startswith("<span"):
            open_spans.append("small-caps")
            out.append(_TO_SENTINEL['<span style="font-variant:small-caps;">'])
        elif tag == "</span>":
            kind = open_spans.pop() if open_spans else "nocase"
            out.append(tag if kind == "nocase" else _TO_SENTINEL["</span small-caps>"])
        else:
            out.append(_TO_SENTINEL[tag])
    out.append(_SPECIALS.sub(lambda m: _TO_SENTINEL[m.group(0)], value[position:]))
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


_RST_OPEN, _RST_CLOSE = "\x02", "\x03"  # mark where inline markup starts and ends
# reST takes `*` (or :sup:) as the start of markup only after whitespace or one of the first set,
# and as its end only before whitespace or one of the second; elsewhere (`*123*(3)`) an escaped
# space `\ `, which renders as nothing, must separate them, or docutils prints a stray `*`.
_RST_MAY_PRECEDE_START = frozenset(" -:/'\"<([{")
_RST_MAY_FOLLOW_END = frozenset(" -.,:;!?\\/'\")]}>")


def html_to_rst(fragment: str) -> str:
    def tag_text(tag: str, closing: bool) -> str:
        if tag == "i":
            text = "*"
        elif tag == "b":
            text = "**"
        elif tag in {"sup", "sub"}:
            text = "`" if closing else (":sup:`" if tag == "sup" else ":sub:`")
        else:
            return ""
        return f"{text}{_RST_CLOSE}" if closing else f"{_RST_OPEN}{text}"

    marked = _convert(fragment, lambda t: _RST_SPECIALS.sub(r"\\\1", t), tag_text)
    out: list[str] = []
    for index, char in enumerate(marked):
        if char == _RST_OPEN:
            before = out[-1][-1:] if out else " "
            if not before.isspace() and before not in _RST_MAY_PRECEDE_START:
                out.append("\\ ")
        elif char == _RST_CLOSE:
            following = marked[index + 1 : index + 2]
            if following and not following.isspace() and following not in _RST_MAY_FOLLOW_END:
                out.append("\\ ")
        else:
            out.append(char)
    return "".join(out)


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
