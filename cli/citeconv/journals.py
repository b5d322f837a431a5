"""The only pyiso4 adapter: journal titles -> abbreviations, in NLM's form or ISO 4's.

NLM (Citing Medicine) prints the NLM Catalog abbreviation, else ISO 4 without periods
(`Br J Cancer`); IEEE, Nature, ACS, AIP, APS, ... print ISO 4 with periods (`Br. J. Cancer`).
The hub keeps NLM's form; `with_periods` gives ISO 4's back from it and the title. The logic
takes its tables as data (`JournalTables`, from styles/journals.toml).

Loading the LTWA (~56,000 rows) costs 0.6-1.5 s per process, more than converting a small file.
`JournalAbbreviations` answers from a memo of earlier results first (the commands layer keeps
it on disk between runs) and loads the LTWA only for a title it has never seen.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Any, Literal

from citeconv import lazy_regex

# A CSL element that prints the short form of the journal title: citeproc-py reads
# `container-title` with form="short" as `container-title-short`, which is where we put the
# abbreviation. Styles that print neither never show an abbreviation (APA, MLA, Harvard).
_TAG = lazy_regex.compile(rb"<[^<>]*>")
_SHORT_FORM = lazy_regex.compile(rb"""\bform\s*=\s*["']short["']""")
# PubMed's journal titles carry the NLM Catalog's qualifiers: `Lancet (London, England)`,
# `BMJ (Clinical research ed.)`, `Journal of clinical oncology : official journal of ...`,
# Zotero's `Clinical Neurophysiology: Official Journal of the International ...`.
_CATALOG_QUALIFIER = lazy_regex.compile(
    r"\s*\((?:[^()]*,[^()]*|[^()]*\bed\.)\)$|\s+:\s+.*$"
    r"|\s*:\s*(?:the\s+)?official\s+(?:journal|publication|organ)\s+of\b.*$",
    re.IGNORECASE,
)
# A gloss in parentheses that is the journal's acronym: `ACM Transactions on ... (TRETS)`.
_ACRONYM_GLOSS = lazy_regex.compile(r"\s*\([A-Z][A-Z0-9&-]+\)$")
# PubMed's medium qualifier (`Physics in Medicine and Biology (Online)`): no part of the name.
_MEDIUM_QUALIFIER = lazy_regex.compile(r"\s*\((?:online|print|internet|electronic|cd-rom)\)$", re.I)
# A subtitle in parentheses (`Series B (Statistical Methodology)`) is abbreviated as words;
# a gloss with digits (`Journal of the Optical Society of America (1917-1983)`) is kept whole.
_DATED_GLOSS = lazy_regex.compile(r"\s*(\([^()]*\d[^()]*\))$")
_PARENTHESES = lazy_regex.compile(r"\s*[()]\s*")
_WORD = lazy_regex.compile(r"[^\W_]+")

JournalForm = Literal["nlm", "iso4"]


@dataclass(frozen=True)
class JournalTables:
    catalog: Mapping[str, str]  # catalog_key(title) -> NLM Catalog abbreviation
    whole_words: Mapping[str, str]  # a word the ISO 4 tooling truncates -> the LTWA's word
    ltwa_gaps: Mapping[str, str]  # a lowercase word the tooling leaves whole -> abbreviation


@cache
def _abbreviator() -> Any:
    # Only styles and writers that print a short journal title ever get here. pyiso4's own
    # algorithm over its own data, with its pattern trees read from a compiled index
    # (journal_tables.py): milliseconds instead of building 400,000 objects per process.
    from pyiso4.ltwa import Abbreviate, Pattern

    from citeconv.journal_tables import compiled_ltwa

    ltwa_file, stopwords_file = Abbreviate.create.__func__.__defaults__
    starts, ends = compiled_ltwa(Path(ltwa_file), Pattern.from_line, Pattern)
    with open(stopwords_file, encoding="utf-8") as lines:
        stopwords = [word.strip() for word in lines]
    return Abbreviate(starts, ends, stopwords)


# Abbreviators a forked worker inherited, kept alive there but never used: their compiled
# tables are read through an SQLite connection, and SQLite forbids using a connection
# opened before a fork in the child (forked_map.py forks while the parent holds one).
_inherited_abbreviators: list[Any] = []


def _open_own_tables_after_fork() -> None:
    if _abbreviator.cache_info().currsize:
        _inherited_abbreviators.append(_abbreviator())
        _abbreviator.cache_clear()


os.register_at_fork(after_in_child=_open_own_tables_after_fork)


@cache
def journal_tables() -> JournalTables:
    from citeconv.project_data import load_table

    table = load_table("journals.toml")
    return JournalTables(
        dict(table.get("nlm_catalog", {})),
        dict(table.get("truncated_words", {})),
        dict(table.get("ltwa_gaps", {})),
    )


def journal_key(title: str) -> str:
    """The memo key of a title: whitespace runs collapsed, as the abbreviator sees it."""
    return " ".join(title.split())


def catalog_key(title: str) -> str:
    return re.sub(r"^the\s+", "", journal_key(title).casefold())


def without_catalog_qualifier(title: str) -> str:
    """`Lancet (London, England)` -> `Lancet`: the journal's own name."""
    return _CATALOG_QUALIFIER.sub("", title)


def bare_journal_title(title: str) -> str:
    """The words an abbreviation shortens: the catalog qualifier and an acronym gloss dropped."""
    name = _ACRONYM_GLOSS.sub("", without_catalog_qualifier(journal_key(title)))
    name = _MEDIUM_QUALIFIER.sub("", name)
    return name or title


@lru_cache(maxsize=4096)
def abbreviate_journal(title: str) -> str | None:
    """`British Journal of Cancer` -> `Br J Cancer` (NLM Catalog form: ISO 4 without periods)."""

    def iso4(name: str) -> str:
        return str(_abbreviator()(name, remove_part=True))

    return abbreviate_with(journal_key(title), journal_tables(), iso4)


def abbreviate_with(title: str, tables: JournalTables, iso4: Callable[[str], str]) -> str | None:
    """The NLM Catalog abbreviation if listed, else `iso4(title)` in NLM's form with the
    LTWA's words mended (`Am J Public Health`, `J Polit Econ`)."""
    name = bare_journal_title(title)
    if not name:
        return None
    listed = tables.catalog.get(catalog_key(name))
    if listed:
        return listed
    if _looks_abbreviated(name):
        return _abbreviated_further(nlm_form(name), iso4) or None
    dated = _DATED_GLOSS.search(name)
    if dated and dated.start():
        head = abbreviate_with(name[: dated.start()], tables, iso4)
        return f"{head} {dated.group(1)}" if head else None
    try:
        abbreviated = iso4(" ".join(_PARENTHESES.sub(" ", name).split()))
    except (ValueError, KeyError, IndexError):
        return None
    return nlm_form(mend_words(abbreviated, name, tables)) or None


def _looks_abbreviated(title: str) -> bool:
    """`Angew. Chem. Int. Ed.`, `Phys. Rev. Lett.`, `Mem. Soc. Astron. Italiana`: most words
    end with an abbreviating period."""
    words = title.replace("~", " ").split()
    return len(words) > 1 and 2 * sum(word.endswith(".") for word in words) >= len(words)


def _abbreviated_further(plain: str, iso4: Callable[[str], str]) -> str:
    """An abbreviation given in the file (`Angew Chem Int Ed`, `Mem Soc Astron Italiana`): the
    ISO 4 tooling reads its periods as commas and drops words it takes for articles (`Ed`), so
    only the words it shortens are taken from it (`Ital`), each kept in its place."""
    try:
        shortened = nlm_form(iso4(plain)).split()
    except (ValueError, KeyError, IndexError):
        return plain
    words, position = [], 0
    for word in plain.split():
        if position < len(shortened) and word.casefold().startswith(shortened[position].casefold()):
            words.append(shortened[position])
            position += 1
        else:
            words.append(word)
    return " ".join(words)


def mend_words(abbreviation: str, title: str, tables: JournalTables) -> str:
    """Words the ISO 4 tooling truncates made whole (`Heal.` -> `Health`), words it leaves
    whole abbreviated (`Political` -> `Polit.`)."""
    present = set(_WORD.findall(title.casefold()))
    mended = []
    for word in abbreviation.split():
        bare = word.strip(".:,")
        whole = tables.whole_words.get(bare)
        if whole and whole.casefold() in present:
            word = word.replace(bare, whole).replace(".", "")
        elif bare.casefold() in tables.ltwa_gaps and "." not in word:
            word = word.replace(bare, tables.ltwa_gaps[bare.casefold()] + ".")
        mended.append(word)
    return " ".join(mended)


def nlm_form(abbreviation: str) -> str:
    """ISO 4 as NLM prints it: no periods, colons, commas or ampersands; every word
    capitalized (Google Scholar exports `J mach learn res`)."""
    words = re.sub(r"[.:,]|\s&\s", " ", abbreviation).split()
    return " ".join(w[0].upper() + w[1:] if w.islower() else w for w in words)


def with_periods(short: str, title: str) -> str:
    """NLM's form -> ISO 4's: a period after each word that shortens one of the title's
    (`Br. J. Cancer`, `Proc. Natl. Acad. Sci. U. S. A.`); whole words and acronyms take none
    (`IEEE Trans. Signal Process.`, `JAMA`, `PLoS One`)."""
    whole = set(_WORD.findall(title.casefold()))
    # a title given abbreviated (`Phys. Rev. Lett.`): its words with a period are shortened
    given_short = set(re.findall(r"([^\W\d_]+)\.", title.casefold())) if " " in title else set()
    out = []
    for word in nlm_form(short).split():
        folded = word.casefold()
        shortened = word.isalpha() and (folded not in whole or folded in given_short)
        acronym = len(word) > 1 and word.isupper()
        out.append(f"{word}." if shortened and not acronym else word)
    return " ".join(out)


def abbreviates(short: str, title: str) -> bool:
    """Whether `short` abbreviates `title` word by word, in order (`Br J Cancer`, `Proc Natl
    Acad Sci U S A`), not a siglum (`AW` for `Archiv für Wissenschaft`, `BJb`)."""
    words = _WORD.findall(_folded(title))
    position = 0
    parts = _WORD.findall(_folded(short))
    for part in parts:
        while position < len(words) and not _shortens(part, words[position]):
            position += 1
        if position == len(words):
            return False
        position += 1
    return bool(parts)


def _folded(text: str) -> str:
    """Case, accents and apostrophes ignored: `Médica` and `Med`, `Schmiedeberg's` and
    `Schmiedebergs` compare (ISO 4 drops both)."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c) and c not in "'’")


def _shortens(part: str, word: str) -> bool:
    """`natl` shortens `national` (its letters in order, the first one first)."""
    if not word.startswith(part[0]):
        return False
    letters = iter(word)
    return all(letter in letters for letter in part)


class JournalAbbreviations:
    """`abbreviate_journal` behind a memo: `known` from earlier runs, `learned` in this one."""

    def __init__(self, known: Mapping[str, str | None]) -> None:
        self._known = dict(known)
        self.learned: dict[str, str | None] = {}

    def __call__(self, title: str) -> str | None:
        key = journal_key(title)
        if key in self._known:
            return self._known[key]
        abbreviation = abbreviate_journal(key)
        self._known[key] = self.learned[key] = abbreviation
        return abbreviation


def style_prints_abbreviations(style_xml: bytes) -> bool:
    """Whether a CSL style can print a journal abbreviation (errs towards yes).

    When it cannot, a conversion need not abbreviate at all: the output is the same and the
    LTWA (most of a cold run on a small file) is never loaded."""
    if b"container-title-short" in style_xml:
        return True
    return any(_prints_short_title(tag) for tag in _TAG.findall(style_xml))


def _prints_short_title(tag: bytes) -> bool:
    return b"container-title" in tag and bool(_SHORT_FORM.search(tag))


def abbreviation_form(texts: Iterable[Mapping[str, str]]) -> JournalForm | None:
    """How a style prints journal abbreviations, from the attributes of its `<text>` elements:
    not at all; NLM's form (each short title printed with strip-periods="true":
    nlm-citation-sequence, AMA); or ISO 4 with periods (IEEE, Nature, ACS, AIP and APS print
    the short form as it is)."""
    short = [
        text
        for text in texts
        if text.get("variable") == "container-title-short"
        or (text.get("variable") == "container-title" and text.get("form") == "short")
    ]
    if not short:
        return None
    return "nlm" if all(text.get("strip-periods") == "true" for text in short) else "iso4"
