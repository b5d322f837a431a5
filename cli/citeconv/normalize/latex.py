"""The only pylatexenc adapter: LaTeX field values -> Unicode text, or CSL rich text.

pylatexenc parses the value and decodes accents, special letters and symbols; this module adds
what a bibliography needs on top: formatting commands -> <i>/<b>/<sup>/<sub>, BibTeX case
protection (a top-level `{group}` that does not start with a command) -> nocase spans, simple
math, `\\url`/`\\href`, and unknown commands kept readable (their name is returned so the caller
can report it); `latex_walk.py` walks the parsed nodes. Values with no command, or only accents
and TeX logos, never reach the parser: `latex_text.py` writes them out with the same result
(issue 6: speed).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from pylatexenc import latexwalker
from pylatexenc.latexwalker import LatexNode, LatexWalker
from pylatexenc.macrospec import LatexContextDb

from citeconv import lazy_regex
from citeconv.errors import EntryTooComplex
from citeconv.normalize.latex_tables import (
    AAS_JOURNALS,
    FIRST_ARGUMENT_DROPPED,
    FORMAT_COMMANDS,
    FORMAT_SWITCHES,
    QUOTE_COMMANDS,
    SILENT_COMMANDS,
    TRANSPARENT_COMMANDS,
)
from citeconv.normalize.latex_text import (
    all_commands_known,
    braces_only,
    check_nesting,
    parser_source,
    tidy,
    written_out,
)
from citeconv.normalize.latex_walk import NOCASE as _NOCASE
from citeconv.normalize.latex_walk import Walk, known_to_decoder

_NEEDS_PARSER = lazy_regex.compile(r"[\\$]")
_TAG = lazy_regex.compile(r"<[^<>]*>")
_BABEL_UMLAUT = lazy_regex.compile(r'\{"([aouAOUeiEI])\}')
_SPAN_TEXT = lazy_regex.compile(r'<span class="nocase">([^<]*)</span>')
_SPAN_RUN = lazy_regex.compile(r'(?:<span class="nocase">[^<]*</span>){2,}')
# A span with letters glued to it: `Ar` before, `iv`/`'s`/`iv:2012.09699` after (an apostrophe,
# colon, dot or slash only inside a word, so a closing quote is left outside).
_IN_WORD = lazy_regex.compile(
    r"(\w*)<span class=\"nocase\">([^<]*)</span>((?:\w|['\u2019:./](?=\w))*)"
)
_HANDLED_WHATEVER_THE_ARGUMENTS = frozenset(
    {*FORMAT_COMMANDS, *FORMAT_SWITCHES, *FIRST_ARGUMENT_DROPPED, *TRANSPARENT_COMMANDS}
    | {*SILENT_COMMANDS, *QUOTE_COMMANDS, *AAS_JOURNALS}
)


@dataclass(frozen=True)
class Decoded:
    text: str
    unknown_commands: tuple[str, ...] = ()


@lru_cache(maxsize=65536)
def to_text(latex: str) -> str:
    """Plain Unicode: accents and specials decoded, markup and braces dropped."""
    latex = _babel_umlauts(latex)
    if not _NEEDS_PARSER.search(latex):
        return tidy(braces_only(latex, rich=False))
    return decode(latex, rich=False).text


@lru_cache(maxsize=65536)
def to_rich(latex: str) -> str:
    """CSL rich text: markup as <i>/<b>/<sup>/<sub>, case protection as nocase spans."""
    latex = _babel_umlauts(latex)
    if not _NEEDS_PARSER.search(latex):
        return protect_whole_words(tidy(braces_only(latex, rich=True)))
    return protect_whole_words(decode(latex, rich=True).text)


def _babel_umlauts(latex: str) -> str:
    """`{"o}`: german babel's shorthand for `{\\"o}`, as written in names (`{N{"o}the}`)."""
    return _BABEL_UMLAUT.sub(r'{\\"\1}', latex) if '{"' in latex else latex


def protect_whole_words(rich: str) -> str:
    """Braces inside a word protect the whole word: `{I}nternational`, `Ar{X}iv`, `{T}{H}{E}`
    and `{Parkinson}'s` become one nocase span each, so that no style splits the word at a
    span's edge or reads its apostrophe as an opening quote."""
    if _NOCASE not in rich:
        return rich
    joined = _SPAN_RUN.sub(_join_run, rich)
    joined = _IN_WORD.sub(_widen, joined)
    return _SPAN_RUN.sub(_join_run, joined)


def _join_run(run: re.Match[str]) -> str:
    inner = _SPAN_TEXT.sub(r"\1", run.group(0))
    return f"<{_NOCASE}>{inner}</span>"


def _widen(match: re.Match[str]) -> str:
    before, inner, after = match.groups()
    if (before and not inner[:1].isalnum()) or (after and not inner[-1:].isalnum()):
        return match.group(0)
    if not before and not after:
        return match.group(0)
    return f"<{_NOCASE}>{before}{inner}{after}</span>"


@lru_cache(maxsize=65536)  # a field's value recurs (journal, publisher, series): one check
def unknown_commands(latex: str) -> tuple[str, ...]:
    """The commands in `latex` that the decoder could only keep as their argument or name."""
    if "\\" not in latex or all_commands_known(latex, _always_known):
        return ()  # no parse for a field that is only checked, not decoded (issue 6: speed)
    return decode(latex, rich=True).unknown_commands


@lru_cache(maxsize=4096)
def _always_known(name: str) -> bool:
    """Whether `Walk.macro` handles `name` without `unknown_macro`, whatever follows it."""
    return name in _HANDLED_WHATEVER_THE_ARGUMENTS or known_to_decoder(name)


