"""The emulator's fast paths give exactly what the general routes give (values, errors, bounds)."""

from __future__ import annotations

import math
import random
import struct

import pytest

from toolkit.javavalues.numbers import JDouble, JInt, double_to_string
from toolkit.painless import run_script
from toolkit.painless.context import LOOP_LIMIT_MESSAGE
from toolkit.painless.errors import PainlessLimitError, PainlessRuntimeError, PainlessSyntaxError
from toolkit.painless.fastmath import double_text, make_int
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


# ---- int fast paths: wraparound and the general route for everything else ----
@pytest.mark.parametrize(("source", "expected"), [
    ("int i = Integer.MAX_VALUE; i++; return i", -2147483648),
    ("int i = Integer.MIN_VALUE; i--; return i", 2147483647),
    ("int i = Integer.MAX_VALUE; return ++i", -2147483648),
    ("int i = Integer.MAX_VALUE; return i++", 2147483647),
    ("def i = Integer.MAX_VALUE; i++; return i", -2147483648),
    ("def i = Long.MAX_VALUE; i++; return i", -9223372036854775808),
    ("def i = 1.5; i++; return i", 2.5),
    ("int a = Integer.MAX_VALUE; return a + 1", -2147483648),
    ("int a = Integer.MIN_VALUE; return a - 1", 2147483647),
    ("int a = 65536; return a * 65536", 0),
    ("int a = 46341; return a * 46341", -2147479015),
    ("int a = 3; long b = 4; return a * b", 12),
    ("int a = 3; return a < 3.5", True),
    ("int a = 3; return a == 3L", True),
    ("int a = 3; return a != 4 && a >= 3 && a <= 3 && a > 2", True),
])
def test_int_fast_paths_wrap_and_promote(source, expected):
    value = run(source)
    assert value == expected
    assert type(value) is type(run(source.replace("int ", "def ", 1))) or isinstance(value, bool)


def test_int_fast_paths_keep_java_types():
    assert type(run("int i = 0; i++; return i")).__name__ == "JInt"
    assert type(run("int a = 3; return a + 1")).__name__ == "JInt"
    assert type(run("def a = 3L; a++; return a")).__name__ == "JLong"
    assert type(run("def a = 3; return a + 1L")).__name__ == "JLong"


def test_comparison_fast_path_still_rejects_null_and_non_numbers():
    with pytest.raises(PainlessRuntimeError, match="NullPointerException") as err:
        run_script("def a = null;\nreturn 1 <\n a", {})
    assert err.value.line == 2
    with pytest.raises(PainlessRuntimeError, match="ClassCastException"):
        run_script("def a = 'x'; return a - 1", {})


# ---- the inlined loop counter ----
@pytest.mark.parametrize("loop", [
    "for (int i = 0; i < 100; i++) { x++ }",
    "int i = 0; while (i < 100) { i++; }",
    "for (def v : params.xs) { x++ }",
])
def test_loop_counter_is_exact_in_every_loop(loop):
    source = "def x = 0; " + loop
    params = {"xs": list(range(100))}
    run_script(source, params, max_loop_counter=101)
    with pytest.raises(PainlessLimitError) as err:
        run_script(source, params, max_loop_counter=100)
    assert err.value.message == LOOP_LIMIT_MESSAGE


def test_loop_counter_spans_nested_loops_and_functions():
    source = ("void f() { for (int j = 0; j < 10; j++) { } }\n"
              "for (int i = 0; i < 10; i++) { f(); for (int k = 0; k < 10; k++) { } }")
    run_script(source, {}, max_loop_counter=221)  # 10 x 2 outer statements, 10 x 10 in f, 10 x 10 inner
    with pytest.raises(PainlessLimitError) as err:
        run_script(source, {}, max_loop_counter=220)
    assert err.value.message == LOOP_LIMIT_MESSAGE


