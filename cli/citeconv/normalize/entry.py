"""One BibEntry -> one CSL item, driven by the type and field tables."""

from __future__ import annotations

from functools import lru_cache
from typing import Any, cast

from citeconv import lazy_regex
from citeconv.csl import CslItem, CslName
from citeconv.diagnostics import Code, Diagnostic, Severity, SourceSpan
from citeconv.formats import ReadOptions
from citeconv.normalize.bibstrings import (
    BIBSTRING_FIELDS,
    BIBSTRINGS,
    journal_series,
    resolve_bibstring,
)
from citeconv.normalize.combined import add_combined_fields
from citeconv.normalize.entry_types import BIBLATEX_TO_CSL_TYPE, FALLBACK_TYPE
from citeconv.normalize.fields import (
    BIBLATEX_TO_CSL_FIELD,
    BOOKKEEPING_FIELDS,
    EDITOR_ROLES,
    FIELD_BY_TYPE,
    GENRE_KEYS,
    HANDLED_ELSEWHERE,
    THESIS_GENRES,
    TYPE_FIELD_IGNORED,
)
from citeconv.normalize.issued import Report
from citeconv.normalize.latex import strip_markup, to_text, unknown_commands
from citeconv.normalize.names import (
    is_et_al,
    is_unbraced_corporate,
    misread_punctuation,
    to_csl_name,
)
from citeconv.normalize.values import CONVERTERS
from citeconv.readers.bibmodel import BibEntry, BibName

# Fields are applied in table order, so `publisher` wins over `organization` whatever the order
# in the file; fields not in the table come last, in file order.
_FIELD_RANK = {name: rank for rank, name in enumerate(BIBLATEX_TO_CSL_FIELD)}
_JOURNAL_TYPES = frozenset({"article", "periodical", "suppperiodical"})
_THESIS_GENRES = tuple((lazy_regex.compile(pattern), key) for pattern, key in THESIS_GENRES)
_VERBATIM = frozenset({"url", "doi", "file", "eprint", "pdf", "pmid", "pmcid"})


def entry_to_item(entry: BibEntry, options: ReadOptions) -> tuple[CslItem, list[Diagnostic]]:
    diagnostics: list[Diagnostic] = []

    def report(severity: Severity, code: Code, message: str, field: str | None) -> None:
        line = entry.field_lines.get(field, entry.span.line) if field else entry.span.line
        span = SourceSpan(entry.span.source, line, entry.key)
        diagnostics.append(Diagnostic(severity, code, message, span))

    item = _typed_item(entry, report)
    unmapped: list[str] = []
    ordered = sorted(entry.fields, key=lambda name: _FIELD_RANK.get(name, len(_FIELD_RANK)))
    for field in ordered:
        value = entry.fields[field]
        _report_unknown_commands(field, value, report)
        if not _map_field(item, entry, field, value, report):
            unmapped.append(field)
    add_combined_fields(item, entry, report)
    _keep_unmapped(item, entry, unmapped, options)
    add_abbreviation(item, options)
    return item, diagnostics


def _typed_item(entry: BibEntry, report: Report) -> CslItem:
    csl_type, genre = BIBLATEX_TO_CSL_TYPE.get(entry.entry_type, FALLBACK_TYPE)
    if entry.entry_type not in BIBLATEX_TO_CSL_TYPE:
        report(
            Severity.WARNING,
            Code.UNKNOWN_ENTRY_TYPE,
            f"unknown entry type '@{entry.entry_type}'; converted as '{csl_type}'",
            None,
        )
    if csl_type == "article-journal":  # `entrysubtype`: an @article in a magazine or newspaper
        subtype = entry.fields.get("entrysubtype", "").strip("{} ").casefold()
        csl_type = {"magazine": "article-magazine", "newspaper": "article-newspaper"}.get(
            subtype, csl_type
        )
    item: CslItem = {"id": entry.key, "type": csl_type}
    if genre:
        item["genre"] = genre  # type: ignore[typeddict-unknown-key]
    return item


def _report_unknown_commands(field: str, value: str, report: Report) -> None:
    if field in _VERBATIM or "\\" not in value:
        return
    for command in unknown_commands(value):
        report(
            Severity.WARNING,
            Code.UNKNOWN_COMMAND,
            f"unknown LaTeX command '\\{command}' kept as its text (reported once per file)",
            field,
        )


def _map_field(item: CslItem, entry: BibEntry, field: str, value: str, report: Report) -> bool:
    """Set the field's CSL variable; False when the field has no CSL home."""
    if field in HANDLED_ELSEWHERE or field in BOOKKEEPING_FIELDS or not value.strip():
        return True
    row = BIBLATEX_TO_CSL_FIELD.get(field)
    if row is None or (field == "type" and entry.entry_type in TYPE_FIELD_IGNORED):
        report(Severity.INFO, Code.UNMAPPED_FIELD, f"field '{field}' has no CSL equivalent", field)
        return False
    variable, converter = row
    variable = FIELD_BY_TYPE.get((field, entry.entry_type), variable)
    if not variable:
        return True  # meaningful only for inheritance (see FIELD_BY_TYPE)
    target: dict[str, Any] = item  # type: ignore[assignment]
    if converter == "names":
        if field in ("editora", "editorb", "editorc"):
            variable = _editor_role(entry, field, report)
        names = _names(entry, field, report)
        if variable not in target:
            target[variable] = names
        elif variable == "contributor":
            target[variable].extend(names)
        elif names and target[variable] != names:
            _report_unused(field, variable, report)
        return True
    if variable in target and field != "type":
        _report_competing(target, variable, field, value, converter, report)
        return True  # a field ranked earlier set it (journal before journaltitle)
    if converter == "genre":
        key = value.strip().lower()
        written = to_text(value).strip().lower()
        key = next((k for pattern, k in _THESIS_GENRES if pattern.fullmatch(written)), key)
        target[variable] = GENRE_KEYS.get(key) or BIBSTRINGS.get(key) or to_text(value)
    elif field == "series" and entry.entry_type in _JOURNAL_TYPES:
        target[variable] = journal_series(value)
    else:
        if field in BIBSTRING_FIELDS:
            value = resolve_bibstring(field, value)
        target[variable] = CONVERTERS[converter](value)
    return True


