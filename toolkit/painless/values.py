"""The run-time value model and the Java behaviour of values the interpreter needs.

Values are those of ``toolkit.javavalues`` (``None``, ``bool``, ``str``, typed numbers ``JInt``
and friends, ``Decimal`` for BigDecimal, ``list`` for ArrayList, ``dict`` for an insertion-ordered
map such as Gson's LinkedTreeMap, ``JavaHashMap`` for HashMap) plus the few Java objects defined
here: ``StringBuilder``, arrays, exceptions and read-only collection views.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from collections.abc import Set as AbstractSet
from decimal import Decimal

from toolkit.javavalues.hashmap import JavaHashMap, java_equals, java_hash
from toolkit.javavalues.numbers import (
    JByte, JChar, JDouble, JFloat, JInt, JLong, JShort, java_type_of,
)
from toolkit.javavalues.text import java_to_string
from toolkit.painless import fastmath

NUMBER_TYPES = (JByte, JShort, JChar, JInt, JLong, JFloat, JDouble)
_NUMBER_SET = frozenset(NUMBER_TYPES)
PRIMITIVES = {"byte": JByte, "short": JShort, "char": JChar, "int": JInt, "long": JLong, "float": JFloat,
              "double": JDouble}
BOXES = {"Byte": JByte, "Short": JShort, "Character": JChar, "Integer": JInt, "Long": JLong, "Float": JFloat,
         "Double": JDouble}
_UNBOXED = {"Byte": "byte", "Short": "short", "Character": "char", "Integer": "int", "Long": "long", "Float": "float",
            "Double": "double"}
_PRIMITIVE_NAMES = frozenset({"boolean", "byte", "short", "char", "int", "long", "float", "double"})
_WIDENS_TO = {  # JLS 5.1.2 widening primitive conversions (plus identity)
    JByte: {JByte, JShort, JInt, JLong, JFloat, JDouble}, JShort: {JShort, JInt, JLong, JFloat, JDouble},
    JChar: {JChar, JInt, JLong, JFloat, JDouble}, JInt: {JInt, JLong, JFloat, JDouble},
    JLong: {JLong, JFloat, JDouble}, JFloat: {JFloat, JDouble}, JDouble: {JDouble},
}
# java.util.function's interfaces and Comparator: a script passes them lambdas and method references.
FUNCTIONAL_INTERFACES = frozenset((
    "BiConsumer BiFunction BinaryOperator BiPredicate BooleanSupplier Consumer DoubleBinaryOperator DoubleConsumer "
    "DoubleFunction DoublePredicate DoubleSupplier DoubleToIntFunction DoubleToLongFunction DoubleUnaryOperator "
    "Function IntBinaryOperator IntConsumer IntFunction IntPredicate IntSupplier IntToDoubleFunction "
    "IntToLongFunction IntUnaryOperator LongBinaryOperator LongConsumer LongFunction LongPredicate LongSupplier "
    "LongToDoubleFunction LongToIntFunction LongUnaryOperator ObjDoubleConsumer ObjIntConsumer ObjLongConsumer "
    "Predicate Supplier ToDoubleBiFunction ToDoubleFunction ToIntBiFunction ToIntFunction ToLongBiFunction "
    "ToLongFunction UnaryOperator Comparator").split())
# Java exception classes the interpreter knows, child -> parent.
EXCEPTION_PARENTS = {
    "Throwable": None, "Exception": "Throwable", "RuntimeException": "Exception",
    "IllegalArgumentException": "RuntimeException", "NumberFormatException": "IllegalArgumentException",
    "IllegalStateException": "RuntimeException", "ArithmeticException": "RuntimeException",
    "NullPointerException": "RuntimeException", "ClassCastException": "RuntimeException",
    "IndexOutOfBoundsException": "RuntimeException",
    "ArrayIndexOutOfBoundsException": "IndexOutOfBoundsException",
    "StringIndexOutOfBoundsException": "IndexOutOfBoundsException",
    "UnsupportedOperationException": "RuntimeException", "ConcurrentModificationException": "RuntimeException",
    "NegativeArraySizeException": "RuntimeException", "NoSuchElementException": "RuntimeException",
}
_EXCEPTION_PACKAGE = {"ConcurrentModificationException": "java.util.", "NoSuchElementException": "java.util."}


def exception_class_name(short: str) -> str:
    return _EXCEPTION_PACKAGE.get(short, "java.lang.") + short


class JavaException:
    """A Java exception object (``new IllegalArgumentException(msg)`` or one the runtime threw)."""

    __slots__ = ("cls", "message")

    def __init__(self, cls: str, message: str | None):
        self.cls = cls
        self.message = message

    def is_a(self, short: str) -> bool:
        cls = self.cls
        while cls is not None:
            if cls == short:
                return True
            cls = EXCEPTION_PARENTS.get(cls)
        return False

    def to_string(self) -> str:
        name = exception_class_name(self.cls)
        return name if self.message is None else f"{name}: {self.message}"


class JavaThrow(Exception):
    """Python carrier of a thrown ``JavaException`` (caught by script try/catch)."""

    def __init__(self, exc: JavaException, line: int | None = None, col: int | None = None):
        super().__init__(exc.cls)
        self.exc = exc
        self.line = line
        self.col = col


def throw(cls: str, message: str | None) -> JavaThrow:
    return JavaThrow(JavaException(cls, message))


class StringBuilder:
    """``java.lang.StringBuilder``: parts joined lazily."""

    __slots__ = ("parts", "length")

    def __init__(self, text: str = ""):
        self.parts = [text] if text else []
        self.length = len(text)

    def text(self) -> str:
        if len(self.parts) > 1:
            self.parts = ["".join(self.parts)]
        return self.parts[0] if self.parts else ""

    def set(self, text: str) -> None:
        self.parts = [text] if text else []
        self.length = len(text)


class JavaArray:
    """A Java array: fixed length, an element type name (``int``, ``String``, ``def``...)."""

    __slots__ = ("element", "items")

    def __init__(self, element: str, items: list):
        self.element = element
        self.items = items


class JavaLocale:
    """A ``java.util.Locale``: ``toString`` is ``language_COUNTRY`` (``""`` for ``Locale.ROOT``)."""

    __slots__ = ("language", "country")
    java_class_name = "java.util.Locale"

    def __init__(self, language: str, country: str = ""):
        self.language, self.country = language.lower(), country.upper()

    def java_string(self, jdk: int) -> str:
        return f"{self.language}_{self.country}" if self.country else self.language


class ReadOnlyView(list):
    """``keySet()``, ``values()``, ``entrySet()`` as a snapshot: reading works, writing is unsupported."""


class Entry:
    """A ``Map.Entry`` from ``entrySet()``."""

    __slots__ = ("key", "value")

    def __init__(self, key, value):
        self.key = key
        self.value = value


def is_number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def type_name(value) -> str:
    """The Java class name of a value, for error messages."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "java.lang.Boolean"
    if is_number(value):
        kind = java_type_of(value)
        return "java.lang." + {v: k for k, v in BOXES.items()}[kind]
    simple = {str: "java.lang.String", Decimal: "java.math.BigDecimal", StringBuilder: "java.lang.StringBuilder",
              JavaHashMap: "java.util.HashMap", dict: "java.util.LinkedHashMap", list: "java.util.ArrayList",
              ReadOnlyView: "java.util.Set", Entry: "java.util.Map$Entry"}
    if type(value) in simple:
        return simple[type(value)]
    if isinstance(value, JavaArray):
        return value.element + "[]"
    if isinstance(value, JavaException):
        return exception_class_name(value.cls)
    return getattr(value, "java_class_name", type(value).__name__)


