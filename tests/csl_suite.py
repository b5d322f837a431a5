"""The CSL processor test suite (../shared/csl-test-suite/humans): read a fixture, render it
through citeconv's public API, compare with its RESULT.

A fixture is plain text whose sections sit between `>>== NAME ==>>` and `<<== NAME ==<<` (two
to five `=`): MODE, RESULT, CSL, INPUT, and optionally CITATION-ITEMS or CITATIONS. Bibliography
fixtures go through `citeconv.render(..., markup="html")`; citation fixtures, and bibliography
fixtures that cite first, through `citeconv.cite`. Only layout whitespace is normalized: the
`csl-bib-body` wrapper, whitespace between block <div>s, and the `..[n]`/`>>[n]` markers with
which CITATIONS results flag the clusters a processor update changed.

    python tests/csl_suite.py            # pass rate per category
    python tests/csl_suite.py --update   # also rewrite tests/csl_suite_failures.txt
"""

from __future__ import annotations

import json
import re
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
SUITE = HERE.parent.parent / "shared" / "csl-test-suite" / "humans"
FAILURES = HERE / "csl_suite_failures.txt"
_SECTION = re.compile(r"^>>=+ *([A-Z-]+) *=+>>[ \t]*\n(.*?)^<<=+ *\1 *=+<<", re.M | re.S)
_BLOCK_GAP = re.compile(r"(<div[^>]*>|</div>)\s+(?=<div|</div>)")
_CHANGE_MARK = re.compile(r"^(?:\.\.|>>)(?=\[\d+\] )", re.M)


@dataclass(frozen=True)
class Fixture:
    name: str  # the file name without .txt, e.g. "name_AsianGlyphs"
    mode: str  # "citation" or "bibliography"
    result: str
    style: str  # the CSL XML
    items: list[dict[str, Any]]
    citation_items: list[list[dict[str, Any]]] | None  # CITATION-ITEMS: one list per cluster
    citations: list[Any] | None  # CITATIONS: processor calls [citation, before, after]

    @property
    def category(self) -> str:
        return self.name.split("_", 1)[0]


def parse_fixture(name: str, text: str) -> Fixture:
    text = text.removeprefix("\ufeff")  # a few fixtures start with a byte-order mark
    sections = {match.group(1): match.group(2) for match in _SECTION.finditer(text)}
    missing = {"MODE", "RESULT", "CSL", "INPUT"} - sections.keys()
    if missing:
        raise ValueError(f"{name}: no {', '.join(sorted(missing))} section")
    citation_items = sections.get("CITATION-ITEMS")
    citations = sections.get("CITATIONS")
    return Fixture(
        name=name,
        mode=sections["MODE"].strip(),
        result=sections["RESULT"].rstrip("\n"),
        style=sections["CSL"].strip(),
        items=_with_ids(json.loads(sections["INPUT"])),
        citation_items=json.loads(citation_items) if citation_items else None,
        citations=json.loads(citations) if citations else None,
    )


