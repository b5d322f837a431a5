"""Field-level syntax of one brace-balanced entry: repair what is unambiguous, cut what is not.

BibTeX reads `name = value # value, ...`. bibtexparser gives up on the whole entry at the first
deviation (a field written `author{...}`, a missing comma), so one typo costs a good entry. Here
each field is checked the way BibTeX reads it: a missing comma before `name =` is inserted, a
field that cannot be read is blanked (and reported), and the rest of the entry survives.
Edits never add or remove a line break, so the parser's line numbers stay those of the file.
"""

from __future__ import annotations

from dataclasses import dataclass

from citeconv import lazy_regex

_NAME = lazy_regex.compile(r"[^\s=,{}\"#()%]+")
_BARE_VALUE = lazy_regex.compile(r"[^\s=,{}\"#()%]+")
_SPACE = lazy_regex.compile(r"\s*")
_NAME_THEN_EQUALS = lazy_regex.compile(r"[^\s=,{}\"#()%]+\s*=")
# A field name after a line break, at field level in text that would otherwise be cut: a
# missing comma after text that is no value (`keywords = {x} junk` then `author = ...`).
_FIELD_AFTER_BLANK = lazy_regex.compile(r"\n[ \t]*+(([A-Za-z][\w:.-]*+)[ \t]*+=)")


# The fast path (issue 6: speed): patterns for exactly what the scan below reads without a
# repair, written so that they never backtrack. Braces nest at most 6 deep in them; a deeper
# value does not match and takes the scan, which reads it the same way.
def _braced(depth: int) -> str:
    """A `{...}` piece with groups nested up to `depth` deep."""
    inner = "[^{}]*" if depth == 0 else f"[^{{}}]*(?:{_braced(depth - 1)}[^{{}}]*)*"
    return r"\{" + inner + r"\}"


BRACED_PATTERN = _braced(6)
# `"` closes a quoted piece at brace depth 0 unless `\` precedes it (`"M\"uller"`).
_QUOTED = rf'"[^"{{}}]*(?:(?:(?<=\\)"|{BRACED_PATTERN})[^"{{}}]*)*(?<!\\)"'
_PIECE = rf'(?:{BRACED_PATTERN}|{_QUOTED}|[^\s=,{{}}"#()%]+)'
_FIELD = rf"[^\s=,{{}}\"#()%]+\s*=\s*{_PIECE}(?:\s*#\s*{_PIECE})*\s*"
_CLEAN_FIELDS = lazy_regex.compile(rf"(?>\s*(?:(?>{_FIELD}),\s*)*(?:(?>{_FIELD}))?)")


@dataclass(frozen=True)
class FieldProblem:
    offset: int  # index in the entry text where the problem is
    field: str | None
    message: str


class _Scan:
    """A cursor over one entry's body plus the edits to apply; short-lived, never shared."""

    def __init__(self, entry: str, start: int, end: int) -> None:
        self.entry = entry
        self.index = start
        self.end = end
        self.blanked: list[tuple[int, int]] = []
        self.commas: list[int] = []
        self.problems: list[FieldProblem] = []

    def skip_space(self) -> None:
        match = _SPACE.match(self.entry, self.index, self.end)
        self.index = match.end() if match else self.index

    def at(self, char: str) -> bool:
        return self.index < self.end and self.entry[self.index] == char

    def cut_to_next_comma(
        self, start: int, field: str | None, message: str, keep_comma: bool = False
    ) -> None:
        """Blank from `start` to the next comma at field level, and report once. The comma
        goes too when a whole field is cut, and stays when it ends a good value."""
        stop = _next_field_comma(self.entry, start, self.end)
        self.blanked.append((start, stop if keep_comma else min(stop + 1, self.end)))
        self.problems.append(FieldProblem(start, field, message))
        self.index = stop + 1


def check_fields(entry: str, body_start: int, body_end: int) -> tuple[str, list[FieldProblem]]:
    """The entry text with field-level damage repaired or blanked, and what was done.

    `body_start` is just after the opening delimiter, `body_end` at the closing one."""
    comma = entry.find(",", body_start, body_end)
    if comma >= 0 and _CLEAN_FIELDS.fullmatch(entry, comma + 1, body_end):
        return entry, []  # one regex proves that the scan would change nothing (issue 6)
    return scan_fields(entry, body_start, body_end)


