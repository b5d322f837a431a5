"""Proper names of several words inside a title that is converted to sentence case.

A capitalized word is lowered only when the dictionary knows it as a common word, so the words
of a name that are also common words (`Strategic Program`, `Advanced Network`) need the name
to be recognized as a whole. Three signals mark a run of adjacent capitalized words as a name:
an acronym of the title spells it out (`CANFAR: the Canadian Advanced Network for Astronomical
Research`, `Hyper Suprime-Cam (HSC)`); it holds, beyond its first word, a word the dictionary
does not know (`Hyper Suprime-Cam Subaru Strategic Program`); or it follows an acronym and
names a facility (`the APOGEE-2 Southern Survey`). A compass word before a name keeps its
capital (`Southeast Asia`).
"""

from __future__ import annotations

import re

from citeconv import lazy_regex
from citeconv.rendering.lexicon import is_common_word, is_known_name
from citeconv.rendering.title_words import free_words, is_plain, map_free_words, rule_words

_ACRONYM = lazy_regex.compile(r"(?<![\w-])[A-Z]{2,}(?=[\W\d_]|$)|(?<=-)[A-Z]{2,}(?=[\W\d_]|$)")
_TAG = lazy_regex.compile(r"<[^<>]+>")
# The code name of an instrument or survey: three capitals or a digit (`VLT`, `APOGEE-2`, `DC2`;
# not `IR Space Telescopes`).
_CODE = lazy_regex.compile(r"[A-Z]{3}|[A-Z]+-?\d")
_POSSESSIVE = lazy_regex.compile(r"['’]s?$")
_ADJACENT = lazy_regex.compile(r"[\w'’-] ?$")
# Connecting words an acronym may spell or skip (`Canadian Advanced Network for Astronomical
# Research`: CANFAR).
_CONNECTORS = frozenset("of for and the on in de".split())
_COMPASS = frozenset(
    """North South East West Northern Southern Eastern Western Northeast Northwest Southeast
    Southwest Northeastern Northwestern Southeastern Southwestern Central""".split()
)
# Nouns that end the name of an instrument, survey or mission (`APOGEE-2 Southern Survey`).
_FACILITIES = frozenset(
    """Survey Surveys Telescope Telescopes Camera Observatory Array
    Spectrograph Satellite Consortium Collaboration""".split()
)


def name_words(title: str) -> frozenset[int]:
    """Indices (as `map_free_words` counts them) of the capitalized words that belong to a
    proper name of several words and keep their capitals."""
    words: list[tuple[str, bool]] = []  # (word, adjacent to the word before it)

    def collect(word: str, before: str, _: int) -> str:
        words.append((word, bool(words) and bool(_ADJACENT.search(before))))
        return word

    map_free_words(title, collect)
    keep: set[int] = set()
    for acronym in set(_ACRONYM.findall(_TAG.sub(" ", title))):
        keep.update(_spelled_out(words, acronym))
    keep.update(_anchored_runs(words, sentence_case=_has_lowercase_word(title)))
    for index, (word, _) in enumerate(words[:-1]):
        following, adjacent = words[index + 1]
        if word in _COMPASS and adjacent and (index + 1 in keep or _is_name(following)):
            keep.add(index)
        if adjacent and following in rule_words("named_nouns") and _is_proper_adjective(word):
            keep.update((index, index + 1))  # `Persian Wars`, `Roman Empire`
    return frozenset(keep)


def _is_proper_adjective(word: str) -> bool:
    """`Persian`, `Napoleonic`, `French`: a proper word of styles/title-rules.toml or a
    capitalized word the dictionary knows as a name and not as a common word."""
    if not is_plain(word) or not word[:1].isupper() or word.lower() in rule_words("minor"):
        return False
    return word in rule_words("proper") or (is_known_name(word) and not is_common_word(word))


