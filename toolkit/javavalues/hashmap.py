"""``java.util.HashMap`` with its exact iteration order, and Java ``hashCode``/``equals``.

Keys are compared with Java's ``equals`` (``java_equals``), not Python's ``==``: ``JInt(1)``,
``JLong(1)`` and ``1.0`` are three different keys, ``NaN`` equals itself, ``0.0`` and ``-0.0``
differ. Key types: ``None``, ``str`` (String), ``bool``, the typed numbers of
``toolkit.javavalues.numbers`` (plain ``int``/``float`` read as Integer-or-Long/Double), and
``list``/``Mapping`` (List and Map ``hashCode``).

Order model (checked against JDK 17 and 21): ``hash = h ^ (h >>> 16)``; the table is allocated on
the first insertion (16 buckets, or ``tableSizeFor(initialCapacity)``); it doubles when the size
exceeds the threshold, and also when a bucket reaches 9 nodes (8 for ``compute*``/``merge``)
while the table has fewer than 64 buckets. Iteration runs buckets in ascending index, and nodes
of a bucket in insertion order (``put``/``putIfAbsent``) or newest first (``computeIfAbsent``,
``compute``, ``merge`` insert at the head). A resize splits each bucket keeping relative order.
The table never shrinks. A bucket that reaches 9 nodes (8 for ``compute*``/``merge``) in a
table of 64+ buckets becomes a red-black tree, whose own order rules are in ``_treebin``; the
one case Java leaves to ``System.identityHashCode`` (two unequal non-comparable keys of the same
class, e.g. lists, with equal hashes in one tree) raises ``NotImplementedError``.
"""

from __future__ import annotations

import math
import struct
from collections.abc import Callable, ItemsView, Iterator, Mapping, MutableMapping, ValuesView
from collections.abc import Set as AbstractSet
from typing import Any

from toolkit.javavalues._treebin import Node, TreeBin
from toolkit.javavalues.numbers import JFloat, JLong, java_type_of, to_float

__all__ = [
    "java_hash", "java_equals", "table_size_for", "hashmap_order", "JavaHashMap",
    "JavaConcurrentModificationError",
]

MAXIMUM_CAPACITY = 1 << 30
_INT_MAX = (1 << 31) - 1
_TREEIFY_THRESHOLD = 8
_MIN_TREEIFY_CAPACITY = 64


class JavaConcurrentModificationError(RuntimeError):
    """Java's ``ConcurrentModificationException``: the map changed during iteration."""


def _int32(value: int) -> int:
    value &= 0xFFFFFFFF
    return value - (1 << 32) if value & 0x80000000 else value


def _string_hash(text: str) -> int:
    h = 0
    data = text.encode("utf-16-be", "surrogatepass")
    for unit in struct.unpack(f">{len(data) // 2}H", data):  # Java hashes UTF-16 code units
        h = (31 * h + unit) & 0xFFFFFFFF
    return _int32(h)


def _long_hash(value: int) -> int:
    bits = value & 0xFFFFFFFFFFFFFFFF
    return _int32(bits ^ (bits >> 32))


def _double_bits(value: float) -> int:
    """``Double.doubleToLongBits`` (every NaN is the canonical NaN)."""
    if math.isnan(value):
        return 0x7FF8000000000000
    return struct.unpack("<Q", struct.pack("<d", value))[0]


def _float_bits(value: float) -> int:
    """``Float.floatToIntBits`` (every NaN is the canonical NaN)."""
    if math.isnan(value):
        return 0x7FC00000
    return struct.unpack("<I", struct.pack("<f", to_float(value)))[0]


