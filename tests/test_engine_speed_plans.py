"""The engine's shortcuts change no output (rendering/choose_plans.py, element_plans.py,
punctuation.py): a choose's conditions are tested once per entry, a seam's marks merge as
merge_marks says, options inherited from the bibliography are read per style."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import citeconv
from citeconv.rendering import condition_plans, punctuation, term_forms

CHOOSE_STYLE = """<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><id>choose</id><title>Choose</title><updated>2024-01-01T00:00:00+00:00</updated></info>
  <citation><layout><text variable="title"/></layout></citation>
  <bibliography><layout>
    <group delimiter=" ">
      <text value="Seen:"/>
      <choose>
        <if type="book"><text variable="publisher"/></if>
        <else-if type="chapter"><text variable="container-title"/></else-if>
        <else><text variable="title"/></else>
      </choose>
    </group>
  </layout></bibliography>
</style>
"""


def test_a_choose_whose_branches_all_call_variables_is_tested_only_to_render(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Group suppression asks whether the branch taken calls a variable; every branch here
    does and one is an else, so only rendering tests conditions: an article fails `if` and
    `else-if` (2 tests), a book passes `if` (1). Asking the group's question by testing the
    branches again doubled that."""
    style = tmp_path / "choose.csl"
    style.write_text(CHOOSE_STYLE, encoding="utf-8")
    tested: list[str] = []
    holds = condition_plans.condition_holds

    def counting(branch: Any, item: Any, context: Any) -> bool:
        tested.append(item.reference.type)
        return holds(branch, item, context)

    monkeypatch.setattr(condition_plans, "condition_holds", counting)
    items = [
        {"id": "art", "type": "article-journal", "title": "Paper"},
        {"id": "bk", "type": "book", "title": "Tome", "publisher": "Press"},
    ]
    assert citeconv.render(items, str(style), "text").value.splitlines() == [
        "Seen: Paper",
        "Seen: Press",
    ]
    assert sorted(tested) == ["article-journal", "article-journal", "book"]


def _seam_as_specified(last: str, first: str) -> bool:
    """Whether the right side loses its first character: the rule in punctuation.py's
    docstring, evaluated with merge_marks itself."""
    if not last or not first:
        return False
    both_marks = last in ".,;:!?" and first in ".,;:!?"
    return last == first == " " or (both_marks and punctuation.merge_marks(last + first) == last)


_SEAM_TEXT = st.text(alphabet=" .,;:!?ab\u00a0", max_size=3)


@given(left=_SEAM_TEXT, right=_SEAM_TEXT)
def test_a_seam_drops_the_first_character_exactly_when_the_merge_rule_says(
    left: str, right: str
) -> None:
    joined = punctuation._seam(left, right)
    dropped = _seam_as_specified(left[-1:], right[:1])
    assert joined == (right[1:] if dropped else right)


ETAL_STYLE = """<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><id>etal-MIN</id><title>Et al</title><updated>2024-01-01T00:00:00+00:00</updated></info>
  <citation><layout><text variable="title"/></layout></citation>
  <bibliography et-al-min="MIN" et-al-use-first="1"><layout>
    <names variable="author"><name form="short"/></names>
  </layout></bibliography>
</style>
"""


def test_options_a_name_inherits_are_those_of_its_own_style(tmp_path: Path) -> None:
    """Inherited options are remembered per citation or bibliography element: two styles
    differing only in `et-al-min` render the same item differently in one process."""
    item = {
        "id": "a",
        "type": "book",
        "author": [{"family": "Ash"}, {"family": "Birch"}, {"family": "Cedar"}],
    }
    rendered = {}
    for minimum in ("3", "4"):
        style = tmp_path / f"etal{minimum}.csl"
        style.write_text(ETAL_STYLE.replace("MIN", minimum), encoding="utf-8")
        rendered[minimum] = citeconv.render([item], str(style), "text").value
    assert rendered == {"3": "Ash et al.\n", "4": "Ash, Birch, Cedar\n"}


class _Reference(dict[str, Any]):
    type = ""


class _Cite(dict[str, Any]):
    """A cite as conditions see it: its reference, and `locator` among its own keys."""

    def __init__(self, reference: _Reference, locator: bool) -> None:
        super().__init__({"locator": "12"} if locator else {})
        self.reference = reference


class _Branch:
    """An `<if>` with the attributes given, testing as citeproc-py's `If` does."""

    _type = condition_plans._type_test
    _variable = condition_plans._variable_test

    def __init__(self, attributes: dict[str, str]) -> None:
        self.attrib = attributes

    def get(self, name: str, default: Any = None) -> Any:
        return self.attrib.get(name, default)


_WORDS = st.lists(
    st.sampled_from(["book", "Book", "chapter", "title", "DOI", "locator"]), max_size=3
)


