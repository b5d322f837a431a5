"""Sentence case for styles that want it (APA 7, NLM), converting only what is safe to convert.

A title is recased only when its capitalized common words outnumber its lowercase ones (Title
Case, or the mixed case NeurIPS and Google Scholar export) or it is in ALL CAPS; one already in
sentence case keeps every capital its author gave it. A capitalized word is lowered only when
the English dictionary (rendering/lexicon.py) knows it as a common lowercase word, so names it
does not know keep their capital. Protected text (`<span class="nocase">` from BibTeX braces),
italic spans (species names), acronyms and words with digits or inner capitals (HER2, mRNA,
iPhone, M31) and the proper words of styles/title-rules.toml are never lowercased. Titles in
another language are left as written (rendering/language.py).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache, lru_cache
from itertools import pairwise
from typing import Literal

from citeconv.project_data import load_table
from citeconv.rendering.language import looks_foreign
from citeconv.rendering.lexicon import is_common_word, is_known_name, is_known_word

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
_NOCASE_WORD = re.compile(r'<span class="nocase">([A-Z][a-z\u00df-\u00ff\'’]+)</span>')
_HYPHEN_PREFIXES = frozenset(
    "non anti pre post pro sub inter intra multi co de re un semi pseudo trans ultra".split()
)
_CAPS_WORD = re.compile(r"\b[A-Z]{2,}\b")
_NOCASE_WHOLE = re.compile(r'<span class="nocase">[^<]*</span>')
_NOCASE_CAPS = re.compile(r'<span class="nocase">([A-Z]+)</span>')


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
    """Capitalized words outnumber lowercase ones among the major words (beyond the first and
    those after a break), and some of them are common words (`Living in Paris Today`, `Learning
    to Walk in the Wild using Deep Nets`, but not `Living in Paris`); or the title is in ALL
    CAPS. Never a title in another language."""
    if looks_foreign(title):
        return False
    if _is_all_caps(title):
        return True
    major = [
        word
        for word, starts in _free_words(title)
        if not starts and all(_is_plain(part) for part in word.split("-"))
    ]
    major = [word for word in major if word.lower() not in _words("minor")]
    capitalized = [word for word in major if word[0].isupper()]
    if len(capitalized) <= len(major) - len(capitalized):
        return False  # sentence case: decided without loading the dictionary
    return any(_is_common(word) for word in capitalized)


def unbrace_words(title: str) -> str:
    """Braces that protect nothing in particular are dropped: Zotero's export braces every
    capitalized word (`Pattern {Recognition} and {Machine} {Learning}`), PubMed's every letter
    of an ALL CAPS title (`{T}{H}{E} {E}{N}{V}...`). A braced word beside capitalized unbraced
    ones (`Living in {Paris} Today`) was braced on purpose and keeps its braces."""
    caps = _NOCASE_CAPS.sub(r"\1", title)
    if caps != title and _is_all_caps(caps):
        return caps
    braced = _NOCASE_WORD.findall(title)
    unbraced = _NOCASE_WORD.sub(r"\1", title)
    minor = _words("minor")
    if (
        len(braced) < 2
        or any(  # a capitalized common word left unbraced: braces on purpose
            word[:1].isupper()
            and not starts
            and _is_plain(word)
            and word.lower() not in minor
            and _lowerable(word)
            for word, starts in _free_words(title)
        )
    ):
        return title
    if not looks_like_title_case(unbraced):
        return title
    return _NOCASE_WORD.sub(lambda m: m.group(0) if _braced_name(m.group(1)) else m.group(1), title)


def _braced_name(word: str) -> bool:
    """A braced word that may be a name keeps its braces even among Zotero's (`{Boston}`,
    `{Chicago}`); only a word the dictionary knows solely in lowercase loses them."""
    stem = _POSSESSIVE.sub("", word)
    return is_known_name(stem) or not is_common_word(stem) or stem in _words("proper")


def protect_foreign(text: str) -> str:
    """A name in another language (`Zeitschrift für Archäologie`) protected whole, so that no
    style title-cases it."""
    if not looks_foreign(text) or _NOCASE_WHOLE.fullmatch(text):
        return text
    return f'<span class="nocase">{text}</span>'


def _is_common(word: str) -> bool:
    """A capitalized word (or hyphen part) the dictionary knows in lowercase."""
    return any(part[:1].isupper() and _lowerable(part) for part in word.split("-"))


def to_sentence_case(title: str, after_break: AfterBreak) -> str:
    """Title Case -> sentence case; protected chunks, acronyms and proper words untouched."""
    if _is_all_caps(title):
        title = _map_free_words(title, lambda word, _: _capitalize_known(word))
    return _map_free_words(title, lambda word, before: _recase_word(word, before, after_break))


def _is_all_caps(title: str) -> bool:
    """`THE ENVIRONMENT AND HEALTH`: three or more words, no lowercase letter outside protected
    chunks, and most words known to the dictionary (not a string of acronyms)."""
    if len(_CAPS_WORD.findall(title)) < 3:
        return False  # the common case, decided without splitting the title into words
    words = [word for word, _ in _free_words(title) if any(c.isalpha() for c in word)]
    if len(words) < 3 or any(c.islower() for word in words for c in word):
        return False
    return sum(1 for word in words if is_known_word(word)) * 2 > len(words)


def _capitalize_known(word: str) -> str:
    """`ENVIRONMENT` -> `Environment`, so that the dictionary can lower it; an acronym
    (`NASA`, `HIV`) stays."""
    return "-".join(
        part[:1] + part[1:].lower() if part.isalpha() and is_known_word(part) else part
        for part in word.split("-")
    )


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


@lru_cache(maxsize=4096)
def _free_words(title: str) -> tuple[tuple[str, bool], ...]:
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
    return tuple(found)


def _is_plain(word: str) -> bool:
    """A word whose case carries no meaning of its own: `Cancer`, `cancer`, not `HER2`."""
    letters = [c for c in word if c.isalpha()]
    return bool(letters) and word[0].isalpha() and not any(c.isupper() for c in word[1:])


def _lower_word(word: str) -> str:
    parts = word.split("-")
    if len(parts) > 1 and _names_a_thing(parts):
        return word  # `Pan-STARRS1`, `Suprime-Cam`'s kin: a name built on an acronym
    out = [_lower_part(parts[0], whole=len(parts) == 1)]
    for previous, part in pairwise(parts):
        proper_signal = previous[:1].islower() and part[:1].isupper()
        out.append(part if proper_signal else _lower_part(part, whole=False))
    return "-".join(out)


def _names_a_thing(parts: list[str]) -> bool:
    """A capitalized word joined to an acronym or code (`Pan-STARRS1`), unless the word is a
    prefix (`Non-HER2`, `Anti-EGFR`: `non-HER2`)."""
    head = parts[0]
    return (
        _is_plain(head)
        and head[:1].isupper()
        and head.lower() not in _HYPHEN_PREFIXES
        and any(part and not _is_plain(part) and part[:1].isupper() for part in parts[1:])
    )


def _lower_part(part: str, *, whole: bool) -> str:
    if not part or not _is_plain(part) or not part[0].isupper():
        return part
    if len(part) == 1:
        return part.lower() if part == "A" and whole else part
    return part[0].lower() + part[1:] if _lowerable(part) else part


def _lowerable(part: str) -> bool:
    """A capitalized word the dictionary knows as a common lowercase word and the proper words
    of styles/title-rules.toml do not keep (`Shakespeare's`, `Paris`, `Persian` stay)."""
    stem = _POSSESSIVE.sub("", part)
    if stem in _words("proper") or part in _words("proper") or not stem:
        return False
    return is_common_word(stem)


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
    major words are capitalized; minor words, acronyms and mixed-case words are kept. A name in
    another language is kept as written (`Zeitschrift für Archäologie`)."""
    if looks_foreign(text):
        return text
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
    return not looks_foreign(text) and any(
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
