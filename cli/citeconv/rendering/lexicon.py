"""The only english-words adapter: is a capitalized word a common lowercase English word?

Webster's Second International (the package's `web2` list, 236,000 words) keeps proper nouns
capitalized (`Paris`, `Persian`, `Milesian`) and common words in lowercase, so a title word is
lowered only when the dictionary knows it in lowercase; surnames, places and coinages it does not
know keep their capital. The list has no inflected forms, so `Nets` and `Galaxies` are looked up
as `net` and `galaxy`. It is read on first use only, never at start-up: compiled once into a
6 MB index under the user cache directory (0.5 s), then opened in about 10 ms.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from array import array
from bisect import bisect_left
from collections.abc import Container, Iterable, Set
from contextlib import suppress
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path

from citeconv import lazy_regex
from citeconv.journal_tables import fingerprint, tables_dir
from citeconv.project_data import load_table

# Inflections of a common word -> its dictionary form: plurals, past tenses, -ing forms,
# comparatives and superlatives.
_SUFFIXES: tuple[tuple[str, str], ...] = (
    *(("ies", "y"), ("es", ""), ("s", ""), ("ied", "y"), ("ed", ""), ("ed", "e")),
    *(("ing", ""), ("ing", "e"), ("ier", "y"), ("iest", "y"), ("er", ""), ("er", "e")),
    *(("est", ""), ("est", "e")),
    *(("ally", ""), ("ily", "y"), ("ly", ""), ("ic", "y"), ("ical", "y")),  # adverbs, adjectives
    *(("able", ""), ("able", "e"), ("ible", ""), ("ible", "e")),  # `Programmable`, `Reducible`
)
# Contractions of a common word (`They're`, `Shouldn't`).
_CONTRACTION = lazy_regex.compile(r"(?:['\u2019](?:re|ve|ll|d|m|s)|n['\u2019]t)$")
# Scientific prefixes glued to a common word of five letters or more (`Neuroimaging`,
# `Multivariate`, `Astrometric`); a short rest is too often a name (`Microsoft`).
_PREFIXES = tuple(
    """multi neuro micro sub meta nano peta tera giga astro spatio non pre post inter intra
    super hyper semi macro photo electro bio geo tele auto over under counter anti mega cyber
    uni magneto thermo hydro psycho socio immuno cardio pseudo quasi ultra infra trans air
    de re un dis""".split()
)
# Endings of long learned words that are never names (`Magnetoencephalography`), of enzymes
# (`Endonuclease`), of diseases (`Atherosclerotic`, `Arthritis`), and the stems of the WHO's
# International Nonproprietary Names, which APA writes in lowercase (`Canakinumab`).
_LEARNED = lazy_regex.compile(
    r"(?:ography|ographies|ology|ologies|ological|ization|isation|izations|isations|ality|"
    r"ometry|ometric|ational|ically|ivity|ivities|"
    r"[^s]ase|[^s]ases|otic|osis|oses|itis|emia|aemia|"
    r"mab|tinib|ciclib|previr|buvir|statin|mycin|cillin|pril|sartan|olol|floxacin|parin)$"
)


@cache
def _words() -> Container[str]:
    """The `web2` list as a compact index (WordIndex), compiled once under the user cache
    directory like the journal tables; built in memory where nothing can be written."""
    try:
        source = Path(str(resources.files("english_words").joinpath("data", "web2.pickle")))
        path = tables_dir() / f"web2-{fingerprint(source)}.words"
    except (OSError, ModuleNotFoundError, TypeError):
        return WordIndex.of(_word_set())
    try:
        return WordIndex.read(path.read_bytes())
    except (OSError, ValueError):
        pass
    index = WordIndex.of(_word_set())
    with suppress(OSError):
        _write_atomically(path, index.to_bytes())
    return index


def _word_set() -> Set[str]:
    """The `web2` list as the package ships it. Its pickled set is read directly: the
    package's function returns a copy of it (`set.union`), which costs a third more; the pickle
    is the package's own data, as trusted as its code, and its function reads it the same way."""
    try:
        data = resources.files("english_words").joinpath("data", "web2.pickle").read_bytes()
        words = pickle.loads(data)
        if isinstance(words, set | frozenset):
            return words
    except (OSError, ModuleNotFoundError, pickle.UnpicklingError):
        pass
    from english_words import get_english_words_set

    listed: Set[str] = get_english_words_set(["web2"], alpha=False, lower=False)
    return listed