@settings(max_examples=400)
@given(
    types=st.none() | _WORDS,
    variables=st.none() | _WORDS,
    match=st.sampled_from([None, "all", "any", "none"]),
    actual=st.sampled_from(["book", "chapter", "report"]),
    present=st.sets(st.sampled_from(["title", "DOI"])),
    locator=st.booleans(),
)
def test_a_compiled_condition_decides_as_every_test_gathered_and_matched(
    types: list[str] | None,
    variables: list[str] | None,
    match: str | None,
    actual: str,
    present: set[str],
    locator: bool,
) -> None:
    attributes = {
        name: " ".join(words)
        for name, words in (("type", types), ("variable", variables))
        if words is not None
    }
    if match is not None:
        attributes["match"] = match
    reference = _Reference(dict.fromkeys(present, "x"))
    reference.type = actual
    cite = _Cite(reference, locator)
    compiled = condition_plans._compiled(_Branch(attributes))
    tests = tuple(t for a, t in (("type", "_type"), ("variable", "_variable")) if a in attributes)
    general = condition_plans._general_condition(_Branch(attributes), tests, False, match)
    assert compiled(cite, None) == general(cite, None)


class _Term:
    def __init__(self) -> None:
        self.formatter = "html"

    def get_formatter(self) -> str:
        return self.formatter


def test_a_terms_text_is_read_once_per_form_and_formatter() -> None:
    """term_forms.py remembers a term's text; another formatter reads it again."""
    read: list[str] = []

    def text_of(term: _Term) -> str:
        read.append(term.formatter)
        return f"ed. ({term.formatter})"

    single = term_forms._remembered(text_of, "single")
    multiple = term_forms._remembered(text_of, "multiple")
    term = _Term()
    assert [single(term), single(term), multiple(term)] == ["ed. (html)"] * 3
    term.formatter = "plain"
    assert single(term) == "ed. (plain)"
    assert read == ["html", "html", "plain"]


SHORT_FORM_STYLE = """<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><id>short</id><title>Short</title><updated>2024-01-01T00:00:00+00:00</updated></info>
  <citation><layout><text variable="title"/></layout></citation>
  <bibliography><layout>
    <group delimiter=", ">
      <text variable="title"/>
      <text variable="container-title" form="short"/>
      <text variable="note"/>
    </group>
  </layout></bibliography>
</style>
"""


def test_a_variable_the_item_lacks_fails_before_the_engine_looks_it_up(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """element_plans.py raises VariableError itself for a variable not in the reference
    (`note` here); a short form counts as present (`container-title-short`)."""
    from citeconv.rendering import citeproc as adapter

    style = tmp_path / "short.csl"
    style.write_text(SHORT_FORM_STYLE, encoding="utf-8")
    looked_up: list[str] = []
    variable = adapter.model.Text._variable

    def counting(self: Any, item: Any, context: Any) -> Any:
        looked_up.append(self.get("variable"))
        return variable(self, item, context)

    monkeypatch.setattr(adapter.model.Text, "_variable", counting)
    items = [
        {"id": "a", "type": "article-journal", "title": "Paper", "container-title-short": "J"},
        {"id": "b", "type": "article-journal", "title": "Other", "container-title": "Journal"},
    ]
    lines = citeconv.render(items, str(style), "text").value.splitlines()
    assert lines == ["Paper, J", "Other, Journal"]
    assert "note" not in looked_up and looked_up.count("container-title") == 2


NUMERIC_STYLE = """<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><id>numeric</id><title>Numeric</title><updated>2024-01-01T00:00:00+00:00</updated></info>
  <citation><layout><text variable="title"/></layout></citation>
  <bibliography><layout>
    <group delimiter=" ">
      <text variable="title"/>
      <choose><if is-numeric="volume edition"><text value="numeric"/></if></choose>
      <choose><if is-numeric="volume edition" match="any"><text value="some"/></if></choose>
      <choose><if is-numeric="volume edition" match="none"><text value="none"/></if></choose>
    </group>
  </layout></bibliography>
</style>
"""


def test_is_numeric_decides_alike_with_its_variables_absent_or_present(tmp_path: Path) -> None:
    """condition_plans.py decides `is-numeric` of absent variables without the test."""
    style = tmp_path / "numeric.csl"
    style.write_text(NUMERIC_STYLE, encoding="utf-8")
    items = [
        {"id": "a", "type": "book", "title": "Absent"},
        {"id": "b", "type": "book", "title": "Both", "volume": "3", "edition": "2"},
        {"id": "c", "type": "book", "title": "One", "volume": "3"},
        {"id": "d", "type": "book", "title": "Word", "volume": "Third"},
    ]
    assert citeconv.render(items, str(style), "text").value.splitlines() == [
        "Absent none",
        "Both numeric some",
        "One some",
        "Word none",
    ]
