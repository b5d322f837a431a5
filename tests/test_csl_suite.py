"""Conformance with the CSL processor test suite: every fixture runs; the ones citeconv does not
pass yet are listed, with a reason, in tests/csl_suite_failures.txt.

A fixture failing that is not listed fails the run, and so does a listed fixture that passes
(take it off the list: `python tests/csl_suite.py --update` rewrites it and prints the pass rate
per category, the table in the README).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from csl_suite import SUITE, fixtures, read_failures, run_fixture

FIXTURES = {fixture.name: fixture for fixture in fixtures()} if SUITE.is_dir() else {}
EXPECTED_FAILURES = read_failures()


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not SUITE.is_dir():
        pytest.skip(f"CSL test suite not found at {SUITE}")
    return tmp_path_factory.mktemp("csl-suite")


@pytest.mark.parametrize("name", sorted(FIXTURES))
def test_fixture(name: str, workdir: Path) -> None:
    fixture = FIXTURES[name]
    outcome = run_fixture(fixture, workdir)
    if name in EXPECTED_FAILURES:
        assert not outcome.passed, f"{name} passes now: take it off csl_suite_failures.txt"
    else:
        assert outcome.passed, f"expected:\n{fixture.result}\ngot:\n{outcome.actual}"


def test_the_suite_is_there_and_whole() -> None:
    if not SUITE.is_dir():
        pytest.skip(f"CSL test suite not found at {SUITE}")
    assert len(FIXTURES) == 845


def test_every_listed_failure_is_a_fixture_with_a_reason() -> None:
    if not SUITE.is_dir():
        pytest.skip(f"CSL test suite not found at {SUITE}")
    assert set(EXPECTED_FAILURES) <= set(FIXTURES)
    assert all(reason for reason in EXPECTED_FAILURES.values())
