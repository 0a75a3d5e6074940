"""Allowlisted methods of List/ArrayList, Map/HashMap, Map.Entry, and a small eager Stream API.

Lists are Python lists (ArrayList); ``keySet()``, ``values()``, ``entrySet()`` and ``subList()``
return read-only snapshots, and writing through them is unsupported rather than silently lost.
Functional arguments are lambdas or method references (``call(args)``).
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from collections.abc import Set as AbstractSet

from toolkit.javavalues.hashmap import JavaConcurrentModificationError, JavaHashMap, java_equals, java_hash
from toolkit.javavalues.numbers import JDouble, JInt, JLong, numeric_compare
from toolkit.painless.fastmath import make_int
from toolkit.painless.errors import PainlessUnsupported
from toolkit.painless.values import (
    Entry, JavaArray, JavaException, JavaThrow, ReadOnlyView, StringBuilder, assign_convert, is_number, java_key, throw,
    truth, type_name,
)


def _index(value) -> int:
    return int(assign_convert(value, "int"))


def _check_index(i: int, size: int) -> None:
    if not 0 <= i < size:
        raise throw("IndexOutOfBoundsException", f"Index {i} out of bounds for length {size}")


def _find(items, value) -> int:
    for i, item in enumerate(items):
        if java_equals(item, value) if not isinstance(item, (StringBuilder, Entry)) else item is value:
            return i
    return -1


def _writable(items: list) -> list:
    if isinstance(items, ReadOnlyView):
        raise PainlessUnsupported("modifying a keySet/values/entrySet/subList view")
    return items


def _add_at(items, index, value):
    i = _index(index)
    if not 0 <= i <= len(items):
        raise throw("IndexOutOfBoundsException", f"Index: {i}, Size: {len(items)}")
    _writable(items).insert(i, value)


def _set(items, index, value):
    i = _index(index)
    _check_index(i, len(items))
    old, _writable(items)[i] = items[i], value
    return old


def _remove(items, value):
    i = _index(value)  # List.remove(int) is the only remove/1 of a Painless List
    _check_index(i, len(items))
    return _writable(items).pop(i)


def _elements(value) -> list:
    if isinstance(value, list):
        return value
    if isinstance(value, AbstractSet):
        return list(value)
    if isinstance(value, JavaArray):
        return value.items
    raise throw("ClassCastException", f"Cannot cast {type_name(value)} to java.util.Collection")


def natural_compare(a, b) -> int:
    """``Comparable.compareTo`` for numbers of one kind, strings and booleans."""
    if a is None or b is None:
        raise throw("NullPointerException", None)
    if is_number(a) and is_number(b):
        result = numeric_compare(a, b)
        return 0 if result is None else result
    if isinstance(a, str) and isinstance(b, str):
        return (a > b) - (a < b)
    if isinstance(a, bool) and isinstance(b, bool):
        return int(a) - int(b)
    raise throw("ClassCastException", f"{type_name(a)} cannot be compared with {type_name(b)}")


def _comparator(fn):
    if fn is None:
        return functools.cmp_to_key(natural_compare)
    return functools.cmp_to_key(lambda a, b: int(assign_convert(fn.call([a, b]), "int")))


def _sort(items, fn):
    _writable(items).sort(key=_comparator(fn))


def _for_each(items, fn):
    size = len(items)
    for item in list(items):
        fn.call([item])
        if len(items) != size:
            raise throw("ConcurrentModificationException", None)


def _remove_if(items, fn):
    keep = [x for x in items if not truth(fn.call([x]), "removeIf predicate")]
    removed = len(keep) != len(items)
    _writable(items)[:] = keep
    return removed


def _join(ctx, items, separator):
    return ctx.join(ctx.text(separator), [ctx.text(x) for x in items])


def _sub_list(items, start, end):
    b, e = _index(start), _index(end)
    if b < 0 or e > len(items) or b > e:
        raise throw("IndexOutOfBoundsException", f"fromIndex: {b}, toIndex: {e}, size: {len(items)}")
    return ReadOnlyView(items[b:e])


def _add_all(ctx, items, other):
    ctx.check_items(len(items) + len(_elements(other)), "a list")
    _writable(items).extend(list(_elements(other)))
    return bool(_elements(other))


# Everything a List answers to in Painless: Collection, List, Iterable (java.lang.txt), ArrayList, Object.
LIST_ALLOWLIST = frozenset((
    "add/1 addAll/1 clear/0 contains/1 containsAll/1 isEmpty/0 removeAll/1 removeIf/1 retainAll/1 size/0 "
    "spliterator/0 stream/0 toArray/0 toArray/1 collect/1 collect/2 find/1 findAll/1 findResult/1 findResult/2 "
    "split/1 add/2 addAll/2 equals/1 get/1 hashCode/0 indexOf/1 lastIndexOf/1 listIterator/0 listIterator/1 "
    "remove/1 replaceAll/1 set/2 getLength/0 sort/1 subList/2 getByPath/1 getByPath/2 forEach/1 iterator/0 any/1 "
    "asCollection/0 asList/0 each/1 eachWithIndex/1 every/1 findResults/1 groupBy/1 join/1 sum/0 sum/1 clone/0 "
    "trimToSize/0 toString/0").split())
# Everything a Map answers to in Painless: Map (java.util.txt), HashMap, Object.
MAP_ALLOWLIST = frozenset((
    "clear/0 compute/2 computeIfAbsent/2 computeIfPresent/2 containsKey/1 containsValue/1 entrySet/0 equals/1 "
    "forEach/1 get/1 getOrDefault/2 isEmpty/0 keySet/0 merge/3 put/2 putAll/1 putIfAbsent/2 remove/1 remove/2 "
    "replace/2 replace/3 replaceAll/1 size/0 values/0 getByPath/1 getByPath/2 collect/1 collect/2 count/1 each/1 "
    "every/1 find/1 findAll/1 findResult/1 findResult/2 findResults/1 groupBy/1 clone/0 hashCode/0 toString/0"
).split())


def _sum(items, fn=None) -> JDouble:
    """Painless' ``Iterable.sum()``: a plain double sum of ``doubleValue()`` (or of ``fn``'s results)."""
    total = 0.0
    for item in list(items):
        value = fn.call([item]) if fn is not None else item
        total += float(assign_convert(value, "double"))
    return JDouble(total)


LIST = {
    "size/0": lambda ctx, xs: make_int(len(xs)),
    "getLength/0": lambda ctx, xs: make_int(len(xs)),
    "isEmpty/0": lambda ctx, xs: not xs,
    "get/1": lambda ctx, xs, i: xs[get_list_index(xs, i)],
    "add/1": lambda ctx, xs, v: (_writable(xs).append(v), True)[1],
    "add/2": lambda ctx, xs, i, v: _add_at(xs, i, v),
    "addAll/1": _add_all,
    "set/2": lambda ctx, xs, i, v: _set(xs, i, v),
    "remove/1": lambda ctx, xs, i: _remove(xs, i),
    "contains/1": lambda ctx, xs, v: _find(xs, v) >= 0,
    "indexOf/1": lambda ctx, xs, v: JInt(_find(xs, v)),
    "lastIndexOf/1": lambda ctx, xs, v: make_int(len(xs) - 1 - _find(xs[::-1], v) if _find(xs, v) >= 0 else -1),
    "clear/0": lambda ctx, xs: _writable(xs).clear(),
    "subList/2": lambda ctx, xs, b, e: _sub_list(xs, b, e),
    "sort/1": lambda ctx, xs, fn: _sort(xs, fn),
    "forEach/1": lambda ctx, xs, fn: _for_each(xs, fn),
    "removeIf/1": lambda ctx, xs, fn: _remove_if(xs, fn),
    "stream/0": lambda ctx, xs: Stream(list(xs)),
    "join/1": _join,
    "any/1": lambda ctx, xs, fn: any(truth(fn.call([x]), "any predicate") for x in list(xs)),
    "every/1": lambda ctx, xs, fn: all(truth(fn.call([x]), "every predicate") for x in list(xs)),
    "each/1": lambda ctx, xs, fn: (_for_each(xs, fn), xs)[1],
    "findAll/1": lambda ctx, xs, fn: [x for x in list(xs) if truth(fn.call([x]), "findAll predicate")],
    "find/1": lambda ctx, xs, fn: next((x for x in list(xs) if truth(fn.call([x]), "find predicate")), None),
    "collect/1": lambda ctx, xs, fn: [fn.call([x]) for x in list(xs)],
    "equals/1": lambda ctx, xs, other: isinstance(other, list) and java_equals(list(xs), list(other)),
    "hashCode/0": lambda ctx, xs: JInt(java_hash(list(xs))),
    "toString/0": lambda ctx, xs: ctx.text(xs),
    "sum/0": lambda ctx, xs: _sum(xs),
    "sum/1": lambda ctx, xs, fn: _sum(xs, fn),
    "containsAll/1": lambda ctx, xs, other: all(_find(xs, v) >= 0 for v in _elements(other)),
    "iterator/0": lambda ctx, xs: _iterator(xs),
}


def _iterator(items: list):
    from toolkit.painless.collection_classes import JavaIterator

    return JavaIterator(items)


def get_list_index(items: list, index) -> int:
    """A list index with Painless' negative-index normalisation, bounds-checked."""
    i = _index(index)
    if i < 0:
        i += len(items)
    _check_index(i, len(items))
    return i


