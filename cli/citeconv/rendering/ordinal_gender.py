"""Gendered ordinal suffixes (CSL 1.0.2, Ordinal Suffixes): an ordinal takes the
`gender-form` of the term it counts, a day the gender of its month's term (French `1er
octobre`, masculine, not `1re`); an ordinal of no gendered term takes the form without
`gender-form`, or else the first.

citeproc-py took the first `ordinal-01` of the locale, feminine in French (`1re octobre`).

Fixtures: number_LimitOrdinalsToDayOne.

This module never imports citeproc-py: the adapter hands its `model` module to install().
"""

from __future__ import annotations

from typing import Any

_counted_gender: list[str | None] = [None]  # the gender of what the ordinal being printed counts


def install(model: Any) -> None:
    """Patch the engine's classes (idempotent)."""
    if getattr(model, "_citeconv_ordinal_gender", False):
        return
    model.Date_Part.process = _day_counts_its_month(model.Date_Part.process)
    model.Number.process = _number_counts_its_variable(model.Number.process)
    model.Locale.get_term = _ordinal_of_gender(model.Locale.get_term)
    model._citeconv_ordinal_gender = True


def _counting(gender: str | None, render: Any) -> Any:
    saved = _counted_gender[0]
    _counted_gender[0] = gender
    try:
        return render()
    finally:
        _counted_gender[0] = saved


def _gender_of(element: Any, term_name: str) -> str | None:
    term = element.get_term(term_name)
    return None if term is None else term.get("gender")


def _day_counts_its_month(original: Any) -> Any:
    def process(self: Any, date: Any, context: Any = None) -> Any:
        if self.get("name") != "day" or self.get("form") != "ordinal":
            return original(self, date, context)
        month = getattr(date, "month", None)
        terms = context if context is not None else self
        gender = _gender_of(terms, f"month-{month:02}") if isinstance(month, int) else None
        return _counting(gender, lambda: original(self, date, context))

    return process


def _number_counts_its_variable(original: Any) -> Any:
    def process(self: Any, item: Any, context: Any = None, **kwargs: Any) -> Any:
        if self.get("form") not in ("ordinal", "long-ordinal"):
            return original(self, item, context, **kwargs)
        gender = _gender_of(self, str(self.get("variable")))
        return _counting(gender, lambda: original(self, item, context, **kwargs))

    return process


def _ordinal_of_gender(original: Any) -> Any:
    def get_term(self: Any, name: Any, form: Any = None, zero_padded: Any = False) -> Any:
        term = original(self, name, form, zero_padded)
        if term is None or term.get("gender-form") is None or not str(name).startswith("ordinal"):
            return term
        siblings = [t for t in term.itersiblings() if t.get("name") == name] + [term]
        alike = [t for t in siblings if t.get("form") == term.get("form")]
        alike = [t for t in alike if t.get("match") == term.get("match")]
        gender = _counted_gender[0]
        for wanted in (gender, None) if gender else (None, "masculine"):
            chosen = [t for t in alike if t.get("gender-form") == wanted]
            if chosen:
                return chosen[0]
        return term

    return get_term
