"""Bibliography sort keys: the columns computed elsewhere, or each key compared by its text.

citeproc-py's sort computes one column of keys per <key> of the style's <sort> (rendering a
macro for every item, a fifth of an APA run) and then compares them. Each key depends only on
its item, so rendering/parallel.py can compute the columns for chunks of items in worker
processes and hand them to the sort (`precomputed`). Otherwise a key is computed when a
comparison first reaches it (`_sorted_lazily`): a later key decides only between items that tie
on every key before it, so APA renders its `title` key for a third of the items, not all.

This module never imports citeproc-py: the adapter hands its modules to install().
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from functools import cmp_to_key
from typing import Any

from citeconv import lazy_regex

SortKeyColumn = tuple[list[Any], tuple[str, ...]]  # one key per item, and the warnings raised

# Sort key columns computed elsewhere, for the one items list being sorted right now.
_precomputed: dict[Any, list[Any]] = {}
_precomputed_for: list[Any] = []
_string_types: tuple[type, ...] = (str,)
_MARKUP_IN_KEY = lazy_regex.compile(r"<[^<>]+>|[\ue000-\ue0ff]")
# Neither a letter, a digit, a space nor the separator of names (rendering/sort_names.py).
_PUNCTUATION = lazy_regex.compile(r"[^\w\s\u0001]|_")
_SPACES = lazy_regex.compile(r"\s+")
# citeproc-py's own `Sort.sort`, which `_sorted_lazily` replaces (tests compare the two).
citeproc_sort: Any = None


@contextmanager
def precomputed(
    sort_keys: Sequence[Any], columns: Sequence[SortKeyColumn] | None, items: Any
) -> Iterator[None]:
    """While sorting `items`, each <key> of `sort_keys` yields its column instead (with no
    columns, citeproc-py computes the keys itself)."""
    if columns is None:
        yield
        return
    _precomputed.update(zip(sort_keys, [column for column, _ in columns], strict=True))
    _precomputed_for[:] = [items]
    try:
        yield
    finally:
        _precomputed.clear()
        _precomputed_for.clear()


def install(model: Any, citeproc_string: Any) -> None:
    """Patch `Key.sort_keys` (idempotent)."""
    global _string_types, citeproc_sort
    _string_types = (str, citeproc_string.String, citeproc_string.MixedString)
    if getattr(model, "_citeconv_sort_keys", False):
        return
    model.Key.sort_keys = _sort_keys_or_precomputed(model.Key.sort_keys)
    citeproc_sort = model.Sort.sort
    model.Sort.sort = _sorted_lazily
    model._citeconv_sort_keys = True


class _Unknown:
    """A key not computed ahead (no other item tied with this one on the keys before it)."""

    def __repr__(self) -> str:
        return "UNKNOWN"


UNKNOWN: Any = _Unknown()


def _sort_keys_or_precomputed(original: Any) -> Any:
    def sort_keys(self: Any, items: Any, context: Any) -> Any:
        column = _precomputed.get(self)
        if column is not None and _precomputed_for and items is _precomputed_for[0]:
            return [
                plain_sort_key(original(self, [items[index]], context)[0])
                if value is UNKNOWN
                else value
                for index, value in enumerate(column)
            ]
        return [plain_sort_key(key) for key in original(self, items, context)]

    return sort_keys


def tie_form(value: Any) -> Any:
    """One form for keys that may compare equal (`_compare_forms`): their whole number if
    they read as one, else their lowercase text; keys of other kinds all in one form. Keys
    that compare equal may still get two forms (a number against a word): the sort then
    computes the next key of those items itself."""
    if value is None or value is UNKNOWN:
        return value
    forms = key_forms(value)
    number = forms[3] if forms[3] is not None else forms[2]
    if number is not None:
        return ("number", number)
    text = forms[1] if forms[1] is not None else forms[0]
    return ("text", text) if isinstance(text, str) else ("other",)


def plain_sort_key(key: Any) -> Any:
    """A rendered key compares by its text: `<i>Beowulf</i>` (a title in place of a missing
    author) sorts under B, not before every name (APA 7 §9.48). Punctuation compares as a
    space, as in citeproc-js's collation: quotes and brackets do not decide
    (`“A er det”` under A, `[F]linders` under F), `d’Wander` comes before `de’ Frinkle`."""
    if not isinstance(key, _string_types):
        return key  # None, numbers and date keys compare as they are
    text = str(key)  # always a str: a MixedString (a list) beside a str cannot be compared
    if _MARKUP_IN_KEY.search(text):
        text = _MARKUP_IN_KEY.sub("", text)
    if "&" in text:
        text = html.unescape(text)  # `&amp;` is `&`, not a word `amp`
    if not _PUNCTUATION.search(text):
        return text
    return _SPACES.sub(" ", _PUNCTUATION.sub(" ", text)).strip()


_UNSET = object()


def _sorted_lazily(self: Any, items: Any, context: Any) -> list[Any]:
    """`Sort.sort`: the same comparisons in the same stable sort, so the same order, but each
    item's key is computed (by the key's own `sort_keys`, on that item alone) only when a
    comparison reaches it."""
    keys = self.findall("cs:key", self.nsmap)
    columns = [_column_of(key, items, context) for key in keys]
    descending = [key.get("sort", "ascending").lower() == "descending" for key in keys]
    plan = list(zip(columns, descending, strict=True))

    def compare(left: int, right: int) -> int:
        for column, reverse in plan:
            left_key, right_key = column(left), column(right)
            if left_key is None or right_key is None:
                # an empty key goes last, descending or not; two empty keys tie
                if left_key is not right_key:
                    return 1 if left_key is None else -1
                continue
            result = _compare_forms(left_key, right_key)
            if result:
                return -result if reverse else result
        return 0

    order = sorted(range(len(items)), key=cmp_to_key(compare))
    return [items[index] for index in order]


def _column_of(key: Any, items: Any, context: Any) -> Callable[[int], KeyForms | None]:
    """The forms of the key of the item at an index (None for an empty key): from the
    precomputed column, else from the key computed on that item alone; each item's once."""
    column = _precomputed.get(key)
    if column is None or not _precomputed_for or items is not _precomputed_for[0]:
        column = None
    forms: list[Any] = [_UNSET] * len(items)

    def key_of(index: int) -> KeyForms | None:
        found = forms[index]
        if found is _UNSET:
            value = column[index] if column is not None else UNKNOWN
            if value is UNKNOWN:
                value = key.sort_keys([items[index]], context)[0]
            found = forms[index] = None if value is None else key_forms(value)
        return found  # type: ignore[no-any-return]

    return key_of


# A key as citeproc-py may compare it: itself, lowercased (None if it has no lower()), and
# each of the two as a whole number (None if it does not read as one).
KeyForms = tuple[Any, Any, int | None, int | None]


def key_forms(value: Any) -> KeyForms:
    try:
        lowered: Any = str(value.lower())
    except AttributeError:
        lowered = None
    return value, lowered, _whole_number(value), _whole_number(lowered)


def _whole_number(value: Any) -> int | None:
    if value is None:
        return None
    try:
        return int(str(value))
    except ValueError:
        return None


def _compare_forms(left: KeyForms, right: KeyForms) -> int:
    """-1, 0 or 1, as citeproc-py compares two keys of one <key> that are not empty: both
    lowercased if both can be (the left one alone if only it can); then, if both read as
    whole numbers, by value (`9` before `10`); else as Python orders them."""
    if left[1] is not None:
        first, first_number = left[1], left[3]
        second, second_number = (right[1], right[3]) if right[1] is not None else right[0::2]
    else:
        first, first_number, second, second_number = left[0], left[2], right[0], right[2]
    if first_number is not None and second_number is not None:
        first, second = first_number, second_number
    return int(first > second) - int(first < second)
