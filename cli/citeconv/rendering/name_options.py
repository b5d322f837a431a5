"""cs:name options citeproc-py does not know: `after-inverted-name` and `form="count"`.

- `delimiter-precedes-last` and `delimiter-precedes-et-al` set to `after-inverted-name`: the
  delimiter goes before `and` or `et al.` only when the name before it is printed inverted
  (`Weinstock, R., Leong, G. B., & Silva, J. A.`; `DOEBUCK, Jonathan, et al.`). citeproc-py
  read the value as `never`.
- `et-al-use-first="0"`: no name shown, so the element prints nothing.
- `et-al-subsequent-min` and `et-al-subsequent-use-first` for a work cited before.
- `et-al-min` with no `et-al-use-first` on the name, its cs:citation or cs:bibliography, or the
  style: no truncation, as citeproc-js does (citeproc-py read a default of 1, so `John Doe et
  al.` where the list has three names).
- `form="count"`: the number of names the element would print, over all its variables
  (CSL 1.0.2, Name options); citeproc-py joined the counts as text (`32` for 3 + 2).

Fixtures: name_DelimiterAfterInverted, name_AfterInvertedName, name_AuthorEditorCount,
name_AuthorCountWithMultipleVariables, name_AuthorCountWithSameVarContentAndCombinedTermFail,
bugreports_EtAlSubsequent, etal_UseZeroFirst, nameattr_EtAlUseFirstOnCitationInBibliography.

This module never imports citeproc-py: the adapter hands its `model` module to install().
"""

from __future__ import annotations

from typing import Any

from citeconv.rendering.element_attributes import attributes_set

_AFTER_INVERTED = "after-inverted-name"
_PRECEDES = ("delimiter-precedes-last", "delimiter-precedes-et-al")


_model: Any = None


def install(model: Any) -> None:
    """Patch the engine's classes (idempotent)."""
    global _model
    _model = model
    if getattr(model, "_citeconv_name_options", False):
        return
    # _use_first_required outermost: a later cite's et-al-subsequent-min is then still set.
    model.Name.process = _use_first_required(
        _subsequent_et_al(_none_shown(_after_inverted_name(model.Name.process)))
    )
    model.Names.process = _counted(model.Names.process)
    model._citeconv_name_options = True


def _after_inverted_name(original: Any) -> Any:
    def process(self: Any, item: Any, variable: Any, context: Any = None, **kwargs: Any) -> Any:
        if not _uses_after_inverted(self.getroottree().getroot()):
            return original(self, item, variable, context, **kwargs)  # the common case, fast
        options = kwargs.get("sort_options")
        chosen = {
            name: self.get_option(name, context, options)
            for name in _PRECEDES
            if self.get_option(name, context, options) == _AFTER_INVERTED
        }
        if not chosen:
            return original(self, item, variable, context, **kwargs)
        shown = names_shown(self, item, variable, context, options)
        order = self.get_option("name-as-sort-order", context, options)
        # The name before `and` (the last but one) or before `et al.` (the last shown).
        before = {"delimiter-precedes-last": shown - 2, "delimiter-precedes-et-al": shown - 1}
        names = item.reference.get(variable) or []
        overrides = {
            name: "always" if inverted(names, before[name], order) else "never" for name in chosen
        }
        # Set on the element while it renders (not as sort options, which mark a sort key).
        with attributes_set(self, overrides):
            return original(self, item, variable, context, **kwargs)

    return process


_styles_using: dict[Any, bool] = {}  # a style's root element -> it says after-inverted-name


def _uses_after_inverted(root: Any) -> bool:
    known = _styles_using.get(root)
    if known is None:
        known = _styles_using[root] = any(
            node.get(name) == _AFTER_INVERTED for node in root.iter() for name in _PRECEDES
        )
    return known


def inverted(names: Any, index: int, order: Any) -> bool:
    """The name at `index` is printed family first: a person's name (an organization's is
    never inverted) under name-as-sort-order `all`, or `first` for the first."""
    if not 0 <= index < len(names) or not names[index].get("given"):
        return False
    return order == "all" or (order == "first" and index == 0)


_SUBSEQUENT = {"et-al-min": "et-al-subsequent-min", "et-al-use-first": "et-al-subsequent-use-first"}