# ---- maps ----
def map_put(m: Mapping, key, value):
    if isinstance(m, JavaHashMap):
        return m.put(java_key(key), value)
    old = m.get(key)
    m[key] = value
    return old


def map_remove(m, key):
    if isinstance(m, JavaHashMap):
        return m.remove(key)
    return m.pop(key, None)


def _compute_if_absent(m, key, fn):
    if isinstance(m, JavaHashMap):
        return m.compute_if_absent(key, lambda k: fn.call([k]))
    if m.get(key) is None:
        value = fn.call([key])
        if value is not None:
            m[key] = value
        return value
    return m[key]


def _compute(m, key, fn):
    if isinstance(m, JavaHashMap):
        return m.compute(key, lambda k, v: fn.call([k, v]))
    value = fn.call([key, m.get(key)])
    if value is None:
        m.pop(key, None)
    else:
        m[key] = value
    return value


def _merge(m, key, value, fn):
    if value is None:
        raise throw("NullPointerException", None)
    if isinstance(m, JavaHashMap):
        return m.merge(key, value, lambda old, new: fn.call([old, new]))
    old = m.get(key)
    merged = value if old is None else fn.call([old, value])
    if merged is None:
        m.pop(key, None)
    else:
        m[key] = merged
    return merged


def _map_for_each(m, fn):
    try:
        for k, v in list(m.items()):
            fn.call([k, v])
    except JavaConcurrentModificationError:
        raise throw("ConcurrentModificationException", None) from None


