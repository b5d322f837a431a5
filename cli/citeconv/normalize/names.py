"""BibTeX names (`von Last, Jr, First`) -> CSL names: particles, suffixes, corporate literals."""

from __future__ import annotations

import re

from citeconv.csl import CslName
from citeconv.normalize.latex import to_text
from citeconv.readers.bibmodel import BibName

# `N.K.` -> `N. K.`: CSL expects initials separated by spaces (CSL 1.0.2, initialize-with).
_GLUED_INITIALS = re.compile(r"(?<=[A-Z]\.)(?=[A-Z]\.)")
_ETAL = {"others", "et al.", "et al"}


def to_csl_name(name: BibName) -> CslName:
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
    return to_text(" ".join(parts))