def _write_atomically(path: Path, data: bytes) -> None:
    # A temporary file renamed into place: a concurrent run reads the whole index or none.
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=".tmp-", suffix=".words", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temporary, path)
    finally:
        Path(temporary).unlink(missing_ok=True)


def _digest(word: str) -> int:
    return int.from_bytes(
        hashlib.blake2b(word.encode("utf-8", "surrogatepass"), digest_size=8).digest(), "little"
    )


class WordIndex:
    """A word list in three flat arrays: each word's 64-bit digest, sorted; the words in that
    order as one text; where each starts in it. Membership is a binary search on the digest
    and a comparison with the word itself, so the answer is exact. 236,000 words as a Python
    set were 236,000 objects, 24 MB of a run's peak memory (issue 12); this is 6 MB, read
    from its file in milliseconds."""

    __slots__ = ("_digests", "_starts", "_text")

    def __init__(self, digests: array[int], starts: array[int], text: str) -> None:
        if len(starts) != len(digests) + 1 or (starts and starts[-1] != len(text)):
            raise ValueError("inconsistent word index")
        self._digests, self._starts, self._text = digests, starts, text

    @classmethod
    def of(cls, words: Iterable[str]) -> WordIndex:
        ordered = sorted((_digest(word), word) for word in set(words))
        starts, position = array("q", [0]), 0
        for _, word in ordered:
            position += len(word)
            starts.append(position)
        digests = array("Q", (digest for digest, _ in ordered))
        return cls(digests, starts, "".join(word for _, word in ordered))

    def __contains__(self, word: object) -> bool:
        if not isinstance(word, str):
            return False
        digest = _digest(word)
        digests, starts, text = self._digests, self._starts, self._text
        at = bisect_left(digests, digest)
        while at < len(digests) and digests[at] == digest:  # equal digests: compare the words
            if text[starts[at] : starts[at + 1]] == word:
                return True
            at += 1
        return False

    def __len__(self) -> int:
        return len(self._digests)

    def to_bytes(self) -> bytes:
        text = self._text.encode("utf-8", "surrogatepass")
        head = array("q", [len(self._digests), len(text)]).tobytes()
        return head + self._digests.tobytes() + self._starts.tobytes() + text

    @classmethod
    def read(cls, data: bytes) -> WordIndex:
        view = memoryview(data)
        head = array("q")
        head.frombytes(view[:16])
        count, text_size = head
        digests, starts = array("Q"), array("q")
        end = 16 + digests.itemsize * count
        digests.frombytes(view[16:end])
        starts.frombytes(view[end : end + starts.itemsize * (count + 1)])
        text = bytes(view[end + starts.itemsize * (count + 1) :])
        if len(text) != text_size:
            raise ValueError("truncated word index")
        return cls(digests, starts, text.decode("utf-8", "surrogatepass"))


@lru_cache(maxsize=65536)
def is_common_word(word: str) -> bool:
    """`Walk`, `Nets`, `Learning`: the dictionary has the word, or its stem, in lowercase and
    not as a capitalized name (`Paris` is a name; `paris` is not a word)."""
    lower = _CONTRACTION.sub("", word.lower()) or word.lower()
    words = _words()
    if lower in words or lower in _modern_words():
        return True
    if word in words:
        return False
    if len(lower) >= 9 and _LEARNED.search(lower):
        return True
    american = _american_spelling(lower)
    if american != lower and is_common_word(american):
        return True  # `Factorising`, `Colour`, `Centre`: the dictionary spells them American
    return (
        _inflected_is_common(lower, words)
        or any(
            lower.startswith(prefix)
            and len(lower) - len(prefix) >= (5 if len(prefix) > 2 else 7)
            and _inflected_is_common(lower[len(prefix) :], words)
            for prefix in _PREFIXES
        )
        or _is_compound(lower, words)
    )


