"""The whole architecture on one screen: read -> CSL-JSON hub -> write, diagnostics threaded.

A large BibTeX file takes the same steps chunk by chunk (streaming/, commands/streamed.py).
"""

from __future__ import annotations

import gc
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from typing import cast

from citeconv import lazy_regex
from citeconv.csl import Bibliography, CslItem
from citeconv.diagnostics import Code, Diagnostic, Result, Severity, SourceSpan
from citeconv.formats import Reader, ReadOptions, WriteOptions, Writer
from citeconv.readers.duplicate_keys import FreeKeys, numbered

_BIBTEX_READERS = frozenset({"bibtex", "biblatex"})


@dataclass(frozen=True)
class Source:
    text: str
    name: str  # the file name as given, or "<stdin>"
    reader: Reader | None = None  # this input's own format (by its suffix); None: the run's


def read_all(
    sources: Sequence[Source], reader: Reader, options: ReadOptions
) -> Result[Bibliography]:
    """Read each source and merge them in order, as if the files were one: `@string` macros
    of one BibTeX input are seen by the next."""
    results = []
    macros: dict[str, str] = {}
    for index, source in enumerate(sources):
        source_reader = source.reader or reader
        read_options = replace(options, macros=tuple(macros.items())) if macros else options
        results.append(source_reader.read(source.text, source.name, read_options))
        if index + 1 < len(sources) and source_reader.name in _BIBTEX_READERS:
            from citeconv.readers.bibtex import string_macros

            macros = string_macros(source.text, macros)
    merged = merge_bibliographies([result.value for result in results])
    reading = tuple(d for result in results for d in result.diagnostics)
    return Result(merged.value, reading + merged.diagnostics)


@contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cycle collector waits while a conversion runs, and is then restored.

    A conversion makes millions of objects that form no reference cycles; the collector
    would walk them all again at every full collection: 0.6 s of a 2.3 s conversion of 6,315 entries
    (issue 6: speed). Nothing made here is cyclic garbage before the conversion ends."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def merge_bibliographies(bibliographies: Sequence[Bibliography]) -> Result[Bibliography]:
    """Keys compare case-insensitively across inputs as within one (readers/duplicate_keys.py):
    an identical item under a repeated key is dropped, a different one kept as `key-2`."""
    items: list[CslItem] = []
    spans: dict[str, SourceSpan] = {}
    first_by_key: dict[str, CslItem] = {}
    free_ids = FreeKeys()
    diagnostics: list[Diagnostic] = []
    for bibliography in bibliographies:
        for item in bibliography.items:
            span = bibliography.span_of(item["id"])
            first = first_by_key.get(item["id"].lower())
            if first is not None:
                if _same_work(item, first):
                    diagnostics.append(
                        _duplicate(span, "same content as an earlier entry; dropped")
                    )
                    continue
                new_id = free_ids.free(item["id"], numbered(item["id"]))
                diagnostics.append(
                    _duplicate(span, f"first used by an earlier entry; kept as '{new_id}'")
                )
                item = cast(CslItem, {**item, "id": new_id})
            first_by_key[item["id"].lower()] = item
            free_ids.reserve(item["id"])
            items.append(item)
            if span is not None:
                spans[item["id"]] = span
    return Result(Bibliography(tuple(items), spans), tuple(diagnostics))


def _same_work(item: CslItem, other: CslItem) -> bool:
    return {k: v for k, v in item.items() if k != "id"} == {
        k: v for k, v in other.items() if k != "id"
    }


def _duplicate(span: SourceSpan | None, message: str) -> Diagnostic:
    return Diagnostic(Severity.WARNING, Code.DUPLICATE_KEY, f"duplicate key, {message}", span)


def convert(
    sources: Sequence[Source],
    reader: Reader,
    writer: Writer,
    read_options: ReadOptions,
    write_options: WriteOptions,
) -> Result[str]:
    with collector_paused():
        hub = read_all(sources, reader, read_options)
        output = writer.write(hub.value, write_options)
    found = hub.diagnostics + nothing_found(sources, hub)
    return Result(output.value, found + output.diagnostics)


# An input with nothing in it: blanks, or a JSON document that is an empty list.
_EMPTY_INPUT = lazy_regex.compile(r"\s*(?:\[\s*\]\s*)?")


def nothing_found(sources: Sequence[Source], hub: Result[Bibliography]) -> tuple[Diagnostic, ...]:
    """What a run that converted no entry, and said no error, says of it (issue 15)."""
    if hub.value.items or has_error(hub.diagnostics):
        return ()
    given = [source for source in sources if not _EMPTY_INPUT.fullmatch(source.text)]
    if not given:
        return no_entries(sources[0].name if sources else "<stdin>", None)
    return no_entries(given[0].name, first_text_line(given[0].text))


def has_error(diagnostics: Iterable[Diagnostic]) -> bool:
    return any(diagnostic.severity is Severity.ERROR for diagnostic in diagnostics)


def no_entries(name: str, first_line: int | None) -> tuple[Diagnostic, ...]:
    """An empty list is never taken silently for a good result (a Makefile would). An empty
    input (`first_line` None) is a warning, exit 0 (3 under --strict): a new project's
    bibliography may be empty. An input that held text but no entry (only `@string`,
    `@comment` or `@preamble` blocks, `%` lines) is an error, exit 1."""
    if first_line is None:
        message = "the input is empty"
        return (Diagnostic(Severity.WARNING, Code.NO_ENTRIES, message, SourceSpan(name, 0)),)
    message = "no entries found in the input"
    return (Diagnostic(Severity.ERROR, Code.NO_ENTRIES, message, SourceSpan(name, first_line)),)


def first_text_line(text: str, first_line: int = 1) -> int | None:
    """The line of the first character of `text` that is not blank; None if there is none."""
    stripped = text.lstrip()
    if not stripped:
        return None
    return first_line + text.count("\n", 0, len(text) - len(stripped))
