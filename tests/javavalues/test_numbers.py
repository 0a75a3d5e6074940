"""Unit tests of the typed Java numbers (painless.md §3 "Integer arithmetic is Java's")."""

from __future__ import annotations

import math

import pytest

from toolkit.javavalues.numbers import (
    INT_MAX, INT_MIN, LONG_MAX, LONG_MIN, JavaArithmeticError, JByte, JChar, JDouble, JFloat,
    JInt, JLong, JShort, binary_numeric_promotion, double_to_string, float_to_string, int_div,
    int_rem, java_type_of, numeric_compare, shl, shr, to_float, to_int, to_long, ushr,
)


def typed(value):
    return type(value), value


def test_promotion_examples_from_the_brief():
    assert typed(JInt(1) + JLong(2)) == (JLong, 3)
    assert typed(JInt(5) / JInt(2)) == (JInt, 2)
    assert typed(JInt(5) / 2.0) == (JDouble, 2.5)
    assert typed(JInt(INT_MAX) + 1) == (JInt, INT_MIN)
    assert typed(JLong(LONG_MAX) + 1) == (JLong, LONG_MIN)


def test_binary_numeric_promotion_table():
    assert binary_numeric_promotion(JByte(1), JShort(1)) is JInt
    assert binary_numeric_promotion(JChar(1), JInt(1)) is JInt
    assert binary_numeric_promotion(JInt(1), JLong(1)) is JLong
    assert binary_numeric_promotion(JLong(1), JFloat(1)) is JFloat
    assert binary_numeric_promotion(JFloat(1), JDouble(1)) is JDouble
    assert binary_numeric_promotion(1, 2**40) is JLong
    with pytest.raises(TypeError):
        binary_numeric_promotion(True, 1)


def test_untyped_python_numbers_read_as_literals():
    assert java_type_of(7) is JInt
    assert java_type_of(2**31) is JLong
    assert java_type_of(1.5) is JDouble
    assert typed(3 + JInt(4)) == (JInt, 7)
    assert typed(JLong(1) - 3) == (JLong, -2)


def test_truncating_division_and_remainder():
    assert int_div(-7, 2) == -3 and int_rem(-7, 3) == -1 and int_rem(7, -3) == 1
    assert typed(JInt(INT_MIN) / JInt(-1)) == (JInt, INT_MIN)
    assert typed(JInt(INT_MIN) % JInt(-1)) == (JInt, 0)
    assert typed(JLong(LONG_MIN) / -1) == (JLong, LONG_MIN)
    for op in (lambda: JInt(1) / JInt(0), lambda: JLong(1) % 0, lambda: int_div(5, 0)):
        with pytest.raises(JavaArithmeticError, match="^/ by zero$"):
            op()


def test_floating_division_by_zero_is_ieee():
    assert JDouble(1) / 0 == math.inf
    assert JDouble(-1) / JDouble(0.0) == -math.inf
    assert JDouble(1) / JDouble(-0.0) == -math.inf
    assert math.isnan(JDouble(0) / 0)
    assert math.isnan(JDouble(5) % 0)
    assert math.isnan(JDouble(math.inf) % 2)
    assert typed(JDouble(-7.5) % 2) == (JDouble, -1.5)
    assert math.copysign(1, JDouble(-1.0) % 1.0) == -1


def test_float_arithmetic_rounds_to_binary32():
    total = JFloat(0.1) + JFloat(0.2)
    assert type(total) is JFloat and total == to_float(to_float(0.1) + to_float(0.2))
    assert JFloat(0.1) != 0.1
    assert JFloat(1e39) == math.inf


def test_long_to_float_rounds_once():
    # 2**60 + 2**36 + 1 lies just above the midpoint between two floats: double rounding
    # through double would land on the midpoint and round to even (down); Java rounds up.
    value = 2**60 + 2**36 + 1
    assert to_float(value) == float(2**60 + 2**37)
    assert to_float(2**60 + 2**36) == float(2**60)


def test_casts_saturate_and_wrap():
    assert to_int(math.nan) == 0 and to_long(math.nan) == 0
    assert to_int(1e20) == INT_MAX and to_int(-math.inf) == INT_MIN
    assert to_long(1e30) == LONG_MAX and to_long(-1e30) == LONG_MIN
    assert to_int(-2.9) == -2 and to_int(2**32 + 5) == 5 and to_int(2**31) == INT_MIN
    assert JByte(200) == -56 and JShort(40000) == -25536 and JChar(-1) == 0xFFFF
    assert JByte(1e10) == -1  # (byte)(int) 1e10 == (byte) Integer.MAX_VALUE
    assert JChar("a") == 97 and str(JChar(0x263A)) == "\u263a"
    with pytest.raises(TypeError):
        to_int(True)