def _editor_role(entry: BibEntry, field: str, report: Report) -> str:
    """The CSL variable for `editora`'s names: the role `editoratype` gives, else editor."""
    role = to_text(entry.fields.get(f"{field}type", "")).strip()
    if not role:
        return "editor"
    variable = EDITOR_ROLES.get(role.lower())
    if variable is None:
        report(
            Severity.INFO,
            Code.UNMAPPED_FIELD,
            f"role '{role}' of '{field}' has no CSL name variable; read as contributor",
            f"{field}type",
        )
    return variable or "contributor"


def _report_unused(field: str, variable: str, report: Report) -> None:
    report(
        Severity.WARNING,
        Code.UNMAPPED_FIELD,
        f"field '{field}' not used: '{variable}' is already set from another field",
        field,
    )


def _report_competing(
    target: dict[str, Any],
    variable: str,
    field: str,
    value: str,
    converter: str,
    report: Report,
) -> None:
    """Two fields for one variable (`school` and `publisher`): the later one in the table
    is not used, and says so unless it holds the same text."""
    if converter in ("names", "genre"):
        return  # names are merged; a genre key may be rewritten by `type`
    kept = strip_markup(str(target[variable]))
    if CONVERTERS[converter](value) == target[variable] or to_text(value) == kept:
        return
    _report_unused(field, variable, report)


def _names(entry: BibEntry, field: str, report: Report) -> list[CslName]:
    names: list[CslName] = []
    for name in entry.names.get(field, ()):
        if is_et_al(name):
            names.append({"literal": "others"})
            continue
        converted = _converted_name(name)
        misread = misread_punctuation(name.raw)
        if misread is not None:
            shown = name.raw.strip()
            report(Severity.WARNING, Code.INVALID_NAME, f"'{shown}' in '{field}': {misread}", field)
        if "literal" in converted and is_unbraced_corporate(name):
            report(
                Severity.WARNING,
                Code.INVALID_NAME,
                f"'{converted.get('literal', '')}' in '{field}' read as an organization; "
                "brace it to say so: {...}",
                field,
            )
        if not converted:
            report(Severity.WARNING, Code.INVALID_NAME, f"empty name in '{field}' dropped", field)
            continue
        if name.raw.strip().lower() == "and":  # `A and B and}`: BibTeX reads a person `and`
            message = f"a name 'and' in '{field}' (a stray 'and' in the list?) dropped"
            report(Severity.WARNING, Code.INVALID_NAME, message, field)
            continue
        names.append(converted)
    if names == [{"literal": "others"}]:  # `and others` after no name: nobody is named
        report(Severity.WARNING, Code.INVALID_NAME, f"'others' alone in '{field}' dropped", field)
        return []
    return names


def _converted_name(name: BibName) -> CslName:
    """A fresh dict each time (items are plain, mutable dicts), converted once per name."""
    return cast(CslName, dict(_convert_name(name)))


@lru_cache(maxsize=65536)
def _convert_name(name: BibName) -> CslName:
    return to_csl_name(name)


def _keep_unmapped(
    item: CslItem, entry: BibEntry, unmapped: list[str], options: ReadOptions
) -> None:
    """`--keep-unmapped`: `field: value` lines appended to `note`, in file order."""
    if not options.keep_unmapped or not unmapped:
        return
    target: dict[str, Any] = item  # type: ignore[assignment]
    wanted = set(unmapped)  # a list was searched once per field: 60,000 fields took minutes
    kept = [f"{field}: {to_text(entry.fields[field])}" for field in entry.fields if field in wanted]
    target["note"] = "\n".join([target["note"], *kept] if target.get("note") else kept)


MAX_ABBREVIATED_TITLE = 500  # characters; the longest journal names have about 250


def add_abbreviation(item: CslItem, options: ReadOptions) -> None:
    """The journal's abbreviation, the last step of `entry_to_item`; run apart (in the parent
    process) when entries are normalized by workers (normalize/__init__.py)."""
    target: dict[str, Any] = item  # type: ignore[assignment]
    if options.abbreviate is None or "container-title-short" in target:
        return
    if target.get("type") != "article-journal" or "container-title" not in target:
        return
    title = strip_markup(target["container-title"])
    if len(title) > MAX_ABBREVIATED_TITLE:
        return  # no journal's name; ISO 4 takes about 0.2 ms a word (80,000 words: 23 s)
    abbreviation = options.abbreviate(title)
    if abbreviation and abbreviation != title and _identifiers_kept(title, abbreviation):
        target["container-title-short"] = abbreviation


@lru_cache(maxsize=4096)  # a journal's title recurs in every article of it
def _identifiers_kept(title: str, abbreviation: str) -> bool:
    """An abbreviation that breaks a token with digits (`ArXiv:2012.09699` -> `ArXiv:2012
    09699`) corrupts an identifier: the title is then printed whole."""
    kept = abbreviation.split()
    return all(token in kept for token in title.split() if any(c.isdigit() for c in token))
