"""Acceptance references citeconv does not print as the manuals do yet (tests/acceptance_gaps.toml).

Each unmet style is a strict xfail: when a fix makes it pass, the suite fails until the
reference moves into a golden case `tests/cases/acceptance-*`."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from citeconv.commands import main

GAPS = Path(__file__).resolve().parent / "acceptance_gaps.toml"
STYLES = ("apa", "vancouver")


def open_gaps() -> list[dict[str, Any]]:
    gaps: list[dict[str, Any]] = tomllib.loads(GAPS.read_text(encoding="utf-8")).get("gap", [])
    return gaps


def cases() -> list[Any]:
    params = []
    for gap in open_gaps():
        for style in STYLES:
            marks = (
                [pytest.mark.xfail(strict=True, reason=" ".join(gap["why"].split()))]
                if style in gap["unmet"]
                else []
            )
            params.append(pytest.param(gap, style, marks=marks, id=f"{gap['id']}:{style}"))
    return params


@pytest.mark.parametrize(("gap", "style"), cases())
def test_manual_line(gap: dict[str, Any], style: str) -> None:
    result = CliRunner().invoke(
        main, ["convert", "--from", "bibtex", "--to", style, "--no-cache"], input=gap["bibtex"]
    )
    assert result.exit_code == 0, result.stderr
    assert result.stdout == gap[style].lstrip("\n")


def test_every_gap_names_an_unmet_style_and_why() -> None:
    for gap in open_gaps():
        assert gap["unmet"] and set(gap["unmet"]) <= set(STYLES), gap["id"]
        assert gap["why"].strip(), gap["id"]
