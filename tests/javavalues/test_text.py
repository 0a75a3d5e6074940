"""Unit tests of String.valueOf, commons-text escapeJson and Gson (mlcommons spec 4.2, 4.3, 4.5)."""

from __future__ import annotations

import math
from decimal import Decimal

import pytest

from toolkit.javavalues.hashmap import JavaHashMap
from toolkit.javavalues.numbers import JChar, JDouble, JFloat, JInt, JLong
from toolkit.javavalues.text import (
    escape_json_commons_text, gson_escape_string, gson_to_json, java_to_string,
)


@pytest.mark.parametrize("value, text", [
    (None, "null"), (True, "true"), (False, "false"), ("héllo", "héllo"), (JChar("x"), "x"),
    (JInt(-3), "-3"), (JLong(2**40), "1099511627776"), (1.0, "1.0"), (JFloat(0.1), "0.1"),
    (1e7, "1.0E7"), (0.0001, "1.0E-4"), (math.nan, "NaN"), (Decimal("1.50"), "1.50"),
    (Decimal("1E+3"), "1E+3"), (Decimal("-0.00"), "0.00"), (Decimal("0.0000001"), "1E-7"),
    ([], "[]"), (["a", 1.0, None, [JInt(1), JInt(2)]], "[a, 1.0, null, [1, 2]]"),
    ({}, "{}"), ({"k": "v", "k2": [True]}, "{k=v, k2=[true]}"),
])
def test_java_to_string(value, text):
    assert java_to_string(value) == text


def test_self_references():
    items: list = [1]
    items.append(items)
    assert java_to_string(items) == "[1, (this Collection)]"
    m = JavaHashMap()
    m["me"] = m
    assert java_to_string(m) == "{me=(this Map)}"


def test_hashmap_prints_in_hash_order():
    m = JavaHashMap()
    for key, value in (("b", 2.5), ("a", "x"), ("zz", None)):
        m[key] = value
    assert java_to_string(m) == "{zz=null, a=x, b=2.5}"


def test_jdk_switch_reaches_nested_doubles():
    assert java_to_string([2e23], jdk=21) == "[2.0E23]"


@pytest.mark.parametrize("text, escaped", [
    ("plain 5 true", "plain 5 true"), ('"q" \\ /', '\\"q\\" \\\\ \\/'),
    ("\b\f\n\r\t", "\\b\\f\\n\\r\\t"), ("\x00\x1f", "\\u0000\\u001F"), ("café", "caf\\u00E9"),
    ("\x7f", "\\u007F"), ("\u2028", "\\u2028"), ("😀", "\\uD83D\\uDE00"), ("<>&='", "<>&='"),
])
def test_escape_json_commons_text(text, escaped):
    assert escape_json_commons_text(text) == escaped


@pytest.mark.parametrize("text, escaped", [
    ('"q" \\ /', '\\"q\\" \\\\ /'), ("\b\f\n\r\t", "\\b\\f\\n\\r\\t"),
    ("\x01\x1f", "\\u0001\\u001f"), ("café😀\x7f", "café😀\x7f"),
    ("\u2028\u2029", "\\u2028\\u2029"), ("<>&='", "<>&='"),
])
def test_gson_escape_string(text, escaped):
    assert gson_escape_string(text) == escaped


def test_gson_html_safe_escaping():
    assert gson_escape_string("<a href='x'>&=", html_safe=True) == (
        "\\u003ca href\\u003d\\u0027x\\u0027\\u003e\\u0026\\u003d")


def test_gson_to_json_numbers_follow_spec_4_2():
    assert gson_to_json([JInt(1), 1.0, 0.00001, 1e21, 100000.0, JLong(5)]) == (
        "[1,1.0,1.0E-5,1.0E21,100000.0,5]")


def test_gson_to_json_structures():
    m = JavaHashMap()
    m["b"] = None
    m["a"] = ["x<y", {"n": None}]
    m[JInt(3)] = True
    assert gson_to_json(m) == '{"a":["x<y",{"n":null}],"b":null,"3":true}'
    assert gson_to_json(m, html_safe=True, serialize_nulls=False) == (
        '{"a":["x\\u003cy",{}],"3":true}')
    assert gson_to_json(None) == "null" and gson_to_json("s") == '"s"'
    assert gson_to_json(JChar("c")) == '"c"'


def test_gson_rejects_special_doubles():
    with pytest.raises(ValueError, match="NaN is not a valid double value"):
        gson_to_json([JDouble(math.nan)])
    with pytest.raises(ValueError, match="-Infinity is not"):
        gson_to_json(-math.inf)
