"""Java primitive numbers: typed values, arithmetic, casts and ``toString``.

Representation
--------------
Java's numeric primitives are Python subclasses, so they still work wherever Python expects a
number (indexing, ``range``, ``math``), and their Java type travels with the value:

=========  ==================  ==================================================
Java       class               value invariant
=========  ==================  ==================================================
``byte``   ``JByte(int)``      -128 .. 127
``short``  ``JShort(int)``     -32768 .. 32767
``char``   ``JChar(int)``      0 .. 0xFFFF (a UTF-16 code unit)
``int``    ``JInt(int)``       32-bit two's complement range
``long``   ``JLong(int)``      64-bit two's complement range
``float``  ``JFloat(float)``   a value exactly representable as IEEE binary32
``double`` ``JDouble(float)``  any Python float
=========  ==================  ==================================================

Calling a class is a Java cast: ``JInt(2**31) == -2**31`` (wraps), ``JInt(1e20)`` saturates,
``JInt(float('nan')) == 0``, ``JFloat(0.1)`` rounds to binary32, ``JChar('a') == 97``.

Untyped Python values are read the way a Java literal would be: ``bool`` is not a number, an
``int`` is an ``int`` if it fits in 32 bits and a ``long`` otherwise, a ``float`` is a ``double``
(see ``java_type_of``).

The operators ``+ - * / % & | ^ << >> ~`` and unary ``-`` on these classes follow Java's binary
numeric promotion (``binary_numeric_promotion``) and wrap, truncate or round like the JVM:
``JInt(1) + JLong(2)`` is ``JLong(3)``, ``JInt(5) / JInt(2)`` is ``JInt(2)``, ``JInt(5) / 2.0``
is ``JDouble(2.5)``; integer division by zero raises ``JavaArithmeticError``. The unsigned shift
``>>>`` is ``ushr``. ``//`` and ``**`` are left as Python's and return plain Python numbers.
Python's ``==`` and ``hash`` are *not* changed (``JInt(1) == JLong(1) == 1.0``); Java's
``equals`` and ``hashCode`` live in ``toolkit.javavalues.hashmap``, and Java's numeric
comparison (which converts ``long`` to ``double``) is ``numeric_compare``.
"""

from __future__ import annotations

import math
import struct
from typing import Union

from toolkit.javavalues import _floatingdecimal, _shortest

__all__ = [
    "INT_MIN", "INT_MAX", "LONG_MIN", "LONG_MAX",
    "JavaArithmeticError", "JByte", "JShort", "JChar", "JInt", "JLong", "JFloat", "JDouble",
    "JavaNumber", "java_type_of", "binary_numeric_promotion", "to_int", "to_long", "to_float",
    "to_double", "int_div", "int_rem", "shl", "shr", "ushr", "numeric_compare",
    "double_to_string", "float_to_string",
]

INT_MIN, INT_MAX = -(1 << 31), (1 << 31) - 1
LONG_MIN, LONG_MAX = -(1 << 63), (1 << 63) - 1


class JavaArithmeticError(ArithmeticError):
    """Java's ``java.lang.ArithmeticException`` (the message is Java's, e.g. ``/ by zero``)."""


def _wrap(value: int, bits: int) -> int:
    """Two's complement wrap of ``value`` to ``bits`` bits."""
    mask = (1 << bits) - 1
    value &= mask
    return value - (1 << bits) if value >> (bits - 1) else value


def _saturate(value: float, bits: int) -> int:
    """Java's ``d2i``/``d2l``: NaN is 0, out-of-range values clamp, others truncate toward 0."""
    if math.isnan(value):
        return 0
    low, high = -(1 << (bits - 1)), (1 << (bits - 1)) - 1
    if value <= low:
        return low
    if value >= high:
        return high
    return int(value)


def _binary32(value: float) -> float:
    """Round a double to the nearest binary32 value (ties to even), as Java's ``d2f``."""
    try:
        return struct.unpack("<f", struct.pack("<f", value))[0]
    except OverflowError:
        return math.copysign(math.inf, value)


def _int_to_binary32(value: int) -> float:
    """Java's ``l2f``: one correct rounding from the exact integer (no double rounding)."""
    magnitude = abs(value)
    if magnitude <= 1 << 53:
        return _binary32(float(value))
    shift = magnitude.bit_length() - 24
    kept, dropped = divmod(magnitude, 1 << shift)
    half = 1 << (shift - 1)
    if dropped > half or (dropped == half and kept & 1):
        kept += 1
    return math.copysign(float(kept << shift), value)


def _cast_source(value: object) -> int | float:
    """The number a Java cast starts from: a number, or a one-character string read as a char."""
    if isinstance(value, str) and len(value) == 1:
        return ord(value)
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError(f"cannot cast {type(value).__name__} to a Java number")
    return value


