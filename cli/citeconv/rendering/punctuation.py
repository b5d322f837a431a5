"""Punctuation at a closing quotation mark, as citeproc-js sets it.

citeproc-py ignores the locale's `punctuation-in-quote`: en-US styles (IEEE, Chicago, MLA)
printed `“Title”, Journal` and `“Perhaps?”. Misc`. Here the marks after a closing quote are
merged with each other and with the mark the quoted text ends with (`?` + `.` is `?`; `:` + `.`
is `:`; `?` + `,` is `?,`), and with punctuation-in-quote the leading `.`, `,`, `?` and `!` of
what remains move inside the quote (`“Title,” Journal`, `“Perhaps?” Misc`); `:` and `;` never
do.

Fixtures: punctuation_FullMontyQuotesIn, punctuation_FullMontyQuotesOut,
bugreports_IeeePunctuation, bugreports_AsaSpacing, bugreports_DuplicateSpaces2,
magic_PunctuationInQuote* and quotes_Punctuation.

This module never imports citeproc-py: the adapter hands its `model` module to install().
"""

from __future__ import annotations

import re
from typing import Any

from citeconv import lazy_regex

_MARKS = ".,;:!?"
_MOVABLE = ".,!?"
# Follows each closing quote the style asks for (`quotes="true"`): quotes inside a value keep
# the punctuation that follows them (`meaning ‘God willing’.`).
QUOTE_END = "\ue0c1"
QUOTE_START = "\ue0c2"  # precedes it
# What the quoted text ends with (a mark, then the closing quotes of quotations inside it),
# the closing quote (with the tags around it), what follows. A match never starts inside a
# run of closing quotes (one starting where the run begins takes it whole): retrying the run
# from each of its quotes was quadratic (8,000 `”` in a name took 2 s; issue 15).
_AFTER_QUOTE = lazy_regex.compile(
    r"(?:(?<![\u2019\u201d])|(?![\u2019\u201d]))([.,;:!?]?)([\u2019\u201d]*)((?:<[^<>]+>)*)([^\ue0c1])\ue0c1((?:</[^<>]+>)*)([.,;:!?]*)(?![.,;:!?])"
)
# Two marks meeting: the pairs not listed here keep both, in order; a mark met twice is one.
_MERGED = {
    (":", "."): ":",
    (":", "!"): "!",
    (":", "?"): "?",
    (";", ":"): ";",
    (";", "."): ";",
    (";", "!"): "!",
    (";", "?"): "?",
    ("!", ":"): "!",
    ("!", "."): "!",
    ("?", ":"): "?",
    ("?", "."): "?",
}


def merge_marks(marks: str) -> str:
    """A run of punctuation marks as citeproc-js prints it where they meet (`?.` -> `?`)."""
    merged = ""
    for mark in marks:
        if not merged:
            merged = mark
            continue
        last = merged[-1]
        if last == mark:
            continue
        pair = _MERGED.get((last, mark))
        merged = merged[:-1] + pair if pair is not None else merged + mark
    return merged


_model: Any = None
_string: Any = None


def install(model: Any, citeproc_string: Any) -> None:
    """Patch the engine's classes (idempotent)."""
    global _model, _string
    _model, _string = model, citeproc_string
    if getattr(model, "_citeconv_punctuation", False):
        return
    model.Quoted.quote = quote_marked
    # Every seam (affixes, delimiters, any `+` of rendered text) goes through these two.
    citeproc_string.normalize_seam = model.normalize_seam = _seam
    citeproc_string.MixedString.__add__ = _left_mark_dropped(citeproc_string.MixedString.__add__)
    model._citeconv_punctuation = True


# The pairs (left's last character, other's first) where other's first character goes: a
# second space, or a mark merge_marks folds into the one before it.
_DROPS_FIRST = frozenset(
    [("  ")] + [a + b for a in _MARKS for b in _MARKS if merge_marks(a + b) == a]
)


def _seam(left: Any, other: Any) -> Any:
    """`other` to append to `left`: without its first character where that is a second space
    or a mark merged into the mark `left` ends with (`?` + `.` is `?`, `;` + `;` is `;`)."""
    last = _last_char(left)
    if not last or (last != " " and last not in _MARKS):
        return other  # most seams: nothing to merge, so `other` is not even looked at
    if last + _first_char(other) in _DROPS_FIRST:
        return _without_first(other)
    return other


