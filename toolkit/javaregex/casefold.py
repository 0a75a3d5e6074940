"""Java's Unicode case-insensitive matching (``(?iu)``) as explicit character sets.

Java compares ``Character.toLowerCase(Character.toUpperCase(c))`` (simple, one-to-one mappings);
Python's ``str.upper``/``str.lower`` are the full mappings, so where those give several characters
the simple mapping comes from a small table (U+0130, the Greek iota-subscript letters) or is none.
All cased characters lie below U+20000.
"""

from __future__ import annotations

import functools
from collections import defaultdict

_CASED_LIMIT = 0x20000
# Simple mappings (UnicodeData.txt) of characters whose full mapping has several characters.
_SIMPLE_LOWER = {0x130: 0x69}
_SIMPLE_UPPER = {
    **{cp: cp + 8 for start in (0x1F80, 0x1F90, 0x1FA0) for cp in range(start, start + 8)},
    0x1FB3: 0x1FBC, 0x1FC3: 0x1FCC, 0x1FF3: 0x1FFC,
}


def upper1(cp: int) -> int:
    up = chr(cp).upper()
    return ord(up) if len(up) == 1 else _SIMPLE_UPPER.get(cp, cp)


def lower1(cp: int) -> int:
    low = chr(cp).lower()
    return ord(low) if len(low) == 1 else _SIMPLE_LOWER.get(cp, cp)


def key(cp: int) -> int:
    """Java's comparison key under UNICODE_CASE: lower(upper(c))."""
    return lower1(upper1(cp))


@functools.cache
def _cased() -> tuple[tuple[int, ...], dict[int, frozenset[int]]]:
    cased, by_key = [], defaultdict(set)
    for cp in range(_CASED_LIMIT):
        if 0xD800 <= cp <= 0xDFFF:
            continue
        up = upper1(cp)
        k = lower1(up)
        if up != cp or k != cp:
            cased.append(cp)
            by_key[k].add(cp)
    return tuple(cased), {k: frozenset(v) for k, v in by_key.items()}


def single(cp: int) -> frozenset[int]:
    """What Java's ``single(cp)`` matches under ``(?iu)`` (``SingleU``, or ``cp`` alone)."""
    up = upper1(cp)
    low = lower1(up)
    if up == low:
        return frozenset({cp})
    return frozenset({low}) | _cased()[1].get(low, frozenset())


def range_extras(lo: int, hi: int) -> list[int]:
    """Characters outside ``lo..hi`` that Java's ``CIRangeU(lo, hi)`` also matches."""
    cased = _cased()[0]
    return [cp for cp in cased
            if not lo <= cp <= hi and (lo <= upper1(cp) <= hi or lo <= key(cp) <= hi)]
