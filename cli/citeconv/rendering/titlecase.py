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
from functools import lru_cache
from itertools import pairwise
from typing import Literal

from citeconv import lazy_regex
from citeconv.rendering.language import looks_foreign
from citeconv.rendering.lexicon import is_common_word, is_known_name, is_known_word
from citeconv.rendering.name_case import (
    looks_lowercase,
    proper_phrases,
    protect_foreign,
    protect_phrases,
    to_title_case,
)
from citeconv.rendering.proper_names import name_words
from citeconv.rendering.title_words import (
    BREAK,
    SENTENCE_END,
    free_words,
    is_all_caps,
    is_plain,
    map_free_words,
    rule_words,
    starts_sentence,
)

__all__ = [
    "AfterBreak",
    "capitalize_after_breaks",
    "looks_like_title_case",
    "looks_lowercase",
    "lower_after_breaks",
    "proper_phrases",
    "protect_foreign",
    "protect_phrases",
    "to_sentence_case",
    "to_title_case",
    "unbrace_words",
]

AfterBreak = Literal["upper", "lower"]

# APA capitalizes after a colon, em dash, `?`, `!` or full stop, also after a part's roman
# numeral (`I. Data analysis`).
_AFTER_BREAK = lazy_regex.compile(
    r"([:?!\u2014]\s*|(?:\w\w|(?<![\w.])I|\uf8ff)\.\s+)(\uf8ff*)([a-z])"
)
_TAG = lazy_regex.compile(r"<[^<>]+>")
_TAG_MARK = "\uf8ff"  # stands for one markup tag while breaks are looked for
_POSSESSIVE = lazy_regex.compile(r"['’]s?$")
_NOCASE_WORD = lazy_regex.compile(r'<span class="nocase">([A-Z][a-z\u00df-\u00ff\'’]+)</span>')
_HYPHEN_PREFIXES = frozenset(
    "non anti pre post pro sub inter intra multi co de re un semi pseudo trans ultra".split()
)
_NOCASE_CAPS = lazy_regex.compile(r'<span class="nocase">([A-Z]+)</span>')


def capitalize_after_breaks(title: str) -> str:
    """APA: the first word after a colon, em dash or full stop is capitalized. Markup tags are
    looked through (`: <i>the</i>`), never into (`font-variant:small-caps` stays as it is)."""
    tags = _TAG.findall(title)
    marked = _TAG.sub(_TAG_MARK, title)
    marked = _AFTER_BREAK.sub(lambda m: m.group(1) + m.group(2) + m.group(3).upper(), marked)
    restored = iter(tags)
    return re.sub(_TAG_MARK, lambda _: next(restored), marked)


# Asked up to three times per title (each title, then its inner and unbraced forms): a third
# of the casing time before it was remembered (issue 12: speed).
@lru_cache(maxsize=16384)
def looks_like_title_case(title: str) -> bool:
    """Capitalized words outnumber lowercase ones among the major words (beyond the first and
    those after a break), and some of them are common words (`Living in Paris Today`, `Learning
    to Walk in the Wild using Deep Nets`, but not `Living in Paris`); or the title is in ALL
    CAPS. Never a title in another language."""
    if looks_foreign(title):
        return False
    if is_all_caps(title):
        return True
    major = [
        word
        for word, starts in free_words(title)
        if not starts and all(is_plain(part) for part in word.split("-"))
    ]
    major = [word for word in major if word.lower() not in rule_words("minor")]
    capitalized = [word for word in major if word[0].isupper()]
    if len(capitalized) <= len(major) - len(capitalized):
        return False  # sentence case: decided without loading the dictionary
    return any(_is_common(word) for word in capitalized)


# `Julich-{Brain}: {A} {3D} atlas`: a braced article opening a subtitle protects nothing.
_BRACED_ARTICLE = lazy_regex.compile(r'(^|[:\u2014]\s*)<span class="nocase">(A)</span>(?=\s)')


