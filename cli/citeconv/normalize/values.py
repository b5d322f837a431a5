"""Converters named by the field table: one small function per kind of value."""

from __future__ import annotations

import re
from collections.abc import Callable

from citeconv.normalize.latex import to_rich, to_text

_DOI_PREFIX = re.compile(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", re.IGNORECASE)
_PAGE_DASHES = re.compile(r"\s*(?:-{1,3}|\u2013|\u2014|\u2212)+\s*")


def convert_pages(latex: str) -> str:
    """`355--361`, `355–361`, `355 - 361` -> `355-361` (CSL's page range delimiter)."""
    return _PAGE_DASHES.sub("-", to_text(latex.replace("--", "-")))


def convert_doi(latex: str) -> str:
    """A bare DOI: resolver prefixes and `doi:` dropped (verbatim field: no LaTeX decoding)."""
    return _DOI_PREFIX.sub("", latex.strip().strip("{}")).strip()


def convert_verbatim(latex: str) -> str:
    return latex.strip()


CONVERTERS: dict[str, Callable[[str], str]] = {
    "rich": to_rich,
    "text": to_text,
    "verbatim": convert_verbatim,
    "pages": convert_pages,
    "doi": convert_doi,
}
