"""Fixes for citeproc-py 0.11.1 defects, applied once to its classes by rendering/citeproc.py.

This module never imports citeproc-py (the adapter hands over its `model` and `string`
modules), so the third-party quarantine holds. Each fix is pinned by a test named in
tests/KNOWN_DIFFERENCES.md.
"""

from __future__ import annotations

import re
from typing import Any

from citeconv.rendering.choose_plans import choose_calls_variable
from citeconv.rendering.labels import is_plural_count
from citeconv.rendering.roman_numerals import romanize_bounded

# The engine's modules, handed over by install() (this module does not import citeproc-py).
_model: Any = None
_string: Any = None


def _names_without_substituted(original: Any) -> Any:
    """A name variable used as the author substitute is not printed again (CSL 1.0.2 §
    Substitute); citeproc-py suppresses only <text>, so edited books printed their editors twice."""

    def process(
        self: Any, item: Any, names_context: Any = None, context: Any = None, **kw: Any
    ) -> Any:
        layout = (context if context is not None else self).get_layout()
        repressed = repressed_roles(self, layout)
        recording = getattr(layout, "citeconv_recording", None)
        roles = self.get("variable", "").split()
        kept = [role for role in roles if role not in repressed]
        if not kept and roles:
            raise _model.VariableError
        if kept != roles:
            self.set("variable", " ".join(kept))
        try:
            text = original(self, item, names_context, context, **kw)
        finally:
            if kept != roles:
                self.set("variable", " ".join(roles))
        if recording is not None and text:
            recording.append((self.tag, " ".join(kept)))
        return text

    return process


def repressed_roles(names: Any, layout: Any) -> set[str]:
    """The name variables a `cs:names` does not print: the entry's substitute printed them."""
    repressed = {r for entry in layout.repressed.get(names.tag, []) for r in entry.split()}
    # Inside a substitute, a name variable it printed already is not printed again either
    # (substitute_SuppressOrdinaryVariable: an editor macro naming the editors twice).
    recording = getattr(layout, "citeconv_recording", None)
    if recording:
        repressed.update(r for tag, v in recording if tag == names.tag for r in v.split())
    return repressed


def _substitute_records_variables(original: Any) -> Any:
    """Every variable printed in place of the author is suppressed in the rest of the entry
    (CSL 1.0.2, Substitute). citeproc-py suppressed only a substitute's own `variable`, so a
    substitute through a macro (APA: `<text macro="author-title-substitute"/>`) printed the
    title twice for works with no author."""

    def render(self: Any, item: Any, context: Any = None, **kwargs: Any) -> Any:
        layout = (context if context is not None else self).get_layout()
        outer = getattr(layout, "citeconv_recording", None)
        recorded: list[tuple[str, str]] = []  # (element tag, variable) as `repressed` keys them
        layout.citeconv_recording = recorded
        try:
            text = original(self, item, context=context, **kwargs)
        finally:
            layout.citeconv_recording = outer
        if text:
            for tag, variable in recorded:
                layout.repressed.setdefault(tag, []).append(variable)
        if outer is not None:
            outer.extend(recorded)
        return text

    return render


def _text_variable_recorded(original: Any) -> Any:
    def variable(self: Any, item: Any, context: Any) -> Any:
        text = original(self, item, context)
        recording = getattr(context.get_layout(), "citeconv_recording", None)
        if text is not None and recording is not None:
            recording.append((self.tag, self.get("variable")))
        return text

    return variable


def _label_only_with_its_variable(original: Any) -> Any:
    """CSL 1.0.2 (Label): a label is printed only when its variable is not empty; citeproc-py
    printed the term alone (Chicago `“Title.” Edition. 1–10.` for a paper with no edition)."""

    def process(self: Any, item: Any, variable: Any = None, plural: Any = None, **kw: Any) -> Any:
        own = self.get("variable") if variable is None else None
        if own and own != "locator" and own.replace("-", "_") not in item.reference:
            return None
        return original(self, item, variable, plural, **kw)

    return process


def _plural_of_a_count(original: Any) -> Any:
    """`number-of-pages` and `number-of-volumes` labels: citeproc-py read the count from the
    cite, not the reference, and lost the label (`5.` for Chicago's `5 vols.`, `528.` for
    NLM's `528 p.`)."""

    def is_plural(self: Any, item: Any) -> Any:
        variable = self.get("variable") or ""
        if not variable.startswith("number-of"):
            return original(self, item)
        try:
            value = item.reference[variable.replace("-", "_")]
        except _model.VariableError:
            return False
        count = str(value).strip()
        return is_plural_count(count) if count.isdecimal() else original(self, item)

    return is_plural


