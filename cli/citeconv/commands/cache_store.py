"""The on-disk cache: journal abbreviations, rendered entries and whole outputs between runs.

Layout under the user cache directory (or --cache-dir):
  journals-<version>.json     title -> ISO 4 abbreviation (skips loading the LTWA)
  rendering/<context>.json    entry key -> citeproc-py HTML and warnings, one file per setup
  output/<key>.json           a whole conversion (output and diagnostics) for identical inputs

Every write goes to a temporary file that is renamed into place, so concurrent runs never see
half a file (the last writer wins; a cache may lose entries, never corrupt them). A file that
cannot be read or parsed is a miss. The total size is bounded: the oldest files go first.
A cache problem never fails a conversion.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Callable, Sequence
from dataclasses import fields, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from citeconv import __version__, lazy_regex
from citeconv.commands.files import style_bytes
from citeconv.diagnostics import Code, Diagnostic, Result, Severity, SourceSpan
from citeconv.formats import Reader, ReadOptions, WriteOptions, Writer
from citeconv.pipeline import Source

if TYPE_CHECKING:
    from hashlib import _Hash

    from citeconv.journals import JournalAbbreviations
    from citeconv.rendering.cache import CacheContext, RenderMemo

MAX_BYTES = 256 * 1024 * 1024
MAX_ENTRIES_PER_FILE = 100_000
Conversion = Callable[[Sequence[Source], Reader, Writer, ReadOptions, WriteOptions], Result[str]]

_SURROGATE_ESCAPE = lazy_regex.compile(r"\\u[dD][89a-fA-F]")


class CacheStore:
    def __init__(self, root: Path, max_bytes: int = MAX_BYTES) -> None:
        self.root = root
        self.max_bytes = max_bytes
        self.code = code_fingerprint()

    @classmethod
    def open(cls, cache_dir: str | None, disabled: bool) -> CacheStore | None:
        if disabled:
            return None
        if cache_dir is None:
            from platformdirs import user_cache_dir

            cache_dir = user_cache_dir("citeconv", appauthor=False)
        return cls(Path(cache_dir))

    def read_json(self, relative: str) -> Any:
        """The file's value; None (a miss) if it cannot be read or is not one this cache
        wrote: `write_json` writes every character as itself, so an escaped surrogate
        (`\\ud800`, which could give text no output can hold) marks another writer's file."""
        try:
            text = (self.root / relative).read_text(encoding="utf-8")
            return None if _SURROGATE_ESCAPE.search(text) else json.loads(text)
        except (OSError, ValueError, RecursionError):
            return None

    def write_json(self, relative: str, value: Any) -> None:
        import tempfile  # the cache's modules load only when a run uses the cache

        target = self.root / relative
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(prefix=".tmp-", dir=target.parent)
            with os.fdopen(handle, "w", encoding="utf-8") as stream:
                # One dumps call: json.dump to a stream takes the slower pure-Python encoder.
                stream.write(json.dumps(value, ensure_ascii=False, separators=(",", ":")))
            os.replace(temporary, target)
        except (OSError, ValueError):  # also text that UTF-8 cannot hold (a lone surrogate)
            if "temporary" in locals():
                with contextlib.suppress(OSError):
                    Path(temporary).unlink(missing_ok=True)

    def prune(self) -> None:
        """Delete the least recently written files while the cache is over its size bound."""
        try:
            files = [(p.stat(), p) for p in self.root.rglob("*.json") if p.is_file()]
        except OSError:
            return
        total = sum(status.st_size for status, _ in files)
        for status, path in sorted(files, key=lambda pair: pair[0].st_mtime_ns):
            if total <= self.max_bytes:
                break
            with contextlib.suppress(OSError):
                path.unlink(missing_ok=True)
            total -= status.st_size


def _sha256(data: bytes = b"") -> _Hash:
    """hashlib.sha256, loaded on first use: importing hashlib (OpenSSL) costs 3 ms of every
    start, and a `--no-cache` run never hashes."""
    import hashlib

    return hashlib.sha256(data)


def code_fingerprint() -> str:
    """citeconv's version and the size and mtime of its modules and of its style data
    (styles/*.toml: journal abbreviations, title rules): changed code or data, fresh cache."""
    from citeconv.project_data import data_dir

    package = Path(__file__).resolve().parent.parent
    digest = _sha256(__version__.encode())
    modules = [(str(path.relative_to(package)), path) for path in sorted(package.rglob("*.py"))]
    tables = [(f"data/{path.name}", path) for path in sorted(data_dir().glob("*.toml"))]
    for name, path in [*modules, *tables]:
        status = path.stat()
        digest.update(f"{name}:{status.st_size}:{status.st_mtime_ns};".encode())
    return digest.hexdigest()[:16]


def output_key(
    store: CacheStore,
    sources: Sequence[Source],
    reader: Reader,
    writer: Writer,
    options: tuple[ReadOptions, WriteOptions],
) -> str:
    read, write = options
    digest = _sha256()
    style = (style_bytes(writer.style) or b"") if writer.style else b""
    for part in (
        store.code,
        reader.name,
        writer.name,
        writer.style or "",
        _sha256(style).hexdigest(),
        _options_text(read),
        _options_text(write),
    ):
        digest.update(part.encode("utf-8", "surrogatepass") + b"\0")  # a path may hold any byte
    for source in sources:
        own_reader = source.reader.name if source.reader else ""
        for part in (source.name, own_reader, source.text):
            digest.update(part.encode("utf-8", "surrogatepass") + b"\0")
    return digest.hexdigest()


