"""The BibTeX side of the reader: entries as our own frozen values, no third-party types."""

from __future__ import annotations

from dataclasses import dataclass, field

from citeconv.diagnostics import SourceSpan

# Fields whose value is an `and`-separated list of names (BibTeX and BibLaTeX manuals).
NAME_FIELDS: frozenset[str] = frozenset(
    """author editor translator bookauthor editora editorb editorc annotator commentator
    introduction foreword afterword holder redactor collaborator director""".split()
)


@dataclass(frozen=True)
class BibName:
    """One name split by the BibTeX grammar; parts are still LaTeX (braces kept)."""

    first: tuple[str, ...] = ()
    von: tuple[str, ...] = ()
    last: tuple[str, ...] = ()
    jr: tuple[str, ...] = ()
    raw: str = ""


@dataclass(frozen=True)
class BibEntry:
    key: str
    entry_type: str  # lower case, as BibTeX compares types
    fields: dict[str, str]  # lower-case field name -> value (LaTeX, outer delimiters removed)
    span: SourceSpan
    names: dict[str, tuple[BibName, ...]] = field(default_factory=dict)
    field_lines: dict[str, int] = field(default_factory=dict)  # 1-based line of each field
