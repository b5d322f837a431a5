"""Bytes -> text: UTF-8 (with or without BOM), UTF-16 with BOM, else cp1252 with a warning."""

from __future__ import annotations

import codecs

from citeconv.diagnostics import Code, Diagnostic, Result, Severity, SourceSpan

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def decode_input(data: bytes, source: str) -> Result[str]:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return Result(data.decode(encoding, errors="replace").replace("\r\n", "\n"))
    try:
        return Result(data.decode("utf-8").replace("\r\n", "\n"))
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
    # Legacy exports (JabRef, old Windows tools) are cp1252 more often than Latin-1; cp1252 is a
    # superset for printable text. Five bytes cp1252 leaves undefined map to U+FFFD.
    text = data.decode("cp1252", errors="replace").replace("\r\n", "\n")
    message = "not valid UTF-8; read as Windows-1252 (Latin-1); check accented letters"
    return Result(
        text, (Diagnostic(Severity.WARNING, Code.ENCODING, message, SourceSpan(source, line)),)
    )
