"""Interpreter semantics per construct (spec painless.md section 3)."""

from __future__ import annotations

import pytest

from toolkit.javavalues.hashmap import JavaHashMap
from toolkit.javavalues.numbers import JDouble, JFloat, JInt, JLong
from toolkit.painless import run_script
from toolkit.painless.errors import (
    PainlessCompileError, PainlessLimitError, PainlessRuntimeError, PainlessUnsupported,
)

from .helpers import run, text


# ---- Java numbers (JVM-checked values from the spec) ----
@pytest.mark.parametrize(("source", "expected"), [
    ("return 7 / 2", "3"), ("return -7 / 2", "-3"), ("return -7 % 3", "-1"), ("return 7.0 / 2", "3.5"),
    ("return Integer.MAX_VALUE + 1", "-2147483648"), ("return '' + Integer.MAX_VALUE + 1", "21474836471"),
    ("return Long.MAX_VALUE + 1", "-9223372036854775808"), ("return 1 / 0.0", "Infinity"),
    ("return 0.0 / 0.0", "NaN"), ("return 1 << 33", "2"), ("return 1L << 33", "8589934592"),
    ("return -8 >> 1", "-4"), ("return -8 >>> 28", "15"), ("return 5 & 3 | 8 ^ 1", "9"), ("return ~5", "-6"),
    ("return 1 + 2L", "3"), ("return 1 + 2.0f", "3.0"), ("return 0.1f + 0.2f", "0.3"),
    ("return 0.1 + 0.2", "0.30000000000000004"), ("return 0x7FFFFFFF + 017", "-2147483634"),
    ("return 0xFFFFFFFF", "-1"), ("return -2147483648", "-2147483648"),
])
def test_java_arithmetic(source, expected):
    assert text(source) == expected


def test_result_types_follow_binary_numeric_promotion():
    assert type(run("return 1 + 2")) is JInt
    assert type(run("return 1 + 2L")) is JLong
    assert type(run("return 1 + 2f")) is JFloat
    assert type(run("return 1L + 2.0")) is JDouble


def test_integer_division_by_zero_throws_arithmetic_exception_with_position():
    with pytest.raises(PainlessRuntimeError) as err:
        run("int a = 1;\nreturn a / 0")
    assert err.value.java_class == "java.lang.ArithmeticException"
    assert err.value.java_message == "/ by zero"
    assert (err.value.line, err.value.column) == (2, 10)


def test_out_of_range_int_literal_is_a_compile_error():
    with pytest.raises(PainlessCompileError, match="Invalid int constant"):
        run("return 2147483648")


# ---- strings and String.valueOf ----
@pytest.mark.parametrize(("source", "expected"), [
    ("return 'a' + 1 + 2", "a12"), ("return 1 + 2 + 'a'", "3a"), ("return 'x' + null", "xnull"),
    ("return '' + 1.0 + ',' + 1e7 + ',' + 0.001 + ',' + 1.0E-4 + ',' + 0.1f", "1.0,1.0E7,0.001,1.0E-4,0.1"),
    ("return '' + [1, 'a', null, [1.5, 2]]", "[1, a, null, [1.5, 2]]"),
    ("return '' + ['b': 2.5, 'a': 'x', 'zz': null]", "{zz=null, a=x, b=2.5}"),
    ("return '' + true + (char) 97", "truea"),
    ("return 'a' + ('a' + 1)", "aa1"),
])
def test_string_concatenation(source, expected):
    assert text(source) == expected


def test_double_to_string_depends_on_the_jdk():
    assert text("return '' + params.x", jdk=17, x=2e23) == "1.9999999999999998E23"
    assert text("return '' + params.x", jdk=21, x=2e23) == "2.0E23"


def test_map_literals_and_new_hashmap_are_hashmaps():
    assert isinstance(run("return ['a': 1]"), JavaHashMap)
    assert isinstance(run("return new HashMap()"), JavaHashMap)
    assert text("def m = new HashMap(); m.put('b', 1); m.put('a', 2); m.put('zz', 3); return m") == "{zz=3, a=2, b=1}"


