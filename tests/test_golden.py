"""Golden cases: tests/cases/<case>/input.* converted to every expected.<format> file.

File names say the command: `expected.apa.txt` is `--to apa`, `expected.apa.html` adds
`--markup html` (likewise .md, .rst), `expected.ris`, `expected.csl.json`; `expected.stderr.txt`
pins the diagnostics of the CSL-JSON run.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from citeconv.commands import main

CASES = Path(__file__).resolve().parent / "cases"
MARKUP_BY_SUFFIX = {".txt": "text", ".html": "html", ".md": "markdown", ".rst": "rst"}


def arguments_for(expected: Path) -> list[str]:
    name = expected.name.removeprefix("expected.")
    if name == "ris":
        return ["--to", "ris"]
    if name == "csl.json":
        return ["--to", "csl-json"]
    if name == "stderr.txt":
        return ["--to", "csl-json", "--verbose"]
    style, suffix = name.rsplit(".", 1)
    return ["--to", style, "--markup", MARKUP_BY_SUFFIX[f".{suffix}"]]


def golden_files() -> list[Path]:
    return sorted(CASES.glob("*/expected.*"))


@pytest.mark.parametrize("expected", golden_files(), ids=lambda p: f"{p.parent.name}:{p.name}")
def test_golden(
    expected: Path, golden: Callable[[Path, str], None], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(expected.parent)
    source = next(expected.parent.glob("input.*")).name
    result = CliRunner().invoke(main, ["convert", source, *arguments_for(expected)])
    assert result.exit_code in (0, 1), result.stderr
    actual = result.stderr if expected.name == "expected.stderr.txt" else result.stdout
    golden(expected, actual)


def test_every_case_has_the_core_formats() -> None:
    for case in sorted(p for p in CASES.iterdir() if p.is_dir()):
        names = {p.name for p in case.glob("expected.*")}
        missing = {
            "expected.csl.json",
            "expected.ris",
            "expected.apa.txt",
            "expected.vancouver.txt",
        } - names
        assert not missing, f"{case.name} lacks {sorted(missing)}"