def _subsequent_et_al(original: Any) -> Any:
    """A work cited before takes `et-al-subsequent-min` and `-use-first` (citeproc-py read
    them and never used them)."""

    def process(self: Any, item: Any, variable: Any, context: Any = None, **kwargs: Any) -> Any:
        layout = (context if context is not None else self).get_layout()
        citation = layout.getparent()
        if kwargs.get("sort_options") is not None or not isinstance(citation, _model.Citation):
            return original(self, item, variable, context, **kwargs)
        wanted = {
            plain: self.get(later) or citation.get(later) for plain, later in _SUBSEQUENT.items()
        }
        if not wanted["et-al-min"] or not any(cite.key == item.key for cite in citation.cites):
            return original(self, item, variable, context, **kwargs)
        with attributes_set(self, wanted):
            return original(self, item, variable, context, **kwargs)

    return process


def _use_first_required(original: Any) -> Any:
    """No `et-al-use-first` anywhere a name inherits from: the names are not truncated."""

    def process(self: Any, item: Any, variable: Any, context: Any = None, **kwargs: Any) -> Any:
        if kwargs.get("sort_options") is not None or self.get("et-al-use-first") is not None:
            return original(self, item, variable, context, **kwargs)
        lacking = _contexts_lacking_use_first(self.getroottree().getroot())
        if not lacking:
            return original(self, item, variable, context, **kwargs)  # the common case, fast
        parent = (context if context is not None else self).get_layout().getparent()
        if parent.tag.rpartition("}")[2] not in lacking:
            return original(self, item, variable, context, **kwargs)
        saved = self.get("et-al-min")
        self.set("et-al-min", "0")
        try:
            return original(self, item, variable, context, **kwargs)
        finally:
            if saved is None:
                self.attrib.pop("et-al-min", None)
            else:
                self.set("et-al-min", saved)

    return process


_lacking_use_first: dict[Any, frozenset[str]] = {}  # a style's root -> its contexts lacking it


def _contexts_lacking_use_first(root: Any) -> frozenset[str]:
    """`citation` and `bibliography`, each if neither it nor the style sets et-al-use-first."""
    known = _lacking_use_first.get(root)
    if known is None:
        lacking = set()
        # Without any et-al-min nothing is truncated (citeproc-py's default is 0).
        truncates = any(node.get("et-al-min") is not None for node in root.iter())
        if truncates and root.get("et-al-use-first") is None:
            for node in root:
                kind = str(node.tag).rpartition("}")[2]
                if kind in ("citation", "bibliography") and node.get("et-al-use-first") is None:
                    lacking.add(kind)
        known = _lacking_use_first[root] = frozenset(lacking)
    return known


def _none_shown(original: Any) -> Any:
    """`et-al-use-first="0"` shows no name: the element prints nothing, not `et al.` alone."""

    def process(self: Any, item: Any, variable: Any, context: Any = None, **kwargs: Any) -> Any:
        if self.get("et-al-use-first") == "0" or self.get("et-al-subsequent-use-first") == "0":
            options = kwargs.get("sort_options")
            if names_shown(self, item, variable, context, options) == 0:
                raise _model.VariableError
        return original(self, item, variable, context, **kwargs)

    return process


def names_shown(name: Any, item: Any, variable: Any, context: Any, options: Any) -> int:
    names = item.reference.get(variable) or []
    et_al_min = int(name.get_option("et-al-min", context, options) or 0)
    use_first = int(name.get_option("et-al-use-first", context, options) or 0)
    if et_al_min and len(names) >= et_al_min and len(names) > 1:
        return min(len(names), use_first)
    return len(names)


def _counted(original: Any) -> Any:
    def process(
        self: Any, item: Any, names_context: Any = None, context: Any = None, **kwargs: Any
    ) -> Any:
        element = (names_context if names_context is not None else self).name
        if element is None or element.get("form") != "count":
            return original(self, item, names_context, context, **kwargs)
        options = kwargs.get("sort_options")
        total = sum(
            names_shown(element, item, role, context, options)
            for role in self.get("variable", "").split()
            if role in item.reference
        )
        if total:
            return str(total)
        return original(self, item, names_context, context, **kwargs)  # substitutes, or fails

    return process