# ---- params ----
def test_params_access_forms():
    params = {"obj": {"k": "v"}, "list": [10, 20, 30], "n": 1.0}
    assert run_script("return params.obj.k + params['obj']['k']", params) == "vv"
    assert run_script("return params.missing", params) is None
    assert run_script("return params.list.length + params.list.size()", params) == 6
    assert run_script("return params.list[-1] + params.list.0", params) == 40
    assert run_script("return '' + params.n", params) == "1.0"


def test_list_index_out_of_bounds():
    with pytest.raises(PainlessRuntimeError, match="IndexOutOfBoundsException: Index 3 out of bounds for length 2"):
        run("return [1, 2][3]")


def test_null_safe_and_elvis():
    assert run("return params.a?.b?.c") is None
    assert run("return params.a ?: 'fallback'") == "fallback"
    assert run("return params.a ?: 'fallback'", a=False) is False  # Elvis only replaces null
    with pytest.raises(PainlessRuntimeError, match="NullPointerException"):
        run("return params.a.b")


# ---- equality ----
@pytest.mark.parametrize(("source", "expected"), [
    ("return 'ab' == 'a' + 'b'", True), ("return 1 == 1.0", True), ("return 1 == 1L", True),
    ("return [1, 2] == [1, 2]", True), ("return ['a': 1] == ['a': 1]", True),
    ("return 'a' != null", True), ("return [1] === [1]", False), ("def l = [1]; return l === l", True),
    ("return Integer.valueOf(1) == Long.valueOf(1L)", True),
])
def test_equality(source, expected):
    assert run(source) is expected


def test_reference_equality_on_boxed_values_is_unsupported():
    with pytest.raises(PainlessUnsupported):
        run("return 'a' === 'a'")


# ---- statements ----
def test_if_else_chains_and_loops():
    source = """
    def out = [];
    for (int i = 0; i < 6; i++) {
      if (i == 1) continue;
      else if (i == 4) break;
      out.add(i);
    }
    int j = 0;
    while (j < 3) { j++ }
    do { j += 10 } while (j < 25);
    for (def v : [7, 8]) out.add(v);
    for (v in [9]) out.add(v);
    out.add(j);
    return out
    """
    assert text(source) == "[0, 2, 3, 7, 8, 9, 33]"


def test_declarations_with_commas_arrays_and_defaults():
    assert text("int a = 1, b, c = 3; return a + b + c") == "4"
    assert text("String s; return s") == "null"
    assert text("int[] a = new int[3]; a[0] = 5; a[-1] = 7; return a[0] + a[1] + a[2] + a.length") == "15"
    assert text("def a = new String[2][3]; return a[1].length") == "3"
    assert text("def a = new double[] {1, 2}; return a[1]") == "2.0"


def test_typed_variables_convert_and_check():
    assert text("double d = 1; return d") == "1.0"
    assert text("long l = 5; l += 1.7; return l") == "6"
    with pytest.raises(PainlessRuntimeError, match="ClassCastException"):
        run("int x = params.d", d=1.0)  # Gson gives a Double: no implicit narrowing
    with pytest.raises(PainlessRuntimeError, match="ClassCastException"):
        run("String s = params.n", n=1)


def test_increments():
    assert text("int i = 5; def a = i++; def b = ++i; return a + ',' + b + ',' + i") == "5,7,7"
    assert text("def m = ['k': 1]; m.k++; m['k'] += 5; return m.k") == "7"
    assert text("def l = [1]; l[0]--; return l") == "[0]"
    assert text("int i = 2147483647; i++; return i") == "-2147483648"


def test_casts():
    assert text("return (int) 3.99 + (int) -3.99") == "0"
    assert text("return (long) 1e30") == "9223372036854775807"
    assert text("return (char) 65 + ''") == "A"
    assert text("return (byte) 200") == "-56"
    with pytest.raises(PainlessCompileError, match=r"Cannot cast from \[int\] to \[java.lang.String\]"):
        run("return (String) 1")  # AnalyzerCaster.getLegalCast: no explicit cast from int to String


def test_instanceof():
    assert run("return 'a' instanceof String && [1] instanceof List && [:] instanceof Map")
    assert run("return 1 instanceof Integer && !(1 instanceof Long) && 1.0 instanceof Double")
    assert not run("return null instanceof Object")


