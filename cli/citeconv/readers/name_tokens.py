"""Name lists made safe for BibTeX's name grammar before they are split.

The grammar splits words at spaces and ties (`~`), so an accent command written without braces
(`Carrami\\~nana`, `Sa\\v sa`, `Ren\\' e`) was cut in two and its letter lost: every accent is
braced here as BibTeX's own "special character" (`{\\~n}`), which the splitter keeps whole and
the decoder reads as one composed letter. `Carrami{~n}ana` and `B{^i}rzan` (Google Scholar
exports that lost the backslash) are the same accents. A literal `et al.` written inside a list
(`Born, L. et al.`) is BibTeX's `and others`, never part of a person's name. The list is split
at ` and ` here too: bibtexparser's splitter lost the backslash of a command that starts a
name after `and` (`Roe, R and \\textbf{Ann} Jones` gave `extbfAnn`; issue 15).
"""

from __future__ import annotations

import re

from citeconv import lazy_regex

# `\~n`, `\~{n}`, `\' e`, `\'\i`: a one-character accent command and its letter.
_SYMBOL_ACCENT = lazy_regex.compile(
    r"(?<!\{)\\(?P<command>[`'^\"~=.])[ \t\n~]*(?P<letter>\{[^{}]*\}|\\[ij](?![A-Za-z])|[A-Za-z])"
    r"(?:(?<=\\[ij])[ \t\n]+)?"  # `\i a`: the space ends the command name and prints nothing
)
# `\c c`, `\v{s}`, `\H o`: a lettered accent needs a space or a group before its letter.
_LETTER_ACCENT = lazy_regex.compile(
    r"(?<!\{)\\(?P<command>[cvuHkrdb])"
    r"(?:[ \t\n]+(?P<letter>[A-Za-z])|[ \t\n]*(?P<group>\{[^{}]*\}))"
)
# `\o`, `\ss`, `\l`, ended by a space or `{}` (`\o rsted` is `ørsted`); not an accent's letter.
_SPECIAL_LETTER = lazy_regex.compile(
    r"(?<![{`'^\"~=.])\\(?P<command>ss|ae|AE|oe|OE|aa|AA|o|O|l|L|i|j)(?![A-Za-z])(?:\{\}|[ \t\n]+)?"
)
# Google Scholar's exports lose the backslash: `Carrami{~n}ana`, `Smol{{c}}i{'c}`, `B{^i}rzan`.
_LOST_BACKSLASH = lazy_regex.compile(r"\{([~'^`])([A-Za-z])\}")
# ... or read `\v{c}`, `\r{a}`, `\b{o}` as a C escape: a vertical tab, carriage return or
# backspace before the letter's group (`Smol{\x0b{c}}i{'c}` is `Smolčić`).
_CONTROL_CHARACTER_ACCENT = lazy_regex.compile(r"([\x0b\x0d\x08])(\{[A-Za-z]\})")
_ACCENT_OF_CONTROL = {"\x0b": "v", "\x0d": "r", "\x08": "b"}
# `et al.`, `et. al.`, `et~al`, `others` closing a name, after a comma or a space.
_TRAILING_ET_AL = lazy_regex.compile(
    r"(?:^|[\s,;~]+)(?:et[\s~]*\.?[\s~]*al\b\.?|others)[\s.~]*$", re.I
)


# What splitting a name list looks at: braces (escaped ones are text) and `and` between blanks.
_BRACE_OR_AND = lazy_regex.compile(
    r"\\[{}]|[{}]|(?<![ \t\r\n])[ \t\r\n]+and(?=[ \t\r\n])", re.IGNORECASE
)


def split_person_names(value: str) -> list[str]:
    """`A and B and {C and D}` -> `A`, `B`, `{C and D}`: BibTeX's split, at `and` between
    blanks outside braces, in one pass."""
    value = value.strip(" \t\r\n")
    if not value:
        return []
    names: list[str] = []
    depth = start = 0
    for token in _BRACE_OR_AND.finditer(value):
        text = token.group()
        if text == "{":
            depth += 1
        elif text == "}":
            depth = max(depth - 1, 0)
        elif text[0] != "\\" and depth == 0:
            names.append(value[start : token.start()].strip(" \t\r\n"))
            start = token.end()
    names.append(value[start:].strip(" \t\r\n"))
    return names


def braced_accents(value: str) -> str:
    """Every accent command of a name list braced whole: `Carrami\\~nana` -> `Carrami{\\~n}ana`."""
    if "\\" not in value and "{" not in value:
        return value  # most names have no command: no regex work (issue 6: speed)
    value = _LOST_BACKSLASH.sub(r"{\\\1\2}", value)
    value = _CONTROL_CHARACTER_ACCENT.sub(_control_accent, value)
    value = _SYMBOL_ACCENT.sub(r"{\\\g<command>\g<letter>}", value)
    value = _LETTER_ACCENT.sub(_lettered, value)
    return _SPECIAL_LETTER.sub(r"{\\\g<command>}", value)


def _control_accent(accent: re.Match[str]) -> str:
    return "\\" + _ACCENT_OF_CONTROL[accent.group(1)] + accent.group(2)


def _lettered(accent: re.Match[str]) -> str:
    letter = accent.group("letter")
    argument = f" {letter}" if letter else accent.group("group")
    return "{\\" + accent.group("command") + argument + "}"


def without_et_al(raw: str) -> tuple[str, bool]:
    """`Born, L. et al.` -> (`Born, L.`, True); a whole `et al.` -> (``, True)."""
    lowered = raw.lower()
    if ("et" not in lowered or "al" not in lowered) and "others" not in lowered:
        return raw, False  # the common case, without the regex
    found = _TRAILING_ET_AL.search(raw)
    if found is None:
        return raw, False
    return raw[: found.start()].strip().rstrip(",;").strip(), True
