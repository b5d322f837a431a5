"""The hub -> a bibliography in any CSL style, one entry per line, in the style's order."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import PurePath
from typing import Any

from citeconv.csl import Bibliography, CslItem
from citeconv.diagnostics import Result
from citeconv.formats import Markup, WriteOptions
from citeconv.render import citeproc
from citeconv.render.markup import (
    hide_markup,
    html_to_markdown,
    html_to_rst,
    html_to_text,
    restore_html,
)
from citeconv.render.titlecase import apply_title_rules

# citeproc-py glues the citation number to the entry (`1.Koutras`); citeproc-js puts them in
# two blocks. One space is what a reader of a plain list expects.
_NUMBER_COLUMN = re.compile(r"^((?:<[^>]+>)*[\[(]?\d+[\].)]?(?:</[^>]+>)*)(?=\S)")

_MARKUPS: dict[Markup, Callable[[str], str]] = {
    "text": html_to_text,
    "html": lambda fragment: f'<div class="csl-entry">{fragment}</div>',
    "markdown": html_to_markdown,
    "rst": html_to_rst,
}


def prepare_item(item: CslItem, style_id: str, options: WriteOptions) -> dict[str, Any]:
    """What citeproc-py is handed: titles recased for the style, markup hidden in sentinels."""
    recased = apply_title_rules(dict(item), style_id, options.title_case)
    return {
        key: hide_markup(value) if isinstance(value, str) and key not in {"id", "type"} else value
        for key, value in recased.items()
    }


def write_styled(bibliography: Bibliography, options: WriteOptions, style_path: str) -> Result[str]:
    style_id = PurePath(style_path).stem
    prepared = [prepare_item(item, style_id, options) for item in bibliography.items]
    entries, diagnostics = citeproc.render_bibliography(prepared, style_path, options.locale)
    numbered = citeproc.style_facts(style_path, options.locale).numbered
    lines = []
    for entry in entries:
        fragment = restore_html(entry.html)
        if numbered:
            fragment = _NUMBER_COLUMN.sub(r"\1 ", fragment, count=1)
        lines.append(_MARKUPS[options.markup](fragment))
    return Result("".join(f"{line}\n" for line in lines), tuple(diagnostics))
