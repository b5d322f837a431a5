"""LaTeX values decoded without the parser: braces, dashes, quotes, accents and TeX logos.

Most field values hold no command at all, or only accents (`M{\\"u}ller`, `\\c{c}`) and logos
(`{\\TeX}`); parsing them with pylatexenc costs a quarter of a conversion to CSL-JSON (issue 6:
speed). Here they are written out directly, with exactly the text the parser path in
`latex.py` gives; tests/property/test_reader_fast_paths.py compares the two on generated input.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

from citeconv import lazy_regex
from citeconv.errors import EntryTooComplex
from citeconv.normalize.latex_tables import (
    ARGUMENT_COUNTS,
    FIRST_ARGUMENT_DROPPED,
    FORMAT_COMMANDS,
    FORMAT_SWITCHES,
    QUOTE_COMMANDS,
    SILENT_COMMANDS,
    SYMBOLS,
    TRANSPARENT_COMMANDS,
)

# Deeper LaTeX than any real field (the corpus's deepest is 6) would exhaust the parser's stack.
MAX_NESTING = 100
# The LaTeX parser builds a node, at some 15 µs, for each command, group, math shift or script:
# a megabyte of `$a$a$...` took 14 s and a gigabyte. Real values (an abstract full of formulas)
# have a few hundred; past this many in one value, the entry is skipped with an error.
MAX_SPECIALS = 20_000
_SPECIALS = "\\{}$_^&#"
_NESTING = lazy_regex.compile(r"[{}]|\\begin\b|\\end\b")
_SPACES = lazy_regex.compile(r"[ \t\r\n]+")
_SIMPLE = (("---", "\u2014"), ("--", "\u2013"), ("``", "\u201c"), ("''", "\u201d"), ("~", "\u00a0"))
_NOCASE = 'span class="nocase"'
_BRACE = lazy_regex.compile(r"[{}]")
# Logos the parser path prints from SYMBOLS, whose text cannot join a neighbouring `-` or `'`.
# (`latex.py` checks the other tables first, and would print these names otherwise.)
_CHECKED_BEFORE = {*ARGUMENT_COUNTS, *FIRST_ARGUMENT_DROPPED, *FORMAT_COMMANDS, *FORMAT_SWITCHES}
_CHECKED_BEFORE |= {*QUOTE_COMMANDS, *SILENT_COMMANDS, *TRANSPARENT_COMMANDS}
_LOGOS = frozenset(
    name
    for name, text in SYMBOLS.items()
    if name.isalpha() and text.isalnum() and name not in _CHECKED_BEFORE
)
_LOGO = "(?:" + "|".join(sorted(_LOGOS)) + r")(?![^\W\d_])"  # a name ends where letters do
_ACCENT = r"\\[`'^\"~=.](?:[A-Za-z]|\{[A-Za-z]\})|\\[cvuHkrdb]\{[A-Za-z]\}"
_LETTER = r"\\(?:ss|o|O|ae|AE|oe|OE|l|L|i|j|aa|AA)"
# Leftmost first: a group holding one logo, accent or letter; a bare accent; a bare logo; and
# any other `\`, which sends the value to the parser.
_COMMAND = lazy_regex.compile(
    rf"\{{\\(?P<grouped_logo>{_LOGO})(?:\{{\}})?\}}|\{{(?P<grouped>{_ACCENT}|{_LETTER})\}}"
    rf"|(?P<accent>{_ACCENT})|\\(?P<logo>{_LOGO})|(?P<other>\\)"
)
_UNESCAPED_PERCENT = lazy_regex.compile(r"(?<!\\)%")  # `%` in a .bib value is text, not a comment
# A bare `&` is an alignment tab to LaTeX, which the decoder drops; in a bibliography it is text.
_UNESCAPED_AMPERSAND = lazy_regex.compile(r"(?<!\\)&")
# Consecutive `\\` line breaks print as one space, like one; the parser takes ~0.1 ms for each
# (issue 15: 200,000 backslashes in a title never ended).
_LINE_BREAK_RUN = lazy_regex.compile(r"(?<!\\)(?:\\\\){2,}")
_DEGREE = lazy_regex.compile(r"\^\{?\\circ\}?")  # `$^{\circ}$C` is how LaTeX users write °C
_COMMAND_NAME = lazy_regex.compile(r"\\([^\W\d_]+|.)", re.DOTALL)
_PARSER_ONLY = lazy_regex.compile(r"[$%&]|[!?]`")  # math, comments, alignment, `!``/`?`` ligatures


# Accent commands -> the combining character they put on each letter of their argument.
COMBINING_ACCENTS: dict[str, str] = {
    "'": "\u0301",
    "`": "\u0300",
    '"': "\u0308",
    "c": "\u0327",
    "^": "\u0302",
    "~": "\u0303",
    "H": "\u030b",
    "k": "\u0328",
    "=": "\u0304",
    "b": "\u0331",
    ".": "\u0307",
    "d": "\u0323",
    "r": "\u030a",
    "u": "\u0306",
    "v": "\u030c",
    "vec": "\u20d7",
    "dot": "\u0307",
    "hat": "\u0302",
    "check": "\u030c",
    "breve": "\u0306",
    "acute": "\u0301",
    "grave": "\u0300",
    "tilde": "\u0303",
    "bar": "\u0305",
    "ddot": "\u0308",
    "not": "\u0338",
}
_DOTLESS = {"\u0131": "i", "\u0237": "j"}
# What an accent on an empty group prints: the accent as a character of its own.
_SPACING_ACCENTS = {
    "\u0303": "~",
    "\u0302": "^",
    "\u0301": "\u00b4",
    "\u0300": "`",
    "\u0308": "\u00a8",
    "\u0304": "\u00af",
    "\u0307": "\u02d9",
    "\u0306": "\u02d8",
    "\u030c": "\u02c7",
    "\u030b": "\u02dd",
    "\u030a": "\u02da",
    "\u0327": "\u00b8",
    "\u0328": "\u02db",
}


def accented(text: str, combining: str) -> str:
    """`combining` added once to each letter of `text`, after the accents it already has.

    A nested accent (`\\'{\\'{x}}`) thus gives two accents, and the work is linear in the
    depth; accenting the accents themselves, as the decoder does, doubles them per level. On
    nothing (`\\~{}`, how BibTeX files write a literal `~` or `^`) it is the accent itself."""
    if not text:
        return _SPACING_ACCENTS.get(combining, "")
    pieces: list[str] = []
    for char in text:
        if pieces and unicodedata.combining(char):
            pieces[-1] += char
        else:
            pieces.append(_DOTLESS.get(char, char))
    return unicodedata.normalize("NFC", "".join(piece + combining for piece in pieces))


def check_nesting(latex: str) -> None:
    """Raise EntryTooComplex when groups or environments nest deeper than MAX_NESTING, or
    when the value holds more than MAX_SPECIALS characters the parser makes nodes of."""
    if len(latex) > MAX_SPECIALS and sum(map(latex.count, _SPECIALS)) > MAX_SPECIALS:
        message = (
            f"LaTeX with more than {MAX_SPECIALS:,} commands, groups and math signs in one "
            "value; cannot decode"
        )
        raise EntryTooComplex(message)
    depth = 0
    for token in _NESTING.finditer(latex):
        depth += 1 if token.group(0) in ("{", "\\begin") else -1
        if depth > MAX_NESTING:
            message = f"LaTeX nested more than {MAX_NESTING} levels deep; cannot decode"
            raise EntryTooComplex(message)


def simple(text: str) -> str:
    for source, target in _SIMPLE:
        text = text.replace(source, target)
    return text


def tidy(text: str) -> str:
    if "  " not in text and "\t" not in text and "\n" not in text and "\r" not in text:
        return text.strip()  # no run to collapse: most values (issue 16: speed)
    return _SPACES.sub(" ", text).strip()


def braces_only(latex: str, rich: bool) -> str:
    """A value without commands: top-level `{groups}` are case protection."""
    if "{" not in latex and "}" not in latex:
        return simple(latex)
    pieces: list[str] = []
    depth = 0
    run: list[str] = []
    for char in latex:
        if char in "{}":
            if (char == "{" and depth == 0) or (char == "}" and depth == 1):
                text = simple("".join(run))
                protected = char == "}" and rich and text.strip()
                pieces.append(f"<{_NOCASE}>{text}</span>" if protected else text)
                run = []
            depth = depth + 1 if char == "{" else max(depth - 1, 0)
            continue
        run.append(char)
    pieces.append(simple("".join(run)))
    return "".join(pieces)


def parser_source(latex: str) -> str:
    """The value as the parser is given it: `%` and `&` are text, `^\\circ` a degree sign."""
    latex = _LINE_BREAK_RUN.sub(r"\\\\", latex) if "\\\\\\\\" in latex else latex
    # Each substitution only where its pattern can match: most values hold none of these
    # characters, and a substitution costs as much as a scan (issue 16: speed).
    if "%" in latex:
        latex = _UNESCAPED_PERCENT.sub(r"\\%", latex)
    if "&" in latex:
        latex = _UNESCAPED_AMPERSAND.sub(r"\\&", latex)
    return _DEGREE.sub(r"\\textdegree{}", latex) if "\\circ" in latex else latex


def all_commands_known(latex: str, always_known: Callable[[str], bool]) -> bool:
    """True when `always_known` holds for every command name the parser would see in `latex`.
    Names are read as the parser reads them, or longer (its letters are `isalpha`), so a name
    read wrongly here is not known and the parser decides."""
    return all(always_known(name) for name in _COMMAND_NAME.findall(parser_source(latex)))


def written_out(latex: str, letter_of: Callable[[str], str]) -> str | None:
    """`latex` with its accents and logos as text when they are its only commands, else None.

    `letter_of` is the parser's reading of one accent alone. Each command is replaced only
    where it reads the same in context: a group holding just an accent or logo (`{\\"o}`,
    `{\\TeX}`) prints as its text, never as case protection, so it becomes that text; a bare
    logo takes the spaces after it, as the parser does, and prints one; a command first in a
    group (`{\\"Uber}`) would stop that group protecting case, so that value is refused."""
    if "\\" not in latex or _PARSER_ONLY.search(latex) or not _balanced(latex):
        return None
    pieces: list[str] = []
    position = 0
    for command in _COMMAND.finditer(latex):
        bare = command.group("accent") or command.group("logo")
        if command.group("other") or (bare and latex[command.start() - 1 : command.start()] == "{"):
            return None
        text, end = _command_text(latex, command, letter_of)
        if text is None:
            return None
        pieces += (latex[position : command.start()], text)
        position = end
    return "".join(pieces) + latex[position:]


def _command_text(
    latex: str, command: re.Match[str], letter_of: Callable[[str], str]
) -> tuple[str | None, int]:
    """The text of one matched command, and where the text after it starts."""
    if command.group("grouped_logo"):
        return SYMBOLS[command.group("grouped_logo")], command.end()
    if command.group("logo"):
        end = _after_spaces(latex, command.end())
        return SYMBOLS[command.group("logo")] + (" " if end > command.end() else ""), end
    letter = letter_of(command.group("grouped") or command.group("accent"))
    ok = len(letter) == 1 and letter.isalpha() and not letter.isascii()
    return (letter if ok else None), command.end()


def _after_spaces(latex: str, index: int) -> int:
    """Where the parser's spaces after a command name end: at a blank line, it keeps that."""
    start = index
    while index < len(latex) and latex[index].isspace():
        index += 1
        if latex[start:index].endswith("\n\n"):
            return index - 2
    return index


def _balanced(latex: str) -> bool:
    depth = 0
    for brace in _BRACE.finditer(latex):
        depth += 1 if brace.group(0) == "{" else -1
        if depth < 0:
            return False
    return depth == 0