def scan_fields(entry: str, body_start: int, body_end: int) -> tuple[str, list[FieldProblem]]:
    """`check_fields` without the fast path: field by field, as BibTeX reads them."""
    comma = entry.find(",", body_start, body_end)
    if comma < 0:
        return entry, []  # `@misc{key}`: no fields (RefTeX writes these)
    scan = _Scan(entry, comma + 1, body_end)
    while True:
        scan.skip_space()
        if scan.index >= scan.end:
            break
        _read_field(scan)
    return _apply(scan), scan.problems


def _read_field(scan: _Scan) -> None:
    """One `name = value # value` and the comma after it; on damage, cut or repair."""
    start = scan.index
    if scan.at(","):
        scan.blanked.append((start, start + 1))  # `,,`: BibTeX reads nothing between them
        scan.index += 1
        return
    name_match = _NAME.match(scan.entry, start, scan.end)
    if name_match is None:
        scan.cut_to_next_comma(start, None, "text where a field name belongs; skipped")
        return
    name = name_match.group(0).lower()
    scan.index = name_match.end()
    scan.skip_space()
    if not scan.at("="):
        scan.cut_to_next_comma(start, name, "expected '=' after the field name; field skipped")
        return
    scan.index += 1
    value_end = _read_value(scan)
    if value_end < 0:
        scan.cut_to_next_comma(start, name, "value cannot be read; field skipped")
        return
    _after_value(scan, name, value_end)


def _after_value(scan: _Scan, name: str, value_end: int) -> None:
    scan.skip_space()
    if scan.index >= scan.end:
        return
    if scan.at(","):
        scan.index += 1
        return
    if _NAME_THEN_EQUALS.match(scan.entry, scan.index, scan.end):
        scan.commas.append(value_end)
        scan.problems.append(
            FieldProblem(value_end, name, "missing ',' after the value; read as if present")
        )
        return
    stop = _next_field_comma(scan.entry, scan.index, scan.end)
    field = _FIELD_AFTER_BLANK.search(scan.entry, scan.index, stop)
    if field is not None:  # `{x} junk\n  author={A}`: the junk goes, the next field stays
        scan.blanked.append((scan.index, field.start(1)))
        scan.commas.append(value_end)
        message = f"unexpected text after the value; ignored, and '{field.group(2)}' read after it"
        scan.problems.append(FieldProblem(scan.index, name, message))
        scan.index = field.start(1)
        return
    message = "unexpected text after the value; ignored"
    scan.cut_to_next_comma(scan.index, name, message, keep_comma=True)


def _read_value(scan: _Scan) -> int:
    """`piece (# piece)*`; where the value ends, or -1 if there is no readable value."""
    while True:
        scan.skip_space()
        if not _read_piece(scan):
            return -1
        value_end = scan.index
        scan.skip_space()
        if not scan.at("#"):
            return value_end
        scan.index += 1


def _read_piece(scan: _Scan) -> bool:
    entry, index = scan.entry, scan.index
    if index >= scan.end:
        return False
    if entry[index] == "{":
        close = matching_brace(entry, index, scan.end)
    elif entry[index] == '"':
        close = _closing_quote(entry, index, scan.end)
    else:
        bare = _BARE_VALUE.match(entry, index, scan.end)
        close = bare.end() - 1 if bare else -1
    if close < 0:
        return False
    scan.index = close + 1
    return True


def _closing_quote(text: str, start: int, end: int) -> int:
    """A `"` at brace depth 0 ends the value; `{"}` inside is a literal quote, and `\\"` is
    read as an accent (`"M\\"uller"`), as the parser behind this scan reads it."""
    depth = 0
    for index in range(start + 1, end):
        char = text[index]
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
        elif char == '"' and depth == 0 and text[index - 1] != "\\":
            return index
    return -1


def _next_field_comma(text: str, start: int, end: int) -> int:
    depth = 0
    for index in range(start, end):
        char = text[index]
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
        elif char == "," and depth <= 0:
            return index
    return end


def _apply(scan: _Scan) -> str:
    if not scan.blanked and not scan.commas:
        return scan.entry
    chars = list(scan.entry)
    for start, stop in scan.blanked:
        for index in range(start, stop):
            if chars[index] not in "\r\n":
                chars[index] = " "
    for index in sorted(scan.commas, reverse=True):
        chars.insert(index, ",")
    return "".join(chars)


def matching_brace(text: str, start: int, end: int | None = None) -> int:
    """The index of the `}` closing the `{` at `start` (before `end`), or -1 if none does."""
    depth = 0
    for index in range(start, len(text) if end is None else end):
        if text[index] == "{":
            depth += 1
        elif text[index] == "}":
            depth -= 1
            if depth == 0:
                return index
    return -1
