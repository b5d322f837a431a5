"""Shared fixtures: golden-file comparison, paths to the seeds and to the shared corpus."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import settings

# `make test` (and CI) runs the property tests on the same generated inputs every time: a new
# input found at random must not fail an unrelated change. `make fuzz` draws new random inputs.
settings.register_profile("repeatable", derandomize=True, database=None)
settings.register_profile("explore", derandomize=False)

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
CASES = Path(__file__).resolve().parent / "cases"
CORPUS = ROOT.parent / "shared" / "corpus"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        help="Rewrite expected files from current output (review the diff!).",
    )


@pytest.fixture(autouse=True)
def private_cache_dir(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Tests never read or fill the user's cache (~/.cache/citeconv): a stale entry there could
    hide a regression, and a test run must not leave files behind."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.getbasetemp() / "xdg-cache"))


# Variables that make tools colour their output even when it is not a terminal; CI sets some.
COLOUR_FORCING = ("FORCE_COLOR", "CLICOLOR_FORCE", "PY_COLORS")


@pytest.fixture(autouse=True)
def plain_tool_output(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tools the tests run (Sphinx, MkDocs, pdflatex) print plain text, whatever the calling
    environment asks for: the tests compare their stderr byte for byte."""
    for name in COLOUR_FORCING:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("NO_COLOR", "1")


@pytest.fixture
def golden(request: pytest.FixtureRequest) -> Callable[[Path, str], None]:
    """Compare `actual` with the file at `path`; with --update-golden, write it instead."""
    update = request.config.getoption("--update-golden")

    def check(path: Path, actual: str) -> None:
        if update:
            path.write_text(actual, encoding="utf-8", newline="")
            return
        assert path.exists(), f"missing golden file {path}; run pytest --update-golden"
        assert actual == path.read_text(encoding="utf-8"), f"output differs from {path}"

    return check


def corpus_dir(name: str) -> Path:
    """A folder of the shared corpus; skips (with the reason) where the corpus is absent.

    CI always has ../shared beside the clone, so a skip there is a bug, not a pass."""
    path = CORPUS / name
    if not path.is_dir():
        pytest.skip(f"shared corpus not found at {path}")
    return path