def test_conditional_requires_boolean():
    assert run("return 1 < 2 ? 'y' : 'n'") == "y"
    with pytest.raises(PainlessCompileError, match=r"Cannot cast from \[int\] to \[boolean\]"):
        run("if (1) { return 1 }")
    with pytest.raises(PainlessRuntimeError, match="ClassCastException"):
        run("if (params.x) { return 1 }", x=1)


def test_last_expression_statement_is_the_result():
    assert run("def x = 2; x * 21") == 42
    assert run("def x = 2;") is None


# ---- functions, exceptions, lambdas ----
def test_user_functions_and_recursion():
    source = "int fib(int n) { return n < 2 ? n : fib(n - 1) + fib(n - 2) } return fib(15)"
    assert run(source) == 610
    assert run("void f(def l) { l.add(1) } def l = []; f(l); return l.size()") == 1
    with pytest.raises(PainlessCompileError, match="Unknown call"):
        run("return g(1)")
    with pytest.raises(PainlessCompileError, match="cannot resolve symbol"):
        run("int f() { return params.x } return f()")


def test_throw_surfaces_class_message_and_position():
    with pytest.raises(PainlessRuntimeError) as err:
        run("if (params.x == null) {\n  throw new IllegalArgumentException('x is required');\n}")
    assert err.value.java_class == "java.lang.IllegalArgumentException"
    assert err.value.java_message == "x is required"
    assert (err.value.line, err.value.column) == (2, 3)


def test_try_catch_by_class_hierarchy():
    source = """
    def r = [];
    try { throw new IllegalStateException('a') } catch (IllegalArgumentException e) { r.add('no') }
      catch (RuntimeException e) { r.add(e.getMessage()) }
    try { Integer.parseInt('x') } catch (IllegalArgumentException e) { r.add(e.getMessage()) }
    try { return [1][5] } catch (Exception e) { r.add(e.toString()) }
    return r
    """
    assert text(source) == ('[a, For input string: "x", java.lang.IndexOutOfBoundsException: Index 5 out of '
                            'bounds for length 1]')


def test_throwable_cannot_be_caught_and_limits_are_not_exceptions():
    with pytest.raises(PainlessCompileError, match="Throwable"):
        run("try { return 1 } catch (Throwable t) { return 2 }")
    with pytest.raises(PainlessLimitError):
        run_script("try { while (true) { int y = 5; } } catch (Exception e) { return 1 }", {})


def test_uncaught_exception_types_propagate():
    with pytest.raises(PainlessRuntimeError, match="NullPointerException"):
        run("try { return params.a.b } catch (IllegalArgumentException e) { return 1 }")


def test_lambdas_capture_and_function_references():
    source = """
    int twice(int x) { return 2 * x }
    def k = 10;
    def l = [3, 1, 2];
    l.sort((a, b) -> b - a);
    def out = [];
    l.forEach(x -> out.add(x + k));
    return l.stream().map(this::twice).collect(Collectors.toList()) + ':' + out
    """
    assert text(source) == "[6, 4, 2]:[13, 12, 11]"
    assert text("return ['1', '22'].stream().map(Integer::parseInt).mapToInt(x -> x).sum()") == "23"
    assert text("return ['a', 'bb'].stream().map(String::length).collect(Collectors.toList())") == "[1, 2]"
    # LambdaTests.testCapturesAreReadOnly
    with pytest.raises(PainlessCompileError, match=r"Variable \[k\] is read-only."):
        run("def k = 1; [1].forEach(x -> k = x)")


def test_lambda_parameters_are_typed():
    with pytest.raises(PainlessRuntimeError, match="ClassCastException"):
        run("[1.5].forEach((int x) -> x)")


def test_redeclaration_is_a_compile_error():
    with pytest.raises(PainlessCompileError, match="already defined"):
        run("def a = 1; if (params.x) { def a = 2 }")


# ---- what the emulator does not model ----
@pytest.mark.parametrize("source", [
    "return 'abc' =~ /b/c",
    "return ZonedDateTime.now()",
    "return Math.random()",
    "return new TreeMap().headMap('a')",  # TreeMap's views are not modelled
    "return 'I'.toLowerCase(new Locale('tr'))",
])
def test_unsupported_features_say_so(source):
    with pytest.raises(PainlessUnsupported, match="unsupported in this emulator"):
        run(source, x=[1])


