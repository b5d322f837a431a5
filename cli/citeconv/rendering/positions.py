"""Cite-level options and positions citeproc-py 0.11.1 ignores or gets wrong.

`suppress-author` and `author-only`; `near-note` measured in notes (`near-note-distance`), not
in citations; the `first-reference-note-number` variable (`supra note 2`); `ibid.` capitalized
where it starts a note (`Ibid.`, `This has been said. Ibid.`).

A cite asking for `suppress-author` prints everything but its first cs:names (`(2020, p. 3)`);
one asking for `author-only` prints only that cs:names (`Doe`). The flags ride on citeproc-py's
CitationItem (a dict) under the keys below, set by rendering/citeproc.py.

Fixtures: position_NearNote*, integration_SimpleFirstReferenceNoteNumber,
integration_FirstReferenceNoteNumberPositionChange, magic_TermCapitalizationWithPrefix,
position_FirstTrueOnlyOnce, and the citation fixtures that cite with these options.

This module never imports citeproc-py: the adapter hands its `model` module to install().
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from citeconv import lazy_regex
from citeconv.rendering.element_attributes import attributes_set

SUPPRESS_AUTHOR = "citeconv_suppress_author"
AUTHOR_ONLY = "citeconv_author_only"
_NAMES_DONE = "citeconv_names_done"  # the cite's first cs:names has been handled
_AUTHOR_TEXT = "citeconv_author_text"  # what an author-only cite's first cs:names printed

_model: Any = None


def install(model: Any) -> None:
    """Patch the engine's classes (idempotent)."""
    global _model
    _model = model
    if getattr(model, "_citeconv_positions", False):
        return
    model.Names.process = _first_names_suppressed(model.Names.process)
    model.Layout.render_children = _author_only_children(model.Layout.render_children)
    model.Layout.render_citation = _author_only_unwrapped(model.Layout.render_citation)
    model.If._position = _near_note_in_notes(model.If._position)
    model._citeconv_positions = True


def _in_citation(element: Any, context: Any) -> bool:
    layout = (context if context is not None else element).get_layout()
    return isinstance(layout.getparent(), _model.Citation)


def _first_names_suppressed(original: Any) -> Any:
    def process(
        self: Any, item: Any, names_context: Any = None, context: Any = None, **kw: Any
    ) -> Any:
        flags = isinstance(item, dict) and (item.get(SUPPRESS_AUTHOR) or item.get(AUTHOR_ONLY))
        if not flags or item.get(_NAMES_DONE) or kw.get("sort_options") is not None:
            return original(self, item, names_context, context, **kw)
        if not _in_citation(self, context):
            return original(self, item, names_context, context, **kw)
        if item.get(SUPPRESS_AUTHOR):
            item[_NAMES_DONE] = True
            raise _model.VariableError
        item[_NAMES_DONE] = True  # names inside a substitute are part of this author
        text = original(self, item, names_context, context, **kw)
        if text:
            item[_AUTHOR_TEXT] = text
        else:
            item[_NAMES_DONE] = False
        return text

    return process


def _author_only_children(original: Any) -> Any:
    """An author-only cite is rendered in full, and only the author it printed is kept."""

    def render_children(self: Any, item: Any, delimiter: str = "", **kwargs: Any) -> Any:
        if not isinstance(item, dict) or not isinstance(self.getparent(), _model.Citation):
            return original(self, item, delimiter, **kwargs)
        item.pop(_NAMES_DONE, None)  # a cite rendered again starts afresh
        item.pop(_AUTHOR_TEXT, None)
        text = original(self, item, delimiter, **kwargs)
        if item.get(AUTHOR_ONLY):
            return item.pop(_AUTHOR_TEXT, None)
        return text

    return render_children


def _author_only_unwrapped(original: Any) -> Any:
    """A cluster of author-only cites is the running text's `Doe`, not `(Doe)`: the layout's
    affixes are left out."""

    def render_citation(self: Any, citation: Any, callback: Any) -> Any:
        cites = citation.cites
        if not cites or not all(cite.get(AUTHOR_ONLY) for cite in cites):
            return original(self, citation, callback)
        affixes = {
            name: self.attrib.pop(name) for name in ("prefix", "suffix") if name in self.attrib
        }
        try:
            return original(self, citation, callback)
        finally:
            self.attrib.update(affixes)

    return render_citation


