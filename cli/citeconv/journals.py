"""The only pyiso4 adapter: journal titles -> ISO 4 abbreviations in NLM form (no periods).

Loading the LTWA (~56,000 rows) costs 0.6-1.5 s per process, more than converting a small file.
`JournalAbbreviations` answers from a memo of earlier results first (the commands layer keeps
it on disk between runs) and loads the LTWA only for a title it has never seen.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

# A CSL element that prints the short form of the journal title: citeproc-py reads
# `container-title` with form="short" as `container-title-short`, which is where we put the
# abbreviation. Styles that print neither never show an abbreviation (APA, MLA, Harvard).
_TAG = re.compile(rb"<[^>]*>")
_SHORT_FORM = re.compile(rb"""\bform\s*=\s*["']short["']""")


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


def journal_key(title: str) -> str:
    """The memo key of a title: whitespace runs collapsed, as the abbreviator sees it."""
    return " ".join(title.split())


@lru_cache(maxsize=4096)
def abbreviate_journal(title: str) -> str | None:
    """`British Journal of Cancer` -> `Br J Cancer` (NLM Catalog form: ISO 4 without periods)."""
    title = journal_key(title)
    if not title:
        return None
    catalog, whole_words = _nlm_tables()
    listed = catalog.get(re.sub(r"^the\s+", "", title.casefold()))
    if listed:
        return listed
    try:
        abbreviated = str(_abbreviator()(title, remove_part=True))
    except (ValueError, KeyError, IndexError):
        return None
    # The ISO 4 tooling truncates a few words the LTWA keeps whole (NLM: `Am J Public Health`).
    present = set(re.findall(r"\w+", title.casefold()))
    words = abbreviated.replace(".", " ").replace(" :", " ").replace(",", " ").split()
    fixed = [
        whole_words[w] if w in whole_words and whole_words[w].casefold() in present else w
        for w in words
    ]
    return " ".join(fixed) or None


@cache
def _nlm_tables() -> tuple[Mapping[str, str], Mapping[str, str]]:
    """NLM Catalog abbreviations that ISO 4 does not derive (`JAMA`, `PLoS One`), and the
    whole words for truncations, from styles/title-rules.toml, compiled into an index on
    first use (journal_tables.py) so a run reads only the titles it looks up."""
    from citeconv.journal_tables import compiled_mapping
    from citeconv.project_data import data_dir, load_table

    def rows(name: str) -> Any:
        return lambda: load_table("title-rules.toml")["styles"]["nlm"].get(name, {}).items()

    source = [data_dir() / "title-rules.toml"]
    return (
        compiled_mapping("nlm-journals", source, rows("journals")),
        compiled_mapping("nlm-journal-words", source, rows("journal_words")),
    )


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
    return any(
        b"container-title" in tag and _SHORT_FORM.search(tag) for tag in _TAG.findall(style_xml)
    )
