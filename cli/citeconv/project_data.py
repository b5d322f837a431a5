"""Locates and loads the project's own data tables (the repository's styles/ folder)."""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path
from typing import Any

_PACKAGE_DIR = Path(__file__).resolve().parent


@cache
def data_dir() -> Path:
    """`citeconv/_data` inside a built wheel; the repository's `styles/` in a source checkout."""
    packaged = _PACKAGE_DIR / "_data"
    if packaged.is_dir():
        return packaged
    return _PACKAGE_DIR.parent.parent / "styles"


@cache
def load_table(name: str) -> dict[str, Any]:
    """A TOML table from the data folder, parsed once per process."""
    with (data_dir() / name).open("rb") as handle:
        return tomllib.load(handle)
