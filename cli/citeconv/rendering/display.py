"""`display` (block, left-margin, right-inline, indent): an element's output in its own block,
as citeproc-js writes it in HTML (`<div class="csl-block">…</div>`); citeproc-py ignored it.

The engine marks where each displayed element's output (affixes included) starts and ends with
private-use characters; HTML output turns the marks into `<div class="csl-…">` blocks, with
what follows the last block (the layout's suffix) moved into it and an empty block dropped;
every other markup prints the text alone.

Fixtures: display_AuthorAsHeading, display_DisplayBlock, display_SecondFieldAlignClone.

This module never imports citeproc-py: the adapter hands its `model` module to install().
"""

from __future__ import annotations

from typing import Any

from citeconv import lazy_regex

_STARTS = {
    "block": "\ue0d6",
    "left-margin": "\ue0d7",
    "right-inline": "\ue0d8",
    "indent": "\ue0d9",
}
_END = "\ue0d5"
_KIND_OF = {mark: kind for kind, mark in _STARTS.items()}
_MARKS = lazy_regex.compile("[\ue0d5-\ue0d9]")
_EMPTY_BLOCK = lazy_regex.compile('<div class="csl-[a-z-]+"></div>')
_TRAILING = lazy_regex.compile("\ue0d5([^\ue0d5-\ue0d9<]*)$")


def install_for(model: Any, style_root: Any) -> None:
    """Patch the engine's classes once a style that displays blocks is loaded (idempotent):
    until then no element pays for the look-up."""
    if getattr(model, "_citeconv_display", False):
        return
    if not any(element.get("display") for element in style_root.iter()):
        return
    for element in (model.Text, model.Group, model.Names, model.Date, model.Number, model.Label):
        element.markup = _displayed(element.markup, model.String)
    model._citeconv_display = True


def _displayed(original: Any, string_class: type) -> Any:
    def markup(self: Any, text: Any, *args: Any) -> Any:
        marked = original(self, text, *args)
        display = self.get("display")
        if display is None or not marked or display not in _STARTS:
            return marked
        return string_class(_STARTS[display]) + marked + string_class(_END)

    return markup


def html_blocks(fragment: str) -> str:
    """An entry's display marks as citeproc-js's blocks; text after the last block goes in it."""
    if _END not in fragment:
        return fragment
    fragment = _TRAILING.sub(lambda m: m.group(1) + _END, fragment)
    blocks = _MARKS.sub(
        lambda m: "</div>" if m.group(0) == _END else f'<div class="csl-{_KIND_OF[m.group(0)]}">',
        fragment,
    )
    return _EMPTY_BLOCK.sub("", blocks)


def without_blocks(fragment: str) -> str:
    """The entry as one line of text, the blocks' marks dropped."""
    return _MARKS.sub("", fragment) if _END in fragment else fragment
