"""Bounds: Painless' loop counter, call depth, time budget and string size; no access to the host."""

from __future__ import annotations

import pytest

from toolkit.painless import run_script
from toolkit.painless.context import LOOP_LIMIT_MESSAGE
from toolkit.painless.errors import (
    PainlessCompileError, PainlessLimitError, PainlessRuntimeError, PainlessUnsupported,
)


def test_infinite_loop_stops_with_painless_message():
    with pytest.raises(PainlessLimitError) as err:
        run_script("int i = 0;\nwhile (true) { i++ }", {})
    assert err.value.message == LOOP_LIMIT_MESSAGE
    assert (err.value.line, err.value.column) == (2, 1)


def test_loop_counter_is_cumulative_across_loops_and_counts_body_statements():
    # The budget must stay positive after each iteration's decrement (MethodWriter.writeLoopCounter).
    two_loops = "for (int i = 0; i < 600; i++) { } for (int j = 0; j < 600; j++) { }"
    run_script(two_loops, {}, max_loop_counter=1201)
    with pytest.raises(PainlessLimitError):
        run_script(two_loops, {}, max_loop_counter=1200)
    three_statements = "def a = 0; for (int i = 0; i < 10; i++) { a++; a++; a++ }"
    run_script(three_statements, {}, max_loop_counter=31)
    with pytest.raises(PainlessLimitError):
        run_script(three_statements, {}, max_loop_counter=30)


def test_do_while_counts_from_its_second_iteration():
    run_script("int i = 0; do { i++ } while (i < 5)", {}, max_loop_counter=5)
    with pytest.raises(PainlessLimitError):
        run_script("int i = 0; do { i++ } while (i < 6)", {}, max_loop_counter=5)


def test_each_and_do_while_count_too():
    with pytest.raises(PainlessLimitError):
        run_script("def n = 0; for (def x : params.xs) { n++ }", {"xs": list(range(20))}, max_loop_counter=10)
    with pytest.raises(PainlessLimitError):
        run_script("do { int y = 5; } while (true)", {})


def test_deep_recursion_stops():
    with pytest.raises(PainlessLimitError, match="recursion deeper"):
        run_script("int f(int n) { return f(n + 1) } return f(0)", {})


def test_recursion_within_the_limit_works():
    assert run_script("int f(int n) { return n == 0 ? 0 : 1 + f(n - 1) } return f(150)", {}) == 150


def test_string_growth_stops():
    with pytest.raises(PainlessLimitError, match="string grew beyond"):
        run_script("def s = 'x'; while (true) { s += s }", {})
    with pytest.raises(PainlessLimitError, match="string grew beyond"):
        run_script("def sb = new StringBuilder('x'); for (int i = 0; i < 100; i++) { sb.append(sb.toString()) }",
                   {}, max_chars=1000)


def test_time_budget():
    with pytest.raises(PainlessLimitError, match="time budget"):
        run_script("def l = []; while (true) { l.add(1); l.size() }", {}, timeout_s=0.05,
                   max_loop_counter=10**12)


@pytest.mark.parametrize("source", [
    "return params.__class__",
    "return params.getClass()",
    "return ''.__class__.__mro__",
    "return System.exit(0)",
    "return Runtime.getRuntime()",
    "return new java.io.File('/etc/passwd')",
    "return Class.forName('x')",
])
def test_no_host_access(source):
    try:
        value = run_script(source, {})
    except (PainlessUnsupported, PainlessCompileError, PainlessRuntimeError):
        return
    assert value is None  # `params.__class__` is just a missing map key


def test_deeply_nested_expressions_stop_cleanly():
    source = "return " + "(" * 3000 + "1" + ")" * 3000
    with pytest.raises(PainlessLimitError, match="nests expressions too deeply"):
        run_script(source, {})
