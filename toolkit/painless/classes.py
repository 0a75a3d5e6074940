"""Static members and constructors of the allowlisted classes the emulator models.

``is_class`` says whether a short class name is known; ``static_field``, ``static_method`` and
``constructor`` return values or callables ``(ctx, args)``. Signatures follow lang-painless'
java.lang.txt: for example ``Math.max`` exists only as ``max(double,double)``, so
``Math.max(1, 2)`` is ``2.0``.
"""

from __future__ import annotations

import decimal
import math
import re
from decimal import Decimal

from toolkit.javavalues.hashmap import JavaHashMap
from toolkit.javavalues.numbers import (
    INT_MAX, INT_MIN, LONG_MAX, LONG_MIN, JByte, JChar, JDouble, JFloat, JInt, JLong, JShort,
)
from toolkit.painless.collection_classes import JavaHashSet, new_tree_map
from toolkit.painless.collection_methods import OPTIONAL_STATICS
from toolkit.painless.errors import PainlessCompileError, PainlessUnsupported
from toolkit.painless.values import (
    EXCEPTION_PARENTS, JavaException, JavaLocale, StringBuilder, assign_convert, is_number, throw, type_name,
)

_EXACT = decimal.Context(prec=decimal.MAX_PREC, Emax=decimal.MAX_EMAX, Emin=decimal.MIN_EMIN)
_ROUNDING = {"UP": decimal.ROUND_UP, "DOWN": decimal.ROUND_DOWN, "CEILING": decimal.ROUND_CEILING,
             "FLOOR": decimal.ROUND_FLOOR, "HALF_UP": decimal.ROUND_HALF_UP, "HALF_DOWN": decimal.ROUND_HALF_DOWN,
             "HALF_EVEN": decimal.ROUND_HALF_EVEN, "UNNECESSARY": None}


class RoundingMode:
    """A ``java.math.RoundingMode`` constant."""

    __slots__ = ("name",)

    def __init__(self, name: str):
        self.name = name


def _d(value) -> JDouble:
    return JDouble(assign_convert(value, "double"))


def _i(value) -> int:
    return int(assign_convert(value, "int"))


def _l(value) -> int:
    return int(assign_convert(value, "long"))


def _str(value) -> str:
    if isinstance(value, str):
        return value
    if value is None:
        raise throw("NullPointerException", None)
    raise throw("ClassCastException", f"Cannot cast {type_name(value)} to java.lang.String")


_INTEGER_TEXT = re.compile(r"[+-]?[0-9]+")
_DOUBLE_TEXT = re.compile(r"[+-]?(?:NaN|Infinity|(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?)[fFdD]?")
_DECIMAL_TEXT = re.compile(r"[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")


def parse_integral(text, low: int, high: int, radix=10) -> int:
    """``Integer.parseInt``/``Long.parseLong``: NumberFormatException as Java words it."""
    s, radix = _str(text), _i(radix)
    if not s:
        raise throw("NumberFormatException", "For input string: \"\"" + ("" if radix == 10 else f" under radix {radix}"))
    if radix != 10:
        raise PainlessUnsupported("parseInt/parseLong with a radix other than 10")
    if not _INTEGER_TEXT.fullmatch(s) or not low <= int(s) <= high:
        raise throw("NumberFormatException", f"For input string: \"{s}\"")
    return int(s)


def parse_double(text) -> float:
    """``Double.parseDouble``: Java trims ASCII control and space characters first."""
    s = _str(text)
    trimmed = s.strip("".join(chr(c) for c in range(0x21)))
    if not trimmed:
        raise throw("NumberFormatException", "empty String")
    if not _DOUBLE_TEXT.fullmatch(trimmed):
        raise throw("NumberFormatException", f"For input string: \"{s}\"")
    body = trimmed.rstrip("fFdD") if trimmed[-1] in "fFdD" else trimmed
    return float(body.replace("Infinity", "inf"))


def _math_round(x) -> JLong:
    x = float(_d(x))
    if math.isnan(x):
        return JLong(0)
    if math.isinf(x):
        return JLong(LONG_MAX if x > 0 else LONG_MIN)
    floor = math.floor(x)
    result = floor + (1 if x - floor >= 0.5 else 0)
    return JLong(max(LONG_MIN, min(LONG_MAX, result)))


