"""Java arithmetic, promotion, shifts and casts against the JVM (painless.md §3).

The oracle is generated: one ``case`` per (left type, right type, operator), so javac itself
decides the promoted result type; the result is printed with a type letter and, for floating
types, the raw bits. Operands come from stdin.
"""

from __future__ import annotations

import functools
import math
import struct

import pytest
from hypothesis import strategies as st

from tests.javavalues.oracles import JDKS, collect, compare, double_bits, float_bits, run_lines
from toolkit.javavalues.numbers import (
    INT_MAX, INT_MIN, LONG_MAX, LONG_MIN, JavaArithmeticError, JByte, JChar, JDouble, JFloat,
    JInt, JLong, JShort, shl, shr, ushr,
)

pytestmark = pytest.mark.jvm

TYPES = {"I": ("int", JInt), "L": ("long", JLong), "F": ("float", JFloat), "D": ("double", JDouble)}
ARITH = ["+", "-", "*", "/", "%"]
INTEGRAL_OPS = ["&", "|", "^", "<<", ">>", ">>>"]
CASTS = {"B": "byte", "S": "short", "C": "char", "I": "int", "L": "long", "F": "float", "D": "double"}
CAST_CLASSES = {"B": JByte, "S": JShort, "C": JChar, "I": JInt, "L": JLong, "F": JFloat, "D": JDouble}


def _cases() -> dict[str, str]:
    cases = {}
    for a, (ta, _) in TYPES.items():
        for b, (tb, _) in TYPES.items():
            ops = ARITH + (INTEGRAL_OPS if a in "IL" and b in "IL" else [])
            for op in ops:
                cases[f"{a}{b}{op}"] = f"fmt(p{a}(x) {op} p{b}(y))"
        cases[f"{a}-u"] = f"fmt(-p{a}(x))"
        if a in "IL":
            cases[f"{a}~u"] = f"fmt(~p{a}(x))"
        for c, tc in CASTS.items():
            cases[f"{a}>{c}"] = f'"{c}" + fmt(({tc}) p{a}(x)).substring(1)'
    return cases


def _source() -> str:
    body = "\n".join(f'                case "{k}": r = {v}; break;' for k, v in _cases().items())
    return """
import java.io.*;

public class ArithmeticOracle {
    static int pI(String s) { return Integer.parseInt(s); }
    static long pL(String s) { return Long.parseLong(s); }
    static float pF(String s) { return Float.intBitsToFloat(Integer.parseUnsignedInt(s, 16)); }
    static double pD(String s) { return Double.longBitsToDouble(Long.parseUnsignedLong(s, 16)); }
    static String fmt(int v) { return "I" + v; }
    static String fmt(long v) { return "L" + v; }
    static String fmt(char v) { return "C" + (int) v; }
    static String fmt(float v) { return "F" + Integer.toHexString(Float.floatToIntBits(v)); }
    static String fmt(double v) { return "D" + Long.toHexString(Double.doubleToLongBits(v)); }
    public static void main(String[] args) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
        String line;
        StringBuilder out = new StringBuilder();
        while ((line = in.readLine()) != null) {
            String[] p = line.split(" ");
            String x = p[1], y = p.length > 2 ? p[2] : null, r;
            try {
                switch (p[0]) {
""" + body + """
                    default: throw new IllegalStateException(p[0]);
                }
            } catch (ArithmeticException e) { r = "E" + e.getMessage(); }
            out.append(r).append('\\n');
        }
        System.out.print(out);
    }
}
"""


SOURCE = _source()


def wire(kind: str, value) -> str:
    if kind == "F":
        return float_bits(value)
    if kind == "D":
        return double_bits(value)
    return str(int(value))