# British spellings -> American ones, which Webster's lists (`factorising` -> `factorizing`,
# `colour` -> `color`, `analyse` -> `analyze`, `centre` -> `center`, `modelling` -> `modeling`,
# `catalogue` -> `catalog`, `defence` -> `defense`).
_BRITISH = (
    (lazy_regex.compile(r"(?<=\w\w)is(e|es|ed|ing|er|ers|ation|ations)$"), r"iz\1"),
    (lazy_regex.compile(r"(?<=\w\w)ys(e|es|ed|ing|er|ers)$"), r"yz\1"),
    (lazy_regex.compile(r"(?<=\w\w)our(s|ed|ing|ful|ite|ites|able|less)?$"), r"or\1"),
    (lazy_regex.compile(r"(?<=\w[a-np-z])([bgct])re(s)?$"), r"\1er\2"),
    (lazy_regex.compile(r"(?<=\w\w[aeiou])ll(ed|ing|er|ers)$"), r"l\1"),
    (lazy_regex.compile(r"(?<=\w\w)ogue(s)?$"), r"og\1"),
    (lazy_regex.compile(r"(?<=\w\w)ence$"), "ense"),
)


def _american_spelling(word: str) -> str:
    for pattern, replacement in _BRITISH:
        changed = pattern.sub(replacement, word)
        if changed != word:
            return changed
    return word


def _is_compound(word: str, words: Container[str]) -> bool:
    """Two common words written as one (`Willpower`, `Coronavirus`, `Wavefront`). The parts
    must be long (four letters, then five) so that surnames built the same way (`Goodman`,
    `Blackwell`, `Goldberg`) keep their capital."""
    return any(
        word[:cut] in words
        and word[cut:] not in _PLACE_NAME_ENDS
        and _inflected_is_common(word[cut:], words)
        for cut in range(4, len(word) - 4)
    )


# Second halves that make English place names and surnames (`Silverstone`, `Whitehouse`).
_PLACE_NAME_ENDS = frozenset(
    """house stone bridge field water brook ridge worth mouth grove castle church shire ville
    haven borough minster stead combe thorpe ington""".split()
)


def _inflected_is_common(word: str, words: Container[str]) -> bool:
    if word in words or word in _modern_words():
        return True
    return any(_stem_is_common(word, suffix, ending, words) for suffix, ending in _SUFFIXES)


@cache
def _modern_words() -> frozenset[str]:
    """Common words younger than the dictionary (`app`, `online`, `dataset`)."""
    return frozenset(str(load_table("title-rules.toml")["words"]["common"]).split())


def _stem_is_common(word: str, suffix: str, ending: str, words: Container[str]) -> bool:
    if not word.endswith(suffix):
        return False
    stem = word[: -len(suffix)] + ending
    if len(stem) < 3:
        return False
    if stem in words or stem in _modern_words():
        return True
    doubled = suffix in ("ed", "ing", "able") and not ending and stem[-1:] == stem[-2:-1]
    return doubled and stem[:-1] in words  # `running` -> `run`


def is_known_name(word: str) -> bool:
    """The dictionary has the capitalized word as a name (`Boston`, `China`), whether or not it
    also has a common word of that spelling (`boston`, a card game)."""
    return word in _words()


def is_known_word(word: str) -> bool:
    """The dictionary has the word in lowercase (ALL CAPS titles: `ENVIRONMENT` is a word,
    `NASA` is not)."""
    return is_common_word(word.lower().capitalize())