def _put_if_absent(m, key, value):
    old = m.get(key)
    if old is None:
        map_put(m, key, value)
    return old


def _put_all(ctx, m, other):
    if not isinstance(other, Mapping):
        raise throw("ClassCastException", f"Cannot cast {type_name(other)} to java.util.Map")
    for k, v in list(other.items()):
        map_put(m, k, v)


MAP = {
    "get/1": lambda ctx, m, k: m.get(java_key(k)),
    "getOrDefault/2": lambda ctx, m, k, d: m.get(k) if java_key(k) in m else d,
    "put/2": lambda ctx, m, k, v: map_put(m, k, v),
    "putAll/1": _put_all,
    "putIfAbsent/2": lambda ctx, m, k, v: _put_if_absent(m, k, v),
    "remove/1": lambda ctx, m, k: map_remove(m, java_key(k)),
    "containsKey/1": lambda ctx, m, k: java_key(k) in m,
    "containsValue/1": lambda ctx, m, v: _find(list(m.values()), v) >= 0,
    "size/0": lambda ctx, m: make_int(len(m)),
    "isEmpty/0": lambda ctx, m: not m,
    "keySet/0": lambda ctx, m: ReadOnlyView(m.keys()),
    "values/0": lambda ctx, m: ReadOnlyView(m.values()),
    "entrySet/0": lambda ctx, m: ReadOnlyView(Entry(k, v) for k, v in m.items()),
    "forEach/1": lambda ctx, m, fn: _map_for_each(m, fn),
    "computeIfAbsent/2": lambda ctx, m, k, fn: _compute_if_absent(m, java_key(k), fn),
    "compute/2": lambda ctx, m, k, fn: _compute(m, java_key(k), fn),
    "merge/3": lambda ctx, m, k, v, fn: _merge(m, java_key(k), v, fn),
    "clear/0": lambda ctx, m: m.clear(),
    "equals/1": lambda ctx, m, other: isinstance(other, Mapping) and java_equals(m, other),
    "hashCode/0": lambda ctx, m: JInt(java_hash(m)),
    "toString/0": lambda ctx, m: ctx.text(m),
}

