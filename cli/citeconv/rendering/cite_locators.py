"""A cite's locator (`chap. 2`, `pp. iv, vi-xi`) as the style's conditions and labels see it.

citeproc-py keeps the locator on the cite, not in the item's variables, so
`<if is-numeric="locator">` looked among the item's variables, never found it and failed:
APA and Chicago, which label a chapter, line or verse locator only when it is numeric, printed
`(Doe, 2020, 2)` for `chap. 2`, `l. 2` and `v. 2`. Numeric is as CSL 1.0.2 says: numbers,
each with optional letters around it (`D2`, `2b`), separated by `,`, `-` or `&`.

And a locator is plural (`pp.`) when it holds several numbers, a list or a range, roman ones
included: citeproc-py looked for digits only, so `{pp. iv, vi-xi}` printed `p.`.

This module never imports citeproc-py: the adapter hands its `model` module to install().
"""

from __future__ import annotations

from typing import Any

from citeconv import lazy_regex

# Possessive, and started only at the first digit or letter of a run: tried from each digit of
# a long run, the search was quadratic (a 32,000-digit locator took 34 s; issue 15). A later
# start in a run could only match what the run's first one matches.
_NUMBER = r"(?<!\d)(?:(?<![^\W\d_])[^\W\d_]++)?\d++[^\W\d_]*+"
_NUMERIC = lazy_regex.compile(rf"{_NUMBER}(?:\s*[-\u2013\u2014,&]\s*{_NUMBER})*")
_ROMAN = r"\b(?:[ivxlcdm]+|[IVXLCDM]+)\b"
_SEVERAL = lazy_regex.compile(
    rf"(?:{_NUMBER}|{_ROMAN})\s*(?:[-\u2013\u2014,&]|\band\b)\s*(?:{_NUMBER}|{_ROMAN})"
)


_SPACED_RANGE = lazy_regex.compile(r"(?<=\d)\s*[-\u2013]\s*(?=\d)")


def written(locator: str) -> str:
    """A locator as citeproc-js prints it: trimmed, a range of numbers joined by an en dash
    without spaces (`100 - 103` -> `100–103`; locator_SimpleLocators, locator_WithLeadingSpace)."""
    return _SPACED_RANGE.sub("\u2013", locator.strip())


def install(model: Any) -> None:
    """Patch the engine's condition and label classes (idempotent)."""
    if getattr(model, "_citeconv_cite_locators", False):
        return
    model.If._is_numeric = _locator_is_numeric(model.If._is_numeric)
    model.Label._is_plural = _several_locators_plural(model.Label._is_plural)
    model._citeconv_cite_locators = True


def numeric(locator: str) -> bool:
    return _NUMERIC.fullmatch(locator.strip()) is not None


def several(locator: str) -> bool:
    return _SEVERAL.search(locator) is not None


def _locator_is_numeric(original: Any) -> Any:
    def is_numeric(self: Any, item: Any) -> list[bool]:
        results: list[bool] = list(original(self, item))
        for index, variable in enumerate(self.get("is-numeric").split()):
            if variable == "locator":
                results[index] = item.has_locator and numeric(str(item.locator.identifier))
        return results

    return is_numeric


def _several_locators_plural(original: Any) -> Any:
    def is_plural(self: Any, item: Any) -> bool:
        if original(self, item):
            return True
        if self.get("variable") != "locator" or not item.has_locator:
            return False
        return several(str(item.locator.identifier))

    return is_plural
