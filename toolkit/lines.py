"""Line lookups shared by every finding about one text: built once per text, then O(log n) each.

Thousands of findings on one long line must not each rescan the text (``splitlines`` or
``count("\\n")`` per finding is quadratic); the few most recent texts keep their index.
"""

from __future__ import annotations

import bisect
import functools


@functools.lru_cache(maxsize=8)
def line_starts(text: str) -> tuple[int, ...]:
    """Offsets where the lines of ``text`` start, counting only ``\\n`` as a break (as positions do)."""
    starts = [0]
    find = text.find
    at = find("\n")
    while at >= 0:
        starts.append(at + 1)
        at = find("\n", at + 1)
    return tuple(starts)


@functools.lru_cache(maxsize=8)
def split_lines(text: str) -> tuple[str, ...]:
    """The lines of ``text`` as positions number them: ended by ``\n`` (a ``\r`` before it dropped),
    not by the other breaks ``str.splitlines`` knows (``\x85``, ``\u2028``, ...); computed once per text."""
    lines = text.split("\n")
    if lines[-1] == "":
        lines.pop()
    return tuple(line[:-1] if line.endswith("\r") else line for line in lines)


def line_and_column(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of ``offset`` (lines end at ``\\n``)."""
    starts = line_starts(text)
    index = bisect.bisect_right(starts, offset) - 1
    return index + 1, offset - starts[index] + 1


class LineCounter:
    """Line numbers of offsets asked in (mostly) increasing order, each counted on from the previous
    one: linear over a document for a scan of its matches, and without building an index of every
    line (cheaper than ``line_starts`` when a document has few matches)."""

    def __init__(self, text: str):
        self._text = text
        self._at = 0
        self._line = 1

    def __call__(self, offset: int) -> int:
        if offset >= self._at:
            self._line += self._text.count("\n", self._at, offset)
        else:
            self._line -= self._text.count("\n", offset, self._at)
        self._at = offset
        return self._line
