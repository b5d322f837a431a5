"""Reading and normalizing a file in worker processes gives what one process gives (issue 16).

`read_forked` evaluates and normalizes entries in workers; what links entries (duplicate keys,
`crossref`, `xdata`, `xref`, `ids`), the `@string` values at each entry's place and the file's
macro budget are the parts that could tell the two apart, so each has its case here.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from citeconv import journals
from citeconv.csl import Bibliography
from citeconv.diagnostics import Result
from citeconv.formats import ReadOptions
from citeconv.readers.bibtex import read_bibtex
from citeconv.readers.bibvalues import MAX_EXPANSION, MAX_EXPANSION_PER_FILE
from citeconv.readers.blocks import prescan
from citeconv.readers.forked_bibtex import MacrosAt, read_forked

from conftest import CORPUS

BIB_FILES = sorted(
    path for folder in ("realworld", "malformed") for path in (CORPUS / folder).glob("*.bib")
)
ALONE = ReadOptions(abbreviate=journals.abbreviate_journal)
FORKED = replace(ALONE, jobs=2, parallel_min_entries=0)


def _assert_same(forked: Result[Bibliography], alone: Result[Bibliography]) -> None:
    assert forked.value == alone.value
    assert [list(item) for item in forked.value.items] == [
        list(item) for item in alone.value.items
    ]  # the same keys in the same order: CSL-JSON prints them in order
    assert forked.value.spans == alone.value.spans
    assert forked.diagnostics == alone.diagnostics


def _read_both(text: str, options: ReadOptions = FORKED) -> Result[Bibliography]:
    """The forked reading, checked against one process; it must not have fallen back."""
    forked = read_forked(prescan(text), "refs.bib", options)
    assert forked is not None
    _assert_same(forked, read_bibtex(text, "refs.bib", replace(options, jobs=1)))
    return forked


@pytest.mark.skipif(not BIB_FILES, reason="shared corpus not found")
@pytest.mark.parametrize("path", BIB_FILES, ids=lambda path: path.name)
def test_every_corpus_file_reads_the_same_in_workers(path: Path) -> None:
    text = path.read_text(encoding="utf-8", errors="replace")
    _assert_same(read_bibtex(text, path.name, FORKED), read_bibtex(text, path.name, ALONE))


LINKED = r"""
@string{jn = "Journal of Tests"}
@article{plain1, author = {Smith, John and Doe, Jane}, title = {A {T}itle}, journal = jn,
  year = 2001, bibdate = {x}}
@proceedings{proc, title = {Proceedings of Things}, editor = {Ed, Itor}, year = 1999,
  publisher = {Pub}}
@inproceedings{child, author = {Kid, A.}, title = {Inside}, crossref = {PROC}, pages = {1--2}}
@xdata{shared, publisher = {Lent Publisher}, location = {Here}}
@book{lender, title = {Borrower}, xdata = {shared}, author = {B, C}}
@article{xr, title = {Xref}, xref = {nowhere}, journal = jn}
@article{aliased, ids = {alias1, alias2}, title = {Has aliases}, journal = jn}
@inbook{usesalias, title = {Part}, crossref = {alias2}}
@article{dup, title = {One}, journal = jn}
@article{DUP, title = {One}, journal = jn}
@article{dup, title = {Two}, journal = jn}
@article{dup-2, title = {Taken already}, journal = jn}
@article{, title = {No key}}
@string{jn = "Journal of Other Tests"}
@article{after, title = {After the redefinition}, journal = jn, note = undefinedmacro}
@set{aset, entryset = {plain1,after}}
@article{cycle1, crossref = {cycle2}, title = {C1}}
@article{cycle2, crossref = {cycle1}, title = {C2}}
@article{unknown, title = {\foo{bar} and \foo{baz}}, journal = {J. \emph{Em}}}
@misc{parentofnone, title = {Nobody links here}}
@article{named, title = {Named by crossref only}, year = 2020}
@inproceedings{late, crossref = {named}}
"""


def test_links_duplicates_and_macros_read_as_in_one_process() -> None:
    result = _read_both(LINKED)
    ids = [item["id"] for item in result.value.items]
    assert ids[:3] == ["plain1", "proc", "child"]
    assert "dup-3" in ids and "DUP" not in ids  # the same content dropped, the other renamed
    containers = {item["id"]: item.get("container-title") for item in result.value.items}
    assert containers["plain1"] == "Journal of Tests"
    assert containers["after"] == "Journal of Other Tests"  # the macro at the entry's place
    assert containers["child"] == "Proceedings of Things"  # crossref inherited in a worker run


def test_string_macros_of_an_earlier_input_are_in_effect() -> None:
    options = replace(FORKED, macros=(("jn", "Inherited Journal"), ("other", "O")))
    text = "@article{a, journal = jn}\n@string{jn = other # { 2}}\n@article{b, journal = jn}\n"
    result = _read_both(text, options)
    assert [item["container-title"] for item in result.value.items] == [
        "Inherited Journal",
        "O 2",
    ]


def test_an_entry_too_complex_is_skipped_as_in_one_process() -> None:
    big = "x" * (MAX_EXPANSION // 2 + 1)
    text = f'@string{{half = "{big}"}}\n@article{{a, title = half # half # half}}\n'
    text += "@article{b, title = {Kept}}\n" * 3
    result = _read_both(text)
    assert [item["id"] for item in result.value.items] == ["b"]
    assert "entry skipped" in result.diagnostics[0].message


def test_a_file_that_may_run_out_of_its_macro_budget_is_read_in_one_process() -> None:
    """Past the budget entries are lost, and which ones only one process knows."""
    value = "y" * (MAX_EXPANSION - 10)
    entries = MAX_EXPANSION_PER_FILE // len(value) + 2
    text = f'@string{{m = "{value}"}}\n' + "".join(
        f"@misc{{e{n}, xfield = m # {{.}}, title = {{T{n}}}}}\n" for n in range(entries)
    )
    assert read_forked(prescan(text), "refs.bib", FORKED) is None
    forked = read_bibtex(text, "refs.bib", FORKED)
    _assert_same(forked, read_bibtex(text, "refs.bib", ALONE))
    assert any("in this file" in d.message for d in forked.diagnostics)


@pytest.mark.parametrize(
    "unclean",
    [
        "@article(paren, title = {Parentheses: the general splitter's})\n",
        '@article{quoted, title = "A {"}quote"}\n',
        "@string(jn = {Journal in parentheses})\n",
    ],
)
def test_a_file_the_general_splitter_must_read_reads_the_same(unclean: str) -> None:
    """One entry (or @string) the pre-scan's blocks cannot give sends the whole file to the
    splitter, whether a worker or this process finds it."""
    for at in (0, 5, 11):
        lines = LINKED.strip().splitlines(keepends=True)
        _read_both("".join(lines[:at]) + unclean + "".join(lines[at:]))


def test_macros_at_a_place_see_only_earlier_definitions() -> None:
    history = {"a": [(1, "one"), (3, "three")], "b": [(2, "two")]}
    assert dict(MacrosAt(history, 1)) == {"a": "one"}
    assert dict(MacrosAt(history, 2)) == {"a": "one", "b": "two"}
    assert MacrosAt(history, 5)["a"] == "three"
    assert "b" not in MacrosAt(history, 1) and "c" not in MacrosAt(history, 5)
    with pytest.raises(KeyError):
        MacrosAt(history, 0)["a"]
