"""A bibliography file's bytes -> CSL items for citing, as the Sphinx and MkDocs adapters need.

Journal titles are abbreviated (ISO 4) only for a style that can print an abbreviation, as
`convert` does: loading the abbreviation list is most of the time of reading for APA.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from citeconv.diagnostics import Result


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
