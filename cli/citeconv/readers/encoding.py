"""Bytes -> text: UTF-8 (with or without BOM), UTF-16 or UTF-32 (by the BOM or the NUL bytes),
else UTF-8 with the bytes it cannot read as cp1252."""

from __future__ import annotations

import codecs
from bisect import bisect_right

from citeconv import lazy_regex
from citeconv.diagnostics import Code, Diagnostic, Result, Severity, SourceSpan

_UTF16_BOM_AFTER_LINE_BREAK = lazy_regex.compile(
    b"\n(?:" + codecs.BOM_UTF16_LE + b"|" + codecs.BOM_UTF16_BE + b")(?!\x00\x00)"
)
_WIDE_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)  # UTF-32's start with these too
_BOMS = (  # UTF-32's before UTF-16's: FF FE 00 00 starts with UTF-16 LE's FF FE
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def decode_input(data: bytes, source: str) -> Result[str]:
    decoded = _decoded(data, source)
    text = decoded.value
    if "\ufeff" in text:  # files joined with `cat`: each one's byte-order mark is no text
        text = text.replace("\n\ufeff", "\n")
    text, removed = remove_controls(text, source)
    return Result(text, decoded.diagnostics + removed)


def _decoded(data: bytes, source: str) -> Result[str]:
    """The whole input, or each part of it that starts with a UTF-16 byte-order mark on a
    line of its own (`cat refs.bib refs-utf16.bib`), decoded by itself."""
    wide_whole = data.startswith(_WIDE_BOMS) or _utf16_by_nul_pattern(data) is not None
    starts = (
        [] if wide_whole else [m.start() + 1 for m in _UTF16_BOM_AFTER_LINE_BREAK.finditer(data)]
    )
    if not starts:
        return _decoded_part(data, source, 1)
    texts, diagnostics = [], []
    line = 1
    for start, end, wide in _parts(data, starts):
        part = _decoded_part(data[start:end], source, line)
        if wide:
            message = "a UTF-16 part (byte-order mark) starts here; read as UTF-16"
            diagnostics.append(
                Diagnostic(Severity.WARNING, Code.ENCODING, message, SourceSpan(source, line))
            )
        texts.append(part.value)
        diagnostics.extend(part.diagnostics)
        line += part.value.count("\n")
    return Result("".join(texts), tuple(diagnostics))


def _parts(data: bytes, bom_starts: list[int]) -> list[tuple[int, int, bool]]:
    """(start, end, UTF-16) of each part: the text before the first byte-order mark, each
    UTF-16 part, and the 8-bit text that follows one (`cat a.bib b16.bib c.bib`)."""
    parts: list[tuple[int, int, bool]] = []
    position = 0
    for start in [*bom_starts, len(data)]:
        if start < position:
            continue
        if start > position:
            parts.append((position, start, False))
        if start < len(data):
            end = _utf16_part_end(data, start, bom_starts)
            parts.append((start, end, True))
            position = end
    return parts


def _utf16_part_end(data: bytes, start: int, bom_starts: list[int]) -> int:
    """Where a UTF-16 part ends: before the next byte-order mark, or at the first line that
    is no longer UTF-16 (a UTF-16 line of Latin script holds NULs) but UTF-8 without NULs."""
    following = bisect_right(bom_starts, start)  # by bisection: one part per mark (linear)
    limit = bom_starts[following] if following < len(bom_starts) else len(data)
    position = data.find(b"\n", start, limit)
    while position >= 0:
        next_line = data.find(b"\n", position + 1, limit)
        after = position + 2 if data[position + 1 : position + 2] == b"\x00" else position + 1
        line = data[after : limit if next_line < 0 else next_line]  # LE: after the break's NUL
        if line and b"\x00" not in line and _is_utf8(line):
            return after
        position = next_line
    return limit


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _decoded_part(data: bytes, source: str, first_line: int) -> Result[str]:
    """`data`, whose first line is line `first_line` of the input, decoded."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return Result(data.decode(encoding, errors="replace").replace("\r\n", "\n"))
    wide = _utf32_by_nul_pattern(data) or _utf16_by_nul_pattern(data)
    if wide is not None:
        text = data.decode(wide, errors="replace").replace("\r\n", "\n")
        message = f"no byte-order mark, but the NUL bytes say {wide.upper()}; read as such"
        return Result(
            text,
            (Diagnostic(Severity.WARNING, Code.ENCODING, message, SourceSpan(source, first_line)),),
        )
    try:
        return Result(data.decode("utf-8").replace("\r\n", "\n"))
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + first_line
    text = _utf8_or_cp1252(data).replace("\r\n", "\n")
    message = (
        "not valid UTF-8, the first such line here; lines that are not UTF-8 read as "
        "Windows-1252 (Latin-1); check accented letters"
    )
    return Result(
        text, (Diagnostic(Severity.WARNING, Code.ENCODING, message, SourceSpan(source, line)),)
    )


# C0 controls but tab, line feed, vertical tab, form feed and carriage return (blanks that
# every reader already takes as such), and DEL. No bibliography means them; printed, a NUL
# makes HTML invalid and an ESC drives the terminal of whoever reads the output (issue 15).
CONTROLS = lazy_regex.compile(r"[\x00-\x08\x0e-\x1f\x7f]+")
# The same characters one by one: testing each with `in` is ten times faster on a large text
# than the pattern's search, which crawls through text beyond Latin-1 (issue 16: speed).
_CONTROL_CHARACTERS = "".join(map(chr, [*range(0x00, 0x09), *range(0x0E, 0x20), 0x7F]))
# C1 controls too (U+0080-U+009F: U+009B starts a terminal escape as ESC [ does), in text only:
# as bytes the same range is every UTF-8 continuation byte, so `CONTROLS` (which the streamed
# reader matches against bytes) keeps to C0 and DEL.
_C1_CHARACTERS = "".join(map(chr, range(0x80, 0xA0)))
_TEXT_CONTROLS = lazy_regex.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]+")


def remove_controls(text: str, source: str) -> tuple[str, tuple[Diagnostic, ...]]:
    """The text without control characters, and one warning at the line of the first."""
    c1 = not text.isascii() and any(character in text for character in _C1_CHARACTERS)
    if not c1 and not any(character in text for character in _CONTROL_CHARACTERS):
        return text, ()
    first = _TEXT_CONTROLS.search(text)
    if first is None:
        return text, ()
    if text.count("\0") > max(8, len(text) // 1000):  # binary data (`/bin/ls`): left whole
        line = text.count("\n", 0, text.index("\0")) + 1
        message = (
            "NUL bytes from here on (binary data, or UTF-16 text without a byte-order mark "
            "after other text): nothing in them is read"
        )
        return text, (
            Diagnostic(Severity.WARNING, Code.ENCODING, message, SourceSpan(source, line)),
        )
    line = text.count("\n", 0, first.start()) + 1
    runs = _TEXT_CONTROLS.findall(text)
    count = sum(map(len, runs))
    kinds = sorted({character for run in runs for character in run})
    shown = ", ".join(f"U+{ord(kind):04X}" for kind in kinds[:5]) + (", ..." if kinds[5:] else "")
    message = f"{count:,} control character{'s' * (count > 1)} ({shown}) removed, the first here"
    warning = Diagnostic(Severity.WARNING, Code.ENCODING, message, SourceSpan(source, line))
    return _TEXT_CONTROLS.sub("", text), (warning,)


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


def _utf8_or_cp1252(data: bytes) -> str:
    """Text that is not all UTF-8, line by line. Legacy exports (JabRef, old Windows tools)
    are cp1252 more often than Latin-1, and cp1252 is a superset for printable text (the five
    bytes it leaves undefined map to U+FFFD). A line that is UTF-8 stays UTF-8, so a UTF-8
    file with a pasted legacy line keeps its letters (`Göd`, not `GÃ¶d`); a line that is not
    is cp1252 whole, so a legacy line keeps the byte pairs that happen to be UTF-8 (`à` and a
    no-break space before `»`)."""
    lines = []
    for line in data.splitlines(keepends=True):
        try:
            lines.append(line.decode("utf-8"))
        except UnicodeDecodeError:
            lines.append(line.decode("cp1252", errors="replace"))
    return "".join(lines)


def looks_binary(head: bytes) -> bool:
    """The first bytes of an input hold NUL bytes no text encoding citeconv reads would have:
    `/dev/zero`, an image, a program. Asked of a device or pipe before it is read whole."""
    if head.startswith(tuple(bom for bom, _ in _BOMS)):
        return False
    if _utf32_by_nul_pattern(head) or _utf16_by_nul_pattern(head):
        return False
    return head.count(0) > max(8, len(head) // 1000)


def _utf32_by_nul_pattern(data: bytes) -> str | None:
    """UTF-32 without a byte-order mark."""
    sample = data[: 4096 - 4096 % 4]
    quads = len(sample) // 4
    if quads < 2:
        return None
    nuls = [sample[offset::4].count(0) for offset in range(4)]
    # The two high bytes of every character of the Basic Multilingual Plane are NUL; the low
    # byte seldom is (UTF-16 has a NUL in every other byte, never two in a row).
    if min(nuls[2:]) >= 0.9 * quads and nuls[0] <= 0.1 * quads:
        return "utf-32-le"
    if min(nuls[:2]) >= 0.9 * quads and nuls[3] <= 0.1 * quads:
        return "utf-32-be"
    return None
