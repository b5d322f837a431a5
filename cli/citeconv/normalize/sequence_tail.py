"""A read-only view of a sequence from some index on, made without copying the items."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar, overload

T = TypeVar("T")


class SequenceTail(Sequence[T]):
    """`items[start:]` in constant time: the LaTeX decoder hands each command the nodes after
    it, and a copy per command made a value of many commands quadratic (issue 15)."""

    def __init__(self, items: Sequence[T], start: int) -> None:
        self.items, self.start = items, start

    def __len__(self) -> int:
        return max(len(self.items) - self.start, 0)

    @overload
    def __getitem__(self, index: int) -> T: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[T]: ...

    def __getitem__(self, index: int | slice) -> T | Sequence[T]:
        if isinstance(index, slice):
            if index.step is None and (index.start or 0) >= 0 and (index.stop or 0) >= 0:
                stop = len(self) if index.stop is None else min(index.stop, len(self))
                return self.items[self.start + (index.start or 0) : self.start + stop]
            return [self.items[self.start + i] for i in range(*index.indices(len(self)))]
        if 0 <= index < len(self.items) - self.start:
            return self.items[self.start + index]
        if not -len(self) <= index < 0:
            raise IndexError(index)
        return self.items[len(self.items) + index]
