"""Given names shortened to initials (`initialize-with`, `initialize`), as citeproc-js does.

A word of the given name followed by a period, or a single capital, is already an initial or
an abbreviation: it keeps its letters (`Ph.` stays `Ph`, `ME.` stays `ME`) and takes the
style's mark. A whole word becomes its first letter and the mark, or, under
`initialize="false"`, stays whole. A word opening with a run of capitals before lowercase
letters keeps that run (`TSerendorjiin` -> `Ts.`). With `initialize-with-hyphen` (the
default) the parts of a hyphenated name are initialized apart (`Jean-Paul` -> `J.-P.`) and a
lowercase part is dropped (`Guo-ping` -> `G.`). Lowercase words elsewhere are particles and
stay as they are. citeproc-py cut every word to one letter and ignored `initialize="false"`.

Fixtures: name_InitialsInitialize{True,False}{,Empty,Period,PeriodSpace}, name_LongAbbreviation,
name_LowercaseSurnameSuffix, name_InTextMarkupInitialize, name_InTextMarkupNormalizeInitials.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from citeconv import lazy_regex

_WORD = lazy_regex.compile(r"([^\s.]+)(\.?)")
_CAPITALS_THEN_LOWER = lazy_regex.compile(r"^([A-Z]{2,})(?=[a-z])")
_SPACES = lazy_regex.compile(r" {2,}")
# A word's rich-text tags, hidden as private-use characters (markup.py), around its letters.
_TAGGED = lazy_regex.compile(
    "([\ue000-\ue009\ue013\ue014]*)(.*?)([\ue000-\ue009\ue013\ue014]*)", re.S
)


@lru_cache(maxsize=4096)  # given names repeat: a large bibliography has few distinct ones
def initialized(given: str, mark: str, *, whole_words: bool = False, hyphen: bool = True) -> str:
    """`given` shortened: each initial followed by `mark`; whole words kept if `whole_words`."""
    parts = given.split("-")
    # A lowercase part is dropped from initials only: a name written out keeps it (`Masa-aki`);
    # without the hyphen it is no particle either (NLM `Sato M`, never `Sato M aki`).
    kept = [parts[0], *(part for part in parts[1:] if whole_words or not part[:1].islower())]
    if not hyphen:
        return _initialized_part(" ".join(kept), mark, whole_words)
    return "-".join(_initialized_part(part, mark, whole_words).rstrip() for part in kept)


def _initialized_part(text: str, mark: str, whole_words: bool) -> str:
    pieces: list[str] = []
    after_initial = False
    for marked, period in _WORD.findall(text):
        opening, found, closing = _tags_apart(marked)
        word = _from_first_letter(found)
        if not word or word[0].islower():  # a particle (`de`, `van`), or no letter at all
            word = word or found
            pieces.append(_spaced(pieces, after_initial, mark) + opening + word + closing + " ")
            after_initial = False
        elif period or len(word) == 1 or not whole_words:
            # The mark goes inside the word's own markup: `<b>John</b>` -> `<b>J.</b> `.
            dot = mark.rstrip()
            initial = opening + _initial(word, bool(period)) + dot + closing
            pieces.append(initial + mark[len(dot) :])
            after_initial = True
        else:
            pieces.append(_spaced(pieces, after_initial, mark) + opening + word + closing + " ")
            after_initial = False
    return _SPACES.sub(" ", "".join(pieces)).strip()


def _tags_apart(word: str) -> tuple[str, str, str]:
    """The tags opening a word, its text, the tags closing it."""
    tagged = _TAGGED.fullmatch(word)
    return (tagged[1], tagged[2], tagged[3]) if tagged else ("", word, "")


def _from_first_letter(word: str) -> str:
    """`(Frank` -> `Frank`: stray brackets and quotes of a badly split name are no initial."""
    for position, character in enumerate(word):
        if character.isalnum():
            return word[position:] if character.isalpha() else ""
    return ""


def _spaced(pieces: list[str], after_initial: bool, mark: str) -> str:
    """A whole word after an initial whose mark has no space (`M.` + `John`) gets one."""
    return " " if pieces and after_initial and not mark.endswith(" ") else ""


def _initial(word: str, abbreviated: bool) -> str:
    if abbreviated or len(word) == 1:
        return word
    capitals = _CAPITALS_THEN_LOWER.match(word)
    if capitals:
        return capitals.group(1)[0] + capitals.group(1)[1:].lower()
    return word[0]


def install(model: Any) -> None:
    """Patch the engine's classes (idempotent)."""
    if getattr(model, "_citeconv_initials", False):
        return
    model.Name.initialize = _initialize
    model._citeconv_initials = True


# (cs:name element, rendering context) -> (initialize="false", initialize-with-hyphen): two
# XPath searches per name otherwise.
_options: dict[tuple[Any, Any], tuple[bool, bool]] = {}


def _initialize(self: Any, given: Any, mark: Any, context: Any) -> Any:
    key = (self, context)
    options = _options.get(key)
    if options is None:
        if len(_options) > 4096:
            _options.clear()  # styles come and go in a long process (the CSL suite)
        options = _options[key] = (
            _name_option(self, "initialize", context) == "false",
            bool(self.get_option("initialize-with-hyphen", context)),
        )
    whole_words, hyphen = options
    return initialized(str(given), str(mark), whole_words=whole_words, hyphen=hyphen)


def _name_option(name: Any, option: str, context: Any) -> str | None:
    """An inheritable name option: the <name> element, then its citation or bibliography,
    then the style."""
    value = name.get(option)
    if value is not None:
        return str(value)
    scope = (context if context is not None else name).xpath_search(
        "./ancestor::*[self::cs:citation or self::cs:bibliography][1]"
    )
    if scope and scope[0].get(option) is not None:
        return str(scope[0].get(option))
    root = name.getroottree().getroot()
    return None if root.get(option) is None else str(root.get(option))
