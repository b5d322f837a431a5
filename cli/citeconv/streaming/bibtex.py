"""The BibTeX reader over chunks, in passes, each carrying forward only what the next needs.

1. Keys and @preamble commands: every block's key as a digest (streaming/keys.py), the
   commands all @preamble blocks define (each entry is expanded with all of them, wherever
   they stand), and whether any entry links to others (crossref, xdata, xref, ids).
2. Only when entries link: the parents (entries a crossref or xdata names, with their own
   duplicate-key renaming), the `ids` aliases and the keys made for duplicates.
3. The entries chunk by chunk: @string values carried forward, duplicate keys resolved across
   the file, inheritance from the parents of pass 2, normalization to CSL items.

Diagnostics come out in the whole-file reader's order: parsing problems sorted by line, then
inheritance problems, then normalization problems (an unknown command once per file).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from citeconv.csl import Bibliography
from citeconv.diagnostics import Code, Diagnostic
from citeconv.errors import EntryTooComplex
from citeconv.formats import ReadOptions
from citeconv.normalize import normalize_entries
from citeconv.normalize.crossref import InheritanceResolver
from citeconv.normalize.preamble import Macro
from citeconv.readers.bibmodel import BibEntry
from citeconv.readers.bibtex import Block, define_macro, preamble_commands, read_blocks
from citeconv.readers.bibvalues import ExpansionBudget, evaluate
from citeconv.readers.clean_blocks import CleanBlock
from citeconv.streaming.chunks import Chunk
from citeconv.streaming.keys import DuplicateKeys, KeySet, digest
from citeconv.streaming.scanning import Scanned, as_scanned, scanned_chunks

Chunks = Callable[[], Iterable[Chunk]]  # the file's chunks, from the start, once per pass
# Which diagnostics to keep: the command line drops those it would not show (`info` without
# --verbose: one per unmapped field, most of a large file's diagnostics) as they are made.
Keep = Callable[[Diagnostic], bool]


def keep_all(diagnostic: Diagnostic) -> bool:
    return True


_LINKS = frozenset({"crossref", "xdata", "xref", "ids"})
_PARENT_FIELDS = ("crossref", "xdata")


class NotStreamable(Exception):
    """A link pass 1 could not foresee (a crossref built from @string macros): the caller
    reads the file whole instead. Raised before any output."""


@dataclass
class FileFacts:
    keys: KeySet
    commands: dict[str, Macro]
    links: bool = False
    named: set[str] = field(default_factory=set)  # crossref/xdata names as written, lower


def first_pass(chunks: Iterable[Chunk], jobs: int = 1) -> FileFacts:
    keys = KeySet()
    preambles: list[Block] = []
    facts = FileFacts(keys, {})
    macros: dict[str, str] = {}  # @string values so far, as read_blocks evaluates them
    for blocks in scanned_chunks(chunks, "", jobs, _first_pass_blocks):
        for block in blocks:
            if block.kind == "string":
                define_macro(block, macros, "", [])  # pass 2 reports what fails
            elif block.kind == "preamble":
                preambles.append(block)
            else:
                keys.add(block.key)
                _note_links(block, facts, macros)
    keys.freeze()
    facts.commands = preamble_commands([preambles])
    return facts


def _first_pass_blocks(scanned: Scanned) -> list[CleanBlock]:
    """What pass 1 reads of a chunk: its blocks, entries stripped of fields that do not link
    (in a worker, this is all it sends back)."""
    kept = []
    for block in scanned[1]:
        if isinstance(block, CleanBlock):
            if block.kind not in ("string", "preamble"):
                links = tuple(f for f in block.fields if f.name.strip().lower() in _LINKS)
                block = block._replace(fields=links)
            kept.append(block)
    return kept


def _note_links(block: CleanBlock, facts: FileFacts, macros: dict[str, str]) -> None:
    """Whether the entry links, and the parents it names: every name a crossref or xdata
    value can give (@preamble commands are not known yet; if one changes a name after all,
    pass 2 notices and the file is read whole)."""
    if block.kind == "xdata":
        facts.links = True
    for bib_field in block.fields:
        name = bib_field.name.strip().lower()
        if name in _LINKS:
            facts.links = True
            if name in _PARENT_FIELDS:
                try:
                    value = evaluate(bib_field.value, macros).text
                except EntryTooComplex:  # the entry is reported and skipped in pass 3
                    continue
                facts.named.update(key.lower() for key in _keys(value))
                facts.named.add(value.strip().lower())  # a crossref is one name, commas and all


@dataclass
class Links:
    """What pass 2 finds: parents by key and by alias, every alias, the keys it made."""

    by_key: dict[str, BibEntry] = field(default_factory=dict)
    by_alias: dict[str, BibEntry] = field(default_factory=dict)
    aliases: set[int] = field(default_factory=set)
    parent_keys: set[str] = field(default_factory=set)
    made: set[str] = field(default_factory=set)  # keys given to duplicates (`key-2`), lower


class ParsedChunks:
    """Pass 2 and 3's reading: chunk -> entries with unique keys, parsing problems kept."""

    def __init__(self, facts: FileFacts, source: str, keep: Keep = keep_all) -> None:
        self.facts = facts
        self.source = source
        self._keep = keep
        self.duplicates = DuplicateKeys(facts.keys)
        self.problems: list[tuple[int, int, Diagnostic]] = []  # (line, rank, diagnostic)
        self._macros: dict[str, str] = {}
        self._budget = ExpansionBudget()  # one file's budget, whatever its chunks

    def entries(self, scanned: Scanned) -> list[BibEntry]:
        scanning, blocks = scanned
        entries, problems = read_blocks(
            blocks, self.source, self._macros, self.facts.commands, self._budget
        )
        unique = self.duplicates.resolve(entries)
        for rank, found in enumerate((scanning, problems, unique.diagnostics)):
            kept = filter(self._keep, found)
            self.problems.extend((d.span.line if d.span else 0, rank, d) for d in kept)
        return unique.value

    def sorted_problems(self) -> list[Diagnostic]:
        """As `parse_bibtex` sorts them: by line; on one line, pre-scan, parser, keys."""
        return [d for _, _, d in sorted(self.problems, key=lambda found: found[:2])]


