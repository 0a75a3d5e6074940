"""Painless operators on run-time values: Java arithmetic, concatenation, comparison, equality.

Each function takes evaluated operands (and the run ``Context`` where text or limits matter) and
raises ``JavaThrow`` for what Java would throw. ``BINARY`` maps an operator to its function.
"""

from __future__ import annotations

from toolkit.javavalues.numbers import JavaArithmeticError, JByte, JChar, JInt, JLong, JShort, shl, shr, ushr
from toolkit.painless import fastmath, regexes
from toolkit.painless.errors import PainlessUnsupported
from toolkit.painless.values import NUMBER_TYPES, equals, throw, type_name

_NUMS = frozenset(NUMBER_TYPES)
_CACHED_BOXES = frozenset({JByte, JShort, JInt, JLong})


def _bad(op: str, a, b):
    """What DefMath throws for operands it cannot apply ``op`` to: a null one fails on ``getClass()`` first."""
    if a is None or b is None:
        return _null_operand(op)
    return throw("ClassCastException",
                 f"Cannot apply [{op}] operation to types [{type_name(a)}] and [{type_name(b)}].")


def _null_operand(op: str):
    return throw("NullPointerException", f"Cannot apply [{op}] operation to a null value")


def add(ctx, a, b):
    if type(a) is str or type(b) is str:
        return ctx.concat(a, b)
    if type(a) in _NUMS and type(b) in _NUMS:
        return fastmath.arith("+", a, b)
    raise _bad("+", a, b)


def _arith(op: str):
    def apply(ctx, a, b):
        if type(a) in _NUMS and type(b) in _NUMS:
            try:
                return fastmath.arith(op, a, b)
            except JavaArithmeticError as exc:
                raise throw("ArithmeticException", str(exc)) from None
        raise _bad(op, a, b)
    return apply


def _bitwise(op: str):
    def apply(ctx, a, b):
        if type(a) is bool and type(b) is bool:
            return (a and b) if op == "&" else (a or b) if op == "|" else a != b
        if type(a) in _NUMS and type(b) in _NUMS and not isinstance(a, float) and not isinstance(b, float):
            return a & b if op == "&" else a | b if op == "|" else a ^ b
        raise _bad(op, a, b)
    return apply


def _shift(op: str, function):
    def apply(ctx, a, b):
        if type(a) in _NUMS and type(b) in _NUMS and not isinstance(a, float) and not isinstance(b, float):
            return function(a, b)
        raise _bad(op, a, b)
    return apply


def _compare(op: str):
    def apply(ctx, a, b):
        if a is None or b is None:
            raise throw("NullPointerException", f"Cannot apply [{op}] to a null value")
        if type(a) not in _NUMS or type(b) not in _NUMS:
            raise _bad(op, a, b)
        result = fastmath.compare(a, b)
        if result is None:
            return False
        return result < 0 if op == "<" else result <= 0 if op == "<=" else result > 0 if op == ">" else result >= 0
    return apply


def eq(ctx, a, b):
    return equals(a, b)


def ne(ctx, a, b):
    return not equals(a, b)


def _cached(value) -> bool:
    """A value Java boxes to a shared instance: Boolean, and Byte/Short/Integer/Long in -128..127 and
    Character in 0..127 (``valueOf``'s caches, which every boxing in a script goes through)."""
    kind = type(value)
    if kind is bool:
        return True
    if kind is JChar:
        return 0 <= value <= 127
    return kind in _CACHED_BOXES and -128 <= value <= 127


def _same_object(a, b) -> bool:
    """Java's reference equality, where the emulator can know it."""
    if a is None or b is None or type_name(a) != type_name(b):  # null, or objects of two classes
        return a is b
    if _cached(a):
        return a == b
    if isinstance(a, (str, int, float)):
        raise PainlessUnsupported("=== and !== on strings or on numbers outside the boxing caches (the identity of "
                                  "the objects)")
    return a is b


def _identity(negate: bool):
    return lambda ctx, a, b: _same_object(a, b) != negate


BINARY = {
    "+": add, "-": _arith("-"), "*": _arith("*"), "/": _arith("/"), "%": _arith("%"),
    "&": _bitwise("&"), "|": _bitwise("|"), "^": _bitwise("^"),
    "<<": _shift("<<", shl), ">>": _shift(">>", shr), ">>>": _shift(">>>", ushr),
    "<": _compare("<"), "<=": _compare("<="), ">": _compare(">"), ">=": _compare(">="),
    "==": eq, "!=": ne, "===": _identity(False), "!==": _identity(True),
    "=~": regexes.find, "==~": regexes.matches,
}


def negate(value):
    if type(value) in _NUMS:
        return -value
    if value is None:
        raise _null_operand("-")
    raise throw("ClassCastException", f"Cannot apply [-] operation to type [{type_name(value)}]")


def plus(value):
    if type(value) in _NUMS:
        return +value
    if value is None:
        raise _null_operand("+")
    raise throw("ClassCastException", f"Cannot apply [+] operation to type [{type_name(value)}]")


def complement(value):
    if type(value) in _NUMS and not isinstance(value, float):
        return ~value
    if value is None:
        raise _null_operand("~")
    raise throw("ClassCastException", f"Cannot apply [~] operation to type [{type_name(value)}]")


def not_(value):
    if type(value) is bool:
        return not value
    if value is None:  # Def.defToboolean unboxes with getClass()
        raise throw("NullPointerException", "Cannot unbox null value into [boolean]")
    raise throw("ClassCastException", f"Cannot apply [!] operation to type [{type_name(value)}]")


UNARY = {"-": negate, "+": plus, "~": complement, "!": not_}