def test_time_budget_stops_each_loop_kind():
    # an empty body of while (true) or of a for-each does not compile (WhenThingsGoWrongTests.testInfiniteLoops)
    for source in ("while (true) { int y = 5; }", "for (;;) { }", "for (int i = 0; ; i++) { }",
                   "for (def v : params.xs) { for (def w : params.xs) { int y = 5; } }"):
        with pytest.raises(PainlessLimitError, match="time budget"):
            run_script(source, {"xs": list(range(5000))}, timeout_s=0.02, max_loop_counter=10**12)


# ---- fields, calls and statements ----
def test_length_field_on_lists_arrays_and_other_values():
    assert run("return params.xs.length", xs=[1, 2, 3]) == 3
    assert run("int[] a = new int[4]; return a.length") == 4
    assert run("return params.m.length", m={"length": "key"}) == "key"
    with pytest.raises(PainlessRuntimeError, match="NullPointerException"):
        run("def x = null; return x.length")
    assert run("def x = null; return x?.length") is None


def test_call_site_cache_follows_the_receiver_type():
    source = ("def out = []; for (def x : params.xs) { out.add(x.toString()); out.add(x.equals(x)) } "
              "return out")
    assert run(source, xs=["a", 1, "b", 2.5, [1]]) == ["a", True, "1", True, "b", True, "2.5", True, "[1]", True]
    with pytest.raises(PainlessRuntimeError, match="NullPointerException") as err:
        run_script("def sb = new StringBuilder(); for (def x : params.xs) {\n  x.equals(sb)\n}", {"xs": ["a", None]})
    assert (err.value.line, err.value.column) == (2, 4)


def test_statement_values_are_dropped_and_signals_kept():
    source = ("def sb = new StringBuilder(); int n = 0; "
              "for (int i = 0; i < 10; i++) { sb.append(i); if (i % 2 == 0) sb.append(','); else n++; "
              "if (i == 7) { break } } return sb.toString() + n")
    assert run(source) == "0,12,34,56,74"
    assert run("for (int i = 0; i < 10; i++) { if (i == 3) return i; Math.abs(i); } return -1") == 3
    assert run("int n = 0; for (int i = 0; i < 5; i++) { if (i < 2) continue; n += i } return n") == 9


# ---- compiled programs are cached by source text ----
def test_cached_program_gives_each_run_fresh_state():
    source = ("def l = [1]; def m = ['k': 1]; def sb = new StringBuilder('x'); l.add(params.v); m.put('v', params.v); "
              "sb.append(params.v); int[] a = new int[1]; a[0]++; "
              "return [l, m, sb.toString(), a[0], /a+/.matcher(params.s).matches()]")
    first = run_script(source, {"v": 1, "s": "aa"})
    second = run_script(source, {"v": 2, "s": "b"})
    assert first[0] == [1, 1] and second[0] == [1, 2]
    assert second[1] == {"k": 1, "v": 2} and second[2:] == ["x2", 1, False]
    assert first[2:] == ["x1", 1, True]


def test_cached_program_call_sites_follow_new_receiver_types():
    source = "return params.x.size()"
    assert run_script(source, {"x": [1, 2, 3]}) == 3
    assert run_script(source, {"x": {"a": 1}}) == 1
    with pytest.raises(PainlessRuntimeError, match="size"):
        run_script(source, {"x": "abc"})
    assert run_script(source, {"x": [1]}) == 1


def test_failing_scripts_fail_the_same_way_every_time():
    for _ in range(2):
        with pytest.raises(PainlessRuntimeError) as err:
            run_script("def x = params.x;\nreturn x.length()", {"x": None})
        assert (err.value.line, err.value.column) == (2, 9)
    for _ in range(2):
        with pytest.raises(PainlessSyntaxError):
            run_script("return (", {})


def test_params_are_copied_and_typed():
    params = {"xs": [1, 2.5, "a", None, True, [2**40]], "m": {"k": [1]}}
    value = run_script("params.xs.add(1); params.m.k.add(2); return params", params)
    assert params == {"xs": [1, 2.5, "a", None, True, [2**40]], "m": {"k": [1]}}
    assert [type(x).__name__ for x in value["xs"][:2] + value["xs"][5]] == ["JInt", "JDouble", "JLong"]
    assert value["m"]["k"] == [1, 2]


