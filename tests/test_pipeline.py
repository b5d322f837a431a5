"""Several inputs merge as one file would: repeated keys across files keep every work."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from citeconv.commands import main

FIRST = "@article{Doe2001, author = {Doe, Jane}, title = {First}, journal = {J}, year = 2001}\n"
OTHER = "@article{doe2001, author = {Roe, Rick}, title = {Other}, journal = {J}, year = 2002}\n"


def convert(folder: Path, *texts: str) -> tuple[int, str, str]:
    """Convert the texts as files in1.bib, in2.bib, ... named relative to `folder`."""
    names = []
    for number, text in enumerate(texts, start=1):
        (folder / f"in{number}.bib").write_text(text, encoding="utf-8")
        names.append(f"in{number}.bib")
    result = CliRunner().invoke(main, ["convert", *names, "--to", "ris"])
    return result.exit_code, result.stdout, result.stderr


def test_same_key_other_work_in_a_later_file_is_kept_under_a_new_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, err = convert(tmp_path, FIRST, OTHER)
    assert code == 0
    assert "ID  - Doe2001\n" in out and "ID  - doe2001-2\n" in out
    assert err == (
        "in2.bib:1: warning[duplicate-key] entry 'doe2001': duplicate key, defined in an "
        "earlier input; kept as 'doe2001-2'\n"
    )


def test_the_same_entry_in_two_files_is_written_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, err = convert(tmp_path, FIRST, FIRST)
    assert code == 0
    assert out.count("TY  - JOUR") == 1
    assert err == (
        "in2.bib:1: warning[duplicate-key] entry 'Doe2001': duplicate key, same content in an "
        "earlier input; dropped\n"
    )
