"""RIS records -> hub, through the writer's table (styles/ris.toml) read the other way.

The lines are split into records by ris_lines.py. Anything dropped is reported with its line
number and the record's ID.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import replace
from functools import cache
from typing import Any

from citeconv import lazy_regex
from citeconv.csl import Bibliography, CslItem
from citeconv.diagnostics import Code, Diagnostic, Result, Severity, SourceSpan
from citeconv.formats import ReadOptions
from citeconv.normalize.dates import ParsedDate
from citeconv.readers.duplicate_keys import FreeKeys
from citeconv.readers.ris_dates import parse_date
from citeconv.readers.ris_lines import RisField, RisRecord, names_tags, split_records
from citeconv.readers.ris_variables import Variables
from citeconv.writers.ris import Row, bare_doi, ris_table, rows_for_type

_ISSN = lazy_regex.compile(r"\d{4}-?\d{3}[\dXx]")


def read_ris(text: str, source: str, options: ReadOptions) -> Result[Bibliography]:
    records, diagnostics = split_records(text, source)
    items: list[CslItem] = []
    spans: dict[str, SourceSpan] = {}
    taken = FreeKeys()
    for record in records:
        item_id = _record_id(record, taken, len(items) + 1)
        taken.reserve(item_id)
        diagnostics.extend(_keyed(note, item_id) for note in record.notes)
        result = record_to_item(record, item_id, source, options)
        diagnostics.extend(result.diagnostics)
        items.append(result.value)
        spans[item_id] = SourceSpan(source, record.line, item_id)
    return Result(Bibliography(tuple(items), spans), tuple(diagnostics))


def _keyed(diagnostic: Diagnostic, item_id: str) -> Diagnostic:
    """A diagnostic about a record's lines, found before the record had an id."""
    span = diagnostic.span and replace(diagnostic.span, key=item_id)
    return replace(diagnostic, span=span)


def _warning(code: Code, message: str, span: SourceSpan) -> Diagnostic:
    return Diagnostic(Severity.WARNING, code, message, span)


def _first(values: list[str]) -> str | None:
    return values[0] if values else None


def record_to_item(
    record: RisRecord, item_id: str, source: str, options: ReadOptions
) -> Result[CslItem]:
    diagnostics: list[Diagnostic] = []
    csl_type = _csl_type(record, SourceSpan(source, record.line, item_id), diagnostics)
    routes = tag_routes(csl_type)
    variables, dropped = _read_variables(record, routes, {"id": item_id, "type": csl_type})
    for item_field, lost in dropped:
        span = SourceSpan(source, item_field.line, item_id)
        diagnostics.append(_warning(Code.INVALID_DATE, lost, span))
    variables.keep_journal_abbreviation()
    diagnostics.extend(variables.report(source, item_id))
    values = variables.values
    _lone_end_page(record, values, SourceSpan(source, record.line, item_id), diagnostics)
    _end_page_beside_range(record, values, SourceSpan(source, record.line, item_id), diagnostics)
    for item_field in record.fields:
        if item_field.tag in names_tags() and not item_field.value.strip(" \t,;"):
            message = f"RIS tag {item_field.tag} holds no name: dropped"
            span = SourceSpan(source, item_field.line, item_id)
            diagnostics.append(_warning(Code.INVALID_NAME, message, span))
        elif item_field.tag in names_tags() and ";" in item_field.value:
            message = f"RIS tag {item_field.tag} holds several names: split at ';'"
            span = SourceSpan(source, item_field.line, item_id)
            diagnostics.append(_warning(Code.INVALID_NAME, message, span))
    known = {"TY", "EP", *routes, *ris_table()["read_ignored"]["tags"]}
    unmapped = [f for f in record.fields if f.tag not in known]
    for item_field in unmapped:
        span = SourceSpan(source, item_field.line, item_id)
        message = f"RIS tag {item_field.tag} has no CSL equivalent; " + (
            "kept in note" if options.keep_unmapped else "dropped"
        )
        diagnostics.append(_warning(Code.UNMAPPED_FIELD, message, span))
        if options.keep_unmapped and item_field.value:
            kept = f"{item_field.tag}: {item_field.value}"
            values["note"] = f"{values['note']}\n{kept}" if "note" in values else kept
    return Result(values, tuple(diagnostics))  # type: ignore[arg-type]


