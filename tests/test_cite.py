"""`citeconv cite`: in-text citations for documentation builds."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from citeconv.commands import main

from conftest import CASES, SEEDS

SAMPLE = str(SEEDS / "koutras2020.bib")
NAMES_DATES = str(CASES / "style-names-dates" / "input.bib")


def cite(*args: str) -> tuple[str, str, int]:
    result = CliRunner().invoke(main, ["cite", *args])
    return result.stdout, result.stderr, result.exit_code


def test_apa_author_date() -> None:
    assert cite("3078780", "--from", SAMPLE, "--to", "apa") == ("(Koutras et al., 2020)\n", "", 0)


def test_vancouver_numbers_in_order_of_citation() -> None:
    stdout, stderr, code = cite(
        "same2019a", "others2021,Many2020", "same2019a", "--from", NAMES_DATES, "--to", "vancouver"
    )
    assert (stdout, stderr, code) == ("(1)\n(2,3)\n(1)\n", "", 0)


def test_apa_year_suffixes_and_and_others() -> None:
    stdout, _, code = cite("same2019b", "same2019a", "others2021", "--from", NAMES_DATES)
    assert code == 0
    assert stdout == "(Patel, 2019b)\n(Patel, 2019a)\n(Smith et al., 2021)\n"


def test_unknown_key_is_a_usage_error(tmp_path: Path) -> None:
    stdout, stderr, code = cite("nope", "--from", SAMPLE)
    assert (stdout, code) == ("", 2)
    assert stderr == "citeconv: error: no entry with key 'nope' in the bibliography\n"


@pytest.mark.parametrize("key", ["3078780", "3078780 "])
def test_keys_are_trimmed(key: str) -> None:
    assert cite(key, "--from", SAMPLE)[0] == "(Koutras et al., 2020)\n"


def test_a_key_repeated_in_one_citation_is_cited_once() -> None:
    out, err, code = cite("3078780,3078780", "--from", SAMPLE, "--to", "vancouver")
    assert (out, err, code) == ("(1)\n", "", 0)


def test_an_unknown_locale_is_a_usage_error_as_in_convert() -> None:
    out, err, code = cite("3078780", "--from", SAMPLE, "--locale", "xx-YY")
    assert (out, code) == ("", 2)
    assert err.startswith("citeconv: error: unknown locale 'xx-YY'\n")
