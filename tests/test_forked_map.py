"""Normalizing and preparing in worker processes gives what one process gives (issue 16)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from citeconv import journals
from citeconv.diagnostics import Severity
from citeconv.forked_map import forked_map
from citeconv.formats import ReadOptions, WriteOptions, find_writer
from citeconv.normalize import to_csl
from citeconv.readers.bibtex import parse_bibtex
from citeconv.writers.styled import prepare_items

from conftest import CORPUS

BIB_FILES = sorted(
    path for folder in ("realworld", "malformed") for path in (CORPUS / folder).glob("*.bib")
)
FORKED = {"jobs": 2, "parallel_min_entries": 0}


def _square(number: int) -> int:
    return number * number


def _severity(name: str) -> Severity:
    return Severity(name)  # a str subclass: not plain data, so it crosses pickled


def _fails_on_seven(number: int) -> int:
    if number == 7:
        raise ValueError("seven")
    return number


def test_results_come_back_in_order_whatever_the_slices() -> None:
    for count in (2, 3, 8, 9, 31, 100):
        assert forked_map(_square, list(range(count)), 2, 0) == [n * n for n in range(count)]


def test_results_that_are_not_plain_data_cross_exactly() -> None:
    names = ["info", "warning", "error"] * 5
    results = forked_map(_severity, names, 2, 0)
    assert results == [Severity(name) for name in names]
    assert all(type(result) is Severity for result in results)


def test_a_failure_in_a_worker_is_raised_in_the_parent() -> None:
    with pytest.raises(ValueError, match="seven"):
        forked_map(_fails_on_seven, list(range(20)), 2, 0)


def test_a_killed_worker_has_its_share_computed_again_here() -> None:
    """A worker killed mid-way (out of memory, by hand) costs time, never results, and the
    run never waits forever on it, as it did on a pool's shared queue (issue 15)."""
    import os
    import signal

    parent = os.getpid()

    def dies_in_a_worker(number: int) -> int:
        if number == 13 and os.getpid() != parent:
            os.kill(os.getpid(), signal.SIGKILL)
        return number * 2

    assert forked_map(dies_in_a_worker, list(range(40)), 2, 0) == [n * 2 for n in range(40)]


def test_below_the_threshold_nothing_forks() -> None:
    import os

    assert set(forked_map(lambda _: os.getpid(), list(range(5)), 2, 6)) == {os.getpid()}
    assert os.getpid() not in set(forked_map(lambda _: os.getpid(), list(range(6)), 2, 6))


def test_a_worker_opens_its_own_journal_tables() -> None:
    """SQLite forbids using a connection opened before a fork in the child."""
    journals._abbreviator()  # the parent holds its connection when the workers fork
    parent = journals.abbreviate_journal("Journal of Applied Tests in Surgery")

    def abbreviated(title: str) -> tuple[str | None, int]:
        journals.abbreviate_journal.cache_clear()
        return journals.abbreviate_journal(title), len(journals._inherited_abbreviators)

    titles = ["Journal of Applied Tests in Surgery", "British Journal of Cancer"] * 2
    results = forked_map(abbreviated, titles, 2, 0)
    assert results[0] == (parent, 1)
    assert results[1] == ("Br J Cancer", 1)


@pytest.mark.skipif(not BIB_FILES, reason="shared corpus not found")
@pytest.mark.parametrize("path", BIB_FILES, ids=lambda path: path.name)
def test_every_corpus_file_normalizes_the_same_in_workers(path: Path) -> None:
    text = path.read_text(encoding="utf-8", errors="replace")
    entries = parse_bibtex(text, path.name).value
    options = ReadOptions(abbreviate=journals.abbreviate_journal)
    alone = to_csl(entries, options)
    forked = to_csl(entries, replace(options, **FORKED))
    assert forked.value == alone.value
    assert [tuple(item) for item in forked.value.items] == [
        tuple(item) for item in alone.value.items
    ]  # the same keys in the same order: CSL-JSON output prints them in order
    assert forked.diagnostics == alone.diagnostics


@pytest.mark.skipif(not BIB_FILES, reason="shared corpus not found")
@pytest.mark.parametrize(
    "style", ["apa", "vancouver", "chicago-author-date", "harvard-cite-them-right"]
)
def test_every_corpus_file_is_prepared_the_same_in_workers(style: str) -> None:
    path = find_writer(style).style
    assert path is not None
    for bib in BIB_FILES:
        text = bib.read_text(encoding="utf-8", errors="replace")
        items = to_csl(parse_bibtex(text, bib.name).value, ReadOptions()).value.items
        alone: list[Any] = prepare_items(items, path, WriteOptions())
        forked: list[Any] = prepare_items(items, path, WriteOptions(**FORKED))
        assert forked == alone, bib.name
        assert [list(item) for item in forked] == [list(item) for item in alone], bib.name


@pytest.mark.skipif(not BIB_FILES, reason="shared corpus not found")
@pytest.mark.parametrize("to", ["csl-json", "ris"])
def test_every_corpus_file_converts_the_same_with_two_workers(to: str) -> None:
    """Through the command line: output, diagnostics and exit code, for every corpus file."""
    from click.testing import CliRunner

    from citeconv.commands import main

    for bib in BIB_FILES:
        runs = [
            CliRunner().invoke(
                main, ["convert", str(bib), "--to", to, "--no-cache", "--jobs", jobs]
            )
            for jobs in ("1", "2")
        ]
        one, two = ((run.exit_code, run.stdout, run.stderr) for run in runs)
        assert two == one, bib.name
        assert one[0] in (0, 1, 3), (bib.name, one[2])