def _integral_from(value: object, bits: int) -> int:
    """``(byte|short|char|int|long) value``: narrower types go through ``int`` from a double."""
    value = _cast_source(value)
    if isinstance(value, float):
        return _wrap(_saturate(value, max(bits, 32)), bits)
    return _wrap(value, bits)


class _JavaNumber:
    """Java arithmetic operators shared by all typed numbers."""

    __slots__ = ()

    def __add__(self, other): return _arith("+", self, other)
    def __radd__(self, other): return _arith("+", other, self)
    def __sub__(self, other): return _arith("-", self, other)
    def __rsub__(self, other): return _arith("-", other, self)
    def __mul__(self, other): return _arith("*", self, other)
    def __rmul__(self, other): return _arith("*", other, self)
    def __truediv__(self, other): return _arith("/", self, other)
    def __rtruediv__(self, other): return _arith("/", other, self)
    def __mod__(self, other): return _arith("%", self, other)
    def __rmod__(self, other): return _arith("%", other, self)
    def __and__(self, other): return _bitwise("&", self, other)
    def __rand__(self, other): return _bitwise("&", other, self)
    def __or__(self, other): return _bitwise("|", self, other)
    def __ror__(self, other): return _bitwise("|", other, self)
    def __xor__(self, other): return _bitwise("^", self, other)
    def __rxor__(self, other): return _bitwise("^", other, self)
    def __lshift__(self, other): return shl(self, other)
    def __rlshift__(self, other): return shl(other, self)
    def __rshift__(self, other): return shr(self, other)
    def __rrshift__(self, other): return shr(other, self)

    def __neg__(self):
        kind = _unary_promotion(self)
        return kind(-float(self)) if issubclass(kind, float) else kind(-int(self))

    def __pos__(self):
        return _unary_promotion(self)(self)

    def __invert__(self):
        kind = _unary_promotion(self)
        if issubclass(kind, float):
            raise TypeError("bitwise complement of a floating-point value")
        return kind(~int(self))

    def __str__(self) -> str:
        """Python's text of the value; Java's is ``text.java_to_string``."""
        return (int if isinstance(self, int) else float).__repr__(self)

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self!s})"


class _JavaIntegral(_JavaNumber, int):
    BITS = 32

    def __new__(cls, value: object = 0):
        return int.__new__(cls, _integral_from(value, cls.BITS))


class JByte(_JavaIntegral):
    """Java ``byte``."""
    BITS = 8


class JShort(_JavaIntegral):
    """Java ``short``."""
    BITS = 16


class JChar(_JavaIntegral):
    """Java ``char``: an unsigned 16-bit UTF-16 code unit; ``str(JChar(97)) == 'a'``."""
    BITS = 16

    def __new__(cls, value: object = 0):
        return int.__new__(cls, _integral_from(value, 16) & 0xFFFF)

    def __str__(self) -> str:
        return chr(self)

    def __repr__(self) -> str:
        return f"JChar({int(self)})"


class JInt(_JavaIntegral):
    """Java ``int``."""
    BITS = 32


class JLong(_JavaIntegral):
    """Java ``long``."""
    BITS = 64


class JFloat(_JavaNumber, float):
    """Java ``float`` (binary32 value held in a Python float)."""

    def __new__(cls, value: object = 0.0):
        return float.__new__(cls, to_float(value))


class JDouble(_JavaNumber, float):
    """Java ``double``."""

    def __new__(cls, value: object = 0.0):
        return float.__new__(cls, to_double(value))


JavaNumber = Union[JByte, JShort, JChar, JInt, JLong, JFloat, JDouble]

_RANK = {JByte: 0, JShort: 0, JChar: 0, JInt: 1, JLong: 2, JFloat: 3, JDouble: 4}
_BY_RANK = {1: JInt, 2: JLong, 3: JFloat, 4: JDouble}


def java_type_of(value: object) -> type:
    """The Java numeric class of ``value``; untyped Python numbers are read as literals."""
    if isinstance(value, bool):
        raise TypeError("a Java boolean is not a number")
    for kind in _RANK:
        if isinstance(value, kind):
            return kind
    if isinstance(value, int):
        return JInt if INT_MIN <= value <= INT_MAX else JLong
    if isinstance(value, float):
        return JDouble
    raise TypeError(f"{type(value).__name__} is not a Java number")


def _unary_promotion(value: object) -> type:
    return _BY_RANK[max(1, _RANK[java_type_of(value)])]


def binary_numeric_promotion(a: object, b: object) -> type:
    """JLS 5.6.2: the type both operands of a numeric binary operator convert to."""
    return _BY_RANK[max(1, _RANK[java_type_of(a)], _RANK[java_type_of(b)])]


