"""The emulator's fast paths give exactly what the general routes give (values, errors, bounds)."""

from __future__ import annotations

import math
import random
import struct

import pytest

from toolkit.javavalues.numbers import JDouble, double_to_string
from toolkit.painless.fastmath import double_text
from toolkit.painless.values import to_string
from .helpers import run

EDGE_DOUBLES = [
    0.0, -0.0, math.nan, math.inf, -math.inf, 5e-324, 2.2250738585072014e-308, 2.225073858507201e-308,
    1.7976931348623157e308, 1e-3, 0.0009999999999999998, 0.0010000000000000002, 1e7, 9999999.999999998,
    10000000.000000002, 0.1, 0.3, 0.5, 1.0, 10.0, 100.0, 1000000.0, 1234567.0, 2e-3, 0.07, 1.5, 12.5,
    123456.789, 2e23, 8.41e21, 1e-5, 1.234e-5, 4.9e-324, 0.1 + 0.2,
]


def _random_doubles(count: int) -> list[float]:
    rng = random.Random(20261127)
    values = []
    for _ in range(count):
        values.append(rng.uniform(-0.1, 0.1))
        values.append(rng.uniform(-2e7, 2e7))
        values.append(round(rng.uniform(-1e7, 1e7), rng.randint(0, 6)))
        values.append(struct.unpack("<d", struct.pack("<Q", rng.getrandbits(64)))[0])
    return values


@pytest.mark.parametrize("jdk", [17, 21])
def test_double_text_is_double_to_string(jdk):
    for x in EDGE_DOUBLES + [-x for x in EDGE_DOUBLES] + _random_doubles(2000):
        assert double_text(x, jdk) == double_to_string(x, jdk), (x, jdk)


def test_double_text_keeps_signed_zero_nan_and_subnormals():
    assert [double_text(x, 21) for x in (0.0, -0.0, math.nan, 5e-324, -4.9e-322)] == [
        "0.0", "-0.0", "NaN", "4.9E-324", "-4.9E-322"]
    assert [double_text(x, 21) for x in (0.001, 1e7, 100.0, 0.5, 0.0123)] == [
        "0.001", "1.0E7", "100.0", "0.5", "0.0123"]


@pytest.mark.parametrize("jdk", [17, 21])
def test_list_text_matches_element_text(jdk):
    values = [JDouble(x) for x in EDGE_DOUBLES]
    expected = "[" + ", ".join(double_to_string(x, jdk) for x in values) + "]"
    assert to_string(values, jdk) == expected
    assert run("return '' + params.v", jdk, v=values) == expected
    nested = run("def l = [1, 2L, 'a', null, true]; l.add(l); l.add([0.0, -0.0]); return '' + l", jdk)
    assert nested == "[1, 2, a, null, true, (this Collection), [0.0, -0.0]]"
