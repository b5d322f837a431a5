"""The decoding walk over pylatexenc's nodes: formatting commands -> <i>/<b>/<sup>/<sub>, case
protection -> nocase spans, simple math, `\\url`/`\\href`, and unknown commands kept readable
(their names collected for the caller). Part of the pylatexenc adapter with `latex.py`."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from functools import lru_cache

from pylatexenc import latex2text
from pylatexenc.latex2text import LatexNodes2Text
from pylatexenc.latexwalker import (
    LatexCharsNode,
    LatexEnvironmentNode,
    LatexGroupNode,
    LatexMacroNode,
    LatexMathNode,
    LatexNode,
)
from pylatexenc.macrospec import LatexContextDb

from citeconv.normalize.latex_tables import (
    AAS_JOURNALS,
    ACCENT_ALIASES,
    ARGUMENT_COUNTS,
    FIRST_ARGUMENT_DROPPED,
    FORMAT_COMMANDS,
    FORMAT_SWITCHES,
    QUOTE_COMMANDS,
    SILENT_COMMANDS,
    SYMBOLS,
    TRANSPARENT_COMMANDS,
)
from citeconv.normalize.latex_text import COMBINING_ACCENTS, accented, simple
from citeconv.normalize.sequence_tail import SequenceTail

NOCASE = 'span class="nocase"'


@lru_cache(maxsize=1)
def _decoder_context() -> LatexContextDb:
    return latex2text.get_default_latex_context_db()


@lru_cache(maxsize=1)
def _decoder() -> LatexNodes2Text:
    # pylatexenc logs a command it cannot substitute ("WARNING: Error in configuration...")
    # to stderr; citeconv reports unknown commands itself, as diagnostics.
    logging.getLogger("pylatexenc").addHandler(logging.NullHandler())
    logging.getLogger("pylatexenc").propagate = False
    return LatexNodes2Text(math_mode="text", strict_latex_spaces=False)


@lru_cache(maxsize=1024)
def known_to_decoder(name: str) -> bool:
    return _decoder_context().get_macro_spec(name) is not None


class Walk:
    """One decoding pass over a node list; collects the names of unknown commands."""

    def __init__(self, rich: bool) -> None:
        self.rich = rich
        self.unknown: list[str] = []

    def tag(self, name: str, text: str) -> str:
        if not self.rich or not text.strip():
            return text
        return f"<{name}>{text}</{name.split()[0]}>"

    def nodes(
        self, nodes: tuple[LatexNode, ...] | list[LatexNode], top: bool, math: bool = False
    ) -> str:
        pieces: list[str] = []
        index = 0
        pending = ""  # `^`/`_` in math waiting for its group
        while index < len(nodes):
            node = nodes[index]
            index += 1
            if isinstance(node, LatexMacroNode) and node.macroname in FORMAT_SWITCHES:
                rest = self.nodes(nodes[index:], top, math)
                pieces.append(self.tag(FORMAT_SWITCHES[node.macroname], rest))
                break
            if isinstance(node, LatexMacroNode):
                text, used = self.macro(node, SequenceTail(nodes, index), math)
                index += used
            elif pending:
                text = self.tag(pending, self.node(node, top=False, math=math))
                pending = ""
            else:
                text = self.node(node, top, math)
            if math and isinstance(node, LatexCharsNode) and text[-1:] in ("^", "_"):
                pending = "sup" if text.endswith("^") else "sub"
                text = text[:-1]
            pieces.append(text)
        return "".join(pieces)

    def node(self, node: LatexNode, top: bool, math: bool) -> str:
        if isinstance(node, LatexCharsNode):
            return self.math_chars(node.chars) if math else simple(node.chars)
        if isinstance(node, LatexGroupNode):
            return self.group(node, top, math)
        if isinstance(node, LatexMathNode):
            return self.nodes(node.nodelist, top=False, math=True)
        if isinstance(node, LatexEnvironmentNode):
            inner = self.nodes(node.nodelist, top=False, math=math)
            tag = FORMAT_SWITCHES.get(node.environmentname)
            return self.tag(tag, inner) if tag else inner
        decoded = _decoded(node)  # specials: ~ -- --- `` ''; a command as an argument
        if decoded is not None:
            return decoded
        return node.macroname if isinstance(node, LatexMacroNode) else ""

    def group(self, node: LatexGroupNode, top: bool, math: bool) -> str:
        children = node.nodelist
        starts_with_command = bool(children) and isinstance(children[0], LatexMacroNode)
        inner = self.nodes(children, top=False, math=math)
        if top and not math and not starts_with_command:
            return self.tag(NOCASE, inner)
        return inner

    def math_chars(self, chars: str) -> str:
        """`H_2O`, `x^2`: one character after `^`/`_` is its argument; a trailing one waits."""
        out: list[str] = []
        index = 0
        while index < len(chars):
            char = chars[index]
            if char in "^_" and index + 1 < len(chars):
                out.append(self.tag("sup" if char == "^" else "sub", chars[index + 1]))
                index += 2
                continue
            out.append(char)
            index += 1
        return "".join(out)

    def macro(
        self, node: LatexMacroNode, following: Sequence[LatexNode], math: bool
    ) -> tuple[str, int]:
        """Text for one command and how many following nodes it took as arguments."""
        name = node.macroname
        arguments, used = _arguments(node, following, ARGUMENT_COUNTS.get(name, 0))
        if name in ("sp", "sb") and math:
            arguments, used = _arguments(node, following, 1)
            return self.tag("sup" if name == "sp" else "sub", self.args(arguments, math)), used
        if name in FORMAT_COMMANDS:
            return self.tag(FORMAT_COMMANDS[name], self.args(arguments, math)), used
        if name in FIRST_ARGUMENT_DROPPED:
            return self.args(arguments[1:], math), used
        if name in TRANSPARENT_COMMANDS:
            return self.args(arguments, math), used
        if name in SILENT_COMMANDS:
            return "", used
        if name in QUOTE_COMMANDS:
            return "\u201c" + self.args(arguments, math) + "\u201d", used
        if name in ("url", "href") and arguments:
            return _verbatim(arguments[-1] if name == "href" else arguments[0]), used
        accent = COMBINING_ACCENTS.get(ACCENT_ALIASES.get(name, name))
        if accent and arguments:
            return self.accent(arguments[0], accent, math), used
        if name == "ElsevierGlyph" and arguments:
            return _glyph(_verbatim(arguments[0])), used
        if name in SYMBOLS and not arguments:
            symbol = SYMBOLS[name]  # `\\TeX and` stays readable; `a\\hyphen b` joins as TeX does
            space = " " if node.macro_post_space and symbol[-1:].isalnum() else ""
            return symbol + space, used
        if known_to_decoder(name):
            decoded = _decoded(node)
            if decoded is not None:
                return decoded, 0
        return self.unknown_macro(node, following)

    def accent(self, argument: LatexNode, combining: str, math: bool) -> str:
        """An accent decorates the plain text of its argument (markup inside is dropped)."""
        plain = Walk(rich=False)
        text = plain.argument(argument, math).strip()
        self.unknown += plain.unknown
        return accented(text, combining)

    def args(self, arguments: list[LatexNode], math: bool) -> str:
        return "".join(self.argument(argument, math) for argument in arguments)

    def argument(self, argument: LatexNode, math: bool) -> str:
        """A command's argument is a fresh top level: `\\textit{the {DNA}}` protects DNA."""
        if isinstance(argument, LatexGroupNode):
            return self.nodes(argument.nodelist, top=True, math=math)
        return self.node(argument, top=False, math=math)

    def unknown_macro(
        self, node: LatexMacroNode, following: Sequence[LatexNode]
    ) -> tuple[str, int]:
        name = node.macroname
        if name in AAS_JOURNALS:
            return AAS_JOURNALS[name], 0
        self.unknown.append(name)
        groups = 0
        while groups < len(following) and isinstance(following[groups], LatexGroupNode):
            groups += 1
        if groups:
            return self.args(list(following[:groups]), math=False), groups
        space = " " if node.macro_post_space else ""
        return (name if name.isalpha() else "") + space, 0