def _capitalized(word: str) -> bool:
    """`Survey`, `Suprime-Cam`; not `The` (a minor word starts no name) nor `HSC`."""
    if word.lower() in rule_words("minor"):
        return False
    return all(part[:1].isupper() and is_plain(part) for part in word.split("-"))


def _is_name(word: str) -> bool:
    """A capitalized word the dictionary does not know as a common word (`Subaru`, `Asia`)."""
    return _capitalized(word) and any(
        part in rule_words("proper") or not is_common_word(part) for part in word.split("-")
    )


def _is_unknown(part: str) -> bool:
    """A word the dictionary has neither as a common word nor as a name (`Subaru`, `Suprime`):
    a coinage or a name; `Persian` and `Gaussian` are names that also make ordinary phrases."""
    return not (is_common_word(part) or is_known_name(part) or part in rule_words("proper"))


def _runs(words: list[tuple[str, bool]]) -> list[range]:
    """Maximal runs of adjacent capitalized words."""
    runs: list[range] = []
    start = None
    for index, (word, adjacent) in enumerate([*words, ("", False)]):
        if start is not None and not (
            adjacent and _capitalized(word) and not _POSSESSIVE.search(words[index - 1][0])
        ):  # `Gaia's Astrometric Solution`: a possessive ends a name
            runs.append(range(start, index))
            start = None
        if start is None and _capitalized(word):
            start = index
    return runs


def _has_lowercase_word(title: str) -> bool:
    """The author wrote sentence case (`First data release of the ...`), so a capital inside
    it was given on purpose; in Title Case capitals tell nothing."""
    minor = rule_words("minor")
    return any(
        not starts and word.islower() and len(word) > 1 and word not in minor
        for word, starts in free_words(title)
    )


def _anchored_runs(words: list[tuple[str, bool]], *, sentence_case: bool) -> set[int]:
    keep: set[int] = set()
    for run in _runs(words):
        anchored = (
            sentence_case
            and len(run) >= 3
            and any(_is_unknown(part) for index in run[1:] for part in words[index][0].split("-"))
        )
        after_acronym = (
            len(run) >= 2
            and words[run[0]][1]
            and run[0] > 0
            and bool(_CODE.search(words[run[0] - 1][0]))
            and words[run[-1]][0] in _FACILITIES
        )
        if anchored or after_acronym:
            keep.update(run)
    return keep


def _spelled_out(words: list[tuple[str, bool]], acronym: str) -> set[int]:
    """The words whose initials spell the acronym (capitalized words first and last, connecting
    words spelled or skipped, a hyphenated word by its first part or all its parts), right
    before or after the acronym (`Local Outlier Factor (LOF)`, `CANFAR: the Canadian ...`)."""
    places = {
        index for index, (word, _) in enumerate(words) if acronym in re.split(r"[^\w]|_", word)
    }
    for start, (word, _) in enumerate(words):
        if not _capitalized(word):
            continue
        end = _match(words, start, acronym.lower(), first=True)
        if end is None or end - start < 2:
            continue
        the = start > 1 and words[start - 1][0].lower() == "the"
        if end in places or start - 1 in places or (the and start - 2 in places):
            return {i for i in range(start, end) if _capitalized(words[i][0])}
    return set()


def _match(words: list[tuple[str, bool]], index: int, letters: str, *, first: bool) -> int | None:
    """The end of the words from `index` that spell `letters`, or None."""
    if not letters:
        return index if _capitalized(words[index - 1][0]) else None
    if index >= len(words) or not (first or words[index][1]):
        return None
    word = words[index][0]
    if word.lower() in _CONNECTORS and not first:
        end = _match(words, index + 1, letters[1:], first=False) if word[0] == letters[0] else None
        return end if end is not None else _match(words, index + 1, letters, first=False)
    if not _capitalized(word):
        return None
    initials = "".join(part[0] for part in word.split("-")).lower()
    for initial in dict.fromkeys((initials, initials[0])):
        if letters.startswith(initial):
            found = _match(words, index + 1, letters[len(initial) :], first=False)
            if found is not None:
                return found
    return None
