"""Split IEEE 754 binary64/binary32 magnitudes into an integer significand and binary exponent."""

from __future__ import annotations

import struct
from typing import NamedTuple


class Binary(NamedTuple):
    """The magnitude ``significand * 2**exponent`` of a finite non-zero value.

    ``narrow_below`` is true when the gap to the next smaller value is half the gap to the next
    larger one (the significand is a power of two and the value is normal, not the smallest).
    """

    significand: int
    exponent: int
    narrow_below: bool


def _split(bits: int, fraction_bits: int, exponent_bits: int) -> Binary:
    biased = (bits >> fraction_bits) & ((1 << exponent_bits) - 1)
    fraction = bits & ((1 << fraction_bits) - 1)
    bias = (1 << (exponent_bits - 1)) - 1
    if biased == 0:
        return Binary(fraction, 1 - bias - fraction_bits, False)
    return Binary(fraction | (1 << fraction_bits), biased - bias - fraction_bits,
                  fraction == 0 and biased > 1)


def split_double(x: float) -> Binary:
    """Decompose a finite non-zero double."""
    return _split(struct.unpack("<Q", struct.pack("<d", x))[0], 52, 11)


def split_float(x: float) -> Binary:
    """Decompose a finite non-zero binary32 value (held in a Python float)."""
    return _split(struct.unpack("<I", struct.pack("<f", x))[0], 23, 8)