# ---- the counted for loop and the StringBuilder append site ----
@pytest.mark.parametrize(("source", "expected"), [
    ("int n = 0; for (int i = Integer.MAX_VALUE - 2; i > 0; i++) { n++ } return n", 3),
    ("int n = 0; for (int i = Integer.MIN_VALUE + 1; i < 0; i--) { n++ } return n", 2),
    ("def n = []; for (def i = Long.MAX_VALUE - 1; i > 0; i++) { n.add(i) } return n", [9223372036854775806,
                                                                                       9223372036854775807]),
    ("def n = []; for (def i = 0.5; i < 3; i++) { n.add(i) } return n", [0.5, 1.5, 2.5]),
    ("def n = []; for (int i = 0; i < 10; i++) { if (i == 2) { i += 3; continue } if (i > 7) break; n.add(i) } "
     + "return n", [0, 1, 6, 7]),
    ("def n = []; for (int i = 0; i <= params.xs.length; ++i) { n.add(i) } return n", [0, 1, 2]),
    ("for (int i = 0; i < 5; i++) { if (i == 3) { return i } } return -1", 3),
])
def test_counted_for_loop(source, expected):
    assert run(source, xs=[1, 2]) == expected


def test_counted_for_loop_condition_errors_and_limits():
    with pytest.raises(PainlessRuntimeError, match="NullPointerException") as err:
        run_script("def b = null;\nfor (int i = 0; i <\n b; i++) { }", {})
    assert err.value.line == 2
    with pytest.raises(PainlessRuntimeError, match="ClassCastException"):
        run_script("def b = 'x'; for (int i = 0; i < b; i++) { }", {})
    run_script("for (int i = 0; i < 10; i++) { }", {}, max_loop_counter=11)
    with pytest.raises(PainlessLimitError):
        run_script("for (int i = 0; i < 10; i++) { }", {}, max_loop_counter=10)


def test_append_site_text_of_each_type_and_other_receivers():
    source = ("def sb = new StringBuilder(); for (def x : params.xs) { sb.append(x); sb.append('|') } "
              "return sb.toString()")
    values = [JDouble(0.1), JDouble(-0.0), JDouble(1e7), 3, 2**40, "s", None, True, [1.5, "a"], {"k": 2.0}]
    assert run(source, xs=values) == "0.1|-0.0|1.0E7|3|1099511627776|s|null|true|[1.5, a]|{k=2.0}|"
    with pytest.raises(PainlessRuntimeError, match="dynamic method"):
        run("def l = []; l.append(1)")
    with pytest.raises(PainlessRuntimeError, match="dynamic method"):
        run("def l = []; l.append(',')")
    assert run("def sb = new StringBuilder('a'); return sb.append(',').append('').append(\"b\").toString()") == "a,b"
    with pytest.raises(PainlessRuntimeError, match="NullPointerException"):
        run("def sb = null; sb.append(1)")
    assert run("def sb = null; return sb?.append(1)") is None
    with pytest.raises(PainlessLimitError, match="string grew beyond"):
        run_script("def sb = new StringBuilder(); for (int i = 0; i < 100; i++) { sb.append('0123456789') }", {},
                   max_chars=500)


def test_make_int_wraps_and_shares_small_values():
    for value in (-1, 0, 1, 4095, 4096, 2**31 - 1, 2**31, -2**31 - 1, 2**32 + 5, -(2**40)):
        result = make_int(value)
        assert type(result) is JInt
        assert result == ((value + 2**31) % 2**32) - 2**31
    assert make_int(4095) is make_int(4095 + 2**32)
    assert run("int i = 4094; i++; i++; return i") == 4096
    assert run("def l = []; for (int i = 0; i < 5000; i++) { l.add(i) } return l.length") == 5000
