"""Memoized look-ups for citeproc-py's hot spots; output is byte-identical, only faster.

Profiling APA over 1,000 real entries (bench/RESULTS.md) showed most of the time in lxml XPath
queries that citeproc-py repeats for every entry although the style tree never changes:
`xpath_search` (macro, term, layout and ancestor look-ups), the recursive `calls_variable`,
and `CitationItem.number`, a `list.index` over all keys (quadratic in numbered styles).

This module never imports citeproc-py (the adapter `render/citeproc.py` does, and hands the
classes over). Memo keys are lxml element proxies: holding them in the memo keeps each proxy
alive, so lxml returns the very same object for the same node and identity is a valid key.
The style and locale trees are parsed once and never mutated while rendering.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

# Bounded so that a long-lived process rendering many styles cannot grow without limit.
_MEMO_LIMIT = 200_000
_MISSING = object()

_xpath_memo: dict[tuple[Any, str], list[Any]] = {}
_macro_memo: dict[tuple[Any, str], Any] = {}
_calls_variable_memo: dict[Any, bool] = {}


def install(element_class: type, parent_class: type, text_class: type, item_class: type) -> None:
    """Patch the classes once; later calls do nothing."""
    if getattr(element_class, "_citeconv_speedups", False):
        return
    element_class.xpath_search = _memoized_xpath(element_class.xpath_search)  # type: ignore[attr-defined]
    element_class.get_macro = _memoized_macro(element_class.get_macro)  # type: ignore[attr-defined]
    parent_class.calls_variable = _memoized_calls_variable(parent_class.calls_variable)  # type: ignore[attr-defined]
    text_class.calls_variable = _memoized_calls_variable(text_class.calls_variable)  # type: ignore[attr-defined]
    item_class.number = property(_indexed_number)  # type: ignore[attr-defined]
    item_class.reference = property(_remembered_reference(item_class.reference.fget))  # type: ignore[attr-defined]
    element_class._citeconv_speedups = True  # type: ignore[attr-defined]


def _bounded(memo: dict[Any, Any]) -> dict[Any, Any]:
    if len(memo) > _MEMO_LIMIT:
        memo.clear()
    return memo


def _memoized_xpath(original: Callable[[Any, str], list[Any]]) -> Callable[[Any, str], list[Any]]:
    def xpath_search(self: Any, expression: str) -> list[Any]:
        key = (self, expression)
        found = _xpath_memo.get(key)
        if found is None:
            found = _bounded(_xpath_memo)[key] = original(self, expression)
        return list(found)  # a copy: callers may not share our list

    return xpath_search


def _memoized_macro(original: Callable[[Any, str], Any]) -> Callable[[Any, str], Any]:
    def get_macro(self: Any, name: str) -> Any:
        key = (self, name)
        found = _macro_memo.get(key, _MISSING)
        if found is _MISSING:
            found = _bounded(_macro_memo)[key] = original(self, name)
        return found

    return get_macro


def _memoized_calls_variable(original: Callable[[Any], bool]) -> Callable[[Any], bool]:
    def calls_variable(self: Any) -> bool:
        found = _calls_variable_memo.get(self)
        if found is None:
            found = _bounded(_calls_variable_memo)[self] = original(self)
        return found

    return calls_variable


def _remembered_reference(original: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """An item's reference, looked up once: citeconv registers each item in one bibliography.

    (`CitationItem` is a dict whose attribute writes become keys, hence `object.__setattr__`.)"""

    def reference(item: Any) -> Any:
        found = item.__dict__.get("_citeconv_reference")
        if found is None:
            found = original(item)
            object.__setattr__(item, "_citeconv_reference", found)
        return found

    return reference


def _indexed_number(item: Any) -> int:
    """`keys.index(key) + 1` without the linear scan: an index rebuilt when `keys` changes."""
    bibliography = item.bibliography
    keys = bibliography.keys
    cached = getattr(bibliography, "_citeconv_number_index", None)
    if cached is None or cached[0] is not keys or cached[1] != len(keys):
        index = {key: position for position, key in reversed(list(enumerate(keys, 1)))}
        cached = (keys, len(keys), index)
        bibliography._citeconv_number_index = cached
    number = cached[2].get(item.key)
    if number is None:
        raise ValueError(f"{item.key!r} is not in list")  # what list.index raised
    return int(number)
