"""Subtrees that cannot print for an item are skipped (rendering/pruned_subtrees.py,
silent_subtrees.py): output and diagnostics are those of the full walk, for random items in
several styles, and the shortcut does take effect."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import citeconv
from citeconv.rendering import citeproc as adapter
from citeconv.rendering import pruned_subtrees
from citeconv.rendering.silent_subtrees import silent_keys

STYLES = ("apa", "chicago-author-date", "vancouver", "ieee", "modern-language-association")
TYPES = ("book", "chapter", "article-journal", "report", "thesis", "webpage", "misc", "patent")
TEXT_VARIABLES = (
    "title",
    "container-title",
    "collection-title",
    "publisher",
    "publisher-place",
    "genre",
    "medium",
    "URL",
    "DOI",
    "note",
    "authority",
    "archive",
)
NUMBER_VARIABLES = (
    "volume",
    "issue",
    "page",
    "edition",
    "number",
    "chapter-number",
    "part-number",
    "number-of-pages",
    "collection-number",
)
NAME_VARIABLES = ("author", "editor", "translator", "director", "container-author", "composer")

_words = st.sampled_from(["Word", "Other words", "3rd", "12", "A. B. title", "2nd edn"])
_numbers = st.sampled_from(["1", "12", "3-7", "ii", "4th", "2, 5"])
_names = st.lists(
    st.sampled_from([{"family": "Roe", "given": "Ann"}, {"literal": "Acme Corp"}]),
    min_size=1,
    max_size=2,
)


@st.composite
def _items(draw: Any) -> list[dict[str, Any]]:
    items = []
    for index in range(draw(st.integers(1, 3))):
        item: dict[str, Any] = {"id": f"i{index}", "type": draw(st.sampled_from(TYPES))}
        for variable in draw(st.sets(st.sampled_from(TEXT_VARIABLES), max_size=4)):
            item[variable] = draw(_words)
        for variable in draw(st.sets(st.sampled_from(NUMBER_VARIABLES), max_size=3)):
            item[variable] = draw(_numbers)
        for variable in draw(st.sets(st.sampled_from(NAME_VARIABLES), max_size=2)):
            item[variable] = draw(_names)
        if draw(st.booleans()):
            item["issued"] = {"date-parts": [[draw(st.integers(1990, 2001))]]}
        items.append(item)
    return items


@pytest.fixture
def full_walk() -> Iterator[None]:
    pruned_subtrees.set_enabled(False)
    try:
        yield
    finally:
        pruned_subtrees.set_enabled(True)


def _rendered(items: list[dict[str, Any]], style: str) -> tuple[str | None, list[str]]:
    result = citeconv.render(items, style, "html")
    return result.value, [str(diagnostic) for diagnostic in result.diagnostics]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(items=_items(), style=st.sampled_from(STYLES))
def test_skipping_silent_subtrees_changes_no_output(
    items: list[dict[str, Any]], style: str
) -> None:
    pruned = _rendered(items, style)
    pruned_subtrees.set_enabled(False)
    try:
        walked = _rendered(items, style)
    finally:
        pruned_subtrees.set_enabled(True)
    assert pruned == walked


_cite_items = st.builds(
    citeconv.CiteItem,
    id=st.sampled_from(["i0", "i1", "i2"]),
    locator=st.sampled_from([None, "12", "3-7"]),
    label=st.sampled_from([None, "page", "chapter"]),
    suppress_author=st.booleans(),
    author_only=st.booleans(),
)
_clusters = st.lists(
    st.builds(citeconv.Cluster, items=st.lists(_cite_items, min_size=1, max_size=2).map(tuple)),
    min_size=1,
    max_size=3,
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    items=_items(),
    clusters=_clusters,
    style=st.sampled_from([*STYLES, "chicago-notes-bibliography"]),
)
def test_skipping_silent_subtrees_changes_no_citation(
    items: list[dict[str, Any]], clusters: list[citeconv.Cluster], style: str
) -> None:
    """Cites too: positions, locators, a suppressed author or the author alone."""
    known = {item["id"] for item in items}
    clusters = [
        citeconv.Cluster(tuple(cite for cite in cluster.items if cite.id in known), number)
        for number, cluster in enumerate(clusters, 1)
    ]
    clusters = [cluster for cluster in clusters if cluster.items]

    def rendered() -> tuple[Any, list[str]]:
        result = citeconv.cite(items, clusters, style)
        return result.value, [str(diagnostic) for diagnostic in result.diagnostics]

    pruned = rendered()
    pruned_subtrees.set_enabled(False)
    try:
        walked = rendered()
    finally:
        pruned_subtrees.set_enabled(True)
    assert pruned == walked


TITLES = [{"id": f"k{n}", "type": "document", "title": f"Word {n}"} for n in range(3)]


@pytest.mark.parametrize("style", ["apa", "chicago-author-date"])
def test_subtrees_are_skipped_for_entries_with_only_a_title(style: str) -> None:
    """APA walks its identifier, source and twenty author-substitute names for each such
    entry; each is skipped whole (counted, not timed)."""
    before = pruned_subtrees.pruned()
    text = citeconv.render(TITLES, style, "text").value
    assert text is not None and "Word 2" in text
    assert pruned_subtrees.pruned() - before >= 10 * len(TITLES)


def test_nothing_is_skipped_when_turned_off(full_walk: None) -> None:
    before = pruned_subtrees.pruned()
    citeconv.render(TITLES, "apa", "text")
    assert pruned_subtrees.pruned() == before


GROUPS_STYLE = """\
<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><id>groups</id><title>g</title><updated>2024-01-01T00:00:00+00:00</updated></info>
  <macro name="term-and-volume">
    <group delimiter=" "><text term="volume" form="short"/><text variable="volume"/></group>
  </macro>
  <macro name="term-alone"><group><text term="edition"/></group></macro>
  <macro name="guarded-term">
    <choose><if variable="edition"><text term="edition"/></if></choose>
  </macro>
  <macro name="unguarded-term">
    <choose><if match="none" variable="edition"><text term="edition"/></if></choose>
  </macro>
  <macro name="position-test">
    <choose><if position="subsequent"><text variable="title"/></if></choose>
  </macro>
  <macro name="typed-term">
    <choose><if type="book"><text term="edition"/></if></choose>
  </macro>
  <macro name="typed-or-variable-term">
    <choose><if match="any" type="book" variable="edition"><text term="edition"/></if></choose>
  </macro>
  <macro name="page"><text variable="page"/></macro>
  <macro name="author-or-title">
    <names variable="author"><substitute><names variable="editor"/></substitute></names>
  </macro>
  <citation><layout><text variable="title"/></layout></citation>
  <bibliography><layout><text variable="title"/></layout></bibliography>
