"""The compiled journal tables answer exactly as the tables they were compiled from."""

from __future__ import annotations

import random
import re
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from pyiso4.ltwa import Abbreviate

from citeconv import journal_tables, journals
from citeconv.commands import main

from conftest import SEEDS, corpus_dir

_FIELD = re.compile(r"(?:journal|journaltitle|booktitle|series)\s*=\s*[{\"]([^{}\"\n]+)", re.I)


@pytest.fixture(scope="module")
def built_from_csv() -> Abbreviate:
    """pyiso4's own abbreviator, its trees built from the CSV as before the index."""
    return Abbreviate.create()


def _titles_in(folder: Path) -> set[str]:
    titles: set[str] = set()
    for path in sorted(folder.rglob("*.bib")):
        text = path.read_text(encoding="utf-8", errors="replace")
        titles.update(match.strip() for match in _FIELD.findall(text))
    return titles


def _titles_from_ltwa_words(count: int) -> set[str]:
    """Titles made of LTWA words and stems, so that every kind of pattern is exercised:
    word starts, word ends (`-logy`), multi-word keys, inflections, stopwords."""
    ltwa_file = Abbreviate.create.__func__.__defaults__[0]
    words = [line.split("\t")[0] for line in Path(ltwa_file).read_text("utf-8").splitlines()[1:]]
    words = [re.sub(r"\(.*\)", "", word).strip("- ") or "of" for word in words]
    generator = random.Random(16)
    return {
        " ".join(generator.choice(words) for _ in range(generator.randint(1, 5))).title()
        for _ in range(count)
    }


def _outcome(abbreviator: Any, title: str, remove_part: bool) -> object:
    try:
        return abbreviator(title, remove_part=remove_part)
    except (ValueError, KeyError, IndexError) as error:  # what journals.py turns into None
        return type(error)


def _assert_same(titles: set[str], built_from_csv: Abbreviate) -> None:
    compiled = journals._abbreviator()
    for title in sorted(titles):
        for remove_part in (True, False):
            expected = _outcome(built_from_csv, title, remove_part)
            assert _outcome(compiled, title, remove_part) == expected, title


def test_the_index_abbreviates_generated_titles_as_the_csv_trees_do(
    built_from_csv: Abbreviate,
) -> None:
    titles = _titles_from_ltwa_words(1500) | _titles_in(SEEDS)
    titles |= {"Journal of Geography", "Annales de la Faculté", "Physiological Zoology"}
    _assert_same(titles, built_from_csv)


def test_the_index_abbreviates_every_corpus_title_as_the_csv_trees_do(
    built_from_csv: Abbreviate,
) -> None:
    _assert_same(
        _titles_in(corpus_dir("large")) | _titles_in(corpus_dir("realworld")), built_from_csv
    )


def test_a_table_is_compiled_once_then_opened(tmp_path: Path) -> None:
    builds: list[int] = []

    def build(connection: sqlite3.Connection) -> None:
        builds.append(1)
        connection.execute("CREATE TABLE mapping (key TEXT PRIMARY KEY, value TEXT)")
        connection.execute("INSERT INTO mapping VALUES ('a', 'b')")

    for _ in range(2):
        connection = journal_tables.open_compiled("t", build, ["mapping"], tmp_path)
        assert connection.execute("SELECT key, value FROM mapping").fetchall() == [("a", "b")]
    assert builds == [1]
    assert [p.name for p in tmp_path.iterdir()] == ["t.sqlite"]  # no temporary file left


def test_an_unwritable_place_builds_the_table_in_memory(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")

    def build(connection: sqlite3.Connection) -> None:
        connection.execute("CREATE TABLE mapping (key TEXT PRIMARY KEY, value TEXT)")
        connection.execute("INSERT INTO mapping VALUES ('x', 'y')")

    connection = journal_tables.open_compiled("t", build, ["mapping"], blocker / "tables")
    assert connection.execute("SELECT value FROM mapping").fetchall() == [("y",)]


@pytest.mark.parametrize(
    "damage", [b"", b"SQLite format 3\x00" + bytes(200), bytes(range(256)) * 20]
)
def test_a_damaged_table_is_compiled_again(tmp_path: Path, damage: bytes) -> None:
    builds: list[int] = []

    def build(connection: sqlite3.Connection) -> None:
        builds.append(1)
        connection.execute("CREATE TABLE mapping (key TEXT PRIMARY KEY, value TEXT)")
        connection.execute("INSERT INTO mapping VALUES ('a', 'b')")

    (tmp_path / "t.sqlite").write_bytes(damage)  # cut short by a full disk, or overwritten
    connection = journal_tables.open_compiled("t", build, ["mapping"], tmp_path)
    assert connection.execute("SELECT value FROM mapping").fetchall() == [("b",)]
    assert builds == [1]
    again = journal_tables.open_compiled("t", build, ["mapping"], tmp_path)
    assert again.execute("SELECT value FROM mapping").fetchall() == [("b",)]
    assert builds == [1]  # the repaired file is used from then on


def test_a_changed_source_gets_a_new_fingerprint(tmp_path: Path) -> None:
    source = tmp_path / "table.toml"
    source.write_text("a = 1\n")
    before = journal_tables.fingerprint(source)
    source.write_text("a = 22\n")
    assert journal_tables.fingerprint(source) != before


@pytest.mark.parametrize("offset", [0.15, 0.45, 0.75, 0.97])
def test_damage_anywhere_in_the_word_list_table_never_fails_a_conversion(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, offset: float
) -> None:
    # Pages of the table are read at open, pages of its index only by queries: both recover.
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    _forget_opened_tables()
    args = ["convert", str(SEEDS / "koutras2020.bib"), "--to", "ris", "--no-cache"]
    first = CliRunner().invoke(main, args)
    (table,) = (tmp_path / "citeconv" / "tables").glob("ltwa-*.sqlite")
    data = bytearray(table.read_bytes())
    start = int(len(data) * offset)
    data[start : start + 60_000] = (bytes(range(256)) * 240)[: len(data[start : start + 60_000])]
    table.write_bytes(bytes(data))
    _forget_opened_tables()
    again = CliRunner().invoke(main, args)
    assert (again.exit_code, again.stdout, again.stderr) == (0, first.stdout, first.stderr)
    assert "J2  - Br J Cancer\n" in again.stdout
    _forget_opened_tables()  # later tests open the session's own tables again


def _forget_opened_tables() -> None:
    journals._abbreviator.cache_clear()
    journals.abbreviate_journal.cache_clear()
