"""Memoized look-ups for citeproc-py's hot spots; output is byte-identical, only faster.

Profiling APA over 1,000-10,000 real entries (bench/RESULTS.md) showed the time spread over
citeproc-py's tree walk, most of it in work that is the same for every entry because the
style tree never changes: lxml XPath queries (macro, term, layout and ancestor look-ups), the
recursive `calls_variable`, the root of an element (`getroottree()` builds a new tree object
per call), `find()` behind attribute access, and attributes re-read for every entry
(element_plans.py). Per entry, `CustomDict` look-ups went through `super()` and
a Python `__getitem__`; `CitationItem.number` was a `list.index` over all keys (quadratic in
numbered styles).

This module never imports citeproc-py (the adapter `rendering/citeproc.py` does, and hands the
modules over). Memo keys are lxml element proxies: holding them in the memo keeps each proxy
alive, so lxml returns the very same object for the same node and identity is a valid key.
The style and locale trees are parsed once and hardly change while rendering: citeproc-py adds
a default `Name` to a `<names>` that has none (see `_default_name`; a missing child is never
memoized), and engine_patches rewrites a `variable` attribute for a moment (no memo reads it).
Everything memoized here is unaffected by either.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cached_property
from typing import Any

from citeconv.rendering import choose_plans, condition_plans, element_plans
from citeconv.rendering.punctuation import append_in_place
from citeconv.style_check import KNOWN_ELEMENTS

# Bounded so that a long-lived process rendering many styles cannot grow without limit.
_MEMO_LIMIT = 200_000
_MISSING = object()

_xpath_memo: dict[tuple[Any, str], list[Any]] = {}
_macro_memo: dict[tuple[Any, str], Any] = {}
_macro_index: dict[Any, dict[str, Any]] = {}
_calls_variable_memo: dict[Any, bool] = {}
_root_memo: dict[Any, Any] = {}
_child_memo: dict[tuple[Any, str], Any] = {}
_term_memo: dict[tuple[Any, ...], Any] = {}
_layout_memo: dict[Any, Any] = {}
_LAYOUT = "./ancestor-or-self::cs:layout[1]"


def install(model: Any, source: Any, item_class: type) -> None:
    """Patch citeproc-py's `model` and `source` modules once; later calls do nothing."""
    element = model.CitationStylesElement
    if getattr(element, "_citeconv_speedups", False):
        return
    element.xpath_search = _memoized_xpath(element.xpath_search)
    element.get_macro = _memoized_macro(element.get_macro)
    element.get_term = _memoized_term(element.get_term)
    for calls_variable_class in (model.Parent, model.Text):
        calls_variable_class.calls_variable = _memoized_calls_variable(
            calls_variable_class.calls_variable
        )
    # Replacements, not wrappers: each only while the method is still citeproc-py's own, so a
    # correctness fix in engine_patches (installed first) is never overwritten.
    _replace(element, "get_root", _memoized_root)
    _replace(element, "get_layout", _memoized_layout)
    _replace(element, "get_formatter", _formatter_of(model.Locale))
    _replace(model.SomewhatObjectifiedElement, "__getattr__", _memoized_child)
    element_plans.install(model, _replace)
    condition_plans.install(model, _replace)
    choose_plans.install(model, _replace)  # after condition_plans, whose If.render it builds on
    _install_items(source, item_class)
    element._citeconv_speedups = True


def _replace(owner: Any, name: str, replacement: Callable[..., Any]) -> None:
    current = getattr(owner, name)
    if getattr(current, "__module__", "").startswith("citeproc."):
        setattr(owner, name, replacement)


def _bounded(memo: dict[Any, Any]) -> dict[Any, Any]:
    if len(memo) > _MEMO_LIMIT:
        memo.clear()
    return memo


def _memoized_xpath(original: Callable[[Any, str], list[Any]]) -> Callable[[Any, str], list[Any]]:
    def xpath_search(self: Any, expression: str) -> list[Any]:
        key = (self, expression)
        found = _xpath_memo.get(key)
        if found is None:
            found = _bounded(_xpath_memo)[key] = original(self, expression)
        return list(found)  # a copy: callers may not share our list

    return xpath_search


