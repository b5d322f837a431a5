"""`@preamble` macros: `\\newcommand`, `\\providecommand`, `\\renewcommand` and `\\def` of simple
macros, expanded in field values as LaTeX would before the decoder sees them.

Only macros whose body is plain replacement text (with `#1`..`#9`) are expanded; anything
cleverer (conditionals, `\\let`, catcode tricks) is left for the decoder to keep readable.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from citeconv import lazy_regex
from citeconv.errors import EntryTooComplex
from citeconv.readers.bibvalues import MAX_EXPANSION
from citeconv.readers.entry_syntax import matching_brace

_NEWCOMMAND = lazy_regex.compile(
    r"\\(?:re)?(?:newcommand|providecommand|DeclareRobustCommand)\*?\s*"
    r"(?:\{\s*\\([A-Za-z]+)\s*\}|\\([A-Za-z]+))\s*(?:\[(\d)\])?\s*\{"
)
_DEF = lazy_regex.compile(r"\\(?:g|e|x)?def\s*\\([A-Za-z]+)((?:#\d)*)\s*\{")
# TeX programming, not text: such a macro is left for the decoder to keep readable.
_NOT_SIMPLE = lazy_regex.compile(
    r"\\(?:if|else|fi|setbox|dimen|advance|let|def|catcode|expandafter|accent)"
)
_EXPANSION_ROUNDS = 4  # a macro may use another; a self-referencing one must still stop


@dataclass(frozen=True)
class Macro:
    arguments: int
    body: str


def parse_definitions(preamble: str) -> dict[str, Macro]:
    macros: dict[str, Macro] = {}
    for match in _NEWCOMMAND.finditer(preamble):
        body = _group_at(preamble, match.end() - 1)
        if body is not None and not _NOT_SIMPLE.search(body):
            macros[match.group(1) or match.group(2)] = Macro(int(match.group(3) or 0), body)
    for match in _DEF.finditer(preamble):
        body = _group_at(preamble, match.end() - 1)
        if body is not None and not _NOT_SIMPLE.search(body):
            macros[match.group(1)] = Macro(match.group(2).count("#"), body)
    return macros


def expand(value: str, macros: Mapping[str, Macro]) -> str:
    """`value` with every use of a preamble macro replaced by its body. EntryTooComplex when
    that adds more than MAX_EXPANSION characters, as for `@string` macros: a macro used
    10,000 times, or macros that use each other, would otherwise grow without bound (issue 15)."""
    if "\\" not in value or not macros:
        return value
    limit = len(value) + MAX_EXPANSION
    for _ in range(_EXPANSION_ROUNDS):
        expanded = _expand_once(value, macros, limit)
        if expanded == value:
            break
        value = expanded
    return value


def _expand_once(value: str, macros: Mapping[str, Macro], limit: int) -> str:
    out: list[str] = []
    index = 0
    length = 0  # of `out` and of what is left of `value`
    left = len(value)
    for match in re.finditer(r"\\([A-Za-z]+)\s*", value):
        macro = macros.get(match.group(1))
        if macro is None or match.start() < index:
            continue
        arguments, end = _arguments(value, match.end(), macro.arguments)
        if arguments is None:
            continue
        body = macro.body
        for number, argument in enumerate(arguments, start=1):
            body = body.replace(f"#{number}", argument)
        out.append(value[index : match.start()])
        out.append(body)
        length += len(out[-2]) + len(body)
        left = len(value) - end
        if length + left > limit:
            message = f"macro '\\{match.group(1)}' makes the value longer than {MAX_EXPANSION:,}"
            raise EntryTooComplex(message + " characters")
        index = end
    out.append(value[index:])
    return "".join(out)


def _arguments(value: str, start: int, count: int) -> tuple[list[str] | None, int]:
    arguments: list[str] = []
    index = start
    for _ in range(count):
        while index < len(value) and value[index].isspace():
            index += 1
        if index >= len(value):
            return None, start
        if value[index] != "{":
            arguments.append(value[index])
            index += 1
            continue
        body = _group_at(value, index)
        if body is None:
            return None, start
        arguments.append(body)
        index += len(body) + 2
    return arguments, index


def _group_at(text: str, start: int) -> str | None:
    """The content of the brace group opening at `start`, or None if it never closes."""
    end = matching_brace(text, start)
    return None if end < 0 else text[start + 1 : end]
