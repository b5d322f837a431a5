"""Bytes -> text: UTF-8 (with or without BOM), UTF-16 (by its BOM or its NUL bytes), else cp1252."""

from __future__ import annotations

import codecs

from citeconv import lazy_regex
from citeconv.diagnostics import Code, Diagnostic, Result, Severity, SourceSpan

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def decode_input(data: bytes, source: str) -> Result[str]:
    decoded = _decoded(data, source)
    text, removed = remove_controls(decoded.value, source)
    return Result(text, decoded.diagnostics + removed)


def _decoded(data: bytes, source: str) -> Result[str]:
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


# C0 controls but tab, line feed, vertical tab, form feed and carriage return (blanks that
# every reader already takes as such), and DEL. No bibliography means them; printed, a NUL
# makes HTML invalid and an ESC drives the terminal of whoever reads the output (issue 15).
CONTROLS = lazy_regex.compile(r"[\x00-\x08\x0e-\x1f\x7f]+")


def remove_controls(text: str, source: str) -> tuple[str, tuple[Diagnostic, ...]]:
    """The text without control characters, and one warning at the line of the first."""
    first = CONTROLS.search(text)
    if first is None:
        return text, ()
    if text.count("\0") > max(8, len(text) // 1000):  # binary data (`/bin/ls`): left whole
        return text, ()
    line = text.count("\n", 0, first.start()) + 1
    runs = CONTROLS.findall(text)
    count = sum(map(len, runs))
    kinds = sorted({character for run in runs for character in run})
    shown = ", ".join(f"U+{ord(kind):04X}" for kind in kinds[:5]) + (", ..." if kinds[5:] else "")
    message = f"{count:,} control character{'s' * (count > 1)} ({shown}) removed, the first here"
    warning = Diagnostic(Severity.WARNING, Code.ENCODING, message, SourceSpan(source, line))
    return CONTROLS.sub("", text), (warning,)


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
