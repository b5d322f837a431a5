"""One record's CSL variables: which tag's value each takes, and a word for each value not used.

Several tags can set one variable (TI and T1; T2, JF and JO; PY, DA and Y1), and a tag that
takes one value (a date, pages, a DOI) may be given twice. The first value read in the table's
order is kept, except that a fuller date beats a year; names from every tag are merged. Any
other value that says what the kept one does not is reported, in the words the BibTeX reader
uses for a field whose variable another field set.
"""

from __future__ import annotations

from typing import Any

from citeconv import lazy_regex
from citeconv.diagnostics import Code, Diagnostic, Severity, SourceSpan
from citeconv.journals import abbreviates
from citeconv.readers.ris_lines import RisField

# A date whose other-information part names the event (one database writes a record's received
# and accepted dates as further PY lines): not the date of publication, so no conflict with it.
_DATE_KIND = lazy_regex.compile(r"^[\d/-]+/([A-Za-z][A-Za-z -]*)$")


class Variables:
    def __init__(self, preset: dict[str, Any]) -> None:
        self.values = dict(preset)
        self._set_by: dict[str, RisField] = {}  # variable -> the line its value came from
        self._unused: list[tuple[str, Any, RisField]] = []

    def offer(self, variable: str, value: Any, item_field: RisField) -> None:
        """A tag's value for the variable: kept, merged (names), or set aside as not used."""
        old = self.values.get(variable)
        if value in (None, "", []):
            return
        if isinstance(old, list) and isinstance(value, list):
            # Names come from every tag that maps to the variable (`AU` and `A1`), in order.
            self.values[variable] = old + [name for name in value if name not in old]
        elif _better(old, value):
            if old is not None:
                self._unused.append((variable, old, self._set_by[variable]))
            self.values[variable] = value
            self._set_by[variable] = item_field
        else:
            if old == value:  # the same value as the preset one (the record's own ID)
                self._set_by.setdefault(variable, item_field)
            self._unused.append((variable, value, item_field))

    def set_aside(self, variable: str, value: Any, item_field: RisField) -> None:
        """A second line of a tag that takes one value: never used, and said if it differs."""
        if value not in (None, "", []):
            self._unused.append((variable, value, item_field))

    def keep_journal_abbreviation(self) -> None:
        """A journal name not used that abbreviates the one kept (`JO  - J Ex` beside `JF  -
        Journal of Examples`, as publishers export both) is the journal's abbreviation."""
        title = self.values.get("container-title")
        if not isinstance(title, str) or self.values.get("container-title-short"):
            return
        for index, (variable, value, _) in enumerate(self._unused):
            named = variable == "container-title" and isinstance(value, str) and value != title
            if named and _abbreviates_every_word(value, title):
                self.values["container-title-short"] = value
                del self._unused[index]
                return

    def report(self, source: str, item_id: str) -> list[Diagnostic]:
        found: list[Diagnostic] = []
        for variable, value, item_field in self._unused:
            if _holds(self.values[variable], value):
                continue  # TI and T1 with one title: nothing is lost
            where = _where(self._set_by.get(variable), item_field)
            message = f"RIS tag {item_field.tag} not used: '{variable}' is already set from "
            severity, kind = Severity.WARNING, _DATE_KIND.match(item_field.value)
            if isinstance(value, dict) and kind:  # `2013/02/15/received`: another event's date
                severity, where = Severity.INFO, f"{where}; it is the {kind[1]} date"
            span = SourceSpan(source, item_field.line, item_id)
            found.append(Diagnostic(severity, Code.UNMAPPED_FIELD, message + where, span))
        return found


# Words an abbreviation leaves out (ISO 4 drops articles, prepositions and conjunctions).
_MINOR_WORDS = frozenset(
    "a an and the of for in on at to from with de des du la le les el y e et und der die das "
    "fur für".split()
)
_WORD = lazy_regex.compile(r"\w+")


def _abbreviates_every_word(short: str, title: str) -> bool:
    """`J Ex` for `Journal of Examples`, not `Cell` for `Cell Reports`: a word for each of the
    title's words but the minor ones (journals.abbreviates alone allows words left out)."""
    significant = [w for w in _WORD.findall(title.casefold()) if w not in _MINOR_WORDS]
    return len(_WORD.findall(short)) == len(significant) and abbreviates(short, title)


def _better(old: Any, new: Any) -> bool:
    """The first value read wins, except that a fuller date (DA) beats a year (PY)."""
    if old is None:
        return True
    if isinstance(old, dict) and isinstance(new, dict):
        return len(_parts(new)) > len(_parts(old))
    return False


def _holds(kept: Any, other: Any) -> bool:
    """Whether the kept value says all the other does: the same text but for case and spaces,
    or a date the other is the start of (`2016` of `2016/12//`)."""
    if isinstance(kept, str) and isinstance(other, str):
        return " ".join(kept.split()).casefold() == " ".join(other.split()).casefold()
    if isinstance(kept, dict) and isinstance(other, dict) and "literal" not in other:
        parts = _parts(other)
        return "literal" not in kept and parts == _parts(kept)[: len(parts)]
    return bool(kept == other)


def _parts(date: dict[str, Any]) -> list[int]:
    return list((date.get("date-parts") or [[]])[0])


def _where(kept: RisField | None, unused: RisField) -> str:
    if kept is None:
        return "another tag"
    if kept.tag == unused.tag:
        return f"an earlier {kept.tag} line (line {kept.line})"
    return f"another tag ({kept.tag}, line {kept.line})"
