"""Agreement with pandoc's BibLaTeX reader over its own test suite (124 cases, pandoc's CSL).

Each case in corpus/peer-suites/pandoc-biblatex-tests/*.md holds a .bib input and the CSL that
`pandoc -f biblatex -t markdown -s` produced, as YAML. For nine variables we compare citeconv's
hub with pandoc's after normalising presentation only (markup, no-break spaces, markdown
escapes). The floors below pin today's agreement so a regression fails; the README lists the
deliberate differences (see DELIBERATE below).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from citeconv.commands import main

from conftest import corpus_dir

yaml = pytest.importorskip("yaml")

FIELDS = ("type", "title", "author", "issued", "container-title", "page", "volume", "DOI", "URL")
# Share of cases (0..1) where citeconv agrees with pandoc, per variable and for all nine at once.
FLOORS = {
    "type": 0.95,
    "title": 0.98,
    "author": 0.94,
    "issued": 0.96,
    "container-title": 0.99,
    "page": 0.99,
    "volume": 0.99,
    "DOI": 0.98,
    "URL": 0.96,
    "all": 0.89,
}
_CASE = re.compile(r"```\n% pandoc -f biblatex[^\n]*\n(.*?)\n\^D\n(.*?)\n```", re.S)
_MARKUP = re.compile(r"<[^>]+>")
_MD_SCRIPT = re.compile(r"[~^]([^~^\s]+)[~^]")  # markdown ~sub~ and ^sup^
_MD_SPAN = re.compile(r"\[([^\]]*)\]\{[^}]*\}")
# pandoc's markdown writer spells typography in ASCII ("smart" extension): compare like that.
_TYPOGRAPHY = (
    ("\u2019", "'"),
    ("\u2018", "'"),
    ("\u201c", '"'),
    ("\u201d", '"'),
    ("\u2014", "---"),
    ("\u2013", "--"),
)
# Deliberate: citeconv keeps the source's capitalisation in the hub (the renderer applies the
# style's case); pandoc stores English titles in sentence case. Titles are compared casefolded.
CASE_INSENSITIVE = frozenset({"title", "container-title"})


def read_cases(folder: Path) -> list[tuple[str, str, list[dict[str, Any]]]]:
    cases = []
    for path in sorted(folder.glob("*.md")):
        match = _CASE.search(path.read_text(encoding="utf-8"))
        if match is None:
            continue
        document = match.group(2).strip().strip("-")
        expected = yaml.safe_load(document.split("\n---", 1)[0]) or {}
        cases.append((path.stem, match.group(1), expected.get("references", [])))
    return cases


def citeconv_items(bib: str) -> list[dict[str, Any]]:
    result = CliRunner().invoke(main, ["convert", "-", "--to", "csl-json"], input=bib)
    assert result.exit_code in (0, 1), result.stderr
    items: list[dict[str, Any]] = json.loads(result.stdout)
    return items


def plain(value: Any) -> str:
    """Presentation removed: markup, markdown emphasis/escapes/spans, no-break spaces."""
    text = _MD_SPAN.sub(r"\1", _MARKUP.sub("", str(value)))
    text = _MD_SCRIPT.sub(r"\1", text)
    text = text.replace("\\", "").replace("*", "").replace("\u00a0", " ")
    for curly, straight in _TYPOGRAPHY:
        text = text.replace(curly, straight)
    return " ".join(text.split())


def edtf(date: Any) -> str:
    """A CSL date as pandoc writes it in YAML: `2006`, `2004-04-05`, `1998/2001`, `1723~`."""
    if not isinstance(date, dict):
        return plain(date)
    if "date-parts" not in date:
        return plain(date.get("literal", ""))
    parts = ["-".join(_pad(i, p) for i, p in enumerate(part)) for part in date["date-parts"]]
    if "season" in date:
        parts = [f"{parts[0]}-{20 + int(date['season'])}"]
    return "/".join(parts) + ("~" if date.get("circa") else "")


def _pad(index: int, part: Any) -> str:
    number = int(part)
    if index == 0:  # CSL's -1 is 1 BC, which EDTF (astronomical years) writes 0000
        return f"-{abs(number + 1):04d}" if number < -1 else f"{max(number + (number < 0), 0):04d}"
    return f"{number:02d}"


def names(value: Any) -> list[tuple[str, ...]]:
    keys = ("family", "given", "non-dropping-particle", "dropping-particle", "suffix", "literal")
    return [tuple(plain(name.get(k, "")) for k in keys) for name in value or []]


def comparable(field: str, item: dict[str, Any]) -> Any:
    key = field if field in item else field.lower()  # pandoc writes `doi` and `url`
    if key not in item:
        return None
    value = item[key]
    if field == "author":
        return names(value)
    if field == "issued":
        return edtf(value)
    if field in ("DOI", "URL"):
        return str(value).strip().replace("\\<", "<").replace("\\>", ">")  # markdown escapes
    text = plain(value)
    return text.casefold() if field in CASE_INSENSITIVE else text


def agreement() -> tuple[dict[str, float], list[str], int]:
    cases = read_cases(corpus_dir("peer-suites/pandoc-biblatex-tests"))
    agree = dict.fromkeys((*FIELDS, "all"), 0)
    differing: list[str] = []
    for name, bib, expected in cases:
        ours = {item["id"]: item for item in citeconv_items(bib)}
        same_case = True
        for field in FIELDS:
            same = all(
                comparable(field, ours.get(str(ref["id"]), {})) == comparable(field, ref)
                for ref in expected
            )
            agree[field] += same
            same_case &= same
            if not same:
                differing.append(f"{name}:{field}")
        agree["all"] += same_case
    return {k: v / len(cases) for k, v in agree.items()}, differing, len(cases)


@pytest.mark.slow
@pytest.mark.corpus
def test_agreement_with_pandoc_does_not_regress() -> None:
    shares, _, count = agreement()
    assert count >= 120
    below = {k: round(v, 3) for k, v in shares.items() if v < FLOORS[k]}
    assert not below, f"agreement fell below the floor: {below}"


def test_edtf_rendering_matches_pandoc_spelling() -> None:
    assert edtf({"date-parts": [[2004, 4, 5]]}) == "2004-04-05"
    assert edtf({"date-parts": [[-878], [-867]]}) == "-0877/-0866"
    assert edtf({"date-parts": [[-1]]}) == "0000"
    assert edtf({"date-parts": [[1723]], "circa": True}) == "1723~"
    assert edtf({"date-parts": [[2004]], "season": 2}) == "2004-22"


if __name__ == "__main__":  # `python -m tests.test_pandoc_suite`: print the numbers for README
    result, differences, total = agreement()
    print(f"{total} cases")
    for key, share in result.items():
        print(f"{key:16} {share:.1%}")
    print("\n".join(differences))
