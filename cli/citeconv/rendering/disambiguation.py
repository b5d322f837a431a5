"""Year-suffix disambiguation (2020a, 2020b), which citeproc-py does not do.

Works by the same author(s) with the same year (or range of years, `1984–1986`) get letters in
the order the style's bibliography lists them, as citeproc-js gives them, so the reference list
reads `2020a`, `2020b` from the top and no letter is skipped. Without a bibliography, letters
follow the title, ignoring a leading A, An or The (APA 7 §9.47). Undated works get `n.d.-a`,
`n.d.-b` through the style's own year-suffix delimiter, so only the letter is computed here.

Fixtures: disambiguate_YearSuffix* where the style's bibliography order decides the letters.
"""

from __future__ import annotations

import re
import string
from collections import defaultdict
from collections.abc import Callable, Sequence
from typing import Any

_LEADING_ARTICLE = re.compile(r"^(?:a|an|the)\s+", re.IGNORECASE)
_TAGS = re.compile(r"<[^>]+>")


# The style's bibliography order of some items: their positions in that list, sorted.
StyleOrder = Callable[[list[dict[str, Any]]], Sequence[int]]


def add_year_suffixes(
    items: Sequence[dict[str, Any]], style_order: StyleOrder | None = None
) -> list[dict[str, Any]]:
    """Copies of `items`, with `year-suffix` set where authors and year collide."""
    groups: dict[tuple[Any, ...], list[int]] = defaultdict(list)
    for index, item in enumerate(items):
        groups[(_creators_key(item), _year_key(item))].append(index)
    colliding = [index for members in groups.values() if len(members) > 1 for index in members]
    rank = {index: (_title_key(items[index]), index) for index in colliding}
    if style_order is not None and colliding:
        # Sorting only the colliding items keeps their relative order in the whole list.
        order = style_order([items[index] for index in colliding])
        rank = {colliding[position]: ("", place) for place, position in enumerate(order)}
    suffixes: dict[int, str] = {}
    for members in groups.values():
        if len(members) < 2:
            continue
        ordered = sorted(members, key=rank.__getitem__)
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
            # A range of years is its own group: `1984–1986` is not `1984`; a range within one
            # year (`1996-12-10/1996-12-12`) prints that year and is in its group.
            years = [str(part[0]) for part in parts if isinstance(part, list) and part]
            return "-".join(dict.fromkeys(years))
        return str(issued.get("literal", ""))
    return "n.d." if item.get("status") is None else str(item.get("status"))


def _title_key(item: dict[str, Any]) -> str:
    title = _TAGS.sub("", str(item.get("title", "")))
    return _LEADING_ARTICLE.sub("", title).casefold()


def _letters() -> list[str]:
    single = list(string.ascii_lowercase)
    return single + [a + b for a in single for b in single]
