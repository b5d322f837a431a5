"""RIS text -> records: which lines are tags, which continue a value, where a record ends.

Tolerant of what real exports contain: a byte-order mark, `\\r\\n`, blank lines, record numbers
before `TY` (`1.`), one or two spaces before the dash, values continued on the next line, a
missing `ER`, even a missing `TY` (fields after an `ER` are a record of their own). A tag line
in another shape (`TI  -First`, `ti  - First`, `TI<tab>-<tab>First`) is read as its tag when
the tag is one the table knows and is in upper case, with a warning; a line is never added to
the value above it without a word when it may have been meant as a tag, nor to a name.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import NamedTuple

from citeconv import lazy_regex
from citeconv.diagnostics import Code, Diagnostic, Severity, SourceSpan
from citeconv.writers.ris import ris_table

_TAG_LINE = lazy_regex.compile(r"^([A-Z][A-Z0-9]) {1,2}-(?: (.*))?$")
# Any case, spaces or tabs around the dash, but some before it and none before the tag: a
# hyphenated word that starts a continuation line (`ET-1 levels`, a keyword `IL-6` on its own
# line as one exporter writes them) is no tag line.
_LOOSE_TAG_LINE = lazy_regex.compile(r"^([A-Za-z][A-Za-z0-9])[ \t]+-[ \t]*(.*)$")
_RECORD_NUMBER = lazy_regex.compile(r"^\d+\.?$")
_LOWER_TAG_LINE = lazy_regex.compile(r"^[a-z][a-z0-9]  - ")  # the exact shape, in lower case


@dataclass(frozen=True)
class RisField:
    tag: str
    value: str
    line: int


@dataclass
class RisRecord:
    line: int  # of the TY line, or of the first line of a record that has none
    fields: list[RisField] = field(default_factory=list)
    notes: list[Diagnostic] = field(default_factory=list)  # about its lines; no key yet
    # Tag -> its fields with a value, built once: a record is asked for each of the ~50 tags
    # the table reads, and scanning its fields for each was 50 passes per record (issue 15).
    _by_tag: dict[str, list[RisField]] = field(default_factory=dict, repr=False, compare=False)
    _indexed: int = field(default=-1, repr=False, compare=False)

    @property
    def ris_type(self) -> str | None:
        """The TY value; None when the record has no TY line."""
        first = self.fields[0]
        return first.value if first.tag == "TY" else None

    def values(self, tag: str) -> list[str]:
        return [item_field.value for item_field in self.fields_of(tag)]

    def fields_of(self, tag: str) -> Sequence[RisField]:
        if self._indexed != len(self.fields):  # fields are appended while the record is read
            self._by_tag = {}
            for item_field in self.fields:
                if item_field.value:
                    self._by_tag.setdefault(item_field.tag, []).append(item_field)
            self._indexed = len(self.fields)
        return self._by_tag.get(tag, ())  # the index's own list: read, never changed


def split_records(text: str, source: str) -> tuple[list[RisRecord], list[Diagnostic]]:
    """Lines -> records; a record runs from `TY` to `ER`, the next `TY` or the end."""
    splitter = _Splitter(source)
    for number, raw in enumerate(text.removeprefix("\ufeff").splitlines(), start=1):
        splitter.feed(number, raw)
    records, diagnostics = splitter.finish()
    if not records and text.strip():  # not RIS at all: an error, never an empty list
        message = "no RIS records found (no line starts with 'TY  - ')"
        diagnostics = [
            Diagnostic(Severity.ERROR, Code.SYNTAX_ERROR, message, SourceSpan(source, 1))
        ]
    return records, diagnostics


class _Splitter:
    """One pass over the lines. The value of the field being read is kept as a list of its
    lines and joined once when the field ends: joining at each continuation line copied the
    whole value again (1 MB of one-word lines took 8 s)."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.records: list[RisRecord] = []
        self.diagnostics: list[Diagnostic] = []
        self.current: RisRecord | None = None
        self.parts: list[str] = []  # the lines of the current record's last value so far
        self.stray = False  # inside a run of text outside any record (reported once per run)

    def feed(self, number: int, raw: str) -> None:
        line = raw.strip()
        if not line or (self.current is None and _RECORD_NUMBER.match(line)):
            return
        tag_line = read_tag_line(raw)
        tag = tag_line.tag if tag_line else None
        if tag == "TY":
            self._close(number)
            self.current = RisRecord(number)
        elif self.current is None:
            if tag_line is None or tag not in known_tags() or tag == "ER":
                self._outside(number, tag)
                return
            # Fields after an ER with no TY before them: a record that lost its TY line. It
            # is read all the same (as a document), which loses less than skipping it.
            self.current = RisRecord(number)
        if tag_line is not None and tag_line.loose:
            message = f"{tag} read as a tag, though the line is not in the form '{tag}  - value'"
            self._note(self.current, number, message)
        if tag == "ER":
            self._close(None)
        elif tag_line is not None:
            self._add(self.current, RisField(tag_line.tag, tag_line.value, number))
        else:
            self._continue(self.current, number, raw)
        self.stray = False

    def finish(self) -> tuple[list[RisRecord], list[Diagnostic]]:
        self._close(0)
        return self.records, self.diagnostics

    def _add(self, record: RisRecord, item_field: RisField) -> None:
        self._join_parts()
        record.fields.append(item_field)
        self.parts = [item_field.value]

    def _continue(self, record: RisRecord, number: int, raw: str) -> None:
        """A line with no tag continues the value above it; said when that may be wrong."""
        last = record.fields[-1]
        looks_like = _LOOSE_TAG_LINE.match(raw.rstrip())
        if looks_like and (looks_like.group(1).isupper() or _LOWER_TAG_LINE.match(raw)):
            # `XY  -x`, `ti  - First`: a tag line mistyped? (Prose has one space, not two.)
            why = (
                "is none the reader knows"
                if looks_like.group(1).isupper()
                else ("tags are upper case")
            )
            message = (
                f"{looks_like.group(1)} looks like a tag, but {why}; the line is read as part "
                f"of {last.tag} (line {last.line})"
            )
            self._note(record, number, message)
        elif last.tag in names_tags() and len(self.parts) == 1:  # said once per name
            message = f"a line with no tag continues the name in {last.tag} (line {last.line})"
            self._note(record, number, message + "; joined to it")
        self.parts.append(raw.strip())

    def _note(self, record: RisRecord, number: int, message: str) -> None:
        record.notes.append(_warning(Code.SYNTAX_ERROR, message, SourceSpan(self.source, number)))

    def _join_parts(self) -> None:
        if self.current is not None and len(self.parts) > 1:
            last = self.current.fields[-1]
            value = " ".join(part for part in self.parts if part)
            self.current.fields[-1] = RisField(last.tag, value, last.line)
        self.parts = []

    def _close(self, next_line: int | None) -> None:
        """End the current record: at ER (None), at the next TY (its line), at the end (0)."""
        if self.current is None:
            return
        self._join_parts()
        if next_line is not None:
            self.diagnostics.append(_no_end(self.source, self.current, next_line))
        self.records.append(self.current)
        self.current = None

    def _outside(self, number: int, tag: str | None) -> None:
        if not self.stray and tag != "ER":
            message = "text outside a record (no TY before it); ignored"
            span = SourceSpan(self.source, number)
            self.diagnostics.append(_warning(Code.SYNTAX_ERROR, message, span))
        self.stray = True


