"""The project's style data: aliases resolve to the pinned styles; the wheel ships the data."""

from __future__ import annotations

import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from citeconv.project_data import load_table
from citeconv.styles import resolve_style

from conftest import ROOT

_UPDATED = re.compile(r"<updated>([^<]+)</updated>")


def test_every_alias_resolves_to_an_installed_style() -> None:
    for name, row in load_table("aliases.toml")["aliases"].items():
        style = resolve_style(name)
        assert Path(style.path).name == f"{row['style']}.csl", name


def test_recorded_updated_stamps_match_the_pinned_package() -> None:
    for name, row in load_table("aliases.toml")["aliases"].items():
        if "updated" not in row:
            continue
        text = Path(resolve_style(name).path).read_text(encoding="utf-8")
        match = _UPDATED.search(text)
        assert match is not None and match.group(1) == row["updated"], (
            f"{name}: the installed style changed; review it and update styles/aliases.toml"
        )


def test_no_csl_file_is_committed() -> None:
    tracked = subprocess.run(
        ["git", "ls-files", "*.csl"], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert tracked.stdout == ""


@pytest.mark.slow
def test_wheel_ships_the_style_data(tmp_path: Path) -> None:
    build = subprocess.run(
        [sys.executable, "-m", "hatchling", "build", "-t", "wheel", "-d", str(tmp_path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert build.returncode == 0, build.stderr
    (wheel,) = tmp_path.glob("*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    assert {"citeconv/_data/aliases.toml", "citeconv/_data/ris.toml"} <= names
    assert "citeconv/commands/__init__.py" in names