</style>"""


@pytest.mark.parametrize(
    ("macro", "keys"),
    [
        ("term-and-volume", {"volume"}),  # the group fails without its variable
        ("term-alone", None),  # a group of terms prints them
        ("guarded-term", {"edition"}),  # the branch is never taken without `edition`
        ("unguarded-term", None),  # taken exactly when `edition` is absent
        ("typed-term", {"type=book"}),  # taken for books alone
        ("typed-or-variable-term", {"type=book", "edition"}),
        ("position-test", None),  # follows the citation, not the item
        ("page", None),  # pages are not looked up under their own name
        ("author-or-title", {"author", "editor"}),
    ],
)
def test_a_subtree_is_silent_exactly_when_nothing_prints_without_its_variables(
    tmp_path: Path, macro: str, keys: set[str] | None
) -> None:
    path = tmp_path / "groups.csl"
    path.write_text(GROUPS_STYLE, encoding="utf-8")
    root = adapter.load_style(str(path), None).root
    found = silent_keys(root.get_macro(macro), adapter.model)
    assert (None if found is None else {key.replace("_", "-") for key in found}) == keys


SUBSTITUTE_STYLE = """\
<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><id>sub</id><title>s</title><updated>2024-01-01T00:00:00+00:00</updated></info>
  <citation><layout><text variable="title"/></layout></citation>
  <bibliography><layout>
    <names variable="author">
      <substitute>
        <names variable="editor"/>
        <names variable="translator"/>
        <text variable="title"/>
      </substitute>
    </names>
  </layout></bibliography>
</style>"""


def test_a_substitute_passes_over_names_the_item_lacks_without_rendering_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "sub.csl"
    path.write_text(SUBSTITUTE_STYLE, encoding="utf-8")
    names = adapter.model.Names
    rendered: list[str] = []
    process = names.process

    def counting(self: Any, *args: Any, **kwargs: Any) -> Any:
        rendered.append(self.get("variable"))
        return process(self, *args, **kwargs)

    monkeypatch.setattr(names, "process", counting)
    items = [{"id": "a", "type": "book", "title": "Alone"}]
    assert citeconv.render(items, str(path), "text").value == "Alone\n"
    assert set(rendered) == {"author"}


TYPE_CASE_STYLE = """\
<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><id>types</id><title>t</title><updated>2024-01-01T00:00:00+00:00</updated></info>
  <citation><layout><text variable="title"/></layout></citation>
  <bibliography><layout>
    <text variable="title" suffix=". "/>
    <choose><if type="Book"><text value="IS-BOOK"/></if></choose>
    <choose>
      <if match="any" type="Chapter" variable="edition"><text value="IS-CHAPTER"/></if>
    </choose>
  </layout></bibliography>
</style>"""


def test_a_type_written_in_capitals_is_the_engines_type(tmp_path: Path) -> None:
    """The engine lowercases the types a style lists; so does pruning, else `type="Book"`
    was never taken for a book."""
    path = tmp_path / "types.csl"
    path.write_text(TYPE_CASE_STYLE, encoding="utf-8")
    items = [
        {"id": "a", "type": "book", "title": "A"},
        {"id": "b", "type": "chapter", "title": "B"},
    ]
    assert citeconv.render(items, str(path), "text").value == "A. IS-BOOK\nB. IS-CHAPTER\n"
