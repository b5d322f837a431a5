"""CSL-JSON text -> hub: an array of items, each checked against the schema's types.

The text is scanned once for its items and their nesting depth before it is parsed, so an item
nested deeper than any real one (100,000 brackets) is skipped alone, with its line, instead of
exhausting the parser's stack and losing the file (issue 15). Each item then passes
`csl_item_check`: repaired with a warning where that is unambiguous, else skipped with an error.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from citeconv import lazy_regex
from citeconv.csl import CSL_TYPES, Bibliography, CslItem
from citeconv.diagnostics import Code, Diagnostic, Result, Severity, SourceSpan
from citeconv.errors import UnreadableInput
from citeconv.formats import ReadOptions
from citeconv.readers.csl_item_check import ItemRejected, check_item

MAX_DEPTH = 64  # a real item nests four levels (item, date, date-parts, parts)
MAX_DIGITS = 100  # longer integers are kept as their text, not parsed (Python refuses 4,300+)
_TOKEN = lazy_regex.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{},]', re.DOTALL)
# An item's id, after its `"id"` key: what names an item too deep to parse.
_ID_VALUE = lazy_regex.compile(r'\s*:\s*("(?:[^"\\]|\\.){1,200}"|-?\d{1,30})(?=\s*[,}])')


@dataclass(frozen=True)
class _Item:
    start: int  # offset in the text
    end: int
    depth: int  # deepest nesting inside the item
    key: str | None = None  # the item's id as written, when found


def read_csl_json(text: str, source: str, options: ReadOptions) -> Result[Bibliography]:
    if not text.strip():
        return Result(Bibliography((), {}))
    items, top_depth = _scan(text)
    diagnostics: list[Diagnostic] = []
    if items is None:  # not an array: one object, or something else
        if top_depth > MAX_DEPTH:
            raise UnreadableInput(f"{source}: JSON nested more than {MAX_DEPTH} levels deep")
        data = _with_lines(_parse(text, source), source)
    elif all(item.depth <= MAX_DEPTH for item in items):
        values = _parse(text, source)
        lines = _lines(text, [item.start for item in items])
        if len(lines) != len(values):  # the scan and the parser disagree: lines unknown
            lines = [0] * len(values)
        data = list(zip(values, lines, strict=True))
    else:
        data = []
        for item, line in zip(items, _lines(text, [item.start for item in items]), strict=True):
            if item.depth > MAX_DEPTH:
                message = f"item nested more than {MAX_DEPTH} levels deep; skipped"
                diagnostics.append(_error(message, SourceSpan(source, line, item.key)))
                continue
            data.append((_parse(text[item.start : item.end], source, line - 1), line))
    return _checked(data, source, diagnostics)


def _with_lines(data: Any, source: str) -> list[tuple[Any, int]]:
    """One item, or an object of items by id; line 1, as the parser gives no lines for these."""
    if isinstance(data, dict):
        values = [data] if "id" in data else list(data.values())
        return [(value, 1) for value in values]
    shown = {bool: "true or false", int: "a number", float: "a number", str: "a string"}
    raise UnreadableInput(
        f"{source}: CSL-JSON must be an array of items, not {shown.get(type(data), 'null')}"
    )


def _parse(text: str, source: str, line_offset: int = 0) -> Any:
    try:
        return json.loads(text, parse_int=_integer, object_pairs_hook=_object)
    except json.JSONDecodeError as error:
        where = f"{source}:{error.lineno + line_offset}"
        raise UnreadableInput(f"{where}: not valid JSON: {error.msg}") from error
    except RecursionError as error:  # a bound the scan did not foresee
        raise UnreadableInput(f"{source}: JSON nested too deeply to read") from error


class _JsonObject(dict[str, Any]):
    """A JSON object that remembers the names it held more than once (the last value is
    kept, as every JSON reader keeps it, but it is said: `"title"` twice loses one)."""

    repeated: tuple[str, ...] = ()


def _object(pairs: list[tuple[str, Any]]) -> _JsonObject:
    found = _JsonObject(pairs)
    if len(found) != len(pairs):
        seen: set[str] = set()
        again: list[str] = []
        for name, _ in pairs:
            if name in seen:
                again.append(name)
            seen.add(name)
        found.repeated = tuple(dict.fromkeys(again))
    return found


def _integer(digits: str) -> int | str:
    return int(digits) if len(digits) <= MAX_DIGITS else digits


def _scan(text: str) -> tuple[list[_Item] | None, int]:
    """The top-level array's items (None if the text is not an array) and the deepest nesting."""
    start = len(text) - len(text.lstrip())
    is_array = text.startswith("[", start)
    items: list[_Item] = []
    depth = deepest = item_depth = 0
    item_start = start + 1
    key: str | None = None
    for token in _TOKEN.finditer(text, start):
        char = token.group(0)
        if char == '"id"' and depth == 2 and key is None:
            found = _ID_VALUE.match(text, token.end())
            key = _id_text(found.group(1)) if found else None
        elif char in "[{":
            depth += 1
            deepest, item_depth = max(deepest, depth), max(item_depth, depth - 1)
        elif char in "]}":
            depth -= 1
            if depth == 0 and is_array:
                _add_item(items, text, _Item(item_start, token.start(), item_depth, key))
        elif char == "," and depth == 1 and is_array:
            _add_item(items, text, _Item(item_start, token.start(), item_depth, key))
            item_start, item_depth, key = token.end(), 0, None
    return (items if is_array else None), deepest