def _arguments(
    node: LatexMacroNode, following: Sequence[LatexNode], count: int
) -> tuple[list[LatexNode], int]:
    """The parser attaches arguments only for commands it knows; others take the next groups."""
    parsed = [a for a in (node.nodeargd.argnlist if node.nodeargd else []) if a is not None]
    if parsed or count == 0:
        return parsed, 0
    taken: list[LatexNode] = []
    for candidate in following[:count]:
        if not isinstance(candidate, LatexGroupNode):
            break
        taken.append(candidate)
    return taken, len(taken)


def _decoded(node: LatexNode) -> str | None:
    """pylatexenc's text for `node`; None where it fails or leaves its template unfilled, as
    for a command given fewer arguments than it takes (`\\href` alone, `\\frac` -> `%s/%s`,
    `\\text\\date`): the caller reads it as an unknown command instead (issue 15)."""
    try:
        text = str(_decoder().nodelist_to_text([node]))
    except (IndexError, KeyError, TypeError, ValueError, AttributeError):
        return None
    return None if "%s" in text or "%(" in text else text


def _verbatim(node: LatexNode) -> str:
    if isinstance(node, LatexGroupNode):
        return "".join(_verbatim_piece(child) for child in node.nodelist)
    return _verbatim_piece(node)


def _verbatim_piece(node: LatexNode) -> str:
    text = str(node.latex_verbatim())
    return text.replace("\\%", "%").replace("\\_", "_").replace("\\&", "&").replace("\\#", "#")


def _glyph(code: str) -> str:
    """`\\ElsevierGlyph{2014}` (ScienceDirect exports): a Unicode code point in hex. Anything
    else (a number past U+10FFFF, a lone surrogate, which no UTF-8 output can hold) is kept
    as written (issue 15: an OverflowError, or a crash when the output was written)."""
    try:
        point = int(code.strip(), 16)
    except ValueError:
        return code
    if not 0 < point <= 0x10FFFF or 0xD800 <= point <= 0xDFFF:
        return code
    return chr(point)