def _lone_end_page(
    record: RisRecord, values: dict[str, Any], span: SourceSpan, diagnostics: list[Diagnostic]
) -> None:
    """An EP with no SP: the only page number the record has, kept as its page, and said."""
    end = record.fields_of("EP")
    if not end or "page" in values or not end[0].value.strip():
        return
    values["page"] = end[0].value.strip()
    span = replace(span, line=end[0].line)
    message = "RIS tag EP (end page) without SP (start page): read as the page"
    diagnostics.append(_warning(Code.MISSING_FIELD, message, span))


def _end_page_beside_range(
    record: RisRecord, values: dict[str, Any], span: SourceSpan, diagnostics: list[Diagnostic]
) -> None:
    """An EP beside an SP that is a range already: not joined to it, and said unless the
    range ends there."""
    start, end = _first(record.values("SP")), record.fields_of("EP")
    if not start or not end or not _holds_range(start):
        return
    last = end[0].value.strip()
    if last and not start.strip().endswith(last):
        message = f"RIS tag EP not used: SP already holds a range ('{start.strip()}')"
        diagnostics.append(_warning(Code.UNMAPPED_FIELD, message, replace(span, line=end[0].line)))


def _read_variables(
    record: RisRecord, routes: dict[str, tuple[Row, ...]], preset: dict[str, Any]
) -> tuple[Variables, list[tuple[RisField, str]]]:
    """Each row's value offered to its variable, a second line of a one-line tag set aside;
    and the parts of dates left out, with their lines."""
    variables = Variables(preset)
    dropped: list[tuple[RisField, str]] = []
    for rows in routes.values():
        for row in rows:
            for number, (value, item_field) in enumerate(_read_row(row, record)):
                if isinstance(value, ParsedDate):
                    dropped.extend((item_field, lost) for lost in value.dropped)
                    value = value.date
                take = variables.offer if number == 0 else variables.set_aside
                take(row["variable"], value, item_field)
    return variables, dropped


def _csl_type(record: RisRecord, span: SourceSpan, diagnostics: list[Diagnostic]) -> str:
    """The record's CSL type; a TY that is missing or not known is read as a document."""
    if record.ris_type is None:
        message = "record has no TY line; read as 'document'"
    else:
        ris_type = record.ris_type.upper()
        csl_type = csl_type_for(ris_type)
        if csl_type is not None:
            return csl_type
        message = f"RIS type '{ris_type}' is not known; read as 'document'"
    diagnostics.append(_warning(Code.UNKNOWN_ENTRY_TYPE, message, span))
    return "document"


def csl_type_for(ris_type: str) -> str | None:
    table = ris_table()
    found = table["read_types"].get(ris_type) or table["ris_only_types"].get(ris_type)
    return found or _types_by_ris_type().get(ris_type)


@cache
def _types_by_ris_type() -> dict[str, str]:
    """RIS type -> the first CSL type the table writes as it."""
    return {ty: csl for csl, ty in reversed(ris_table()["types"].items())}


@cache
def tag_routes(csl_type: str) -> dict[str, tuple[Row, ...]]:
    """Tag -> the rows that read it for one type: this type's rows, else the first row of any
    type with that tag (a book's T3 is still a series), else the aliases in [read_tags]."""
    routes: dict[str, list[Row]] = {}
    for row in rows_for_type(csl_type):
        routes.setdefault(row["tag"], []).append(row)
    for row in ris_table()["tags"]:
        routes.setdefault(row["tag"], [row])
    kinds = {row["variable"]: row["kind"] for row in ris_table()["tags"]}
    for tag, variable in ris_table()["read_tags"].items():
        routes.setdefault(tag, [{"variable": variable, "tag": tag, "kind": kinds[variable]}])
    return {tag: tuple(rows) for tag, rows in routes.items()}


# Kinds that take one line of their tag; a second line is not used. The others join them all.
_ONE_LINE_KINDS = frozenset({"date-year", "date-full", "pages", "doi"})
# Variables whose repeated lines are one value: the rest take their first line, and a second
# `UR`, `TI` or `VL` is said not to be used (joined with `; `, two URLs made one that is none).
_JOINED_VARIABLES = frozenset({"abstract", "note", "keyword", "ISSN", "ISBN"}) | frozenset(
    {"author", "editor", "collection-editor", "translator"}
)


