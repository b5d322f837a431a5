"""APA year-suffix disambiguation (2020a, 2020b), which citeproc-py does not do.

Works by the same author(s) in the same year get letters in the order APA 7 §9.47 wants:
alphabetically by title, ignoring a leading A, An or The. Undated works get `n.d.-a`, `n.d.-b`
through the style's own year-suffix delimiter, so only the letter is computed here.
"""

from __future__ import annotations

import re
import string
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

_LEADING_ARTICLE = re.compile(r"^(?:a|an|the)\s+", re.IGNORECASE)
_TAGS = re.compile(r"<[^>]+>")


def add_year_suffixes(items: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """Copies of `items`, with `year-suffix` set where authors and year collide."""
    groups: dict[tuple[Any, ...], list[int]] = defaultdict(list)
    for index, item in enumerate(items):
        groups[(_creators_key(item), _year_key(item))].append(index)
    suffixes: dict[int, str] = {}
    for members in groups.values():
        if len(members) < 2:
            continue
        ordered = sorted(members, key=lambda i: (_title_key(items[i]), i))
        for letter, index in zip(_letters(), ordered, strict=False):
            suffixes[index] = letter
    return [
        {**item, "year-suffix": suffixes[index]} if index in suffixes else dict(item)
        for index, item in enumerate(items)
    ]


def _creators_key(item: dict[str, Any]) -> tuple[tuple[str, ...], ...]:
    names = item.get("author") or item.get("editor") or []
    return tuple(
        tuple(str(name.get(part, "")).casefold() for part in ("family", "given", "literal"))
        for name in names
        if isinstance(name, dict)
    ) or (("", "", _title_key(item)),)


def _year_key(item: dict[str, Any]) -> str:
    issued = item.get("issued")
    if isinstance(issued, dict):
        parts = issued.get("date-parts")
        if parts and parts[0]:
            return str(parts[0][0])
        return str(issued.get("literal", ""))
    return "n.d." if item.get("status") is None else str(item.get("status"))


def _title_key(item: dict[str, Any]) -> str:
    title = _TAGS.sub("", str(item.get("title", "")))
    return _LEADING_ARTICLE.sub("", title).casefold()


def _letters() -> list[str]:
    single = list(string.ascii_lowercase)
    return single + [a + b for a in single for b in single]
