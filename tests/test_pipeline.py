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
        "in2.bib:1: warning[duplicate-key] entry 'doe2001': duplicate key, first used by an "
        "earlier entry; kept as 'doe2001-2'\n"
    )


def test_the_same_entry_in_two_files_is_written_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, err = convert(tmp_path, FIRST, FIRST)
    assert code == 0
    assert out.count("TY  - JOUR") == 1
    assert err == (
        "in2.bib:1: warning[duplicate-key] entry 'Doe2001': duplicate key, same content as an "
        "earlier entry; dropped\n"
    )


RIS = "TY  - JOUR\nID  - r1\nAU  - Poe, Ann\nTI  - From RIS\nPY  - 2003\nER  - \n"


def test_each_input_is_read_in_its_own_format(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.bib").write_text(FIRST, encoding="utf-8")
    (tmp_path / "b.ris").write_text(RIS, encoding="utf-8")
    result = CliRunner().invoke(main, ["convert", "a.bib", "b.ris", "--to", "ris"])
    assert (result.exit_code, result.stderr) == (0, "")
    assert "ID  - Doe2001\n" in result.stdout and "ID  - r1\n" in result.stdout


def test_repeated_ids_within_one_ris_file_are_made_unique(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    other = RIS.replace("From RIS", "Another work")
    (tmp_path / "two.ris").write_text(RIS + other, encoding="utf-8")
    result = CliRunner().invoke(main, ["convert", "two.ris", "--to", "csl-json"])
    assert result.exit_code == 0
    assert '"id": "r1"' in result.stdout and '"id": "r1-2"' in result.stdout
    assert (
        "warning[duplicate-key] entry 'r1': duplicate key, first used by an earlier entry; "
        "kept as 'r1-2'" in result.stderr
    )


def test_string_macros_of_one_input_are_seen_by_the_next(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    strings = '@string{jot = {Journal of Things}}\n@string{vol = "7"}\n'
    entry = (
        "@article{a, author = {Doe, Jane}, title = {T}, journal = jot, volume = vol, year = 2001}\n"
    )
    code, out, err = convert(tmp_path, strings, entry)
    assert (code, err) == (0, "")
    assert "T2  - Journal of Things\n" in out and "VL  - 7\n" in out
    code, out, err = convert(tmp_path, entry, strings)  # only inputs after the definitions
    assert code == 0
    assert err == (
        "in1.bib:1: warning[undefined-macro] entry 'a': field 'journal': undefined macro 'jot' "
        "kept as text\nin1.bib:1: warning[undefined-macro] entry 'a': field 'volume': undefined "
        "macro 'vol' kept as text\n"
    )
