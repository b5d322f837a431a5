"""A names element inside a substitute whose variables the item lacks fails at once, without
the units below it (rendering/absent_names.py); what prints does not change."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import citeconv
from citeconv.rendering import absent_names

SUBSTITUTE_STYLE = """\
<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><id>sub</id><title>s</title><updated>2024-01-01T00:00:00+00:00</updated></info>
  <citation><layout><text variable="title"/></layout></citation>
  <bibliography><layout><group delimiter=". ">
    <names variable="author">
      <name initialize-with=". "/>
      <substitute>
        <names variable="editor"/>
        <names variable="translator illustrator"/>
        <text variable="title" font-style="italic"/>
      </substitute>
    </names>
    <text variable="title"/>
  </group></layout></bibliography>
</style>"""


def test_each_substitute_prints_what_the_item_has(tmp_path: Path) -> None:
    style = tmp_path / "sub.csl"
    style.write_text(SUBSTITUTE_STYLE, encoding="utf-8")
    person = [{"family": "Roe", "given": "Ann"}]
    items = [
        {"id": "a", "type": "book", "title": "Alone"},
        {"id": "b", "type": "book", "title": "Edited", "editor": person},
        {"id": "c", "type": "book", "title": "Drawn", "illustrator": person},
        {"id": "d", "type": "book", "title": "Written", "author": person},
    ]
    lines = citeconv.render(items, str(style), "text").value.splitlines()
    assert sorted(lines) == ["A. Roe. Drawn", "A. Roe. Edited", "A. Roe. Written", "Alone"]


class _Substitute:
    pass


class _Model:
    Substitute = _Substitute

    class VariableError(Exception):
        pass


class _Names:
    def __init__(self, variable: str, parents: list[Any], children: list[Any]) -> None:
        self.variable, self.parents, self.children = variable, parents, children

    def get(self, name: str, default: str = "") -> str:
        return self.variable if name == "variable" else default

    def iterancestors(self) -> list[Any]:
        return self.parents

    def iterchildren(self) -> list[Any]:
        return self.children


class _Item:
    def __init__(self, **reference: Any) -> None:
        self.reference = reference


@pytest.mark.parametrize(
    ("names", "item", "shortcut"),
    [
        (_Names("editor translator", [_Substitute()], []), _Item(title="T"), True),
        (_Names("editor translator", [_Substitute()], []), _Item(translator=["x"]), False),
        (_Names("editor", [object()], []), _Item(title="T"), False),  # not in a substitute
        (_Names("editor", [_Substitute()], [_Substitute()]), _Item(), False),  # its own
    ],
)
def test_only_names_in_a_substitute_with_nothing_to_print_skip_the_units_below(
    names: _Names, item: _Item, shortcut: bool
) -> None:
    below: list[Any] = []
    process = absent_names._failing_when_absent(lambda *args: below.append(args), _Model)
    if shortcut:
        with pytest.raises(_Model.VariableError):
            process(names, item)
        assert below == []
    else:
        process(names, item)
        assert below == [(names, item)]
