"""The cites of a citation in the order the author wrote them, unless the style sorts them.

CSL 1.0.2, Sorting: without cs:sort in cs:citation, cites are printed in the order given.
citeproc-py first put every citation's cites in the order the works were first cited (and
looked each one up in a list, a scan per cite), so `[@roe; @doe]` printed Doe first once Doe
had been cited earlier. Here the engine's citation layout renders the cites as given, then
applies the style's cs:sort if it has one.

Fixtures: position_IbidSeparateCiteSameNote, position_NearNoteSameNote.

This module never imports citeproc-py: the adapter hands its `model` module to install().
"""

from __future__ import annotations

from typing import Any

_model: Any = None


def install(model: Any) -> None:
    """Replace the citation layout's rendering (idempotent); before positions and collapse,
    which wrap it."""
    global _model
    _model = model
    if getattr(model, "_citeconv_cite_order", False):
        return
    model.Layout.render_citation = _render_citation
    model._citeconv_cite_order = True


def _render_citation(self: Any, citation: Any, callback: Any) -> Any:
    known = [cite for cite in citation.cites if not cite.is_bad()]
    unknown = [cite for cite in citation.cites if cite.is_bad()]
    sort = self.getparent().sort
    if sort is not None:
        known = sort.sort(known, self)
    rendered = [text for text in (_one_cite(self, cite) for cite in known) if text is not None]
    rendered.extend(callback(cite) or f"{cite.key}?" for cite in unknown)
    return self.format(self.wrap(self.join(rendered)))


def _one_cite(layout: Any, cite: Any) -> Any:
    """A cite with its prefix and suffix; the engine counts it as cited once it printed."""
    layout.repressed = {}
    try:
        text = layout.render_children(cite)
    except _model.VariableError:
        return None
    if text is None:
        return None
    layout.getparent().cites.append(cite)
    return cite.get("prefix", "") + text + cite.get("suffix", "")
