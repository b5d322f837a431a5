"""Names in sort keys compared name by name, as citeproc-js compares them.

A key of names is a list of names, not a line of text: `Colaresi, Rasler, and Thompson` sorts
before `Colaresi and Thompson` (Rasler < Thompson), and APA's `Smith, J., Adams, B.` before
`Smith, J., & Brown, A.`. citeproc-py compared the printed list, where the `and` term, the
delimiters and a role label (`ed.`) decided the order. In a sort key the names are now joined
by a separator that sorts before any letter or space, with no `and` term, and the label of a
names element is left out. A list cut short by `names-min`/`names-use-first` has no `et al.`
in its key either: `Smith` then sorts with the single `Smith`, and the next key decides
(AGU's reverse groups, by number of authors).

Fixtures: sort_WithAndInOneEntry, sort_DropNameLabelInSort, sort_SeparateAuthorsAndOthers,
sort_AguStyleReverseGroups.

This module never imports citeproc-py: the adapter hands its `model` module to install().
"""

from __future__ import annotations

from typing import Any

NAME_SEPARATOR = "\u0001"  # sorts before every printable character
_IN_SORT_KEY = {"and": None, "delimiter": NAME_SEPARATOR, "delimiter-precedes-last": "never"}
_model: Any = None


def install(model: Any) -> None:
    """Patch the engine's classes (idempotent)."""
    global _model
    _model = model
    if getattr(model, "_citeconv_sort_names", False):
        return
    model.Name.process = _listed_in_sort_keys(model.Name.process)
    model.Name.et_al = _no_et_al_in_sort_keys(model.Name.et_al)
    model.Label.process = _no_role_label_in_sort_keys(model.Label.process)
    model.Key._format_name = _variable_key_listed(model.Key._format_name)
    model._citeconv_sort_names = True


_rendering_sort_key = [False]  # a name list is being rendered for a sort key


def _listed_in_sort_keys(original: Any) -> Any:
    def process(self: Any, item: Any, variable: Any, context: Any = None, **kwargs: Any) -> Any:
        sort_options = kwargs.get("sort_options")
        if sort_options is None:
            return original(self, item, variable, context, **kwargs)
        kwargs["sort_options"] = {**sort_options, **_IN_SORT_KEY}
        outer, _rendering_sort_key[0] = _rendering_sort_key[0], True
        try:
            return original(self, item, variable, context, **kwargs)
        finally:
            _rendering_sort_key[0] = outer

    return process


def _no_et_al_in_sort_keys(original: Any) -> Any:
    def et_al(self: Any) -> Any:
        return "" if _rendering_sort_key[0] else original(self)

    return et_al


def _no_role_label_in_sort_keys(original: Any) -> Any:
    def process(self: Any, item: Any, *args: Any, **kwargs: Any) -> Any:
        if kwargs.get("sort_options") is not None and isinstance(self.getparent(), _model.Names):
            return None
        return original(self, item, *args, **kwargs)

    return process


def _variable_key_listed(original: Any) -> Any:
    """`<key variable="author">`: the engine joins the names with `;`, which sorts after a
    space, so `Doe, John; Roe` came after `Doe, John Eamon`."""

    def format_name(self: Any, item: Any, variable: Any) -> Any:
        key = original(self, item, variable)
        return key.replace(";", NAME_SEPARATOR) if isinstance(key, str) else key

    return format_name