ENTRY = {
    "getKey/0": lambda ctx, e: e.key,
    "getValue/0": lambda ctx, e: e.value,
    "toString/0": lambda ctx, e: ctx.text(e),
}


# ---- streams ----
class Stream:
    """An eager ``java.util.stream.Stream`` over a list (``kind``: obj, int, long or double)."""

    __slots__ = ("items", "kind")

    def __init__(self, items: list, kind: str = "obj"):
        self.items = items
        self.kind = kind


class Optional:
    """``java.util.Optional``, or OptionalInt/OptionalLong/OptionalDouble for ``kind`` int, long, double."""

    __slots__ = ("value", "kind")

    def __init__(self, value, kind: str = "obj"):
        self.value = value
        self.kind = kind

    @property
    def java_class_name(self) -> str:
        return "java.util.Optional" + {"int": "Int", "long": "Long", "double": "Double"}.get(self.kind, "")

    def java_string(self, jdk: int) -> str:
        """``Optional.toString``: ``Optional[value]`` or ``Optional.empty`` (OptionalInt[...] and so on)."""
        from toolkit.painless.values import to_string

        name = self.java_class_name.rsplit(".", 1)[1]
        return f"{name}.empty" if self.value is None else f"{name}[{to_string(self.value, jdk)}]"


class Collector:
    """``Collectors.toList()`` or ``Collectors.joining(...)``."""

    __slots__ = ("kind", "args")

    def __init__(self, kind: str, args: list):
        self.kind = kind
        self.args = args


def _collect(ctx, stream: Stream, collector):
    if not isinstance(collector, Collector):
        raise PainlessUnsupported(f"Stream.collect with {type_name(collector)}")
    if collector.kind == "toList":
        return list(stream.items)
    sep, prefix, suffix = (ctx.text(a) for a in (collector.args + ["", "", ""])[:3])
    return ctx.join(sep, [ctx.text(x) for x in stream.items], prefix, suffix)


def _mapped(stream: Stream, fn, kind: str, convert):
    return Stream([convert(fn.call([x])) for x in stream.items], kind)


def _stream_sum(stream: Stream):
    if stream.kind == "int":
        return functools.reduce(lambda a, b: a + b, stream.items, JInt(0))
    if stream.kind == "long":
        return functools.reduce(lambda a, b: a + b, stream.items, JLong(0))
    raise PainlessUnsupported("sum() of a DoubleStream or an object stream (Java uses compensated summation)")


def _optional_get(opt: Optional):
    if opt.value is None:
        raise throw("NoSuchElementException", "No value present")
    return opt.value