# ---- regexes (Java semantics through toolkit.javaregex) ----
@pytest.mark.parametrize(("source", "expected"), [
    ("return 'abc' =~ /b/", True), ("return 'abc' ==~ /b/", False), ("return 'abc' ==~ /a.c/", True),
    ("return 'ABC' ==~ /abc/i", True), ("return 'a\nb' ==~ /a.b/s", True), ("return 'a\nb' ==~ /a.b/", False),
    ("return 'x1' =~ /^\\d/", False),
])
def test_regex_operators(source, expected):
    assert run(source) is expected


def test_matcher_find_loop_and_groups():
    source = "def m = /(\\w+)@(\\w+)/.matcher(params.s); def out = []; while (m.find()) { out.add(m.group(2)) } return out"
    assert run(source, s="x a@b c@d") == ["b", "d"]
    assert text("def m = /a(b)?/.matcher('a'); m.matches(); return m.group(0) + m.group(1)") == "anull"


def test_word_boundary_follows_the_jdk_profile():
    # the spec's JVM-checked example: caf\b finds a match in café on 21 but not on 17
    assert run("return params.s =~ /caf\\b/", jdk=21, s="caf\u00e9") is True
    assert run("return params.s =~ /caf\\b/", jdk=17, s="caf\u00e9") is False


def test_invalid_regex_is_a_compile_error():
    with pytest.raises(PainlessCompileError, match="invalid regex"):
        run("return 'a' =~ /(/")
    with pytest.raises(PainlessCompileError, match="Cannot cast from"):  # =~ casts its right side to Pattern
        run("return 'a' =~ 'a'")
    with pytest.raises(PainlessRuntimeError, match="ClassCastException"):
        run("return 'a' =~ params.x", x="a")


# ---- compile-time flow checks ----
@pytest.mark.parametrize(("source", "message", "line"), [
    ("return 1;\nreturn 2", "Unreachable statement", 2),
    ("if (params.a) { return 1 } else { throw new Exception('x') }\nreturn 2", "Unreachable statement", 2),
    ("while (true) { int y = 5; }\nreturn 1", "Unreachable statement", 2),
    ("for (int i = 0; i < 2; i++) { break; i++ }", "Unreachable statement", 1),
    ("int f(int a) { if (a > 0) { return 1 } }\nreturn f(1)", "not all paths provide a return value", 1),
    ("break", "invalid break statement: not inside loop", 1),
    ("[1].forEach(x -> { continue; })", "invalid continue statement: not inside loop", 1),
])
def test_flow_errors_painless_reports_at_compile_time(source, message, line):
    with pytest.raises(PainlessCompileError, match=message) as err:
        run(source)
    assert err.value.line == line


def test_flow_that_painless_accepts():
    assert run("int f(int a) { if (a > 0) { return 1 } else { return 2 } } return f(0)") == 2
    assert run("int f(def x) { while (true) { if (x == null) { return 3 } } } return f(null)") == 3
    assert run("int f() { throw new IllegalStateException('x') } try { f() } catch (Exception e) { return 4 }") == 4
    assert run("for (int i = 0; ; i++) { if (i == 2) { break } } return 5") == 5


@pytest.mark.parametrize(("source", "message"), [
    ("int x = 1.5", "Cannot cast from [double] to [int]."),
    ("long x = 2.0f", "Cannot cast from [float] to [long]."),
    ("String s = 1", "Cannot cast from [int] to [java.lang.String]."),
    ("boolean b = 'true'", "Cannot cast from [java.lang.String] to [boolean]."),
    ("double d = null", "Cannot cast null to a primitive type [double]."),
])
def test_literal_initializers_of_the_wrong_type_do_not_compile(source, message):
    with pytest.raises(PainlessCompileError, match=message.replace("[", r"\[").replace("]", r"\]")):
        run(source)


def test_literal_initializers_that_widen_compile():
    assert text("long l = 1; float f = 2; double d = 3L; String s = null; return '' + l + f + d + s") == "12.03.0null"
