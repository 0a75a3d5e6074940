"""Arithmetic on null throws NullPointerException, as DefMath does (its ``getClass()`` on the null operand
fails before its ClassCastException), and unboxing null to a boolean does too (``Def.defToboolean``)."""

from __future__ import annotations

import json

import pytest


def error(run_cli, tmp_path, source: str) -> dict:
    path = tmp_path / "script.painless"
    path.write_text(source, encoding="utf-8")
    result = run_cli("painless", str(path), "--format", "json")
    assert result.code == 1
    return json.loads(result.out)["error"]


@pytest.mark.parametrize("source", [
    "def x = null; def y = null; return x + y",  # StringTests.testDefConcat
    "def x = null; def y = null; x += y",  # StringTests.testDefCompoundAssignment
    "def x = null; return x + 1",
    "def x = null; return 1 - x",  # with Integer x, AnalyzerCaster refuses the Integer-to-int cast at compile time
    "def x = null; return x * 2",
    "def x = null; return x & 1",
    "def x = null; return 1 << x",
    "def x = null; return -x",
    "def x = null; return !x",
    "def x = null; if (x) { return 1 } return 2",
])
def test_null_operands_throw_null_pointer_exception(run_cli, tmp_path, source):
    assert error(run_cli, tmp_path, source)["java_class"] == "java.lang.NullPointerException"


def test_other_operands_still_throw_class_cast_exception(run_cli, tmp_path):
    found = error(run_cli, tmp_path, "def x = [1]; return x - 1")
    assert found["java_class"] == "java.lang.ClassCastException"
    assert found["java_message"] == "Cannot apply [-] operation to types [java.util.ArrayList] and [java.lang.Integer]."


def test_concatenation_with_null_is_not_an_error(run_cli, tmp_path):
    # StringTests.testDefConcat and testAppendStringIntoMap
    path = tmp_path / "script.painless"
    path.write_text("def x = null; def a = new HashMap(); a.cat += 'cat'; return x + 'b' + a.cat", encoding="utf-8")
    assert run_cli("painless", str(path)).out == "nullbnullcat\n"


def test_an_explicit_primitive_cast_of_null_throws_null_pointer_exception(run_cli, tmp_path):
    # Def.defTointExplicit and friends call getClass() on a value that is no number
    assert error(run_cli, tmp_path, "def d = null; return (int)d")["java_class"] == "java.lang.NullPointerException"
