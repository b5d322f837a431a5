"""The hub -> RIS, driven by the table in styles/ris.toml (`TY` first, `ER  - ` last)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from typing import Any

from citeconv.csl import Bibliography, CslItem
from citeconv.diagnostics import Code, Diagnostic, Result, Severity
from citeconv.formats import WriteOptions
from citeconv.project_data import load_table
from citeconv.render.markup import html_to_text

_RANGE = re.compile(r"^\s*([A-Za-z]*)(\d+)\s*[-\u2013\u2014]+\s*([A-Za-z]*)(\d+)\s*$")


@cache
def ris_table() -> dict[str, Any]:
    return load_table("ris.toml")


def write_ris(bibliography: Bibliography, options: WriteOptions) -> Result[str]:
    table = ris_table()
    records: list[str] = []
    diagnostics: list[Diagnostic] = []
    for item in bibliography.items:
        lines = [("TY", table["types"].get(item["type"], "GEN"))]
        lines.extend(_tag_lines(item, table["tags"]))
        lines.append(("ER", ""))
        records.append("".join(f"{tag}  - {value}{options.newline}" for tag, value in lines))
        diagnostics.extend(_lossy(item, bibliography, table["tags"]))
    return Result(options.newline.join(records), tuple(diagnostics))


def _tag_lines(item: CslItem, rows: list[dict[str, Any]]) -> Iterator[tuple[str, str]]:
    values: dict[str, Any] = dict(item)
    written_names: set[str] = set()
    for row in rows:
        variable = row["variable"]
        if variable not in values or ("types" in row and item["type"] not in row["types"]):
            continue
        if row["kind"] == "names":
            if variable in written_names:
                continue
            written_names.add(variable)
        for tag, value in _convert(row["kind"], row["tag"], values[variable]):
            if value:
                yield tag, value


def _convert(kind: str, tag: str, value: Any) -> Iterator[tuple[str, str]]:
    if kind == "pages":
        yield from split_pages(str(value))
    else:
        yield from ((tag, text) for text in _texts(kind, value))


def _texts(kind: str, value: Any) -> Iterator[str]:
    if kind == "names":
        yield from (format_name(name) for name in value)
    elif kind == "date-year":
        parts = value.get("date-parts") or [[]]
        yield str(parts[0][0]) if parts[0] else ""
    elif kind == "date-full":
        yield format_date(value)
    elif kind == "split":
        yield from split_list(str(value))
    else:
        yield one_line(str(value))


def one_line(value: str) -> str:
    """RIS values are single lines; markup is the hub's business, not an importer's."""
    return " ".join(html_to_text(value).split())


def format_name(name: dict[str, str]) -> str:
    """`van der Maaten, Laurens`; `Brooks, Frederick P., Jr.`; corporate names whole."""
    if "literal" in name:
        return one_line(name["literal"])
    family = " ".join(p for p in (name.get("non-dropping-particle"), name.get("family")) if p)
    given = " ".join(p for p in (name.get("given"), name.get("dropping-particle")) if p)
    parts = [family, given, name.get("suffix", "")]
    return one_line(", ".join(p for p in parts if p))


def format_date(date: dict[str, Any]) -> str:
    """`YYYY/MM/DD/`; only dates with at least a month (PY carries the year)."""
    parts = (date.get("date-parts") or [[]])[0]
    if len(parts) < 2:
        return ""
    year, month, day = ([*list(parts), ""])[:3]
    return f"{int(year):04d}/{int(month):02d}/{f'{int(day):02d}' if day else ''}/"


def split_pages(page: str) -> Iterator[tuple[str, str]]:
    """`355-361` -> SP 355, EP 361; `355-61` -> EP 361; anything else stays whole in SP."""
    match = _RANGE.match(page)
    if match is None or match.group(1) != match.group(3):
        yield "SP", one_line(page)
        return
    prefix, first, _, last = match.groups()
    if len(last) < len(first):
        last = first[: len(first) - len(last)] + last
    yield "SP", f"{prefix}{first}"
    yield "EP", f"{prefix}{last}"


def split_list(value: str) -> Iterator[str]:
    separator = ";" if ";" in value else ","
    yield from (one_line(part) for part in value.split(separator) if part.strip())


def _lossy(
    item: CslItem, bibliography: Bibliography, rows: list[dict[str, Any]]
) -> list[Diagnostic]:
    mapped = {row["variable"] for row in rows} | {"type"}
    dropped = sorted(set(item) - mapped)
    if not dropped:
        return []
    message = f"RIS has no tag for {', '.join(dropped)}; not written"
    return [Diagnostic(Severity.INFO, Code.LOSSY_OUTPUT, message, bibliography.span_of(item["id"]))]