def _memoized_macro(original: Callable[[Any, str], Any]) -> Callable[[Any, str], Any]:
    """A macro by name from an index of the style's macros, built in one pass: citeproc-py's
    XPath search walked every macro for each name, quadratic in a style of 10,000 macros
    (a 730 KB style took 15 s for one entry; issue 15). A name the index lacks goes to
    citeproc-py, which fails as it always did."""

    def get_macro(self: Any, name: str) -> Any:
        key = (self, name)
        found = _macro_memo.get(key, _MISSING)
        if found is _MISSING:
            indexed = _macros_of(self.get_root()).get(name)
            found = indexed if indexed is not None else original(self, name)
            _bounded(_macro_memo)[key] = found
        return found

    return get_macro


def _macros_of(root: Any) -> dict[str, Any]:
    index = _macro_index.get(root)
    if index is None:
        index = {}
        for macro in root.iterchildren("{http://purl.org/net/xbiblio/csl}macro"):
            index.setdefault(macro.get("name"), macro)  # the first of a name, as `[1]` finds
        _bounded(_macro_index)[root] = index
    return index


def _memoized_term(original: Callable[..., Any]) -> Callable[..., Any]:
    """`get_term` searched the locales (and, through term_forms.py, each fallback form) on
    every call, about ten times per entry for the same few terms: the element found is the
    same for the same root, name and form. Ordinals are not remembered: which of them is
    found hangs on the gender of what they count (ordinal_gender.py). A look-up that raises
    is not remembered either: it raises again."""

    def get_term(
        self: Any, name: Any, form: Any = None, fallback_locale: Any = True, **kwargs: Any
    ) -> Any:
        if "ordinal" in str(name):
            return original(self, name, form, fallback_locale, **kwargs)
        root = _root_memo.get(self)
        if root is None:
            root = _memoized_root(self)
        key = (
            (root, name, form, fallback_locale, *sorted(kwargs.items()))
            if kwargs
            else (
                root,
                name,
                form,
                fallback_locale,
            )
        )
        found = _term_memo.get(key, _MISSING)
        if found is _MISSING:
            found = original(self, name, form, fallback_locale, **kwargs)
            _bounded(_term_memo)[key] = found
        return found

    return get_term


def _memoized_calls_variable(original: Callable[[Any], bool]) -> Callable[[Any], bool]:
    def calls_variable(self: Any) -> bool:
        found = _calls_variable_memo.get(self)
        if found is None:
            found = _bounded(_calls_variable_memo)[self] = original(self)
        return found

    return calls_variable


def _memoized_root(self: Any) -> Any:
    """`getroottree().getroot()`, which builds a new ElementTree object on every call."""
    root = _root_memo.get(self)
    if root is None:
        root = _bounded(_root_memo)[self] = self.getroottree().getroot()
    return root


def _memoized_layout(self: Any) -> Any:
    """The layout an element is in (entries record what they printed on it), found without
    copying the memoized XPath result on each of the half million calls of an APA run."""
    layout = _layout_memo.get(self)
    if layout is None:
        layout = _bounded(_layout_memo)[self] = self.xpath_search(_LAYOUT)[0]
    return layout


def _formatter_of(locale_class: Any) -> Callable[[Any], Any]:
    def get_formatter(self: Any) -> Any:
        root: Any = _root_memo.get(self)
        if root is None:
            root = _memoized_root(self)
        return root.style.formatter if isinstance(root, locale_class) else root.formatter

    return get_formatter


def _memoized_child(self: Any, name: str) -> Any:
    """`element.layout` and friends: the first `cs:<name>` child (`find`), remembered.

    Only reached when normal attribute lookup fails, as in citeproc-py; an attribute set on
    the element later (`layout.repressed = {}`) is found first and never comes here.
    A name that is no CSL element (`citeconv_recording`, asked of the layout by every
    `<text variable>`) has no such child: searching the children for it each time was
    quadratic in a layout of thousands of elements (a 720 KB style took 15 s; issue 15)."""
    if name not in KNOWN_ELEMENTS:
        return None
    key = (self, name)
    found = _child_memo.get(key)
    if found is None:
        found = self.find("cs:" + name, self.nsmap)
        if found is None and name == "name":
            found = _default_name(self)
        if found is not None:  # a missing child may be added later, so it is not memoized
            _bounded(_child_memo)[key] = found
    return found


