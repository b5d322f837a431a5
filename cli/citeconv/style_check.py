"""A style file's structure checked before the engine runs it (issue 15).

citeproc-py follows a macro that calls itself until Python's stack runs out, fails with an
IndexError on a macro that is not defined, and with a TypeError on an element it does not
know. Each of those is a broken style, so it is reported as one (exit 4, with the style's name
and the reason), never as an internal error.
"""

from __future__ import annotations

import xml.etree.ElementTree as ElementTree
from collections.abc import Iterator
from pathlib import Path

from citeconv.errors import InvalidStyle

_CSL = "{http://purl.org/net/xbiblio/csl}"
# CSL 1.0.2's elements outside <info> (whose content is metadata, never rendered), with the
# CSL-M extensions some styles carry.
KNOWN_ELEMENTS = frozenset(
    """style info locale terms term single multiple style-options date date-part citation
    bibliography sort key layout macro text number label group choose if else-if else names
    name name-part et-al substitute institution institution-part conditions condition""".split()
)
MAX_DEPTH = 64  # the engine walks a style recursively; real styles nest about 12 deep


def check_style(path: Path, name: str) -> None:
    """Raise InvalidStyle, naming the style and the reason, when `path` cannot be rendered."""
    try:
        root = ElementTree.parse(path).getroot()
    except (ElementTree.ParseError, OSError) as error:
        raise InvalidStyle(f"{name}: not well-formed XML: {error}") from error
    macros: dict[str, list[str]] = {}
    for element, depth in _walk(root):
        tag = element.tag if isinstance(element.tag, str) else ""
        if depth > MAX_DEPTH:
            raise InvalidStyle(f"{name}: elements nested more than {MAX_DEPTH} levels deep")
        if not tag.startswith(_CSL) or tag.removeprefix(_CSL) not in KNOWN_ELEMENTS:
            raise InvalidStyle(f"{name}: unknown element <{_short(tag)}>")
        if tag == f"{_CSL}macro":
            macros[element.get("name", "")] = _called_macros(element)
    for called in _called_macros(root):
        if called not in macros:
            raise InvalidStyle(f"{name}: macro '{called}' is used but not defined")
    cycle = _first_cycle(macros)
    if cycle:
        raise InvalidStyle(f"{name}: macro '{cycle[0]}' calls itself ({' -> '.join(cycle)})")


def _walk(root: ElementTree.Element) -> Iterator[tuple[ElementTree.Element, int]]:
    """Every element but the content of <info>, with its depth; iterative, however deep."""
    stack = [(root, 1)]
    while stack:
        element, depth = stack.pop()
        yield element, depth
        if element.tag != f"{_CSL}info":
            stack.extend((child, depth + 1) for child in reversed(element))


def _called_macros(element: ElementTree.Element) -> list[str]:
    return [
        found.get("macro", "")
        for found, _ in _walk(element)
        if found.get("macro") is not None and found.tag != f"{_CSL}macro"
    ]


def _first_cycle(macros: dict[str, list[str]]) -> list[str]:
    """A chain of macro calls that returns to its start, or [] (iterative depth-first search)."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    for start in macros:
        if start in state:
            continue
        path = [start]
        pending = [iter(macros[start])]
        state[start] = 1
        while pending:
            called = next(pending[-1], None)
            if called is None:
                state[path.pop()] = 2
                pending.pop()
            elif state.get(called) == 1:
                return [*path[path.index(called) :], called]
            elif called not in state and called in macros:
                state[called] = 1
                path.append(called)
                pending.append(iter(macros[called]))
    return []


def _short(tag: str) -> str:
    return tag.removeprefix(_CSL) if tag.startswith(_CSL) else tag.split("}")[-1] or "?"
