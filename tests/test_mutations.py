"""Each real-world corpus file damaged in 50 deterministic ways: no exception, and no entry
but the damaged one is lost.

Each mutation damages one entry. It is checked on a window of that entry and its three
neighbours on each side, after the file's `@string` definitions: the pre-scan resynchronises at
the next entry, so a longer tail would add time, not coverage, and the suite must stay fast.
"""

from __future__ import annotations

import itertools
import random
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from citeconv.readers.bibtex import parse_bibtex
from citeconv.readers.blocks import prescan
from citeconv.readers.encoding import decode_input

from conftest import CORPUS

MUTATIONS_PER_FILE = 50
NEIGHBOURS = 3
_ENTRY = re.compile(r"^[ \t]*@[ \t]*(\w+)[ \t]*[{(]", re.MULTILINE)
_FREE_FORM = {"string", "preamble", "comment"}

Mutation = Callable[[str, random.Random], str]


def _delete_one(chars: str) -> Mutation:
    def mutate(entry: str, rng: random.Random) -> str:
        places = [i for i, c in enumerate(entry) if c in chars]
        if not places:
            return entry[: len(entry) // 2] + "\n"
        place = rng.choice(places)
        return entry[:place] + entry[place + 1 :]

    return mutate


def _truncate(entry: str, rng: random.Random) -> str:
    """Cut off mid-entry (a file cut short, then another appended): the next entry still
    starts on a line of its own."""
    return entry[: rng.randrange(1, max(2, len(entry)))] + "\n"


def _random_bytes(entry: str, rng: random.Random) -> str:
    data = bytes(rng.randrange(256) for _ in range(rng.randrange(1, 12)))
    noise = data.decode("cp1252", errors="replace")
    place = rng.randrange(len(entry))
    return entry[:place] + noise + entry[place:]


def _huge_field(entry: str, rng: random.Random) -> str:
    place = entry.find(",") + 1 or len(entry) // 2
    return entry[:place] + f" abstract = {{{'x' * rng.randrange(20_000, 60_000)}}}," + entry[place:]


def _syntax_noise(entry: str, rng: random.Random) -> str:
    place = rng.randrange(len(entry))
    return (
        entry[:place]
        + rng.choice(["{", "}", '"', ",", "=", "#", "%", "\n@", "@misc{"])
        + entry[place:]
    )


MUTATIONS: tuple[Mutation, ...] = (
    _delete_one("{"),
    _delete_one("}"),
    _delete_one('"'),
    _delete_one(","),
    _delete_one("="),
    _truncate,
    _random_bytes,
    _huge_field,
    _syntax_noise,
)


def _corpus_files() -> list[Path]:
    folder = CORPUS / "realworld"
    return sorted(folder.glob("*.bib")) if folder.is_dir() else []


def _content(text: str) -> set[tuple[str, tuple[tuple[str, str], ...]]]:
    return {
        (entry.entry_type, tuple(sorted(entry.fields.items())))
        for entry in parse_bibtex(text, "window.bib").value
    }


@pytest.mark.corpus
@pytest.mark.parametrize("path", _corpus_files(), ids=lambda path: path.name)
def test_damage_to_one_entry_loses_no_other(path: Path) -> None:
    text = decode_input(path.read_bytes(), path.name).value
    starts = [m for m in _ENTRY.finditer(text) if m.group(1).lower() not in _FREE_FORM]
    if not starts:
        pytest.skip("no entries")
    strings = "".join(
        text[m.start() : _block_end(text, m.start())]
        for m in _ENTRY.finditer(text)
        if m.group(1).lower() == "string"
    )
    rng = random.Random(f"citeconv-mutations-{path.name}")
    for number in range(MUTATIONS_PER_FILE):
        target = rng.randrange(len(starts))
        window = starts[max(0, target - NEIGHBOURS) : target + NEIGHBOURS + 1]
        bounds = [m.start() for m in window] + [_block_end(text, window[-1].start())]
        pieces = [text[a:b] for a, b in itertools.pairwise(bounds)]
        damaged_index = target - max(0, target - NEIGHBOURS)
        before = strings + "".join(pieces)
        mutation = MUTATIONS[number % len(MUTATIONS)]
        pieces[damaged_index] = mutation(pieces[damaged_index], rng)
        after = strings + "".join(pieces)
        undamaged = strings + "".join(p for i, p in enumerate(pieces) if i != damaged_index)
        expected = _content(before) & _content(undamaged)
        lost = expected - _content(after)
        assert not lost, f"{mutation} on entry {target} lost {sorted(lost)[:2]}"


def _block_end(text: str, start: int) -> int:
    following = _ENTRY.search(text, start + 1)
    return following.start() if following else len(text)


def test_the_scan_is_linear_enough_for_huge_fields() -> None:
    text = "@misc{k, abstract = {" + "x" * 2_000_000 + "}}\n@misc{j, title = {T}}\n"
    assert [entry.key for entry in parse_bibtex(text, "x").value] == ["k", "j"]
    assert prescan(text).broken == ()
