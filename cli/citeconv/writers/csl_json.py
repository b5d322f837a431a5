"""The hub -> stable, pretty CSL-JSON: `id` and `type` first, other keys sorted, 2-space indent.

The text is exactly `json.dumps(items, indent=2, ensure_ascii=False)`. The standard library
encodes with indentation in pure Python, one generator per container (0.1 s per 6,000 items);
the hub holds only strings, numbers, booleans, lists and dicts, so it is written here directly,
each string still escaped by the standard library's C encoder (issue 6: speed).
"""

from __future__ import annotations

import json
from json.encoder import encode_basestring
from typing import Any

from citeconv.csl import Bibliography, CslItem
from citeconv.diagnostics import Result
from citeconv.formats import WriteOptions

_INDENT = "  "


def ordered_item(item: CslItem) -> dict[str, Any]:
    fields: dict[str, Any] = dict(item)
    head = {key: fields.pop(key) for key in ("id", "type") if key in fields}
    return head | dict(sorted(fields.items()))


def write_csl_json(bibliography: Bibliography, options: WriteOptions) -> Result[str]:
    items = [ordered_item(item) for item in bibliography.items]
    return Result(dumps_indented(items) + "\n")


def indented_item(item: CslItem) -> str:
    """One item as `write_csl_json` writes it inside the array (the streamed writer's unit):
    the array is `[` + `\n  ` + items joined by `,\n  ` + `\n]\n`, or `[]\n`."""
    pieces: list[str] = []
    _write(ordered_item(item), "\n" + _INDENT, pieces)
    return "".join(pieces)


def dumps_indented(value: Any) -> str:
    """`json.dumps(value, indent=2, ensure_ascii=False)`, byte for byte."""
    pieces: list[str] = []
    _write(value, "\n", pieces)
    return "".join(pieces)


def _write(value: Any, newline: str, pieces: list[str]) -> None:
    """Append the JSON of `value`; `newline` is a line break plus the current indentation."""
    if isinstance(value, str):
        pieces.append(encode_basestring(value))
    elif type(value) is int:
        pieces.append(repr(value))
    elif isinstance(value, dict):
        if not value:
            pieces.append("{}")
            return
        inner = newline + _INDENT
        separator = "{" + inner
        for key, member in value.items():
            name = key if isinstance(key, str) else json.dumps(key)  # as json converts keys
            if type(member) is str:  # most members: one piece, no call
                pieces.append(f"{separator}{encode_basestring(name)}: {encode_basestring(member)}")
            else:
                pieces.append(f"{separator}{encode_basestring(name)}: ")
                _write(member, inner, pieces)
            separator = "," + inner
        pieces.append(newline + "}")
    elif isinstance(value, list | tuple):
        if not value:
            pieces.append("[]")
            return
        inner = newline + _INDENT
        separator = "[" + inner
        for member in value:
            pieces.append(separator)
            _write(member, inner, pieces)
            separator = "," + inner
        pieces.append(newline + "]")
    else:
        # Numbers, booleans and null as the standard library writes them (NaN, subclasses).
        pieces.append(json.dumps(value))
