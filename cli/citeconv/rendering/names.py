"""Names as citeproc-js prints them, prepared before citeproc-py sees them.

A typewriter apostrophe in a name becomes a typographic one (`D'Arcus` -> `D’Arcus`), as
citeproc-js prints it and as rendering/prepare.py already does for titles. A suffix written
after a comma in the given name (`"given": "John, III"`) is the name's suffix, as citeproc-js
reads it (`John Doe III`).

Fixtures: bugreports_DuplicateSpaces, bugreports_DuplicateTerminalPunctuationInBibliography and
the other fixtures citing `D'Arcus`; magic_NameSuffixNoComma.
"""

from __future__ import annotations

import re
from typing import Any

from citeconv.csl import NAME_VARIABLES

_APOSTROPHE = re.compile(r"(?<=\w)'")
_NAME_PARTS = ("family", "given", "literal", "suffix", "dropping-particle", "non-dropping-particle")


def typographic_names(item: dict[str, Any]) -> dict[str, Any]:
    """`item`, or a copy whose names have typographic apostrophes if any had typewriter ones."""
    changed = {}
    for role in NAME_VARIABLES:
        names = item.get(role)
        if isinstance(names, list) and any(_needs_change(name) for name in names):
            changed[role] = [_suffix_from_given(_typographic(name)) for name in names]
    return {**item, **changed} if changed else item


def _needs_change(name: Any) -> bool:
    return _has_apostrophe(name) or (isinstance(name, dict) and "," in str(name.get("given", "")))


def _suffix_from_given(name: Any) -> Any:
    given = name.get("given") if isinstance(name, dict) else None
    if not isinstance(given, str) or "," not in given or name.get("suffix"):
        return name
    first, _, suffix = given.partition(",")
    suffix = suffix.strip()
    if not suffix or suffix.startswith("!"):
        return name  # `John,! Jr.` asks for a comma before the suffix, which is not done yet
    return {**name, "given": first.strip(), "suffix": suffix}


def _has_apostrophe(name: Any) -> bool:
    return isinstance(name, dict) and any(
        isinstance(value, str) and "'" in value for value in name.values()
    )


def _typographic(name: Any) -> Any:
    if not isinstance(name, dict):
        return name
    return {
        part: _APOSTROPHE.sub("\u2019", value)
        if part in _NAME_PARTS and isinstance(value, str)
        else value
        for part, value in name.items()
    }