@lru_cache(maxsize=65536)
def decode(latex: str, rich: bool) -> Decoded:
    written = written_out(latex, _accent_letter)
    if written is not None:  # no parse for `M{\\"u}ller` or `{\\TeX}` (issue 6: speed)
        return Decoded(tidy(braces_only(written, rich)))
    check_nesting(latex)
    return decode_nodes(_parse(latex), rich)


@lru_cache(maxsize=1024)
def _accent_letter(accent: str) -> str:
    return decode_nodes(_parse(accent), rich=False).text


def decode_nodes(nodes: tuple[LatexNode, ...], rich: bool) -> Decoded:
    walk = Walk(rich)
    text = walk.nodes(nodes, top=True)
    return Decoded(tidy(text), tuple(dict.fromkeys(walk.unknown)))


@lru_cache(maxsize=65536)
def _parse(latex: str) -> tuple[LatexNode, ...]:
    return parse_nodes(latex, _parser_context())


def parse_nodes(latex: str, context: LatexContextDb) -> tuple[LatexNode, ...]:
    walker = _Walker(parser_source(latex), latex_context=context, tolerant_parsing=True)
    try:
        return tuple(walker.get_latex_nodes()[0])
    except (IndexError, KeyError, TypeError, ValueError, AttributeError) as error:
        # pylatexenc's tolerant parser still fails on some cut commands (`\verb` at the end of
        # a value): this entry is lost, with its reason, never the file (issue 15)
        raise EntryTooComplex("LaTeX the parser cannot read; cannot decode") from error
    finally:
        walker.forget_ends()


class _Walker(LatexWalker):  # type: ignore[misc]
    """pylatexenc ends every parse by raising an end-of-stream exception that it keeps in a
    local variable: exception -> traceback -> its own frame, a reference cycle that also holds
    every caller's frame (the whole entry list while reading). The cycle collector is paused
    during a conversion (pipeline.collector_paused), so each parse kept up to tens of MB alive
    (issue 12: peak memory). The traceback is dropped once the parse is over."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self._ends: list[BaseException] = []

    def get_token(self, *args: object, **kwargs: Any) -> Any:
        try:
            token = super().get_token(*args, **kwargs)
        except latexwalker.LatexWalkerEndOfStream as end:
            self._ends.append(end)
            raise
        if token.tok != "char" or token.len != 1 or not _reads_nodes(args, kwargs):
            return token
        return self._with_plain_run(token, kwargs)

    def _with_plain_run(self, token: Any, kwargs: dict[str, Any]) -> Any:
        """The one-character token and the plain characters after it, as one token.

        The parser makes a token of each character (two thirds of its time), and the node
        reader only joins the text of consecutive character tokens into one text node. A run
        of characters that its `get_token` would each read as a lone character with no space
        before it (no space, `\\`, `%`, `$`, brace or start of a special) gives that same
        node as one token. Only the node reader's calls get it: it alone passes the parsing
        state and leaves environments on; argument readers take one character at a time."""
        context = kwargs["parsing_state"].latex_context
        if not isinstance(context, _QuickSpecialsContext):
            return token
        braces = kwargs.get("include_brace_chars") or ()
        stops = context.special_starts.union(*braces)
        run_end = _plain_run(stops).match(self.s, token.pos + 1)
        end = run_end.end() if run_end else token.pos + 1  # (the pattern always matches)
        if end == token.pos + 1:
            return token
        run = self.s[token.pos : end]
        return latexwalker.LatexToken("char", run, token.pos, end - token.pos, token.pre_space)

    def forget_ends(self) -> None:
        for end in self._ends:
            end.__traceback__ = None
        self._ends.clear()


def _reads_nodes(args: tuple[object, ...], kwargs: dict[str, Any]) -> bool:
    """Whether a `get_token` call is the node reader's (`get_latex_nodes`): position given
    alone, then the parsing state, with environments read and no deprecated bracket flag.
    (The opening-brace and environment readers call alike, but only look at a token's kind.)"""
    return (
        len(args) == 1
        and kwargs.get("parsing_state") is not None
        and kwargs.get("environments", True) is True
        and "brackets_are_chars" not in kwargs
    )


@lru_cache(maxsize=64)
def _plain_run(stops: frozenset[str]) -> re.Pattern[str]:
    """Characters the parser reads as lone characters: no space (`\\s` is `str.isspace`, as
    the parser's test), no command, comment, math shift, brace or start of a special."""
    escaped = "".join(re.escape(char) for char in sorted(stops | {"\\", "%", "$", "{", "}"}))
    return re.compile(rf"[^\s{escaped}]*")


class _QuickSpecialsContext(LatexContextDb):  # type: ignore[misc]
    """pylatexenc's default table, asked about specials (`~`, `--`, ...) only at characters
    that can start one: the parser asks at every character, and each answer tries every
    special in every category."""

    def __init__(self, default: LatexContextDb) -> None:
        super().__init__()
        self.__dict__.update(default.__dict__)
        self.special_starts = frozenset(
            chars[0] for category in self.d.values() for chars in category["specials"]
        )

    def test_for_specials(self, s: str, pos: int, parsing_state: object = None) -> object:
        if s[pos] not in self.special_starts:
            return None
        return super().test_for_specials(s, pos, parsing_state=parsing_state)


@lru_cache(maxsize=1)
def _parser_context() -> LatexContextDb:
    """The parser's table of known commands. pylatexenc builds a fresh one for every walker
    unless given one (a third of the decoding time); parsing only reads it."""
    return _QuickSpecialsContext(latexwalker.get_default_latex_context_db())


def strip_markup(rich: str) -> str:
    return _TAG.sub("", rich)
