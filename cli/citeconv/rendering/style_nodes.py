"""Nodes of a loaded style that mean nothing to CSL, removed before the engine walks it.

The parser drops comments; a processing instruction (`<?editor note?>`) stays in the tree,
and the engine, which renders every child, failed on it for every entry.
"""

from __future__ import annotations

from typing import Any


def drop_processing_instructions(root: Any) -> None:
    """Every node whose tag is no name (a processing instruction) leaves the tree; the text
    after it stays, as in `<term>a<?x?>b</term>`."""
    for node in [node for node in root.iter() if not isinstance(node.tag, str)]:
        parent, tail = node.getparent(), node.tail or ""
        if parent is None:
            continue
        before = node.getprevious()
        if before is not None:
            before.tail = (before.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
        parent.remove(node)
