"""`second-field-align`: a numbered bibliography's first field in its own column.

citeproc-py glues the citation number to the entry (`[1]J. Doe`, `1.Doe Co.`); citeproc-js
puts the first field in `<div class="csl-left-margin">` and the rest in
`<div class="csl-right-inline">`. The engine marks the seam with COLUMN_BREAK (a private-use
character); HTML output turns it into the two blocks, other markups into one space where the
fields would otherwise touch (`[1] J. Doe`, never `[1 ]`).

Fixtures: bugreports_AsmJournals, bugreports_AutomaticallyDeleteItemsFails,
bugreports_DuplicateSpaces, bugreports_IeeePunctuation and the other bibliography fixtures whose
style sets second-field-align.

This module never imports citeproc-py: the adapter hands its `model` module to install().
"""

from __future__ import annotations

from typing import Any

from citeconv import lazy_regex
from citeconv.rendering.display import html_blocks, without_blocks
from citeconv.rendering.superscripts import as_sup_tags

COLUMN_BREAK = "\ue0c0"
_TRAILING_TAGS = lazy_regex.compile(r"(?:<[^<>]+>)+$")
_LEADING_TAGS = lazy_regex.compile(r"^(?:<[^<>]+>)+")

_model: Any = None


def install(model: Any) -> None:
    """Patch the engine's classes (idempotent)."""
    global _model
    _model = model
    if getattr(model, "_citeconv_columns", False):
        return
    model.Layout.render_children = _first_field_apart(model.Layout.render_children)
    model._citeconv_columns = True


def _aligned(layout: Any) -> bool:
    parent = layout.getparent()
    return isinstance(parent, _model.Bibliography) and bool(parent.get("second-field-align"))


def _first_field_apart(original: Any) -> Any:
    def render_children(self: Any, item: Any, delimiter: str = "", **kwargs: Any) -> Any:
        if kwargs.get("sort_options") is not None or not _aligned(self):
            return original(self, item, delimiter, **kwargs)
        rendered = []
        for child in self.iterchildren():
            try:
                if isinstance(child, _model.Choose):
                    text = child.render(item, delimiter=delimiter, **kwargs)
                else:
                    text = child.render(item, **kwargs)
            except _model.VariableError:
                continue
            if text is not None:
                rendered.append(text)
        if not rendered:
            return None
        if len(rendered) == 1:
            return rendered[0]
        return _model.join([rendered[0], COLUMN_BREAK, _model.join(rendered[1:], delimiter)])

    return render_children


def html_entry(fragment: str) -> str:
    """One bibliography entry as citeproc-js writes it in HTML."""
    return f'<div class="csl-entry">{html_columns(fragment)}</div>'


def citeproc_js_html(fragment: str) -> str:
    """`& < >` written as citeproc-js writes them (`&#38;`, `&#60;`, `&#62;`: the same
    characters as `&amp;`, `&lt;`, `&gt;`), superscript characters as `<sup>`
    (rendering/superscripts.py)."""
    for entity, numeric in _NUMERIC_ENTITIES:
        fragment = fragment.replace(entity, numeric)
    return as_sup_tags(fragment)


_NUMERIC_ENTITIES = (("&amp;", "&#38;"), ("&lt;", "&#60;"), ("&gt;", "&#62;"))


def html_columns(fragment: str) -> str:
    """An entry's content, its columns as blocks: what goes inside `<div class="csl-entry">`."""
    fragment = html_blocks(citeproc_js_html(fragment))
    left, found, right = fragment.partition(COLUMN_BREAK)
    if not found:
        return fragment
    # citeproc-js ends the right-inline block at its last printed character: the trailing
    # space of the layout's last suffix (`title). `) is dropped there, kept in a plain entry.
    right = right.rstrip()
    return f'<div class="csl-left-margin">{left}</div><div class="csl-right-inline">{right}</div>'


def one_line(fragment: str) -> str:
    """The two columns on one line: one space between them unless one is there already."""
    fragment = without_blocks(fragment)
    left, found, right = fragment.partition(COLUMN_BREAK)
    if not found:
        return fragment
    left_text, right_text = _TRAILING_TAGS.sub("", left), _LEADING_TAGS.sub("", right)
    if not left_text or not right_text or left_text[-1].isspace() or right_text[0].isspace():
        return left + right
    return f"{left} {right}"
