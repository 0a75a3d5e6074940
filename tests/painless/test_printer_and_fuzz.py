"""The pretty-printer round-trips, and the parser and interpreter never crash (hypothesis)."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from toolkit.painless import parse, run_script
from toolkit.painless.errors import PainlessError, PainlessSyntaxError
from toolkit.painless.printer import to_source

NAMES = st.sampled_from(["a", "b", "s", "xs", "m"])
ATOMS = st.one_of(
    st.integers(0, 3000).map(str), st.sampled_from(["1.5", "2e3", "7L", "0x1F", "017", "0.25f"]),
    st.sampled_from(["'str'", '"dq"', "'it\\'s'", "true", "false", "null", "params.x", "params['y']"]),
    NAMES,
)
BINARY = ["+", "-", "*", "/", "%", "<<", ">>", ">>>", "<", "<=", ">", ">=", "==", "!=", "===", "!==",
          "&", "^", "|", "&&", "||", "?:"]


def _compound(inner):
    return st.one_of(
        # after a string, true, null or ++ a '/' starts a regex in Painless, so the left side of / is parenthesised
        st.tuples(inner, st.sampled_from(BINARY), inner).map(
            lambda t: f"({t[0]}) / {t[2]}" if t[1] == "/" else f"{t[0]} {t[1]} {t[2]}"),
        inner.map(lambda e: f"({e})"),
        st.tuples(st.sampled_from(["-", "!", "~", "+"]), inner).map(lambda t: f"{t[0]}({t[1]})"),
        st.tuples(inner, inner, inner).map(lambda t: f"{t[0]} ? {t[1]} : {t[2]}"),
        st.tuples(NAMES, st.sampled_from(["size()", "length", "0", "get(0)", "isEmpty()"])).map(
            lambda t: f"{t[0]}.{t[1]}"),
        st.tuples(NAMES, inner).map(lambda t: f"{t[0]}[{t[1]}]"),
        st.lists(inner, max_size=3).map(lambda xs: "[" + ", ".join(xs) + "]"),
        st.lists(st.tuples(inner, inner), max_size=2).map(
            lambda kv: "[" + (", ".join(f"{k}: {v}" for k, v in kv) or ":") + "]"),
        st.tuples(st.sampled_from(["int", "def", "String", "long", "double"]), inner).map(
            lambda t: f"({t[0]}) ({t[1]})"),
        st.tuples(NAMES, inner).map(lambda t: f"{t[0]}.add({t[1]})"),
        st.tuples(NAMES, inner).map(lambda t: f"{t[0]}.removeIf(v -> {t[1]})"),
        st.tuples(inner, st.sampled_from(["String", "List", "Map", "Integer"])).map(
            lambda t: f"(({t[0]}) instanceof {t[1]})"),
        st.just("new StringBuilder().append(1).toString()"),
        st.just("new int[] {1, 2}"),
    )


EXPRESSIONS = st.recursive(ATOMS, _compound, max_leaves=8)


def _statements(inner):
    return st.one_of(
        st.tuples(EXPRESSIONS, inner, inner).map(lambda t: f"if ({t[0]}) {{ {t[1]} }} else {{ {t[2]} }}"),
        st.tuples(EXPRESSIONS, inner).map(lambda t: f"if ({t[0]}) {t[1]}"),
        st.tuples(EXPRESSIONS, inner).map(lambda t: f"while ({t[0]}) {{ {t[1]} break; }}"),
        inner.map(lambda s: f"for (int i = 0; i < 3; i++) {{ {s} }}"),
        st.tuples(EXPRESSIONS, inner).map(lambda t: f"for (def v : {t[0]}) {{ {t[1]} }}"),
        inner.map(lambda s: f"do {{ {s} }} while (false);"),
        inner.map(lambda s: f"try {{ {s} }} catch (Exception e) {{ }}"),
    )


SIMPLE = st.one_of(
    EXPRESSIONS.map(lambda e: f"return {e};"),
    st.tuples(NAMES, EXPRESSIONS).map(lambda t: f"{t[0]} = {t[1]};"),
    st.tuples(NAMES, st.sampled_from(["+=", "-=", "*=", "<<="]), EXPRESSIONS).map(lambda t: f"{t[0]} {t[1]} {t[2]};"),
    EXPRESSIONS.map(lambda e: f"def z = {e};"),
    st.just("a++;"), st.just("--b;"),
)
PROGRAMS = st.lists(st.recursive(SIMPLE, _statements, max_leaves=4), min_size=1, max_size=4).map(
    lambda body: "def a = 1; def b = 2.5; def s = 'x'; def xs = [1, 2]; def m = ['k': 1];\n" + "\n".join(body))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(PROGRAMS)
def test_generated_programs_round_trip(source):
    first = parse(source)
    printed = to_source(first)
    assert parse(printed) == first
    assert to_source(parse(printed)) == printed


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(PROGRAMS)
def test_generated_programs_run_or_fail_cleanly(source):
    try:
        run_script(source, {"x": 3, "y": "why"}, max_loop_counter=2000, timeout_s=2.0)
    except PainlessError as exc:
        assert exc.message


TOKEN_SOUP = st.lists(st.sampled_from([
    "if", "(", ")", "{", "}", "[", "]", ";", "x", "1", "'s'", "+", "-", "/", "/a/", ".", "?.", "=", "==", "->",
    "::", "def", "int", "new", "return", "else", ",", ":", "?", "\n", " ", "for", "in", "\\", "\"", "'", "/*",
]), max_size=30).map("".join)


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=60), TOKEN_SOUP))
def test_parser_never_crashes(text):
    try:
        parse(text)
    except PainlessSyntaxError as exc:
        assert exc.line >= 1 and exc.column >= 1
    except PainlessError as exc:  # compile errors found while parsing, e.g. `1 = 2`
        assert exc.line >= 1


@pytest.mark.parametrize("source", [
    "int f(int a, def b) { if (a > 0) return a; else { return -a } } return f(- -1, 2)",
    "for (def v : params.xs) { if (v == null) continue; } while (true);",
    "return x?.y ?: [:] + ['a': [1, 2], 'b': new int[] {1}] + new int[2][3]",
    "list.sort((int a, def b) -> { return a - b; }); list.forEach(this::f); list.map(String::valueOf)",
    "try { throw new Exception('x') } catch (IllegalArgumentException e) { } catch (Exception e) { }",
    "return (int) 2.5 + (String) s + (def[]) a + (x) - 1 + ~a + -(1) + !b",
])
def test_round_trip_of_hand_written_scripts(source):
    assert parse(to_source(parse(source))) == parse(source)
