"""HTML fragment -> LaTeX: `\\textit{}` and friends, every TeX special escaped, URLs in `\\url{}`.

`\\url` needs the `url` (or `hyperref`) package; `\\textsuperscript` and `\\textsubscript` are in
the LaTeX kernel since 2015.
"""

from __future__ import annotations

from citeconv import lazy_regex
from citeconv.rendering.markup_tree import Element, parse_fragment

_COMMAND = {
    "i": "textit",
    "b": "textbf",
    "sup": "textsuperscript",
    "sub": "textsubscript",
    "sc": "textsc",
}
_SPECIAL = {
    "\\": r"\textbackslash{}",
    "#": r"\#",
    "$": r"\$",
    "%": r"\%",
    "&": r"\&",
    "_": r"\_",
    "{": r"\{",
    "}": r"\}",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
    "<": r"\textless{}",
    ">": r"\textgreater{}",
    "`": r"\textasciigrave{}",
    "-": "-{}",
    "'": "'{}",
}
# `--`, `---` and `''` are ligatures in TeX (dashes, a closing quote); `-{}-` keeps two hyphens.
_SPECIALS = lazy_regex.compile(r"[\\#$%&_{}~^<>`]|-(?=-)|'(?=')")
# A URL ends before whitespace and before the punctuation that closes the sentence around it;
# a `<...>` inside it is its own (a SICI DOI: `19:4<377::AID-JCC1>3.0.CO;2-P`), a `>` after
# it (`<https://...>`) is not.
_URL = lazy_regex.compile(
    r"\b(?:https?|ftp)://(?:[^\s\"<>]|<[^\s\"<>]*>)*(?:[^\s<>\".,;:!?)\]}]|<[^\s\"<>]*>)"
)
# In `\url{}` (url and hyperref packages) `\#` and `\%` are `#` and `%`; a backslash or a brace
# has no escape there, so it is percent-encoded, the same address (RFC 3986 §2.1).
_URL_SPECIAL = lazy_regex.compile(r"[#%\\{}]")
_URL_ESCAPE = {"#": r"\#", "%": r"\%", "\\": r"\%5C", "{": r"\%7B", "}": r"\%7D"}


def html_to_latex(fragment: str) -> str:
    return _render(parse_fragment(fragment))


def escape_latex(text: str) -> str:
    """Plain text (URLs included) that LaTeX prints as it is."""
    out: list[str] = []
    position = 0
    for match in _URL.finditer(text):
        out.append(_escape_plain(text[position : match.start()]))
        url = _URL_SPECIAL.sub(lambda m: _URL_ESCAPE[m.group(0)], match.group(0))
        out.append(r"\url{" + url + "}")
        position = match.end()
    out.append(_escape_plain(text[position:]))
    return "".join(out)


def _escape_plain(text: str) -> str:
    return _SPECIALS.sub(lambda m: _SPECIAL[m.group(0)], text)


def _render(element: Element) -> str:
    inner = "".join(
        escape_latex(child) if isinstance(child, str) else _render(child)
        for child in element.children
    )
    command = _COMMAND.get(element.tag)
    return f"\\{command}{{{inner}}}" if command else inner
