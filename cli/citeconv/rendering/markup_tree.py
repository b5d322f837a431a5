"""citeproc's HTML fragment as a small tree, which each document markup walks in its own way.

Only the rich text CSL can hold is kept as elements (italic, bold, superscript, subscript,
small caps); any other tag is dropped and its text kept, as the text output does.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field

from citeconv import lazy_regex

_TAG = lazy_regex.compile(r"<(/?)(i|b|sup|sub|u|l|span|div)((?: [^<>]*)?)>")
# Deeper tags are dropped, their text kept: each markup walks the tree recursively, and 1,000
# nested `<sup>` in a title were a RecursionError that lost the whole file (issue 15).
MAX_DEPTH = 64
_SMALL_CAPS = lazy_regex.compile(r"font-variant:\s*small-caps")
# Control characters (a vertical tab where an export mangled `\v{c}`) have no form in Markdown,
# reST or LaTeX: docutils reads them as spaces, TeX rejects them. They are dropped.
_CONTROL = lazy_regex.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@dataclass
class Element:
    tag: str  # "i", "b", "sup", "sub", "sc" (small caps) or "" (a span kept only for nesting)
    children: list[Element | str] = field(default_factory=list)

    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)


def parse_fragment(fragment: str) -> Element:
    """The fragment as a root element (tag ""); text is unescaped, stray closing tags ignored."""
    root = Element("")
    stack = [root]
    position = 0
    dropped = 0  # tags open beyond MAX_DEPTH
    for match in _TAG.finditer(fragment):
        _add_text(stack[-1], fragment[position : match.start()])
        position = match.end()
        closing, name, attributes = match.groups()
        if closing:
            if dropped:
                dropped -= 1
            elif len(stack) > 1:
                stack.pop()
            continue
        if len(stack) > MAX_DEPTH:
            dropped += 1
            continue
        tag = name if name in {"i", "b", "sup", "sub"} else ""
        if name == "span" and _SMALL_CAPS.search(attributes):
            tag = "sc"
        element = Element(tag)
        stack[-1].children.append(element)
        stack.append(element)
    _add_text(stack[-1], fragment[position:])
    return root


def _add_text(parent: Element, raw: str) -> None:
    text = _CONTROL.sub("", html.unescape(raw))
    if text:
        parent.children.append(text)
