"""The only bibtexparser adapter: BibTeX/BibLaTeX text -> `BibEntry` values -> CSL-JSON hub."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Iterator, Mapping
from functools import lru_cache

from bibtexparser import model
from bibtexparser.entrypoint import parse_string
from bibtexparser.middlewares.names import (
    InvalidNameError,
    parse_single_name_into_parts,
)

from citeconv import lazy_regex
from citeconv.csl import Bibliography
from citeconv.diagnostics import Code, Diagnostic, Result, Severity, SourceSpan
from citeconv.errors import EntryTooComplex
from citeconv.forked_map import will_fork
from citeconv.formats import ReadOptions
from citeconv.normalize.bibstrings import BIBSTRINGS
from citeconv.normalize.preamble import Macro, expand, parse_definitions
from citeconv.readers.bibmodel import NAME_FIELDS, BibEntry, BibName
from citeconv.readers.bibvalues import ExpansionBudget, evaluate
from citeconv.readers.blocks import Prescan, prescan
from citeconv.readers.clean_blocks import (
    CleanBlock,
    CleanField,
    clean_blocks,
    restore_hidden,
    splitter_input,
)
from citeconv.readers.duplicate_keys import resolve_duplicate_keys
from citeconv.readers.forked_prescan import prescan_in_parts
from citeconv.readers.name_tokens import braced_accents, split_person_names, without_et_al

# bibtexparser logs its own complaints to stderr; ours arrive as diagnostics instead.
logging.getLogger("bibtexparser").addHandler(logging.NullHandler())
logging.getLogger("bibtexparser").propagate = False

_STRING_START = lazy_regex.compile(r"^[ \t]*@[ \t]*string[ \t]*\{", re.IGNORECASE | re.MULTILINE)
_BIBSTRING_COMMAND = lazy_regex.compile(r"\\bibstring\s*\{\s*([A-Za-z]+)\s*\}")
_KEY_IN_RAW = lazy_regex.compile(r"@\s*\w+\s*[{(]\s*([^\s,={}()]+)")


def read_bibtex(text: str, source: str, options: ReadOptions) -> Result[Bibliography]:
    """BibTeX text -> hub: parse, then normalize. The reader registered as `bibtex`. A large
    file is read and normalized entry by entry in worker processes (readers/forked_bibtex.py)
    when that gives what this process gives; else here, step by step."""
    from citeconv.normalize import to_csl

    scan = prescan_in_parts(text, options.jobs)  # in parts by workers when that pays
    if will_fork(len(scan.entry_lines), options.jobs, options.parallel_min_entries):
        from citeconv.readers.forked_bibtex import read_forked

        forked = read_forked(scan, source, options)
        if forked is not None:
            return forked
    parsed = parse_blocks(scan, split_blocks(scan), source, dict(options.macros))
    normalized = to_csl(parsed.value, options)
    return Result(normalized.value, parsed.diagnostics + normalized.diagnostics)


def parse_bibtex(
    text: str, source: str, inherited: Mapping[str, str] | None = None
) -> Result[list[BibEntry]]:
    """`inherited`: `@string` macros of earlier inputs of the same run."""
    scan, blocks = scan_blocks(text)
    return parse_blocks(scan, blocks, source, inherited)


def parse_blocks(
    scan: Prescan, blocks: list[Block], source: str, inherited: Mapping[str, str] | None = None
) -> Result[list[BibEntry]]:
    """`parse_bibtex` of a pre-scanned text."""
    macros: dict[str, str] = dict(inherited or {})
    entries, problems = read_blocks(blocks, source, macros, preamble_commands([blocks]))
    diagnostics = [*scan.diagnostics(source), *problems]
    unique = resolve_duplicate_keys(entries)
    diagnostics.extend(unique.diagnostics)
    diagnostics.sort(key=lambda d: d.span.line if d.span else 0)
    return Result(unique.value, tuple(diagnostics))


def string_macros(text: str, inherited: Mapping[str, str]) -> dict[str, str]:
    """The `@string` macros in effect after reading `text`, for the next input of the run.
    Only the `@string` blocks are read again, not the whole file; one too large to expand was
    reported when the input was read, and is left undefined here too."""
    macros = dict(inherited)
    strings = "\n".join(
        _block_at(text, match.start(), match.end() - 1) for match in _STRING_START.finditer(text)
    )
    if not strings:
        return macros
    for block in split_blocks(prescan(strings)):
        if isinstance(block, CleanBlock) and block.kind == "string":
            define_macro(block, macros, "", [])
    return macros


def _block_at(text: str, start: int, brace: int) -> str:
    """The block from `start` to the brace that closes the one at `brace` (or the text's end)."""
    depth = 0
    for index in range(brace, len(text)):
        depth += {"{": 1, "}": -1}.get(text[index], 0)
        if depth == 0:
            return text[start : index + 1]
    return text[start:]


# The steps of `parse_bibtex`, which the streamed reader (streaming/bibtex.py) runs chunk by
# chunk, carrying @string values forward and the file's @preamble commands from a first pass.


def scan_blocks(
    text: str, first_line: int = 1, more_follows: bool = False
) -> tuple[Prescan, list[Block]]:
    scan = prescan(text, first_line, more_follows)
    return scan, split_blocks(scan)


def read_blocks(
    blocks: list[Block],
    source: str,
    macros: dict[str, str],
    commands: Mapping[str, Macro],
    budget: ExpansionBudget | None = None,
) -> tuple[list[BibEntry], list[Diagnostic]]:
    """The entries of `blocks`, duplicate keys not yet resolved, and what went wrong reading
    them (the pre-scan's findings are `scan.diagnostics`); `macros` grows in place, and
    `budget` (one per file: chunks of a streamed file share it) shrinks."""
    budget = budget if budget is not None else ExpansionBudget()
    diagnostics: list[Diagnostic] = []
    entries: list[BibEntry] = []
    for block in blocks:
        if not isinstance(block, CleanBlock):
            diagnostics.append(failed_block(*block, source))
        elif block.kind == "string":
            define_macro(block, macros, source, diagnostics, budget)
        elif block.kind != "preamble":
            try:
                entries.append(to_entry(block, macros, source, diagnostics, commands, budget))
            except EntryTooComplex as problem:  # issue 15: this entry is lost, not the file
                diagnostics.append(too_complex(block, str(problem), source, "entry skipped"))
    return entries, diagnostics


def define_macro(
    block: CleanBlock,
    macros: dict[str, str],
    source: str,
    diagnostics: list[Diagnostic],
    budget: ExpansionBudget | None = None,
) -> None:
    try:
        value = evaluate(block.value, macros, budget)
    except EntryTooComplex as problem:
        message = f"@string '{block.key}': {problem}"
        diagnostics.append(too_complex(block, message, source, "macro not defined"))
        return
    macros[block.key.lower()] = value.text
    span = SourceSpan(source, block.line + 1, None)
    for undefined in value.undefined:  # as in a field: the name is kept, and said to be
        message = f"@string '{block.key}': undefined macro '{undefined}' kept as text"
        diagnostics.append(Diagnostic(Severity.WARNING, Code.UNDEFINED_MACRO, message, span))


def too_complex(block: CleanBlock, problem: str, source: str, outcome: str) -> Diagnostic:
    span = SourceSpan(source, block.line + 1, block.key if block.kind != "string" else None)
    return Diagnostic(Severity.ERROR, Code.SYNTAX_ERROR, f"{problem}; {outcome}", span)


# A block the parser gave up on, why, and the line offset of the text it was parsed in.
_Failed = tuple[model.Block, str, int]
Block = CleanBlock | _Failed


def split_blocks(scan: Prescan) -> list[Block]:
    """Entries, @string and @preamble blocks in file order, in one shape whichever reader
    read them: for a clean file the pre-scan's blocks (issue 6: speed), else the parser's."""
    clean = clean_blocks(scan)
    if clean is not None:
        return list(clean)
    if not _blocks_share_lines(scan):
        return _parsed(scan.text, scan.first_line - 1)  # a chunk of a streamed file: its offset
    # The parser resynchronises only at an `@` first on a line: with several blocks on one
    # line (a file with its line breaks removed), one bad block would take all that follow
    # without a word (issue 15). Each block the pre-scan found is then parsed on its own.
    return [
        block
        for scanned in scan.blocks
        for block in _parsed(scan.text[scanned.start : scanned.end], scanned.line - 1)
    ]


def _blocks_share_lines(scan: Prescan) -> bool:
    return any(a.line == b.line for a, b in zip(scan.blocks, scan.blocks[1:], strict=False))


def _parsed(text: str, first_line: int) -> list[Block]:
    """The parser's blocks of `text`, whose first line is line `first_line` (0-based)."""
    found: list[Block] = []
    restore = restore_hidden
    for block, problem in _blocks(parse_string(splitter_input(text), parse_stack=[]).blocks):
        line = (block.start_line or 0) + first_line
        if isinstance(block, model.String):
            found.append(CleanBlock("string", block.key, restore(block.value), line))
        elif isinstance(block, model.Preamble):
            found.append(CleanBlock("preamble", "", restore(block.value), line))
        elif isinstance(block, model.Entry):
            fields = tuple(
                CleanField(field.key, restore(field.value), _shifted(field.start_line, first_line))
                for field in block.fields
            )
            found.append(CleanBlock(block.entry_type.lower(), block.key, "", line, fields))
        elif problem is not None:
            found.append((block, problem, first_line))
    return found


def _shifted(line: int | None, shift: int) -> int | None:
    return None if line is None else line + shift


def preamble_commands(chunks: Iterable[list[Block]]) -> dict[str, Macro]:
    """Simple macros defined in `@preamble` (`\\newcommand{\\noopsort}[1]{}`), for expansion;
    every @preamble of the file counts, wherever it is, its @string names not expanded."""
    preamble = "".join(
        evaluate(block.value, {}).text
        for blocks in chunks
        for block in blocks
        if isinstance(block, CleanBlock) and block.kind == "preamble"
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


def failed_block(block: model.Block, problem: str, first_line: int, source: str) -> Diagnostic:
    raw = block.raw or ""
    key_match = _KEY_IN_RAW.search(raw)
    line = (block.start_line or 0) + 1 + first_line
    message = problem.splitlines()[0] if problem else "cannot parse"
    return Diagnostic(
        Severity.ERROR,
        Code.SYNTAX_ERROR,
        f"{message}; entry skipped",
        SourceSpan(source, line, key_match.group(1) if key_match else None),
    )


def to_entry(
    block: CleanBlock,
    macros: Mapping[str, str],
    source: str,
    diagnostics: list[Diagnostic],
    commands: Mapping[str, Macro],
    budget: ExpansionBudget,
) -> BibEntry:
    span = SourceSpan(source, block.line + 1, block.key)
    fields: dict[str, str] = {}
    lines: dict[str, int] = {}
    for bib_field in block.fields:
        name = bib_field.name.strip().lower()
        line = (bib_field.line or block.line) + 1
        value = evaluate(bib_field.value, macros, budget)
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
        expanded = expand(value.text, commands)
        grown = len(expanded) - len(value.text)
        if grown or budget.left < 0:  # spending nothing only fails once the budget is spent
            budget.spend(grown)  # @preamble macros share the file's budget
        fields[name] = _bibstrings(expanded)
        lines[name] = line
    names = {name: split_names(fields[name]) for name in NAME_FIELDS.intersection(fields)}
    return BibEntry(block.key, block.kind, fields, span, names, lines)


def _bibstrings(value: str) -> str:
    """`\\bibstring{newseries}` -> its English term (`new series`); unknown keys are kept."""
    if "\\bibstring" not in value:
        return value
    return _BIBSTRING_COMMAND.sub(lambda m: BIBSTRINGS.get(m.group(1).lower(), m.group(0)), value)


_OTHERS = BibName(last=("others",), raw="others")  # BibTeX's `and others`: the list goes on


@lru_cache(maxsize=16384)
def split_names(value: str) -> tuple[BibName, ...]:
    """`A and B and {C and D}` by the BibTeX grammar; an unparsable name is kept whole.

    Memoized, as is each name: a bibliography names the same people again and again. Accent
    commands are braced first and an `et al.` inside a name is its own `others`
    (readers/name_tokens.py)."""
    names: list[BibName] = []
    for raw in split_person_names(braced_accents(value)):
        person, et_al = without_et_al(raw)
        if person:
            names.append(_split_name(person))
        elif not et_al:  # `A and and B`: an empty name, dropped with a warning (normalize)
            names.append(BibName(raw=""))
        if et_al and (not names or names[-1] != _OTHERS):
            names.append(_OTHERS)
    # `et al.` means the list goes on: only at its end; names written after it are the list.
    return tuple(
        name for index, name in enumerate(names, 1) if name != _OTHERS or index == len(names)
    )


@lru_cache(maxsize=65536)
def _split_name(raw: str) -> BibName:
    stripped = raw.strip()
    if stripped.endswith(",") and stripped.count(",") == 1 and " " in stripped:
        # EndNote's group author `American College of Surgeons,`: the comma ends the name.
        return BibName(last=("{" + stripped[:-1].strip() + "}",), raw=raw)
    try:
        parts = parse_single_name_into_parts(raw, strict=False)
    except (InvalidNameError, ValueError, IndexError):
        return BibName(last=(raw,), raw=raw)
    return BibName(tuple(parts.first), tuple(parts.von), tuple(parts.last), tuple(parts.jr), raw)
