"""Is a title in another language than English? Read from its function words, for entries
with no `langid`/`language`: English title-case rules must never recase them."""

from __future__ import annotations

from functools import lru_cache

from citeconv import lazy_regex

# Words frequent in titles of one language and rare in English titles (`die` and `an` are
# English too, so they never count alone).
_FOREIGN_WORDS = {
    "de": frozenset(
        "der die das und für über mit von zur zum eines einer einem im auf bei aus nach "
        "zwischen unter nicht oder sich ist sind wird werden eine ein den dem des vom durch".split()
    ),
    "fr": frozenset(
        "et les des du pour dans sur une avec aux est entre par sous chez leur selon".split()
    ),
    "es-pt-it": frozenset(
        "y del los las para con por una em dos das uma pela pelo della delle degli nella "
        "sulla dei il gli e la el".split()
    ),
}
_ENGLISH_WORDS = frozenset(
    "the of and in for on with to from by a an is are at as its their this that".split()
)
_WORD = lazy_regex.compile(r"[^\W\d_]+")
_TAG = lazy_regex.compile(r"<[^<>]+>")


@lru_cache(maxsize=16384)
def looks_foreign(text: str) -> bool:
    """More function words of one other language than of English (`Die Stadtmauern von
    Nürnberg und ihre Tore`, `Zeitschrift für Archäologie und Kulturgeschichte`)."""
    words = [
        word.lower()
        for word in _WORD.findall(_TAG.sub(" ", text))
        if not (len(word) > 1 and word.isupper())  # `MIT Press` is not German `mit`
    ]
    english = sum(1 for word in words if word in _ENGLISH_WORDS)
    for vocabulary in _FOREIGN_WORDS.values():
        foreign = sum(1 for word in words if word in vocabulary and word not in _ENGLISH_WORDS)
        if foreign >= 1 and foreign > english and _strong(words, vocabulary):
            return True
    return False


def _strong(words: list[str], vocabulary: frozenset[str]) -> bool:
    """At least one word that is not also an English word or a common name part (`la`, `e`,
    `die`, `des`), or German spelling beside a German article (`Die Stadtmauern der Stadt`)."""
    if any(word in vocabulary and word not in _WEAK for word in words):
        return True
    return "der" in vocabulary and any(_GERMAN_SPELLING.search(word) for word in words)


_WEAK = frozenset({"die", "e", "la", "el", "il", "des", "den", "dem", "em", "dos", "das", "im"})
_GERMAN_SPELLING = lazy_regex.compile(r"[äöüß]|(?:ung|ungen|heit|keit|schaft|lich|isch)$")
