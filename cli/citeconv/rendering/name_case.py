"""Title Case for names (journals, conferences, publishers), and the phrases and foreign names
that no style may recase."""

from __future__ import annotations

import re
from functools import cache, lru_cache

from citeconv import lazy_regex
from citeconv.project_data import load_table
from citeconv.rendering.language import looks_foreign
from citeconv.rendering.title_words import BREAK, PROTECTED, WORD, free_words, rule_words, tail

_NOCASE_WHOLE = lazy_regex.compile(r'<span class="nocase">[^<]*</span>')
_BARE_TAG = lazy_regex.compile(r"<[^<>]+>")


def protect_foreign(text: str) -> str:
    """A name in another language (`Zeitschrift für Archäologie`) protected whole, so that no
    style title-cases it."""
    if not looks_foreign(text) or _NOCASE_WHOLE.fullmatch(text):
        return text
    return f'<span class="nocase">{text}</span>'


def to_title_case(text: str) -> str:
    """Sentence case -> Title Case for names (journals, conferences, publishers): lowercase
    major words are capitalized; minor words, acronyms and mixed-case words are kept. A name in
    another language is kept as written (`Zeitschrift für Archäologie`)."""
    if looks_foreign(text):
        return text
    out: list[str] = []
    before = ""
    glued = False  # the text so far ends inside a word, perhaps before a tag (`3<sup>`)
    for chunk in PROTECTED.split(text):
        if PROTECTED.fullmatch(chunk):
            out.append(chunk)
            before = tail(before, chunk)
            glued = (glued and _BARE_TAG.fullmatch(chunk) is not None) or chunk[-1:].isalnum()
            continue
        position = 0
        for match in WORD.finditer(chunk):
            gap = chunk[position : match.start()]
            before = tail(before, gap)
            out.append(gap)
            word = match.group(0)
            # `3rd`, `3<sup>rd</sup>`: an ordinal's ending is no word to capitalize
            suffix = not word[:1].isalpha() or (glued and not gap)
            out.append(word if suffix else _title_word(word, before))
            before = tail(before, out[-1])
            position, glued = match.end(), True
        out.append(chunk[position:])
        before = tail(before, chunk[position:])
        glued = glued and position == len(chunk)
    return "".join(out)


def _title_word(word: str, before: str) -> str:
    starts = not before.strip() or bool(BREAK.search(before))
    if not word.islower() or (not starts and word in rule_words("minor")):
        return word
    return "-".join(_capitalize(part) for part in word.split("-"))


def _capitalize(word: str) -> str:
    return word[0].upper() + word[1:] if word[:1].islower() else word


def looks_lowercase(text: str) -> bool:
    """A name exported in sentence case or lowercase (`nature`, `MIT press`): some major
    word of two or more letters starts in lowercase."""
    return not looks_foreign(text) and any(
        word.islower() and len(word) > 1 and word not in rule_words("minor")
        for word, _ in free_words(text)
    )


def protect_phrases(title: str, phrases: frozenset[str]) -> str:
    """Wraps each phrase found in free text in a nocase span (proper names of several words,
    the work's own corporate author), spelled as the phrase is: its first letter must match,
    the others may be in any case (`Milky way` -> `Milky Way`), and it may be plural
    (`Hubble Legacy Fields`)."""
    if not phrases:
        return title
    pattern = _phrase_pattern(phrases)
    spelled = {phrase.casefold(): phrase for phrase in phrases}

    def wrap(match: re.Match[str]) -> str:
        found, plural = match.group(1), match.group(2)
        phrase = spelled.get(found.casefold(), found)
        return f'<span class="nocase">{phrase}{plural}</span>'

    return "".join(
        chunk if PROTECTED.fullmatch(chunk) else pattern.sub(wrap, chunk)
        for chunk in PROTECTED.split(title)
    )


@lru_cache(maxsize=256)
def _phrase_pattern(phrases: frozenset[str]) -> re.Pattern[str]:
    alternatives = "|".join(
        re.escape(p[0]) + f"(?i:{re.escape(p[1:])})"
        for p in sorted(phrases, key=lambda p: (-len(p), p))
    )
    return re.compile(rf"(?<![\w-])({alternatives})(s?)(?![\w-])")


@cache
def proper_phrases() -> frozenset[str]:
    return frozenset(
        line.strip()
        for line in str(load_table("title-rules.toml")["words"]["phrases"]).splitlines()
        if line.strip()
    )
