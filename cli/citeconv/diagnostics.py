"""Diagnostics as values: a stable code, a severity and a source span, formatted like a compiler."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Generic, TypeVar

from citeconv import lazy_regex

T = TypeVar("T")
U = TypeVar("U")


class Severity(StrEnum):
    ERROR = "error"  # an entry was lost
    WARNING = "warning"  # data was changed or dropped
    INFO = "info"  # an expected, documented lossy mapping


class Code(StrEnum):
    """Stable diagnostic codes; documented in README.md and never renamed."""

    SYNTAX_ERROR = "syntax-error"
    DUPLICATE_KEY = "duplicate-key"
    UNKNOWN_ENTRY_TYPE = "unknown-entry-type"
    UNMAPPED_FIELD = "unmapped-field"
    INVALID_DATE = "invalid-date"
    INVALID_NAME = "invalid-name"
    UNDEFINED_MACRO = "undefined-macro"
    UNKNOWN_COMMAND = "unknown-command"
    UNRESOLVED_CROSSREF = "unresolved-crossref"
    CROSSREF_CYCLE = "crossref-cycle"
    ENCODING = "encoding"
    LOSSY_OUTPUT = "lossy-output"
    STYLE_WARNING = "style-warning"
    MISSING_FIELD = "missing-field"
    SUSPICIOUS_VALUE = "suspicious-value"
    DUPLICATE_ENTRY = "duplicate-entry"
    UNKNOWN_KEY = "unknown-key"  # a document cites a key the bibliography lacks
    NO_ENTRIES = "no-entries"  # a run that found nothing to convert
    RENDER_FAILED = "render-failed"  # the style engine failed on an entry: it is left out


SEVERITY_ORDER = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}


@dataclass(frozen=True)
class SourceSpan:
    source: str  # the file name as the user gave it, or "<stdin>"
    line: int  # 1-based; 0 when unknown
    key: str | None = None


@dataclass(frozen=True)
class Diagnostic:
    severity: Severity
    code: Code
    message: str
    span: SourceSpan | None = None


@dataclass(frozen=True)
class Result(Generic[T]):
    value: T
    diagnostics: tuple[Diagnostic, ...] = field(default_factory=tuple)

    def then(self, value: U, more: Iterable[Diagnostic] = ()) -> Result[U]:
        """A new result carrying this one's diagnostics plus `more`."""
        return Result(value, self.diagnostics + tuple(more))


# Control characters (C0 but tab, DEL, C1): a terminal escape in a field value (`ESC ] 0;...`)
# must reach the terminal as text, never act on it (issue 15).
_CONTROL = lazy_regex.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f]")
_C1 = lazy_regex.compile("[\x7f-\x9f]")
_CONTROL_BUT_LINE_ENDS = lazy_regex.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


# A diagnostic as plain data, which crosses from a worker process fast (forked_map.py).
DiagnosticRow = tuple[str, str, str] | tuple[str, str, str, str, int, str | None]
_SEVERITY_OF = {severity.value: severity for severity in Severity}
_CODE_OF = {code.value: code for code in Code}


def diagnostic_row(diagnostic: Diagnostic) -> DiagnosticRow:
    head = (str(diagnostic.severity.value), str(diagnostic.code.value), str(diagnostic.message))
    span = diagnostic.span
    if span is None:
        return head
    key = None if span.key is None else str(span.key)
    return (*head, str(span.source), int(span.line), key)


def diagnostic_from_row(row: DiagnosticRow) -> Diagnostic:
    span = SourceSpan(row[3], row[4], row[5]) if len(row) == 6 else None
    return Diagnostic(_SEVERITY_OF[row[0]], _CODE_OF[row[1]], row[2], span)


def escape_controls(text: str, keep_line_ends: bool = False) -> str:
    """Each control character as `\\xNN` (line ends kept when asked: output, not a message)."""
    pattern = _CONTROL_BUT_LINE_ENDS if keep_line_ends else _CONTROL
    return pattern.sub(lambda found: f"\\x{ord(found.group(0)):02x}", text)


def format_diagnostic(diagnostic: Diagnostic) -> str:
    """`refs.bib:12: error[syntax-error] entry 'smith2020': unbalanced braces; entry skipped`."""
    span = diagnostic.span
    where = "citeconv"
    if span is not None:
        where = f"{span.source}:{span.line}" if span.line else span.source
    head = f"{where}: {diagnostic.severity}[{diagnostic.code}]"
    subject = f" entry '{span.key}':" if span is not None and span.key else ""
    return escape_controls(f"{head}{subject} {diagnostic.message}")


def diagnostic_to_json(diagnostic: Diagnostic) -> str:
    """One JSON object per line, for CI tools (`--diagnostics json`)."""
    span = diagnostic.span
    record = {
        "severity": str(diagnostic.severity),
        "code": str(diagnostic.code),
        "message": diagnostic.message,
        "file": span.source if span else None,
        "line": span.line if span and span.line else None,
        "key": span.key if span else None,
    }
    text = json.dumps(record, ensure_ascii=False, sort_keys=True)  # escapes C0, not C1
    return _C1.sub(lambda found: f"\\u{ord(found.group(0)):04x}", text)


def count_by_severity(diagnostics: Sequence[Diagnostic]) -> dict[Severity, int]:
    counts = dict.fromkeys(Severity, 0)
    for diagnostic in diagnostics:
        counts[diagnostic.severity] += 1
    return counts


def sort_diagnostics(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    """Stable order: by file, then line; ties keep the order they were found in."""
    return sorted(
        diagnostics,
        key=lambda d: (d.span.source if d.span else "", d.span.line if d.span else 0),
    )
