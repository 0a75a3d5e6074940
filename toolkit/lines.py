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
    """``text.splitlines()``, computed once per text."""
    return tuple(text.splitlines())


def line_and_column(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of ``offset`` (lines end at ``\\n``)."""
    starts = line_starts(text)
    index = bisect.bisect_right(starts, offset) - 1
    return index + 1, offset - starts[index] + 1
