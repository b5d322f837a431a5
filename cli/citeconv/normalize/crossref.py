"""`crossref`, `xref` and `xdata`: fields a child entry takes from its parent, by BibLaTeX's rules.

BibLaTeX manual §2.4.1 and appendix B: a child takes every field it lacks from its `crossref`
parent under the same name, except where the defaults rename it (an `@inproceedings` takes its
`booktitle` from the `@proceedings` parent's `title`) or never inherit it (`ids`, `shorthand`,
...). `xdata` entries lend all their fields and are not works themselves. `xref` only links: it
inherits nothing, but a missing parent is reported. Keys match case-insensitively, as BibTeX's.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from citeconv.diagnostics import Code, Diagnostic, Result, Severity
from citeconv.readers.bibmodel import BibEntry, BibName

NOT_INHERITED: frozenset[str] = frozenset(
    """ids crossref xref xdata entryset entrysubtype execute label options presort related
    relatedoptions relatedstring relatedtype shorthand shorthandintro sortkey""".split()
)
_BOOKS = ("book", "collection", "reference", "proceedings", "manual")
_IN_BOOKS = (
    "inbook",
    "bookinbook",
    "suppbook",
    "incollection",
    "suppcollection",
    "inreference",
    "inproceedings",
    "conference",
)
_MULTIVOLUME = ("mvbook", "mvcollection", "mvreference", "mvproceedings")
_TITLE_AS_BOOKTITLE = {
    "title": "booktitle",
    "subtitle": "booksubtitle",
    "titleaddon": "booktitleaddon",
    "shorttitle": "",
    "sorttitle": "",
    "indextitle": "",
    "indexsorttitle": "",
}
_TITLE_AS_MAINTITLE = {
    "title": "maintitle",
    "subtitle": "mainsubtitle",
    "titleaddon": "maintitleaddon",
    "shorttitle": "",
    "sorttitle": "",
    "indextitle": "",
    "indexsorttitle": "",
}
_TITLE_AS_JOURNAL = {
    "title": "journaltitle",
    "subtitle": "journalsubtitle",
    "shorttitle": "",
    "sorttitle": "",
    "indextitle": "",
    "indexsorttitle": "",
}


def renamed_fields(parent_type: str, child_type: str) -> dict[str, str]:
    """Parent field -> child field where BibLaTeX renames it; "" means not inherited."""
    if parent_type in _MULTIVOLUME:
        return _TITLE_AS_MAINTITLE
    if parent_type in _BOOKS and child_type in _IN_BOOKS:
        rules = dict(_TITLE_AS_BOOKTITLE)
        return rules
    if parent_type == "periodical" and child_type in ("article", "suppperiodical"):
        return _TITLE_AS_JOURNAL
    return {}


# A book's author is both the author and the `bookauthor` of its parts (biblatex.def:
# \\inherit{author}{author} \\inherit{author}{bookauthor}).
_ALSO_AS_BOOKAUTHOR = frozenset({"inbook", "bookinbook", "suppbook"})


def resolve_inheritance(entries: Sequence[BibEntry]) -> Result[list[BibEntry]]:
    """Every entry with its inherited fields; @xdata entries are consumed, not returned."""
    by_key = {
        alias.lower(): entry for entry in entries for alias in _keys(entry.fields.get("ids", ""))
    }
    by_key.update({entry.key.lower(): entry for entry in entries})  # `ids` adds aliases
    resolver = _Resolver(by_key)
    resolved = [resolver.resolve(entry) for entry in entries if entry.entry_type != "xdata"]
    return Result(resolved, tuple(resolver.diagnostics))


class _Resolver:
    """Parents before children, with an explicit stack: a chain of thousands of parents costs
    a loop, never Python's recursion limit (issue 15: a 500-parent chain lost the whole file)."""

    def __init__(self, by_key: dict[str, BibEntry]) -> None:
        self.by_key = by_key
        self.done: dict[str, BibEntry] = {}
        self.entered: set[str] = set()
        self.path: list[str] = []  # keys being resolved, outermost child first
        self.diagnostics: list[Diagnostic] = []

    def resolve(self, start: BibEntry) -> BibEntry:
        if not _LINKS.intersection(start.fields):  # most entries: nothing to inherit or check
            return start
        stack = [start]
        while stack:
            entry = stack[-1]
            key = entry.key.lower()
            if key in self.done:
                stack.pop()
            elif key not in self.entered:  # first visit: its parents go first
                self.entered.add(key)
                self.path.append(key)
                stack.extend(reversed(self.unresolved_parents(entry)))
            else:  # second visit: every parent is resolved (or reported)
                stack.pop()
                self.done[key] = self.inherit_all(entry)
                self.path.pop()
        return self.done[start.key.lower()]

    def unresolved_parents(self, entry: BibEntry) -> list[BibEntry]:
        keys = [*_keys(entry.fields.get("xdata", "")), entry.fields.get("crossref", "").strip()]
        parents = [self.by_key.get(key.lower()) for key in keys if key]
        return [p for p in parents if p is not None and p.key.lower() not in self.entered]

    def inherit_all(self, entry: BibEntry) -> BibEntry:
        for xdata_key in _keys(entry.fields.get("xdata", "")):
            parent = self.parent(entry, xdata_key, "xdata")
            if parent is not None:
                entry = _inherit(entry, parent, {})
        parent_key = entry.fields.get("crossref", "").strip()
        if parent_key:
            parent = self.parent(entry, parent_key, "crossref")
            if parent is not None:
                entry = _inherit(entry, parent, renamed_fields(parent.entry_type, entry.entry_type))
        for xref_key in _keys(entry.fields.get("xref", "")):
            if xref_key.lower() not in self.by_key:
                self.report(entry, Code.UNRESOLVED_CROSSREF, f"xref '{xref_key}' names no entry")
        return entry

    def parent(self, child: BibEntry, key: str, field: str) -> BibEntry | None:
        parent = self.by_key.get(key.lower())
        if parent is None:
            self.report(
                child,
                Code.UNRESOLVED_CROSSREF,
                f"{field} '{key}' names no entry; nothing inherited",
            )
            return None
        resolved = self.done.get(parent.key.lower())
        if resolved is None:  # entered, not done: an entry on the current path
            cycle = " -> ".join((*self.path, key.lower()))
            self.report(child, Code.CROSSREF_CYCLE, f"{field} cycle {cycle}; not followed")
        return resolved

    def report(self, entry: BibEntry, code: Code, message: str) -> None:
        self.diagnostics.append(Diagnostic(Severity.WARNING, code, message, entry.span))


# The streamed reader (streaming/bibtex.py) resolves a file chunk by chunk with one of these.
InheritanceResolver = _Resolver

_LINKS = frozenset({"crossref", "xdata", "xref"})


def _keys(value: str) -> list[str]:
    return [key.strip() for key in value.split(",") if key.strip()]


def _inherit(child: BibEntry, parent: BibEntry, renames: dict[str, str]) -> BibEntry:
    fields = dict(child.fields)
    names: dict[str, tuple[BibName, ...]] = dict(child.names)
    for field, value in parent.fields.items():
        if field in NOT_INHERITED:
            continue
        target = renames.get(field, field)
        if not target or target in fields:
            continue
        fields[target] = value
        if field in parent.names:
            names[target] = parent.names[field]
    book_part = parent.entry_type in ("book", "mvbook") and child.entry_type in _ALSO_AS_BOOKAUTHOR
    if book_part and "author" in parent.fields and "bookauthor" not in fields:
        fields["bookauthor"] = parent.fields["author"]
        names["bookauthor"] = parent.names.get("author", ())
    return replace(child, fields=fields, names=names)
