"""BibTeX names (`von Last, Jr, First`) -> CSL names: particles, suffixes, corporate literals."""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from citeconv import lazy_regex
from citeconv.csl import CslName
from citeconv.normalize.latex import to_text
from citeconv.readers.bibmodel import BibName

# `N.K.` -> `N. K.`: CSL expects initials separated by spaces (CSL 1.0.2, initialize-with).
_GLUED_INITIALS = lazy_regex.compile(r"(?<=[A-Z]\.)(?=[A-Z]\.)")
_ETAL = {"others", "et al.", "et al"}
_COMPACT_INITIALS = lazy_regex.compile(r"[A-Z]{2,4}")
_SUFFIXES = frozenset({"Jr", "Jr.", "Sr", "Sr.", "II", "III", "IV"})
# A generational suffix as PubMed writes it after the given name: `Long, J. D., 2nd`.
_SUFFIX_WORD = lazy_regex.compile(r"(?:[JS]r\.?|I{2,3}|IV|V|VI{1,3}|\d+(?:st|nd|rd|th)\.?)")
# Words that name an organization, not a person (`World Health Organization`, `R Core Team`).
_CORPORATE_WORD = lazy_regex.compile(
    r"\b(?:Organi[sz]ations?|Foundation|Institutes?|Consortium|Collaboration|Team|Group|"
    r"Society|Association|Committee|Council|Agency|Cent(?:re|er)s?|University|Ministry|"
    r"Department|Office|Bureau|Commission|Corporation|Company|Laborator(?:y|ies)|Network|"
    r"Alliance|Federation|Administration|Authority|Academy|Initiative|Programme|Project|"
    r"Hospital|College|Inc\.?|Ltd\.?|GmbH|Taskforce|Task Force|Working Party|Panel|"
    r"[Cc]ontributors)\b"
)
# Particles that may be written capitalized before a family name (`De Win`, `Van der Berg`,
# `Le Guin`, `Da Silva`); `Do` and `Du` are family names of their own, so they are not here.
_PARTICLES = frozenset(
    "de van von der den del della dei degli des di da dos das le la ter ten zu zur vom".split()
)
_NICKNAME = lazy_regex.compile(r"\([^()]*\)|\"[^\"]*\"|\u201c[^\u201d]*\u201d|(?<!\w)'[^']+'(?!\w)")
_NICKNAME_MARKS = frozenset("(\"\u201c'")
# BibLaTeX's extended name format (biblatex manual §3.4): `family=Adler, given=Alfred, prefix=von`.
_EXTENDED = lazy_regex.compile(
    r"^\s*(?:given|family|prefix|suffix|id|useprefix|giveni|familyi)\s*=", re.I
)
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
    if is_unbraced_corporate(name):
        return {"literal": to_text(name.raw.strip().rstrip(",").strip())}
    name = _particle_from_given(_suffix_from_family(_suffix_after_given(name)))
    result: CslName = {}
    family = _join(name.last)
    if family:
        result["family"] = family
    given = _spaced_initials(_without_nickname(_join(name.first)), "," in name.raw)
    if given:
        result["given"] = given
    particle = _join(name.von)
    if particle:
        result["non-dropping-particle"] = particle
    suffix = _join(name.jr)
    if suffix:
        result["suffix"] = suffix
    return result


def is_unbraced_corporate(name: BibName) -> bool:
    """`World Health Organization`, `R Core Team` written without braces: an organization,
    told by a word that names one. `{Braced}` names are already read as literals."""
    raw = name.raw.strip()
    if _EXTENDED.match(raw) or len(raw.split()) < 2 or _braced_whole(raw):
        return False
    if len(name.last) == 1 and name.last[0].startswith("{"):
        return False  # read whole already (EndNote's `American College of Surgeons,`)
    head = raw.split(",")[0]  # `Group, Anna` is a person; `Ministry of Health, Kenya` is not
    return len(head.split()) >= 2 and bool(_CORPORATE_WORD.search(head))


