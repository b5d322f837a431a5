"""A bibliography file's bytes -> CSL items for citing, as the Sphinx and MkDocs adapters need.

Journal titles are abbreviated (ISO 4) only for a style that can print an abbreviation, as
`convert` does: loading the abbreviation list is most of the time of reading for APA.
Only what is found about the cited entries reaches a document build as a warning (`about_cited`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path
from typing import Any

from citeconv.diagnostics import Code, Diagnostic, Result, Severity


def read_bibliography(data: bytes, name: str, style: str) -> Result[list[dict[str, Any]]]:
    """`name` gives the format by its suffix (.bib, .ris, .json) and names it in diagnostics."""
    from citeconv.api import read
    from citeconv.formats import find_reader
    from citeconv.readers.encoding import decode_input

    text = decode_input(data, name)
    result = read(
        text.value,
        input_format=find_reader(None, name).name,
        abbreviate=prints_abbreviations(style),
        source=name,
    )
    return Result([dict(item) for item in result.value], text.diagnostics + result.diagnostics)


def prints_abbreviations(style: str) -> bool:
    """Whether the style can print a journal abbreviation (yes when its file cannot be read:
    rendering then reports why)."""
    from citeconv.journals import style_prints_abbreviations
    from citeconv.styles import resolve_style

    try:
        data = Path(resolve_style(style).path).read_bytes()
    except OSError:
        return True
    return style_prints_abbreviations(data)


def about_cited(
    diagnostics: Iterable[Diagnostic], cited: Iterable[str], missing: bool
) -> tuple[Diagnostic, ...]:
    """What reading the bibliography found, as a document build should see it: a diagnostic
    about a cited entry (by its key, matched case-insensitively as citations are) stays as it
    is, and so does an error naming no entry while a cited key is `missing` from the
    bibliography (it may have lost that entry). The rest is about works the document does not
    cite: info, so that a strict build does not fail on them."""
    folded = {key.casefold() for key in cited}
    return tuple(
        diagnostic if _about_cited(diagnostic, folded, missing) else _as_info(diagnostic)
        for diagnostic in diagnostics
    )


def _about_cited(diagnostic: Diagnostic, cited: set[str], missing: bool) -> bool:
    if diagnostic.code == Code.UNKNOWN_KEY or diagnostic.severity == Severity.INFO:
        return True
    key = diagnostic.span.key if diagnostic.span else None
    if key is None:
        return missing and diagnostic.severity == Severity.ERROR
    return key.casefold() in cited


def _as_info(diagnostic: Diagnostic) -> Diagnostic:
    return replace(diagnostic, severity=Severity.INFO)