def to_string(value, jdk: int) -> str:
    """``String.valueOf(value)``; raises ``TypeError`` for objects whose text is not reproducible."""
    kind = type(value)
    if kind is str:
        return value
    if kind is JDouble:
        return fastmath.double_text(value, jdk)
    if kind is JInt or kind is JLong:
        return int.__repr__(value)
    if kind is list or kind is ReadOnlyView:
        return "[" + ", ".join(["(this Collection)" if x is value else to_string(x, jdk) for x in value]) + "]"
    if isinstance(value, StringBuilder):
        return value.text()
    if isinstance(value, JavaException):
        return value.to_string()
    if isinstance(value, Entry):
        return to_string(value.key, jdk) + "=" + to_string(value.value, jdk)
    if isinstance(value, Mapping):
        def side(item):
            return "(this Map)" if item is value else to_string(item, jdk)
        return "{" + ", ".join([f"{side(k)}={side(v)}" for k, v in value.items()]) + "}"
    if isinstance(value, AbstractSet):
        return "[" + ", ".join(["(this Collection)" if x is value else to_string(x, jdk) for x in value]) + "]"
    text = getattr(value, "java_string", None)
    if text is not None:
        return text(jdk)
    return java_to_string(value, jdk)


def equals(a, b) -> bool:
    """Painless ``==``: numbers compare by value after promotion, everything else with ``equals``."""
    if a is b:
        return True
    if a is None or b is None:
        return False
    if type(a) in _NUMBER_SET and type(b) in _NUMBER_SET:
        return fastmath.compare(a, b) == 0
    if isinstance(a, (StringBuilder, JavaArray, JavaException, Entry)):
        return False
    return java_equals(a, b)


