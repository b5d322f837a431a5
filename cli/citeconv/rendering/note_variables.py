"""Variables written in an item's `note`, one `variable: value` a line, read as citeproc-js
reads them (Zotero's `Extra` field: `reviewed-author: Hall || W.C.`, `event-date:
2004-10-01/2004-10-14`, `container-title-short: Container`).

A line names a CSL variable the item does not have: a name is `family || given` (or a
literal), a date ISO 8601 `YYYY[-MM[-DD]]` with `/` between the ends of a range (anything
else its raw text), any other variable its text. Lines read this way leave the note; a
variable the item has already keeps its value; `type` and `id` are never read from a note.

Fixtures: label_NameLabelThroughSubstitute, number_LimitOrdinalsToDayOne,
variables_ContainerTitleShort2.
"""

from __future__ import annotations

from typing import Any

from citeconv import lazy_regex
from citeconv.csl import DATE_VARIABLES, NAME_VARIABLES, STANDARD_VARIABLES

_LINE = lazy_regex.compile(r"^([A-Za-z][A-Za-z_-]*):\s*(\S.*?)\s*$")
_READ = (NAME_VARIABLES | DATE_VARIABLES | STANDARD_VARIABLES) - {"note"}
_ISO_DATE = lazy_regex.compile(r"^(\d{1,4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?$")


def with_note_variables(item: dict[str, Any]) -> dict[str, Any]:
    """`item`, or a copy with the variables its note gives it and those lines out of the note."""
    note = item.get("note")
    if not isinstance(note, str) or ":" not in note:
        return item
    found: dict[str, Any] = {}
    kept: list[str] = []
    for line in note.splitlines():
        match = _LINE.match(line)
        variable = match[1] if match else None
        if match is None or variable not in _READ or variable in item:
            kept.append(line)
            continue
        value = match[2]
        if variable in NAME_VARIABLES:
            found.setdefault(variable, []).append(_name(value))
        elif variable not in found:
            found[variable] = _date(value) if variable in DATE_VARIABLES else value
    if not found:
        return item
    read = {key: value for key, value in item.items() if key != "note"} | found
    rest = "\n".join(kept).strip()
    return read | {"note": rest} if rest else read


def _name(value: str) -> dict[str, str]:
    family, separator, given = value.partition("||")
    if not separator:
        return {"literal": value}
    return {"family": family.strip(), "given": given.strip()}


def _date(value: str) -> dict[str, Any]:
    ends = [_ISO_DATE.match(end.strip()) for end in value.split("/")]
    if len(ends) > 2 or not all(ends):
        return {"raw": value}
    parts = [[int(part) for part in end.groups() if part] for end in ends if end]
    return {"date-parts": parts}
