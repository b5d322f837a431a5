"""Positions `ibid` and `ibid-with-locator` as citeproc-js decides them.

A cite is ibid when it cites the work of the cite just before it, and that cite is in the
same citation, alone in an earlier citation of the same note, or alone in the note before
(several citations in one note count as one); never without a locator after one with. Cites
in the running text and cites in notes are two sequences: an in-text cite follows the last
in-text cite, whatever the notes between cited. A repeated locator is plain `ibid`; only a new
or different one makes `ibid-with-locator`.

citeproc-py compared locators by identity (two `p. 34` differed), looked only at the citation
before, not its note, and mixed in-text cites with notes.

Fixtures: integration_SimpleIbid, position_IbidWithMultipleSoloCitesInBackref,
position_IbidInText.

This module never imports citeproc-py: the adapter hands its `model` module to install().
"""

from __future__ import annotations

from typing import Any

from citeconv.rendering.positions import NOTE_INDEX, results_of_others

_IBID = ("ibid", "ibid-with-locator")


def install(model: Any) -> None:
    """Patch the engine's classes (idempotent)."""
    if getattr(model, "_citeconv_ibid", False):
        return
    model.If._position = _ibid_by_notes(model.If._position, model)
    model._citeconv_ibid = True


def _ibid_by_notes(original: Any, model: Any) -> Any:
    def position(self: Any, item: Any, context: Any = None) -> Any:
        wanted = self.get("position").split()
        layout = (context if context is not None else self).get_layout()
        citation = layout.getparent()
        if not any(name in _IBID for name in wanted) or not isinstance(citation, model.Citation):
            return original(self, item, context)
        others = [name for name in wanted if name not in _IBID]
        results = results_of_others(original, self, item, context, others)
        previous = _ibid_of(item, citation.cites)
        # Without a locator after one with a locator, a cite is no ibid (it would inherit it).
        ibid = previous is not None and not (_locator(previous) and not _locator(item))
        with_locator = ibid and _locator(item) is not None and _locator(item) != _locator(previous)
        decided = {"ibid": ibid, "ibid-with-locator": with_locator}
        return [decided[name] if name in decided else next(results) for name in wanted]

    return position


def _note(cite: Any) -> int:
    return int(cite.citation.get(NOTE_INDEX, 0) or 0)


def _ibid_of(item: Any, cites: list[Any]) -> Any:
    """The cite `item` repeats as ibid, or None."""
    in_text = _note(item) == 0
    previous = next((c for c in reversed(cites) if (_note(c) == 0) == in_text), None)
    if previous is None or previous.key != item.key:
        return None
    if previous.citation is item.citation:
        return previous
    # A citation earlier in the same note must be alone; one in the note before, the only
    # cite of that note.
    by_note = not in_text and _note(previous) != _note(item)
    return previous if _alone(previous, cites, by_note) else None


def _alone(cite: Any, cites: list[Any], by_note: bool) -> bool:
    """`cite` is the only cite of its note (`by_note`) or of its citation."""
    note = _note(cite)
    count = 0
    for other in reversed(cites):
        same = _note(other) == note if by_note else other.citation is cite.citation
        if same:
            count += 1
            if count > 1:
                return False
        elif count:
            break  # the cites of one note are consecutive
    return count == 1


def _locator(cite: Any) -> tuple[str, str] | None:
    locator = cite.get("locator")
    return None if locator is None else (str(locator.label), str(locator.identifier))
