"""Per-element plans for citeproc-py: attributes a style element carries, read once, not per entry.

citeproc-py re-reads an element's attributes for every entry it renders: the five formatting
attributes in `Formatted.format` (each with a formatter look-up through the tree root), the
kind of a `<text>`, a locale's style options. Style
elements never change their attributes while rendering, so each is turned into a small plan
on first use and memoized by element (see speedups.py on why element identity is a valid
key). Each replacement does exactly what the method it replaces did, in the same order.
Installed by `speedups.install`; this module never imports citeproc-py.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import suppress
from functools import lru_cache
from typing import Any

from citeconv.rendering.markup import hide_markup
from citeconv.rendering.punctuation import quote_marked

# Bounded so that a long-lived process rendering many styles cannot grow without limit.
_MEMO_LIMIT = 200_000
_MISSING = object()

_format_memo: dict[Any, tuple[str, ...] | None] = {}
_locale_option_memo: dict[tuple[Any, str], Any] = {}
_text_kind_memo: dict[Any, tuple[str, str, tuple[str, ...]]] = {}
_inherited_memo: dict[tuple[Any, str], Any] = {}
_instructions_memo: dict[Any, Any] = {}
_markup_memo: dict[Any, tuple[bool, bool, bool]] = {}
Replace = Callable[[Any, str, Callable[..., Any]], None]


def install(model: Any, replace: Replace) -> None:
    """Wrap or (through `replace`, which spares methods engine_patches fixed) replace."""
    model.Formatted.format = _planned_format(model.Formatted.format)
    model.Locale.get_option = _memoized_locale_option(model.Locale.get_option)
    replace(model.Text, "process", _text_process(model))
    replace(model.Text, "markup", _planned_text_markup(model))
    # The options of `cs:citation` and `cs:bibliography` (and the style's, which they inherit):
    # no unit sets an attribute on these elements, unlike `cs:name`, whose et-al and delimiter
    # options name_options.py and ambiguity.py set while it renders (read live below).
    model.FormattingInstructions.get_option = _memoized_inherited_option(
        model.FormattingInstructions.get_option
    )
    replace(model.Name, "get_option", _name_option)


def _bounded(memo: dict[Any, Any]) -> dict[Any, Any]:
    if len(memo) > _MEMO_LIMIT:
        memo.clear()
    return memo


# Formatted.format applies five attributes in this order; each maps a value to the name of the
# formatter class that wraps the text. The CSL default of each is "no wrapping".
_FORMATTING_ATTRIBUTES = (
    ("font-style", "normal", {"italic": "Italic", "oblique": "Oblique"}),
    ("font-variant", "normal", {"small-caps": "SmallCaps"}),
    ("font-weight", "normal", {"bold": "Bold", "light": "Light"}),
    ("text-decoration", "none", {"underline": "Underline"}),
    ("vertical-align", "baseline", {"sup": "Superscript", "sub": "Subscript"}),
)


def _formatting_plan(element: Any) -> tuple[str, ...] | None:
    """The formatter classes `format` wraps text in, in order; None for a value citeproc-py
    does not know (the original method then runs, and fails as it always did)."""
    plan = []
    for attribute, default, wrappers in _FORMATTING_ATTRIBUTES:
        value = element.get(attribute, default)
        if value != default:
            if value not in wrappers:
                return None
            plan.append(wrappers[value])
    return tuple(plan)


def _planned_format(original: Callable[[Any, Any], Any]) -> Callable[[Any, Any], Any]:
    def format(self: Any, string: Any) -> Any:
        plan: Any = _format_memo.get(self, _MISSING)
        if plan is _MISSING:
            plan = _bounded(_format_memo)[self] = _formatting_plan(self)
        if plan is None:
            return original(self, string)
        if isinstance(string, int | float):
            string = str(string)
        if plan:
            formatter = self.get_formatter()
            for wrapper in plan:
                string = getattr(formatter, wrapper)(string)
        return string

    return format


def _text_process(model: Any) -> Callable[..., Any]:
    """`Text.process` without raising and catching VariableError for every entry that has no
    `language` (most), with the element's kind of text read once, and failing at once on a
    variable the item lacks (what `_variable` and its wrappers do, three calls deeper)."""
    string_class, variable_error = model.String, model.VariableError

    def process(self: Any, item: Any, context: Any = None, **kwargs: Any) -> Any:
        if context is None:
            context = self
        plan = _text_kind_memo.get(self)
        if plan is None:
            plan = _bounded(_text_kind_memo)[self] = _text_plan(self)
        kind, style_language, needed = plan
        reference = item.reference
        language = reference.get("language", _MISSING)
        language = style_language if language is _MISSING else language[:2]
        if kind == "variable":
            for key in needed:
                if key in reference:
                    break
            else:
                if needed:
                    _fail_unless_repressed(self, context, variable_error)
            text = self._variable(item, context)
        elif kind == "macro":
            text = self.get_macro(self.get("macro")).render(item, context)
        elif kind == "term":
            text = self._term(item)
        elif kind == "value":
            text = string_class(self.preformat(_value_markup(self.get("value"))))
        else:
            raise UnboundLocalError("text")  # what citeproc-py raised for a bare <text/>
        return text, language

    return process


def _fail_unless_repressed(text: Any, context: Any, variable_error: type[Exception]) -> None:
    """Raise what `Text._variable` raises for a variable the item lacks, unless the entry's
    substitute printed it (then `_variable` returns None, so it is left to decide)."""
    repressed = getattr(context.get_layout(), "repressed", None)
    if repressed is None:
        return  # `_variable` fails its own way
    if not (text.tag in repressed and text.get("variable") in repressed[text.tag]):
        raise variable_error


def _planned_text_markup(model: Any) -> Callable[[Any, Any, Any], Any]:
    """`Text.markup` (strip periods, case, format, quote, affixes) without the steps that do
    nothing for the element: no `strip-periods`, `text-case` or `quotes` attribute, and the
    method still the one known to return its text unchanged then (citeproc-py's own strip,
    text_case.py's case, punctuation.py's quote; a unit that replaces one is always run)."""
    known_strip, known_case = model.StrippedPeriods.strip_periods, model.TextCased.case

    def steps(text: Any) -> tuple[bool, bool, bool]:
        attributes, kind = text.attrib, type(text)
        return (
            "strip-periods" in attributes or kind.strip_periods is not known_strip,
            "text-case" in attributes or kind.case is not known_case,
            "quotes" in attributes or kind.quote is not quote_marked,
        )

    def markup(self: Any, text: Any, language: Any) -> Any:
        if not text:
            return None
        plan = _markup_memo.get(self)
        if plan is None:
            plan = _bounded(_markup_memo)[self] = steps(self)
        strips, cases, quotes = plan
        if strips:
            text = self.strip_periods(text)
        if cases:
            text = self.case(text, language)
        text = self.format(text)
        return self.wrap(self.quote(text) if quotes else text)

    return markup


# Variables `Text._variable` does not simply look up in the reference.
_LOOKED_UP_OTHERWISE = ("citation-number", "locator")


def _text_plan(text: Any) -> tuple[str, str, tuple[str, ...]]:
    """The kind of a `<text>`, the language of its style (`default-locale`, which no unit
    changes while rendering: what casing uses for an item with no `language`), and for a
    variable the reference keys of which one must be present (none when it is not simply
    looked up: pages, the locator, the citation number)."""
    attributes = text.attrib
    kind = next((k for k in ("variable", "macro", "term", "value") if k in attributes), "")
    needed: tuple[str, ...] = ()
    variable = text.get("variable") or ""
    simple = variable not in _LOOKED_UP_OTHERWISE and not variable.startswith("page")
    if kind == "variable" and simple:
        forms = (variable, variable + "-short") if text.get("form") == "short" else (variable,)
        needed = tuple(form.replace("-", "_") for form in forms)
    return kind, text.get_root().get("default-locale", "en")[:2], needed


def text_needed_keys(text: Any) -> tuple[str, ...]:
    """The reference keys of which a `<text variable>` needs one to print (none when its
    variable is not simply looked up); silent_subtrees.py reads the plan `process` uses."""
    plan = _text_kind_memo.get(text)
    if plan is None:
        plan = _bounded(_text_kind_memo)[text] = _text_plan(text)
    return plan[2]


@lru_cache(maxsize=1024)
def _value_markup(value: str) -> str:
    """A `<text value>`'s rich text (`<b>friend</b>`) kept as markup, as in a variable's value
    (fixture flipflop_BoldfaceNodeLevelMarkup)."""
    return hide_markup(value)


def _memoized_locale_option(original: Callable[[Any, str], Any]) -> Callable[[Any, str], Any]:
    """`Locale.get_option` searched `cs:style-options` on every call (IndexError if absent)."""

    def get_option(self: Any, name: str) -> Any:
        key = (self, name)
        found = _locale_option_memo.get(key, _MISSING)
        if found is _MISSING:
            try:
                found = original(self, name)
            except IndexError:
                found = IndexError
            _bounded(_locale_option_memo)[key] = found
        if found is IndexError:
            raise IndexError(name)
        return found

    return get_option


def _memoized_inherited_option(original: Callable[[Any, str], Any]) -> Callable[[Any, str], Any]:
    """`get_option` of a citation or bibliography: its attribute, else the style's default,
    walked up to the root on every call (the most called method of a run)."""

    def get_option(self: Any, name: str) -> Any:
        key = (self, name)
        found = _inherited_memo.get(key, _MISSING)
        if found is _MISSING:  # a failed look-up (KeyError) is not memoized: it raises again
            found = _bounded(_inherited_memo)[key] = original(self, name)
        return found

    return get_option


_INSTRUCTIONS = "./ancestor::*[self::cs:citation or self::cs:bibliography][1]"


def _name_option(self: Any, name: str, context: Any = None, sort_options: Any = None) -> Any:
    """`Name.get_option`: the sort key's option, else the element's own attribute (read live:
    units set et-al options on it while it renders), else the one its citation or bibliography
    gives, whose element is looked up once per context."""
    # No exception raised and caught per call: sort_options is None while rendering and a
    # dict without most names while sorting.
    value: Any
    if sort_options is None:
        value = _MISSING
    elif type(sort_options) is dict:
        value = sort_options.get(name, _MISSING)
    else:
        value = _MISSING
        with suppress(TypeError, KeyError):
            value = sort_options[name]
    if value is _MISSING:
        if context is None:
            context = self
        parent = _instructions_memo.get(context)
        if parent is None:
            parent = _bounded(_instructions_memo)[context] = context.xpath_search(_INSTRUCTIONS)[0]
        inherited = parent.get_option("name-" + name if name in ("form", "delimiter") else name)
        value = self.get(name, inherited)
    if name in ("initialize-with-hyphen", "et-al-use-last"):
        value = value.lower() == "true"
    elif name.startswith("et-al"):
        value = int(value)
    return value
