"""A `cs:name-part` formats only the parts a name has, and hands back plain text (issue 15).

citeproc-py's `NamePart.format_part` formats the given name of a name that has none (a
corporate author, `and others`): small caps or affixes turned the missing part into the word
`None` (`None World Health Organization`), and a text case on it failed (`'NoneType' object
has no attribute 'upper'`). A part that came back as mixed text (affixes around a formatted
part) then failed the engine's plain `str.join` of the name's parts. Both stopped whole runs
in stock styles (`representation`, `language`, `museum-national-dhistoire-naturelle`).
"""

from __future__ import annotations

from typing import Any


def install(model: Any, citeproc_string: Any) -> None:
    """Patch the engine's classes (idempotent)."""
    if getattr(model, "_citeconv_name_parts", False):
        return
    model.Name_Part.format_part = _present_parts_only(citeproc_string)
    model._citeconv_name_parts = True


def _present_parts_only(citeproc_string: Any) -> Any:
    def plain(text: Any) -> Any:
        # The engine joins the parts with `str.join`, which takes str subclasses only.
        return citeproc_string.String(str(text)) if isinstance(text, list) else text

    def format_part(self: Any, given: Any, family: Any) -> tuple[Any, Any]:
        part = self.get("name")
        if part == "given" and given:
            given = plain(self.wrap(self.format(self.case(given))))
        elif part == "family" and family:
            family = plain(self.wrap(self.format(self.case(family))))
        return given, family

    return format_part
