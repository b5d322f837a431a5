"""The incremental render cache, as values: keys are pure, the disk store lives in commands/.

One cache entry is what citeproc-py rendered for one item (HTML before any markup conversion,
plus the warnings it raised), so the same entry serves text, HTML, Markdown and rST output.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

# What citeproc-py rendered for one item: its HTML (None: nothing) and its warning messages.
CachedEntry = tuple[str | None, tuple[str, ...]]


@dataclass(frozen=True)
class CacheContext:
    """Everything besides the item that decides how an entry renders."""

    code: str  # citeconv's version and a fingerprint of its code: new code, new entries
    style: str  # SHA-256 of the CSL file
    locale: str | None
    title_case: str
    # The style prints `citation-number`, so an entry's text depends on its position.
    numbered: bool


@dataclass
class RenderMemo:
    """Entries known from earlier runs, and those this run used or rendered (for the store)."""

    context: CacheContext
    known: dict[str, CachedEntry] = field(default_factory=dict)
    fresh: dict[str, CachedEntry] = field(default_factory=dict)
    used: set[str] = field(default_factory=set)

    def get(self, key: str) -> CachedEntry | None:
        found = self.known.get(key)
        if found is not None:
            self.used.add(key)
        return found

    def put(self, key: str, entry: CachedEntry) -> None:
        self.fresh[key] = self.known[key] = entry
        self.used.add(key)


def entry_key(context: CacheContext, item: Mapping[str, Any], number: int) -> str:
    """SHA-256 over the context and the prepared item; the id is left out (it is never
    printed, and citeproc-py only sees positional ids)."""
    payload = {
        "context": [context.code, context.style, context.locale, context.title_case],
        "number": number if context.numbered else None,
        "item": {key: value for key, value in item.items() if key != "id"},
    }
    text = json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def twin_key(item: Mapping[str, Any], number: int | None) -> str:
    """Entries alike but for their id render alike (the cache's premise: `entry_key`), so one
    rendering serves them all; `number` is the position, for a style that prints it."""
    payload = [number, {key: value for key, value in item.items() if key != "id"}]
    return json.dumps(payload, sort_keys=True, ensure_ascii=False, default=repr)


def style_prints_position(style_xml: bytes) -> bool:
    """A style that prints or sorts by citation-number renders an entry by its position."""
    return b"citation-number" in style_xml
