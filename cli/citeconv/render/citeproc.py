"""The only citeproc-py adapter: prepared CSL items + a style file -> HTML entries in style order.

citeproc-py lowercases ids, so items are handed over under positional ids and mapped back. It
also warns through `warnings`; those become `style-warning` diagnostics here, never raw output.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle
from citeproc import formatter as citeproc_formatters
from citeproc.source.json import CiteProcJSON
from lxml.etree import XMLSyntaxError

from citeconv.diagnostics import Code, Diagnostic, Severity
from citeconv.errors import InvalidStyle, UnknownLocale


@dataclass(frozen=True)
class RenderedEntry:
    item_id: str
    html: str  # citeproc-py's HTML formatter output (our values arrive pre-escaped)


@dataclass(frozen=True)
class StyleFacts:
    numbered: bool  # bibliography uses second-field-align (a citation-number column)


@lru_cache(maxsize=8)
def load_style(path: str, locale: str | None) -> CitationStylesStyle:
    """Parse a style once per process; a broken file is a fatal InvalidStyle."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return CitationStylesStyle(path, locale=locale, validate=False)
    except XMLSyntaxError as error:
        raise InvalidStyle(f"{path}: not well-formed XML: {error}") from error
    except (ValueError, KeyError) as error:
        if locale:
            raise UnknownLocale(f"unknown locale '{locale}'") from error
        raise InvalidStyle(f"{path}: cannot load style: {error}") from error


def style_facts(path: str, locale: str | None) -> StyleFacts:
    bibliography = load_style(path, locale).root.bibliography
    numbered = bibliography is not None and bibliography.get("second-field-align") is not None
    return StyleFacts(numbered=numbered)


def render_bibliography(
    items: Sequence[dict[str, Any]], path: str, locale: str | None
) -> tuple[list[RenderedEntry], list[Diagnostic]]:
    style = load_style(path, locale)
    if not style.has_bibliography():
        raise InvalidStyle(f"{path}: the style defines no bibliography")
    positional = [{**item, "id": f"i{index}"} for index, item in enumerate(items)]
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        bibliography = CitationStylesBibliography(
            style, CiteProcJSON(positional), citeproc_formatters.html
        )
        for item in positional:
            bibliography.register(Citation([CitationItem(item["id"])]))
        bibliography.sort()
        rendered = [str(entry) for entry in bibliography.bibliography()]
    entries = [
        RenderedEntry(str(items[int(key[1:])]["id"]), text)
        for key, text in zip(bibliography.keys, rendered, strict=True)
    ]
    return entries, _warnings_to_diagnostics(caught)


def _warnings_to_diagnostics(caught: list[warnings.WarningMessage]) -> list[Diagnostic]:
    messages = dict.fromkeys(str(w.message).splitlines()[0] for w in caught if str(w.message))
    return [
        Diagnostic(Severity.WARNING, Code.STYLE_WARNING, f"citeproc-py: {message}")
        for message in messages
    ]