def _options_text(options: ReadOptions | WriteOptions) -> str:
    """Every option that can change the output; callables and memos only by presence."""
    values = []
    for option in fields(options):
        value = getattr(options, option.name)
        if option.name in _NOT_OUTPUT:
            continue
        plain = value is None or isinstance(value, str | int | float | bool | tuple)
        values.append(f"{option.name}={value!r}" if plain else f"{option.name}:set")
    return ";".join(values)


# Options that change how fast or how visibly a conversion runs, never its result.
_NOT_OUTPUT = frozenset({"progress", "jobs", "parallel_min_entries", "render_memo"})


def result_to_json(result: Result[str]) -> dict[str, Any]:
    return {
        "value": result.value,
        "diagnostics": [
            [
                str(d.severity),
                str(d.code),
                d.message,
                [d.span.source, d.span.line, d.span.key] if d.span else None,
            ]
            for d in result.diagnostics
        ],
    }


def result_from_json(data: Any) -> Result[str] | None:
    # Enum look-ups by value are slow; a warm run of 10,000 entries replays ~19,000 diagnostics.
    severities = {member.value: member for member in Severity}
    codes = {member.value: member for member in Code}
    try:
        diagnostics = tuple(
            Diagnostic(severities[severity], codes[code], _text(message), _span(span))
            for severity, code, message, span in data["diagnostics"]
        )
        return Result(_text(data["value"]), diagnostics)
    except (KeyError, TypeError, ValueError):  # a file of another shape is a miss
        return None


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise TypeError("not text")
    return value


def _span(span: Any) -> SourceSpan | None:
    if span is None:
        return None
    source, line, key = span
    if not isinstance(line, int) or isinstance(line, bool) or not isinstance(key, str | None):
        raise TypeError("not a source span")
    return SourceSpan(_text(source), line, key)


def cached_conversion(
    store: CacheStore | None,
    conversion: Conversion,
    sources: Sequence[Source],
    reader: Reader,
    writer: Writer,
    options: tuple[ReadOptions, WriteOptions],
) -> Result[str]:
    """`conversion` with the caches: a whole-output hit returns at once; otherwise journal
    abbreviations and rendered entries from earlier runs are handed to the core as memos."""
    read, write = options
    if store is None:
        return conversion(sources, reader, writer, read, write)
    key = output_key(store, sources, reader, writer, options)
    cached = result_from_json(store.read_json(f"output/{key}.json"))
    if cached is not None:
        return cached
    journals = _journal_memo(store) if read.abbreviate is not None else None
    memo = _render_memo(store, writer, write)
    result = conversion(
        sources,
        reader,
        writer,
        replace(read, abbreviate=journals) if journals is not None else read,
        replace(write, render_memo=memo) if memo is not None else write,
    )
    if journals is not None and journals.learned:
        earlier = store.read_json(_JOURNALS)
        store.write_json(
            _JOURNALS, {**(earlier if isinstance(earlier, dict) else {}), **journals.learned}
        )
    if memo is not None and memo.fresh:
        store.write_json(_render_file(memo.context), _memo_to_json(memo))
    store.write_json(f"output/{key}.json", result_to_json(result))
    store.prune()  # once per run: it walks the whole cache folder
    return result


# The revision changes whenever abbreviate_journal's results do, so no stale memo is reused.
_JOURNALS = f"journals-{__version__}-r3.json"


def _journal_memo(store: CacheStore) -> JournalAbbreviations:
    from citeconv.journals import JournalAbbreviations

    known = store.read_json(_JOURNALS)
    if not isinstance(known, dict):
        known = {}
    plain = {k: v for k, v in known.items() if isinstance(v, str)}  # a wrong shape is a miss
    return JournalAbbreviations(plain)


def _render_memo(store: CacheStore, writer: Writer, options: WriteOptions) -> RenderMemo | None:
    if writer.style is None:
        return None
    from citeconv.rendering.cache import CacheContext, RenderMemo, style_prints_position

    style = style_bytes(writer.style)
    if style is None:
        return None
    context = CacheContext(
        store.code,
        _sha256(style).hexdigest(),
        options.locale,
        options.title_case,
        style_prints_position(style),
    )
    known = store.read_json(_render_file(context))
    entries = {}
    if isinstance(known, dict):
        for key, value in known.items():
            if _is_cached_entry(value):
                entries[key] = (value[0], tuple(value[1]))
    return RenderMemo(context, entries)


def _is_cached_entry(value: Any) -> bool:
    """`[html or null, [warning, ...]]`: anything else in the file is ignored."""
    if not isinstance(value, list) or len(value) != 2 or not isinstance(value[0], str | None):
        return False
    return isinstance(value[1], list) and all(isinstance(w, str) for w in value[1])


def _render_file(context: CacheContext) -> str:
    name = _sha256(repr(context).encode("utf-8")).hexdigest()[:32]
    return f"rendering/{name}.json"


def _memo_to_json(memo: RenderMemo) -> dict[str, Any]:
    """This run's entries first, then older ones while the file stays within its bound."""
    keys = [*sorted(memo.used), *(key for key in memo.known if key not in memo.used)]
    return {key: list(memo.known[key]) for key in keys[:MAX_ENTRIES_PER_FILE]}