def assign_convert(value, target: str):
    """Painless' implicit conversion of ``value`` into a variable of primitive type ``target``."""
    kind = PRIMITIVES[target]
    if type(value) is kind:
        return value
    if value is None:
        raise throw("NullPointerException", f"Cannot unbox null value into [{target}]")
    if is_number(value):
        source = java_type_of(value)
        if kind in _WIDENS_TO[source]:
            return value if source is kind else kind(value)
    raise throw("ClassCastException", f"Cannot cast {type_name(value)} to {target}")


def assign_check(value, name: str, dims: int):
    """Check (and for primitives convert) ``value`` for a variable declared ``name[]...``.

    Raises ``KeyError`` for a reference type the emulator does not know.
    """
    if dims:
        if value is None or isinstance(value, JavaArray):
            return value
        raise throw("ClassCastException", f"Cannot cast {type_name(value)} to {name}{'[]' * dims}")
    if name in PRIMITIVES:
        return assign_convert(value, name)
    if name == "boolean":
        if isinstance(value, bool):
            return value
        if value is None:
            raise throw("NullPointerException", "Cannot unbox null value into [boolean]")
        raise throw("ClassCastException", f"Cannot cast {type_name(value)} to boolean")
    if name in BOXES:
        return box_convert(value, name)
    if value is None or name == "def" or instance_of(value, name):
        return value
    raise throw("ClassCastException", f"Cannot cast {type_name(value)} to {name}")


def box_convert(value, box: str):
    """``value`` into a variable of boxed type ``box``: a number whose type widens to the box's primitive is
    converted (``Def.defToDoubleImplicit`` and friends; Painless' internal casts of returns and arguments)."""
    kind = BOXES[box]
    if value is None or type(value) is kind:
        return value
    if is_number(value) and kind in _WIDENS_TO[java_type_of(value)]:
        return kind(value)
    raise throw("ClassCastException", f"Cannot cast {type_name(value)} to {box}")


def dynamic_cast(current, value):
    """``DefMath.dynamicReceiverCast``: the result of a compound assignment (or ``++``/``--``) on a def
    target, cast back to the runtime type of the target's value before it (nothing to cast from null)."""
    kind = type(current)
    if current is None or value is None or type(value) is kind:
        return value
    if kind in _NUMBER_SET:
        if is_number(value):
            return kind(value)
        raise throw("ClassCastException", f"Cannot convert [class {type_name(value)}] to a Number")
    if isinstance(value, kind):
        return value
    raise throw("ClassCastException", f"Cannot cast {type_name(value)} to {type_name(current)}")


_REFERENCE_CHECKS = {
    "boolean": lambda v: isinstance(v, bool), "Boolean": lambda v: isinstance(v, bool),
    "Object": lambda v: True, "def": lambda v: True,
    "String": lambda v: isinstance(v, str), "CharSequence": lambda v: isinstance(v, (str, StringBuilder)),
    "StringBuilder": lambda v: isinstance(v, StringBuilder),
    "Number": is_number, "BigDecimal": lambda v: isinstance(v, Decimal),
    "List": lambda v: isinstance(v, list) and not isinstance(v, ReadOnlyView),
    "ArrayList": lambda v: type(v) is list,
    "Collection": lambda v: isinstance(v, (list, AbstractSet)),
    "Iterable": lambda v: isinstance(v, (list, AbstractSet)),
    "Set": lambda v: isinstance(v, (ReadOnlyView, AbstractSet)),
    "Map": lambda v: isinstance(v, Mapping), "HashMap": lambda v: isinstance(v, JavaHashMap),
    "Map.Entry": lambda v: isinstance(v, Entry),
    "Locale": lambda v: isinstance(v, JavaLocale),
    **{name: (lambda v, n=f"java.util.{name}": getattr(v, "java_class_name", None) == n)
       for name in ("HashSet", "TreeMap", "Optional")},
    **{name: (lambda v: getattr(v, "java_class_name", None) == "java.util.TreeMap")
       for name in ("SortedMap", "NavigableMap")},
    "Iterator": lambda v: getattr(v, "java_class_name", "").endswith(("Itr", "Iterator")),
    **{name: (lambda v: hasattr(v, "call")) for name in FUNCTIONAL_INTERFACES},  # a lambda or a reference
}