def _math(fn):
    return lambda ctx, args: JDouble(fn(*(float(_d(a)) for a in args)))


def _java_max(a: float, b: float) -> float:
    if math.isnan(a) or math.isnan(b):
        return math.nan
    if a == b == 0.0:
        return b if math.copysign(1, a) < 0 else a
    return max(a, b)


def _java_min(a: float, b: float) -> float:
    if math.isnan(a) or math.isnan(b):
        return math.nan
    if a == b == 0.0:
        return a if math.copysign(1, a) < 0 else b
    return min(a, b)


def _sqrt(x: float) -> float:
    return math.nan if x < 0 or math.isnan(x) else math.sqrt(x)


def _floor(x: float) -> float:
    return x if x == 0 or math.isinf(x) or math.isnan(x) else float(math.floor(x))


def _ceil(x: float) -> float:
    if x == 0 or math.isinf(x) or math.isnan(x):
        return x
    return -0.0 if -1 < x < 0 else float(math.ceil(x))


def _raise(exc: Exception):
    raise exc


def _signum(x: float) -> float:
    return x if x == 0 or math.isnan(x) else math.copysign(1.0, x)


def _to_string_radix(value, radix) -> str:
    if _i(radix) != 10:
        raise PainlessUnsupported("toString with a radix other than 10")
    return str(int(value))


def _value_of_string(ctx, args):
    return ctx.text(args[0])


def _join(ctx, args):
    sep, items = args
    if not isinstance(items, list):
        raise PainlessUnsupported(f"String.join over {type_name(items)}")
    return ctx.join(ctx.text(sep), [_str(x) for x in items])


def _big_decimal(ctx, args):
    value = args[0]
    if isinstance(value, str):
        if not _DECIMAL_TEXT.fullmatch(value):
            raise throw("NumberFormatException", None)
        return Decimal(value)
    if isinstance(value, float):
        if math.isnan(value) or math.isinf(value):
            raise throw("NumberFormatException", "Infinite or NaN")
        return Decimal(float(value))
    if is_number(value):
        return Decimal(int(value))
    raise throw("ClassCastException", f"Cannot cast {type_name(value)} to java.math.BigDecimal")


def _big_value_of(ctx, args):
    value = args[0]
    if isinstance(value, float):
        return Decimal(ctx.text(JDouble(value)))  # BigDecimal.valueOf(double) uses Double.toString
    return Decimal(_l(value))


def _array_list(arg) -> list:
    """``new ArrayList(Collection)``: Painless has no ``ArrayList(int)``."""
    if isinstance(arg, list):
        return list(arg)
    raise throw("ClassCastException", f"Cannot cast {type_name(arg)} to java.util.Collection")


def _hash_map(ctx, arg) -> JavaHashMap:
    """``new HashMap(Map)``: Painless has no ``HashMap(int)``."""
    if isinstance(arg, (dict, JavaHashMap)):
        return JavaHashMap.copy_of(arg, jdk=ctx.jdk)
    raise throw("ClassCastException", f"Cannot cast {type_name(arg)} to java.util.Map")


