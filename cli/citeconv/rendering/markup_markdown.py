"""HTML fragment -> CommonMark that Python-Markdown (MkDocs) and markdown-it render alike.

Italic and bold become `*`/`**` only where both parsers are sure to read them as emphasis (the
delimiters are left- and right-flanking, not nested, not touching another delimiter); anywhere
else, and for what Markdown lacks (superscript, subscript, small caps), inline HTML. Every
character that either parser could take for markup is escaped in a way both understand:
Python-Markdown knows no `\\<`, so a `<` or `&` that could start a tag or an entity is written
as an entity.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from citeconv import lazy_regex
from citeconv.rendering.markup_tree import Element, parse_fragment

# `_` inside a word (`snake_case`, URLs) is never emphasis in either parser: left as it is.
_BACKSLASHED = lazy_regex.compile(r"[\\`*\[\]{}]|(?<![^\W_])_|_(?![^\W_])")
# `&` only where it could start a character reference (Python-Markdown passes `&copy` and `&#1`
# through, and browsers decode them even without `;`), `<` only where it would start a tag or an
# autolink.
_ENTITY_OR_TAG_START = lazy_regex.compile(r"&(?=[#A-Za-z0-9])|<(?=[A-Za-z/!?])")
_DOUBLE_TILDE = lazy_regex.compile(r"~{2,}")  # strikethrough in markdown-it and pymdownx.tilde
# A paragraph starting like a list item or heading would become one: `1. Doe J` is an entry.
_ORDERED_START = lazy_regex.compile(r"^(\d{1,9})([.)])")
_BLOCK_START = lazy_regex.compile(r"^([-+#>])")
_HTML_OPEN = {
    "i": "<i>",
    "b": "<b>",
    "sup": "<sup>",
    "sub": "<sub>",
    "sc": '<span style="font-variant:small-caps;">',
}
_HTML_CLOSE = {"i": "</i>", "b": "</b>", "sup": "</sup>", "sub": "</sub>", "sc": "</span>"}
_DELIMITER = {"i": "*", "b": "**"}


@dataclass(frozen=True)
class _Emphasis:
    """Where a `*` or `**` may go; _resolve decides between it and the HTML tag."""

    tag: str
    closing: bool


def html_to_markdown(fragment: str, *, paragraph: bool = True) -> str:
    """A paragraph (a reference-list entry) or, with `paragraph=False`, text inside a line."""
    pieces: list[str | _Emphasis] = []
    for child in parse_fragment(fragment).children:
        _top_level(child, pieces)
    text = _resolve(pieces)
    if not paragraph:
        return text
    text = _ORDERED_START.sub(r"\1\\\2", text, count=1)
    return _BLOCK_START.sub(r"\\\1", text, count=1)


def escape_markdown(text: str) -> str:
    """Plain text that Markdown prints as it is."""
    text = _ENTITY_OR_TAG_START.sub(lambda m: "&amp;" if m.group(0) == "&" else "&lt;", text)
    text = _BACKSLASHED.sub(r"\\\g<0>", text)
    return _DOUBLE_TILDE.sub(lambda m: "&#126;" * len(m.group(0)), text)


def _top_level(node: Element | str, pieces: list[str | _Emphasis]) -> None:
    if isinstance(node, str):
        pieces.append(escape_markdown(node))
    elif node.tag in _DELIMITER and not _holds_emphasis(node):
        pieces.append(_Emphasis(node.tag, closing=False))
        pieces.extend(_as_html(child) for child in node.children)
        pieces.append(_Emphasis(node.tag, closing=True))
    else:
        pieces.append(_as_html(node))


def _holds_emphasis(element: Element) -> bool:
    return any(
        isinstance(child, Element) and (child.tag in _DELIMITER or _holds_emphasis(child))
        for child in element.children
    )


def _as_html(node: Element | str) -> str:
    if isinstance(node, str):
        return escape_markdown(node)
    inner = "".join(_as_html(child) for child in node.children)
    if not node.tag:
        return inner
    return f"{_HTML_OPEN[node.tag]}{inner}{_HTML_CLOSE[node.tag]}"


def _resolve(pieces: list[str | _Emphasis]) -> str:
    out: list[str] = []
    index = 0
    while index < len(pieces):
        piece = pieces[index]
        if isinstance(piece, str):
            out.append(piece)
            index += 1
            continue
        end = pieces.index(_Emphasis(piece.tag, closing=True), index + 1)
        inner = "".join(p for p in pieces[index + 1 : end] if isinstance(p, str))
        before = pieces[index - 1] if index else ""
        after = pieces[end + 1] if end + 1 < len(pieces) else ""
        if _flanking(before, inner, after):
            mark = _DELIMITER[piece.tag]
            out.append(f"{mark}{inner}{mark}")
        else:
            out.append(f"{_HTML_OPEN[piece.tag]}{inner}{_HTML_CLOSE[piece.tag]}")
        index = end + 1
    return "".join(out)


def _flanking(before: str | _Emphasis, inner: str, after: str | _Emphasis) -> bool:
    """CommonMark's left- and right-flanking rules for `*` (Python-Markdown is laxer)."""
    if not inner or isinstance(before, _Emphasis) or isinstance(after, _Emphasis):
        return False
    first, last = inner[0], inner[-1]
    if first.isspace() or last.isspace():
        return False
    previous = before[-1:] or " "
    following = after[:1] or " "
    opens = not _punctuation(first) or previous.isspace() or _punctuation(previous)
    closes = not _punctuation(last) or following.isspace() or _punctuation(following)
    return opens and closes


def _punctuation(char: str) -> bool:
    return unicodedata.category(char)[0] in "PS"
