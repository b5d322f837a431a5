"""The only bibtexparser adapter: BibTeX/BibLaTeX text -> `BibEntry` values -> CSL-JSON hub."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator, Mapping

from bibtexparser import model
from bibtexparser.entrypoint import parse_string
from bibtexparser.middlewares.names import (
    InvalidNameError,
    parse_single_name_into_parts,
    split_multiple_persons_names,
)

from citeconv.csl import Bibliography
from citeconv.diagnostics import Code, Diagnostic, Result, Severity, SourceSpan
from citeconv.formats import ReadOptions
from citeconv.normalize.preamble import Macro, expand, parse_definitions
from citeconv.readers.bibmodel import NAME_FIELDS, BibEntry, BibName
from citeconv.readers.bibvalues import evaluate
from citeconv.readers.blocks import prescan
from citeconv.readers.duplicate_keys import resolve_duplicate_keys

# bibtexparser logs its own complaints to stderr; ours arrive as diagnostics instead.
logging.getLogger("bibtexparser").addHandler(logging.NullHandler())
logging.getLogger("bibtexparser").propagate = False

_KEY_IN_RAW = re.compile(r"@\s*\w+\s*[{(]\s*([^\s,={}()]+)")


def read_bibtex(text: str, source: str, options: ReadOptions) -> Result[Bibliography]:
    """BibTeX text -> hub: parse, then normalize. The reader registered as `bibtex`."""
    from citeconv.normalize import to_csl

    parsed = parse_bibtex(text, source)
    normalized = to_csl(parsed.value, options)
    return Result(normalized.value, parsed.diagnostics + normalized.diagnostics)


def parse_bibtex(text: str, source: str) -> Result[list[BibEntry]]:
    scan = prescan(text)
    diagnostics = scan.diagnostics(source)
    library = parse_string(scan.text, parse_stack=[])
    entries: list[BibEntry] = []
    macros: dict[str, str] = {}
    commands = _preamble_commands(library.blocks, macros)
    for block, problem in _blocks(library.blocks):
        if isinstance(block, model.String):
            value = evaluate(block.value, macros)
            macros[block.key.lower()] = value.text
            continue
        if not isinstance(block, model.Entry):
            if problem is not None:
                diagnostics.append(_failed(block, problem, source))
            continue
        entries.append(_to_entry(block, macros, source, diagnostics, commands))
    unique = resolve_duplicate_keys(entries)
    diagnostics.extend(unique.diagnostics)
    diagnostics.sort(key=lambda d: d.span.line if d.span else 0)
    return Result(unique.value, tuple(diagnostics))


def _preamble_commands(blocks: list[model.Block], macros: dict[str, str]) -> dict[str, Macro]:
    """Simple macros defined in `@preamble` (`\\newcommand{\\noopsort}[1]{}`), for expansion."""
    preamble = "".join(
        evaluate(block.value, macros).text for block in blocks if isinstance(block, model.Preamble)
    )
    return parse_definitions(preamble) if "\\" in preamble else {}


def _blocks(blocks: list[model.Block]) -> Iterator[tuple[model.Block, str | None]]:
    """Each block with the parser's complaint; blocks it could half-read are recovered."""
    for block in blocks:
        if isinstance(block, model.DuplicateBlockKeyBlock | model.DuplicateFieldKeyBlock):
            if block.ignore_error_block is not None:
                yield block.ignore_error_block, None
        elif isinstance(block, model.ParsingFailedBlock):
            yield block, str(block.error)
        else:
            yield block, None


def _failed(block: model.Block, problem: str, source: str) -> Diagnostic:
    raw = block.raw or ""
    key_match = _KEY_IN_RAW.search(raw)
    line = (block.start_line or 0) + 1
    message = problem.splitlines()[0] if problem else "cannot parse"
    return Diagnostic(
        Severity.ERROR,
        Code.SYNTAX_ERROR,
        f"{message}; entry skipped",
        SourceSpan(source, line, key_match.group(1) if key_match else None),
    )


def _to_entry(
    block: model.Entry,
    macros: dict[str, str],
    source: str,
    diagnostics: list[Diagnostic],
    commands: Mapping[str, Macro],
) -> BibEntry:
    span = SourceSpan(source, (block.start_line or 0) + 1, block.key)
    fields: dict[str, str] = {}
    lines: dict[str, int] = {}
    for bib_field in block.fields:
        name = bib_field.key.strip().lower()
        line = (bib_field.start_line or block.start_line or 0) + 1
        value = evaluate(bib_field.value, macros)
        for macro in value.undefined:
            diagnostics.append(
                Diagnostic(
                    Severity.WARNING,
                    Code.UNDEFINED_MACRO,
                    f"field '{name}': undefined macro '{macro}' kept as text",
                    SourceSpan(source, line, block.key),
                )
            )
        if name in fields:
            diagnostics.append(
                Diagnostic(
                    Severity.WARNING,
                    Code.SYNTAX_ERROR,
                    f"field '{name}' given twice; the first value is kept",
                    SourceSpan(source, line, block.key),
                )
            )
            continue
        fields[name] = expand(value.text, commands)
        lines[name] = line
    names = {name: split_names(fields[name]) for name in NAME_FIELDS.intersection(fields)}
    return BibEntry(block.key, block.entry_type.lower(), fields, span, names, lines)


def split_names(value: str) -> tuple[BibName, ...]:
    """`A and B and {C and D}` by the BibTeX grammar; an unparsable name is kept whole."""
    names: list[BibName] = []
    for raw in split_multiple_persons_names(value):
        try:
            parts = parse_single_name_into_parts(raw, strict=False)
        except (InvalidNameError, ValueError, IndexError):
            names.append(BibName(last=(raw,), raw=raw))
            continue
        names.append(
            BibName(tuple(parts.first), tuple(parts.von), tuple(parts.last), tuple(parts.jr), raw)
        )
    return tuple(names)
