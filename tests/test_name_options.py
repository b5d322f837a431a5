"""cs:name options `after-inverted-name` and `form="count"` (rendering/name_options.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import citeconv

STYLE = """<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info>
    <id>name-options-test</id><title>name options test</title>
    <updated>2026-01-01T00:00:00+00:00</updated>
  </info>
  <citation><layout><names variable="author editor">{name}</names></layout></citation>
  <bibliography><layout><names variable="author">{name}</names></layout></bibliography>
</style>"""

ITEMS: list[dict[str, Any]] = [
    {
        "id": "people",
        "type": "book",
        "author": [
            {"family": "Weinstock", "given": "R."},
            {"family": "Leong", "given": "G. B."},
            {"family": "Silva", "given": "J. A."},
        ],
        "editor": [{"family": "Bloggs", "given": "Joe"}, {"family": "Bloggs", "given": "Ann"}],
    },
    {"id": "bodies", "type": "book", "author": [{"literal": "One Body"}, {"literal": "Two"}]},
]


def style(tmp_path: Path, name: str) -> str:
    path = tmp_path / f"names-{len(list(tmp_path.iterdir()))}.csl"
    path.write_text(STYLE.format(name=name), encoding="utf-8")
    return str(path)


def test_delimiter_before_and_only_after_an_inverted_name(tmp_path: Path) -> None:
    name = (
        '<name name-as-sort-order="all" and="symbol" initialize-with=". " delimiter=", "'
        ' delimiter-precedes-last="after-inverted-name"/>'
    )
    entries = citeconv.render(ITEMS, style(tmp_path, name), "text", title_case="keep")
    # An organization's name is never inverted: no comma before its `&`.
    assert entries.value.splitlines() == [
        "Weinstock, R., Leong, G. B., & Silva, J. A.",
        "One Body & Two",
    ]


def test_count_adds_the_names_of_every_variable(tmp_path: Path) -> None:
    path = style(tmp_path, '<name form="count" et-al-min="3" et-al-use-first="2"/>')
    cited = citeconv.cite(ITEMS, [citeconv.Cluster((citeconv.CiteItem("people"),))], path)
    assert cited.value.clusters == ("4",)  # two authors before et al., two editors


def test_a_name_that_is_only_a_given_name_is_printed_whole() -> None:
    item = {"id": "b", "type": "book", "title": "Wall", "author": [{"given": "Banksy"}]}
    assert citeconv.render([item], "apa", "text").value == "Banksy. (n.d.). Wall.\n"


def test_a_work_cited_again_takes_the_subsequent_et_al_options(tmp_path: Path) -> None:
    path = tmp_path / "subsequent.csl"
    path.write_text(
        STYLE.format(name="<name/>").replace(
            "<citation>", '<citation et-al-min="5" et-al-subsequent-min="3">'
        ),
        encoding="utf-8",
    )
    four = [{"family": family, "given": "A"} for family in ("Doe", "Roe", "Poe", "Moe")]
    items = [{"id": "four", "type": "book", "author": four}]
    cites = [citeconv.Cluster((citeconv.CiteItem("four"),))] * 2
    assert citeconv.cite(items, cites, str(path)).value.clusters == (
        "A Doe, A Roe, A Poe, A Moe",
        "A Doe et al.",
    )


def test_comma_suffix_puts_a_comma_before_the_suffix() -> None:
    jr = {"family": "Doe", "given": "Jeffrey", "suffix": "Jr.", "comma-suffix": True}
    items = [{"id": "jr", "type": "book", "title": "Life", "author": [jr]}]
    cited = citeconv.cite(
        items, [citeconv.Cluster((citeconv.CiteItem("jr"),))], "chicago-notes-bibliography"
    )
    assert cited.value.clusters[0].startswith("Jeffrey Doe, Jr., <i>Life</i>")
    assert citeconv.render(items, "apa", "text").value == "Doe, J., Jr. (n.d.). Life.\n"


def test_no_name_shown_prints_nothing(tmp_path: Path) -> None:
    path = style(tmp_path, '<name et-al-min="2" et-al-use-first="0"/>')
    text = citeconv.render(ITEMS[:1], path, "text", title_case="keep").value
    assert text == ""  # not `et al.` alone


def test_et_al_min_without_et_al_use_first_anywhere_truncates_nothing(tmp_path: Path) -> None:
    entries = citeconv.render(
        ITEMS[:1], style(tmp_path, '<name et-al-min="3"/>'), "text", title_case="keep"
    )
    assert entries.value == "R. Weinstock, G. B. Leong, J. A. Silva\n"


def test_et_al_use_first_on_the_style_root_still_truncates(tmp_path: Path) -> None:
    path = Path(style(tmp_path, '<name et-al-min="3"/>'))
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            'version="1.0"', 'version="1.0" et-al-use-first="1"'
        ),
        encoding="utf-8",
    )
    entries = citeconv.render(ITEMS[:1], str(path), "text", title_case="keep")
    assert entries.value == "R. Weinstock et al.\n"