def instance_of(value, name: str) -> bool:
    """``value instanceof name``; raises ``KeyError`` for a type the emulator does not know."""
    if value is None:
        return False
    short = name.rsplit(".", 1)[-1] if name.startswith("java.") else name
    if short in BOXES:
        return is_number(value) and java_type_of(value) is BOXES[short]
    if short in EXCEPTION_PARENTS:
        return isinstance(value, JavaException) and value.is_a(short)
    if short in ("Pattern", "Matcher"):
        from toolkit.painless import regexes

        return isinstance(value, getattr(regexes, short))
    return _REFERENCE_CHECKS[short](value)


def array_instance_of(value, name: str, dims: int) -> bool | None:
    """``value instanceof name[]...``: the array's element type must match, or be a reference type when
    ``name`` is ``Object`` (or ``def``) with room for the array's own dimensions (``int[][]`` is an
    ``Object[]``); None (not modelled) for two different reference element types."""
    if not isinstance(value, JavaArray):
        return False
    element = value.element.replace("[]", "")
    element, value_dims = ("Object" if element == "def" else element), value.element.count("[]") + 1
    name = "Object" if name == "def" else name
    if name == "Object":
        return value_dims > dims or (value_dims == dims and element not in _PRIMITIVE_NAMES)
    if value_dims != dims or element == name or element in _PRIMITIVE_NAMES or name in _PRIMITIVE_NAMES:
        return value_dims == dims and element == name
    return None


def cast(value, name: str, dims: int):
    """An explicit cast ``(name[]...) value``: numeric casts may narrow (also to a boxed type), a String of one
    character becomes a char and a char a String (AnalyzerCaster, ``Def.defTo*Explicit``)."""
    if dims == 0 and name in BOXES:
        return None if value is None else cast(value, _UNBOXED[name], 0)
    if dims == 0 and name in PRIMITIVES:
        kind = PRIMITIVES[name]
        if type(value) is kind:
            return value
        if type(value) in _NUMBER_SET and kind is not JChar:
            return kind(int(value) if isinstance(value, int) else float(value))
        if name == "char" and isinstance(value, str):
            if len(value) != 1:
                raise throw("ClassCastException", "cannot cast java.lang.String with length not equal to one to char")
            return JChar(value)
        if value is None:
            raise throw("NullPointerException", f"Cannot unbox null value into [{name}]")
        if not is_number(value):
            raise throw("ClassCastException", f"Cannot cast {type_name(value)} to {name}")
        return PRIMITIVES[name](value)
    if dims == 0 and name == "String" and type(value) is JChar:
        return str(value)
    return assign_check(value, name, dims)


def truth(value, what: str) -> bool:
    if value is True or value is False:
        return value
    if value is None:  # Def.defToboolean: getClass() on null
        raise throw("NullPointerException", f"Cannot unbox null value into [boolean] ({what})")
    raise throw("ClassCastException", f"Cannot cast {type_name(value)} to boolean ({what})")


def default_of(element: str):
    """The initial value of an array element of type ``element``."""
    if element in PRIMITIVES:
        return PRIMITIVES[element](0)
    return False if element == "boolean" else None


def to_plain(value, jdk: int):
    """A JSON-ready rendering of a result: containers and scalars as JSON, other objects as text."""
    if value is None or isinstance(value, (bool, str)):
        return value
    if isinstance(value, JChar):
        return chr(value)
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return float(value) if math.isfinite(value) else to_string(value, jdk)
    if isinstance(value, Mapping):
        return {to_string(k, jdk): to_plain(v, jdk) for k, v in value.items()}
    if isinstance(value, list):
        return [to_plain(v, jdk) for v in value]
    if isinstance(value, JavaArray):
        return [to_plain(v, jdk) for v in value.items]
    return to_string(value, jdk)


_SIMPLE_KEYS = frozenset({str, bool, type(None), *NUMBER_TYPES})


def java_key(key):
    """``key`` if its ``hashCode`` is reproducible; identity hash codes are unsupported."""
    if type(key) not in _SIMPLE_KEYS:
        try:
            java_hash(key)
        except TypeError:
            from toolkit.painless.errors import PainlessUnsupported

            raise PainlessUnsupported(f"a HashMap key of type {type_name(key)} (identity hashCode)") from None
    return key
