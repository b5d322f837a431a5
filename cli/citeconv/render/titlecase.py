"""Title casing per style: what APA and NLM expect of titles that BibTeX gives in any case."""

from __future__ import annotations

import re
from typing import Any

from citeconv.formats import TitleCase

# After a colon or em dash APA capitalizes the next word (APA 7, §6.17).
_AFTER_BREAK = re.compile(r"([:\u2014]\s*)(\ue000?)([a-z])")
TITLE_VARIABLES = ("title",)


def capitalize_after_breaks(title: str) -> str:
    return _AFTER_BREAK.sub(lambda m: m.group(1) + m.group(2) + m.group(3).upper(), title)


def apply_title_rules(item: dict[str, Any], style_id: str, mode: TitleCase) -> dict[str, Any]:
    """A copy of `item` with titles as the style wants them; `keep` leaves them untouched."""
    if mode == "keep" or not _capitalizes_after_breaks(style_id):
        return item
    prepared = dict(item)
    for variable in TITLE_VARIABLES:
        if isinstance(prepared.get(variable), str):
            prepared[variable] = capitalize_after_breaks(prepared[variable])
    return prepared


def _capitalizes_after_breaks(style_id: str) -> bool:
    return style_id == "apa" or style_id.startswith("apa-")