NOTE_INDEX = "note_index"  # a citeproc-py Citation's note number (0: in the running text)
_FIRST_NOTE = "first_reference_note_number"  # the CSL variable, as citeproc-py spells keys
_SENTENCE_END = lazy_regex.compile(r"(?:^|[.!?]\s*)$")
_LEADING_IBID = lazy_regex.compile(r"^((?:<[^<>]+>|[(\[])*)ibid(?![\w-])")


def _near_note_in_notes(original: Any) -> Any:
    """near-note: the item was cited within `near-note-distance` notes before this one."""

    def position(self: Any, item: Any, context: Any = None) -> Any:
        wanted = self.get("position").split()
        if "near-note" not in wanted:
            return original(self, item, context)
        # citeproc-py looks the distance up on the style, where it is unknown (KeyError).
        others = [name for name in wanted if name != "near-note"]
        results = results_of_others(original, self, item, context, others)
        layout = (context if context is not None else self).get_layout()
        citation = layout.getparent()
        if not isinstance(citation, _model.Citation):
            return [False if name == "near-note" else next(results) for name in wanted]
        cites = getattr(citation, "cites", None) or []
        note = item.citation.get(NOTE_INDEX, 0)
        earlier = [c.citation.get(NOTE_INDEX, 0) for c in cites if c.key == item.key]
        distance = int(citation.get_option("near-note-distance"))
        near = bool(note and earlier and 0 <= note - earlier[-1] <= distance)
        return [near if name == "near-note" else next(results) for name in wanted]

    return position


def note_numbers_before(citation: Any, source: Any, first_notes: dict[str, int]) -> None:
    """Set `first-reference-note-number` on the works of `citation` cited before it."""
    for cite in citation.cites:
        reference = source.get(cite.key)
        if reference is None:
            continue
        if cite.key in first_notes:
            reference[_FIRST_NOTE] = str(first_notes[cite.key])
        else:
            reference.pop(_FIRST_NOTE, None)


def note_numbers_after(citation: Any, first_notes: dict[str, int]) -> None:
    for cite in citation.cites:
        first_notes.setdefault(cite.key, citation.get(NOTE_INDEX, 0))


def capitalized_ibid(text: str, cites: Iterable[Any], layout: Any = None) -> str:
    """`ibid.` starting a cluster, with no prefix or one ending a sentence of two words or
    more (`Cf.` is no sentence), is `Ibid.`: only the locale's term, as citeproc-js
    capitalizes terms, not a style's literal `ibid` text (position_ResetNoteNumbers)."""
    first = next(iter(cites), None)
    if first is None or not _SENTENCE_END.search(str(first.get("prefix", ""))):
        return text
    if layout is not None and not _prints_ibid_term(layout):
        return text
    prefix = str(first.get("prefix", ""))
    if prefix.strip() and " " not in prefix.strip():
        return text  # one word and a full stop: an abbreviation, not a sentence
    if prefix and text.startswith(prefix):
        return prefix + _LEADING_IBID.sub(r"\1Ibid", text[len(prefix) :], count=1)
    return _LEADING_IBID.sub(r"\1Ibid", text, count=1)


_ibid_term_in: dict[Any, bool] = {}  # a style's root element -> it prints the term `ibid`


def _prints_ibid_term(layout: Any) -> bool:
    root = layout.getroottree().getroot()
    known = _ibid_term_in.get(root)
    if known is None:
        terms = ("ibid", "ibid-with-locator")
        known = _ibid_term_in[root] = any(node.get("term") in terms for node in root.iter())
    return known


def results_of_others(
    original: Any, condition: Any, item: Any, context: Any, others: list[str]
) -> Iterator[Any]:
    """The engine's answers for the positions of a `cs:if` that a unit does not decide itself
    (`position="ibid near-note"`: the engine tests what is left), one per position tested."""
    if not others:
        return iter([])
    with attributes_set(condition, {"position": " ".join(others)}):
        answers = list(original(condition, item, context))
    # In a bibliography the engine answers once, False, for all of them.
    return iter(answers * len(others) if len(answers) == 1 else answers)


_POSITIONAL_VALUES = ("first-reference-note-number",)


def cites_depend_on_position(root: Any) -> bool:
    """Whether a cite may print differently for where it stands in the document: a `position`
    test (ibid, subsequent, near-note), `et-al-subsequent-*` options or the note number of a
    first reference. Where none is found, a cluster cited again prints as it did before."""
    for element in root.iter():
        for name, value in element.attrib.items():
            if name == "position" or name.startswith("et-al-subsequent"):
                return True
            if any(positional in value for positional in _POSITIONAL_VALUES):
                return True
    return False
