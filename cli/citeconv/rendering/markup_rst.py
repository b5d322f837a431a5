"""HTML fragment -> reStructuredText that docutils (and `sphinx-build -W`) reads without a warning.

reST cannot nest inline markup, so only the outermost element is marked up (`*`, `**`,
`:sup:`, `:sub:`; small caps have no reST form and stay plain text). docutils recognises inline
markup only after whitespace or certain punctuation and only before whitespace or certain
punctuation; anywhere else an escaped space (`\\ `, which prints as nothing) separates it from
its neighbour. Sphinx's smart quotes would turn `"`, `'`, `--` and `...` into other characters,
so they are escaped too.
"""

from __future__ import annotations

from citeconv import lazy_regex
from citeconv.rendering.markup_tree import Element, parse_fragment

# Besides reST's own specials: `--`, `...` and `. . .` (all but the last character), which smart
# quotes would turn into dashes and ellipses; and `.` or `-` after a backslash, because docutils
# hands smart quotes a literal backslash as if it escaped the next character.
_ESCAPED = lazy_regex.compile(r"""[\\`*_|"']|(?<=\\)[.-]|-(?=-)|\.(?=\.\.|[ ]\.[ ]\.)""")
_OPEN = {"i": "*", "b": "**", "sup": ":sup:`", "sub": ":sub:`"}
_CLOSE = {"i": "*", "b": "**", "sup": "`", "sub": "`"}
# ASCII only: any other neighbour gets an escaped space, which is always safe.
_MAY_PRECEDE_START = frozenset("-:/'\"<([{")
_MAY_FOLLOW_END = frozenset("-.,:;!?\\/'\")]}>")
_MATCHING_CLOSER = {"'": "'", '"': '"', "<": ">", "(": ")", "[": "]", "{": "}"}
_ENUMERATOR = lazy_regex.compile(r"^(\d+|[A-Za-z]|[IVXLCDM]+|[ivxlcdm]+)([.)])(?=\s|$)")
_SEPARATOR = "\\ "


def html_to_rst(fragment: str, *, paragraph: bool = True) -> str:
    """A paragraph (a reference-list entry) or, with `paragraph=False`, text inside a line,
    whose neighbours are unknown: markup at either end is set off by an escaped space."""
    out: list[str] = []
    children = _plain_runs(parse_fragment(fragment).children)
    for index, child in enumerate(children):
        following = children[index + 1] if index + 1 < len(children) else ""
        if isinstance(child, str):
            out.append(escape_rst(child))
        else:
            _marked(child, following, out)
    text = "".join(out)
    if paragraph:
        return _safe_paragraph(text)
    if text.startswith(("*", ":sup:", ":sub:")):
        text = _SEPARATOR + text
    return text + _SEPARATOR if text.endswith(("*", "`")) else text


def _plain_runs(children: list[Element | str]) -> list[Element | str]:
    """Text and elements reST prints as plain text (small caps, empty markup) merged into one
    string each, so escaping sees `--` or `...` that straddle them."""
    runs: list[Element | str] = []
    for child in children:
        if isinstance(child, Element) and child.tag in _OPEN and child.text().strip():
            runs.append(child)
        elif runs and isinstance(runs[-1], str):
            runs[-1] += child if isinstance(child, str) else child.text()
        else:
            runs.append(child if isinstance(child, str) else child.text())
    return runs


def escape_rst(text: str) -> str:
    """Plain text that docutils (with Sphinx's smart quotes) prints as it is."""
    return _ESCAPED.sub(r"\\\g<0>", text)


def _marked(element: Element, following: Element | str, out: list[str]) -> None:
    text = element.text()
    inner = text.strip()
    if element.tag not in _OPEN or not inner:
        out.append(escape_rst(text))
        return
    leading = text[: len(text) - len(text.lstrip())]
    trailing = text[len(text.rstrip()) :]
    out.append(escape_rst(leading))
    previous = "".join(out)[-1:] or " "
    if not previous.isspace() and (
        previous not in _MAY_PRECEDE_START or _MATCHING_CLOSER.get(previous) == inner[0]
    ):
        out.append(_SEPARATOR)
    out.append(f"{_OPEN[element.tag]}{escape_rst(inner)}{_CLOSE[element.tag]}")
    if trailing:
        out.append(escape_rst(trailing))
        return
    next_char = _first_char(following)
    if next_char and not next_char.isspace() and next_char not in _MAY_FOLLOW_END:
        out.append(_SEPARATOR)


def _first_char(node: Element | str) -> str:
    """The first character written for what follows; "" when that is markup, which then
    separates itself from what precedes it."""
    if isinstance(node, str):
        return escape_rst(node)[:1]
    text = node.text()
    return "" if node.tag in _OPEN and text.strip() else escape_rst(text)[:1]


def _safe_paragraph(text: str) -> str:
    """A paragraph that cannot be read as a list, a directive, a field, a transition (a line of
    four or more of one punctuation character, escaped backslashes too) or a literal block."""
    if _ENUMERATOR.match(text):
        text = _ENUMERATOR.sub(r"\1\\\2", text, count=1)
    elif text and (not text[0].isalnum() or not any(c.isalnum() for c in text)):
        starts_markup = text.startswith(("*", ":sup:", ":sub:", "\\"))
        if not starts_markup or not any(c.isalnum() for c in text):
            text = _SEPARATOR + text
    if text.endswith("::"):
        text = text[:-1] + "\\:"
    return text