def _default_name(names: Any) -> Any:
    """The `Name()` citeproc-py inserted into a `<names>` without `<name>` for an earlier
    entry. Its tag lacks the CSL namespace, so citeproc-py never found it again and inserted
    one more per entry: the tree grew with every entry and each `et-al` sibling search took
    longer (quadratic over a bibliography). It has no attributes, so reusing it renders the
    same."""
    first = names[0] if len(names) else None
    return first if first is not None and first.tag == "Name" and not first.attrib else None


def _install_items(source: Any, item_class: Any) -> None:
    """Per-entry dictionaries: C-level look-ups, one reference look-up, an indexed number."""
    custom_dict = source.CustomDict
    variable_error = source.VariableError

    def __missing__(self: Any, key: Any) -> Any:
        raise variable_error

    # `dict.__getitem__` calls `__missing__` for a subclass: same VariableError, no `super()`.
    del custom_dict.__getitem__
    custom_dict.__missing__ = __missing__
    custom_dict.__getattr__ = dict.__getitem__
    reader = source.json.CiteProcJSON
    reader.parse_string = _plain_strings_directly(
        (source.json.String, source.json.NoCase, source.json.MixedString)
    )
    item_class.number = property(_indexed_number)
    # A non-data descriptor: after the first look-up the instance's own attribute answers.
    # (`CitationItem` is a dict whose attribute writes become keys; cached_property writes the
    # instance __dict__ directly.) citeconv registers each item in one bibliography.
    reference = cached_property(item_class.reference.fget)
    reference.__set_name__(item_class, "reference")
    item_class.reference = reference


def _plain_strings_directly(classes: tuple[Any, Any, Any]) -> Callable[[Any, Any], Any]:
    """Reading a value without a nocase span: what `MixedString() + String(value)` gives,
    without the concatenation machinery (most of reading 10,000 items into citeproc-py). A
    value with spans: the reader's own loop, each piece added in place (`_with_spans`)."""
    string_class, _, mixed_class = classes

    def parse_string(self: Any, value: Any) -> Any:
        value = str(value)
        lower = value.lower()
        if self.start_tag in lower:
            return _with_spans(self, value, lower, classes)
        return mixed_class([string_class(value)]) if value else mixed_class()

    return parse_string


def _with_spans(reader: Any, value: str, lower: str, classes: tuple[Any, Any, Any]) -> Any:
    """citeproc-py's `CiteProcJSON.parse_string`, step for step (an unclosed span adds the
    text before it twice, as there), with `append_in_place` for its `output += piece`."""
    string_class, nocase_class, mixed_class = classes
    output, end = mixed_class(), 0
    while True:
        start = lower.find(reader.start_tag, end)
        if start < 0:
            break
        if value[end:start]:
            output = append_in_place(output, string_class(value[end:start]))
        close = lower.find(reader.end_tag, start + 1)
        if close < 0:
            break
        start += len(reader.start_tag)
        output = append_in_place(output, nocase_class(value[start:close]))
        end = close + len(reader.end_tag)
    if value[end:]:
        output = append_in_place(output, string_class(value[end:]))
    return output


def _indexed_number(item: Any) -> int:
    """`keys.index(key) + 1` without the linear scan: an index rebuilt when `keys` changes."""
    bibliography = item.bibliography
    keys = bibliography.keys
    cached = getattr(bibliography, "_citeconv_number_index", None)
    if cached is None or cached[0] is not keys or cached[1] != len(keys):
        index = {key: position for position, key in reversed(list(enumerate(keys, 1)))}
        cached = (keys, len(keys), index)
        bibliography._citeconv_number_index = cached
    number = cached[2].get(item.key)
    if number is None:
        raise ValueError(f"{item.key!r} is not in list")  # what list.index raised
    return int(number)
