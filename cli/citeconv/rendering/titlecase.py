"""Sentence case for styles that want it (APA 7, NLM), converting only what is safe to convert.

A title is recased only when it looks like Title Case; one already in sentence case keeps every
capital its author gave it. Protected text (`<span class="nocase">` from BibTeX braces), italic
spans (species names), acronyms and mixed-case words (HER2, mRNA, iPhone, t-SNE) and a short
list of proper words (styles/title-rules.toml) are never lowercased.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache, lru_cache
from itertools import pairwise
from typing import Literal

from citeconv.project_data import load_table

AfterBreak = Literal["upper", "lower"]

# Protected chunks (kept verbatim) and markup tags; everything else is free text.
_PROTECTED = re.compile(r'(<span class="nocase">.*?</span>|<i>.*?</i>|<[^>]+>)', re.DOTALL)
_WORD = re.compile(r"\w[\w'’\-]*")
# A colon or em dash starts a subtitle; a full stop, `?` or `!` a new sentence.
_BREAK = re.compile(r"[:\u2014]\s*$")
_SENTENCE_END = re.compile(r"(?:[?!]|(?<=\w\w)\.)\s+$")
_AFTER_BREAK = re.compile(r"([:?!\u2014]\s*|\w\w\.\s+)(\uf8ff*)([a-z])")
_TAG = re.compile(r"<[^>]+>")
_TAG_MARK = "\uf8ff"  # stands for one markup tag while breaks are looked for
_SPACES = re.compile(r"\s+")
_POSSESSIVE = re.compile(r"['’]s?$")


@cache
def _words(kind: str) -> frozenset[str]:
    return frozenset(str(load_table("title-rules.toml")["words"][kind]).split())


def capitalize_after_breaks(title: str) -> str:
    """APA: the first word after a colon, em dash or full stop is capitalized. Markup tags are
    looked through (`: <i>the</i>`), never into (`font-variant:small-caps` stays as it is)."""
    tags = _TAG.findall(title)
    marked = _TAG.sub(_TAG_MARK, title)
    marked = _AFTER_BREAK.sub(lambda m: m.group(1) + m.group(2) + m.group(3).upper(), marked)
    restored = iter(tags)
    return re.sub(_TAG_MARK, lambda _: next(restored), marked)


def looks_like_title_case(title: str) -> bool:
    """Most major words (beyond the first and those after a break) start with a capital."""
    major = [
        word
        for word, starts in _free_words(title)
        if not starts and all(_is_plain(part) for part in word.split("-"))
    ]
    major = [word for word in major if word.lower() not in _words("minor")]
    if len(major) == 1 and len(_free_words(title)) == 2:
        return major[0][0].isupper()  # a two-word title: `Deep Learning`, `Medical Microbiology`
    if len(major) < 2:
        return False
    capitalized = sum(1 for word in major if word[0].isupper())
    return capitalized / len(major) >= 0.75


def to_sentence_case(title: str, after_break: AfterBreak) -> str:
    """Title Case -> sentence case; protected chunks, acronyms and proper words untouched."""
    return _map_free_words(title, lambda word, before: _recase_word(word, before, after_break))


def _map_free_words(title: str, recase: Callable[[str, str], str]) -> str:
    """`recase(word, text before it)` applied to each word outside protected chunks; the text
    before it holds each protected chunk as one opaque word and no tags (only its end: see
    `_tail`)."""
    out: list[str] = []
    before = ""
    for chunk in _PROTECTED.split(title):
        if _PROTECTED.fullmatch(chunk):
            out.append(chunk)
            before = _tail(before, " \ue0ff " if chunk.startswith(("<span", "<i>")) else "")
            continue
        position = 0
        for match in _WORD.finditer(chunk):
            out.append(chunk[position : match.start()])
            before = _tail(before, chunk[position : match.start()])
            out.append(recase(match.group(0), before))
            before = _tail(before, match.group(0))
            position = match.end()
        out.append(chunk[position:])
        before = _tail(before, chunk[position:])
    return "".join(out)


def _tail(before: str, more: str) -> str:
    """The end of `before + more` as the break patterns see it: whitespace runs as one space,
    the last four characters. Giving each word all the text before it made a 16,000-word title
    quadratic (issue 15); `_BREAK`, `_SENTENCE_END` and `.strip()` read only this much."""
    return _SPACES.sub(" ", before + more)[-4:]


def _recase_word(word: str, before: str, after_break: AfterBreak) -> str:
    if not before.strip() or _SENTENCE_END.search(before):
        return _keep_first_part(word)
    if _BREAK.search(before):
        return _keep_first_part(word) if after_break == "upper" else _lower_word(word)
    return _lower_word(word)


def _keep_first_part(word: str) -> str:
    """A word that starts the title or a sentence: capitalized unless its case means something
    (mRNA, iPhone, t-SNE, non-Hodgkin); later hyphen parts recased like any word."""
    head, hyphen, rest = word.partition("-")
    if head[:1].islower() and _is_plain(head) and any(c.isupper() for c in rest):
        return word
    head = _capitalize(head) if _is_plain(head) else head
    return head + hyphen + (_lower_word(rest) if rest else "")


def _free_words(title: str) -> list[tuple[str, bool]]:
    """(word, starts-a-sentence) for each word outside protected chunks."""
    found: list[tuple[str, bool]] = []
    text = "".join(
        (" \ue0ff " if c.startswith(("<span", "<i>")) else "") if _PROTECTED.fullmatch(c) else c
        for c in _PROTECTED.split(title)
    )
    before, position = "", 0
    for match in _WORD.finditer(text):
        before = _tail(before, text[position : match.start()])
        position = match.start()
        starts = not before.strip() or bool(_BREAK.search(before) or _SENTENCE_END.search(before))
        found.append((match.group(0), starts))
    return found


def _is_plain(word: str) -> bool:
    """A word whose case carries no meaning of its own: `Cancer`, `cancer`, not `HER2`."""
    letters = [c for c in word if c.isalpha()]
    return bool(letters) and word[0].isalpha() and not any(c.isupper() for c in word[1:])


def _lower_word(word: str) -> str:
    parts = word.split("-")
    out = [_lower_part(parts[0], whole=len(parts) == 1)]
    for previous, part in pairwise(parts):
        proper_signal = previous[:1].islower() and part[:1].isupper()
        out.append(part if proper_signal else _lower_part(part, whole=False))
    return "-".join(out)


def _lower_part(part: str, *, whole: bool) -> str:
    if not part or not _is_plain(part) or not part[0].isupper():
        return part
    if len(part) == 1:
        return part.lower() if part == "A" and whole else part
    if _POSSESSIVE.sub("", part) in _words("proper") or part in _words("proper"):
        return part
    return part[0].lower() + part[1:]


def _capitalize(word: str) -> str:
    return word[0].upper() + word[1:] if word[:1].islower() else word


def lower_after_breaks(title: str) -> str:
    """NLM: the first word after a colon or em dash is lowercased unless its case means
    something (acronyms, mixed case, proper words), also in titles already in sentence case."""

    def recase(word: str, before: str) -> str:
        if before.strip() and _BREAK.search(before) and not _SENTENCE_END.search(before):
            return _lower_word(word)
        return word

    return _map_free_words(title, recase)


def to_title_case(text: str) -> str:
    """Sentence case -> Title Case for names (journals, conferences, publishers): lowercase
    major words are capitalized; minor words, acronyms and mixed-case words are kept."""
    out: list[str] = []
    before = ""
    for chunk in _PROTECTED.split(text):
        if _PROTECTED.fullmatch(chunk):
            out.append(chunk)
            before = _tail(before, chunk)
            continue
        position = 0
        for match in _WORD.finditer(chunk):
            before = _tail(before, chunk[position : match.start()])
            out.append(chunk[position : match.start()])
            out.append(_title_word(match.group(0), before))
            before = _tail(before, out[-1])
            position = match.end()
        out.append(chunk[position:])
        before = _tail(before, chunk[position:])
    return "".join(out)


def _title_word(word: str, before: str) -> str:
    starts = not before.strip() or bool(_BREAK.search(before))
    if not word.islower() or (not starts and word in _words("minor")):
        return word
    return "-".join(_capitalize(part) for part in word.split("-"))


def looks_lowercase(text: str) -> bool:
    """A name exported in sentence case or lowercase (`nature`, `MIT press`): some major
    word of two or more letters starts in lowercase."""
    return any(
        word.islower() and len(word) > 1 and word not in _words("minor")
        for word, _ in _free_words(text)
    )


def protect_phrases(title: str, phrases: frozenset[str]) -> str:
    """Wraps each phrase found in free text in a nocase span (proper names of several words,
    the work's own corporate author)."""
    if not phrases:
        return title
    pattern = _phrase_pattern(phrases)
    return "".join(
        chunk
        if _PROTECTED.fullmatch(chunk)
        else pattern.sub(lambda m: f'<span class="nocase">{m.group(0)}</span>', chunk)
        for chunk in _PROTECTED.split(title)
    )


@lru_cache(maxsize=256)
def _phrase_pattern(phrases: frozenset[str]) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(p) for p in sorted(phrases, key=lambda p: (-len(p), p)))
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])")


@cache
def proper_phrases() -> frozenset[str]:
    return frozenset(
        line.strip()
        for line in str(load_table("title-rules.toml")["words"]["phrases"]).splitlines()
        if line.strip()
    )