def unbrace_words(title: str) -> str:
    """Braces that protect nothing in particular are dropped: Zotero's export braces every
    capitalized word (`Pattern {Recognition} and {Machine} {Learning}`), PubMed's every letter
    of an ALL CAPS title (`{T}{H}{E} {E}{N}{V}...`). A braced word beside capitalized unbraced
    ones (`Living in {Paris} Today`) was braced on purpose and keeps its braces."""
    caps = _NOCASE_CAPS.sub(r"\1", title)
    if caps != title and is_all_caps(caps):
        return caps
    braced = _NOCASE_WORD.findall(title)
    unbraced = _NOCASE_WORD.sub(r"\1", title)
    minor = rule_words("minor")
    if (
        len(braced) < 2
        or any(  # a capitalized common word left unbraced: braces on purpose
            word[:1].isupper()
            and not starts
            and is_plain(word)
            and word.lower() not in minor
            and _lowerable(word)
            for word, starts in free_words(title)
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
    return is_known_name(stem) or not is_common_word(stem) or stem in rule_words("proper")


def _is_common(word: str) -> bool:
    """A capitalized word (or hyphen part) the dictionary knows in lowercase."""
    return any(part[:1].isupper() and _lowerable(part) for part in word.split("-"))


def to_sentence_case(title: str, after_break: AfterBreak) -> str:
    """Title Case -> sentence case; protected chunks, acronyms, proper words and the words of
    proper names of several words (rendering/proper_names.py) untouched."""
    if is_all_caps(title):
        title = map_free_words(title, lambda word, _, __: _capitalize_known(word))
    names = name_words(title)

    def recase(word: str, before: str, index: int) -> str:
        return word if index in names else _recase_word(word, before, after_break)

    return map_free_words(title, recase)


def _capitalize_known(word: str) -> str:
    """`ENVIRONMENT` -> `Environment`, so that the dictionary can lower it; an acronym
    (`NASA`, `HIV`) stays."""
    return "-".join(
        part[:1] + part[1:].lower() if part.isalpha() and is_known_word(part) else part
        for part in word.split("-")
    )


def _recase_word(word: str, before: str, after_break: AfterBreak) -> str:
    if starts_sentence(before):
        return _keep_first_part(word)
    if BREAK.search(before):
        return _keep_first_part(word) if after_break == "upper" else _lower_word(word)
    return _lower_word(word)


def _keep_first_part(word: str) -> str:
    """A word that starts the title or a sentence: capitalized unless its case means something
    (mRNA, iPhone, t-SNE, non-Hodgkin); later hyphen parts recased like any word."""
    head, hyphen, rest = word.partition("-")
    if head[:1].islower() and is_plain(head) and any(c.isupper() for c in rest):
        return word
    head = _capitalize(head) if is_plain(head) else head
    return head + hyphen + (_lower_word(rest) if rest else "")


def _lower_word(word: str) -> str:
    parts = word.split("-")
    if len(parts) > 1 and _names_a_thing(parts):
        return word  # `Pan-STARRS1`, `Suprime-Cam`'s kin: a name built on an acronym
    out = [_lower_part(parts[0], whole=len(parts) == 1)]
    for previous, part in pairwise(parts):
        # `Suprime-Cam`: a part after a name kept capitalized is part of the name
        kept = previous[:1].isupper() and is_plain(previous) and not _lowerable(previous)
        proper_signal = previous[:1].islower() and part[:1].isupper()
        out.append(part if proper_signal or kept else _lower_part(part, whole=False))
    return "-".join(out)


def _names_a_thing(parts: list[str]) -> bool:
    """A capitalized word joined to an acronym or code (`Pan-STARRS1`), unless the word is a
    prefix (`Non-HER2`, `Anti-EGFR`: `non-HER2`)."""
    head = parts[0]
    return (
        is_plain(head)
        and head[:1].isupper()
        and head.lower() not in _HYPHEN_PREFIXES
        and any(part and not is_plain(part) and part[:1].isupper() for part in parts[1:])
    )


def _lower_part(part: str, *, whole: bool) -> str:
    if not part or not is_plain(part) or not part[0].isupper():
        return part
    if len(part) == 1:
        return part.lower() if part == "A" and whole else part
    return part[0].lower() + part[1:] if _lowerable(part) else part


def _lowerable(part: str) -> bool:
    """A capitalized word the dictionary knows as a common lowercase word and the proper words
    of styles/title-rules.toml do not keep (`Shakespeare's`, `Paris`, `Persian` stay)."""
    stem = _POSSESSIVE.sub("", part)
    if stem in rule_words("proper") or part in rule_words("proper") or not stem:
        return False
    return is_common_word(stem)


def _capitalize(word: str) -> str:
    return word[0].upper() + word[1:] if word[:1].islower() else word


def lower_after_breaks(title: str) -> str:
    """NLM: the first word after a colon or em dash is lowercased unless its case means
    something (acronyms, mixed case, proper words), also in titles already in sentence case;
    a braced article there protects nothing (Zotero braces every capital)."""

    def recase(word: str, before: str, _: int) -> str:
        if before.strip() and BREAK.search(before) and not SENTENCE_END.search(before):
            return _lower_word(word)
        return word

    return map_free_words(_BRACED_ARTICLE.sub(r"\1\2", title), recase)
