"""A style file's structure checked before the engine runs it (issue 15).

citeproc-py follows a macro that calls itself until Python's stack runs out, fails with an
IndexError on a macro that is not defined, and with a TypeError on an element it does not
know. Each of those is a broken style, so it is reported as one (exit 4, with the style's name
and the reason), never as an internal error. So are the values the engine cannot take (a
`text-case` or `form` CSL does not define, an `et-al-min` that is no number, a `<text>` that
names nothing to print) and macros that call each other so often that expanding them would
take more elements than any real style (a chain of macros each calling the next twice).
"""

from __future__ import annotations

import xml.etree.ElementTree as ElementTree
from collections.abc import Iterator
from pathlib import Path

from citeconv.csl import DATE_VARIABLES
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
# Elements one entry can walk: a layout with every macro call expanded in place and, of each
# <choose>, its largest branch. The 2,800 installed styles need at most 3,047 (Chicago's
# notes); 18 macros each calling the next twice need 1.5 million, and took 31 s and 260 MB
# for one entry (issue 15). The bound leaves real styles 16 times their need.
MAX_EXPANDED = 50_000
# CSL 1.0.2's values for the attributes whose value the engine dispatches on.
ENUMERATED = {
    "text-case": "lowercase uppercase capitalize-first capitalize-all sentence title",
    "font-style": "normal italic oblique",
    "font-variant": "normal small-caps",
    "font-weight": "normal bold light",
    "text-decoration": "none underline",
    "vertical-align": "baseline sup sub",
    "display": "block left-margin right-inline indent",
}
# Attributes read as whole numbers.
NUMBERS = frozenset(
    """et-al-min et-al-use-first et-al-subsequent-min et-al-subsequent-use-first
    names-min names-use-first line-spacing entry-spacing near-note-distance""".split()
)
# Values of one element's attribute.
ENUMERATED_ON = {
    ("date", "form"): "text numeric",
    ("name", "and"): "text symbol",
    ("name", "form"): "long short count",
    ("number", "form"): "numeric ordinal long-ordinal roman",
}
# What an element must name: one of these attributes (the engine fails without it).
REQUIRED = {
    "text": ("variable", "macro", "term", "value"),
    "date": ("variable",),
    "names": ("variable",),
    "key": ("variable", "macro"),
}


def check_style(path: Path, name: str) -> None:
    """Raise InvalidStyle, naming the style and the reason, when `path` cannot be rendered."""
    try:
        root = ElementTree.parse(path).getroot()
    except (ElementTree.ParseError, OSError) as error:
        raise InvalidStyle(f"{name}: not well-formed XML: {error}") from error
    macros: dict[str, list[str]] = {}
    # A locale's <date form="..."> defines a format: it names no variable.
    formats = {id(date) for locale in root.iter(f"{_CSL}locale") for date in locale.iter()}
    for element, depth in _walk(root):
        tag = element.tag if isinstance(element.tag, str) else ""
        if depth > MAX_DEPTH:
            raise InvalidStyle(f"{name}: elements nested more than {MAX_DEPTH} levels deep")
        if not tag.startswith(_CSL) or tag.removeprefix(_CSL) not in KNOWN_ELEMENTS:
            raise InvalidStyle(f"{name}: unknown element <{_short(tag)}>")
        problem = _value_problem(element, tag.removeprefix(_CSL), id(element) in formats)
        if problem:
            raise InvalidStyle(f"{name}: {problem}")
        if tag == f"{_CSL}macro":
            macro = element.get("name", "")
            if macro in macros:  # the engine would use the first, which goes unchecked
                raise InvalidStyle(f"{name}: macro '{macro}' is defined twice")
            macros[macro] = _called_macros(element)
    for called in _called_macros(root):
        if called not in macros:
            raise InvalidStyle(f"{name}: macro '{called}' is used but not defined")
    cycle, callees_first = _walk_calls(macros)
    if cycle:
        raise InvalidStyle(f"{name}: macro '{cycle[0]}' calls itself ({' -> '.join(cycle)})")
    if expanded_size(root, callees_first) > MAX_EXPANDED:
        message = f"an entry needs more than {MAX_EXPANDED:,} elements, macro calls expanded"
        raise InvalidStyle(f"{name}: {message} (installed styles need at most 3,047)")


def _value_problem(element: ElementTree.Element, tag: str, in_locale: bool) -> str | None:
    """What the engine would crash on in this element's attributes, or None."""
    for attribute, allowed in ENUMERATED.items():
        value = element.get(attribute)
        if value is not None and value not in allowed.split():
            return f'<{tag}> {attribute}="{value:.40}" is not a CSL value'
    for (owner, attribute), allowed in ENUMERATED_ON.items():
        value = element.get(attribute)
        if owner == tag and value is not None and value not in allowed.split():
            return f'<{tag}> {attribute}="{value:.40}" is not a CSL value'
    for attribute in NUMBERS.intersection(element.keys()):
        if not element.get(attribute, "").strip().isdecimal():
            return f'<{tag}> {attribute}="{element.get(attribute, ""):.40}" is not a number'
    required = () if in_locale else REQUIRED.get(tag, ())
    if required and not any(element.get(key) is not None for key in required):
        return f"<{tag}> names none of: {', '.join(required)}"
    if tag == "date" and not in_locale and element.get("variable") not in DATE_VARIABLES:
        return f'<date variable="{element.get("variable", ""):.40}"> is no date variable'
    return None


def expanded_size(root: ElementTree.Element, callees_first: list[str]) -> int:
    """Elements one entry can walk: each macro call counted as the macro's size, each
    <choose> as its largest branch. Macros are sized callees first, once each, so the work is
    linear in the style; the recursion goes only as deep as the XML (MAX_DEPTH, checked before)."""
    macros = {m.get("name", ""): m for m in root.iter(f"{_CSL}macro")}
    sizes: dict[str, int] = {}
    for name in callees_first:
        sizes[name] = _tree_size(macros[name], sizes)
    layouts = [*root.iter(f"{_CSL}citation"), *root.iter(f"{_CSL}bibliography")]
    return max((_tree_size(layout, sizes) for layout in layouts), default=0)


def _tree_size(element: ElementTree.Element, sizes: dict[str, int]) -> int:
    if element.tag == f"{_CSL}info":
        return 1
    called = element.get("macro") if element.tag != f"{_CSL}macro" else None
    own = 1 + sizes.get(called or "", 0)
    children = (_tree_size(child, sizes) for child in element)
    inside = max(children, default=0) if element.tag == f"{_CSL}choose" else sum(children)
    return min(own + inside, MAX_EXPANDED + 1)  # a capped count: no huge integers


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


def _walk_calls(macros: dict[str, list[str]]) -> tuple[list[str], list[str]]:
    """A chain of macro calls that returns to its start (or []), and the macros in an order
    where each comes after those it calls (iterative depth-first search)."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    callees_first: list[str] = []
    for start in macros:
        if start in state:
            continue
        path = [start]
        pending = [iter(macros[start])]
        state[start] = 1
        while pending:
            called = next(pending[-1], None)
            if called is None:
                done = path.pop()
                state[done] = 2
                callees_first.append(done)
                pending.pop()
            elif state.get(called) == 1:
                return [*path[path.index(called) :], called], callees_first
            elif called not in state and called in macros:
                state[called] = 1
                path.append(called)
                pending.append(iter(macros[called]))
    return [], callees_first


def _short(tag: str) -> str:
    return tag.removeprefix(_CSL) if tag.startswith(_CSL) else tag.split("}")[-1] or "?"