def _with_ids(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Items without an id get `ITEM-n` (1-based), as the suite's own harness names them."""
    return [
        item if "id" in item else {**item, "id": f"ITEM-{n}"} for n, item in enumerate(items, 1)
    ]


def fixtures() -> Iterator[Fixture]:
    for path in sorted(SUITE.glob("*.txt")):
        yield parse_fixture(path.stem, path.read_text(encoding="utf-8"))


@dataclass(frozen=True)
class Outcome:
    passed: bool
    actual: str  # what citeconv printed, or the exception it raised


def run_fixture(fixture: Fixture, workdir: Path) -> Outcome:
    """Render one fixture; an exception inside citeconv is a failed fixture, not an error."""
    # Each fixture has its own file: styles are cached by path for the life of the process.
    style_path = workdir / f"suite-{fixture.name}.csl"
    style_path.write_text(fixture.style, encoding="utf-8")
    try:
        actual = _render(fixture, str(style_path))
    except Exception as error:  # a crash is a failed fixture, reported with its reason
        return Outcome(False, f"crash: {type(error).__name__}: {error}")
    if fixture.mode == "bibliography":
        return Outcome(_bibliography(actual) == _bibliography(fixture.result), actual)
    return Outcome(_CHANGE_MARK.sub("", actual) == _CHANGE_MARK.sub("", fixture.result), actual)


def _render(fixture: Fixture, style_path: str) -> str:
    import citeconv

    if fixture.mode == "bibliography" and not (fixture.citation_items or fixture.citations):
        return citeconv.render(fixture.items, style_path, "html", title_case="keep").value
    clusters, labels = _clusters(fixture)
    # The reference harness registers the works a fixture cites, not every INPUT item: an
    # uncited twin takes no part in disambiguation. (citeconv.cite itself takes the whole
    # library, so a cite's year suffix matches the full reference list.)
    cited = {cite.id for cluster in clusters for cite in cluster.items}
    items = [item for item in fixture.items if str(item["id"]) in cited]
    rendered = citeconv.cite(items, clusters, style_path).value
    if fixture.mode == "bibliography":
        return "\n".join(f'<div class="csl-entry">{e}</div>' for e in rendered.bibliography)
    return "\n".join(
        f"{label}{text}" for label, text in zip(labels, rendered.clusters, strict=True)
    )


def _clusters(fixture: Fixture) -> tuple[list[Any], list[str]]:
    """The document's clusters in order, and the `[n] ` label each result line starts with."""
    from citeconv import Cluster

    if fixture.citations:
        final, before, after = fixture.citations[-1]
        notes = {cid: note for cid, note in [*before, *after]}
        known = {c["citationID"]: c for c, _, _ in fixture.citations}
        known[final["citationID"]] = final
        order = [cid for cid, _ in before] + [final["citationID"]] + [cid for cid, _ in after]
        clusters = []
        for cid in order:
            citation = known[cid]
            note = notes.get(cid, citation.get("properties", {}).get("noteIndex", 0))
            clusters.append(Cluster(tuple(map(_cite_item, citation["citationItems"])), note))
        return clusters, [f"[{index}] " for index in range(len(clusters))]
    groups = fixture.citation_items or [[{"id": item["id"]} for item in fixture.items]]
    clusters = [
        Cluster(tuple(map(_cite_item, group)), note) for note, group in enumerate(groups, 1)
    ]
    return clusters, [""] * len(clusters)


def _cite_item(raw: dict[str, Any]) -> Any:
    from citeconv import CiteItem

    def text(key: str) -> str | None:
        value = raw.get(key)
        return None if value is None else str(value)

    return CiteItem(
        id=str(raw["id"]),
        locator=text("locator"),
        label=text("label"),
        prefix=text("prefix"),
        suffix=text("suffix"),
        suppress_author=bool(raw.get("suppress-author")),
        author_only=bool(raw.get("author-only")),
    )


def _bibliography(html: str) -> str:
    """Entries only: the csl-bib-body wrapper and the whitespace between blocks dropped."""
    text = html.strip()
    if text.startswith('<div class="csl-bib-body">'):
        text = text.removeprefix('<div class="csl-bib-body">').removesuffix("</div>")
    return _BLOCK_GAP.sub(r"\1", text.strip())


# The expected-failures file: one fixture a line, `name<TAB>reason`; `#` starts a comment.
def read_failures(path: Path = FAILURES) -> dict[str, str]:
    failures = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            name, _, reason = line.partition("\t")
            failures[name.strip()] = reason.strip()
    return failures


def run_all() -> dict[str, Outcome]:
    with tempfile.TemporaryDirectory(prefix="csl-suite-") as workdir:
        return {f.name: run_fixture(f, Path(workdir)) for f in fixtures()}


def pass_rates(outcomes: dict[str, Outcome]) -> str:
    """A Markdown table: fixtures passed per category (the file name's prefix), then all."""
    total: Counter[str] = Counter()
    passed: Counter[str] = Counter()
    for name, outcome in outcomes.items():
        category = name.split("_", 1)[0]
        total[category] += 1
        passed[category] += outcome.passed
    rows = ["| category | passed | of | rate |", "| --- | ---: | ---: | ---: |"]
    for category in sorted(total):
        rate = passed[category] / total[category]
        rows.append(f"| {category} | {passed[category]} | {total[category]} | {rate:.0%} |")
    all_passed, all_total = sum(passed.values()), sum(total.values())
    rows.append(f"| **all** | {all_passed} | {all_total} | {all_passed / all_total:.1%} |")
    return "\n".join(rows)


def write_failures(outcomes: dict[str, Outcome], reasons: dict[str, str]) -> None:
    """Keep each reason already written for a fixture still failing; guess one for the rest."""
    from csl_suite_reasons import guess_reason

    by_name = {f.name: f for f in fixtures()}
    lines = [
        "# CSL test-suite fixtures citeconv does not pass yet: name<TAB>reason.",
        "# Regenerate with `python tests/csl_suite.py --update`; edit reasons by hand.",
    ]
    for name, outcome in outcomes.items():
        if not outcome.passed:
            reason = reasons.get(name, "")
            crashed = outcome.actual.startswith("crash: ")
            if not reason or reason.startswith("crash: ") != crashed:
                reason = guess_reason(by_name[name], outcome.actual)  # a crash is always said
            lines.append(f"{name}\t{reason}")
    FAILURES.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main(arguments: list[str]) -> None:
    sys.path.insert(0, str(HERE))
    started = time.perf_counter()
    outcomes = run_all()
    elapsed = time.perf_counter() - started
    print(pass_rates(outcomes))
    bibliography = [o for n, o in outcomes.items() if _mode_of(n) == "bibliography"]
    share = sum(o.passed for o in bibliography) / len(bibliography)
    print(f"\nbibliography mode: {share:.1%} of {len(bibliography)}; {elapsed:.1f} s")
    if "--update" in arguments:
        write_failures(outcomes, read_failures() if FAILURES.exists() else {})


def _mode_of(name: str) -> str:
    return parse_fixture(name, (SUITE / f"{name}.txt").read_text(encoding="utf-8")).mode


if __name__ == "__main__":
    main(sys.argv[1:])
