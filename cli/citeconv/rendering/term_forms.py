"""A term missing in the form a style asks for falls back to the next form (CSL 1.0.2,
Terms): `verb-short` to `verb` to the long form, `symbol` to `short` to the long form.

citeproc-py looked the one form up and printed nothing without it: `label form="verb-short"`
on `reviewed-author` (the locale has only `by` as the verb form) dropped the `by` of `Review of
My Title, by Beaver Burtle`.

A term whose text is only the XML's line breaks and indentation (`<term name="and others">`
on one line, `</term>` on the next) is empty, as citeproc-js reads it; citeproc-py printed the
whitespace (`Иванов И.И. . Пример` for an emptied et-al term).

Fixtures: bugreports_ByBy, label_EditorTranslator1.

This module never imports citeproc-py: the adapter hands its `model` module to install().
"""

from __future__ import annotations

from typing import Any

# The form to try when a term has none in this one; None is the long form.
_NEXT_FORM: dict[str | None, str | None] = {
    "verb-short": "verb",
    "verb": None,
    "symbol": "short",
    "short": None,
}


def install(model: Any) -> None:
    """Patch the engine's term look-up (idempotent)."""
    if getattr(model, "_citeconv_term_forms", False):
        return
    model.CitationStylesElement.get_term = _with_fallback_forms(
        model.CitationStylesElement.get_term
    )
    for form in ("single", "multiple"):
        original = getattr(model.Term, form).fget
        setattr(model.Term, form, property(_remembered(_layout_only_is_empty(original), form)))
    model._citeconv_term_forms = True


def _with_fallback_forms(original: Any) -> Any:
    def get_term(
        self: Any, name: Any, form: Any = None, fallback_locale: Any = True, **kwargs: Any
    ) -> Any:
        term = original(self, name, form, fallback_locale, **kwargs)
        while term is None and form in _NEXT_FORM:
            form = _NEXT_FORM[form]
            term = original(self, name, form, fallback_locale, **kwargs)
        return term

    return get_term


def _layout_only_is_empty(original: Any) -> Any:
    def text(self: Any) -> Any:
        value = original(self)
        if "\n" in value and not value.strip():
            return type(value)("")
        return value

    return text


# A term's text per form and formatter: locale terms never change while rendering, and
# citeproc-py searched the term's children (raising and catching an AttributeError when it has
# no `single`/`multiple`) on each of the hundred thousand look-ups of an APA run.
_MEMO_LIMIT = 200_000
_text_memo: dict[tuple[Any, str, Any], Any] = {}


def _remembered(original: Any, form: str) -> Any:
    def text(self: Any) -> Any:
        key = (self, form, self.get_formatter())
        found = _text_memo.get(key)
        if found is None:
            if len(_text_memo) > _MEMO_LIMIT:
                _text_memo.clear()
            found = _text_memo[key] = original(self)
        return found

    return text
