"""Bytes -> text: UTF-8 (with or without BOM), UTF-16 (by its BOM or its NUL bytes), else cp1252."""

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
    utf16 = _utf16_by_nul_pattern(data)
    if utf16 is not None:
        text = data.decode(utf16, errors="replace").replace("\r\n", "\n")
        message = f"no byte-order mark, but the NUL bytes say {utf16.upper()}; read as such"
        return Result(
            text, (Diagnostic(Severity.WARNING, Code.ENCODING, message, SourceSpan(source, 1)),)
        )
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


def _utf16_by_nul_pattern(data: bytes) -> str | None:
    """UTF-16 without a byte-order mark: text in Latin script has a NUL in every other byte
    (the high byte, first in big-endian), which UTF-8 and cp1252 text never has (issue 15)."""
    sample = data[:4096]
    pairs = len(sample) // 2
    if pairs < 2:
        return None
    even_nuls = sample[0 : 2 * pairs : 2].count(0)
    odd_nuls = sample[1 : 2 * pairs : 2].count(0)
    if odd_nuls >= 0.7 * pairs and even_nuls <= 0.1 * pairs:
        return "utf-16-le"
    if even_nuls >= 0.7 * pairs and odd_nuls <= 0.1 * pairs:
        return "utf-16-be"
    return None
