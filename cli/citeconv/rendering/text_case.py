"""`text-case` on rich text: words judged whole, `nocase` spans never changed.

citeproc-py cases each segment of a value on its own: a title with braced words (`{PhysioBank},
{PhysioToolkit}, and {PhysioNet}: ...`) has segments that end inside a phrase, so title case
split words at the braces and joined the pieces with spaces (`PhysioBank , PhysioToolkit ,`),
capitalized word pieces (`T Est T Itle`), and a lowercase piece of a mixed-case word (`μ` of
`μJ`) became `Μ`. Here the value is cased as one string, word by word as CSL 1.0.2 says, and
only then cut back into its segments, so a protected (`nocase`) character is never changed.

Fixtures: textcase_* (title, sentence, capitalize-all, nocase spans), flipflop_* with nocase,
flipflop_ItalicsWithOkAndTextcase.

This module never imports citeproc-py: the adapter hands its `model` and `string` modules to
install().
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from typing import Any

from citeconv import lazy_regex

# Words kept lowercase in title case unless first, last or after a colon: CSL 1.0.2's list,
# the prepositions Chicago and APA also keep lowercase, and name particles (`John von Doe`).
STOP_WORDS = frozenset(
    "a an and as at but by down for from in into nor of on onto or over so the till to up via "
    "with yet about above across after against along among around before behind below beneath "
    "beside between beyond during except inside like near off out per since than through "
    "toward towards under until upon versus vs. v. within without de d’ van von et".split()
)
_WORD = lazy_regex.compile(r"\S+")
_COMPOUND_SEPARATOR = lazy_regex.compile(r"([-\u2013\u2014/])")
# Rich text that text-case leaves alone: superscript, subscript, small caps and `nodecor`
# (markup.py's sentinels for <sup>, <sub> and the two spans, opening and closing); citeproc-js
# keeps `lessard <span class="nodecor">v.</span> schmidt` as `Lessard v. Schmidt`.
_UNCASED_SPANS = lazy_regex.compile(
    "\ue004[^\ue005]*\ue005|\ue006[^\ue007]*\ue007|\ue008[^\ue009]*\ue009|\ue013[^\ue014]*\ue014"
)
# An HTML entity (a locale term's `ed. &amp; trans.`) is markup, never a word to case.
_ENTITY = lazy_regex.compile(r"&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);")

_model: Any = None
_string: Any = None


def install(model: Any, citeproc_string: Any) -> None:
    """Patch the engine's classes (idempotent)."""
    global _model, _string
    _model, _string = model, citeproc_string
    if getattr(model, "_citeconv_text_case", False):
        return
    model.TextCased.case = _whole_value_case(model.TextCased.case)
    model._citeconv_text_case = True


def _whole_value_case(original: Any) -> Any:
    def case(self: Any, text: Any, language: str | None = None) -> Any:
        text_case = self.get("text-case")
        if text_case is None or text is None:
            return text  # what citeproc-py returns too, without a second look
        if isinstance(text, int | float):
            text = str(text)  # a day or year cased by the style (`gayana`): its digits
        recase = _CASES.get(text_case)
        if recase is None or not isinstance(text, str | list):
            return original(self, text, language)
        if text_case == "title" and language != "en":
            return text  # title case is for English only (CSL 1.0.2)
        if text_case == "uppercase" and language in _DOTTED_I_LANGUAGES:
            recase = _dotted_uppercase
        return _recased(text, recase)

    return case


def _recased(text: Any, recase: Callable[[str, list[bool]], str]) -> Any:
    segments = list(text) if isinstance(text, list) else [text]
    whole = "".join(str(segment) for segment in segments)
    protected = [False] * len(whole)
    start = 0
    for segment in segments:
        end = start + len(str(segment))
        if isinstance(segment, _string.NoCase):
            protected[start:end] = [True] * (end - start)
        start = end
    for span in (*_UNCASED_SPANS.finditer(whole), *_ENTITY.finditer(whole)):
        protected[span.start() : span.end()] = [True] * (span.end() - span.start())
    cased = recase(whole, protected)
    if cased == whole:
        return text
    pieces, start = [], 0
    for segment in segments:
        end = start + len(str(segment))
        kind = type(segment) if isinstance(segment, _string.String) else _string.String
        pieces.append(kind(cased[start:end]))
        start = end
    return _string.MixedString(pieces) if isinstance(text, list) else pieces[0]


