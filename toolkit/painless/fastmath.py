"""Fast paths for the interpreter's hottest operations on typed numbers.

Results are the same ``toolkit.javavalues`` types and values its operators give; this module only
avoids their general machinery for the common int/long/double cases (built without re-validating
the value) and hands everything else (float, NaN cases, division of floating values) back to it.
"""

from __future__ import annotations

from toolkit.javavalues.numbers import (
    JavaArithmeticError, JByte, JChar, JDouble, JFloat, JInt, JLong, JShort, double_to_string,
)

_RANK = {JByte: 1, JShort: 1, JChar: 1, JInt: 1, JLong: 2, JFloat: 3, JDouble: 4}
_new_int = int.__new__
_new_float = float.__new__
_float_repr = float.__repr__


# The JInt of every index and length below 4096, made once: allocating a JInt costs more than the
# operation that needs it. Sharing them is invisible to scripts (identity of boxed numbers is unsupported).
SMALL_INTS = tuple(_new_int(JInt, value) for value in range(4096))
SMALL_INT_LIMIT = len(SMALL_INTS)


def make_int(value: int) -> JInt:
    """The JInt of ``value`` wrapped to 32 bits."""
    value = ((value + 0x80000000) & 0xFFFFFFFF) - 0x80000000
    return SMALL_INTS[value] if 0 <= value < SMALL_INT_LIMIT else _new_int(JInt, value)


def make_long(value: int) -> JLong:
    return _new_int(JLong, ((value + 0x8000000000000000) & 0xFFFFFFFFFFFFFFFF) - 0x8000000000000000)


def _integral(op: str, x: int, y: int) -> int:
    if op == "+":
        return x + y
    if op == "-":
        return x - y
    if op == "*":
        return x * y
    if y == 0:
        raise JavaArithmeticError("/ by zero")
    quotient = abs(x) // abs(y)
    if (x < 0) != (y < 0):
        quotient = -quotient
    return quotient if op == "/" else x - y * quotient


def arith(op: str, a, b):
    """``a op b`` for typed numbers with Java promotion (``op`` one of + - * / %)."""
    rank = max(_RANK[type(a)], _RANK[type(b)])
    if rank == 1:
        return make_int(_integral(op, int(a), int(b)))
    if rank == 2:
        return make_long(_integral(op, int(a), int(b)))
    if rank == 4 and op in "+-*":
        x, y = float(a), float(b)
        return _new_float(JDouble, x + y if op == "+" else x - y if op == "-" else x * y)
    return {"+": JDouble.__add__, "-": JDouble.__sub__, "*": JDouble.__mul__, "/": JDouble.__truediv__,
            "%": JDouble.__mod__}[op](JDouble(a) if rank == 4 else JFloat(a), b)


def compare(a, b) -> int | None:
    """Java's numeric comparison: -1, 0, 1, or None when a NaN is involved."""
    rank = max(_RANK[type(a)], _RANK[type(b)])
    if rank <= 2:
        x, y = int(a), int(b)
    elif rank == 4:
        x, y = float(a), float(b)
        if x != x or y != y:
            return None
    else:
        from toolkit.javavalues.numbers import numeric_compare

        return numeric_compare(a, b)
    return (x > y) - (x < y)


def double_text(x: float, jdk: int) -> str:
    """``Double.toString(x)`` on JDK ``jdk``, taking Python's ``repr`` where it is the same text.

    On JDK 19+ the digits are the shortest round-trip ones, as ``repr``'s, whenever there are at
    least two of them; in [1e-3, 1e7) both print them in plain notation the same way. Everything
    else (one digit, zeros, NaN, infinities, exponent notation, JDK 17) takes the exact route.
    """
    if jdk >= 19 and 1e-3 <= abs(x) < 1e7:
        text = _float_repr(x)
        if len(text.strip("-0.")) > 1:  # two significant digits or more
            return text
    return double_to_string(x, jdk)
