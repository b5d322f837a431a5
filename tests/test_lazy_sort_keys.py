"""Sorting computes a key only where a comparison reaches it, and sorts exactly as citeproc-py's
own `Sort.sort` (rendering/sort_keys.py): same order, ties kept in input order, empty keys last,
case ignored, whole numbers by value, descending keys reversed."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

import citeconv
from citeconv.rendering import citeproc, sort_keys


class _Key:
    """A `cs:key` whose keys come from a table: one value per item, counted when computed."""

    def __init__(self, values: dict[int, Any], descending: bool, computed: Counter[Any]) -> None:
        self.values, self.descending, self.computed = values, descending, computed

    def get(self, name: str, default: str) -> str:
        return "descending" if name == "sort" and self.descending else default

    def sort_keys(self, items: list[int], context: Any) -> list[Any]:
        self.computed.update((id(self), item) for item in items)
        return [self.values[item] for item in items]


class _Sort:
    def __init__(self, keys: list[_Key]) -> None:
        self.keys = keys
        self.nsmap: dict[str, str] = {}

    def findall(self, path: str, nsmap: dict[str, str]) -> list[_Key]:
        return self.keys


_TEXT = st.sampled_from(["a", "A", "b", "B", "ab", "9", "09", "10", " 10", "x1", ""])
_NUMERAL = st.one_of(st.sampled_from(["9", "09", "10", " 10", "٣"]), st.integers(0, 12))
_COLUMN = st.one_of(
    st.lists(st.one_of(st.none(), _TEXT), min_size=12, max_size=12),
    st.lists(st.one_of(st.none(), st.integers(0, 3)), min_size=12, max_size=12),
    st.lists(st.one_of(st.none(), _NUMERAL), min_size=12, max_size=12),
)


@given(
    columns=st.lists(st.tuples(_COLUMN, st.booleans()), min_size=1, max_size=4),
    size=st.integers(0, 12),
)
def test_the_lazy_sort_orders_as_citeproc_py_does(
    columns: list[tuple[list[Any], bool]], size: int
) -> None:
    computed: Counter[Any] = Counter()
    keys = [_Key(dict(enumerate(values)), descending, computed) for values, descending in columns]
    items = list(range(size))
    lazy = sort_keys._sorted_lazily(_Sort(keys), items, None)
    assert all(count == 1 for count in computed.values()), "a key computed twice"
    assert lazy == sort_keys.citeproc_sort(_Sort(keys), items, None)


def test_a_later_key_is_computed_only_for_items_tied_before_it() -> None:
    computed: Counter[Any] = Counter()
    first = _Key({0: "b", 1: "a", 2: "c", 3: "a"}, False, computed)
    second = _Key({0: "y", 1: "z", 2: "x", 3: "y"}, False, computed)
    assert sort_keys._sorted_lazily(_Sort([first, second]), [0, 1, 2, 3], None) == [3, 1, 0, 2]
    assert sorted(item for key, item in computed if key == id(second)) == [1, 3]
    assert sorted(item for key, item in computed if key == id(first)) == [0, 1, 2, 3]


TITLE_KEY_STYLE = """\
<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><id>sort</id><title>s</title><updated>2024-01-01T00:00:00+00:00</updated></info>
  <macro name="creators"><names variable="author"><name/></names></macro>
  <macro name="heading"><text variable="title" text-case="uppercase"/></macro>
  <citation><layout><text variable="title"/></layout></citation>
  <bibliography>
    <sort><key macro="creators"/><key macro="heading" sort="descending"/></sort>
    <layout><text variable="title"/></layout>
  </bibliography>
</style>"""


def test_a_macro_key_renders_only_for_items_sharing_the_key_before_it(
    tmp_path: Path, monkeypatch: Any
) -> None:
    style = tmp_path / "sort.csl"
    style.write_text(TITLE_KEY_STYLE, encoding="utf-8")
    author = [{"family": "Same", "given": "A"}]
    items = [
        {"id": "u", "type": "book", "title": "Unique", "author": [{"family": "Zed"}]},
        {"id": "a", "type": "book", "title": "Apple", "author": author},
        {"id": "b", "type": "book", "title": "Berry", "author": author},
    ]
    rendered: list[str] = []
    render = citeproc.model.Macro.render

    def counting(self: Any, item: Any, *args: Any, **kwargs: Any) -> Any:
        if self.get("name") == "heading" and kwargs.get("sort_options") is not None:
            rendered.append(item.reference.title)
        return render(self, item, *args, **kwargs)

    monkeypatch.setattr(citeproc.model.Macro, "render", counting)
    lines = citeconv.render(items, str(style), "text").value.splitlines()
    assert lines == ["Berry", "Apple", "Unique"]
    assert sorted(map(str, rendered)) == ["Apple", "Berry"]
