"""``Double.toString`` and ``Float.toString`` of JDK 19 and later (Giulietti, JDK-4511638).

The javadoc's selection rule: let R be the decimals that round to the value under
round-to-nearest-even; let m be the shortest length in R; T is the decimals of R of length m, or
of length 1 or 2 when m is 1; print the decimal of T closest to the value, the one with the even
significand on a tie.

For doubles with m >= 2 this is exactly the digit string of Python's ``repr`` (David Gay's
shortest round-trip mode, also nearest-then-even), which is fast. The other cases (m = 1, and
every float) run the rule above in exact rational arithmetic.
"""

from __future__ import annotations

import math
from fractions import Fraction

from toolkit.javavalues._ieee import Binary, split_double, split_float
from toolkit.javavalues._layout import java_layout


def _floor_log10(value: Fraction) -> int:
    """Exact ``floor(log10(value))`` for a positive rational."""
    guess = math.floor(math.log10(value.numerator) - math.log10(value.denominator))
    while Fraction(10) ** guess > value:
        guess -= 1
    while Fraction(10) ** (guess + 1) <= value:
        guess += 1
    return guess


def _strip(significand: int, exponent: int) -> tuple[int, int]:
    while significand % 10 == 0:
        significand //= 10
        exponent += 1
    return significand, exponent


def _candidates(low: Fraction, high: Fraction, inclusive: bool, exponent: int, length: int):
    """Multiples ``k * 10**exponent`` in the rounding interval whose length is <= ``length``."""
    step = Fraction(10) ** exponent
    first, last = math.ceil(low / step), math.floor(high / step)
    if not inclusive:
        first += first * step == low
        last -= last * step == high
    return [k for k in range(first, last + 1) if len(str(_strip(k, 0)[0])) <= length]


def _select(binary: Binary) -> tuple[int, int]:
    """The decimal ``(digits, exponent)`` Java prints for ``binary`` (exact arithmetic)."""
    value = Fraction(binary.significand) * Fraction(2) ** binary.exponent
    ulp = Fraction(2) ** binary.exponent
    low = value - (ulp / 4 if binary.narrow_below else ulp / 2)
    high = value + ulp / 2
    inclusive = binary.significand % 2 == 0
    top = _floor_log10(low)
    length = 1
    while not (found := _candidates(low, high, inclusive, top - length + 1, length)):
        length += 1
    if length == 1:
        length = 2
        found = _candidates(low, high, inclusive, top - 1, 2)
    exponent = top - length + 1
    best = min(found, key=lambda k: (abs(k * Fraction(10) ** exponent - value), k % 2))
    return _strip(best, exponent)


def _layout(negative: bool, digits: int, exponent: int) -> str:
    text = str(digits)
    return java_layout(negative, text, exponent + len(text) - 1)


def _special(x: float) -> str | None:
    if math.isnan(x):
        return "NaN"
    if math.isinf(x):
        return "Infinity" if x > 0 else "-Infinity"
    if x == 0.0:
        return "-0.0" if math.copysign(1.0, x) < 0 else "0.0"
    return None


def double_to_string(x: float) -> str:
    """``Double.toString`` on JDK 19+."""
    special = _special(x)
    if special is not None:
        return special
    mantissa, _, power = repr(abs(x)).partition("e")
    whole, _, fraction = mantissa.partition(".")
    digits, exponent = _strip(int(whole + fraction), int(power or 0) - len(fraction))
    if digits < 10:
        digits, exponent = _select(split_double(x))
    return _layout(x < 0, digits, exponent)


def float_to_string(x: float) -> str:
    """``Float.toString`` on JDK 19+; ``x`` must hold a binary32 value."""
    special = _special(x)
    if special is not None:
        return special
    return _layout(x < 0, *_select(split_float(x)))