def _changed(text: str, protected: list[bool], changed: str) -> str:
    """`changed` (same length as `text`) with the protected characters of `text` put back."""
    if len(changed) != len(text):
        return text  # a character whose case changes its length (ß): leave the value alone
    if changed == text or not any(protected):
        return changed
    return "".join(o if keep else c for o, c, keep in zip(text, changed, protected, strict=True))


def _upper_first_letter(word: str) -> str:
    """The first letter capitalized, unless a digit comes first (`07-x` stays) or it is not a
    Latin letter (`β-carotine` stays, as citeproc-js leaves it)."""
    for index, char in enumerate(word):
        if char.isalpha():
            if char > "\u024f" and not unicodedata.name(char, "").startswith("LATIN"):
                return word
            return word[:index] + char.upper() + word[index + 1 :]
        if char.isdigit():
            return word
    return word


def title_case(text: str, protected: list[bool]) -> str:
    """Lowercase words get a capital; stop words stay lowercase unless first, last or after a
    colon; words with a capital (`UK`, `iPhone`) are left as they are. The parts of a compound
    (`Out-of-Fashion`, `Scientist–Practitioner`, `Cat/Mouse`) are cased as words."""
    words = list(_WORD.finditer(text))
    out = list(text)
    for index, match in enumerate(words):
        word = match.group()
        if _starts_with_digit(word):
            continue  # `07-x` is left as it is
        if word != word.lower():  # `UK`, `iPhone` are left as they are, not their parts
            parts = _COMPOUND_SEPARATOR.split(word)  # `Out-of-fashion` is `Out-of-Fashion`
            cased = parts[:1] + [_lowercase_part_cased(p) for p in parts[1:]]
            out[match.start() : match.end()] = "".join(cased)
            continue
        after_break = index > 0 and words[index - 1].group()[-1:] in (":", "?", "!")
        free = index == 0 or index == len(words) - 1 or after_break
        if _bare(word) in STOP_WORDS and not free:
            continue
        parts = _COMPOUND_SEPARATOR.split(word)
        cased = [_upper_first_letter(parts[0])]
        cased += [p if _bare(p) in STOP_WORDS else _upper_first_letter(p) for p in parts[1:]]
        out[match.start() : match.end()] = "".join(cased)
    return _changed(text, protected, "".join(out))


def _lowercase_part_cased(part: str) -> str:
    if part != part.lower() or _bare(part) in STOP_WORDS:
        return part
    return _upper_first_letter(part)


def _starts_with_digit(word: str) -> bool:
    return next((char.isdigit() for char in word if char.isalnum()), False)


def _bare(word: str) -> str:
    return word.strip("\"'“”‘’()[]{},;:!?")


def sentence_case(text: str, protected: list[bool]) -> str:
    """The first word capitalized, the others lowercase unless all in capitals (`UK`)."""
    if text.isupper():
        return _changed(text, protected, _upper_first_letter(text.lower()))
    words = list(_WORD.finditer(text))
    out = list(text)
    for index, match in enumerate(words):
        word = match.group()
        new = _upper_first_letter(word) if index == 0 else word if word.isupper() else word.lower()
        if len(new) == len(word):
            out[match.start() : match.end()] = new
    return _changed(text, protected, "".join(out))


def _upper_first_if_lowercase(word: str) -> str:
    """CSL 1.0.2: capitalize-first and capitalize-all change only lowercase words (`arXiv:1`)."""
    return _upper_first_letter(word) if word.islower() else word


def capitalize_all(text: str, protected: list[bool]) -> str:
    cased = _WORD.sub(lambda m: _upper_first_if_lowercase(m.group()), text)
    return _changed(text, protected, cased)


def capitalize_first(text: str, protected: list[bool]) -> str:
    first = _WORD.search(text)
    if first is None:
        return text
    cased = _upper_first_if_lowercase(first.group())
    return _changed(text, protected, text[: first.start()] + cased + text[first.end() :])


# Turkish and Azerbaijani write the capital of `i` with a dot (`İ`); `ı` is `I`.
_DOTTED_I_LANGUAGES = frozenset({"tr", "az"})


def _dotted_uppercase(text: str, protected: list[bool]) -> str:
    return _changed(text, protected, text.replace("i", "\u0130").upper())


_CASES: dict[str, Callable[[str, list[bool]], str]] = {
    "title": title_case,
    "sentence": sentence_case,
    "capitalize-all": capitalize_all,
    "capitalize-first": capitalize_first,
    "lowercase": lambda text, protected: _changed(text, protected, text.lower()),
    "uppercase": lambda text, protected: _changed(text, protected, text.upper()),
}
