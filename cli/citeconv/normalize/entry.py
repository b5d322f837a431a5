"""One BibEntry -> one CSL item, driven by the type and field tables."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from citeconv.csl import CslItem, CslName
from citeconv.diagnostics import Code, Diagnostic, Severity, SourceSpan
from citeconv.formats import ReadOptions
from citeconv.normalize.dates import parse_iso_date, parse_year_month
from citeconv.normalize.entry_types import BIBLATEX_TO_CSL_TYPE, FALLBACK_TYPE
from citeconv.normalize.fields import (
    BIBLATEX_TO_CSL_FIELD,
    BOOKKEEPING_FIELDS,
    FIELD_BY_TYPE,
    HANDLED_ELSEWHERE,
)
from citeconv.normalize.latex import to_rich, to_text
from citeconv.normalize.names import is_et_al, to_csl_name
from citeconv.normalize.values import CONVERTERS
from citeconv.readers.bibmodel import BibEntry

Report = Callable[[Severity, Code, str, str | None], None]


def entry_to_item(entry: BibEntry, options: ReadOptions) -> tuple[CslItem, list[Diagnostic]]:
    diagnostics: list[Diagnostic] = []

    def report(severity: Severity, code: Code, message: str, field: str | None) -> None:
        line = entry.field_lines.get(field, entry.span.line) if field else entry.span.line
        span = SourceSpan(entry.span.source, line, entry.key)
        diagnostics.append(Diagnostic(severity, code, message, span))

    item = _typed_item(entry, report)
    for field, value in entry.fields.items():
        _map_field(item, entry, field, value, report)
    _add_title_parts(item, entry)
    _add_dates(item, entry, report)
    _add_abbreviation(item, options)
    return item, diagnostics


def _typed_item(entry: BibEntry, report: Report) -> CslItem:
    csl_type, genre = BIBLATEX_TO_CSL_TYPE.get(entry.entry_type, FALLBACK_TYPE)
    if entry.entry_type not in BIBLATEX_TO_CSL_TYPE:
        report(
            Severity.WARNING,
            Code.UNKNOWN_ENTRY_TYPE,
            f"unknown entry type '@{entry.entry_type}'; converted as '{csl_type}'",
            None,
        )
    item: CslItem = {"id": entry.key, "type": csl_type}
    if genre:
        item["genre"] = genre  # type: ignore[typeddict-unknown-key]
    return item


def _map_field(item: CslItem, entry: BibEntry, field: str, value: str, report: Report) -> None:
    if field in HANDLED_ELSEWHERE or not value.strip():
        return
    row = BIBLATEX_TO_CSL_FIELD.get(field)
    if row is None:
        severity = Severity.INFO
        if field not in BOOKKEEPING_FIELDS:
            report(
                severity,
                Code.UNMAPPED_FIELD,
                f"field '{field}' has no CSL equivalent; dropped",
                field,
            )
        return
    variable, converter = row
    variable = FIELD_BY_TYPE.get((field, entry.entry_type), variable)
    target: dict[str, Any] = item  # type: ignore[assignment]
    if variable in target:
        return  # an earlier, more specific field already set it (journal before journaltitle)
    if converter == "names":
        target[variable] = _names(entry, field, report)
    else:
        target[variable] = CONVERTERS[converter](value)


def _names(entry: BibEntry, field: str, report: Report) -> list[CslName]:
    names: list[CslName] = []
    for name in entry.names.get(field, ()):
        if is_et_al(name):
            names.append({"literal": "others"})
            continue
        converted = to_csl_name(name)
        if not converted:
            report(Severity.WARNING, Code.INVALID_NAME, f"empty name in '{field}' dropped", field)
            continue
        names.append(converted)
    return names


def _add_title_parts(item: CslItem, entry: BibEntry) -> None:
    subtitle = entry.fields.get("subtitle")
    target: dict[str, Any] = item  # type: ignore[assignment]
    if subtitle and "title" in target:
        target["title"] = f"{target['title']}: {to_rich(subtitle)}"


def _add_dates(item: CslItem, entry: BibEntry, report: Report) -> None:
    target: dict[str, Any] = item  # type: ignore[assignment]
    fields = entry.fields
    if "date" in fields:
        date = parse_iso_date(fields["date"])
        if date is None:
            report(
                Severity.WARNING,
                Code.INVALID_DATE,
                f"date '{fields['date']}' is not an ISO 8601 date; kept as literal",
                "date",
            )
            target["issued"] = {"literal": to_text(fields["date"])}
        else:
            target["issued"] = date
    elif fields.get("year", "").strip():
        date = parse_year_month(to_text(fields["year"]), fields.get("month"))
        if date is None:
            report(
                Severity.WARNING,
                Code.INVALID_DATE,
                f"year '{fields['year']}' is not a number; kept as literal",
                "year",
            )
            target["issued"] = {"literal": to_text(fields["year"])}
        else:
            target["issued"] = date
    if fields.get("urldate"):
        accessed = parse_iso_date(fields["urldate"])
        if accessed is not None:
            target["accessed"] = accessed


def _add_abbreviation(item: CslItem, options: ReadOptions) -> None:
    target: dict[str, Any] = item  # type: ignore[assignment]
    if options.abbreviate is None or "container-title-short" in target:
        return
    if target.get("type") != "article-journal" or "container-title" not in target:
        return
    title = to_text(target["container-title"])
    abbreviation = options.abbreviate(title)
    if abbreviation and abbreviation != title:
        target["container-title-short"] = abbreviation