class TagLine(NamedTuple):  # one per line: a tuple is made faster than a frozen dataclass
    tag: str
    value: str
    loose: bool  # not in the form `TI  - value`: read as the tag, with a warning


def read_tag_line(raw: str) -> TagLine | None:
    """The tag and value of a tag line; None for a line that continues a value."""
    strict = _TAG_LINE.match(raw.strip())
    if strict:
        return TagLine(strict.group(1), _clean(strict.group(2)), loose=False)
    loose = _LOOSE_TAG_LINE.match(raw.rstrip())
    # Upper case only: a wrapped abstract's line may start `er - so scheint es` or `is - as
    # expected`, and read as ER or IS it would end the record or become its issue.
    if loose and loose.group(1).isupper() and loose.group(1) in known_tags():
        return TagLine(loose.group(1), _clean(loose.group(2)), loose=True)
    return None


@cache
def known_tags() -> frozenset[str]:
    """Every tag the reader reads or knows to ignore, besides the record's bounds."""
    table = ris_table()
    tags = {row["tag"] for row in table["tags"]} | set(table["read_tags"])
    return frozenset(tags | set(table["read_ignored"]["tags"]) | {"TY", "ER", "EP"})


@cache
def names_tags() -> frozenset[str]:
    table = ris_table()
    names = {row["variable"] for row in table["tags"] if row["kind"] == "names"}
    tags = {row["tag"] for row in table["tags"] if row["kind"] == "names"}
    return frozenset(tags | {tag for tag, name in table["read_tags"].items() if name in names})


def _clean(value: str | None) -> str:
    """RIS values are single lines; runs of spaces from hard-wrapped exports collapse."""
    return " ".join((value or "").split())


def _no_end(source: str, record: RisRecord, next_line: int) -> Diagnostic:
    where = f"the next TY at line {next_line}" if next_line else "the end of the input"
    ids = record.values("ID")
    span = SourceSpan(source, record.line, ids[0] if ids else None)
    return _warning(Code.SYNTAX_ERROR, f"record has no ER line; it ends at {where}", span)


def _warning(code: Code, message: str, span: SourceSpan) -> Diagnostic:
    return Diagnostic(Severity.WARNING, code, message, span)
