"""Numeric constants narrowed to their target, boxing with widening, compound assignment on def values,
instanceof on arrays and getter shortcuts on maps, as OpenSearch's lang-painless tests pin them down.

The Java class of a result is asked of the script itself, with ``instanceof``.
"""

from __future__ import annotations

import json

import pytest


def painless(run_cli, tmp_path, source: str, *args: str):
    path = tmp_path / "script.painless"
    path.write_text(source, encoding="utf-8")
    return run_cli("painless", str(path), *args)


def value_of(run_cli, tmp_path, source: str) -> str:
    result = painless(run_cli, tmp_path, source)
    assert result.code == 0, result.err
    return result.out.rstrip("\n")


def of_class(run_cli, tmp_path, setup: str, expr: str, kind: str) -> bool:
    """Whether ``expr``, evaluated after ``setup``, is an instance of the boxed class ``kind``."""
    return value_of(run_cli, tmp_path, f"{setup} def v = {expr}; return v instanceof {kind}") == "true"


@pytest.mark.parametrize("setup, expr, shown, kind", [
    # BasicStatementTests.testDeclarationStatement, NoSemiColonTests.testDeclarationStatement
    ("byte a = 2;", "a", "2", "Byte"),
    ("short a = 2;", "a", "2", "Short"),
    ("char a = 97;", "a", "a", "Character"),
    ("short a = -3;", "a", "-3", "Short"),
    ("byte a; a = 127;", "a", "127", "Byte"),
    ("byte[] a = new byte[] {1, 2}; a[0] = 5;", "a[0]", "5", "Byte"),
    ("byte get() {Byte.valueOf(5)}", "get()", "5", "Byte"),  # FunctionTests.testReturnsAreUnboxedIfNeeded
    ("short get() {Byte.valueOf(5)}", "get()", "5", "Short"),
    ("char next(char c) { return c }", "next(98)", "b", "Character"),
])
def test_an_int_constant_takes_a_byte_short_or_char_target(run_cli, tmp_path, setup, expr, shown, kind):
    assert value_of(run_cli, tmp_path, f"{setup} return {expr}") == shown
    assert of_class(run_cli, tmp_path, setup, expr, kind)


@pytest.mark.parametrize("source, shown", [
    ("Double rtn() { return (int)1 } return rtn()", "1.0"),  # issue 16: internal cast int -> double -> Double
    ("Long rtn() { return 7 } return rtn()", "7"),
    ("def d = 0; Double b = d; return b", "0.0"),  # DefCastTests.testdefToDoubleImplicit
    ("def d = (char)0; Integer b = d; return b", "0"),  # DefCastTests.testdefToIntegerImplicit
    ("def d = (long)5; Integer b = (Integer)d; return b", "5"),  # DefCastTests.testdefToIntegerExplicit
    ("def d = 1.9; Byte b = (Byte)d; return b", "1"),  # DefCastTests.testdefToByteExplicit
    ("byte u = 1; Short b = Short.valueOf((short)1); return b.compareTo(u)", "0"),  # BoxedCastTests
    ("def u = (char)1; def b = Integer.valueOf((int)1); return b.compareTo(u)", "0"),  # BoxedCastTests
])
def test_boxing_widens_where_painless_does(run_cli, tmp_path, source, shown):
    assert value_of(run_cli, tmp_path, source) == shown


@pytest.mark.parametrize("source", [
    "def d = (short)0; Byte b = d; return b",  # DefCastTests.testdefToByteImplicit
    "def d = (long)0; Integer b = d; return b",  # DefCastTests.testdefToIntegerImplicit
    "short u = 1; def b = Byte.valueOf((byte)1); return b.compareTo(u)",  # BoxedCastTests
])
def test_boxing_never_narrows_implicitly(run_cli, tmp_path, source):
    result = painless(run_cli, tmp_path, source, "--format", "json")
    assert result.code == 1 and '"java_class": "java.lang.ClassCastException"' in result.out


def test_boxing_a_statically_typed_argument_never_narrows_at_compile_time(run_cli, tmp_path):
    # BoxedCastTests: Character.compareTo(Character) takes a byte only by an internal cast, which has no byte
    # to Character row (AnalyzerCaster.getLegalCast): OpenSearch's ClassCastException is a compile error
    result = painless(run_cli, tmp_path, "byte u = 1; Character b = Character.valueOf((char)1); return b.compareTo(u)",
                      "--format", "json")
    error = json.loads(result.out)["error"]
    assert (error["kind"], error["message"]) == ("compile error", "Cannot cast from [byte] to [java.lang.Character].")