def _float_divide(a: float, b: float) -> float:
    if b == 0.0:
        if a == 0.0 or math.isnan(a):
            return math.nan
        return math.copysign(math.inf, a) * math.copysign(1.0, b)
    return a / b


def _float_remainder(a: float, b: float) -> float:
    if b == 0.0 or math.isinf(a) or math.isnan(a) or math.isnan(b):
        return math.nan
    return math.fmod(a, b)


def _arith(op: str, a: object, b: object):
    kind = binary_numeric_promotion(a, b)
    if issubclass(kind, float):
        x, y = float(kind(a)), float(kind(b))
        if op == "/":
            return kind(_float_divide(x, y))
        if op == "%":
            return kind(_float_remainder(x, y))
        return kind(x + y if op == "+" else x - y if op == "-" else x * y)
    x, y = int(a), int(b)
    if op == "/":
        return kind(int_div(x, y))
    if op == "%":
        return kind(int_rem(x, y))
    return kind(x + y if op == "+" else x - y if op == "-" else x * y)


def _bitwise(op: str, a: object, b: object):
    kind = binary_numeric_promotion(a, b)
    if issubclass(kind, float):
        raise TypeError(f"bad operand types for {op}: {kind.__name__}")
    x, y = int(a), int(b)
    return kind(x & y if op == "&" else x | y if op == "|" else x ^ y)


def to_int(value: object) -> JInt:
    """Java ``(int)`` cast: integers wrap to 32 bits; doubles saturate and NaN becomes 0."""
    return JInt(value)


def to_long(value: object) -> JLong:
    """Java ``(long)`` cast: integers wrap to 64 bits; doubles saturate and NaN becomes 0."""
    return JLong(value)


def to_float(value: object) -> float:
    """Java ``(float)`` cast as a plain Python float holding the binary32 value."""
    value = _cast_source(value)
    if isinstance(value, int):
        return _int_to_binary32(value)
    return _binary32(value)


def to_double(value: object) -> float:
    """Java ``(double)`` cast as a plain Python float."""
    return float(_cast_source(value))


def int_div(a: int, b: int) -> int:
    """Java integer ``/`` on unbounded ints: truncates toward zero (callers wrap)."""
    if b == 0:
        raise JavaArithmeticError("/ by zero")
    quotient = abs(a) // abs(b)
    return quotient if (a < 0) == (b < 0) else -quotient


def int_rem(a: int, b: int) -> int:
    """Java integer ``%`` on unbounded ints: the sign follows the dividend."""
    return a - b * int_div(a, b)


def _shift_operands(value: object, distance: object) -> tuple[type, int, int]:
    kind = _unary_promotion(value)
    if issubclass(kind, float) or issubclass(_unary_promotion(distance), float):
        raise TypeError("shift operands must be integral")
    return kind, int(value), int(distance) & (kind.BITS - 1)


def shl(value: object, distance: object) -> JInt | JLong:
    """Java ``<<``: the type is the left operand's; the distance is masked to 5 or 6 bits."""
    kind, x, n = _shift_operands(value, distance)
    return kind(x << n)


def shr(value: object, distance: object) -> JInt | JLong:
    """Java ``>>`` (arithmetic shift)."""
    kind, x, n = _shift_operands(value, distance)
    return kind(x >> n)


def ushr(value: object, distance: object) -> JInt | JLong:
    """Java ``>>>`` (logical shift: zeros come in from the left)."""
    kind, x, n = _shift_operands(value, distance)
    return kind((x & ((1 << kind.BITS) - 1)) >> n)


def numeric_compare(a: object, b: object) -> int | None:
    """Java's ``<``/``==``/``>`` after promotion: -1, 0 or 1, or None when a NaN is involved."""
    kind = binary_numeric_promotion(a, b)
    x, y = kind(a), kind(b)
    if issubclass(kind, float) and (math.isnan(x) or math.isnan(y)):
        return None
    return (x > y) - (x < y)


def double_to_string(x: float, jdk: int = 21) -> str:
    """Java's ``Double.toString(x)`` as printed by JDK ``jdk`` (17: FloatingDecimal; 19+: shortest)."""
    x = float(x)
    if jdk >= 19:
        return _shortest.double_to_string(x)
    return _floatingdecimal.double_to_string(x)


def float_to_string(x: float, jdk: int = 21) -> str:
    """Java's ``Float.toString(x)``; ``x`` is first rounded to binary32 like a ``(float)`` cast."""
    x = to_float(x)
    if jdk >= 19:
        return _shortest.float_to_string(x)
    return _floatingdecimal.float_to_string(x)
