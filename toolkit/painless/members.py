"""Instance members: method dispatch through allowlist tables, field shortcuts, indexing, iteration.

``invoke`` is the only way a script calls a method on a value. It looks the value's type up in
``_TABLES`` and the method by ``name/arity`` (Painless resolves methods by name and arity). A
method Painless does not have raises Painless' own error; one it has that the emulator does not
model raises ``PainlessUnsupported``.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from decimal import Decimal

from toolkit.javavalues.hashmap import JavaConcurrentModificationError, JavaHashMap, java_equals, java_hash
from toolkit.javavalues.numbers import JByte, JChar, JDouble, JFloat, JInt, JLong, JShort
from toolkit.painless import collection_classes as cc
from toolkit.painless import collection_methods as cm
from toolkit.painless import regexes
from toolkit.painless import text_methods as tm
from toolkit.painless.classes import BIG_DECIMAL_METHODS
from toolkit.painless.fastmath import make_int
from toolkit.painless.errors import PainlessUnsupported
from toolkit.painless.functional import Lambda, Reference
from toolkit.painless.values import (
    NUMBER_TYPES, Entry, JavaArray, JavaException, JavaLocale, ReadOnlyView, StringBuilder, assign_check,
    assign_convert, box_convert, java_key, throw, type_name,
)


def _number_compare(a, b):
    """``Byte.compareTo(Byte)`` and friends: an argument of a type that widens to the receiver's is boxed to it
    (BoxedCastTests); any other type cannot be cast."""
    b = box_convert(b, type_name(a).rsplit(".", 1)[1])
    return JInt(cm.natural_compare(a, b))


NUMBER = {
    "intValue/0": lambda ctx, x: JInt(x), "longValue/0": lambda ctx, x: JLong(x),
    "doubleValue/0": lambda ctx, x: JDouble(x), "floatValue/0": lambda ctx, x: JFloat(x),
    "shortValue/0": lambda ctx, x: JShort(x), "byteValue/0": lambda ctx, x: JByte(x),
    "compareTo/1": lambda ctx, x, y: _number_compare(x, y),
    "equals/1": lambda ctx, x, y: java_equals(x, y),
    "hashCode/0": lambda ctx, x: JInt(java_hash(x)),
    "toString/0": lambda ctx, x: ctx.text(x),
    "isNaN/0": lambda ctx, x: math.isnan(x),
    "isInfinite/0": lambda ctx, x: math.isinf(x),
    "charValue/0": lambda ctx, x: x,
}

BOOLEAN = {
    "booleanValue/0": lambda ctx, b: b,
    "compareTo/1": lambda ctx, b, o: JInt(cm.natural_compare(b, o)),
    "equals/1": lambda ctx, b, o: o is b,
    "hashCode/0": lambda ctx, b: JInt(java_hash(b)),
    "toString/0": lambda ctx, b: ctx.text(b),
}

EXCEPTION = {
    "getMessage/0": lambda ctx, e: e.message,
    "getLocalizedMessage/0": lambda ctx, e: e.message,
    "toString/0": lambda ctx, e: e.to_string(),
    "equals/1": lambda ctx, e, o: e is o,
}

FUNCTION = {f"{name}/{n}": (lambda ctx, fn, *args: fn.call(list(args)))
            for name in ("apply", "accept", "test", "compare", "get", "applyAsInt", "applyAsLong", "applyAsDouble")
            for n in range(3)}

_TABLES = {
    str: tm.STRING, StringBuilder: tm.STRINGBUILDER, list: cm.LIST, ReadOnlyView: cm.LIST,
    dict: cm.MAP, JavaHashMap: cm.MAP, Entry: cm.ENTRY, bool: BOOLEAN, Decimal: BIG_DECIMAL_METHODS,
    JavaException: EXCEPTION, cm.Stream: cm.STREAM, cm.Optional: cm.OPTIONAL, Lambda: FUNCTION, Reference: FUNCTION,
    JavaArray: {}, regexes.Pattern: regexes.PATTERN, regexes.Matcher: regexes.MATCHER,
    cc.JavaHashSet: cc.HASH_SET, cc.JavaTreeMap: cc.TREE_MAP, cc.JavaIterator: cc.ITERATOR, JavaLocale: tm.LOCALE,
    **{kind: NUMBER for kind in NUMBER_TYPES},
}
# Types whose complete Painless method list is known: anything else is an error, not a gap.
_NUMBER_ALLOWLIST = frozenset("compareTo/1 byteValue/0 shortValue/0 intValue/0 longValue/0 floatValue/0 doubleValue/0 "
                              "equals/1 hashCode/0 toString/0".split())
_COMPLETE = {
    str: tm.STRING_ALLOWLIST, StringBuilder: tm.STRINGBUILDER_ALLOWLIST, JavaArray: frozenset(),
    list: cm.LIST_ALLOWLIST, dict: cm.MAP_ALLOWLIST, JavaHashMap: cm.MAP_ALLOWLIST,
    cc.JavaHashSet: cc.HASH_SET_ALLOWLIST, cc.JavaTreeMap: cc.TREE_MAP_ALLOWLIST,
    cc.JavaIterator: cc.ITERATOR_ALLOWLIST,
    cm.Optional: cm.OPTIONAL_ALLOWLIST,
    bool: frozenset("booleanValue/0 compareTo/1 equals/1 hashCode/0 toString/0".split()),
    JChar: frozenset("charValue/0 compareTo/1 equals/1 hashCode/0 toString/0".split()),
    JDouble: _NUMBER_ALLOWLIST | {"isNaN/0", "isInfinite/0"}, JFloat: _NUMBER_ALLOWLIST | {"isNaN/0", "isInfinite/0"},
    **{kind: _NUMBER_ALLOWLIST for kind in (JByte, JShort, JInt, JLong)},
}


_ARITY = ("/0", "/1", "/2", "/3")


def _no_method(obj, name: str, arity: int):
    raise throw("IllegalArgumentException", f"dynamic method [{type_name(obj)}, {name}/{arity}] not found")


def resolve(obj, name: str, arity: int, line: int, col: int):
    """The table function for ``obj.name/arity``, called as ``method(ctx, obj, *args)``."""
    if obj is None:
        raise throw("NullPointerException", f"Cannot invoke \"{name}()\" on a null value")
    kind = type(obj)
    table = _TABLES.get(kind)
    if table is None:
        table = cm.MAP if isinstance(obj, Mapping) else None
    key = name + _ARITY[arity] if arity < 4 else f"{name}/{arity}"
    allowed = _COMPLETE.get(kind)
    if allowed is not None and key not in allowed:
        _no_method(obj, name, arity)
    method = table.get(key) if table is not None else None
    if method is None:
        raise PainlessUnsupported(f"the method [{type_name(obj)}.{key}]", line, col)
    return method


def invoke(ctx, obj, name: str, arity: int, args: list, line: int, col: int):
    """Call ``obj.name(args)``."""
    method = resolve(obj, name, arity, line, col)
    try:
        return method(ctx, obj, *args)
    except JavaConcurrentModificationError:
        raise throw("ConcurrentModificationException", None) from None


# ---- fields: map keys, list shortcuts and getters ----
def _getters(table: dict) -> dict[str, str]:
    """The properties a getter of ``table`` answers, e.g. ``empty`` for ``isEmpty/0``."""
    found = {}
    for key in table:
        for prefix in ("get", "is"):
            rest = key[len(prefix):-len("/0")]
            if key.startswith(prefix) and key.endswith("/0") and rest[:1].isupper():
                found[rest[0].lower() + rest[1:]] = key[:-len("/0")]
    return found


# A map's getters win over its keys (Def.lookupGetter tries the allowlist first): ``map.empty`` is isEmpty().
MAP_GETTERS = _getters(cm.MAP)


def get_field(ctx, obj, name: str):
    """``obj.name``: a getter, a map key, a list element (``list.0``) or ``array.length``."""
    kind = type(obj)
    if kind is dict or kind is JavaHashMap:
        if name in MAP_GETTERS:
            return invoke(ctx, obj, MAP_GETTERS[name], 0, [], 0, 0)
        return obj.get(name)
    if kind is list and name == "length":
        return make_int(len(obj))
    if obj is None:
        raise throw("NullPointerException", f"Cannot read field \"{name}\" of a null value")
    if isinstance(obj, Mapping):
        return invoke(ctx, obj, MAP_GETTERS[name], 0, [], 0, 0) if name in MAP_GETTERS else obj.get(name)
    if isinstance(obj, list) and name.isdigit():
        return obj[cm.get_list_index(obj, JInt(int(name)))]
    if isinstance(obj, JavaArray):
        if name == "length":
            return make_int(len(obj.items))
        _no_getter(obj, name)
    capital = name[:1].upper() + name[1:]
    for getter in ("get" + capital, "is" + capital):
        table = _TABLES.get(type(obj), {})
        if f"{getter}/0" in table:
            return invoke(ctx, obj, getter, 0, [], 0, 0)
    if type(obj) in _COMPLETE or isinstance(obj, (bool, int, float)):
        _no_getter(obj, name)
    raise PainlessUnsupported(f"the field or getter [{type_name(obj)}.{name}]")


def _no_getter(obj, name: str):
    raise throw("IllegalArgumentException", f"dynamic getter [{type_name(obj)}, {name}] not found")


def set_field(ctx, obj, name: str, value):
    """``obj.name = value`` for maps and list shortcuts."""
    if obj is None:
        raise throw("NullPointerException", f"Cannot write field \"{name}\" of a null value")
    if isinstance(obj, Mapping):
        cm.map_put(obj, name, value)
        return value
    if isinstance(obj, list) and name.isdigit():
        return set_index(ctx, obj, JInt(int(name)), value)
    raise PainlessUnsupported(f"assigning the field [{type_name(obj)}.{name}]")


# ---- brace access ----
def get_index(obj, index):
    """``obj[index]`` on a map, list or array (negative list and array indices count from the end)."""
    kind = type(obj)
    if kind is list and type(index) is JInt and 0 <= index < len(obj):
        return obj[index]
    if kind is dict or kind is JavaHashMap:
        return obj.get(java_key(index))
    if obj is None:
        raise throw("NullPointerException", "Cannot load from a null array or collection")
    if isinstance(obj, Mapping):
        return obj.get(java_key(index))
    if isinstance(obj, list):
        return obj[cm.get_list_index(obj, index)]
    if isinstance(obj, JavaArray):
        return obj.items[_array_index(obj, index)]
    raise throw("IllegalArgumentException", f"Attempting to address a non-array type [{type_name(obj)}] as an array.")


def get_element(ctx, obj, index):
    return get_index(obj, index)


def _array_index(array: JavaArray, index) -> int:
    i = int(assign_convert(index, "int"))
    if i < 0:
        i += len(array.items)
    if not 0 <= i < len(array.items):
        raise throw("ArrayIndexOutOfBoundsException", f"Index {i} out of bounds for length {len(array.items)}")
    return i


def set_index(ctx, obj, index, value):
    """``obj[index] = value``; returns the stored value."""
    if obj is None:
        raise throw("NullPointerException", "Cannot store to a null array or collection")
    if isinstance(obj, Mapping):
        cm.map_put(obj, index, value)
        return value
    if isinstance(obj, list):
        cm.LIST["set/2"](ctx, obj, JInt(cm.get_list_index(obj, index)), value)
        return value
    if isinstance(obj, JavaArray):
        i = _array_index(obj, index)
        element = obj.element
        dims = element.count("[]")
        obj.items[i] = assign_check(value, element.replace("[]", ""), dims)
        return obj.items[i]
    raise throw("IllegalArgumentException", f"Attempting to address a non-array type [{type_name(obj)}] as an array.")


def iterate(value):
    """The elements a for-each loop visits; a list changed inside the loop throws, as in Java."""
    if isinstance(value, list):  # ArrayList.Itr: hasNext() is cursor != size, next() checks for changes
        size, cursor = len(value), 0
        while cursor != len(value):
            if len(value) != size:
                raise throw("ConcurrentModificationException", None)
            yield value[cursor]
            cursor += 1
        return
    if isinstance(value, JavaArray):
        yield from list(value.items)
        return
    if isinstance(value, cc.JavaHashSet):
        yield from cc.iterate_set(value)
        return
    if value is None:
        raise throw("NullPointerException", "Cannot iterate over null")
    raise throw("IllegalArgumentException", f"Cannot iterate over [{type_name(value)}]")
