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
    records: list[RisRecord] = []
    diagnostics: list[Diagnostic] = []
    current: RisRecord | None = None
    stray = False  # inside a run of text outside any record (reported once per run)
    for number, raw in enumerate(text.removeprefix("\ufeff").splitlines(), start=1):
        line = raw.strip()
        match = _TAG_LINE.match(line)
        if not line or (current is None and _RECORD_NUMBER.match(line)):
            continue
        if match and match.group(1) == "TY":
            if current is not None:
                diagnostics.append(_no_end(source, current, number))
                records.append(current)
            current = RisRecord(number, [RisField("TY", _clean(match.group(2)), number)])
        elif current is None:
            if not stray and not (match and match.group(1) == "ER"):
                diagnostics.append(
                    _warning(
                        Code.SYNTAX_ERROR,
                        "text outside a record (no TY before it); ignored",
                        SourceSpan(source, number),
                    )
                )
            stray = True
            continue
        elif match and match.group(1) == "ER":
            records.append(current)
            current = None
        elif match:
            current.fields.append(RisField(match.group(1), _clean(match.group(2)), number))
        else:  # a value continued on the next line
            last = current.fields[-1]
            current.fields[-1] = RisField(last.tag, f"{last.value} {line}".strip(), last.line)
        stray = False
    if current is not None:
        diagnostics.append(_no_end(source, current, 0))
        records.append(current)
    if not records and text.strip():  # not RIS at all: an error, never an empty list
        message = "no RIS records found (no line starts with 'TY  - ')"
        diagnostics = [
            Diagnostic(Severity.ERROR, Code.SYNTAX_ERROR, message, SourceSpan(source, 1))
        ]
    return records, diagnostics


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
