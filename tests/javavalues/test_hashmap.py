"""Unit tests of JavaHashMap, java_hash and java_equals (spec mlcommons-connectors.md 4.2)."""

from __future__ import annotations

import math

import pytest

from toolkit.javavalues.hashmap import (
    JavaConcurrentModificationError, JavaHashMap, hashmap_order, java_equals, java_hash,
    table_size_for,
)
from toolkit.javavalues.numbers import JChar, JDouble, JFloat, JInt, JLong


def test_spec_example_order():
    keys = ["role", "content", "name", "temperature", "max_tokens", "messages", "model"]
    assert hashmap_order(keys) == ["role", "max_tokens", "name", "temperature", "messages",
                                   "model", "content"]


def test_painless_spec_example_order():
    assert hashmap_order(["b", "a", "zz"]) == ["zz", "a", "b"]


@pytest.mark.parametrize("value, expected", [
    ("", 0), ("a", 97), ("Aa", 2112), ("BB", 2112), ("hello", 99162322), ("😀", 1772899),
    (None, 0), (True, 1231), (False, 1237), (JInt(-5), -5), (7, 7), (JLong(-1), 0),
    (2**40, 256), (JDouble(1.0), 1072693248), (JDouble(-0.0), -2147483648),
    (JDouble(math.nan), 2146959360), (JFloat(1.0), 1065353216), (JChar("a"), 97),
    ([1, "a"], 31 * (31 + 1) + 97), ({"a": 1}, 97 ^ 1),
])
def test_java_hash(value, expected):
    assert java_hash(value) == expected


def test_java_equals_distinguishes_boxed_types():
    assert not java_equals(JInt(1), JLong(1))
    assert not java_equals(JInt(1), JDouble(1.0))
    assert not java_equals(JDouble(0.0), JDouble(-0.0))
    assert java_equals(JDouble(math.nan), JDouble(math.nan))
    assert not java_equals(True, JInt(1))
    assert java_equals([JInt(1), "x"], [1, "x"])
    assert java_equals(None, None) and not java_equals(None, "null")


def test_boxed_types_are_distinct_keys():
    m = JavaHashMap()
    m[JInt(1)] = "int"
    m[JLong(1)] = "long"
    m[1.0] = "double"
    m[True] = "bool"
    assert len(m) == 4 and m[1] == "int" and m[JLong(1)] == "long"


def test_table_size_for():
    assert [table_size_for(n) for n in (0, 1, 2, 3, 16, 17, 2**31 - 1)] == [1, 1, 2, 4, 16, 32, 2**30]


def test_resize_points():
    m = JavaHashMap()
    for i in range(12):
        m[str(i)] = i
    assert m.capacity == 16
    m["12"] = 12
    assert m.capacity == 32
    assert JavaHashMap(initial_capacity=20).capacity == 0
    small = JavaHashMap(initial_capacity=1)
    small["a"] = 1
    assert small.capacity == 2  # threshold (int)(1 * 0.75) == 0 forces a resize at once


def test_long_bucket_resizes_small_tables():
    m = JavaHashMap()
    for i in range(9):
        m[JInt(i * 64)] = i
    assert m.capacity == 32  # the 9th node in one bucket of a 16-table doubles it


def test_copy_constructor_presizing_differs_between_jdks():
    source = {f"k{i}": i for i in range(12)}
    assert JavaHashMap.copy_of(source, jdk=17).capacity == 32
    assert JavaHashMap.copy_of(source, jdk=21).capacity == 16


def test_mutable_mapping_protocol():
    m = JavaHashMap()
    m["a"] = 1
    assert m.put("a", 2) == 1 and m.put_if_absent("a", 3) == 2 and m["a"] == 2
    assert m.remove("a") == 2 and "a" not in m and len(m) == 0
    with pytest.raises(KeyError):
        m["missing"]
    with pytest.raises(KeyError):
        del m["missing"]
    m["x"] = None
    assert m.put_if_absent("x", 5) is None and m["x"] == 5


def test_compute_family_inserts_at_bucket_head():
    m = JavaHashMap()
    m.compute_if_absent(JInt(0), lambda k: "first")
    m.compute_if_absent(JInt(16), lambda k: "second")
    assert list(m) == [16, 0]
    m.merge(JInt(32), 1, lambda a, b: a + b)
    assert list(m) == [32, 16, 0]
    assert m.merge(JInt(32), 2, lambda a, b: a + b) == 3
    assert m.compute(JInt(16), lambda k, v: None) is None and JInt(16) not in m
    assert m.compute_if_absent("z", lambda k: None) is None and "z" not in m


def test_clear_keeps_capacity_and_iteration_detects_changes():
    m = JavaHashMap()
    for i in range(20):
        m[i] = i
    m.clear()
    assert m.capacity == 32 and list(m) == []
    m["a"] = 1
    m["b"] = 2
    with pytest.raises(JavaConcurrentModificationError):
        for key in m:
            m["c" + key] = 0


def test_negative_capacity_rejected():
    with pytest.raises(ValueError, match="Illegal initial capacity: -1"):
        JavaHashMap(initial_capacity=-1)


def test_treeified_bucket_puts_the_tree_root_first():
    # JDK 17 and 21 print {192=4, 0=1, 64=2, ...}: the 9th key in bucket 0 of a 64-table makes a
    # red-black tree whose root (192) moves to the front of the bucket.
    m = JavaHashMap(initial_capacity=64)
    for k in range(12):
        m[JInt(64 * k)] = k + 1
    assert list(m) == [192, 0, 64, 128, 256, 320, 384, 448, 512, 576, 640, 704]
    for k in (0, 5, 6, 7):
        del m[JInt(64 * k)]
    assert list(m) == [512, 192, 64, 128, 256, 576, 640, 704]


def test_identity_hash_tie_breaks_are_reported_not_guessed():
    m = JavaHashMap(initial_capacity=64)
    with pytest.raises(NotImplementedError, match="identityHashCode"):
        for k in range(10):  # equal List.hashCode, unequal lists: Java orders them by identity
            m[[JInt(k), JInt(-31 * k)]] = k


def test_map_equality_is_java_equals():
    a, b = JavaHashMap(), JavaHashMap()
    a["k"], b["k"] = JInt(1), JInt(1)
    assert a == b and a == {"k": 1}
    b["k"] = JLong(1)
    assert a != b
