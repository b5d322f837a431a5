"""The journal tables (ISO 4 word list, NLM Catalog titles) compiled once into sqlite indexes.

Building the ISO 4 word list from its CSV makes ~400,000 Python objects and costs 0.3-1.2 s,
more than converting a small file. The first run compiles each table into a sqlite file under
the user cache directory (`tables/`, named by a fingerprint of its source, written atomically);
every later run opens it in about a millisecond and reads only the rows a title asks for.
These files are an index of installed data, like Python's bytecode cache: `--no-cache`, which
is about conversions, does not turn them off. Where nothing can be written they are built in
memory, which is as slow as before but still correct.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

# Bump when the layout or the compiling code changes: older files are then never opened.
_LAYOUT = "1"

Row = tuple[str, int, str, str, str]  # (key, order in the source, pattern, replacement, langs)


def tables_dir() -> Path:
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("citeconv", appauthor=False)) / "tables"


def fingerprint(*sources: Path) -> str:
    """Names a compiled table: changes when a source file or the layout changes."""
    digest = hashlib.sha256(_LAYOUT.encode())
    for source in sources:
        status = source.stat()
        digest.update(f"{source.resolve()}\0{status.st_size}\0{status.st_mtime_ns}\0".encode())
    return digest.hexdigest()[:20]


def open_compiled(
    name: str,
    build: Callable[[sqlite3.Connection], None],
    tables: Iterable[str],
    directory: Path | None = None,
    damaged: bool = False,
) -> sqlite3.Connection:
    """The sqlite file `name`, compiled by `build` on first use; read-only from then on. A
    file that does not hold `tables` (cut short by a full disk or a killed run, overwritten),
    or that a query found `damaged`, is compiled again: a damaged cache never fails a
    conversion (issue 15)."""
    path = (directory or tables_dir()) / f"{name}.sqlite"
    wanted = frozenset(tables)
    if not damaged and path.exists() and (connection := _opened(path, wanted)) is not None:
        return connection
    try:
        _compile_to(path, build)
        if (connection := _opened(path, wanted)) is not None:
            return connection
    except (OSError, sqlite3.Error):
        pass
    memory = sqlite3.connect(":memory:", check_same_thread=False)
    build(memory)
    return memory


def _opened(path: Path, tables: frozenset[str]) -> sqlite3.Connection | None:
    try:
        connection = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, check_same_thread=False)
        rows = connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        if tables <= {row[0] for row in rows}:
            return connection
        connection.close()
    except sqlite3.Error:
        pass
    return None


def _compile_to(path: Path, build: Callable[[sqlite3.Connection], None]) -> None:
    # A temporary file renamed into place: a concurrent run sees the whole table or none.
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=".tmp-", suffix=".sqlite", dir=path.parent)
    os.close(handle)
    try:
        connection = sqlite3.connect(temporary)
        try:
            build(connection)
            connection.commit()
        finally:
            connection.close()
        os.replace(temporary, path)
    finally:
        Path(temporary).unlink(missing_ok=True)


class PrefixIndex:
    """Rows whose key is a prefix of a word, in source order: what pyiso4's prefix tree
    returns for that word, once its `match` has dropped the tree's false candidates (a tree
    leaf holds up to five keys that need not be prefixes; `match` accepts only prefixes)."""

    def __init__(
        self,
        connection: sqlite3.Connection,
        table: str,
        make: Callable[..., Any],
        compile_again: Callable[[], sqlite3.Connection],
    ):
        """`compile_again`: a new connection, for a file a query finds damaged."""
        self._connection = connection
        self._table = table
        self._make = make
        self._compile_again = compile_again
        try:  # reads every row of the table: most damage shows here
            longest = connection.execute(f"SELECT max(length(key)) FROM {table}").fetchone()[0]
        except sqlite3.DatabaseError:
            self._connection = connection = compile_again()
            longest = connection.execute(f"SELECT max(length(key)) FROM {table}").fetchone()[0]
        self._longest = int(longest or 0)
        marks = ",".join("?" * (self._longest + 1))
        self._sql = (
            f"SELECT pattern, replacement, langs FROM {table} "
            f"WHERE key IN ({marks}) ORDER BY position"
        )
        self._found: dict[str, tuple[Any, ...]] = {}

    def search(self, word: str) -> list[Any]:
        head = word[: self._longest]  # no longer key can match: the answer depends on this
        found = self._found.get(head)
        if found is None:
            found = self._found[head] = self._query(head)
        return list(found)  # a new list: pyiso4 extends the one it gets

    def _query(self, head: str) -> tuple[Any, ...]:
        # Always `_longest + 1` parameters (the last prefix repeated), so that sqlite prepares
        # the statement once and reuses it.
        prefixes = [head[:length] for length in range(self._longest + 1)]
        try:
            rows = self._connection.execute(self._sql, prefixes).fetchall()
        except sqlite3.DatabaseError:  # damage in the index's pages, which only queries read
            self._connection = self._compile_again()
            rows = self._connection.execute(self._sql, prefixes).fetchall()
        return tuple(
            self._make(pattern, replacement, langs.split()) for pattern, replacement, langs in rows
        )


def store_patterns(connection: sqlite3.Connection, table: str, rows: Iterable[Row]) -> None:
    connection.execute(
        f"CREATE TABLE {table} (key TEXT, position INTEGER, pattern TEXT, replacement TEXT, "
        "langs TEXT)"
    )
    connection.executemany(f"INSERT INTO {table} VALUES (?, ?, ?, ?, ?)", rows)
    connection.execute(f"CREATE INDEX {table}_key ON {table} (key)")


def compiled_ltwa(
    ltwa_file: Path, parse_line: Callable[[str], Any], make: Callable[..., Any]
) -> tuple[PrefixIndex, PrefixIndex]:
    """pyiso4's two pattern trees (word starts, and word ends keyed reversed) as indexes.

    `parse_line` is pyiso4's `Pattern.from_line` and `make` its `Pattern`, handed over by the
    adapter (journals.py), so the rows hold exactly what pyiso4 would have put in its trees."""

    def build(connection: sqlite3.Connection) -> None:
        starts: list[Row] = []
        ends: list[Row] = []
        with ltwa_file.open(encoding="utf-8") as lines:
            next(lines, None)  # the header
            for position, line in enumerate(lines):
                if line == "\n":
                    continue
                pattern = parse_line(line)
                key = pattern.to_key()
                target, key = (ends, key[::-1]) if pattern.start_with_dash else (starts, key)
                langs = " ".join(pattern.langs)
                target.append((key, position, pattern.pattern, pattern.replacement, langs))
        store_patterns(connection, "starts", starts)
        store_patterns(connection, "ends", ends)

    name, tables = f"ltwa-{fingerprint(ltwa_file)}", ("starts", "ends")
    connection = open_compiled(name, build, tables)

    def compile_again() -> sqlite3.Connection:
        return open_compiled(name, build, tables, damaged=True)

    return (
        PrefixIndex(connection, "starts", make, compile_again),
        PrefixIndex(connection, "ends", make, compile_again),
    )
