"""The hub -> stable, pretty CSL-JSON: `id` and `type` first, other keys sorted, 2-space indent."""

from __future__ import annotations

import json
from typing import Any

from citeconv.csl import Bibliography, CslItem
from citeconv.diagnostics import Result
from citeconv.formats import WriteOptions


def ordered_item(item: CslItem) -> dict[str, Any]:
    fields: dict[str, Any] = dict(item)
    head = {key: fields.pop(key) for key in ("id", "type") if key in fields}
    return head | dict(sorted(fields.items()))


def write_csl_json(bibliography: Bibliography, options: WriteOptions) -> Result[str]:
    items = [ordered_item(item) for item in bibliography.items]
    return Result(json.dumps(items, indent=2, ensure_ascii=False) + "\n")
