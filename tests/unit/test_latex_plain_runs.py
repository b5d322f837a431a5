"""The parser reading runs of plain characters as one token gives the nodes it gives reading
them one by one (issue 16: speed; normalize/latex.py `_Walker`).

pylatexenc's own table (not citeconv's quicker one) takes the character-by-character path, so
parsing with each table and comparing the node trees, field by field, proves the two readings
equal on every value of the corpus and on values built to sit where a run must stop.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pylatexenc.latexwalker import LatexNode, get_default_latex_context_db

from citeconv.errors import EntryTooComplex
from citeconv.normalize.latex import _parser_context, parse_nodes
from citeconv.readers.bibtex import parse_bibtex
from citeconv.readers.encoding import decode_input

from conftest import corpus_dir

_SPACED = (" ", "  ", "\n", "\n\n", "\t", "\u00a0", "\u2003", "\\ ")
_PIECES = _SPACED + tuple(
    r"ab x { } [ ] ( ) \ \x \emph \textbf{b} \'e \\ \, % $ $$ ^ _ ~ - -- --- ` `` ' ''"
    r" !` ?` & # * \begin{quote} \end{quote} \item[x] \( \) \[ \] \url{a%20b} \verb < >".split()
)


def _tree(node: Any) -> Any:
    """A node as plain data: its kind, place and every field, its parsing state left out."""
    if isinstance(node, list | tuple):
        return [_tree(member) for member in node]
    if isinstance(node, LatexNode):
        fields = {name: _tree(getattr(node, name)) for name in node._fields}
        return (type(node).__name__, node.pos, node.len, fields)
    if hasattr(node, "argnlist"):  # a macro's parsed arguments
        return ("args", node.argspec, _tree(node.argnlist))
    if hasattr(node, "specials_chars"):  # a special's spec
        return ("special", node.specials_chars)
    return node


def _both(latex: str) -> tuple[Any, Any]:
    try:
        one_by_one = _tree(parse_nodes(latex, get_default_latex_context_db()))
    except EntryTooComplex:
        one_by_one = "too complex"
    try:
        in_runs = _tree(parse_nodes(latex, _parser_context()))
    except EntryTooComplex:
        in_runs = "too complex"
    return one_by_one, in_runs


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=14).map("".join))
def test_runs_parse_as_single_characters(latex: str) -> None:
    one_by_one, in_runs = _both(latex)
    assert in_runs == one_by_one


@pytest.mark.parametrize("folder", ["realworld", "malformed", "large"])
def test_every_corpus_value_parses_the_same(folder: str) -> None:
    values: set[str] = set()
    for path in sorted(corpus_dir(folder).glob("*.bib")):
        text = decode_input(path.read_bytes(), path.name).value
        for entry in parse_bibtex(text, path.name).value:
            values.update(value for value in entry.fields.values() if "\\" in value)
    assert values
    for value in sorted(values):
        one_by_one, in_runs = _both(value)
        assert in_runs == one_by_one, value