STREAM = {
    "filter/1": lambda ctx, s, fn: Stream([x for x in s.items if truth(fn.call([x]), "filter predicate")], s.kind),
    "map/1": lambda ctx, s, fn: _mapped(s, fn, s.kind, lambda v: v if s.kind == "obj" else assign_convert(v, s.kind)),
    "mapToInt/1": lambda ctx, s, fn: _mapped(s, fn, "int", lambda v: assign_convert(v, "int")),
    "mapToLong/1": lambda ctx, s, fn: _mapped(s, fn, "long", lambda v: assign_convert(v, "long")),
    "mapToDouble/1": lambda ctx, s, fn: _mapped(s, fn, "double", lambda v: assign_convert(v, "double")),
    "mapToObj/1": lambda ctx, s, fn: _mapped(s, fn, "obj", lambda v: v),
    "boxed/0": lambda ctx, s: Stream(s.items),
    "forEach/1": lambda ctx, s, fn: [fn.call([x]) for x in s.items] and None,
    "collect/1": _collect,
    "count/0": lambda ctx, s: JLong(len(s.items)),
    "sum/0": lambda ctx, s: _stream_sum(s),
    "anyMatch/1": lambda ctx, s, fn: any(truth(fn.call([x]), "anyMatch") for x in s.items),
    "allMatch/1": lambda ctx, s, fn: all(truth(fn.call([x]), "allMatch") for x in s.items),
    "noneMatch/1": lambda ctx, s, fn: not any(truth(fn.call([x]), "noneMatch") for x in s.items),
    "findFirst/0": lambda ctx, s: Optional(s.items[0] if s.items else None, s.kind),
    "limit/1": lambda ctx, s, n: Stream(s.items[:max(0, int(assign_convert(n, "long")))], s.kind),
    "skip/1": lambda ctx, s, n: Stream(s.items[max(0, int(assign_convert(n, "long"))):], s.kind),
    "sorted/0": lambda ctx, s: Stream(sorted(s.items, key=_comparator(None)), s.kind),
    "sorted/1": lambda ctx, s, fn: Stream(sorted(s.items, key=_comparator(fn)), s.kind),
}

def _optional_of(value) -> Optional:
    if value is None:
        raise throw("NullPointerException", None)
    return Optional(value)


def _optional_throw(opt: Optional, supplier):
    if opt.value is not None:
        return opt.value
    exc = supplier.call([])
    if exc is None:
        raise throw("NullPointerException", None)
    if not isinstance(exc, JavaException):
        raise throw("ClassCastException", f"Cannot cast {type_name(exc)} to java.lang.Throwable")
    raise JavaThrow(exc)


def _optional_flat_map(opt: Optional, fn):
    if opt.value is None:
        return opt
    result = fn.call([opt.value])
    if not isinstance(result, Optional):
        raise throw("NullPointerException", None) if result is None else throw(
            "ClassCastException", f"Cannot cast {type_name(result)} to java.util.Optional")
    return result


OPTIONAL = {
    "isPresent/0": lambda ctx, o: o.value is not None,
    "get/0": lambda ctx, o: _optional_get(o),
    "getAsInt/0": lambda ctx, o: _optional_get(o),
    "getAsLong/0": lambda ctx, o: _optional_get(o),
    "getAsDouble/0": lambda ctx, o: _optional_get(o),
    "orElse/1": lambda ctx, o, d: d if o.value is None else o.value,
    "orElseGet/1": lambda ctx, o, fn: fn.call([]) if o.value is None else o.value,
    "orElseThrow/1": lambda ctx, o, fn: _optional_throw(o, fn),
    "ifPresent/1": lambda ctx, o, fn: None if o.value is None else (fn.call([o.value]), None)[1],
    "map/1": lambda ctx, o, fn: o if o.value is None else Optional(fn.call([o.value])),
    "flatMap/1": lambda ctx, o, fn: _optional_flat_map(o, fn),
    "filter/1": lambda ctx, o, fn: o if o.value is None or truth(fn.call([o.value]), "filter predicate")
    else Optional(None),
    "equals/1": lambda ctx, o, other: isinstance(other, Optional) and other.kind == o.kind
    and java_equals(o.value, other.value),
    "hashCode/0": lambda ctx, o: JInt(java_hash(o.value)),
    "toString/0": lambda ctx, o: ctx.text(o),
}
# What Optional, OptionalInt, OptionalLong and OptionalDouble answer to in Painless (java.util.txt, Object):
# no isEmpty (Java 11) and no orElseThrow() without a supplier (Java 10).
OPTIONAL_ALLOWLIST = frozenset(OPTIONAL)
OPTIONAL_STATICS = {
    "empty/0": lambda ctx, a: Optional(None),
    "of/1": lambda ctx, a: _optional_of(a[0]),
    "ofNullable/1": lambda ctx, a: Optional(a[0]),
}

COLLECTORS = {
    "toList/0": lambda ctx, args: Collector("toList", []),
    "joining/0": lambda ctx, args: Collector("joining", []),
    "joining/1": lambda ctx, args: Collector("joining", list(args)),
    "joining/3": lambda ctx, args: Collector("joining", list(args)),
}