_STATIC_FIELDS = {
    "Integer": {"MAX_VALUE": JInt(INT_MAX), "MIN_VALUE": JInt(INT_MIN), "SIZE": JInt(32), "BYTES": JInt(4)},
    "Long": {"MAX_VALUE": JLong(LONG_MAX), "MIN_VALUE": JLong(LONG_MIN), "SIZE": JInt(64), "BYTES": JInt(8)},
    "Short": {"MAX_VALUE": JShort(32767), "MIN_VALUE": JShort(-32768)},
    "Byte": {"MAX_VALUE": JByte(127), "MIN_VALUE": JByte(-128)},
    "Character": {"MAX_VALUE": JChar(0xFFFF), "MIN_VALUE": JChar(0)},
    "Double": {"MAX_VALUE": JDouble(1.7976931348623157e308), "MIN_VALUE": JDouble(5e-324),
               "NaN": JDouble(math.nan), "POSITIVE_INFINITY": JDouble(math.inf),
               "NEGATIVE_INFINITY": JDouble(-math.inf), "MIN_NORMAL": JDouble(2.2250738585072014e-308)},
    "Float": {"MAX_VALUE": JFloat(3.4028234663852886e38), "MIN_VALUE": JFloat(1.401298464324817e-45),
              "NaN": JFloat(math.nan), "POSITIVE_INFINITY": JFloat(math.inf), "NEGATIVE_INFINITY": JFloat(-math.inf)},
    "Boolean": {"TRUE": True, "FALSE": False},
    "Math": {"PI": JDouble(math.pi), "E": JDouble(math.e)},
    "BigDecimal": {"ZERO": Decimal(0), "ONE": Decimal(1), "TEN": Decimal(10)},
    "RoundingMode": {name: RoundingMode(name) for name in _ROUNDING},
    "Locale": {name: JavaLocale(*tag.split("_")) for name, tag in (
        ("ROOT", ""), ("ENGLISH", "en"), ("US", "en_US"), ("UK", "en_GB"), ("CANADA", "en_CA"),
        ("CANADA_FRENCH", "fr_CA"), ("FRENCH", "fr"), ("FRANCE", "fr_FR"), ("GERMAN", "de"), ("GERMANY", "de_DE"),
        ("ITALIAN", "it"), ("ITALY", "it_IT"), ("JAPANESE", "ja"), ("JAPAN", "ja_JP"), ("KOREAN", "ko"),
        ("KOREA", "ko_KR"), ("CHINESE", "zh"), ("SIMPLIFIED_CHINESE", "zh_CN"), ("TRADITIONAL_CHINESE", "zh_TW"),
        ("CHINA", "zh_CN"), ("PRC", "zh_CN"), ("TAIWAN", "zh_TW"))},
}


def _collectors():
    from toolkit.painless.collection_methods import COLLECTORS

    return COLLECTORS


def _collections():
    from toolkit.painless import collection_methods as cm
    from toolkit.painless.values import ReadOnlyView

    def extreme(pick):
        def run(ctx, a):
            items = cm._elements(a[0])
            if not items:
                raise throw("NoSuchElementException", None)
            key = cm._comparator(a[1] if len(a) > 1 else None)
            return pick(items, key=key)
        return run

    return {
        "sort/1": lambda ctx, a: cm._sort(a[0], None), "sort/2": lambda ctx, a: cm._sort(a[0], a[1]),
        "reverse/1": lambda ctx, a: cm._writable(a[0]).reverse(),
        "max/1": extreme(max), "max/2": extreme(max), "min/1": extreme(min), "min/2": extreme(min),
        "emptyList/0": lambda ctx, a: ReadOnlyView(), "singletonList/1": lambda ctx, a: ReadOnlyView(a),
    }


