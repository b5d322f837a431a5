"""Sort keys compare as text whatever citeproc-py returns them as (rendering/sort_keys.py)."""

from __future__ import annotations

import citeconv


def test_an_item_whose_key_renders_as_mixed_text_sorts_beside_a_plain_one() -> None:
    # An empty `curator` made one APA key a MixedString (a list), the other a str: TypeError.
    items = [
        {"id": "a", "type": "book", "curator": ""},
        {"id": "good", "type": "book", "title": "Good"},
    ]
    lines = citeconv.render(items, "apa", "text").value.splitlines()
    assert len(lines) == 2 and lines[0] == "Good. (n.d.)."