def test_shifts_mask_the_distance():
    assert typed(shl(JInt(1), 32)) == (JInt, 1)
    assert typed(shl(JInt(1), 31)) == (JInt, INT_MIN)
    assert typed(shl(JLong(1), 64)) == (JLong, 1)
    assert typed(shl(JLong(1), JLong(63))) == (JLong, LONG_MIN)
    assert typed(shr(JInt(-16), 2)) == (JInt, -4)
    assert typed(ushr(JInt(-1), 28)) == (JInt, 15)
    assert typed(ushr(JLong(-1), 60)) == (JLong, 15)
    assert typed(ushr(JInt(-1), 32)) == (JInt, -1)
    assert typed(JByte(-1) << 1) == (JInt, -2)
    assert typed(JInt(1) << JLong(33)) == (JInt, 2)
    with pytest.raises(TypeError):
        shl(JDouble(1), 1)


def test_bitwise_and_unary():
    assert typed(JInt(-1) & JLong(0xFF)) == (JLong, 255)
    assert typed(~JInt(0)) == (JInt, -1)
    assert typed(-JInt(INT_MIN)) == (JInt, INT_MIN)
    assert typed(-JChar(1)) == (JInt, -1)
    with pytest.raises(TypeError):
        JDouble(1) & 1


def test_numeric_compare_converts_long_to_double():
    assert numeric_compare(JLong(2**53 + 1), JDouble(2.0**53)) == 0
    assert numeric_compare(JInt(1), JLong(2)) == -1
    assert numeric_compare(JDouble(math.nan), 1) is None


@pytest.mark.parametrize("value, text", [
    (0.0, "0.0"), (-0.0, "-0.0"), (math.nan, "NaN"), (math.inf, "Infinity"),
    (-math.inf, "-Infinity"), (1.0, "1.0"), (100.0, "100.0"), (0.001, "0.001"),
    (0.0001, "1.0E-4"), (1e7, "1.0E7"), (9999999.0, "9999999.0"), (1e-5, "1.0E-5"),
    (1e21, "1.0E21"), (2e23, "2.0E23"), (5e-324, "4.9E-324"), (1.7976931348623157e308,
    "1.7976931348623157E308"), (-3.5, "-3.5"), (123456789.0, "1.23456789E8"),
])
def test_double_to_string_jdk21(value, text):
    assert double_to_string(value) == text


@pytest.mark.parametrize("value, text", [
    (0.1, "0.1"), (1.4e-45, "1.4E-45"), (3.4028234663852886e38, "3.4028235E38"),
    (1e10, "1.0E10"), (16777216.0, "1.6777216E7"), (-0.0, "-0.0"), (0.3, "0.3"),
])
def test_float_to_string_jdk21(value, text):
    assert float_to_string(value) == text


@pytest.mark.parametrize("value, text", [
    (2e23, "1.9999999999999998E23"), (1e23, "9.999999999999999E22"), (2.0**62, "4.6116860184273879E18"),
    (1e-5, "1.0E-5"), (0.001, "0.001"), (1e7, "1.0E7"), (5e-324, "4.9E-324"), (-0.0, "-0.0"),
    (0.1, "0.1"), (123456789.0, "1.23456789E8"),
])
def test_double_to_string_jdk17(value, text):
    assert double_to_string(value, jdk=17) == text


@pytest.mark.parametrize("value, text", [
    (2.0**30, "1.07374182E9"), (1.4e-45, "1.4E-45"), (4655609257394176.0, "4.6556093E15"),
])
def test_float_to_string_jdk17(value, text):
    assert float_to_string(value, jdk=17) == text


def test_float_to_string_jdk21_differs_where_17_was_long():
    assert float_to_string(4655609257394176.0, jdk=21) == "4.655609E15"


def test_one_character_strings_cast_as_char_other_strings_do_not():
    assert JDouble("a") == 97.0 and JFloat("a") == 97.0 and JLong("a") == 97
    with pytest.raises(TypeError):
        JDouble("1.5")
    with pytest.raises(TypeError):
        JInt("12")
