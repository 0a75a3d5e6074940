"""``java.util.HashSet``, ``TreeMap`` and ``Iterator`` as Painless scripts see them (java.util.txt).

A HashSet is a HashMap of its elements, so it iterates in ``JavaHashMap``'s exact key order. A TreeMap
orders its keys by ``compareTo`` (or by the comparator it was built with) and finds them with it, not
with ``equals``: ``1`` and ``1L`` cannot share one (ClassCastException), ``0.0`` and ``-0.0`` are two
keys. An Iterator over an ArrayList or a HashSet fails fast, as Java's do, when the collection changes
other than through it. TreeMap's view methods (``headMap``, ``descendingMap``, ...) are not modelled.
"""

from __future__ import annotations

import math
import struct
from collections.abc import MutableMapping, MutableSet
from decimal import Decimal

from toolkit.javavalues.hashmap import JavaHashMap, java_equals, java_hash
from toolkit.javavalues.numbers import JInt, java_type_of, to_float
from toolkit.painless import collection_methods as cm
from toolkit.painless.errors import PainlessUnsupported
from toolkit.painless.fastmath import make_int
from toolkit.painless.values import (
    Entry, ReadOnlyView, assign_convert, is_number, java_key, throw, truth, type_name,
)

_PRESENT = True  # HashSet's PRESENT: the value of every key of its map


class JavaHashSet(MutableSet):
    """``java.util.HashSet``: a ``JavaHashMap`` of its elements."""

    __slots__ = ("map",)
    java_class_name = "java.util.HashSet"

    def __init__(self, jdk: int, initial_capacity: int | None = None):
        self.map = JavaHashMap(initial_capacity, jdk=jdk)

    @classmethod
    def of(cls, ctx, items) -> JavaHashSet:
        """``new HashSet(collection)``, then filled in order. Its size changed in JDK 19 (JDK-8186958):
        ``max((int) (n / .75f) + 1, 16)`` before, ``HashMap.newHashMap(max(n, 12))`` from then on."""
        elements = _collection(items)
        n = len(elements)
        capacity = math.ceil(max(n, 12) / 0.75) if ctx.jdk >= 19 else max(int(to_float(to_float(n) / 0.75)) + 1, 16)
        result = cls(ctx.jdk, capacity)
        for element in elements:
            result.add(element)
        return result

    def __contains__(self, element) -> bool:
        return java_key(element) in self.map

    def __iter__(self):
        return iter(self.map)

    def __len__(self) -> int:
        return len(self.map)

    def add(self, element) -> bool:
        return self.map.put(java_key(element), _PRESENT) is None

    def discard(self, element) -> None:
        self.map.remove(java_key(element))

    @property
    def mod_count(self) -> int:
        return self.map._mod_count


def _collection(value) -> list:
    """The elements of a ``Collection`` argument."""
    if isinstance(value, (list, JavaHashSet)):
        return list(value)
    if value is None:
        raise throw("NullPointerException", None)
    raise throw("ClassCastException", f"Cannot cast {type_name(value)} to java.util.Collection")


def _change(ctx, s: JavaHashSet, elements, keep: bool) -> bool:
    """``removeAll`` (``keep`` False) or ``retainAll`` (True): whether the set changed."""
    others = _collection(elements)
    doomed = [x for x in list(s) if any(java_equals(x, o) for o in others) != keep]
    for x in doomed:
        s.discard(x)
    return bool(doomed)


def _remove_if(s: JavaHashSet, fn) -> bool:
    doomed = [x for x in list(s) if truth(fn.call([x]), "removeIf predicate")]
    for x in doomed:
        s.discard(x)
    return bool(doomed)


def _add_all(ctx, s: JavaHashSet, items) -> bool:
    changed = False
    for element in _collection(items):
        changed |= s.add(element)
        ctx.check_items(len(s), "a set")
    return changed


def _clone_set(ctx, s: JavaHashSet) -> JavaHashSet:
    """``HashSet.clone``: its map is ``HashMap.clone``, sized as ``new HashMap(map)`` is."""
    copy = JavaHashSet(ctx.jdk)
    copy.map = JavaHashMap.copy_of(s.map, jdk=ctx.jdk)
    return copy


def _set_hash(s) -> JInt:
    return JInt(((sum(java_hash(x) for x in s) + 2**31) % 2**32) - 2**31)


def _snapshot(method):
    """A List method, run on a snapshot of the set's elements (for those that only read)."""
    return lambda ctx, s, *args: method(ctx, list(s), *args)


