"""Double.toString and Float.toString against JDK 17 and JDK 21 (painless.md §3, mlcommons §6).

Values: hypothesis-generated doubles and floats, uniformly random bit patterns, every power of
two, powers of ten with their neighbours, the plain/scientific boundaries 1e-3 and 1e7, small
subnormals, zeros, infinities and NaN. One JVM per JDK reads them all from stdin.
"""

from __future__ import annotations

import functools
import math
import random
import struct

import pytest
from hypothesis import strategies as st

from tests.javavalues.oracles import JDKS, collect, compare, double_bits, float_bits, run_lines
from toolkit.javavalues.numbers import double_to_string, float_to_string, to_float

pytestmark = pytest.mark.jvm

SOURCE = """
import java.io.*;

public class ToStringOracle {
    public static void main(String[] args) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
        StringBuilder out = new StringBuilder();
        String line;
        while ((line = in.readLine()) != null) {
            String bits = line.substring(2);
            if (line.charAt(0) == 'd') out.append(Double.toString(Double.longBitsToDouble(Long.parseUnsignedLong(bits, 16))));
            else out.append(Float.toString(Float.intBitsToFloat(Integer.parseUnsignedInt(bits, 16))));
            out.append('\\n');
        }
        System.out.print(out);
    }
}
"""


def _neighbours(x: float) -> list[float]:
    return [math.nextafter(x, -math.inf), x, math.nextafter(x, math.inf)]


def _float_neighbours(x: float) -> list[float]:
    bits = struct.unpack("<I", struct.pack("<f", to_float(x)))[0]
    return [struct.unpack("<f", struct.pack("<I", b))[0] for b in (bits - 1, bits, bits + 1)
            if 0 <= b < 0x7F800000]


def _special_doubles() -> list[float]:
    values = [0.0, -0.0, math.inf, -math.inf, math.nan, 5e-324, 2.2250738585072014e-308,
              1.7976931348623157e308, 2e23, 1e23, 9.999999999999999e22, 0.1, 0.3, 1 / 3]
    for k in range(-1074, 1024):
        values.append(math.ldexp(1.0, k))
    for k in range(-324, 309):
        values += _neighbours(float(f"1e{k}"))
    for boundary in (1e-3, 1e7, 1.0, 100.0):
        values += _neighbours(boundary) + _neighbours(-boundary)
    values += [n * 5e-324 for n in range(1, 400)]
    return values


def _special_floats() -> list[float]:
    values = [0.0, -0.0, math.inf, -math.inf, math.nan, 1.4e-45, 1.1754943508222875e-38,
              3.4028234663852886e38, 0.1, 0.3, 1 / 3]
    for k in range(-149, 128):
        values.append(math.ldexp(1.0, k))
    for k in range(-45, 39):
        values += _float_neighbours(float(f"1e{k}"))
    for boundary in (1e-3, 1e7, 1.0, 100.0):
        values += _float_neighbours(boundary)
    values += [n * 1.401298464324817e-45 for n in range(1, 300)]
    return [to_float(v) for v in values]


@functools.cache
def cases() -> list[tuple[str, float]]:
    rng = random.Random(20261126)
    doubles = _special_doubles() + collect(st.floats(), 3000)
    doubles += [struct.unpack("<d", struct.pack("<Q", rng.getrandbits(64)))[0] for _ in range(4000)]
    floats = _special_floats() + collect(st.floats(width=32), 1500)
    floats += [struct.unpack("<f", struct.pack("<I", rng.getrandbits(32)))[0] for _ in range(2000)]
    return [("d", x) for x in doubles] + [("f", x) for x in floats]


def _line(kind: str, x: float) -> str:
    return f"{kind} {double_bits(x) if kind == 'd' else float_bits(x)}"


@pytest.mark.parametrize("major", JDKS)
def test_to_string_matches_jvm(major):
    values = cases()
    lines = [_line(kind, x) for kind, x in values]
    jvm_out = run_lines(major, SOURCE, "ToStringOracle", lines)
    jdk = int(major)
    ours = [double_to_string(x, jdk) if kind == "d" else float_to_string(x, jdk) for kind, x in values]
    compare("Double/Float.toString", major, lines, jvm_out, ours)


@pytest.mark.slow
@pytest.mark.parametrize("major", JDKS)
def test_to_string_many_random_bit_patterns(major):
    rng = random.Random(f"bits-{major}")
    values = [("d", struct.unpack("<d", struct.pack("<Q", rng.getrandbits(64)))[0]) for _ in range(150_000)]
    values += [("d", rng.random() * 10.0 ** rng.randint(-25, 25)) for _ in range(50_000)]
    values += [("f", struct.unpack("<f", struct.pack("<I", rng.getrandbits(32)))[0]) for _ in range(30_000)]
    lines = [_line(kind, x) for kind, x in values]
    jvm_out = run_lines(major, SOURCE, "ToStringOracle", lines)
    jdk = int(major)
    ours = [double_to_string(x, jdk) if kind == "d" else float_to_string(x, jdk) for kind, x in values]
    compare("Double/Float.toString (random bits)", major, lines, jvm_out, ours)
