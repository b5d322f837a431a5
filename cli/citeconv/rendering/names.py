"""Names as citeproc-js prints them, prepared before citeproc-py sees them.

A typewriter apostrophe in a name becomes a typographic one (`D'Arcus` -> `D’Arcus`), as
citeproc-js prints it and as rendering/prepare.py already does for titles. A suffix written
after a comma in the given name (`"given": "John, III"`) is the name's suffix, as citeproc-js
reads it (`John Doe III`).

A lowercase particle before the family name is its non-dropping particle (`van Gogh`), as
citeproc-js parses names; one ending in a hyphen or apostrophe is printed joined to the name
(`al-Aswānī`, `d’Alembert`), where citeproc-py put a space.

Fixtures: name_ParseNames, name_HyphenatedNonDroppingParticle1, name_ArabicShortForms,
bugreports_parseName, bugreports_DuplicateSpaces,
bugreports_DuplicateTerminalPunctuationInBibliography and the other fixtures citing `D'Arcus`;
magic_NameSuffixNoComma, name_OnlyGivenname, name_ArticularWithComma.
"""

from __future__ import annotations

from typing import Any

from citeconv import lazy_regex
from citeconv.csl import NAME_VARIABLES

COMMA_SUFFIX = "\ue0d2"  # in a name's suffix: print a comma before it (`John Doe, Jr.`)
_APOSTROPHE = lazy_regex.compile(r"(?<=\w)'|(?<!\S)'(?=\w)")  # D'Arcus, 't Hooft
# Lowercase words before a capitalized family name (`van der`, `de`), or `al-`, `d’`.
_PARTICLE = lazy_regex.compile(r"^((?:[a-z]+ )+|[a-z]{1,3}-|[a-z]{1,3}[’'])(?=[A-Z])")
_model: Any = None
_NAME_PARTS = ("family", "given", "literal", "suffix", "dropping-particle", "non-dropping-particle")


def typographic_names(item: dict[str, Any]) -> dict[str, Any]:
    """`item`, or a copy whose names have typographic apostrophes if any had typewriter ones."""
    changed = {}
    for role in NAME_VARIABLES:
        names = item.get(role)
        if isinstance(names, list) and any(_needs_change(name) for name in names):
            changed[role] = [
                _whole_given(_particle_from_family(_suffix_from_given(_typographic(name))))
                for name in names
            ]
            changed[role] = [
                _comma_before_suffix(name) if _flagged(name) else name for name in changed[role]
            ]
    return {**item, **changed} if changed else item


def _flagged(name: Any) -> bool:
    return isinstance(name, dict) and "comma-suffix" in name


def _needs_change(name: Any) -> bool:
    if not isinstance(name, dict):
        return False
    family = str(name.get("family", ""))
    return (
        _flagged(name)
        or _given_only(name)
        or _has_apostrophe(name)
        or "," in str(name.get("given", ""))
        or bool(_PARTICLE.match(family))
        or family.startswith('"')
    )


def _given_only(name: dict[str, Any]) -> bool:
    return bool(name.get("given")) and not name.get("family") and not name.get("literal")


def _whole_given(name: Any) -> Any:
    """A name that is only a given name (`Banksy`) is printed whole, never as an initial."""
    if not isinstance(name, dict) or not _given_only(name):
        return name
    return {"literal": name["given"], **{k: v for k, v in name.items() if k != "given"}}


def _particle_from_family(name: Any) -> Any:
    """`van Gogh` is family `Gogh` with the particle `van`, as citeproc-js parses names; a
    family name in double quotes (`"van Happel"`) is kept whole, without the quotes."""
    family = name.get("family") if isinstance(name, dict) else None
    if not isinstance(family, str) or name.get("non-dropping-particle"):
        return name
    if len(family) > 1 and family.startswith('"') and family.endswith('"'):
        return {**name, "family": family[1:-1]}
    match = _PARTICLE.match(family)
    if match is None:
        return name
    particle = match.group(1).strip()
    return {**name, "non-dropping-particle": particle, "family": family[match.end() :]}


def _suffix_from_given(name: Any) -> Any:
    given = name.get("given") if isinstance(name, dict) else None
    if not isinstance(given, str) or "," not in given or name.get("suffix"):
        return name
    first, _, suffix = given.partition(",")
    suffix = suffix.strip()
    if suffix.startswith("!"):  # `John,! Jr.`: a comma before the suffix, as comma-suffix
        return _comma_before_suffix({**name, "given": first.strip(), "suffix": suffix[1:].strip()})
    if not suffix:
        return name
    return {**name, "given": first.strip(), "suffix": suffix}


def _comma_before_suffix(name: Any) -> Any:
    """`"comma-suffix": true` (`John Doe, Jr.`): the engine keeps no such flag, so the suffix
    carries a mark that becomes the comma once the name is printed."""
    if not isinstance(name, dict) or not name.get("suffix"):
        return name
    kept = {key: value for key, value in name.items() if key != "comma-suffix"}
    if not name.get("comma-suffix") and "comma-suffix" in name:
        return kept
    return {**kept, "suffix": COMMA_SUFFIX + str(name["suffix"]).lstrip(COMMA_SUFFIX)}


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


def install(model: Any) -> None:
    """Patch the engine's classes (idempotent)."""
    global _model
    _model = model
    if getattr(model, "_citeconv_names", False):
        return
    model.Name.process = _joined_particles(model.Name.process)
    model._citeconv_names = True


def _joined_particles(original: Any) -> Any:
    def process(self: Any, item: Any, variable: Any, *args: Any, **kwargs: Any) -> Any:
        text = original(self, item, variable, *args, **kwargs)
        if not text or not hasattr(text, "replace"):
            return text
        if COMMA_SUFFIX in str(text):
            text = text.replace(", " + COMMA_SUFFIX, ", ").replace(" " + COMMA_SUFFIX, ", ")
            text = text.replace(COMMA_SUFFIX, "")  # a mark the engine split from its space
        for name in item.reference.get(variable) or []:
            particle = name.get("non-dropping-particle") if hasattr(name, "get") else None
            if particle and particle[-1] in "-\u2019'":
                text = text.replace(f"{particle} {name.get('family')}", particle + name["family"])
        return text

    return process
