"""The only pyiso4 adapter: journal titles -> ISO 4 abbreviations in NLM form (no periods)."""

from __future__ import annotations

from functools import cache, lru_cache
from typing import Any


@cache
def _abbreviator() -> Any:
    # Loading the LTWA (~56,000 rows) costs about half a second: only styles and writers that
    # print a short journal title ever get here, and results are memoized per title.
    from pyiso4.ltwa import Abbreviate

    return Abbreviate.create()


@lru_cache(maxsize=4096)
def abbreviate_journal(title: str) -> str | None:
    """`British Journal of Cancer` -> `Br J Cancer` (NLM Catalog form: ISO 4 without periods)."""
    title = " ".join(title.split())
    if not title:
        return None
    try:
        abbreviated = str(_abbreviator()(title, remove_part=True))
    except (ValueError, KeyError, IndexError):
        return None
    abbreviated = " ".join(abbreviated.replace(".", " ").split())
    return abbreviated or None
