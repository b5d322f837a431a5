"""BibTeX names (`von Last, Jr, First`) -> CSL names: particles, suffixes, corporate literals."""

from __future__ import annotations

import re

from citeconv.csl import CslName
from citeconv.normalize.latex import to_text
from citeconv.readers.bibmodel import BibName

# `N.K.` -> `N. K.`: CSL expects initials separated by spaces (CSL 1.0.2, initialize-with).
_GLUED_INITIALS = re.compile(r"(?<=[A-Z]\.)(?=[A-Z]\.)")
_ETAL = {"others", "et al.", "et al"}
# BibLaTeX's extended name format (biblatex manual §3.4): `family=Adler, given=Alfred, prefix=von`.
_EXTENDED = re.compile(r"^\s*(?:given|family|prefix|suffix|id|useprefix|giveni|familyi)\s*=", re.I)
_EXTENDED_PARTS = {
    "family": "family",
    "given": "given",
    "prefix": "non-dropping-particle",
    "suffix": "suffix",
}


def to_csl_name(name: BibName) -> CslName:
    if _EXTENDED.match(name.raw):
        return _extended_name(name.raw)
    if _is_corporate(name):
        return {"literal": to_text(name.last[0])}
    result: CslName = {}
    family = _join(name.last)
    if family:
        result["family"] = family
    given = _GLUED_INITIALS.sub(" ", _join(name.first))
    if given:
        result["given"] = given
    particle = _join(name.von)
    if particle:
        result["non-dropping-particle"] = particle
    suffix = _join(name.jr)
    if suffix:
        result["suffix"] = suffix
    return result


def _extended_name(raw: str) -> CslName:
    """`given=A, family=B`: each part named; a later part of the same name wins."""
    result: dict[str, str] = {}
    for part in _split_top_level_commas(raw):
        key, _, value = part.partition("=")
        variable = _EXTENDED_PARTS.get(key.strip().lower())
        text = to_text(value.strip()).replace("\u00a0", " ")
        if variable and text:
            result[variable] = text
    order = ("family", "given", "non-dropping-particle", "suffix")  # stable output, any input order
    return {key: result[key] for key in order if key in result}  # type: ignore[return-value]


def _split_top_level_commas(raw: str) -> list[str]:
    parts: list[str] = []
    depth = 0
    start = 0
    for index, char in enumerate(raw):
        depth += {"{": 1, "}": -1}.get(char, 0)
        if char == "," and depth == 0:
            parts.append(raw[start:index])
            start = index + 1
    parts.append(raw[start:])
    return parts


def is_et_al(name: BibName) -> bool:
    """`and others` (BibTeX's own spelling of an unfinished list)."""
    return not name.first and not name.von and _join(name.last).lower() in _ETAL


def _is_corporate(name: BibName) -> bool:
    """`{World Health Organization}`: one braced token, no given name or particle."""
    if name.first or name.von or name.jr or len(name.last) != 1:
        return False
    token = name.last[0]
    return token.startswith("{") and token.endswith("}") and " " in token


def _join(parts: tuple[str, ...]) -> str:
    """Name parts as plain text; `Donald~E.` ties become ordinary spaces in a name."""
    return to_text(" ".join(parts)).replace("\u00a0", " ")