def _read_row(row: Row, record: RisRecord) -> list[tuple[Any, RisField]]:
    """The values one row reads, each with its line: one value of all the tag's lines, or, for
    a kind that takes one line (and the ID), one value per line, the first to be used."""
    fields = record.fields_of(row["tag"])
    if not fields:
        return []
    if row["kind"] in _ONE_LINE_KINDS or row["variable"] not in _JOINED_VARIABLES:
        return [(_one_line_value(row["kind"], f.value, record), f) for f in fields]
    return [(_joined_value(row, [f.value for f in fields]), fields[0])]


def _one_line_value(kind: str, value: str, record: RisRecord) -> Any:
    if kind in {"date-year", "date-full"}:
        return parse_date(value)  # a ParsedDate: its date, and what it dropped
    if kind == "pages":
        return join_pages(value, _first(record.values("EP")))
    if kind == "doi":
        return bare_doi(value)
    return value


def _joined_value(row: Row, raw: list[str]) -> Any:
    kind = row["kind"]
    if kind == "names":  # one name per line; `Smith, J; Doe, K` on one is split (said)
        names = (parse_name(part) for value in raw for part in value.split(";") if part.strip())
        return [name for name in names if name]  # `AU  - ,` holds none (said)
    if kind == "list":
        return join_keywords(k.strip() for value in raw for k in value.split(";"))
    if kind == "identifiers":
        issn = row["variable"] == "ISSN"
        return ", ".join(v for v in raw if bool(_ISSN.fullmatch(v.split()[0])) == issn)
    return "; ".join(raw)


def parse_name(text: str) -> dict[str, str]:
    """`van der Maaten, Laurens` -> particle, family, given; no comma -> a literal name."""
    parts = [part.strip() for part in text.split(",")]
    if len(parts) == 1:
        return {"literal": text.strip()}
    name: dict[str, str] = {}
    family = parts[0].split()
    lead = 0
    while lead < len(family) - 1 and _is_particle(family[lead]):
        lead += 1
    if lead:
        name["non-dropping-particle"] = " ".join(family[:lead])
    if family:
        name["family"] = " ".join(family[lead:])
    given = parts[1].split()
    keep = len(given)
    while keep > 1 and _is_particle(given[keep - 1]):
        keep -= 1
    if given:
        name["given"] = " ".join(given[:keep])
    if keep < len(given):
        name["dropping-particle"] = " ".join(given[keep:])
    if any(parts[2:]):
        name["suffix"] = ", ".join(p for p in parts[2:] if p)
    return name


def _is_particle(token: str) -> bool:
    return token[0].islower() or token[0] in "'\u2019"


def join_pages(start: str, end: str | None) -> str:
    """SP and EP as one page range; an SP that is a range already keeps it (`SP 10-20` and
    `EP 20`, as some exports write both, is 10-20, never 10-20-20)."""
    if not end or end == start or (start and _holds_range(start)):
        return start
    return f"{start}-{end}" if start else end


def _holds_range(pages: str) -> bool:
    return any(dash in pages.strip("-\u2013 ") for dash in ("-", "\u2013", ","))


def join_keywords(keywords: Iterator[str]) -> str:
    """The hub's keyword string: `, `-separated, or `; ` when a keyword has a comma."""
    found = [k for k in keywords if k]
    return ("; " if any("," in k for k in found) else ", ").join(found)


def _record_id(record: RisRecord, taken: FreeKeys, number: int) -> str:
    """The record's ID, else `family` + year of its first author, made unique."""
    given = _first(record.values("ID"))
    if given:
        return given
    author = _first(record.values("AU") or record.values("A1") or record.values("A2"))
    name = parse_name(author) if author else {}
    family = name.get("family") or ["", *(name.get("literal") or "").split()][-1]
    ascii_family = unicodedata.normalize("NFKD", family).encode("ascii", "ignore").decode()
    year = (_first(record.values("PY") or record.values("DA") or record.values("Y1")) or "")[:4]
    base = re.sub(r"[^a-z0-9]", "", ascii_family.lower() + year) or f"record{number}"
    return taken.free(base, _lettered(base))


def _lettered(base: str) -> Callable[[int], str]:
    """Variants of a generated id, as author-year keys go: `smith2020a` ... `smith2020z`,
    then `smith2020-27`."""
    return lambda suffix: (
        f"{base}{chr(ord('a') + suffix - 1)}" if suffix <= 26 else f"{base}-{suffix}"
    )