_STATIC_METHODS = {
    "Math": {
        "abs/1": _math(abs), "max/2": _math(_java_max), "min/2": _math(_java_min), "sqrt/1": _math(_sqrt),
        "floor/1": _math(_floor), "ceil/1": _math(_ceil), "signum/1": _math(_signum),
        "round/1": lambda ctx, args: _math_round(args[0]),
        "random/0": lambda ctx, args: _raise(PainlessUnsupported("Math.random (nondeterministic)")),
    },
    "Byte": {"valueOf/1": lambda ctx, a: assign_convert(a[0], "byte")},
    "Short": {"valueOf/1": lambda ctx, a: assign_convert(a[0], "short")},
    "Character": {"valueOf/1": lambda ctx, a: assign_convert(a[0], "char")},
    "Integer": {
        "parseInt/1": lambda ctx, a: JInt(parse_integral(a[0], INT_MIN, INT_MAX)),
        "parseInt/2": lambda ctx, a: JInt(parse_integral(a[0], INT_MIN, INT_MAX, a[1])),
        "valueOf/1": lambda ctx, a: JInt(_i(a[0])),
        "toString/1": lambda ctx, a: str(_i(a[0])),
        "toString/2": lambda ctx, a: _to_string_radix(_i(a[0]), a[1]),
        "max/2": lambda ctx, a: JInt(max(_i(a[0]), _i(a[1]))),
        "min/2": lambda ctx, a: JInt(min(_i(a[0]), _i(a[1]))),
        "compare/2": lambda ctx, a: JInt((_i(a[0]) > _i(a[1])) - (_i(a[0]) < _i(a[1]))),
        "signum/1": lambda ctx, a: JInt((_i(a[0]) > 0) - (_i(a[0]) < 0)),
    },
    "Long": {
        "parseLong/1": lambda ctx, a: JLong(parse_integral(a[0], LONG_MIN, LONG_MAX)),
        "valueOf/1": lambda ctx, a: JLong(_l(a[0])),
        "toString/1": lambda ctx, a: str(_l(a[0])),
        "max/2": lambda ctx, a: JLong(max(_l(a[0]), _l(a[1]))),
        "min/2": lambda ctx, a: JLong(min(_l(a[0]), _l(a[1]))),
        "sum/2": lambda ctx, a: JLong(_l(a[0]) + _l(a[1])),
        "compare/2": lambda ctx, a: JInt((_l(a[0]) > _l(a[1])) - (_l(a[0]) < _l(a[1]))),
    },
    "Double": {
        "parseDouble/1": lambda ctx, a: JDouble(parse_double(a[0])),
        "valueOf/1": lambda ctx, a: _d(a[0]),
        "toString/1": lambda ctx, a: ctx.text(_d(a[0])),
        "isNaN/1": lambda ctx, a: math.isnan(_d(a[0])),
        "isInfinite/1": lambda ctx, a: math.isinf(_d(a[0])),
        "isFinite/1": lambda ctx, a: math.isfinite(_d(a[0])),
        "max/2": _math(_java_max), "min/2": _math(_java_min),
        "sum/2": lambda ctx, a: _d(a[0]) + _d(a[1]),
    },
    "Float": {
        "parseFloat/1": lambda ctx, a: JFloat(parse_double(a[0])),
        "valueOf/1": lambda ctx, a: JFloat(assign_convert(a[0], "float")),
        "toString/1": lambda ctx, a: ctx.text(JFloat(assign_convert(a[0], "float"))),
    },
    "Boolean": {
        "parseBoolean/1": lambda ctx, a: isinstance(a[0], str) and a[0].lower() == "true",
        "valueOf/1": lambda ctx, a: a[0] if isinstance(a[0], bool) else
        _raise(throw("ClassCastException", f"Cannot cast {type_name(a[0])} to boolean")),
        "toString/1": lambda ctx, a: ctx.text(a[0]),
    },
    "String": {"valueOf/1": _value_of_string, "join/2": _join},
    "BigDecimal": {"valueOf/1": _big_value_of},
    "Optional": OPTIONAL_STATICS,
}

# Static methods with byte, short or char parameters: an int constant argument narrows to them (``Byte.valueOf(5)``).
NARROW_PARAMETERS = {("Byte", "valueOf/1"): ("byte",), ("Short", "valueOf/1"): ("short",),
                     ("Character", "valueOf/1"): ("char",)}

_CONSTRUCTORS = {
    "StringBuilder/0": lambda ctx, a: StringBuilder(),
    "StringBuilder/1": lambda ctx, a: StringBuilder(_str(a[0]) if not isinstance(a[0], StringBuilder)
                                                    else a[0].text()),
    "ArrayList/0": lambda ctx, a: [],
    "ArrayList/1": lambda ctx, a: _array_list(a[0]),
    "HashMap/0": lambda ctx, a: JavaHashMap(jdk=ctx.jdk),
    "HashMap/1": lambda ctx, a: _hash_map(ctx, a[0]),
    "BigDecimal/1": _big_decimal,
    "HashSet/0": lambda ctx, a: JavaHashSet(ctx.jdk),
    "HashSet/1": lambda ctx, a: JavaHashSet.of(ctx, a[0]),
    "TreeMap/0": new_tree_map,
    "TreeMap/1": new_tree_map,
    "Locale/1": lambda ctx, a: JavaLocale(_str(a[0])),
    "Locale/2": lambda ctx, a: JavaLocale(_str(a[0]), _str(a[1])),
}
for _name in EXCEPTION_PARENTS:
    if _name != "Throwable":
        _CONSTRUCTORS[f"{_name}/0"] = lambda ctx, a, _n=_name: JavaException(_n, None)
        _CONSTRUCTORS[f"{_name}/1"] = lambda ctx, a, _n=_name: JavaException(_n, None if a[0] is None else _str(a[0]))

_KNOWN = set(_STATIC_FIELDS) | set(_STATIC_METHODS) | {k.split("/")[0] for k in _CONSTRUCTORS} | {
    "Collectors", "Collections", "List", "Map", "Object", "Number", "CharSequence", "Collection", "Iterable", "Character"}


