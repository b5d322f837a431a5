"""The CSL locales citeproc-py ships, and `--locale` names checked against them.

citeproc-py silently falls back to en-US for a locale it does not know, so a typo such as
`--locale en_GB` would render American terms without a word. Checking the name here turns that
into a usage error that lists what is installed. The folder is found without importing
citeproc-py, so the check costs a directory listing, not the renderer's start-up.
"""

from __future__ import annotations

import importlib.util
from functools import cache
from pathlib import Path

from citeconv.errors import UnknownLocale
from citeconv.formats import suggest

_PREFIX = "locales-"


@cache
def installed_locales() -> tuple[str, ...]:
    """Sorted locale tags (`af-ZA`, `de-DE`, `en-GB`, ...) of citeproc-py's locale files."""
    spec = importlib.util.find_spec("citeproc")
    if spec is None or not spec.submodule_search_locations:
        return ()
    folder = Path(next(iter(spec.submodule_search_locations))) / "data" / "locales"
    return tuple(sorted(path.stem.removeprefix(_PREFIX) for path in folder.glob(f"{_PREFIX}*.xml")))


def resolve_locale(name: str) -> str:
    """The installed tag for `name`: case and `_` are forgiven (`en_gb` -> `en-GB`), and a bare
    language means its only dialect or its main one (`de` -> `de-DE`, `fr` -> `fr-FR`)."""
    installed = installed_locales()
    wanted = name.replace("_", "-").lower()
    language = wanted.split("-")[0]
    same_language = [tag for tag in installed if tag.lower().split("-")[0] == language]
    for tag in installed:
        if tag.lower() == wanted:
            return tag
    if "-" not in wanted:
        if len(same_language) == 1:
            return same_language[0]
        for tag in same_language:
            if tag.lower() == f"{language}-{language}":
                return tag
    hint = (
        "; did you mean " + " or ".join(f"'{tag}'" for tag in same_language) + "?"
        if same_language
        else suggest(name, list(installed))
    )
    raise UnknownLocale(f"unknown locale '{name}'{hint}\ninstalled locales: {' '.join(installed)}")