def _left_mark_dropped(original: Any) -> Any:
    """`:` or `;` before `!` or `?` is dropped (`Question;` + `?` is `Question?`): the one
    merge that keeps the right-hand mark, so the left side changes."""

    def add(self: Any, other: Any) -> Any:
        if _first_char(other) in ("!", "?") and _last_char(self) in (":", ";"):
            self = _without_last(self)
        return original(self, other)

    return add


def append_in_place(left: Any, other: Any) -> Any:
    """`left + other` for a MixedString `left` of non-empty text segments that nothing else
    holds: the same rules as `+` (`_left_mark_dropped`, then `_seam`), but `other` is added to
    `left` instead of both being copied into a new list, which made reading a value of
    20,000 nocase spans quadratic (issue 15)."""
    if other == "":
        return left
    if _first_char(other) in ("!", "?") and _last_char(left) in (":", ";"):
        last = list.__getitem__(left, -1)  # MixedString's own [] indexes its joined text
        if len(last) > 1:
            left[-1] = type(last)(str(last)[:-1])
        else:
            left.pop()
    other = _seam(left, other)
    if other == "" or other == []:
        return left
    if isinstance(other, list):
        left.extend(other)
    else:
        left.append(other)
    return left


def _first_char(text: Any) -> str:
    """The first character of rendered text, without joining a MixedString's segments."""
    if isinstance(text, str):
        return text[:1]
    if not isinstance(text, list):
        return str(text)[:1]
    for segment in text:
        first = segment[:1] if isinstance(segment, str) else _first_char(segment)
        if first:
            return first
    return ""


def _last_char(text: Any) -> str:
    if isinstance(text, str):
        return text[-1:]
    if not isinstance(text, list):
        return str(text)[-1:]
    for segment in reversed(text):
        last = segment[-1:] if isinstance(segment, str) else _last_char(segment)
        if last:
            return last
    return ""


def _without_first(text: Any) -> Any:
    if not isinstance(text, list):
        return type(text)(str(text)[1:])
    pieces = list(text)  # the segments (MixedString indexes its characters, not them)
    if not pieces:
        return text
    head = type(pieces[0])(str(pieces[0])[1:])
    return _string.MixedString(([head] if str(head) else []) + pieces[1:])


def _without_last(text: Any) -> Any:
    if not isinstance(text, list):
        return type(text)(str(text)[:-1])
    pieces = list(text)
    if not pieces:
        return text
    tail = type(pieces[-1])(str(pieces[-1])[:-1])
    return _string.MixedString(pieces[:-1] + ([tail] if str(tail) else []))


def quote_marked(self: Any, string: Any) -> Any:
    """A `quotes="true"` value between marks; its quotes are chosen by depth after rendering
    (rendering/flipflop.py). citeproc-py's own method also looked the locale's
    punctuation-in-quote up on every call, quoted or not."""
    if self.get("quotes", "false").lower() != "true":
        return string
    return _model.String(QUOTE_START) + string + _model.String(QUOTE_END)


def set_quote_punctuation(html: str, *, inside: bool) -> str:
    """Merge the marks after each closing quote; with `inside`, move `.,?!` into the quote."""
    if QUOTE_END not in html:
        return html

    def fix(match: re.Match[str]) -> str:
        ending, inner, before, quote, after, marks = match.groups()
        merged = merge_marks(ending + marks)
        if not merged.startswith(ending):
            return f"{ending}{inner}{before}{quote}{after}{marks}"
        rest = merged[len(ending) :]
        moved = ""
        if inside:
            while len(moved) < len(rest) and rest[len(moved)] in _MOVABLE:
                moved += rest[len(moved)]
        # A quotation closing with the quote takes the marks too: `“This is ‘The One.’”`
        # (quotes_PunctuationWithInnerQuote).
        if inner:
            return f"{ending}{moved}{inner}{before}{quote}{after}{rest[len(moved) :]}"
        return f"{ending}{before}{moved}{quote}{after}{rest[len(moved) :]}"

    return _AFTER_QUOTE.sub(fix, html).replace(QUOTE_END, "")


# A plain space just inside guillemets in a value becomes a narrow no-break space, as
# citeproc-js sets French quotes (punctuation_FrenchOrthography); the locale's own quotes
# already carry their no-break space.
_GUILLEMET_SPACE = lazy_regex.compile(r"(«) +| +(»)")


def guillemet_spacing(html: str) -> str:
    if "«" not in html and "»" not in html:
        return html
    return _GUILLEMET_SPACE.sub(lambda m: f"{m[1]}\u202f" if m[1] else f"\u202f{m[2]}", html)
