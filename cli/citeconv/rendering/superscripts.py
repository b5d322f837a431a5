"""Superscript characters in HTML output as `<sup>` around the plain character, as citeproc-js
writes them: `ª` is `<sup>a</sup>`, a French ordinal `1ʳᵉ` is `1<sup>r</sup><sup>e</sup>`.

The characters are the superscript letters, digits and signs of the Latin, IPA, phonetic and
CJK annotation blocks that citeproc-js converts; the plain character is Unicode's own
decomposition, or for the four without one (`ˀ ˁ ۥ ۦ`) the letter they are a small form of.

Fixtures: magic_SuperscriptChars, number_NewOrdinalsEdition, number_NewOrdinalsWithGenderChange,
bugreports_NumberAffixEscape.
"""

from __future__ import annotations

import unicodedata

from citeconv import lazy_regex

_SUPERSCRIPT = lazy_regex.compile(
    "[\u00aa\u00b2\u00b3\u00b9\u00ba\u02b0-\u02b8\u02c0\u02c1\u02e0-\u02e4\u06e5\u06e6"
    "\u1d2c-\u1d2e\u1d30-\u1d3a\u1d3c-\u1d4d\u1d4f-\u1d61\u2070\u2071\u2074-\u207f\u2120"
    "\u2122\u3192-\u319f]"
)
_WITHOUT_DECOMPOSITION = {
    "\u02c0": "\u0294",
    "\u02c1": "\u0295",
    "\u06e5": "\u0648",
    "\u06e6": "\u064a",
}


def plain(character: str) -> str:
    """The character a superscript character is a raised form of."""
    fields = unicodedata.decomposition(character).split()
    if fields[:1] == ["<super>"]:
        return "".join(chr(int(code, 16)) for code in fields[1:])
    return _WITHOUT_DECOMPOSITION.get(character, character)


def as_sup_tags(html: str) -> str:
    """Each superscript character of an HTML fragment's text as `<sup>` around its plain form."""
    return _SUPERSCRIPT.sub(lambda match: f"<sup>{plain(match.group(0))}</sup>", html)
