"""A macro called by `cs:text` is suppressed as a group is: when it calls variables and none
of them prints, its terms and values print nothing either, as citeproc-js does.

citeproc-py printed what was left: `His Anonymous Life, in ` for a chapter with no container
title, `“Title.” In . Chicago` in Chicago's notes.

Fixtures: group_SuppressTermInMacro, punctuation_SuppressPrefixPeriodForDelimiterSemicolon.

This module never imports citeproc-py: the adapter hands its `model` module to install().
"""

from __future__ import annotations

from typing import Any

from citeconv.rendering.choose_plans import choose_calls_variable

_model: Any = None
_original_render: Any = None
# Per element of a style: whether it or anything in it calls a variable (fixed by the style).
_calls_memo: dict[Any, bool] = {}


def _calls_variable(element: Any) -> bool:
    calls = _calls_memo.get(element)
    if calls is None:
        calls = _calls_memo[element] = bool(element.calls_variable())
    return calls


_constants_memo: dict[Any, bool] = {}


def _prints_constants(macro: Any) -> bool:
    """Whether a term or value can print in the macro (or a macro it calls) whatever the
    item holds; a macro of variables alone prints nothing when they are empty anyway."""
    found = _constants_memo.get(macro)
    if found is None:
        _constants_memo[macro] = False  # a macro calling itself adds nothing
        found = _constants_memo[macro] = any(_constant(element) for element in macro.iter())
    return found


def _constant(element: Any) -> bool:
    if element.get("term") is not None or element.get("value") is not None:
        return True
    name = element.get("macro")
    return name is not None and _prints_constants(element.get_macro(name))


def _printed_a_variable(printed: list[tuple[Any, Any]], item: Any, context: Any) -> bool:
    """Whether a child that calls a variable printed (the common case, decided first)."""
    choose = _model.Choose
    for child, _ in printed:  # a loop, not any() of a generator: this runs for most macros
        if not isinstance(child, choose) and _calls_variable(child):
            return True
    return any(_taken_branch_calls_variable(child, item, context) for child, _ in printed)


def _taken_branch_calls_variable(child: Any, item: Any, context: Any) -> bool:
    if not isinstance(child, _model.Choose):
        return _calls_variable(child)
    return choose_calls_variable(child, item, context, _model.Else, _calls_variable)


def install(model: Any) -> None:
    """Patch the engine's classes (idempotent)."""
    global _model
    _model = model
    if getattr(model, "_citeconv_macro_groups", False):
        return
    global _original_render
    _original_render = model.Macro.render
    model.Macro.render = _render_as_group
    model._citeconv_macro_groups = True


# Per macro: whether it calls variables and prints constants too (else suppressing changes
# nothing), decided once rather than on every call.
_suppressible_memo: dict[Any, bool] = {}


def _render_as_group(self: Any, item: Any, context: Any = None, sort_options: Any = None) -> Any:
    suppressible = _suppressible_memo.get(self)
    if suppressible is None:
        suppressible = _suppressible_memo[self] = _calls_variable(self) and _prints_constants(self)
    if not suppressible:
        # only terms and values, or only variables: suppressing changes nothing
        return _original_render(self, item, context=context, sort_options=sort_options)
    printed = []
    for child in self.iterchildren():
        extra = {"delimiter": ""} if isinstance(child, _model.Choose) else {}
        try:
            text = child.render(item, context=context, sort_options=sort_options, **extra)
        except _model.VariableError:
            continue
        if text is not None:
            printed.append((child, text))
    output = [text for _, text in printed]
    if not output or sort_options is not None or _printed_a_variable(printed, item, context):
        return _model.join(output) if output else None
    if any(_taken_branch_calls_variable(c, item, context) for c in self.iterchildren()):
        return None  # variables called, none printed: the terms and values go too
    return _model.join(output)
