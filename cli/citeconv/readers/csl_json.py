"""CSL-JSON text -> hub, with a shape check (an array of objects with `id` and `type`)."""

from __future__ import annotations

import json
from typing import Any

from citeconv.csl import CSL_TYPES, Bibliography, CslItem
from citeconv.diagnostics import Code, Diagnostic, Result, Severity, SourceSpan
from citeconv.errors import UnreadableInput
from citeconv.formats import ReadOptions


def read_csl_json(text: str, source: str, options: ReadOptions) -> Result[Bibliography]:
    try:
        data: Any = json.loads(text) if text.strip() else []
    except json.JSONDecodeError as error:
        raise UnreadableInput(f"{source}:{error.lineno}: not valid JSON: {error.msg}") from error
    if isinstance(data, dict):
        data = list(data.values()) if "id" not in data else [data]
    if not isinstance(data, list):
        raise UnreadableInput(f"{source}: CSL-JSON must be an array of items")
    items: list[CslItem] = []
    diagnostics: list[Diagnostic] = []
    for index, raw in enumerate(data, start=1):
        span = SourceSpan(source, 0, str(raw.get("id")) if isinstance(raw, dict) else None)
        if not isinstance(raw, dict) or "id" not in raw:
            diagnostics.append(
                Diagnostic(
                    Severity.ERROR,
                    Code.SYNTAX_ERROR,
                    f"item {index} is not an object with an id; skipped",
                    span,
                )
            )
            continue
        item = dict(raw)
        item["id"] = str(item["id"])
        if item.get("type") not in CSL_TYPES:
            diagnostics.append(
                Diagnostic(
                    Severity.WARNING,
                    Code.UNKNOWN_ENTRY_TYPE,
                    f"type '{item.get('type')}' is not a CSL type; converted as 'document'",
                    span,
                )
            )
            item["type"] = "document"
        items.append(item)  # type: ignore[arg-type]
    spans = {item["id"]: SourceSpan(source, 0, item["id"]) for item in items}
    return Result(Bibliography(tuple(items), spans), tuple(diagnostics))