def _braced_whole(raw: str) -> bool:
    """`{World Health Organization}`, `{Smith}, John`: a braced head is a literal already;
    `{BIDS} contributors` is a braced word plus more words, read here."""
    head = raw.split(",")[0].strip()
    depth = 0
    for index, char in enumerate(head):
        depth += {"{": 1, "}": -1}.get(char, 0)
        if depth == 0:
            return index == len(head) - 1 and index > 0
    return False


def _suffix_after_given(name: BibName) -> BibName:
    """`Long, J. D., 2nd` (PubMed): the part after the second comma is a suffix and the middle
    the given name, when only the last part reads as one; BibTeX's `King, Jr., Martin` stays."""
    first = " ".join(name.first)
    middle = " ".join(name.jr)
    if not name.jr or not _SUFFIX_WORD.fullmatch(first) or _SUFFIX_WORD.fullmatch(middle):
        return name
    return replace(name, first=name.jr, jr=name.first)


def _suffix_from_family(name: BibName) -> BibName:
    """Google Scholar's `Snyder Jr, James`: the `Jr` written into the family name."""
    if name.jr or len(name.last) < 2 or name.last[-1] not in _SUFFIXES:
        return name
    return replace(name, last=name.last[:-1], jr=(name.last[-1],))


def _particle_from_given(name: BibName) -> BibName:
    """`Bart De Win`, `Ursula K. Le Guin`: BibTeX takes a capitalized particle for a given name
    (only lowercase words are `von` parts), which gives `Win, B. D.`. A particle word just
    before the family name, never the first word, is read as the family name's particle."""
    if "," in name.raw or len(name.first) < 2:
        return name
    start = len(name.first)
    while start > 1 and _is_particle(name.first[start - 1], name.first[start:] + name.von):
        start -= 1
    if start == len(name.first):
        return name
    return replace(name, first=name.first[:start], von=name.first[start:] + name.von)


def _is_particle(word: str, after: tuple[str, ...]) -> bool:
    """`De`, `Le`, `Von`; `Van` only before another particle (`Van der Berg`): alone it is as
    often a Vietnamese middle name (`Thanh Van Nguyen`)."""
    if word == "Van":
        return bool(after)
    return word.lower() in _PARTICLES


def _without_nickname(given: str) -> str:
    """`Charles (Chuck)`, `Robert "Bob"`: a nickname written inside the given name is not
    part of it (it would be initialized as `C. C.` or print as a stray bracket)."""
    if not _NICKNAME_MARKS.intersection(given):
        return given
    return " ".join(_NICKNAME.sub(" ", given).split()) or given


def _spaced_initials(given: str, inverted: bool) -> str:
    """`N.K.` -> `N. K.`; Google Scholar's compact `Paglione, TAD` -> `T. A. D.` (only after
    a comma, where the given part is sure to be initials and not a name in capitals)."""
    if inverted and _COMPACT_INITIALS.fullmatch(given):
        return " ".join(f"{letter}." for letter in given)
    return _GLUED_INITIALS.sub(" ", given)


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


@lru_cache(maxsize=65536)
def misread_punctuation(raw: str) -> str | None:
    """Why one name's punctuation says it is not one name, or None: a `;` (BibTeX separates
    names only by `and`) or more than two commas (a name is at most `Last, Jr, First`; the
    rest joins the given names). biblatex's `family=..., given=...` names count commas apart."""
    if ";" not in raw and raw.count(",") < 3:
        return None  # most names: neither finding below is possible, no walk needed
    parts = _split_top_level_commas(raw)
    if any("=" in part for part in parts):
        return None
    if any(";" in _outside_braces(part).replace("\\;", "") for part in parts):  # `\;`: a space
        return "';' does not separate names in BibTeX ('and' does): read as one name"
    if len(parts) > 3:
        return (
            f"{len(parts) - 1} commas: a name is 'Last, First' or 'Last, Jr, First' ('and' "
            "separates names); the rest is read as given names"
        )
    return None


def _outside_braces(text: str) -> str:
    kept, depth = [], 0
    for char in text:
        depth += {"{": 1, "}": -1}.get(char, 0)
        if depth == 0 and char != "}":
            kept.append(char)
    return "".join(kept)


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
