"""Normalization: BibTeX entries -> CSL-JSON items (the hub), with diagnostics."""

from __future__ import annotations

from collections.abc import Sequence

from citeconv.csl import Bibliography
from citeconv.diagnostics import Diagnostic, Result
from citeconv.formats import ReadOptions
from citeconv.normalize.entry import entry_to_item
from citeconv.readers.bibmodel import BibEntry


def to_csl(entries: Sequence[BibEntry], options: ReadOptions) -> Result[Bibliography]:
    items = []
    diagnostics: list[Diagnostic] = []
    for entry in entries:
        item, problems = entry_to_item(entry, options)
        items.append(item)
        diagnostics.extend(problems)
    spans = {entry.key: entry.span for entry in entries}
    return Result(Bibliography(tuple(items), spans), tuple(diagnostics))
