"""Year-suffix disambiguation (2020a, 2020b), which citeproc-py does not do.

Works by the same author(s) with the same year (or range of years, `1984–1986`) get letters in
the order the style's bibliography lists them, as citeproc-js gives them, so the reference list
reads `2020a`, `2020b` from the top and no letter is skipped. Without a bibliography, letters
follow the title, ignoring a leading A, An or The (APA 7 §9.47). Undated works get `n.d.-a`,
`n.d.-b` through the style's own year-suffix delimiter, so only the letter is computed here.

Works by different creators whose cites still print alike (`Roe et al. 1995` for two author
lists, `J. Doe and S. Jones` for two Johns) collide too: their cites are rendered, after the
names the style adds, and compared (CSL 1.0.2: the year suffix is the last step).

Fixtures: disambiguate_YearSuffix* where the style's bibliography order decides the letters,
disambiguate_YearSuffixTwoPairs*Bibliography, disambiguate_DisambiguationHang,
bugreports_DisambiguationAddNames*, bugreports_CollapseFailure, bugreports_disambigHang.
"""

from __future__ import annotations

import itertools
import re
import string
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from citeconv import lazy_regex

_LEADING_ARTICLE = lazy_regex.compile(r"^(?:a|an|the)\s+", re.IGNORECASE)
_TAGS = lazy_regex.compile(r"<[^<>]+>")


# The style's bibliography order of some items: their positions in that list, sorted.
StyleOrder = Callable[[list[dict[str, Any]]], Sequence[int]]
# Each item's cite rendered alone, after names were added (rendering/citeproc.cite_texts).
CiteTexts = Callable[[list[dict[str, Any]]], Sequence[str]]


def add_year_suffixes(
    items: Sequence[dict[str, Any]],
    style_order: StyleOrder | None = None,
    cite_texts: CiteTexts | None = None,
    adds_names: bool = False,
) -> list[dict[str, Any]]:
    """Copies of `items`, with `year-suffix` set where cites collide: with `cite_texts`,
    where the cites print alike (CSL 1.0.2: the suffix is the last step of disambiguation);
    without, where authors and year are the same."""
    groups = _colliding_groups(items, cite_texts, adds_names)
    colliding = [index for members in groups for index in members]
    rank = {index: (_title_key(items[index]), index) for index in colliding}
    if style_order is not None and colliding:
        # Sorting only the colliding items keeps their relative order in the whole list.
        order = style_order([items[index] for index in colliding])
        rank = {colliding[position]: ("", place) for place, position in enumerate(order)}
    suffixes: dict[int, str] = {}
    for members in groups:
        ordered = sorted(members, key=rank.__getitem__)
        for letter, index in zip(_letters(), ordered, strict=False):
            suffixes[index] = letter
    return [
        {**item, "year-suffix": suffixes[index]} if index in suffixes else dict(item)
        for index, item in enumerate(items)
    ]


def _colliding_groups(
    items: Sequence[dict[str, Any]], cite_texts: CiteTexts | None, adds_names: bool
) -> list[list[int]]:
    """Groups of two or more items whose cites collide. Only works sharing a year and a first
    author can print alike, so only those cites are rendered (the rest costs nothing); where
    the style adds names, works need the same family names to print alike."""
    by_key: dict[tuple[Any, ...], list[int]] = defaultdict(list)
    for index, item in enumerate(items):
        if cite_texts is None:
            first: Any = _creators_key(item)
        else:
            first = _family_names(item) if adds_names else _first_creator_key(item)
        by_key[(first, _year_key(item))].append(index)
    candidates = [members for members in by_key.values() if len(members) > 1]
    if cite_texts is None:
        return candidates
    # Works with the same creators and year collide (rendering their cites would cost a
    # tenth of an APA run); only where the creators differ do the cites decide.
    mixed = [group for group in candidates if len({_creators_key(items[i]) for i in group}) > 1]
    same = [group for group in candidates if group not in mixed]
    return same + _alike_cites(items, mixed, cite_texts)


def _alike_cites(
    items: Sequence[dict[str, Any]], candidates: list[list[int]], cite_texts: CiteTexts
) -> list[list[int]]:
    """The candidates regrouped by their rendered cites; works with the same creators share
    one rendering (their cites differ at most by the year suffix being computed here)."""
    if not candidates:
        return []
    shown: dict[int, int] = {}  # item -> the item whose cite stands for it
    for members in candidates:
        first_of: dict[Any, int] = {}
        for index in members:
            shown[index] = first_of.setdefault(_creators_key(items[index]), index)
    rendered = sorted(set(shown.values()))
    # An access date tells when a work was read, not which work it is: citeproc-js leaves it
    # out when it compares cites.
    probes = [{k: v for k, v in items[index].items() if k != "accessed"} for index in rendered]
    texts = dict(zip(rendered, cite_texts(probes), strict=True))
    by_text: dict[tuple[int, str], list[int]] = defaultdict(list)
    for number, members in enumerate(candidates):
        for index in members:
            by_text[(number, texts[shown[index]])].append(index)
    return [members for members in by_text.values() if len(members) > 1]


def _family_names(item: dict[str, Any]) -> tuple[str, ...]:
    names = item.get("author") or item.get("editor") or []
    return tuple(
        str(name.get("family") or name.get("literal") or "").casefold()
        for name in names
        if isinstance(name, dict)
    ) or (_title_key(item),)


def _first_creator_key(item: dict[str, Any]) -> str:
    for role in ("author", "editor", "translator"):
        names = item.get(role)
        if names and isinstance(names[0], dict):
            name = names[0]
            return str(name.get("family") or name.get("literal") or "").casefold()
    return _title_key(item)


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


def _letters() -> Iterator[str]:
    """a ... z, aa ... zz, aaa ... without end, as citeproc-js counts: a list that stopped at
    zz left the 703rd work of one author and year without a suffix (issue 15)."""
    for length in itertools.count(1):
        for letters in itertools.product(string.ascii_lowercase, repeat=length):
            yield "".join(letters)
