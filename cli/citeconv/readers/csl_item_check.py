"""One CSL-JSON item checked against the CSL-JSON schema's types (csl-data.json).

What can be repaired without guessing is repaired, with a warning: a `null` field is dropped,
a number where text belongs becomes that text, `"2020"` in `date-parts` becomes 2020, a single
name object or a name written as a string becomes a list of names, a lone surrogate becomes
U+FFFD. Anything else (a title that is a list, `NaN`, a date nested too deep) makes the item
unusable: `ItemRejected` says why, and the reader skips that item alone with an error. Every
value that passes is plain text, a finite number or the schema's shape, so no writer prints a
Python repr or `NaN` (issue 15).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from citeconv import lazy_regex
from citeconv.csl import CSL_VARIABLES
from citeconv.normalize.dates import days_in, month_of, parse_iso_date
from citeconv.readers.encoding import CONTROLS

# The schema's property types (tests/test_csl_json_input.py checks them against the schema).
STRING_OR_NUMBER = frozenset(
    """chapter-number citation-number collection-number edition first-reference-note-number
    issue locator number number-of-pages number-of-volumes page page-first part printing
    supplement volume""".split()
)
NAME_VARIABLES = frozenset(
    """author chair collection-editor compiler composer container-author contributor curator
    director editor editorial-director executive-producer guest host illustrator interviewer
    narrator organizer original-author performer producer recipient reviewed-author
    script-writer series-creator translator""".split()
)
DATE_VARIABLES = frozenset(
    "accessed available-date event-date issued original-date submitted".split()
)
_NAME_TEXT = ("family", "given", "dropping-particle", "non-dropping-particle", "suffix", "literal")
_SURROGATE = lazy_regex.compile("[\ud800-\udfff]")
_NAME_FLAGS = ("comma-suffix", "static-ordering", "parse-names")


class ItemRejected(ValueError):
    """The item cannot be read without guessing; the message says which field and why."""


@dataclass
class Checked:
    item: dict[str, Any]
    repairs: list[str] = field(default_factory=list)  # one warning message each


def check_item(raw: dict[str, Any]) -> Checked:
    checked = Checked({})
    for key, value in raw.items():
        name = clean_text(str(key), checked.repairs)
        if value is None:
            checked.repairs.append(f"field '{name}' is null; dropped")
            continue
        fixed = _checked_value(name, value, checked.repairs)
        if fixed is not None:
            checked.item[name] = fixed
    return checked


def _checked_value(name: str, value: Any, repairs: list[str]) -> Any:
    if name == "id":
        return _scalar_text(name, value, repairs, quiet_numbers=True)
    if name in NAME_VARIABLES:
        return _names(name, value, repairs)
    if name in DATE_VARIABLES:
        return _date(name, value, repairs)
    if name in STRING_OR_NUMBER:
        return _number_or_text(name, value, repairs)
    if name == "categories":
        values = value if isinstance(value, list) else [value]
        return [_scalar_text(name, one, repairs) for one in values]
    if name == "custom":
        if isinstance(value, dict):
            return _plain_json(name, value, repairs)
        repairs.append("field 'custom' is not an object; dropped")
        return None
    if name not in CSL_VARIABLES and not isinstance(value, str) and not _is_number(value):
        # Another program's own data (citeproc-js's `multi`, Zotero's `system_id`): no style
        # prints it, so it is no reason to lose the work.
        repairs.append(f"field '{name}' is not a CSL variable and not text; dropped")
        return None
    return _scalar_text(name, value, repairs)


def _scalar_text(name: str, value: Any, repairs: list[str], quiet_numbers: bool = False) -> str:
    if isinstance(value, str):
        return clean_text(value, repairs)
    if _is_number(value):
        if not quiet_numbers:
            repairs.append(f"field '{name}' is a number; read as text")
        return _number_text(value)
    raise ItemRejected(f"field '{name}' must be text, not {_json_kind(value)}")


def _number_or_text(name: str, value: Any, repairs: list[str]) -> str | int | float:
    if _is_number(value):
        return int(value) if isinstance(value, float) and value.is_integer() else value
    return _scalar_text(name, value, repairs)


def _names(name: str, value: Any, repairs: list[str]) -> list[dict[str, Any]] | None:
    if isinstance(value, str) and not _has_text(value):
        repairs.append(f"field '{name}' is empty text, not a list of names; dropped")
        return None
    if isinstance(value, str):
        repairs.append(f"field '{name}' is text, not a list of names; read as one literal name")
        names = [{"literal": clean_text(value, repairs)}]
    else:
        if isinstance(value, dict):
            repairs.append(f"field '{name}' is not a list of names; read as one name")
            value = [value]
        if not isinstance(value, list):
            raise ItemRejected(f"field '{name}' must be a list of names, not {_json_kind(value)}")
        names = [_name(name, one, repairs) for one in value]
    # A name of blanks only prints as nothing at best, as `None` through citeproc-py at worst.
    kept = [person for person in names if any(_has_text(person.get(part)) for part in _NAME_TEXT)]
    if len(kept) < len(names):
        repairs.append(f"an empty name in '{name}' dropped")
    if not kept:
        repairs.append(f"field '{name}' holds no names; dropped")
        return None
    return kept


def _has_text(part: Any) -> bool:
    return isinstance(part, str) and part.strip() != ""


def _name(name: str, value: Any, repairs: list[str]) -> dict[str, Any]:
    if isinstance(value, str):
        repairs.append(f"a name in '{name}' is text, not an object; read as a literal name")
        return {"literal": clean_text(value, repairs)}
    if not isinstance(value, dict):
        raise ItemRejected(f"a name in '{name}' must be an object, not {_json_kind(value)}")
    person: dict[str, Any] = {}
    for part, text in value.items():
        if text is None:
            continue
        if part in _NAME_TEXT:
            part_text = _scalar_text(f"{name}.{part}", text, repairs)
            if _has_text(part_text):  # a blank family would print as ` , B.`
                person[part] = part_text
        elif part in _NAME_FLAGS and (isinstance(text, bool | str) or _is_number(text)):
            person[part] = text
        else:
            repairs.append(f"name part '{part}' in '{name}' is not a CSL name part; dropped")
    return person


def _date(name: str, value: Any, repairs: list[str]) -> dict[str, Any] | None:
    if isinstance(value, str | int) and not isinstance(value, bool):
        repairs.append(f"field '{name}' is not a date object; read from its text")
        return parse_iso_date(str(value)).date  # type: ignore[return-value]
    if not isinstance(value, dict):
        raise ItemRejected(f"field '{name}' must be a date object, not {_json_kind(value)}")
    date: dict[str, Any] = {}
    for part, content in value.items():
        if content is None:
            continue
        if part == "date-parts":
            parts = _date_parts(name, content, repairs)
            if parts:
                date[part] = parts
        elif part in ("literal", "raw"):
            date[part] = _scalar_text(f"{name}.{part}", content, repairs)
        elif part == "season" and (isinstance(content, str) or _is_number(content)):
            season = _season(name, content, repairs)
            if season is not None:
                date[part] = season
        elif part == "circa" and (isinstance(content, bool | str) or _is_number(content)):
            date[part] = content
        else:
            repairs.append(f"date part '{part}' in '{name}' is not a CSL date part; dropped")
    if not date:
        repairs.append(f"field '{name}' holds no date; dropped")
        return None
    return date


_SEASON_NAMES = {"spring": 1, "summer": 2, "autumn": 3, "fall": 3, "winter": 4}


def _season(name: str, value: Any, repairs: list[str]) -> int | None:
    """A season 1-4, by number or by its English name (the style prints its own term for it,
    in the style's language); anything else is said and dropped, never silently lost."""
    text = str(value).strip().lower() if isinstance(value, str) else None
    if text is not None and text in _SEASON_NAMES:
        return _SEASON_NAMES[text]
    if text is not None and text.isdecimal() and len(text) < 3:
        value = int(text)
    if _is_number(value) and float(value) in (1, 2, 3, 4):
        return int(value)
    shown = f"'{value:.40}'" if isinstance(value, str) else f"{value:g}"
    repairs.append(f"season {shown} in '{name}' is no season (1-4 or its name); dropped")
    return None


def _date_parts(name: str, value: Any, repairs: list[str]) -> list[list[int]]:
    if not isinstance(value, list) or len(value) > 2:
        raise ItemRejected(f"'date-parts' of '{name}' must be a list of one or two dates")
    dates = [_one_date(name, parts, repairs) for parts in value]
    return [parts for parts in dates if parts]


def _one_date(name: str, parts: Any, repairs: list[str]) -> list[int]:
    if not isinstance(parts, list) or len(parts) > 3:
        raise ItemRejected(f"a date in '{name}' must be a list of year, month and day")
    numbers: list[int] = []
    for part in parts:
        # isdecimal, not isdigit: `int` reads every decimal digit (`٢٠٢٠`) but no superscript
        # (`²`, which isdigit accepts), and a crash would lose the whole file (issue 15).
        if isinstance(part, str) and part.strip().lstrip("-").isdecimal() and len(part) < 12:
            repairs.append(f"date part '{part}' in '{name}' is text; read as a number")
            part = int(part)
        if not _is_number(part) or float(part) != int(part):
            shown = f"'{part:.40}'" if isinstance(part, str) else _json_kind(part)
            shown = f"{part:g}" if isinstance(part, float) else shown  # no Python repr (issue 15)
            raise ItemRejected(f"a date part in '{name}' must be a whole number, not {shown}")
        numbers.append(int(part))
    return _possible(name, numbers, repairs)


def _possible(name: str, numbers: list[int], repairs: list[str]) -> list[int]:
    """Year, month and day that can be, as a BibTeX date is checked (normalize/dates.py): a
    month beyond 1-24 (13-24 are seasons) and a day its month lacks are dropped, and said."""
    if len(numbers) < 2:
        return numbers
    year, month = numbers[0], numbers[1]
    if not 1 <= month <= 24:
        repairs.append(f"month {month} in '{name}' is no month or season; dropped")
        return numbers[:1]
    if len(numbers) == 3 and month <= 12 and not 1 <= numbers[2] <= days_in(year, month):
        repairs.append(
            f"day {numbers[2]} in '{name}' is no day of {month_of(year, month)}; dropped"
        )
        return numbers[:2]
    return numbers


def _plain_json(name: str, value: Any, repairs: list[str], depth: int = 0) -> Any:
    """An object kept as it is (`custom`), with its text cleaned and no NaN or Infinity."""
    if depth > 32:
        raise ItemRejected(f"field '{name}' is nested too deeply")
    if isinstance(value, str):
        return clean_text(value, repairs)
    if isinstance(value, float) and not math.isfinite(value):
        raise ItemRejected(f"field '{name}' holds {value}, which is not a number JSON allows")
    if isinstance(value, list):
        return [_plain_json(name, one, repairs, depth + 1) for one in value]
    if isinstance(value, dict):
        return {str(k): _plain_json(name, v, repairs, depth + 1) for k, v in value.items()}
    return value


def clean_text(text: str, repairs: list[str]) -> str:
    """Lone surrogates (`"\\ud800"` in JSON) cannot be written as UTF-8: U+FFFD instead.
    Control characters (`"\\u0000"`, `"\\u001b"`) are removed, as from any input's text."""
    if CONTROLS.search(text):
        repairs.append("control characters removed from a text")
        text = CONTROLS.sub("", text)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        repairs.append("text with a lone surrogate (invalid Unicode); replaced by U+FFFD")
        return _SURROGATE.sub("\ufffd", text)
    return text


def _is_number(value: Any) -> bool:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return False
    if isinstance(value, float) and not math.isfinite(value):
        raise ItemRejected(
            "a number is NaN, Infinity or too large for a double (over 1.8e308), which JSON "
            "data cannot carry"
        )
    return True


def _number_text(value: int | float) -> str:
    return str(int(value)) if isinstance(value, float) and value.is_integer() else str(value)


def _json_kind(value: Any) -> str:
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return "a number" if isinstance(value, int | float) else "text"
