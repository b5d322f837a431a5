"""RIS text -> records: which lines are tags, which continue a value, where a record ends.

Tolerant of what real exports contain: a byte-order mark, `\\r\\n`, blank lines, record numbers
before `TY` (`1.`), one or two spaces before the dash, values continued on the next line, and a
missing `ER`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from citeconv import lazy_regex
from citeconv.diagnostics import Code, Diagnostic, Severity, SourceSpan

_TAG_LINE = lazy_regex.compile(r"^([A-Z][A-Z0-9]) {1,2}-(?: (.*))?$")
_RECORD_NUMBER = lazy_regex.compile(r"^\d+\.?$")


@dataclass(frozen=True)
class RisField:
    tag: str
    value: str
    line: int


@dataclass
class RisRecord:
    line: int  # of the TY line
    fields: list[RisField] = field(default_factory=list)
    # Tag -> its non-empty values, built once: a record is asked for each of the ~50 tags the
    # table reads, and scanning its fields for each was 50 passes per record (issue 15).
    _by_tag: dict[str, list[str]] = field(default_factory=dict, repr=False, compare=False)
    _indexed: int = field(default=-1, repr=False, compare=False)

    def values(self, tag: str) -> list[str]:
        if self._indexed != len(self.fields):  # fields are appended while the record is read
            self._by_tag = {}
            for item_field in self.fields:
                if item_field.value:
                    self._by_tag.setdefault(item_field.tag, []).append(item_field.value)
            self._indexed = len(self.fields)
        return list(self._by_tag.get(tag, ()))


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
        match = _TAG_LINE.match(line)
        tag = match.group(1) if match else None
        if match and tag == "TY":
            self._close(number)
            self.current = RisRecord(number)
            self._add(self.current, RisField("TY", _clean(match.group(2)), number))
        elif self.current is None:
            self._outside(number, tag)
            return
        elif tag == "ER":
            self._close(None)
        elif match:
            self._add(self.current, RisField(match.group(1), _clean(match.group(2)), number))
        else:  # a value continued on the next line
            self.parts.append(line)
        self.stray = False

    def finish(self) -> tuple[list[RisRecord], list[Diagnostic]]:
        self._close(0)
        return self.records, self.diagnostics

    def _add(self, record: RisRecord, item_field: RisField) -> None:
        self._join_parts()
        record.fields.append(item_field)
        self.parts = [item_field.value]

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
