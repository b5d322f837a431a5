"""Name variables with a hyphen print (rendering/name_variables.py), and a term missing in the
form a style asks for falls back to the next form, and a term of whitespace is empty
(rendering/term_forms.py)."""

from __future__ import annotations

from pathlib import Path

import citeconv

STYLE = """<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><id>names</id><title>n</title><updated>2024-01-01T00:00:00+00:00</updated></info>
  <citation><layout><text variable="title"/></layout></citation>
  <bibliography><layout delimiter="; ">
    <group delimiter=", ">
      <text variable="title"/>
      <names variable="{variable}">
        <label form="{form}" suffix=" "/>
        <name/>
      </names>
    </group>
  </layout></bibliography>
</style>"""


def render(tmp_path: Path, variable: str, form: str) -> citeconv.Result[str]:
    style = tmp_path / f"{variable}-{form}.csl"
    style.write_text(STYLE.format(variable=variable, form=form), encoding="utf-8")
    item = {
        "id": "a",
        "type": "chapter",
        "title": "T",
        variable: [{"family": "Burtle", "given": "Beaver"}],
    }
    return citeconv.render([item], str(style), "text", title_case="keep")


def test_a_reviewed_author_prints_with_its_verb_term(tmp_path: Path) -> None:
    # The locale has `by` as the verb form only: verb-short falls back to it.
    result = render(tmp_path, "reviewed-author", "verb-short")
    assert (result.value, result.diagnostics) == ("T, by Beaver Burtle\n", ())


def test_every_hyphenated_name_variable_prints(tmp_path: Path) -> None:
    for variable in ("container-author", "collection-editor", "original-author"):
        assert render(tmp_path, variable, "verb").value.endswith("Beaver Burtle\n"), variable


def test_a_symbol_form_missing_falls_back_to_the_short_form(tmp_path: Path) -> None:
    assert render(tmp_path, "editor", "symbol").value == "T, ed. Beaver Burtle\n"


ET_AL_STYLE = """<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><id>etal</id><title>e</title><updated>2024-01-01T00:00:00+00:00</updated></info>
  <locale><terms>
    <term name="and others">
    </term>
  </terms></locale>
  <citation><layout><text variable="title"/></layout></citation>
  <bibliography><layout>
    <names variable="author" suffix=". ">
      <name et-al-min="2" et-al-use-first="1" initialize-with="."/>
      <et-al term="and others"/>
    </names>
    <text variable="title"/>
  </layout></bibliography>
</style>"""


def test_a_term_of_only_line_breaks_and_indentation_is_empty(tmp_path: Path) -> None:
    style = tmp_path / "etal.csl"
    style.write_text(ET_AL_STYLE, encoding="utf-8")
    authors = [{"family": "Doe", "given": "John Quincy"}, {"family": "Roe", "given": "J."}]
    item = {"id": "a", "type": "book", "title": "T", "author": authors}
    assert citeconv.render([item], str(style), "text").value == "J.Q. Doe. T\n"
