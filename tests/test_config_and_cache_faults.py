"""Configuration files and the cache cannot break a run (issue 15): exit 2 naming the file for a
bad configuration; a cache problem is a miss and never changes the output."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from citeconv.commands import main

from conftest import SEEDS

BIB = "@article{a, title={A title}, author={Doe, Jane}, journal={Nature}, year=2020}\n"


@pytest.mark.parametrize(
    ("pyproject", "reason"),
    [
        ('tool = "citeconv"\n', "[tool] must be a table"),
        ("[tool.other]\nx = " + "[" * 50_000 + "]" * 50_000 + "\n[tool.citeconv]\n",
         "not valid TOML: nested too deeply to read"),
    ],
)  # fmt: skip
def test_a_bad_pyproject_is_a_configuration_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, pyproject: str, reason: str
) -> None:
    (tmp_path / "pyproject.toml").write_text(pyproject, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    bib = str(SEEDS / "koutras2020.bib")
    result = CliRunner().invoke(main, ["convert", bib, "--to", "apa", "--no-cache"])
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == f"citeconv: error: {tmp_path / 'pyproject.toml'}: {reason}\n"


def convert(tmp_path: Path, cache: Path) -> tuple[int, str, str]:
    bib = tmp_path / "refs.bib"
    bib.write_text(BIB, encoding="utf-8")
    args = ["convert", str(bib), "--to", "vancouver", "--cache-dir", str(cache)]
    result = CliRunner().invoke(main, args)
    return result.exit_code, result.stdout, result.stderr


EXPECTED = "1. Doe J. A title. Nature. 2020.\n"


def test_a_cache_path_through_a_file_is_ignored(tmp_path: Path) -> None:
    (tmp_path / "afile").write_text("", encoding="utf-8")
    assert convert(tmp_path, tmp_path / "afile" / "sub") == (0, EXPECTED, "")


def test_cache_files_of_another_shape_are_misses(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    assert convert(tmp_path, cache) == (0, EXPECTED, "")
    for path in cache.rglob("*.json"):
        data = json.loads(path.read_text(encoding="utf-8"))
        wrong = (
            {key: 5 for key in data}
            if isinstance(data, dict) and "value" not in data
            else {"value": 5, "diagnostics": [["error", "syntax-error", 3, None]]}
        )
        path.write_text(json.dumps(wrong), encoding="utf-8")
    assert convert(tmp_path, cache) == (0, EXPECTED, "")
    for path in cache.rglob("*.json"):
        path.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    assert convert(tmp_path, cache) == (0, EXPECTED, "")


def test_a_diagnostic_with_a_lone_surrogate_is_not_cached_and_not_fatal(tmp_path: Path) -> None:
    items = tmp_path / "in.json"
    items.write_text('[{"id": "a\\ud800", "type": "book", "title": "T"}]', encoding="utf-8")
    args = ["convert", str(items), "--to", "apa", "--cache-dir", str(tmp_path / "cache")]
    first = CliRunner().invoke(main, args)
    second = CliRunner().invoke(main, args)
    assert (first.exit_code, first.stdout) == (0, "T. (n.d.).\n")
    assert (second.exit_code, second.stdout, second.stderr) == (0, first.stdout, first.stderr)


def test_changed_style_data_makes_a_fresh_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An edit to styles/*.toml (a journal abbreviation) must not reuse entries rendered
    with the old table."""
    from citeconv import project_data
    from citeconv.commands.cache_store import code_fingerprint

    table = tmp_path / "journals.toml"
    table.write_text("[nlm_catalog]\n")
    monkeypatch.setattr(project_data, "data_dir", lambda: tmp_path)
    before = code_fingerprint()
    table.write_text('[nlm_catalog]\n"neuroimage" = "Neuroimage"\n')
    assert code_fingerprint() != before


def test_cache_files_with_escaped_surrogates_are_misses(tmp_path: Path) -> None:
    # Valid JSON of the right shape whose text UTF-8 cannot hold: never written by the cache.
    cache = tmp_path / "cache"
    assert convert(tmp_path, cache) == (0, EXPECTED, "")
    for path in cache.rglob("*.json"):
        data = json.loads(path.read_text(encoding="utf-8"))
        if "value" in data:
            data["value"] = "\ud800\n"
        else:
            data = {
                key: "\ud800" if isinstance(value, str) else value for key, value in data.items()
            }
            data = {
                key: ["\ud800", []] if isinstance(value, list) else value
                for key, value in data.items()
            }
        path.write_text(json.dumps(data), encoding="utf-8")  # escaped: `\ud800`
    assert convert(tmp_path, cache) == (0, EXPECTED, "")
