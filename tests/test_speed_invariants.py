"""Speed never changes output: --jobs 1 vs --jobs 2, cold vs warm cache, one entry re-rendered."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from citeconv.commands import main
from citeconv.commands.cache_store import CacheStore
from citeconv.csl import Bibliography, CslItem
from citeconv.formats import WriteOptions, find_writer
from citeconv.journals import JournalAbbreviations, style_prints_abbreviations
from citeconv.rendering import citeproc, parallel, speedups
from citeconv.rendering.cache import CacheContext, RenderMemo, entry_key
from citeconv.writers.styled import write_styled

from conftest import SEEDS

# Two same-author same-year pairs (year suffixes are global), a missing year, an undefined macro
# (a warning that a warm cache must replay), accents, and enough entries for several chunks.
BIB = r"""
@article{smith2020b, author = {Smith, Ann}, title = {Second of two}, journal = {Journal of Tests},
  year = 2020, volume = 2, pages = {10--20}}
@article{smith2020a, author = {Smith, Ann}, title = {First of two}, journal = {Journal of Tests},
  year = 2020, volume = 1, pages = {1--9}}
@book{zeta, author = {Zeta, Z{\"o}e and Alpha, Al}, title = {A book}, publisher = {Press},
  year = 1999}
@article{nodate, author = {Brown, Bob}, title = {Undated}, journal = undefinedmacro}
@incollection{chapter, author = {Jones, Jo}, editor = {Ed, Ed}, title = {A chapter},
  booktitle = {The collection}, publisher = {Press}, year = 2010, pages = {5--7}}
@article{lee1, author = {Lee, Kim}, title = {One}, journal = {Nature}, year = 2015}
@article{lee2, author = {Lee, Kim}, title = {Two}, journal = {Nature}, year = 2015}
@misc{web, author = {{World Health Organization}}, title = {Fact sheet}, year = 2021,
  url = {https://example.org/x}}
"""


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["convert", *args])
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def bib(tmp_path: Path) -> Path:
    path = tmp_path / "refs.bib"
    path.write_text(BIB, encoding="utf-8")
    return path


@pytest.mark.parametrize("style", ["apa", "vancouver", "chicago-author-date"])
@pytest.mark.parametrize("markup", ["text", "html"])
def test_jobs_2_is_byte_identical_to_jobs_1(bib: Path, style: str, markup: str) -> None:
    one = run(str(bib), "--to", style, "--markup", markup, "--jobs", "1", "--no-cache")
    two = run(str(bib), "--to", style, "--markup", markup, "--jobs", "2", "--no-cache")
    assert one[0] == 0 and one[1].count("\n") == 8
    assert two == one


def test_worker_processes_render_what_one_process_renders() -> None:
    items = [
        {
            "id": f"k{n}",
            "type": "book",
            "title": f"Title {n}",
            "issued": {"date-parts": [[2000 + n]]},
        }
        for n in range(9)
    ]
    path = find_writer("vancouver").style
    assert path is not None
    ordered = citeproc.sort_bibliography(items, path, None)
    ranks = list(range(9))
    alone = citeproc.render_sorted(ordered, ranks)
    forked = parallel.render_ranks(ordered, ranks, parallel.Parallelism(jobs=2))
    assert forked == alone
    assert alone[0][0] is not None and alone[0][0].startswith("1.")


@pytest.mark.parametrize("style", ["apa", "vancouver", "ris", "csl-json"])
def test_warm_cache_is_byte_identical_to_cold(bib: Path, tmp_path: Path, style: str) -> None:
    cache = tmp_path / "cache"
    uncached = run(str(bib), "--to", style, "--no-cache")
    cold = run(str(bib), "--to", style, "--cache-dir", str(cache))
    warm = run(str(bib), "--to", style, "--cache-dir", str(cache))
    assert "undefined macro" in uncached[2]  # the warning is replayed from the cache too
    assert cold == uncached
    assert warm == uncached
    assert list((cache / "output").glob("*.json"))


def test_no_cache_writes_nothing(
    bib: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert run(str(bib), "--to", "apa", "--no-cache")[0] == 0
    assert not (tmp_path / "xdg").exists()


def fresh_memo() -> RenderMemo:
    return RenderMemo(CacheContext("test", "style-hash", None, "auto", numbered=False))


def test_one_changed_entry_is_the_only_one_rendered_again() -> None:
    items: list[CslItem] = [
        {
            "id": f"k{n}",
            "type": "book",
            "author": [{"family": f"Author{n}", "given": "A"}],
            "title": f"Title {n}",
            "publisher": "P",
        }
        for n in range(6)
    ]
    path = find_writer("apa").style
    assert path is not None
    memo = fresh_memo()
    first = write_styled(Bibliography(tuple(items)), WriteOptions(render_memo=memo), path)
    assert len(memo.fresh) == 6
    changed = [*items[:3], {**items[3], "title": "Changed"}, *items[4:]]
    again = RenderMemo(memo.context, dict(memo.known))
    second = write_styled(Bibliography(tuple(changed)), WriteOptions(render_memo=again), path)
    assert len(again.fresh) == 1
    assert "Changed" in next(iter(again.fresh.values()))[0]
    assert second.value == first.value.replace("Title 3", "Changed")


def test_entry_key_follows_position_only_in_numbered_styles() -> None:
    item = {"id": "a", "type": "book", "title": "T"}
    plain = CacheContext("c", "s", None, "auto", numbered=False)
    numbered = CacheContext("c", "s", None, "auto", numbered=True)
    assert entry_key(plain, item, 1) == entry_key(plain, {**item, "id": "b"}, 2)
    assert entry_key(numbered, item, 1) != entry_key(numbered, item, 2)
    assert entry_key(plain, item, 1) != entry_key(plain, {**item, "title": "U"}, 1)


def test_journal_memo_answers_known_titles_and_records_new_ones() -> None:
    memo = JournalAbbreviations({"Journal of Tests": "Memo J"})
    assert memo("Journal  of\nTests") == "Memo J"  # from the memo, whitespace-insensitive
    assert memo.learned == {}
    assert memo("British Journal of Cancer") == "Br J Cancer"
    assert memo.learned == {"British Journal of Cancer": "Br J Cancer"}


def test_a_broken_cache_file_is_a_miss(bib: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    expected = run(str(bib), "--to", "apa", "--cache-dir", str(cache))
    for path in cache.rglob("*.json"):
        path.write_text("{not json", encoding="utf-8")
    assert run(str(bib), "--to", "apa", "--cache-dir", str(cache)) == expected


def test_the_store_stays_within_its_size_bound(tmp_path: Path) -> None:
    store = CacheStore(tmp_path, max_bytes=2000)
    for n in range(10):
        store.write_json(f"output/{n}.json", "x" * 500)
    store.prune()  # cached_conversion prunes once at the end of each run
    sizes = [p.stat().st_size for p in tmp_path.rglob("*.json")]
    assert sum(sizes) <= 2000
    assert (tmp_path / "output" / "9.json").exists()  # the newest survives


def test_sample_converts_the_same_with_and_without_cache(tmp_path: Path) -> None:
    sample = str(SEEDS / "koutras2020.bib")
    cache = str(tmp_path / "cache")
    for style in ("apa", "vancouver"):
        expected = run(sample, "--to", style, "--no-cache")
        assert run(sample, "--to", style, "--cache-dir", cache) == expected
        assert run(sample, "--to", style, "--cache-dir", cache, "--jobs", "2") == expected


def test_sort_keys_computed_by_workers_sort_as_citeproc_does() -> None:
    """Same names, same years, no year, an undefined-variable warning: order and warnings of
    the parallel sort (keys from forked workers, compared here) equal citeproc-py's own."""
    names = ["Zeta", "alpha", "Alpha", "Émile", "beta", "Zeta"]
    items = [
        {
            "id": f"k{n}",
            "type": "article-journal",
            "author": [{"family": names[n % len(names)], "given": "A"}],
            "title": f"{'BA'[n % 2]} title {n % 3}",
            **({"issued": {"date-parts": [[2000 + n % 4]]}} if n % 5 else {}),
        }
        for n in range(40)
    ]
    path = find_writer("apa").style
    assert path is not None
    alone = citeproc.sort_registered(citeproc.register_bibliography(items, path, None))
    registered = citeproc.register_bibliography(items, path, None)
    columns = parallel.sort_key_columns(registered, parallel.Parallelism(jobs=2))
    assert columns is not None and len(columns) == len(registered.sort_keys)
    forked = citeproc.sort_registered(registered, columns)
    assert forked.order == alone.order
    assert forked.warnings == alone.warnings
    assert sorted(alone.order) == list(range(40)) and alone.order != tuple(range(40))


def test_a_later_sort_key_is_computed_only_for_items_that_tie_before_it() -> None:
    """Workers compute the first <key> for every item, each later one only for the items
    alike on all keys before it; a key left out is computed when the sort reaches it, so even
    a tie missed ahead (or any key dropped) sorts as citeproc-py does."""
    from citeconv.rendering import sort_keys

    items = [
        {
            "id": f"k{n}",
            "type": "article-journal",
            "author": [{"family": "Same" if n < 6 else f"Other{n}", "given": "A"}],
            "title": f"Title {n % 4}",
            "issued": {"date-parts": [[2000 + n % 2]]},
        }
        for n in range(20)
    ]
    path = find_writer("apa").style
    assert path is not None
    alone = citeproc.sort_registered(citeproc.register_bibliography(items, path, None))
    registered = citeproc.register_bibliography(items, path, None)
    columns = parallel.sort_key_columns(registered, parallel.Parallelism(jobs=2))
    assert columns is not None
    computed = [
        {index for index, key in enumerate(column) if key is not sort_keys.UNKNOWN}
        for column, _ in columns
    ]
    assert computed[0] == set(range(20))
    assert computed[1] == set(range(6))  # only the works of `Same` tie on the author
    assert citeproc.sort_registered(registered, columns).order == alone.order
    for column, _ in columns[1:]:  # ties missed ahead: the sort computes the keys itself
        column[:] = [sort_keys.UNKNOWN] * len(column)
    registered = citeproc.register_bibliography(items, path, None)
    assert citeproc.sort_registered(registered, columns).order == alone.order


def test_styles_that_never_print_an_abbreviation_are_told_apart() -> None:
    def style(name: str) -> bytes:
        path = find_writer(name).style
        assert path is not None
        return Path(path).read_bytes()

    assert not style_prints_abbreviations(style("apa"))
    assert style_prints_abbreviations(style("vancouver"))
    assert style_prints_abbreviations(style("chicago-author-date"))
    split_tag = b'<text variable="container-title"\n      form = "short"/>'
    assert style_prints_abbreviations(split_tag)
    assert not style_prints_abbreviations(b'<text variable="title" form="short"/>')


def test_apa_output_does_not_depend_on_journal_abbreviations(bib: Path) -> None:
    """Why a conversion to APA may skip the LTWA: the output is the same without it."""
    for markup in ("text", "html"):
        plain = run(str(bib), "--to", "apa", "--markup", markup, "--no-cache")
        assert (
            run(str(bib), "--to", "apa", "--markup", markup, "--no-cache", "--no-abbreviate")
            == plain
        )


def test_speedups_never_replace_an_engine_fix() -> None:
    class Element:
        def fixed(self) -> str:
            return "fix"

        def original(self) -> str:
            return "engine"

    Element.original.__module__ = "citeproc.model"
    speedups._replace(Element, "fixed", lambda self: "fast")
    speedups._replace(Element, "original", lambda self: "fast")
    assert Element().fixed() == "fix"
    assert Element().original() == "fast"


def test_rendering_does_not_grow_the_style_tree() -> None:
    """citeproc-py inserts a default Name into a <names> without <name> and, its tag lacking
    the CSL namespace, never finds it again: one more element per entry, and `et-al` sibling
    searches slower each time. speedups reuses the first one."""
    items = [
        {"id": f"k{n}", "type": "chapter", "editor": [{"family": f"Ed{n}", "given": "E"}]}
        for n in range(5)
    ]
    path = find_writer("vancouver").style
    assert path is not None
    citeproc.render_bibliography(items, path, None)
    root = citeproc.load_style(path, None).root
    size = sum(1 for _ in root.iter())
    for _ in range(3):
        citeproc.render_bibliography(items, path, None)
    assert sum(1 for _ in root.iter()) == size
