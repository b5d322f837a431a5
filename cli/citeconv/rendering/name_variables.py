"""Name variables with a hyphen (`container-author`, `reviewed-author`, `collection-editor`,
`original-author`, ...) printed, as citeproc-js prints them.

citeproc-py stores a reference's variables under Python names (`container_author`), but its
`<names>` element looks a role up as the style spells it (`container-author`), so every name
variable with a hyphen printed nothing: `Review of My Title` without `by Beaver Burtle`. Here
each such list is also stored under the style's spelling (the role's label term keeps that
spelling too). CSL 1.0.2's name variables are also registered as known, so reading one no
longer reports it as a variable the engine cannot print.

Fixtures: bugreports_ByBy, label_NameLabelThroughSubstitute.

This module never imports citeproc-py: the adapter hands its `model` and `source` modules to
install().
"""

from __future__ import annotations

from typing import Any


def install(model: Any, source: Any) -> None:
    """Patch the engine's reference class (idempotent); after engine_patches, which adds
    CSL 1.0.2's name variables to the engine's list of names."""
    if getattr(source, "_citeconv_name_variables", False):
        return
    known = set(source.VARIABLES)
    source.VARIABLES.extend(name for name in model.NAMES if name not in known)
    hyphenated = tuple((name, name.replace("_", "-")) for name in model.NAMES if "_" in name)
    source.Reference.__init__ = _with_style_spellings(source.Reference.__init__, hyphenated)
    source._citeconv_name_variables = True


def _with_style_spellings(original: Any, hyphenated: tuple[tuple[str, str], ...]) -> Any:
    def __init__(self: Any, key: Any, type: Any, **args: Any) -> None:
        original(self, key, type, **args)
        for stored, spelled in hyphenated:
            if stored in args:
                dict.__setitem__(self, spelled, args[stored])

    return __init__