HASH_SET = {
    "add/1": lambda ctx, s, x: s.add(x),
    "addAll/1": _add_all,
    "remove/1": lambda ctx, s, x: s.map.remove(java_key(x)) is not None,
    "contains/1": lambda ctx, s, x: x in s,
    "containsAll/1": lambda ctx, s, xs: all(x in s for x in _collection(xs)),
    "size/0": lambda ctx, s: make_int(len(s)),
    "isEmpty/0": lambda ctx, s: not s,
    "clear/0": lambda ctx, s: s.map.clear(),
    "removeAll/1": lambda ctx, s, xs: _change(ctx, s, xs, False),
    "retainAll/1": lambda ctx, s, xs: _change(ctx, s, xs, True),
    "removeIf/1": lambda ctx, s, fn: _remove_if(s, fn),
    "iterator/0": lambda ctx, s: JavaIterator(s),
    "equals/1": lambda ctx, s, other: java_equals(s, other),
    "hashCode/0": lambda ctx, s: _set_hash(s),
    "toString/0": lambda ctx, s: ctx.text(s),
    "clone/0": lambda ctx, s: _clone_set(ctx, s),
    **{key: _snapshot(cm.LIST[key]) for key in (
        "stream/0", "join/1", "any/1", "every/1", "findAll/1", "find/1", "collect/1", "sum/0", "sum/1")},
    "forEach/1": lambda ctx, s, fn: _for_each(s, fn),
    "each/1": lambda ctx, s, fn: (_for_each(s, fn), s)[1],
}
HASH_SET_ALLOWLIST = frozenset(HASH_SET) | frozenset((
    "toArray/0 toArray/1 spliterator/0 collect/2 findResult/1 findResult/2 split/1 asCollection/0 asList/0 "
    "eachWithIndex/1 findResults/1 groupBy/1").split())


def _for_each(s: JavaHashSet, fn) -> None:
    expected = s.mod_count
    for element in list(s):
        fn.call([element])
        if s.mod_count != expected:
            raise throw("ConcurrentModificationException", None)


# ---- TreeMap ----
def _double_order(a: float, b: float) -> int:
    """``Double.compare``: numeric order, then ``-0.0`` before ``0.0`` and NaN after everything."""
    if a < b:
        return -1
    if a > b:
        return 1
    x, y = (0x7FF8000000000000 if math.isnan(v) else struct.unpack("<q", struct.pack("<d", v))[0] for v in (a, b))
    return (x > y) - (x < y)


def natural_order(a, b) -> int:
    """``((Comparable) a).compareTo(b)`` for the values a script can make: null, strings, numbers of
    one class, booleans, BigDecimal; anything else is a ClassCastException, as in Java."""
    if a is None or b is None:
        raise throw("NullPointerException", None)
    if isinstance(a, str) and isinstance(b, str):
        x, y = a.encode("utf-16-be", "surrogatepass"), b.encode("utf-16-be", "surrogatepass")
        return (x > y) - (x < y)  # String.compareTo: UTF-16 code units
    if isinstance(a, bool) and isinstance(b, bool):
        return int(a) - int(b)
    if isinstance(a, Decimal) and isinstance(b, Decimal):
        return (a > b) - (a < b)
    if is_number(a) and is_number(b) and java_type_of(a) is java_type_of(b):
        return _double_order(a, b) if isinstance(a, float) else (a > b) - (a < b)
    raise throw("ClassCastException", f"class {type_name(a)} cannot be cast to class {type_name(b)}")


class JavaTreeMap(MutableMapping):
    """``java.util.TreeMap``: keys kept sorted by ``compare`` (natural order, or a comparator lambda)."""

    __slots__ = ("keys_", "values_", "comparator")
    java_class_name = "java.util.TreeMap"

    def __init__(self, comparator=None):
        self.keys_: list = []
        self.values_: list = []
        self.comparator = comparator

    def compare(self, a, b) -> int:
        if self.comparator is None:
            return natural_order(a, b)
        return int(assign_convert(self.comparator.call([a, b]), "int"))

    def _find(self, key) -> tuple[int, bool]:
        """Binary search as TreeMap's tree walk: (index, found)."""
        if not self.keys_:
            self.compare(key, key)  # TreeMap checks the key's type (and null) even when empty
        low, high = 0, len(self.keys_)
        while low < high:
            middle = (low + high) // 2
            order = self.compare(key, self.keys_[middle])
            if order == 0:
                return middle, True
            if order < 0:
                high = middle
            else:
                low = middle + 1
        return low, False

    def __getitem__(self, key):
        index, found = self._find(key)
        if not found:
            raise KeyError(key)
        return self.values_[index]

    def get(self, key, default=None):
        index, found = self._find(key)
        return self.values_[index] if found else default

    def __contains__(self, key) -> bool:
        return self._find(key)[1]

    def __setitem__(self, key, value) -> None:
        index, found = self._find(key)
        if found:
            self.values_[index] = value
        else:
            self.keys_.insert(index, key)
            self.values_.insert(index, value)

    def __delitem__(self, key) -> None:
        index, found = self._find(key)
        if not found:
            raise KeyError(key)
        del self.keys_[index], self.values_[index]

    def pop(self, key, default=None):
        index, found = self._find(key)
        if not found:
            return default
        value = self.values_[index]
        del self.keys_[index], self.values_[index]
        return value

    def __iter__(self):
        return iter(list(self.keys_))

    def __len__(self) -> int:
        return len(self.keys_)

    def clear(self) -> None:
        self.keys_.clear()
        self.values_.clear()


