"""The only pylatexenc adapter: LaTeX field values -> Unicode text, or CSL rich text.

CSL rich text is the HTML subset CSL processors understand: <i>, <b>, <sup>, <sub> and
<span class="nocase"> for text a style must not recase ({DNA}, {B}ayesian).
"""

from __future__ import annotations

import re
from functools import lru_cache

from pylatexenc.latex2text import LatexNodes2Text

_NEEDS_DECODER = re.compile(r"[\\$]")
_SIMPLE = (("---", "\u2014"), ("--", "\u2013"), ("``", "\u201c"), ("''", "\u201d"), ("~", "\u00a0"))


@lru_cache(maxsize=1)
def _decoder() -> LatexNodes2Text:
    return LatexNodes2Text(math_mode="text", strict_latex_spaces=False)


@lru_cache(maxsize=65536)
def to_text(latex: str) -> str:
    """Plain Unicode: accents and specials decoded, braces dropped, spaces collapsed."""
    return " ".join(_decode(latex).split())


def _decode(latex: str) -> str:
    if _NEEDS_DECODER.search(latex):
        edge = latex[: len(latex) - len(latex.lstrip())], latex[len(latex.rstrip()) :]
        decoded: str = _decoder().latex_to_text(latex)
        return edge[0] + decoded.strip() + edge[1]
    text = latex.replace("{", "").replace("}", "")
    for source, target in _SIMPLE:
        text = text.replace(source, target)
    return text


@lru_cache(maxsize=65536)
def to_rich(latex: str) -> str:
    """CSL rich text: top-level {groups} become nocase spans, the rest is decoded and escaped."""
    pieces: list[str] = []
    for protected, chunk in _top_level_groups(latex):
        text = _decode(chunk)
        if protected and text.strip():
            pieces.append(f'<span class="nocase">{text}</span>')
        else:
            pieces.append(text)
    return " ".join("".join(pieces).split())


def _top_level_groups(latex: str) -> list[tuple[bool, str]]:
    """Split into (is-protected, text) runs; `{\\'e}`-style accent groups are not protection."""
    runs: list[tuple[bool, str]] = []
    depth = 0
    start = 0
    for index, char in enumerate(latex):
        if char == "{" and (index == 0 or latex[index - 1] != "\\"):
            if depth == 0:
                runs.append((False, latex[start:index]))
                start = index
            depth += 1
        elif char == "}" and (index == 0 or latex[index - 1] != "\\") and depth > 0:
            depth -= 1
            if depth == 0:
                group = latex[start : index + 1]
                runs.append((not group.startswith("{\\"), group[1:-1]))
                start = index + 1
    runs.append((depth > 0, latex[start:]))
    return [run for run in runs if run[1]]