def java_hash(value: Any) -> int:
    """``value.hashCode()`` (0 for null) as a signed 32-bit int."""
    if value is None:
        return 0
    if isinstance(value, str):
        return _string_hash(value)
    if isinstance(value, bool):
        return 1231 if value else 1237
    if isinstance(value, (int, float)):
        kind = java_type_of(value)
        if kind is JLong:
            return _long_hash(int(value))
        if kind is JFloat:
            return _int32(_float_bits(value))
        if issubclass(kind, float):
            return _long_hash(_double_bits(value))
        return int(value)
    if isinstance(value, list):
        h = 1
        for element in value:
            h = (31 * h + java_hash(element)) & 0xFFFFFFFF
        return _int32(h)
    if isinstance(value, Mapping):
        return _int32(sum(java_hash(k) ^ java_hash(v) for k, v in value.items()))
    if isinstance(value, AbstractSet):
        return _int32(sum(java_hash(element) for element in value))
    raise TypeError(f"no Java hashCode for {type(value).__name__}")


def java_equals(a: Any, b: Any) -> bool:
    """``a.equals(b)`` for the supported value types (null-safe)."""
    if a is None or b is None:
        return a is b
    if isinstance(a, str) or isinstance(b, str):
        return isinstance(a, str) and isinstance(b, str) and a == b
    if isinstance(a, bool) or isinstance(b, bool):
        return isinstance(a, bool) and isinstance(b, bool) and a == b
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        kind = java_type_of(a)
        if kind is not java_type_of(b):
            return False
        if kind is JFloat:
            return _float_bits(a) == _float_bits(b)
        if issubclass(kind, float):
            return _double_bits(a) == _double_bits(b)
        return int(a) == int(b)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(java_equals(x, y) for x, y in zip(a, b))
    if isinstance(a, Mapping) and isinstance(b, Mapping):
        return len(a) == len(b) and all(
            any(java_equals(k, k2) and java_equals(v, v2) for k2, v2 in b.items())
            for k, v in a.items())
    if isinstance(a, AbstractSet) and isinstance(b, AbstractSet):
        return len(a) == len(b) and all(any(java_equals(x, y) for y in b) for x in a)
    return a is b


def table_size_for(capacity: int) -> int:
    """``HashMap.tableSizeFor``: the power of two >= ``capacity`` (at least 1, at most 2**30)."""
    if capacity <= 1:
        return 1
    return min(1 << (capacity - 1).bit_length(), MAXIMUM_CAPACITY)


def _spread(h: int) -> int:
    h &= 0xFFFFFFFF
    return h ^ (h >> 16)


def _nodes(bucket: list[Node] | TreeBin) -> list[Node]:
    return bucket.nodes if isinstance(bucket, TreeBin) else bucket