def new_tree_map(ctx, args) -> JavaTreeMap:
    """``new TreeMap()`` or ``new TreeMap(Comparator)`` (Painless has no TreeMap(Map))."""
    if not args:
        return JavaTreeMap()
    comparator = args[0]
    if comparator is not None and not hasattr(comparator, "call"):
        raise throw("ClassCastException", f"Cannot cast {type_name(comparator)} to java.util.Comparator")
    return JavaTreeMap(comparator)


def _end(m: JavaTreeMap, last: bool, entry: bool, remove: bool = False):
    if not m.keys_:
        if entry:
            return None
        raise throw("NoSuchElementException", None)
    index = -1 if last else 0
    key, value = m.keys_[index], m.values_[index]
    if remove:
        del m.keys_[index], m.values_[index]
    return Entry(key, value) if entry else key


def _neighbour(m: JavaTreeMap, key, relation: str, entry: bool):
    """``ceilingKey`` (>=), ``floorKey`` (<=), ``higherKey`` (>), ``lowerKey`` (<) and their entries."""
    index, found = m._find(key)
    if relation == "ceiling":
        at = index
    elif relation == "higher":
        at = index + 1 if found else index
    elif relation == "floor":
        at = index if found else index - 1
    else:
        at = index - 1
    if not 0 <= at < len(m.keys_):
        return None
    return Entry(m.keys_[at], m.values_[at]) if entry else m.keys_[at]


TREE_MAP = {
    **cm.MAP,
    "firstKey/0": lambda ctx, m: _end(m, False, False), "lastKey/0": lambda ctx, m: _end(m, True, False),
    "firstEntry/0": lambda ctx, m: _end(m, False, True), "lastEntry/0": lambda ctx, m: _end(m, True, True),
    "pollFirstEntry/0": lambda ctx, m: _end(m, False, True, True),
    "pollLastEntry/0": lambda ctx, m: _end(m, True, True, True),
    **{f"{relation}{kind}/1": (lambda ctx, m, k, r=relation, e=kind == "Entry": _neighbour(m, k, r, e))
       for relation in ("ceiling", "floor", "higher", "lower") for kind in ("Key", "Entry")},
    "comparator/0": lambda ctx, m: m.comparator,
    "clone/0": lambda ctx, m: _clone(m),
}
TREE_MAP_ALLOWLIST = cm.MAP_ALLOWLIST | frozenset(TREE_MAP) | frozenset((
    "headMap/1 headMap/2 tailMap/1 tailMap/2 subMap/2 subMap/4 descendingMap/0 descendingKeySet/0 "
    "navigableKeySet/0").split())


def _clone(m: JavaTreeMap) -> JavaTreeMap:
    copy = JavaTreeMap(m.comparator)
    copy.keys_, copy.values_ = list(m.keys_), list(m.values_)
    return copy


# ---- Iterator ----
class JavaIterator:
    """``iterator()`` of an ArrayList (``ArrayList.Itr``), a HashSet or a read-only view."""

    __slots__ = ("source", "items", "cursor", "last", "expected")

    @property
    def java_class_name(self) -> str:
        return "java.util.HashMap$KeyIterator" if isinstance(self.source, JavaHashSet) else "java.util.ArrayList$Itr"

    def __init__(self, source):
        self.source = source
        self.items = source if isinstance(source, list) else list(source)
        self.cursor, self.last = 0, -1
        self.expected = self._state()

    def _state(self) -> int:
        return self.source.mod_count if isinstance(self.source, JavaHashSet) else len(self.source)

    def _check(self) -> None:
        if self._state() != self.expected:
            raise throw("ConcurrentModificationException", None)

    def has_next(self) -> bool:
        return self.cursor != len(self.items)

    def next(self):
        self._check()
        if self.cursor >= len(self.items):
            raise throw("NoSuchElementException", None)
        self.last, self.cursor = self.cursor, self.cursor + 1
        return self.items[self.last]

    def remove(self) -> None:
        if self.last < 0:
            raise throw("IllegalStateException", None)
        self._check()
        if isinstance(self.source, ReadOnlyView):
            raise PainlessUnsupported("Iterator.remove on a keySet/values/entrySet/subList view")
        if isinstance(self.source, JavaHashSet):
            self.source.discard(self.items[self.last])
        else:
            del self.source[self.last]
            self.cursor = self.last
        self.last, self.expected = -1, self._state()

    def for_each_remaining(self, fn) -> None:
        while self.has_next():
            fn.call([self.next()])


ITERATOR = {
    "hasNext/0": lambda ctx, it: it.has_next(),
    "next/0": lambda ctx, it: it.next(),
    "remove/0": lambda ctx, it: it.remove(),
    "forEachRemaining/1": lambda ctx, it, fn: it.for_each_remaining(fn),
    "equals/1": lambda ctx, it, other: it is other,
}
ITERATOR_ALLOWLIST = frozenset(ITERATOR) | {"hashCode/0", "toString/0"}


def iterate_set(s: JavaHashSet):
    """The elements a for-each loop visits in a HashSet; a change during the loop throws, as in Java."""
    iterator = JavaIterator(s)
    while iterator.has_next():
        yield iterator.next()