def show(result) -> str:
    if isinstance(result, JFloat):
        bits = 0x7FC00000 if math.isnan(result) else struct.unpack("<I", struct.pack("<f", result))[0]
        return "F" + format(bits, "x")
    if isinstance(result, float):
        bits = 0x7FF8000000000000 if math.isnan(result) else struct.unpack("<Q", struct.pack("<d", result))[0]
        return "D" + format(bits, "x")
    letter = {JInt: "I", JLong: "L", JChar: "C"}[type(result)]
    return letter + str(int(result))


def show_cast(target: str, result) -> str:
    if target in "BS":
        return target + str(int(result))
    return target + show(result)[1:]


def ours(key: str, x, y) -> str:
    try:
        if key[1:] in ("-u", "~u"):
            return show(-x if key[1] == "-" else ~x)
        if key[1] == ">":
            return show_cast(key[2], CAST_CLASSES[key[2]](x))
        op = key[2:]
        shifts = {"<<": shl, ">>": shr, ">>>": ushr}
        if op in shifts:
            return show(shifts[op](x, y))
        return show({"+": x.__add__, "-": x.__sub__, "*": x.__mul__, "/": x.__truediv__,
                     "%": x.__mod__, "&": x.__and__, "|": x.__or__, "^": x.__xor__}[op](y))
    except JavaArithmeticError as error:
        return "E" + str(error)


EDGE_INTS = [0, 1, -1, 2, -2, 7, -7, 31, 32, 33, 63, 64, 65, INT_MAX, INT_MIN, INT_MAX - 1, INT_MIN + 1]
EDGE_LONGS = EDGE_INTS + [LONG_MAX, LONG_MIN, 2**32, -(2**32), 2**53 + 1, 2**60 + 2**36 + 1]
EDGE_DOUBLES = [0.0, -0.0, 1.0, -1.0, 0.5, -2.5, math.nan, math.inf, -math.inf, 2.0**31, -(2.0**31) - 1,
                2.0**63, -(2.0**63), 1e300, 5e-324, 65535.9, 65536.0, -129.5, 3.4028235677973366e38]


def operand(kind: str):
    if kind == "I":
        base = st.integers(INT_MIN, INT_MAX) | st.sampled_from(EDGE_INTS)
    elif kind == "L":
        base = st.integers(LONG_MIN, LONG_MAX) | st.sampled_from(EDGE_LONGS) | st.integers(INT_MIN, INT_MAX)
    else:
        base = st.floats(width=32 if kind == "F" else 64) | st.sampled_from(EDGE_DOUBLES)
    return base.map(TYPES[kind][1])


@functools.cache
def generated_cases() -> list[tuple[str, object, object]]:
    keys = list(_cases())
    def case(key: str):
        a, b = key[0], key[1] if key[1] in TYPES else None
        return st.tuples(st.just(key), operand(a), operand(b) if b else st.none())
    strategy = st.sampled_from(keys).flatmap(case)
    fixed = [(k, TYPES[k[0]][1](v), None) for k in keys if k[1] in "-~>" for v in
             (EDGE_INTS if k[0] == "I" else EDGE_LONGS if k[0] == "L" else EDGE_DOUBLES)]
    fixed += [("II/", JInt(INT_MIN), JInt(-1)), ("LL/", JLong(LONG_MIN), JLong(-1)),
              ("II%", JInt(INT_MIN), JInt(-1)), ("IL%", JInt(-7), JLong(0)), ("II<<", JInt(1), JInt(-1)),
              ("LI>>>", JLong(-1), JInt(64)), ("IL>>>", JInt(-8), JLong(2**32 + 1))]
    return fixed + collect(strategy, 2500)


@pytest.mark.parametrize("major", JDKS)
def test_arithmetic_matches_jvm(major):
    cases = generated_cases()
    lines = [" ".join([k, wire(k[0], x)] + ([wire(k[1], y)] if y is not None else [])) for k, x, y in cases]
    jvm_out = run_lines(major, SOURCE, "ArithmeticOracle", lines)
    compare("int/long/float/double arithmetic", major, lines, jvm_out, [ours(*c) for c in cases])
