"""Module-level regular expressions compiled when first used, not when their module is imported.

citeconv's modules define about 250 patterns; a run uses a third of them (the sample to APA
uses 82). Compiling all of them at import cost about 20 ms of a 150 ms start, and Makefiles
start the tool once per target. `compile` hands back a stand-in that compiles on its first
use and then keeps each attribute it was asked for (the pattern's bound methods) in its own
`__dict__`, so later calls find them as fast as on the pattern itself.
"""

from __future__ import annotations

import re
from typing import Any, AnyStr, cast


class _LazyPattern:
    """A stand-in for `re.compile(source, flags)`: the same methods and attributes."""

    def __init__(self, source: str | bytes, flags: int) -> None:
        self.pattern = source  # known without compiling: other patterns are built from it
        self._flags = flags

    def __getattr__(self, name: str) -> Any:
        # Only reached for names not yet in __dict__: the first use of each method.
        if name.startswith("__"):  # copy/pickle probes: no need to compile for those
            raise AttributeError(name)
        value = getattr(re.compile(self.pattern, self._flags), name)
        self.__dict__[name] = value
        return value

    def __reduce__(self) -> tuple[type[_LazyPattern], tuple[str | bytes, int]]:
        return (_LazyPattern, (self.pattern, self._flags))

    def __repr__(self) -> str:
        return repr(re.compile(self.pattern, self._flags))


def compile(source: AnyStr, flags: int = 0) -> re.Pattern[AnyStr]:
    """`re.compile(source, flags)`, compiled on first use; a wrong pattern fails there."""
    return cast("re.Pattern[AnyStr]", _LazyPattern(source, flags))
