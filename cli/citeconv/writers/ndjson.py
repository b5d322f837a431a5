"""The hub -> line-delimited CSL-JSON: one item per line, as data pipelines read it.

Each line is the item as `--to csl-json` writes it (`id` and `type` first, other keys sorted)
in compact form: `json.dumps(item, ensure_ascii=False, separators=(",", ":"))` and `\\n`.
No enclosing array, so a reader can take one line at a time and a writer can append.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from citeconv.csl import Bibliography, CslItem
from citeconv.diagnostics import Result
from citeconv.formats import WriteOptions
from citeconv.writers.csl_json import ordered_item

_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))


def write_ndjson(bibliography: Bibliography, options: WriteOptions) -> Result[str]:
    return Result(ndjson_lines(bibliography.items))


def ndjson_lines(items: Iterable[CslItem]) -> str:
    encode = _ENCODER.encode
    return "".join([f"{encode(ordered_item(item))}\n" for item in items])