def _id_text(written: str) -> str | None:
    try:
        value = json.loads(written)
    except json.JSONDecodeError:
        return None
    return str(value)


def _add_item(items: list[_Item], text: str, item: _Item) -> None:
    if text[item.start : item.end].strip():
        blank = len(text[item.start : item.end]) - len(text[item.start : item.end].lstrip())
        items.append(_Item(item.start + blank, item.end, item.depth, item.key))


def _lines(text: str, offsets: list[int]) -> list[int]:
    """The 1-based line of each offset (in increasing order), counted in one pass."""
    lines: list[int] = []
    line, counted_to = 1, 0
    for offset in offsets:
        line += text.count("\n", counted_to, offset)
        counted_to = offset
        lines.append(line)
    return lines


def _checked(
    data: list[tuple[Any, int]], source: str, found: list[Diagnostic]
) -> Result[Bibliography]:
    items: list[CslItem] = []
    spans: dict[str, SourceSpan] = {}
    for index, (raw, line) in enumerate(data, start=1):
        key = _key_of(raw)
        span = SourceSpan(source, line, key)
        if not isinstance(raw, dict) or key is None:
            found.append(_error(f"item {index} is not an object with an id; skipped", span))
            continue
        try:
            checked = check_item(raw)
        except ItemRejected as problem:
            found.append(_error(f"{problem}; item skipped", span))
            continue
        found.extend(_warning(Code.SYNTAX_ERROR, message, span) for message in checked.repairs)
        for name in getattr(raw, "repeated", ()):
            message = f"field '{name}' appears more than once in the item; the last value kept"
            found.append(_warning(Code.SYNTAX_ERROR, message, span))
        item = checked.item
        if item.get("type") not in CSL_TYPES:
            message = f"type {_shown(item.get('type'))} is not a CSL type; converted as 'document'"
            found.append(_warning(Code.UNKNOWN_ENTRY_TYPE, message, span))
            item["type"] = "document"
        items.append(item)  # type: ignore[arg-type]
        spans[item["id"]] = span
    return Result(Bibliography(tuple(items), spans), tuple(found))


def _key_of(raw: Any) -> str | None:
    if not isinstance(raw, dict) or "id" not in raw:
        return None
    key = raw["id"]
    if isinstance(key, str | int | float) and not isinstance(key, bool):
        return str(key).encode("utf-8", "replace").decode("utf-8")
    return None


def _shown(value: Any) -> str:
    return f"'{value}'" if isinstance(value, str) else "that is not text"


def _error(message: str, span: SourceSpan) -> Diagnostic:
    return Diagnostic(Severity.ERROR, Code.SYNTAX_ERROR, message, span)


def _warning(code: Code, message: str, span: SourceSpan) -> Diagnostic:
    return Diagnostic(Severity.WARNING, code, message, span)