@pytest.mark.parametrize("source, shown, kind", [
    # IncrementTests.testIncrementDef
    ("def x = (byte)0; return ++x", "1", "Byte"),
    ("def x = (byte)127; x++; return x", "-128", "Byte"),
    ("def x = (short)0; return --x", "-1", "Short"),
    ("def x = (char)97; ++x; return x", "b", "Character"),
    # DefMath.dynamicReceiverCast: a compound assignment on def keeps the type of the value before it
    ("def x = (byte)5; x += 10; return x", "15", "Byte"),
    ("def x = 5; x /= 2.0; return x", "2", "Integer"),
    ("def m = ['n': (short)1]; m.n += 1; return m.n", "2", "Short"),
])
def test_compound_assignment_on_def_keeps_the_type(run_cli, tmp_path, source, shown, kind):
    assert value_of(run_cli, tmp_path, source) == shown
    setup, expr = source.rsplit("return ", 1)
    assert of_class(run_cli, tmp_path, setup, expr, kind)


@pytest.mark.parametrize("source, shown", [
    ("return new int[1] instanceof int[]", "true"),
    ("return new int[1] instanceof long[]", "false"),
    ("return new int[1] instanceof Object[]", "false"),
    ("return new int[1][1] instanceof Object[]", "true"),
    ("return new String[1] instanceof Object[]", "true"),
    ("return new String[1] instanceof int[]", "false"),
    ("def x = [1]; return x instanceof int[]", "false"),
])
def test_instanceof_on_arrays_compares_element_types(run_cli, tmp_path, source, shown):
    assert value_of(run_cli, tmp_path, source) == shown


def test_a_getter_shortcut_wins_over_a_map_key(run_cli, tmp_path):
    # BasicAPITests.testListEmpty: "def x = new HashMap(); return x.empty;" is isEmpty()
    assert value_of(run_cli, tmp_path, "def x = new HashMap(); return x.empty") == "true"
    assert value_of(run_cli, tmp_path, "Map x = ['empty': 'no']; return x.empty") == "false"
    assert value_of(run_cli, tmp_path, "def x = new ArrayList(); return x.empty") == "true"


@pytest.mark.parametrize("source, shown", [
    ("return (String)(char)'c'", "c"),  # StringTests.testStringAndCharacter
    ("def d = (char)'s'; String b = (String)d; return b", "s"),  # DefCastTests.testdefToStringExplicit
    ("def d = 's'; char b = (char)d; return b", "s"),  # DefCastTests.testdefTocharExplicit
])
def test_explicit_casts_between_char_and_string(run_cli, tmp_path, source, shown):
    assert value_of(run_cli, tmp_path, source) == shown


@pytest.mark.parametrize("source, message", [
    ("def d = 's'; char b = d; return b", None),  # DefCastTests.testdefTocharImplicit: only an explicit cast
    ("String s = 'cc'; return (char)s",  # StringTests.testStringAndCharacter
     "cannot cast java.lang.String with length not equal to one to char"),
])
def test_a_string_becomes_a_char_only_by_an_explicit_cast_of_one_character(run_cli, tmp_path, source, message):
    result = painless(run_cli, tmp_path, source, "--format", "json")
    assert result.code == 1 and '"java_class": "java.lang.ClassCastException"' in result.out
    assert message is None or message in result.out


def test_math_max_has_only_the_double_overload(run_cli, tmp_path):
    # lang-painless java.lang.txt allowlists java.lang.Math as `double max(double,double)` only (Painless resolves
    # a method by name and arity, so it has no int overload): '' + Math.max(3, 7) is "7.0", not "7" as issue 16
    # expected. Integer.max(int,int) is the int one.
    assert value_of(run_cli, tmp_path, "return '' + Math.max(3, 7) + ' ' + Integer.max(3, 7)") == "7.0 7"


def test_a_typed_for_each_variable_takes_each_element_by_an_explicit_cast(run_cli, tmp_path):
    # DefaultSemanticAnalysisPhase.visitEach: AnalyzerCaster.getLegalCast(def, type, explicit=true, internal=true)
    assert value_of(run_cli, tmp_path, "int t = 0; for (int x : [1L, 2.9]) { t += x } return t") == "3"
    assert value_of(run_cli, tmp_path, "String s = ''; for (char c : ['a', 98]) { s += c } return s") == "ab"
    result = painless(run_cli, tmp_path, "for (String s : [1]) { s.isEmpty() } return 1", "--format", "json")
    assert result.code == 1 and '"java_class": "java.lang.ClassCastException"' in result.out
