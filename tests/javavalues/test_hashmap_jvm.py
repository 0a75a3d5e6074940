"""HashMap iteration order against java.util.HashMap on JDK 17 and 21 (spec mlcommons 4.2).

Each case is a program of map operations; the JVM prints ``map.toString()`` at the end and we
compare it with ``java_to_string`` of our ``JavaHashMap`` after the same operations.
"""

from __future__ import annotations

import functools
import itertools
import math

import pytest
from hypothesis import strategies as st

from tests.javavalues.oracles import JDKS, VALUE_READER, collect, compare, encode, run_lines, unb64
from toolkit.javavalues.hashmap import JavaHashMap
from toolkit.javavalues.numbers import JChar, JDouble, JInt, JLong
from toolkit.javavalues.text import java_to_string

pytestmark = pytest.mark.jvm

CLASS = "HashMapOrderOracle"
SOURCE = """
import java.util.*;
import java.io.*;
import java.nio.charset.StandardCharsets;

public class HashMapOrderOracle {
""" + VALUE_READER + """
    public static void main(String[] args) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            String[] ops = line.split(" ");
            HashMap<Object, Object> m = ops[0].equals("new") ? new HashMap<>() : new HashMap<>(Integer.parseInt(ops[0]));
            for (int i = 1; i < ops.length; i++) {
                String op = ops[i];
                Integer v = i;
                Object k = op.length() > 1 ? read(op.substring(1)) : null;
                switch (op.charAt(0)) {
                    case 'p': m.put(k, v); break;
                    case 'a': m.putIfAbsent(k, v); break;
                    case 'r': m.remove(k); break;
                    case 'c': m.computeIfAbsent(k, x -> v); break;
                    case 'm': m.merge(k, v, (x, y) -> (Integer) x + (Integer) y); break;
                    case 'C': m = new HashMap<>(m); break;
                    case 'U': { HashMap<Object, Object> f = new HashMap<>(); f.put("", -1); f.putAll(m); m = f; break; }
                    case 'X': m.clear(); break;
                    default: throw new IllegalArgumentException(op);
                }
            }
            System.out.println(b64(m.toString()));
        }
    }
}
"""


def apply(program: tuple[int | None, list[tuple[str, object]]], jdk: int) -> str:
    capacity, ops = program
    m = JavaHashMap(jdk=jdk) if capacity is None else JavaHashMap(capacity, jdk=jdk)
    for i, (op, key) in enumerate(ops, start=1):
        v = JInt(i)
        if op == "p":
            m.put(key, v)
        elif op == "a":
            m.put_if_absent(key, v)
        elif op == "r":
            m.remove(key)
        elif op == "c":
            m.compute_if_absent(key, lambda _k, v=v: v)
        elif op == "m":
            m.merge(key, v, lambda x, y: x + y)
        elif op == "C":
            m = JavaHashMap.copy_of(m, jdk=jdk)
        elif op == "U":
            fresh = JavaHashMap(jdk=jdk)
            fresh.put("", JInt(-1))
            fresh.put_all(m)
            m = fresh
        elif op == "X":
            m.clear()
    return java_to_string(m, jdk)


def program_line(program) -> str:
    capacity, ops = program
    head = "new" if capacity is None else str(capacity)
    return " ".join([head] + [op + (encode(key) if op in "parcm" else "") for op, key in ops])


# Keys: short text (incl. non-ASCII), whole families of equal String.hashCode ("Aa" == "BB"),
# and boxed numbers, booleans and null.
colliding = st.lists(st.sampled_from(["Aa", "BB"]), min_size=1, max_size=3).map("".join)
keys = st.one_of(
    st.text(max_size=5),
    st.text(alphabet="abcé😀", max_size=3),
    colliding,
    st.integers(-(2**31), 2**31 - 1).map(JInt),
    st.integers(-(2**63), 2**63 - 1).map(JLong),
    st.floats(allow_nan=True).map(JDouble),
    st.sampled_from([None, True, False, JDouble(-0.0), JDouble(math.nan)]),
)
key_op = st.tuples(st.sampled_from("pppppparcm"), keys)
whole_op = st.tuples(st.sampled_from("CUX"), st.none())
# Keys that pile up in bucket 0 so that bins become red-black trees (and split, shrink, untreeify):
# 16 strings with one hash, multiples of 64 as Integer and Long (equal hashes, different classes),
# and several keys hashing to 0 (null, "", 0, 0L, 0.0, -0.0, '\0').
_pile = (["".join(p) for p in itertools.product(["Aa", "BB"], repeat=4)]
         + [JInt(64 * k) for k in range(24)] + [JLong(64 * k) for k in range(12)]
         + [None, "", JDouble(0.0), JDouble(-0.0), JChar(0)])


@st.composite
def tree_programs(draw):
    """Insert a shuffled pile of colliding keys, with removals, copies and clears mixed in."""
    keys = draw(st.permutations(_pile))
    count = draw(st.integers(9, len(keys)))
    ops = [(draw(st.sampled_from("ppppcm")), key) for key in keys[:count]]
    extras = draw(st.lists(st.tuples(st.integers(0, count), st.sampled_from("rrrrrpaCUX"),
                                     st.sampled_from(keys)), max_size=40))
    for position, op, key in sorted(extras, key=lambda e: -e[0]):
        ops.insert(position, (op, key if op in "parcm" else None))
    ops += [("r", key) for key in draw(st.permutations(keys[:count]))[:draw(st.integers(0, count))]]
    return draw(st.none() | st.sampled_from([1, 64, 128])), ops


programs = st.tuples(
    st.none() | st.integers(0, 70),
    st.lists(st.one_of(*[key_op] * 9, whole_op), max_size=120),  # whole-map ops are rarer
)


# Fixed cases: the spec's example, the resize boundaries, and many keys.
FIXED = [
    (None, [("p", k) for k in ["role", "content", "name", "temperature", "max_tokens", "messages", "model"]]),
    (None, [("p", "b"), ("p", "a"), ("p", "zz")]),
    (None, [("p", f"k{i}") for i in range(13)] + [("C", None)]),
    (None, [("p", f"k{i}") for i in range(12)] + [("C", None)]),
    (None, [("p", f"k{i}") for i in range(6)] + [("C", None)]),
    (None, [("p", f"key{i}") for i in range(700)] + [("r", f"key{i}") for i in range(0, 700, 3)]),
    (1, [("p", JInt(i * 16)) for i in range(12)]),
    (None, [("p", JInt(i * 64)) for i in range(9)]),
    (None, [("c", JInt(i * 64)) for i in range(8)]),
    (0, [("p", "x")]),
]


@functools.cache
def cases() -> list:
    return FIXED + collect(programs, 400) + collect(tree_programs(), 300)


@pytest.mark.parametrize("major", JDKS)
def test_hashmap_tostring_matches_jvm(major):
    programs_ = cases()
    lines = [program_line(p) for p in programs_]
    jvm_out = [unb64(x) for x in run_lines(major, SOURCE, CLASS, lines)]
    ours = [apply(p, int(major)) for p in programs_]
    compare("HashMap order", major, lines, jvm_out, ours)
