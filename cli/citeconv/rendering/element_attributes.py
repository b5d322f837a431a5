"""Attributes set on a style element only while it renders: the engine reads a name's et-al and
delimiter options from the element itself, so units that need other values for one cite
(rendering/ambiguity.py, rendering/name_options.py) set them around the call and put back what
was there, also when rendering raises.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any


@contextmanager
def attributes_set(element: Any, values: Mapping[str, str | None]) -> Iterator[None]:
    """`element` with each non-empty value of `values` set for the duration of the block."""
    saved = {name: element.get(name) for name, value in values.items() if value}
    for name in saved:
        element.set(name, values[name])
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                element.attrib.pop(name, None)
            else:
                element.set(name, value)