def _case_in_english_by_default(original: Any) -> Any:
    """Labels are cased with no item language; citeproc-py then skipped `title` case ("eds.")."""

    def case(self: Any, text: Any, language: str | None = None) -> Any:
        return original(self, text, "en" if language is None else language)

    return case


def _date_single(self: Any, date: Any, show_parts: Any = None, context: Any = None) -> Any:
    """A localized date keeps the locale's part delimiter unless the caller sets one
    (citeproc-py joined NLM's `2021 Mar 15` as `2021Mar15`)."""
    parts = (
        self.parts(date, show_parts, context) if context != self else self.parts(date, show_parts)
    )
    if not parts:
        return None
    joiner = self
    if self.is_locale_date() and context is not None and context.get("delimiter") is not None:
        joiner = context
    return joiner.join(parts)


_DATE_UNITS = ("year", "month", "day")


def _date_range(self: Any, date_range: Any, show_parts: Any = None, context: Any = None) -> Any:
    """Ranges print the parts they share once (`2020, May 3–7`, `2020 May 3-7`); citeproc-py
    crashed outside localized dates and dropped the year inside them."""
    shown = list(show_parts or _DATE_UNITS)
    if not self.is_locale_date():
        context = self
    begin, end = date_range.begin, date_range.end
    if end.is_nil():  # an open range (`[[1987], [0]]`): `1987–`
        first = self.render_single_date(begin, shown, context)
        return _string.String(f"{first}\u2013") if first else first
    differing = _differing_units(begin, end, shown)
    if not differing:
        return self.render_single_date(begin, shown, context)
    order = [p.get("name") for p in self.iterchildren() if p.get("name") in shown]
    if any(unit not in order for unit in differing):
        # A localized date whose style overrides only some parts: the locale decides the order,
        # which is not visible here, so both ends are printed whole (`May 3, 2020–June 7, 2020`).
        whole_begin = str(self.render_single_date(begin, shown, context) or "")
        whole_end = str(self.render_single_date(end, shown, context) or "")
        return _string.String(
            f"{whole_begin}{_range_delimiter(self, context, differing[0])}{whole_end}"
        )
    before = [u for u in order[: order.index(differing[0])] if u not in differing]
    after = [u for u in order if u not in differing and u not in before]
    first = self.render_single_date(begin, differing, context) or ""
    last = str(self.render_single_date(end, differing, context) or "").lstrip(" ,")
    pieces = [
        self.render_single_date(begin, before, context) if before else None,
        _string.String(
            f"{str(first).rstrip(' ,')}{_range_delimiter(self, context, differing[0])}{last}"
        ),
        self.render_single_date(begin, after, context) if after else None,
    ]
    joiner = context if self.is_locale_date() and context.get("delimiter") else self
    return joiner.join([p for p in pieces if p])


def _range_delimiter(date: Any, context: Any, unit: str) -> str:
    """The `range-delimiter` of the date-part of the largest unit that differs (CSL 1.0.2,
    Date-part), the style's before the locale's; an en dash by default (date_RangeDelimiter)."""
    for element in (context, date):
        for part in element.iterchildren() if element is not None else ():
            if part.get("name") == unit and part.get("range-delimiter") is not None:
                return str(part.get("range-delimiter"))
    return "\u2013"


def _differing_units(begin: Any, end: Any, shown: list[str]) -> list[str]:
    for position, unit in enumerate(_DATE_UNITS):
        if getattr(begin, unit, None) != getattr(end, unit, None):
            return [u for u in _DATE_UNITS[position:] if u in shown]
    return []


def _group_process(self: Any, item: Any, context: Any = None, **kwargs: Any) -> Any:
    """CSL group suppression, judged by the branch of a <choose> that is taken: citeproc-py
    counted every branch's variables, so APA printed "(Publication)" for theses with no number."""
    output, called, rendered = [], False, False
    plan = _group_plans.get(self)
    if plan is None:
        if len(_group_plans) > 10_000:  # bounded for a long-lived process rendering many styles
            _group_plans.clear()
        plan = _group_plans[self] = _group_plan(self)
    delimiter, children = plan
    for child, fixed_calls in children:
        # Once a child that calls a variable has printed, neither flag can change.
        calls = rendered or (
            fixed_calls
            if fixed_calls is not None
            else choose_calls_variable(child, item, context, _model.Else, _element_calls_variable)
        )
        called = called or calls
        try:
            if fixed_calls is None:  # a choose: the group's delimiter goes to its branch
                text = child.render(item, context=context, delimiter=delimiter, **kwargs)
            else:
                text = child.render(item, context=context, **kwargs)
        except _model.VariableError:
            continue
        if text is not None:
            output.append(text)
            rendered = rendered or calls
    if output and (not called or rendered):
        return self.join(output)
    raise _model.VariableError


