"""How the casing code reads a title: its free words (outside protected chunks and tags), the
breaks between subtitles and sentences, and the word lists of styles/title-rules.toml."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache, lru_cache

from citeconv import lazy_regex
from citeconv.project_data import load_table
from citeconv.rendering.lexicon import is_known_word

# Protected chunks (kept verbatim) and markup tags; everything else is free text. A chunk ends
# before the next chunk of its kind opens: `<i>.*?</i>` looked for a close from each of 8,000
# unclosed `<i>` to the end of the title (quadratic; issue 15).
PROTECTED = lazy_regex.compile(
    r'(<span class="nocase">(?:[^<]|<(?!span[ >]|/span>))*+</span>'
    r"|<i>(?:[^<]|<(?!/?i>))*+</i>|<[^<>]+>)"
)
WORD = lazy_regex.compile(r"\w[\w'’\-]*")
# A colon, em dash or spaced en dash starts a subtitle; a full stop, `?` or `!` a new sentence,
# also after a part's roman numeral (`Analysis: II. Inflation`, `Microlensing. I. Data`).
BREAK = lazy_regex.compile(r"(?:[:\u2014]|(?<!\ue0ff)\s\u2013\s)\s*$")  # not `{RNA}–Guided`
SENTENCE_END = lazy_regex.compile(
    r"(?:[?!]|(?<=\w\w)\.|(?<![\w.])(?:I|II|III|IV|VI|VII|VIII|IX)\.|\ue0ff \.)\s+$"
)  # `{{II}}. Inflation`: a protected word ends a sentence too
_SPACES = lazy_regex.compile(r"\s+")
_CAPS_WORD = lazy_regex.compile(r"\b[A-Z]{2,}\b")
OPAQUE = " \ue0ff "  # a protected chunk, as the text before a word shows it


@cache
def rule_words(kind: str) -> frozenset[str]:
    """A word list of styles/title-rules.toml (`minor`, `proper`)."""
    return frozenset(str(load_table("title-rules.toml")["words"][kind]).split())


def is_opaque(chunk: str) -> bool:
    return chunk.startswith(("<span", "<i>"))


def map_free_words(title: str, recase: Callable[[str, str, int], str]) -> str:
    """`recase(word, text before it, index)` applied to each word outside protected chunks, the
    index counting words as `free_words` does; the text before it holds each protected chunk as
    one opaque word and no tags (only its end: see `tail`)."""
    out: list[str] = []
    before = ""
    index = 0
    for chunk in PROTECTED.split(title):
        if PROTECTED.fullmatch(chunk):
            out.append(chunk)
            before = tail(before, OPAQUE if is_opaque(chunk) else "")
            continue
        position = 0
        for match in WORD.finditer(chunk):
            out.append(chunk[position : match.start()])
            before = tail(before, chunk[position : match.start()])
            out.append(recase(match.group(0), before, index))
            index += 1
            before = tail(before, match.group(0))
            position = match.end()
        out.append(chunk[position:])
        before = tail(before, chunk[position:])
    return "".join(out)


def tail(before: str, more: str) -> str:
    """The end of `before + more` as the break patterns see it: whitespace runs as one space,
    the last five characters. Giving each word all the text before it made a 16,000-word title
    quadratic (issue 15); `BREAK`, `SENTENCE_END` and `.strip()` read only this much."""
    return _SPACES.sub(" ", before + more)[-5:]


def starts_sentence(before: str) -> bool:
    return not before.strip() or bool(SENTENCE_END.search(before))


def opaque_text(title: str) -> str:
    """The title with each protected chunk as one opaque word and tags dropped."""
    return "".join(
        (OPAQUE if is_opaque(c) else "") if PROTECTED.fullmatch(c) else c
        for c in PROTECTED.split(title)
    )


@lru_cache(maxsize=4096)
def free_words(title: str) -> tuple[tuple[str, bool], ...]:
    """(word, starts-a-sentence) for each word outside protected chunks."""
    found: list[tuple[str, bool]] = []
    text = opaque_text(title)
    before, position = "", 0
    for match in WORD.finditer(text):
        before = tail(before, text[position : match.start()])
        position = match.start()
        starts = starts_sentence(before) or bool(BREAK.search(before))
        found.append((match.group(0), starts))
    return tuple(found)


@lru_cache(maxsize=65536)
def is_plain(word: str) -> bool:
    """A word whose case carries no meaning of its own: `Cancer`, `cancer`, not `HER2`."""
    letters = [c for c in word if c.isalpha()]
    return bool(letters) and word[0].isalpha() and not any(c.isupper() for c in word[1:])


def is_all_caps(title: str) -> bool:
    """`THE ENVIRONMENT AND HEALTH`: three or more words, no lowercase letter outside protected
    chunks, and most words known to the dictionary (not a string of acronyms)."""
    if len(_CAPS_WORD.findall(title)) < 3:
        return False  # the common case, decided without splitting the title into words
    words = [word for word, _ in free_words(title) if any(c.isalpha() for c in word)]
    if len(words) < 3 or any(c.islower() for word in words for c in word):
        return False
    return sum(1 for word in words if is_known_word(word)) * 2 > len(words)