def links_pass(chunks: Iterable[Chunk], facts: FileFacts, source: str, jobs: int = 1) -> Links:
    parsed = ParsedChunks(facts, source, keep=lambda diagnostic: False)  # pass 3 reports
    links = Links()
    named: set[str] = set()
    for scanned in scanned_chunks(chunks, source, jobs, as_scanned):
        for entry in parsed.entries(scanned):
            aliases = _keys(entry.fields.get("ids", ""))
            links.aliases.update(digest(alias.lower()) for alias in aliases)
            named.update(_parent_names(entry))
            if entry.key.lower() in facts.named:
                links.by_key[entry.key.lower()] = entry
            for alias in aliases:
                if alias.lower() in facts.named:
                    links.by_alias[alias.lower()] = entry
    if not named <= facts.named:
        raise NotStreamable("a crossref or xdata value is built from macros")
    parents = [*links.by_key.values(), *links.by_alias.values()]
    links.parent_keys = {entry.key.lower() for entry in parents}
    links.made = parsed.duplicates.added
    return links


def _parent_names(entry: BibEntry) -> list[str]:
    crossref = entry.fields.get("crossref", "").strip()
    names = [crossref] if crossref else []
    return [name.lower() for name in (*names, *_keys(entry.fields.get("xdata", "")))]


def _keys(value: str) -> list[str]:
    return [key.strip() for key in value.split(",") if key.strip()]


class _KeyLookup:
    """What crossref.py's resolver asks of its key table: parents, and whether a key exists."""

    def __init__(self, facts: FileFacts, links: Links) -> None:
        self._facts, self._links = facts, links

    def get(self, name: str) -> BibEntry | None:
        return self._links.by_key.get(name) or self._links.by_alias.get(name)

    def __contains__(self, name: object) -> bool:
        if not isinstance(name, str):
            return False
        links = self._links
        return name in links.made or name in self._facts.keys or digest(name) in links.aliases


class StreamedBibtex:
    """Pass 3: the file's CSL items, chunk by chunk; `diagnostics()` once they are all out."""

    def __init__(
        self,
        chunks: Chunks,
        source: str,
        options: ReadOptions,
        keep: Keep = keep_all,
        jobs: int = 1,
    ) -> None:
        self.facts = first_pass(chunks(), jobs)
        linked = self.facts.links
        self.links = links_pass(chunks(), self.facts, source, jobs) if linked else None
        self._chunks, self._options, self._keep, self._jobs = chunks, options, keep, jobs
        self._parsed = ParsedChunks(self.facts, source, keep)
        self._inheritance: list[Diagnostic] = []
        self._normalizing: list[Diagnostic] = []
        self._unknown_commands: set[str] = set()

    def bibliographies(self) -> Iterator[Bibliography]:
        resolver = self._resolver()
        for scanned in scanned_chunks(self._chunks(), self._parsed.source, self._jobs, as_scanned):
            entries = self._parsed.entries(scanned)
            if resolver is not None:
                entries = self._inherit(resolver, entries)
            items = []
            spans = {}
            normalized = normalize_entries(entries, self._options)
            for entry, (item, problems) in zip(entries, normalized, strict=True):
                if item is not None:
                    items.append(item)
                    spans[entry.key] = entry.span
                self._normalizing.extend(filter(self._keep, self._once_per_file(problems)))
            yield Bibliography(tuple(items), spans)

    def diagnostics(self) -> tuple[Diagnostic, ...]:
        return (*self._parsed.sorted_problems(), *self._inheritance, *self._normalizing)

    def _resolver(self) -> InheritanceResolver | None:
        if self.links is None:
            return None
        return InheritanceResolver(_KeyLookup(self.facts, self.links))  # type: ignore[arg-type]

    def _inherit(self, resolver: InheritanceResolver, entries: list[BibEntry]) -> list[BibEntry]:
        resolved = [resolver.resolve(entry) for entry in entries if entry.entry_type != "xdata"]
        self._inheritance.extend(filter(self._keep, resolver.diagnostics))
        resolver.diagnostics.clear()
        keep = self.links.parent_keys if self.links else set()
        resolver.done = {key: entry for key, entry in resolver.done.items() if key in keep}
        return resolved

    def _once_per_file(self, problems: Iterable[Diagnostic]) -> Iterator[Diagnostic]:
        for problem in problems:
            if problem.code is Code.UNKNOWN_COMMAND:
                if problem.message in self._unknown_commands:
                    continue
                self._unknown_commands.add(problem.message)
            yield problem
