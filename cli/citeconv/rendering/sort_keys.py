"""Bibliography sort keys: the columns computed elsewhere, or each key compared by its text.

Sorting computes one column of keys per <key> of the style's <sort> (rendering a macro for
every item, a fifth of an APA run) and then compares them. Each key depends only on its item,
so rendering/parallel.py can compute the columns for chunks of items in worker processes and
hand them to the sort (`precomputed`).

This module never imports citeproc-py: the adapter hands its modules to install().
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

SortKeyColumn = tuple[list[Any], tuple[str, ...]]  # one key per item, and the warnings raised

# Sort key columns computed elsewhere, for the one items list being sorted right now.
_precomputed: dict[Any, list[Any]] = {}
_precomputed_for: list[Any] = []
_string_types: tuple[type, ...] = (str,)
_MARKUP_IN_KEY = re.compile(r"<[^<>]+>|[\ue000-\ue0ff]")
# Neither a letter, a digit, a space nor the separator of names (rendering/sort_names.py).
_PUNCTUATION = re.compile(r"[^\w\s\u0001]|_")
_SPACES = re.compile(r"\s+")


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
    global _string_types
    _string_types = (str, citeproc_string.String, citeproc_string.MixedString)
    if getattr(model, "_citeconv_sort_keys", False):
        return
    model.Key.sort_keys = _sort_keys_or_precomputed(model.Key.sort_keys)
    model._citeconv_sort_keys = True


def _sort_keys_or_precomputed(original: Any) -> Any:
    def sort_keys(self: Any, items: Any, context: Any) -> Any:
        column = _precomputed.get(self)
        if column is not None and _precomputed_for and items is _precomputed_for[0]:
            return column
        return [plain_sort_key(key) for key in original(self, items, context)]

    return sort_keys


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