def is_class(short: str) -> bool:
    return short in _KNOWN


def static_field(cls: str, name: str, line: int, col: int):
    fields = _STATIC_FIELDS.get(cls, {})
    if name in fields:
        return fields[name]
    raise PainlessUnsupported(f"the static field [{cls}.{name}]", line, col)


def _statics(cls: str) -> dict:
    if cls == "Collectors":
        return _collectors()
    if cls == "Collections":
        return _collections()
    return _STATIC_METHODS.get(cls, {})


def has_static(cls: str, name: str, arity: int) -> bool:
    return f"{name}/{arity}" in _statics(cls)


def static_method(cls: str, name: str, arity: int, line: int, col: int):
    method = _statics(cls).get(f"{name}/{arity}")
    if method is None:
        raise PainlessUnsupported(f"the static method [{cls}.{name}/{arity}]", line, col)
    return method


def constructor(cls: str, arity: int, line: int, col: int):
    make = _CONSTRUCTORS.get(f"{cls}/{arity}")
    if make is None:
        if cls not in _KNOWN and cls[:1].islower():
            raise PainlessCompileError(f"cannot resolve type [{cls}]", line, col)
        raise PainlessUnsupported(f"the constructor [new {cls}/{arity}]", line, col)
    return make


# ---- BigDecimal instance methods ----
def _scale(value: Decimal) -> int:
    return -value.as_tuple().exponent


def _set_scale(value: Decimal, scale, mode=None) -> Decimal:
    digits = _i(scale)
    rounding = _ROUNDING["UNNECESSARY" if mode is None else _mode(mode)]
    target = Decimal(1).scaleb(-digits)
    if rounding is None:
        result = value.quantize(target, rounding=decimal.ROUND_DOWN, context=_EXACT)
        if result != value:
            raise throw("ArithmeticException", "Rounding necessary")
        return result
    return value.quantize(target, rounding=rounding, context=_EXACT)


def _mode(mode) -> str:
    if isinstance(mode, RoundingMode):
        return mode.name
    raise PainlessUnsupported(f"BigDecimal rounding given as {type_name(mode)}")


def _big(value) -> Decimal:
    if isinstance(value, Decimal):
        return value
    if value is None:
        raise throw("NullPointerException", None)
    raise throw("ClassCastException", f"Cannot cast {type_name(value)} to java.math.BigDecimal")


def _plain(value: Decimal) -> str:
    text = format(value, "f")
    return text.lstrip("-") if value.is_zero() else text


def _strip_zeros(value: Decimal) -> Decimal:
    if value.is_zero():
        return Decimal(0)
    return value.normalize(_EXACT)


BIG_DECIMAL_METHODS = {
    "setScale/1": lambda ctx, v, s: _set_scale(v, s),
    "setScale/2": lambda ctx, v, s, m: _set_scale(v, s, m),
    "toString/0": lambda ctx, v: ctx.text(v),
    "toPlainString/0": lambda ctx, v: _plain(v),
    "doubleValue/0": lambda ctx, v: JDouble(float(v)),
    "floatValue/0": lambda ctx, v: JFloat(float(v)),
    "intValue/0": lambda ctx, v: JInt(int(v)),
    "longValue/0": lambda ctx, v: JLong(int(v)),
    "add/1": lambda ctx, v, o: _EXACT.add(v, _big(o)),
    "subtract/1": lambda ctx, v, o: _EXACT.subtract(v, _big(o)),
    "multiply/1": lambda ctx, v, o: _EXACT.multiply(v, _big(o)),
    "negate/0": lambda ctx, v: _EXACT.minus(v),
    "abs/0": lambda ctx, v: _EXACT.abs(v),
    "signum/0": lambda ctx, v: JInt((v > 0) - (v < 0)),
    "scale/0": lambda ctx, v: JInt(_scale(v)),
    "compareTo/1": lambda ctx, v, o: JInt((v > _big(o)) - (v < _big(o))),
    "equals/1": lambda ctx, v, o: isinstance(o, Decimal) and v == o and _scale(v) == _scale(o),
    "stripTrailingZeros/0": lambda ctx, v: _strip_zeros(v),
}
