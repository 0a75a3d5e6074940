"""Helpers shared by the compiler modules: type-name shortening and error positions."""

from __future__ import annotations

import functools
import itertools
import operator

from toolkit.painless import nodes as n
from toolkit.painless.errors import PainlessLimitError
from toolkit.painless.values import FUNCTIONAL_INTERFACES, JavaThrow

DEF_TYPE = n.TypeName("def")
KNOWN_REFERENCE_TYPES = {"def", "Object", "String", "CharSequence", "StringBuilder", "Number", "BigDecimal", "List",
                          "ArrayList", "Collection", "Iterable", "Set", "Map", "HashMap", "Map.Entry", "boolean",
                          "Boolean", "Byte", "Short", "Character", "Integer", "Long", "Float", "Double", "void",
                          "Pattern", "Matcher", "HashSet", "TreeMap", "SortedMap", "NavigableMap", "Iterator",
                          "Optional", "Locale", *FUNCTIONAL_INTERFACES}


def short_type(name: str) -> str:
    """``java.lang.String`` → ``String`` for the packages Painless imports by default."""
    for package in ("java.lang.", "java.util.function.", "java.util.stream.", "java.util.regex.", "java.util.",
                    "java.math."):
        if name.startswith(package) and "." not in name[len(package):]:
            return name[len(package):]
    return name


def constant(value):
    """``fn(frame) -> value`` that runs no Python frame: ``next(repeat(value), frame)``."""
    return functools.partial(next, itertools.repeat(value))


def place_error(exc: JavaThrow | PainlessLimitError, line: int, col: int) -> None:
    """Give an exception raised without a script position the position of the expression that raised it."""
    if exc.line is None:
        if isinstance(exc, PainlessLimitError):
            exc.line, exc.column = line, col
        else:
            exc.line, exc.col = line, col


def located(fn, node: n.Node):
    """Attach ``node``'s position to a Java exception raised without one."""
    line, col = node.line, node.col

    def run(f):
        try:
            return fn(f)
        except (JavaThrow, PainlessLimitError) as exc:
            place_error(exc, line, col)
            raise
    return run


# int (op) int without promotion, the common case of loop counters and indices: C functions on
# ``JInt`` operands (which do not override comparisons); sums and products are then wrapped to 32 bits.
INT_COMPARE = {"<": operator.lt, "<=": operator.le, ">": operator.gt, ">=": operator.ge, "==": operator.eq,
               "!=": operator.ne}
INT_ARITHMETIC = {"+": int.__add__, "-": int.__sub__, "*": int.__mul__}
