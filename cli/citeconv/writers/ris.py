"""The hub -> RIS, driven by the table in styles/ris.toml (`TY` first, `ER  - ` last).

Every value is one line (markup removed, whitespace collapsed, never wrapped), there is no
byte-order mark, and line ends are `options.newline` (`\\n` unless `--newline crlf`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from typing import Any

from citeconv import lazy_regex
from citeconv.csl import Bibliography, CslItem
from citeconv.diagnostics import Code, Diagnostic, Result, Severity, SourceSpan
from citeconv.formats import WriteOptions
from citeconv.project_data import load_table
from citeconv.rendering.markup import rich_text_to_plain

_RANGE = lazy_regex.compile(
    r"^\s*([A-Za-z]*)(\d+)\s*[-\u2010-\u2015\u2212]+\s*([A-Za-z]*)(\d+)\s*$"
)
_IDENTIFIER = lazy_regex.compile(r"[0-9][0-9Xx-]{6,}[0-9Xx]")
_OTHERS = {"others", "et al.", "et al"}
# Identifiers and addresses: written exactly, nothing in them read as markup.
_VERBATIM = frozenset({"URL", "DOI", "ISSN", "ISBN", "PMID", "PMCID"})
_DOI_PREFIX = lazy_regex.compile(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", re.IGNORECASE)

Row = dict[str, Any]


@cache
def ris_table() -> dict[str, Any]:
    return load_table("ris.toml")


@cache
def rows_for_type(csl_type: str) -> tuple[Row, ...]:
    """The rows that apply to one CSL type; of the `names` rows, the first per variable."""
    rows: list[Row] = []
    named: set[str] = set()
    for row in ris_table()["tags"]:
        if csl_type in row.get("not_types", ()) or csl_type not in row.get("types", [csl_type]):
            continue
        if row["kind"] == "names":
            if row["variable"] in named:
                continue
            named.add(row["variable"])
        rows.append(row)
    return tuple(rows)


def write_ris(bibliography: Bibliography, options: WriteOptions) -> Result[str]:
    records: list[str] = []
    diagnostics: list[Diagnostic] = []
    for item in bibliography.items:
        record, loss = ris_record(item, options.newline, bibliography.span_of(item["id"]))
        records.append(record)
        if loss is not None:
            diagnostics.append(loss)
    return Result(options.newline.join(records), tuple(diagnostics))


def ris_record(
    item: CslItem, newline: str, span: SourceSpan | None
) -> tuple[str, Diagnostic | None]:
    """One record, each line ended by `newline`, and what RIS cannot carry of the item."""
    lines = [("TY", ris_type(item["type"])), *record_lines(item), ("ER", "")]
    record = "".join(f"{tag}  - {value}{newline}" for tag, value in lines)
    losses = lost_variables(item)
    if not losses:
        return record, None
    return record, Diagnostic(Severity.INFO, Code.LOSSY_OUTPUT, "; ".join(losses), span)


def ris_type(csl_type: str) -> str:
    return str(ris_table()["types"].get(csl_type, "GEN"))


def record_lines(item: CslItem) -> Iterator[tuple[str, str]]:
    """Every tag line of one record between `TY` and `ER`, in table order."""
    values: dict[str, Any] = dict(item)
    for row in rows_for_type(item["type"]):
        if values.get(row["variable"]) in (None, "", []):
            continue
        for tag, value in _convert(row, values[row["variable"]]):
            if value:
                yield tag, value


def _convert(row: Row, value: Any) -> Iterator[tuple[str, str]]:
    kind, tag = row["kind"], row["tag"]
    if row["variable"] in _VERBATIM and kind in ("text", "doi"):
        line = " ".join(str(value).split())  # an address is never rich text: kept exactly
        yield tag, _DOI_PREFIX.sub("", line) if kind == "doi" else line
        return
    if kind == "pages":
        yield from split_pages(str(value))
    elif kind == "names":
        names = value if isinstance(value, list) else []
        yield from ((tag, format_name(n)) for n in names if isinstance(n, dict) and not _etal(n))
    elif kind == "date-year":
        yield tag, format_year(value)
    elif kind == "date-full":
        yield tag, format_date(value, year_alone=row.get("year_alone", False))
    elif kind == "list":
        yield from ((tag, text) for text in split_list(value))
    elif kind == "identifiers":
        yield from ((tag, text) for text in split_identifiers(str(value)))
    elif kind == "doi":
        yield tag, bare_doi(str(value))
    else:
        yield tag, one_line(str(value))


def one_line(value: str) -> str:
    """RIS values are single lines; markup is the hub's business, not an importer's."""
    if "<" not in value and "&" not in value:  # no tag, no entity: nothing to take out
        return " ".join(value.split())
    return " ".join(rich_text_to_plain(value).split())


def bare_doi(value: str) -> str:
    """`https://doi.org/10.1/x` and `doi:10.1/x` -> `10.1/x` (what DO holds)."""
    return _DOI_PREFIX.sub("", one_line(value))


def format_name(name: dict[str, Any]) -> str:
    """`van der Maaten, Laurens`; `Brooks, Frederick P., Jr.`; corporate names whole.

    A dropping particle follows the given name (`Beethoven, Ludwig van`), the place where
    citeproc-js and the RIS reader look for it."""
    if "literal" in name:
        return one_line(str(name["literal"]))
    family = " ".join(str(p) for p in (name.get("non-dropping-particle"), name.get("family")) if p)
    given = " ".join(str(p) for p in (name.get("given"), name.get("dropping-particle")) if p)
    suffix = str(name.get("suffix") or "")
    if not family and not suffix:
        return one_line(given)
    parts = [family, given, suffix] if suffix else [family, given] if given else [family]
    return one_line(", ".join(parts))


def _etal(name: dict[str, Any]) -> bool:
    """The hub's spelling of BibTeX's `and others`: not a person, so not an author line."""
    return str(name.get("literal", "")).strip().lower() in _OTHERS


def _date_parts(date: Any) -> list[int]:
    if not isinstance(date, dict):
        return []
    ranges = date.get("date-parts") or [[]]
    try:
        return [int(part) for part in ranges[0]][:3]
    except (TypeError, ValueError, IndexError):
        return []


def format_year(date: Any) -> str:
    """PY: four digits; years RIS cannot hold (before 1 or after 9999) are left out."""
    parts = _date_parts(date)
    return f"{parts[0]:04d}" if parts and 0 < parts[0] <= 9999 else ""


def format_date(date: Any, *, year_alone: bool = False) -> str:
    """`YYYY/MM/DD/`, `YYYY/MM//` for a month; `YYYY///` for a year only if `year_alone`.

    DA leaves a year alone out: PY already carries it, and some importers prefer DA to PY."""
    parts = _date_parts(date)
    if not format_year(date):
        return ""
    if len(parts) < 2 or not 1 <= parts[1] <= 12:
        return f"{parts[0]:04d}///" if year_alone else ""
    day = f"{parts[2]:02d}" if len(parts) > 2 and 1 <= parts[2] <= 31 else ""
    return f"{parts[0]:04d}/{parts[1]:02d}/{day}/"


def split_pages(page: str) -> Iterator[tuple[str, str]]:
    """`355-361` -> SP 355, EP 361; `355-61` -> EP 361; anything else stays whole in SP."""
    match = _RANGE.match(page)
    if match is None or match.group(1) != match.group(3):
        yield "SP", one_line(page)
        return
    prefix, first, _, last = match.groups()
    if len(last) < len(first):
        last = first[: len(first) - len(last)] + last
    if int(last) < int(first):
        yield "SP", one_line(page)
        return
    yield "SP", f"{prefix}{first}"
    yield "EP", f"{prefix}{last}"


def split_list(value: Any) -> Iterator[str]:
    """Keywords: one per line; split on `;` if the value has one, else on `,`."""
    if isinstance(value, list):
        yield from (one_line(str(v)) for v in value if str(v).strip())
        return
    text = str(value)
    separator = ";" if ";" in text else ","
    yield from (one_line(part) for part in text.split(separator) if part.strip())


def split_identifiers(value: str) -> Iterator[str]:
    """`1091-6490 (Electronic) 0027-8424 (Linking)` -> one line per ISSN, qualifier kept."""
    for part in re.split(r"[;,]", value):
        group: list[str] = []
        for token in part.split():
            if _IDENTIFIER.fullmatch(token) and any(_IDENTIFIER.fullmatch(t) for t in group):
                yield one_line(" ".join(group))
                group = []
            group.append(token)
        if group:
            yield one_line(" ".join(group))


def lost_variables(item: CslItem) -> list[str]:
    """What the record cannot carry, as short notes for one `lossy-output` diagnostic."""
    mapped = _mapped_variables(item["type"])
    values: dict[str, Any] = dict(item)
    notes: list[str] = []
    dropped = sorted(v for v in item if v not in mapped)
    if dropped:
        notes.append(f"RIS has no tag for {', '.join(dropped)} (TY {ris_type(item['type'])})")
    for variable in _name_variables(item["type"]):  # only names rows can lose a name
        value = values.get(variable)
        if not isinstance(value, list):
            continue
        if any(isinstance(n, dict) and _etal(n) for n in value):
            notes.append(f"'and others' in {variable} is not a name; not written")
        notes.extend(
            f"the comma in '{n['literal']}' will read as 'Family, Given' in RIS importers"
            for n in value
            if isinstance(n, dict) and "," in str(n.get("literal", ""))
        )
    for variable in ("issued", "accessed"):
        if variable in mapped:
            notes.extend(_date_losses(variable, values.get(variable)))
    return notes


@cache
def _name_variables(csl_type: str) -> tuple[str, ...]:
    return tuple(row["variable"] for row in rows_for_type(csl_type) if row["kind"] == "names")


@cache
def _mapped_variables(csl_type: str) -> frozenset[str]:
    return frozenset({row["variable"] for row in rows_for_type(csl_type)} | {"type"})


def _date_losses(variable: str, date: Any) -> list[str]:
    if not isinstance(date, dict):
        return []
    if not format_year(date):
        shown = date.get("literal") or date.get("raw") or date.get("date-parts")
        return [f"{variable} {shown!r} has no RIS form; not written"]
    ranges = date.get("date-parts") or []
    lost = [name for name in ("season", "circa") if date.get(name)]
    if len(ranges) > 1:
        lost.append("range end")
    return [f"{variable} {' and '.join(lost)} not written"] if lost else []
