"""A `cs:label` prints nothing when its variable is empty (CSL 1.0.2, Label).

citeproc-py printed the term anyway: a cite without a locator got `p.` (`Doe, p. .`) and an
item without pages `pp.` wherever a style puts the label outside a group.

A `number-of-volumes` or `number-of-pages` label is plural for a count above one (citeproc-py
looked the count up on the cite and dropped the label).

Fixtures: label_PluralNumberOfVolumes, bugreports_StyleError001, bugreports_UndefinedInName3,
bugreports_GreekStyleTwoEditors.

This module never imports citeproc-py: the adapter hands its `model` module to install().
"""

from __future__ import annotations

from typing import Any

_model: Any = None


def install(model: Any) -> None:
    """Patch the engine's classes (idempotent)."""
    global _model
    _model = model
    if getattr(model, "_citeconv_labels", False):
        return
    model.Label.process = _nothing_without_variable(model.Label.process)
    model._citeconv_labels = True


def _nothing_without_variable(original: Any) -> Any:
    def process(self: Any, item: Any, variable: Any = None, *args: Any, **kwargs: Any) -> Any:
        if isinstance(self.getparent(), _model.Names):
            return original(self, item, variable, *args, **kwargs)  # names check their own
        name = variable if variable is not None else self.get("variable")
        if name == "locator":
            if not item.has_locator:
                return None
        elif name is not None and not _has(item.reference, name):
            return None
        elif name is not None and name.startswith("number-of-") and not args:
            # citeproc-py looked the count up on the cite, not the item, and gave up
            count = str(item.reference.get(name.replace("-", "_")))
            kwargs.setdefault("plural", is_plural_count(count))
        return original(self, item, variable, *args, **kwargs)

    return process


def _has(reference: Any, variable: str) -> bool:
    value = reference.get(variable.replace("-", "_"))
    return value is not None and str(value).strip() != ""


def is_plural_count(count: str) -> bool:
    """Whether a count (`number-of-pages`) is above one: isdecimal, as `int` reads it (not
    `²`), and long counts decided by their length (`int` refuses 4,300 digits; issue 15)."""
    return count.isdecimal() and (len(count) > 9 or int(count) > 1)
