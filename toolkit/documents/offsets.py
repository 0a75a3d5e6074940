"""Offsets in a text built piece by piece (strict JSON from Python literals, a shell word after
unquoting) back to offsets in the text each piece came from."""

from __future__ import annotations

import bisect


class PieceMap:
    """Built with ``add(built_offset, source_offset, linear)``, in increasing built offsets. An offset
    maps through the last piece starting at or before it: ``linear`` pieces advance with it (text
    copied as it is), the others stay at their source start (an escape, a number, a punctuation mark
    the source writes otherwise)."""

    def __init__(self) -> None:
        self._built: list[int] = []
        self._source: list[int] = []
        self._linear: list[bool] = []

    def add(self, built: int, source: int, linear: bool = False) -> None:
        if self._built and self._built[-1] == built:
            self._source[-1], self._linear[-1] = source, linear
            return
        self._built.append(built)
        self._source.append(source)
        self._linear.append(linear)

    def __call__(self, offset: int) -> int:
        if not self._built:
            return offset
        index = max(bisect.bisect_right(self._built, offset) - 1, 0)
        shift = offset - self._built[index] if self._linear[index] else 0
        return self._source[index] + shift


def through(*maps):
    """The composition: ``through(f, g)(x) == g(f(x))``."""

    def mapped(offset: int) -> int:
        for step in maps:
            offset = step(offset)
        return offset

    return mapped
