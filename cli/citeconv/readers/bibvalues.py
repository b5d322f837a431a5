"""BibTeX field values: `"a" # macro # {b}` expressions evaluated against @string macros."""

from __future__ import annotations

from collections.abc import Mapping
from typing import NamedTuple

from citeconv import lazy_regex
from citeconv.errors import EntryTooComplex
from citeconv.readers.entry_syntax import BRACED_PATTERN, matching_brace

# BibTeX's standard styles predefine the month macros (plain.bst: MACRO {jan} {"January"}).
MONTH_MACROS: Mapping[str, str] = {
    "jan": "January",
    "feb": "February",
    "mar": "March",
    "apr": "April",
    "may": "May",
    "jun": "June",
    "jul": "July",
    "aug": "August",
    "sep": "September",
    "oct": "October",
    "nov": "November",
    "dec": "December",
}

# Text a value may take from @string macros. Macros that double each other (`b = a # a`,
# `c = b # b`, ...) would otherwise grow 2^n from a few hundred bytes (issue 15).
MAX_EXPANSION = 100_000
MAX_EXPANSION_PER_FILE = 20_000_000
_BARE = lazy_regex.compile(r"[^\s#{}\"]+")
# One delimited piece and nothing else, the form of almost every value: no walk needed
# (issue 6: speed). Deeper nesting than the pattern allows takes the walk, to the same result.
_SINGLE_PIECE = lazy_regex.compile(
    rf'(?:{BRACED_PATTERN}|"[^"{{}}]*(?:{BRACED_PATTERN}[^"{{}}]*)*")'
)


class Evaluated(NamedTuple):
    """One per field read: a named tuple is made several times faster than a frozen
    dataclass (issue 16)."""

    text: str  # the value with its outer delimiters removed, inner braces kept
    undefined: tuple[str, ...]  # macro names that had no @string definition


class ExpansionBudget:
    """Text all of one file's values may take from macros: each value below MAX_EXPANSION,
    but 50,000 of them in a 1 MB file would still need gigabytes (issue 15)."""

    def __init__(self, limit: int = MAX_EXPANSION_PER_FILE) -> None:
        self.left = limit

    def spend(self, characters: int) -> None:
        self.left -= characters
        if self.left < 0:
            limit = f"{MAX_EXPANSION_PER_FILE:,} characters"
            raise EntryTooComplex(f"macros expand to more than {limit} in this file")


def evaluate(
    raw: str, macros: Mapping[str, str], budget: ExpansionBudget | None = None
) -> Evaluated:
    """Concatenate the `#`-joined pieces; an undefined macro is kept as its own name (as text)."""
    raw = raw.strip()
    if _SINGLE_PIECE.fullmatch(raw):
        return Evaluated(raw[1:-1], ())
    evaluated = evaluate_pieces(raw, macros)
    if budget is not None:
        budget.spend(max(len(evaluated.text) - len(raw), 0))
    return evaluated


def evaluate_pieces(raw: str, macros: Mapping[str, str]) -> Evaluated:
    """`evaluate` of a stripped value without the fast path: piece by piece. Raises
    EntryTooComplex when macros would add more than MAX_EXPANSION characters."""
    pieces: list[str] = []
    undefined: list[str] = []
    expanded = 0  # characters taken from macros so far
    index = 0
    while index < len(raw):
        char = raw[index]
        if char in " \t\r\n#":
            index += 1
        elif char == "{":
            end = matching_brace(raw, index)
            end = len(raw) if end < 0 else end
            pieces.append(raw[index + 1 : end])
            index = end + 1
        elif char == '"':
            end = _closing_quote(raw, index)
            pieces.append(raw[index + 1 : end])
            index = end + 1
        else:
            match = _BARE.match(raw, index)
            token = match.group(0) if match else raw[index]
            index += len(token)
            pieces.append(_expand(token, macros, undefined))
            expanded += len(pieces[-1]) if token.lower() in macros else 0
            if expanded > MAX_EXPANSION:
                message = (
                    f"macro '{token}' makes the value longer than {MAX_EXPANSION:,} characters"
                )
                raise EntryTooComplex(message)
    return Evaluated("".join(pieces), tuple(undefined))


def _expand(token: str, macros: Mapping[str, str], undefined: list[str]) -> str:
    if token.isdigit():
        return token
    name = token.lower()
    if name in macros:
        return macros[name]
    if name in MONTH_MACROS:
        return MONTH_MACROS[name]
    undefined.append(token)
    return token


def _closing_quote(raw: str, start: int) -> int:
    depth = 0
    for index in range(start + 1, len(raw)):
        char = raw[index]
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
        elif char == '"' and depth == 0:
            return index
    return len(raw)
