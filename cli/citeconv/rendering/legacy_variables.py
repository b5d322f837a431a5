"""CSL-JSON's older names for two variables, read as CSL 1.0.2's: `journalAbbreviation` is
`container-title-short` and `shortTitle` is `title-short`, as citeproc-js reads them.

citeproc-py knew only the new names, so a style asking for the short container title of an
item exported with the old name printed the full title (`American Law Journal`).

Fixtures: magic_StripPeriodsTrueShortForm, bugreports_ContainerTitleShort.
"""

from __future__ import annotations

from typing import Any

_NEW_NAMES = (("journalAbbreviation", "container-title-short"), ("shortTitle", "title-short"))


def with_new_names(item: dict[str, Any]) -> dict[str, Any]:
    """`item`, or a copy with each old-named variable under its new name (unless set)."""
    renamed = {
        new: item[old]
        for old, new in _NEW_NAMES
        if old in item and new not in item and isinstance(item[old], str) and item[old].strip()
    }
    return {**item, **renamed} if renamed else item
