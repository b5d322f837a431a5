"""The year suffix (2000a) printed after the first issued date when the style does not print
the `year-suffix` variable itself.

CSL 1.0.2, disambiguate-add-year-suffix: "If ... year-suffix is not rendered explicitly, the
suffix is appended to the first year rendered through cs:date" in a cite or entry.
citeproc-py printed it only where a style names the variable, so `Grignon 2000` stayed
ambiguous. The suffix goes right after the last year of the first issued date rendered
(`1984–1986a`, `(June 2000a)`).

Fixtures: bugreports_BadCitationUpdate, bugreports_YearSuffixLingers, disambiguate_YearSuffix*.

This module never imports citeproc-py: the adapter hands its `model` module to install().
"""

from __future__ import annotations

from typing import Any

_DONE = "citeconv_year_suffix_done"
_model: Any = None
# A style's root element -> it disambiguates by year suffix and never names the variable.
_implicit: dict[Any, bool] = {}


def install(model: Any) -> None:
    """Patch the engine's classes (idempotent)."""
    global _model
    _model = model
    if getattr(model, "_citeconv_year_suffix", False):
        return
    model.Date.process = _suffixed_first_date(model.Date.process)
    model.Layout.render_children = _fresh_cite(model.Layout.render_children)
    model._citeconv_year_suffix = True


def _fresh_cite(original: Any) -> Any:
    def render_children(self: Any, item: Any, delimiter: str = "", **kwargs: Any) -> Any:
        if isinstance(item, dict):
            item.pop(_DONE, None)
        return original(self, item, delimiter, **kwargs)

    return render_children


def _suffixed_first_date(original: Any) -> Any:
    def process(self: Any, item: Any, variable: Any = None, *args: Any, **kwargs: Any) -> Any:
        text = original(self, item, variable, *args, **kwargs)
        name = variable or self.get("variable")
        if not text or name != "issued" or kwargs.get("sort_options") is not None:
            return text
        # A localized date is rendered by the locale's cs:date, in the context of the style's.
        context = kwargs.get("context")
        style_element = context if context is not None else self
        if not isinstance(item, dict) or item.get(_DONE) or not _suffix_is_implicit(style_element):
            return text
        reference: Any = getattr(item, "reference")  # noqa: B009 - a CitationItem, typed as dict
        suffix = reference.get("year_suffix")
        if not suffix:
            return text
        item[_DONE] = True
        return _after_last_year(text, str(suffix), _last_year(reference.get("issued")))

    return process


def _suffix_is_implicit(element: Any) -> bool:
    root = element.get_root()
    known = _implicit.get(root)
    if known is None:
        nodes = list(root.iter())
        known = _implicit[root] = any(
            node.get("disambiguate-add-year-suffix") == "true" for node in nodes
        ) and not any("year-suffix" in (node.get("variable") or "") for node in nodes)
    return known


def _last_year(date: Any) -> str | None:
    """The year of a date, or of the end of a range (the engine's dates are dicts)."""
    if not isinstance(date, dict):
        return None
    last = date.get("end") or date
    year = last.get("year") if isinstance(last, dict) else None
    return None if year is None else str(year)


def _after_last_year(text: Any, suffix: str, year: str | None) -> Any:
    """`text` with `suffix` after the last `year` in it (at the end if the year is not there)."""
    segments = list(text) if isinstance(text, list) else [text]
    for index in range(len(segments) - 1, -1, -1):
        segment = segments[index]
        where = str(segment).rfind(year) if year else -1
        if where >= 0 and isinstance(segment, str):
            cut = where + len(year or "")
            segments[index] = type(segment)(str(segment)[:cut] + suffix + str(segment)[cut:])
            return type(text)(segments) if isinstance(text, list) else segments[0]
    return text + suffix