class JavaHashMap(MutableMapping):
    """A ``java.util.HashMap``: Java key equality and Java's exact iteration order.

    ``JavaHashMap()`` is ``new HashMap<>()``, ``JavaHashMap(initial_capacity=n)`` is
    ``new HashMap<>(n)``, ``JavaHashMap.copy_of(m, jdk=...)`` is ``new HashMap<>(m)``.
    ``jdk`` only matters for ``copy_of``/``put_all`` pre-sizing, which changed in JDK 19
    (JDK-8281631).
    """

    def __init__(self, initial_capacity: int | None = None, *, jdk: int = 21) -> None:
        if initial_capacity is not None and initial_capacity < 0:
            raise ValueError(f"Illegal initial capacity: {initial_capacity}")
        self.jdk = jdk
        self._table: list[list[Node] | TreeBin] | None = None
        self._size = 0
        self._mod_count = 0
        self._threshold = 0 if initial_capacity is None else table_size_for(
            min(initial_capacity, MAXIMUM_CAPACITY))

    @classmethod
    def copy_of(cls, mapping: Mapping, *, jdk: int = 21) -> JavaHashMap:
        """``new HashMap<>(mapping)``, entries taken in ``mapping``'s iteration order."""
        result = cls(jdk=jdk)
        result.put_all(mapping)
        return result

    @property
    def capacity(self) -> int:
        """The current number of buckets (0 before the first insertion)."""
        return len(self._table) if self._table is not None else 0

    # -- internals mirroring HashMap's methods -------------------------------------------

    def _resize(self) -> None:
        old = self._table
        old_cap = len(old) if old is not None else 0
        new_thr = 0
        if old_cap > 0:
            if old_cap >= MAXIMUM_CAPACITY:
                self._threshold = _INT_MAX
                return
            new_cap = old_cap << 1
            if new_cap < MAXIMUM_CAPACITY and old_cap >= 16:
                new_thr = self._threshold << 1
        elif self._threshold > 0:
            new_cap = self._threshold
        else:
            new_cap, new_thr = 16, 12
        if new_thr == 0:
            new_thr = int(new_cap * 0.75) if new_cap < MAXIMUM_CAPACITY else _INT_MAX
        self._threshold = new_thr
        table: list[list[Node] | TreeBin] = [[] for _ in range(new_cap)]
        for index, bucket in enumerate(old or ()):
            if isinstance(bucket, TreeBin):
                table[index], table[index + old_cap] = bucket.split(old_cap)
            else:
                for node in bucket:
                    table[index + old_cap if node.hash & old_cap else index].append(node)
        self._table = table

    def _treeify_bin(self, h: int) -> None:
        if self.capacity < _MIN_TREEIFY_CAPACITY:
            self._resize()
        else:
            index = h & (self.capacity - 1)
            self._table[index] = TreeBin(self._table[index])

    def _find(self, key: Any) -> tuple[int, int, Node | None]:
        """The spread hash, the bucket index (-1 before the table exists) and the node."""
        h = _spread(java_hash(key))
        if self._table is None:
            return h, -1, None
        index = h & (len(self._table) - 1)
        for node in _nodes(self._table[index]):
            if node.hash == h and java_equals(key, node.key):
                return h, index, node
        return h, index, None

    def _add(self, h: int, key: Any, value: Any, at_head: bool) -> None:
        """Link a new node: at the tail (``putVal``) or the head (``compute*``/``merge``)."""
        bucket = self._table[h & (len(self._table) - 1)]
        node = Node(h, key, value)
        if isinstance(bucket, TreeBin):
            bucket.insert(node)
        elif at_head:
            bucket.insert(0, node)
            if len(bucket) >= _TREEIFY_THRESHOLD:
                self._treeify_bin(h)
        else:
            bucket.append(node)
            if len(bucket) > _TREEIFY_THRESHOLD:
                self._treeify_bin(h)
        self._mod_count += 1
        self._size += 1

    def _put(self, key: Any, value: Any, only_if_absent: bool) -> Any:
        if self._table is None:
            self._resize()
        h, _, node = self._find(key)
        if node is not None:
            old = node.value
            if not only_if_absent or old is None:
                node.value = value
            return old
        self._add(h, key, value, at_head=False)
        if self._size > self._threshold:
            self._resize()
        return None

    def _prepare_compute(self, key: Any) -> tuple[int, int, Node | None]:
        if self._table is None or self._size > self._threshold:
            self._resize()
        return self._find(key)

    def _remove_node(self, index: int, node: Node) -> None:
        bucket = self._table[index]
        if isinstance(bucket, TreeBin):
            self._table[index] = bucket.remove(node)
        else:
            bucket.remove(node)
        self._mod_count += 1
        self._size -= 1

    # -- Java API ------------------------------------------------------------------------

    def put(self, key: Any, value: Any) -> Any:
        """``put``: returns the previous value (or None)."""
        return self._put(key, value, False)

    def put_if_absent(self, key: Any, value: Any) -> Any:
        """``putIfAbsent``: stores only when the key is absent or mapped to null."""
        return self._put(key, value, True)

    def put_all(self, mapping: Mapping) -> None:
        """``putAll`` (and the copy constructor): pre-size like JDK ``self.jdk``, then put."""
        size = len(mapping)
        if size == 0:
            return
        if self._table is None:
            if self.jdk >= 19:
                wanted = math.ceil(size / 0.75)
            else:
                wanted = int(to_float(to_float(size / 0.75) + 1.0))
            wanted = min(wanted, MAXIMUM_CAPACITY)
            if wanted > self._threshold:
                self._threshold = table_size_for(wanted)
        else:
            while size > self._threshold and self.capacity < MAXIMUM_CAPACITY:
                self._resize()
        for key, value in list(mapping.items()):
            self._put(key, value, False)

    def remove(self, key: Any) -> Any:
        """``remove``: returns the removed value (or None)."""
        _, index, node = self._find(key)
        if node is None:
            return None
        self._remove_node(index, node)
        return node.value

    def compute_if_absent(self, key: Any, function: Callable[[Any], Any]) -> Any:
        """``computeIfAbsent``: a null result stores nothing."""
        h, _, node = self._prepare_compute(key)
        if node is not None and node.value is not None:
            return node.value
        value = function(key)
        if value is None:
            return None
        if node is not None:
            node.value = value
        else:
            self._add(h, key, value, at_head=True)
        return value

    def compute(self, key: Any, function: Callable[[Any, Any], Any]) -> Any:
        """``compute``: a null result removes the mapping."""
        h, index, node = self._prepare_compute(key)
        value = function(key, node.value if node is not None else None)
        if node is not None:
            if value is not None:
                node.value = value
            else:
                self._remove_node(index, node)
        elif value is not None:
            self._add(h, key, value, at_head=True)
        return value

    def merge(self, key: Any, value: Any, function: Callable[[Any, Any], Any]) -> Any:
        """``merge``: combine with the old value; a null result removes the mapping."""
        if value is None:
            raise TypeError("HashMap.merge: value is null (NullPointerException)")
        h, index, node = self._prepare_compute(key)
        if node is None:
            self._add(h, key, value, at_head=True)
            return value
        merged = value if node.value is None else function(node.value, value)
        if merged is None:
            self._remove_node(index, node)
        else:
            node.value = merged
        return merged

    def get(self, key: Any, default: Any = None) -> Any:
        node = self._find(key)[2]
        return default if node is None else node.value

    def clear(self) -> None:
        """``clear``: empties the buckets but keeps the table size (as Java does)."""
        if self._table is not None and self._size:
            self._table = [[] for _ in self._table]
        self._mod_count += 1
        self._size = 0

    # -- MutableMapping protocol ---------------------------------------------------------

    def __getitem__(self, key: Any) -> Any:
        node = self._find(key)[2]
        if node is None:
            raise KeyError(key)
        return node.value

    def __setitem__(self, key: Any, value: Any) -> None:
        self._put(key, value, False)

    def __delitem__(self, key: Any) -> None:
        _, index, node = self._find(key)
        if node is None:
            raise KeyError(key)
        self._remove_node(index, node)

    def __contains__(self, key: object) -> bool:
        return self._find(key)[2] is not None

    def _entries(self) -> Iterator[tuple[Any, Any]]:
        expected = self._mod_count
        for bucket in self._table or ():
            for node in list(_nodes(bucket)):
                if self._mod_count != expected:
                    raise JavaConcurrentModificationError("map modified during iteration")
                yield node.key, node.value
        if self._mod_count != expected:
            raise JavaConcurrentModificationError("map modified during iteration")

    def __iter__(self) -> Iterator[Any]:
        return (key for key, _ in self._entries())

    def items(self) -> ItemsView:
        """Entries in iteration order, read from the nodes (no re-hashing, as in Java)."""
        return _ItemsView(self)

    def values(self) -> ValuesView:
        return _ValuesView(self)

    def __len__(self) -> int:
        return self._size

    def __eq__(self, other: object) -> bool:
        """Java's ``AbstractMap.equals`` (keys and values compared with ``java_equals``)."""
        return isinstance(other, Mapping) and java_equals(self, other)

    __hash__ = None  # mutable, like a dict

    def __repr__(self) -> str:
        items = ", ".join(f"{k!r}: {v!r}" for k, v in self.items())
        return f"JavaHashMap({{{items}}})"


class _ItemsView(ItemsView):
    def __iter__(self) -> Iterator[tuple[Any, Any]]:
        return self._mapping._entries()


class _ValuesView(ValuesView):
    def __iter__(self) -> Iterator[Any]:
        return (value for _, value in self._mapping._entries())


def hashmap_order(keys: list[Any]) -> list[Any]:
    """The iteration order of ``new HashMap<>()`` after putting ``keys`` in order."""
    table = JavaHashMap()
    for key in keys:
        table.put(key, None)
    return list(table)
