"""Page ranges as CSL 1.0.2's `page-range-format` says, for the `page` variable and page
locators.

citeproc-py compared digit by digit, printed prefixed pages (`N110-5`) as if numbers, turned an
escaped hyphen (`3\\-B`) into `3\\–B`, and gave a page locator an en dash but no format. Here a
value is split at `,` and `&` into parts; a part that is a range of two numbers with the same
prefix (`110-5`, `N110-N115`, `8n11564-8n1568`) is printed in the style's format, joined by the
locale's page-range-delimiter; two roman numerals (`xxv-xxviii`) are joined by it as they are;
anything else (`N110-5`, `Michaelson-Morely`) keeps its hyphen, and `\\-` is a plain hyphen.

Fixtures: page_Chicago16, page_ChicagoWeird, page_Expand, page_ExpandWeirdComposite,
page_Minimal, page_NoOption, label_CollapsedPageNumberPluralDetection, label_PluralWithAmpersand,
label_PluralWithLocalizedAmpersand.

This module never imports citeproc-py: the adapter hands its `model` module to install().
"""

from __future__ import annotations

from typing import Any

from citeconv import lazy_regex

# `&` arrives hidden from citeproc-py (markup.py's sentinel \ue010).
_PARTS = lazy_regex.compile(r"(\s*(?<!\\)[,&\ue010]\s*)")
_RANGE = lazy_regex.compile(r"^(.+?)\s*(?<!\\)[-\u2013]\s*(.+)$")
_PREFIXED_NUMBER = lazy_regex.compile(r"^(.*?)(\d+)$")
_ROMAN = lazy_regex.compile(r"^(?:[ivxlcdm]+|[IVXLCDM]+)$")
_ESCAPED_HYPHEN = "\\-"


def format_pages(
    value: str, range_format: str | None, delimiter: str, ampersand: str = "\ue010"
) -> str:
    """A page value with each of its ranges printed in `range_format` (None: as written) and
    each `&` as the locale's `and` symbol."""
    pieces = _PARTS.split(value.strip())
    for index in range(0, len(pieces), 2):
        pieces[index] = _format_part(pieces[index], range_format, delimiter)
    for index in range(1, len(pieces), 2):
        mark = pieces[index].strip()
        pieces[index] = ", " if mark == "," else f" {ampersand} "
    return "".join(pieces)


def _format_part(part: str, range_format: str | None, delimiter: str) -> str:
    found = _RANGE.match(part)
    if not found or _RANGE.match(found.group(2)):
        return part.replace(_ESCAPED_HYPHEN, "-")
    first, last = found.groups()
    first_number, last_number = _PREFIXED_NUMBER.match(first), _PREFIXED_NUMBER.match(last)
    if first_number and last_number and first_number[1] == last_number[1]:
        prefix, begin, end = first_number[1], first_number[2], last_number[2]
        return first + delimiter + _last_page(prefix, begin, end, range_format)
    if _ROMAN.match(first) and _ROMAN.match(last):
        return first + delimiter + last
    return f"{first}-{last}".replace(_ESCAPED_HYPHEN, "-")


def _last_page(prefix: str, first: str, last: str, range_format: str | None) -> str:
    if range_format is None:
        return prefix + last
    if len(last) < len(first):
        last = first[: len(first) - len(last)] + last  # `110-5` is 110-115
    if range_format == "expanded":
        return prefix + last
    return _shortened(first, last, _chicago(first, last, range_format))


def _chicago(first: str, last: str, range_format: str) -> str:
    """The format Chicago's rules choose for this range; any other format unchanged."""
    if not range_format.startswith("chicago"):
        return range_format
    number = int(first)
    if number < 100 or number % 100 == 0:
        return "expanded"
    if number % 100 < 10:
        return "minimal"
    changed = len(_shortened(first, last, "minimal-two"))
    if range_format != "chicago-16" and len(first) == 4 and changed >= 3:
        return "expanded"  # the 15th edition: `1496–1504`, not `1496–504`
    return "minimal-two"


def _shortened(first: str, last: str, range_format: str) -> str:
    """`last` without the leading digits it shares with `first` (minimal), keeping at least two
    (minimal-two); whole when the two differ in length or the format is expanded."""
    if range_format not in ("minimal", "minimal-two") or len(first) != len(last):
        return last
    shared = 0
    while shared < len(last) - 1 and first[shared] == last[shared]:
        shared += 1
    if range_format == "minimal-two":
        shared = min(shared, max(len(last) - 2, 0))
    return last[shared:]


_model: Any = None


def install(model: Any) -> None:
    """Patch the engine's number formatting (idempotent)."""
    global _model
    _model = model
    if getattr(model, "_citeconv_page_ranges", False):
        return
    model.FormatNumber._process = _pages_formatted(model.FormatNumber._process)
    model.Text._variable = _page_locator_formatted(model.Text._variable)
    model._citeconv_page_ranges = True


def _pages(element: Any, value: Any) -> Any:
    delimiter = str(element.get_single_term(name="page-range-delimiter") or "") or "\u2013"
    ampersand = str(element.get_single_term(name="and", form="symbol") or "")
    # `&` stays hidden from the engine (markup.py's sentinel) so that HTML escapes it.
    ampersand = "\ue010" if ampersand in ("", "&") else ampersand
    range_format = element.get_root().get_option("page-range-format")
    return _model.String(format_pages(str(value), range_format, delimiter, ampersand))


def _pages_formatted(original: Any) -> Any:
    def process(self: Any, value: Any, variable: str) -> Any:
        if variable != "page" or self.get("form", "numeric") != "numeric":
            return original(self, value, variable)
        return _pages(self, value)

    return process


def _page_locator_formatted(original: Any) -> Any:
    def variable(self: Any, item: Any, context: Any) -> Any:
        if self.get("variable") == "locator" and item.has_locator and item.locator.label == "page":
            return _pages(self, item.locator.identifier)
        return original(self, item, context)

    return variable
