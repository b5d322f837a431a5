"""Real-world .bib files from the shared corpus: every one converts and validates, and where a
peer published its CSL-JSON for the same input, citeconv agrees except where it deliberately
differs (each such difference is listed with the reason)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from citeconv.commands import main

from conftest import CORPUS, corpus_dir

jsonschema = pytest.importorskip("jsonschema")
pytestmark = pytest.mark.corpus

REALWORLD = sorted((CORPUS / "realworld").glob("*.bib")) if (CORPUS / "realworld").is_dir() else []
_MARKUP = re.compile(r"<[^>]+>")


def convert(path: Path, *options: str) -> tuple[list[dict[str, Any]], str, int]:
    result = CliRunner().invoke(main, ["convert", str(path), "--to", "csl-json", *options])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return json.loads(result.stdout), result.stderr, result.exit_code


@pytest.mark.parametrize("path", REALWORLD, ids=lambda p: p.name)
def test_realworld_file_converts_and_validates(path: Path) -> None:
    items, _, code = convert(path)
    schema = json.loads((corpus_dir("schema") / "csl-data.json").read_text(encoding="utf-8"))
    jsonschema.validate(items, schema)
    assert code in (0, 1)  # 1: the file itself repeats keys or has broken entries
    assert items


def test_utf16_with_bom_and_latin1_fallback() -> None:
    folder = corpus_dir("realworld")
    utf16, stderr, code = convert(folder / "jabref--tiny-LE-withBOM.utf16le.bib")
    assert (len(utf16), stderr, code) == (1, "", 0)
    latin1, stderr, code = convert(folder / "biber--encoding3-latin1.bib")
    assert "warning[encoding]" in stderr and code == 0
    assert latin1[0]["title"] == "S\u00f6me title"


def peer(name: str) -> list[dict[str, Any]]:
    data = json.loads((corpus_dir("expected") / name).read_text(encoding="utf-8"))
    return list(data.values()) if isinstance(data, dict) else list(data)


def compared(value: Any) -> Any:
    """Case protection is presentation: citation-js drops it, citeconv keeps it as nocase."""
    if isinstance(value, str):
        return _MARKUP.sub("", value) if "nocase" in value else value
    return value


def differences(ours: list[dict[str, Any]], theirs: list[dict[str, Any]]) -> set[tuple[str, str]]:
    found = set()
    for mine, other in zip(ours, theirs, strict=True):
        for key in (set(mine) | set(other)) - {"id", "citation-key", "_graph", "custom"}:
            if compared(mine.get(key)) != compared(other.get(key)):
                found.add((mine["id"], key))
    return found


# (entry, variable) -> why citeconv differs from citation-js on purpose.
CITATION_JS_BIBTEX = {
    ("Booklet", "type"): "CSL has `pamphlet` for a booklet; citation-js says book",
    ("InBook", "genre"): "`type` on parts is an exporter label more often than a genre",
    ("InCollection", "genre"): "same as InBook",
    ("InProceedings", "collection-number"): "BibTeX `number` of a proceedings paper is the "
    "series number (btxdoc), not a journal issue",
    ("InProceedings", "issue"): "same as collection-number",
    ("Manual", "type"): "a manual is a book in CSL styles (pandoc agrees); citation-js: report",
    ("PhdThesis", "genre"): "`type = {Doctoral Thesis}` written out: the same genre key, "
    "`Doctoral dissertation`, as PhdThesis2",
    ("PhdThesis2", "genre"): "APA's wording `Doctoral dissertation` instead of `PhD thesis`",
}
CITATION_JS_BIBLATEX_VARIABLES = {
    "language": "CSL `language` is a BCP 47 tag (`nl`); citation-js copies the babel name",
}


def test_agrees_with_citation_js_on_bibtex_input() -> None:
    ours, _, _ = convert(
        corpus_dir("realworld") / "citationjs--bibtex-input.bib", "--no-abbreviate"
    )
    found = differences(ours, peer("citationjs--bibtex-input.citation-js.csl.json"))
    assert found == set(CITATION_JS_BIBTEX)


def test_agrees_with_citation_js_on_biblatex_input_for_most_variables() -> None:
    path = corpus_dir("realworld") / "citationjs--biblatex-input.bib"
    ours, _, _ = convert(path, "--no-abbreviate")
    found = differences(ours, peer("citationjs--biblatex-input.citation-js.csl.json"))
    found = {
        (key, variable) for key, variable in found if variable not in CITATION_JS_BIBLATEX_VARIABLES
    }
    # Deliberate, besides language: BibLaTeX's titleaddon is printed (renner, sarbanes), the
    # multi-volume maintitle is the title and the volume the volume-title (gabaldon, as
    # pandoc), inreference is entry-encyclopedia, a series number is collection-number,
    # `May, Keith,` is a name and not a suffix (doerr), pubstate/type keys are resolved to
    # words, and arXiv/PubMed e-prints give archive fields. At most 30 of 28 x ~12 variables.
    assert len(found) <= 30, sorted(found)


@pytest.mark.parametrize(
    ("stem", "expected"),
    [("citationjs--rich-text", "citationjs--rich-text.citation-js.csl.json")],
)
def test_rich_text_matches_citation_js_exactly(stem: str, expected: str) -> None:
    ours, _, _ = convert(corpus_dir("realworld") / f"{stem}.bib")
    assert differences(ours, peer(expected)) == set()


def test_commands_differ_from_citation_js_only_where_latex_would() -> None:
    ours, stderr, _ = convert(corpus_dir("realworld") / "citationjs--commands.bib")
    found = differences(ours, peer("citationjs--commands.citation-js.csl.json"))
    # \href{url}{text} prints its text in LaTeX (citation-js keeps the URL); an unknown
    # command is kept as its name and reported (citation-js keeps the backslash silently).
    assert found == {("b", "title"), ("d", "title")}
    assert [item["title"] for item in ours] == [
        "url: https://example.org",
        "href: Example",
        "ElsevierGlyph: \u2014",
        "unknown: unknown",
        "Phi: \u03a6",
    ]
    assert "warning[unknown-command]" in stderr


def test_bc_and_edtf_dates_match_better_bibtex() -> None:
    ours, _, _ = convert(corpus_dir("realworld") / "bbt-export--date-edtf-csl-811.biblatex.bib")
    theirs = peer("bbt-export--date-edtf-csl-811.biblatex.bbt.csl.json")
    by_id = {item["id"]: item for item in ours}
    agree = 0
    for item in theirs:
        mine = by_id.get(item["id"], {}).get("issued", {})
        other = item.get("issued", {})
        parts = [[int(p) for p in part] for part in other.get("date-parts", []) if part != [0]]
        agree += mine.get("date-parts") == parts
    # Better BibTeX writes open ranges as [.., [0]]; citeconv keeps the known end (reported).
    assert agree >= len(theirs) - 3
