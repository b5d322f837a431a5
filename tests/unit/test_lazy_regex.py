"""Patterns compiled on first use: the same answers as re.compile, and none of them broken.

A module-level pattern is compiled only when a run first uses it, so a typo in one that the
tests never reach would fail in a user's run instead of at import; the last test compiles
every one of them."""

from __future__ import annotations

import copy
import importlib
import pickle
import pkgutil
import re
from typing import Any

import pytest

import citeconv
from citeconv import lazy_regex

SKIPPED_MODULES = {"citeconv.__main__", "citeconv.mkdocs_plugin", "citeconv.sphinx"}


def test_answers_as_re_compile() -> None:
    lazy = lazy_regex.compile(r"(?P<word>\w+)-(\d+)", re.I)
    eager = re.compile(r"(?P<word>\w+)-(\d+)", re.I)
    text = "Alpha-1, beta-22 and GAMMA-333"
    assert lazy.pattern == eager.pattern
    assert lazy.sub(r"\2", text) == eager.sub(r"\2", text)
    assert [m.groupdict() for m in lazy.finditer(text)] == [
        m.groupdict() for m in eager.finditer(text)
    ]
    assert (lazy.flags, lazy.groups, lazy.groupindex) == (
        eager.flags,
        eager.groups,
        eager.groupindex,
    )


def test_bytes_patterns() -> None:
    lazy = lazy_regex.compile(rb"[\x00-\x08]")
    assert lazy.sub(b"", b"a\x00b\x07c") == b"abc"


def test_not_compiled_until_used() -> None:
    broken = lazy_regex.compile(r"(unclosed")
    assert broken.pattern == "(unclosed"  # known without compiling
    with pytest.raises(re.error):
        broken.search("x")


def test_pickles_and_copies_before_and_after_use() -> None:
    lazy = lazy_regex.compile(r"a+")
    for state in ("unused", "used"):
        if state == "used":
            assert lazy.fullmatch("aaa")
        for twin in (pickle.loads(pickle.dumps(lazy)), copy.deepcopy(lazy), copy.copy(lazy)):
            assert twin.pattern == "a+"
            assert twin.fullmatch("aa") and not twin.fullmatch("b")


def _lazy_patterns(value: Any) -> list[Any]:
    if type(value).__name__ == "_LazyPattern":
        return [value]
    if isinstance(value, tuple | list):
        return [pattern for part in value for pattern in _lazy_patterns(part)]
    return []


def test_every_module_pattern_compiles() -> None:
    found = 0
    for module_info in pkgutil.walk_packages(citeconv.__path__, "citeconv."):
        if module_info.name in SKIPPED_MODULES:
            continue
        module = importlib.import_module(module_info.name)
        for name, value in vars(module).items():
            for pattern in _lazy_patterns(value):
                try:
                    assert isinstance(pattern.flags, int)
                except re.error as error:
                    pytest.fail(f"{module_info.name}.{name}: {pattern.pattern!r}: {error}")
                found += 1
    assert found > 240  # all of them: a module that failed to import would show here