# Per group of a style: its delimiter and its children, each with whether it calls a variable
# (None for a choose, whose answer depends on the branch taken). Styles never change these.
_group_plans: dict[Any, tuple[str, tuple[tuple[Any, bool | None], ...]]] = {}


def _group_plan(group: Any) -> tuple[str, tuple[tuple[Any, bool | None], ...]]:
    children = tuple(
        (child, None if isinstance(child, _model.Choose) else bool(child.calls_variable()))
        for child in group.iterchildren()
    )
    return group.get("delimiter", ""), children


def _element_calls_variable(element: Any) -> bool:
    return bool(element.calls_variable())


def _capitalize_first_if_lowercase(self: Any) -> Any:
    """CSL 1.0.2: capitalize-first changes the first word only if it is lowercase (`arXiv:1`)."""
    words = str(self).split(maxsplit=1)
    if words and not words[0].islower():
        return self
    return self.__class__(self[0].upper() + self[1:]) if self else self


def _season_as_term(original: Any) -> Any:
    """A season (date-parts month 13-24) asked for as a numeric month prints the season's term,
    as citeproc-js does; citeproc-py stopped on an assertion."""

    def process(self: Any, date: Any, context: Any = None) -> Any:
        try:
            return original(self, date, context)
        except AssertionError:
            return (context if context is not None else self).get_single_term(
                name=f"season-{int(date.season):02}"
            )

    return process


def _last_page_from_whole_numbers(original: Any) -> Any:
    """Page ranges compare whole page numbers (CSL 1.0.2, page-range-format). citeproc-py
    compared digit by digit up to the shorter number: NLM printed `1–2` for pages 1-12 and
    `12–3` for 12-123, and no style expanded an abbreviated `906-10` (APA: `906–910`)."""

    def format_last_page(self: Any, first: str, last: str) -> Any:
        if first.isdigit() and last.isdigit():
            if len(last) < len(first) and int(first[: -len(last)] + last) > int(first):
                last = first[: -len(last)] + last  # `906-10` is 906-910
            if len(last) != len(first):
                return last  # nothing in common to drop: `1-12`, `12-123`
        return original(self, first, last)

    return format_last_page


_CSL_1_0_2_NAMES = (
    "chair compiler contributor curator director executive_producer guest host narrator "
    "organizer performer producer reviewed_author script_writer series_creator".split()
)


def install(model: Any, citeproc_string: Any) -> None:
    """Patch the engine's classes (idempotent)."""
    global _model, _string
    _model, _string = model, citeproc_string
    if getattr(model, "_citeconv_patched", False):
        return
    # CSL 1.0.2 name variables citeproc-py 0.11 does not know: it read them as strings and
    # crashed when a style printed one (APA prints `contributor`, `director`, `host`, ...).
    known = set(model.NAMES)
    model.NAMES.extend(name for name in _CSL_1_0_2_NAMES if name not in known)
    model.Names.process = _names_without_substituted(model.Names.process)
    model.FormatNumber._format_last_page = _last_page_from_whole_numbers(
        model.FormatNumber._format_last_page
    )
    model.Date_Part.process = _season_as_term(model.Date_Part.process)
    model.Substitute.render = _substitute_records_variables(model.Substitute.render)
    model.Text._variable = _text_variable_recorded(model.Text._variable)
    model.Label.case = _case_in_english_by_default(model.TextCased.case)
    model.Label.process = _label_only_with_its_variable(model.Label.process)
    model.Label._is_plural = _plural_of_a_count(model.Label._is_plural)
    model.Date.render_single_date = _date_single
    model.Date.render_date_range = _date_range
    model.Group.process = _group_process
    model.romanize = romanize_bounded(model.romanize)
    # "US 7,654,321" is one number: a comma is a list separator only when a space follows.
    # Pages S213–S235, "213, and 235", "213 et 235" and "1 & 2" (& arrives hidden, markup.py)
    # are several (label_Plural* fixtures, bugreports_ContextualPluralWithMainItemFields).
    # One digit on each side finds what `\d+` would, without rescanning a long run of digits
    # from each of them (quadratic: an edition of 8,000 digits took 7 s; issue 15).
    model.Label.RE_MULTIPLE_NUMBERS = re.compile(
        r"\d(?:\s*[-\u2013&\ue010]\s*|,\s+(?:[^\W\d]+\s+)?|\s+[^\W\d]{1,5}\s+)[^\W\d]*\d"
    )
    citeproc_string.String.capitalize_first = _capitalize_first_if_lowercase
    model._citeconv_patched = True
