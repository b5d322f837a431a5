"""Reader and Writer records, the options they take, and lookup by name or file suffix."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import TYPE_CHECKING, Any, Literal

from citeconv.csl import Bibliography
from citeconv.diagnostics import Result
from citeconv.errors import UnknownFormat

if TYPE_CHECKING:
    from citeconv.rendering.cache import RenderMemo

Markup = Literal["text", "html", "markdown", "pandoc", "rst", "latex"]
MARKUPS: tuple[Markup, ...] = ("text", "html", "markdown", "pandoc", "rst", "latex")
TitleCase = Literal["auto", "keep", "sentence"]
# (stage, done, total): called as a stage advances, so the command layer can draw a progress bar.
# Reader.read and Writer.write report each stage's start and end; inner loops may report more.
Progress = Callable[[str, int, int], None]


@dataclass(frozen=True)
class ReadOptions:
    keep_unmapped: bool = False  # keep fields with no CSL home in `note`
    # Journal title -> abbreviation (ISO 4, NLM style); None leaves container-title-short unset.
    abbreviate: Callable[[str], str | None] | None = None
    progress: Progress | None = field(default=None, compare=False)
    # `@string` macros of the inputs read before this one in the same run (name, value).
    macros: tuple[tuple[str, str], ...] = ()
    # Worker processes for normalizing entries (forked_map.py), used only from this many
    # entries on: the output never depends on them.
    jobs: int = field(default=1, compare=False)
    parallel_min_entries: int = field(default=0, compare=False)


@dataclass(frozen=True)
class WriteOptions:
    markup: Markup = "text"
    locale: str | None = None  # None: the style's default-locale, else en-US
    title_case: TitleCase = "auto"
    newline: str = "\n"  # RIS only: "\n" or "\r\n"
    jobs: int = 1  # styled output: worker processes for rendering
    parallel_min_entries: int = 0  # ...used only when at least this many entries are rendered
    progress: Progress | None = field(default=None, compare=False)
    # Rendered entries from earlier runs (commands/cache_store.py loads and saves it).
    render_memo: RenderMemo | None = field(default=None, compare=False)


ReadFunction = Callable[[str, str, ReadOptions], Result[Bibliography]]
WriteFunction = Callable[[Bibliography, WriteOptions], Result[str]]


@dataclass(frozen=True)
class Reader:
    name: str  # what --from accepts
    suffixes: tuple[str, ...]  # used to infer --from from an input file name
    summary: str
    target: str  # "module:function", imported on first use so start-up stays cheap

    def read(self, text: str, source: str, options: ReadOptions) -> Result[Bibliography]:
        function: ReadFunction = _load(self.target)
        _report(options.progress, "reading", 0, len(text))
        result = function(text, source, options)
        _report(options.progress, "reading", len(text), len(text))
        return result


@dataclass(frozen=True)
class Writer:
    name: str  # what --to accepts
    suffix: str  # used to infer --to from -o FILE
    summary: str
    target: str  # "module:function"; styled writers bind a style through `style`
    style: str | None = None  # path of the CSL file for styled writers

    def write(self, bibliography: Bibliography, options: WriteOptions) -> Result[str]:
        function = _load(self.target)
        total = len(bibliography.items)
        _report(options.progress, "writing", 0, total)
        if self.style is not None:
            result: Result[str] = function(bibliography, options, self.style)
        else:
            result = function(bibliography, options)
        _report(options.progress, "writing", total, total)
        return result


def _report(progress: Progress | None, stage: str, done: int, total: int) -> None:
    if progress is not None:
        progress(stage, done, total)


def _load(target: str) -> Callable[..., Any]:
    module_name, _, attribute = target.partition(":")
    return getattr(importlib.import_module(module_name), attribute)  # type: ignore[no-any-return]


READERS: tuple[Reader, ...] = (
    Reader(
        "bibtex",
        (".bib", ".bibtex", ".biblatex"),
        "BibTeX and BibLaTeX",
        "citeconv.readers.bibtex:read_bibtex",
    ),
    Reader("ris", (".ris",), "RIS tagged format", "citeconv.readers.ris:read_ris"),
    Reader("csl-json", (".json",), "CSL-JSON array", "citeconv.readers.csl_json:read_csl_json"),
)

WRITERS: tuple[Writer, ...] = (
    Writer("ris", ".ris", "RIS for EndNote, Zotero, Mendeley", "citeconv.writers.ris:write_ris"),
    Writer(
        "csl-json",
        ".json",
        "CSL-JSON (the hub), sorted keys",
        "citeconv.writers.csl_json:write_csl_json",
    ),
    Writer(
        "ndjson",
        ".ndjson",
        "line-delimited CSL-JSON, one item per line",
        "citeconv.writers.ndjson:write_ndjson",
    ),
)


def find_reader(name: str | None = None, path: str | None = None) -> Reader:
    """By explicit name, else by the input's suffix, else BibTeX (what stdin usually carries)."""
    if name:
        for reader in READERS:
            if reader.name == name or (name in {"biblatex", "bib"} and reader.name == "bibtex"):
                return reader
        raise UnknownFormat(_unknown("input format", name, (r.name for r in READERS)))
    suffix = PurePath(path).suffix.lower() if path else ""
    for reader in READERS:
        if suffix in reader.suffixes:
            return reader
    return READERS[0]


def find_writer(name: str | None = None, output: str | None = None) -> Writer:
    """By name (format, alias, installed style or .csl path), else by the output's suffix."""
    if not name and output:
        suffix = PurePath(output).suffix.lower()
        for writer in WRITERS:
            if writer.suffix == suffix:
                return writer
        raise UnknownFormat(
            f"cannot infer the format from '{output}'; pass --to "
            f"(one of: {', '.join(w.name for w in WRITERS)}, or a style such as apa)"
        )
    if not name:
        raise UnknownFormat("no output format: pass --to FORMAT (e.g. --to apa)")
    for writer in WRITERS:
        if writer.name == name:
            return writer
    from citeconv import styles  # only styled output pays for the style catalogue

    style = styles.resolve_style(name)
    return Writer(name, ".txt", style.title, "citeconv.writers.styled:write_styled", style.path)


def _unknown(what: str, name: str, choices: Iterable[str]) -> str:
    return f"unknown {what} '{name}'{suggest(name, list(choices))}"


def suggest(name: str, choices: Sequence[str]) -> str:
    """'; did you mean ...?' with the closest names, or '' when nothing is close."""
    import difflib  # only for a name that is not known: not worth 1 ms of every start

    close = difflib.get_close_matches(name, choices, n=3, cutoff=0.6)
    if not close:
        return ""
    return "; did you mean " + " or ".join(f"'{c}'" for c in close) + "?"
