"""A macro called by `cs:text` is suppressed as a group is: when it calls variables and none
of them prints, its terms and values print nothing either, as citeproc-js does.

citeproc-py printed what was left: `His Anonymous Life, in ` for a chapter with no container
title, `“Title.” In . Chicago` in Chicago's notes.

Fixtures: group_SuppressTermInMacro, punctuation_SuppressPrefixPeriodForDelimiterSemicolon.

This module never imports citeproc-py: the adapter hands its `model` module to install().
"""

from __future__ import annotations

from typing import Any

from citeconv.rendering.element_plans import condition_holds

_model: Any = None
_original_render: Any = None
# Per element of a style: whether it or anything in it calls a variable (fixed by the style).
_calls_memo: dict[Any, bool] = {}


def _calls_variable(element: Any) -> bool:
    calls = _calls_memo.get(element)
    if calls is None:
        calls = _calls_memo[element] = bool(element.calls_variable())
    return calls


def _taken_branch_calls_variable(child: Any, item: Any, context: Any) -> bool:
    if not isinstance(child, _model.Choose):
        return _calls_variable(child)
    for branch in child.getchildren():
        if isinstance(branch, _model.Else) or condition_holds(branch, item, context):
            return _calls_variable(branch)
    return False


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


def _render_as_group(self: Any, item: Any, context: Any = None, sort_options: Any = None) -> Any:
    if not _calls_variable(self):  # only terms and values: nothing to suppress
        return _original_render(self, item, context=context, sort_options=sort_options)
    output, called, rendered = [], False, False
    for child in self.iterchildren():
        calls = _taken_branch_calls_variable(child, item, context)
        called = called or calls
        extra = {"delimiter": ""} if isinstance(child, _model.Choose) else {}
        try:
            text = child.render(item, context=context, sort_options=sort_options, **extra)
        except _model.VariableError:
            continue
        if text is not None:
            output.append(text)
            rendered = rendered or calls
    if not output or (called and not rendered and sort_options is None):
        return None
    return _model.join(output)
