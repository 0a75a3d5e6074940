"""Painless' semantic pass: the compile errors OpenSearch reports before a script runs, at Painless' positions.

Cases come from OpenSearch's lang-painless tests (``modules/lang-painless/src/test/java/org/opensearch/
painless/``: the class and method are named at each case) and from ``DefaultSemanticAnalysisPhase`` /
``AnalyzerCaster`` (``modules/lang-painless/src/main/java/org/opensearch/painless/``) where no test pins
the message down. Each runs through ``blueprint painless --check``.
"""

from __future__ import annotations

import json

import pytest


def check(run_cli, tmp_path, script: str, *options: str):
    path = tmp_path / "script.painless"
    path.write_text(script, encoding="utf-8")
    return run_cli("painless", str(path), "--check", "--format", "json", *options)


def compile_error(run_cli, tmp_path, script: str, *options: str):
    result = check(run_cli, tmp_path, script, *options)
    assert result.code == 1, result.out
    error = json.loads(result.out)["error"]
    assert error["kind"] == "compile error", error
    return error["message"], error["line"], error["column"]


@pytest.mark.parametrize(("script", "message", "column"), [
    # WhenThingsGoWrongTests.testNotAStatement
    ("1 * 1; return null;", "not a statement: result not used from multiplication operation [*]", 1),
    ("boolean x = false; x && true; return null;", "not a statement: result not used from boolean and operation [&&]",
     20),
    ("false; return null;", "not a statement: boolean constant [false] not used", 1),
    ("boolean x = false; x == true; return null;", "not a statement: result not used from equals operation [==]", 20),
    ("boolean x = false; x ? 1 : 2; return null;", "not a statement: result not used from conditional operation [?:]",
     20),
    ("1.1; return null;", "not a statement: decimal constant [1.1] not used", 1),
    ("List x = null; x ?: [2]; return null;", "not a statement: result not used from elvis operation [?:]", 16),
    ("List x = null; (ArrayList)x; return null;",
     "not a statement: result not used from explicit cast with target type [ArrayList]", 16),
    ("List x = null; x instanceof List; return null;",
     "not a statement: result not used from instanceof with target type [List]", 16),
    ("[]; return null;", "not a statement: result not used from list initializer", 1),
    ("[:]; return null;", "not a statement: result not used from map initializer", 1),
    ("new int[] {1, 2}; return null;", "not a statement: result not used from new array", 1),
    ("null; return null;", "not a statement: null constant not used", 1),
    ("1; return null;", "not a statement: numeric constant [1] not used", 1),
    ("/a/; return null;", "not a statement: regex constant [a] with flags [] not used", 1),
    ("'1'; return null;", "not a statement: string constant [1] not used", 1),
    ("+1; return null;", "not a statement: result not used from addition operation [+]", 1),
    ("boolean x; x; return null;", "not a statement: variable [x] not used", 12),
    ("int[] x = new int[] {1}; x[0]; return null;", "not a statement: result of brace operator not used", 27),
    ("Integer.MAX_VALUE; return null;", "not a statement: result of dot operator [.] not used", 8),
    # the last statement is the script's value; any other expression statement must do something
    ("def x = params.a;\nx + 1;\nreturn x", "not a statement: result not used from addition operation [+]", 1),
    ("for (int i = 0; i < 3; i++) { i; }", "not a statement: variable [i] not used", 31),
])
def test_expressions_used_as_statements(run_cli, tmp_path, script, message, column):
    assert compile_error(run_cli, tmp_path, script)[0::2] == (message, column)


def test_the_last_expression_is_the_value_not_a_statement(run_cli, tmp_path):
    # WhenThingsGoWrongTests.testNotAStatement: the same expressions compile as the script's last statement
    for script in ("1 * 1", "def x = params.a; x == true", "[:]", "boolean x = true; if (x) { 1 } else { 2 }"):
        assert check(run_cli, tmp_path, script).code == 0, script


@pytest.mark.parametrize(("script", "message", "column"), [
    # ElvisTests.testBasics (assertCannotReturnPrimitive)
    ("int i = params.a ?: 1; return i", "Elvis operator cannot return primitives", 9),
    ("Integer a = Integer.valueOf(1); int b = a ?: 2; return b", "Elvis operator cannot return primitives", 41),
    ("return (int)(params.a ?: 1)", "Elvis operator cannot return primitives", 14),
    # ElvisTests.testExtraneous
    ("int i = params.a; return i ?: 1", "Extraneous elvis operator. LHS is a primitive.", 26),
    ("return 'cat' ?: 1", "Extraneous elvis operator. LHS is a constant.", 8),
    ("return null ?: 'j'", "Extraneous elvis operator. LHS is null.", 8),
    ("return params.a ?: null", "Extraneous elvis operator. RHS is null.", 8),
])
def test_elvis(run_cli, tmp_path, script, message, column):
    assert compile_error(run_cli, tmp_path, script)[0::2] == (message, column)


@pytest.mark.parametrize("script", [
    # BasicExpressionTests.testNullSafeDeref (assertMustBeNullable)
    "String a = 'foo'; return a?.length()",
    "Map a = [:];  return a?.size()",
    "int[] a = new int[] {2, 3}; return a?.length",
])
def test_null_safe_operator_with_a_primitive_result(run_cli, tmp_path, script):
    assert compile_error(run_cli, tmp_path, script)[0] == "Result of null safe operator must be nullable"


def test_null_safe_operator_on_def_and_on_references_compiles(run_cli, tmp_path):
    # BasicExpressionTests.testNullSafeDeref, ElvisTests.testWithNullSafeDereferences
    for script in ("def a = 'foo'; return a?.length()", "String a = null; return a?.toString()",
                   "Map a = ['other': 1]; return a?.other", "Map x = ['0': 0]; x?.0 > 5.0"):
        assert check(run_cli, tmp_path, script).code == 0, script


@pytest.mark.parametrize(("script", "message", "column"), [
    # AnalyzerCaster.getLegalCast: a downcast needs an explicit cast; a primitive boxes only where internal
    ("Object o = params.x;\nString s = o;\nreturn s", "Cannot cast from [java.lang.Object] to [java.lang.String].", 12),
    ("Object o = 1", "Cannot cast from [int] to [java.lang.Object].", 12),
    ("int n = 0; if (n != null) { return 1 } return 0", "Cannot cast from [int] to [java.lang.Object].", 16),
    ("return (params.ok ? 1 : null).toString()", "Cannot cast from [int] to [java.lang.Object].", 21),
    ("long l = 5; int i = l", "Cannot cast from [long] to [int].", 21),
    ("return new StringBuilder(100)", "Cannot cast from [int] to [java.lang.CharSequence].", 26),
    ("throw 'bad input'", "Cannot cast from [java.lang.String] to [java.lang.Exception].", 7),
    # the return value's cast: ``Object`` outside ML Commons, so a bare return does not compile
    ("if (params.x == null) { return; } return 1", "cannot cast from [java.lang.Object] to [void]", 25),
])
def test_casts(run_cli, tmp_path, script, message, column):
    assert compile_error(run_cli, tmp_path, script)[0::2] == (message, column)


@pytest.mark.parametrize(("script", "message"), [
    # java.lang.txt has no String.split, String.matches or a length field; java.util.txt no List.of
    ("String s = params.s; return s.split(',')", "member method [java.lang.String, split/1] not found"),
    ("return 'abc'.matches('a.c')", "member method [java.lang.String, matches/1] not found"),
    ("return 'abc'.length", "field [java.lang.String, length] not found"),
    ("return List.of(1, 2)", "static method [java.util.List, of/2] not found"),
    ("return new Integer(5)", "constructor [java.lang.Integer, <init>/1] not found"),
    ("Map m = params; for (def e : m) { e.toString() }",
     "invalid foreach loop: cannot iterate over type [java.util.Map]."),
    ("List l = [1]; return l.size", "invalid list index [size]"),
    ("String s = 'a'; return s[0]", "Illegal array access on type [java.lang.String]."),
])
def test_members_painless_does_not_have(run_cli, tmp_path, script, message):
    assert compile_error(run_cli, tmp_path, script)[0] == message


@pytest.mark.parametrize(("script", "message"), [
    # DefaultSemanticAnalysisPhase: visitWhile, visitFor, visitEach, visitDo, visitIf, visitContinue
    ("for (def item : params.items) { return item }", "extraneous foreach loop"),
    ("for (int i = 0; i < 3; i++) { break; }", "extraneous for loop"),
    ("while (true) { }", "no paths escape from while loop"),
    ("if (true) { return 1 }", "extraneous if block"),
    ("if (params.x) { } else { return 1 }", "extraneous if block"),
    ("for (def x : params.xs) { if (x == null) { continue; } }", "extraneous continue statement"),
    ("return 1; continue;", "invalid continue statement: not inside loop"),
    # LambdaTests.testCapturesAreReadOnly; a for-each variable is read-only too
    ("def n = 0; params.xs.forEach(x -> { n = x; return x })", "Variable [n] is read-only."),
    ("for (def x : params.xs) { x = 1 }", "Variable [x] is read-only."),
    # visitLambda: a lambda body must return on every path
    ("def out = []; params.xs.forEach(x -> { if (x != null) { out.add(x) } })",
     "not all paths return a value for lambda"),
])
def test_control_flow(run_cli, tmp_path, script, message):
    assert compile_error(run_cli, tmp_path, script)[0] == message


@pytest.mark.parametrize(("script", "message"), [
    # WhenThingsGoWrongTests.testInvalidAssignment
    ("1 * 1 = 2; return null;", "invalid assignment: cannot assign a value to multiplication operation [*]"),
    ("false = 2; return null;", "invalid assignment: cannot assign a value to boolean constant [false]"),
    ("'1' = 1; return null;", "invalid assignment: cannot assign a value to string constant [1]"),
    ("[] = 5; return null;", "invalid assignment: cannot assign a value to list initializer"),
    ("new ArrayList() = 1; return null;",
     "invalid assignment cannot assign a value to new object with constructor [ArrayList/0]"),
    ("Double.x() = 1;", "invalid assignment: cannot assign a value to method call [x/0]"),
    ("boolean x = true; (x ? 1 : 1) = 2; return null;",
     "invalid assignment: cannot assign a value to conditional operation [?:]"),
    ("List x = []; (x ?: []) = 2; return null;", "invalid assignment: cannot assign a value to elvis operation [?:]"),
    # LambdaTests.testNoParamMasking: a lambda parameter cannot hide a variable in scope
    ("int x = 0; List l = [1]; return l.stream().mapToInt(x -> { x += 1; return x }).sum();",
     "variable [x] is already defined"),
    # WhenThingsGoWrongTests.testPartialType, testInvalidFullyQualifiedStaticReferenceType
    ("test0.test1 + 1", "cannot resolve symbol [test0.test1]"),
    ("java.util.List + 1", "value required: instead found unexpected type [java.util.List]"),
    ("java.util.List = 1", "invalid assignment: cannot write a value to a static type [java.util.List]"),
])
def test_invalid_assignments_and_names(run_cli, tmp_path, script, message):
    assert compile_error(run_cli, tmp_path, script)[0] == message


def test_ml_commons_scripts_return_a_string(run_cli, tmp_path):
    # ScriptUtils.executeScript compiles in TemplateScript.CONTEXT, whose execute() returns String
    script = "def sb = new StringBuilder('x');\nStringBuilder b = sb;\nreturn b"
    assert compile_error(run_cli, tmp_path, script, "--ml-commons") == (
        "Cannot cast from [java.lang.StringBuilder] to [java.lang.String].", 3, 8)
    assert check(run_cli, tmp_path, script).code == 0  # an Object return outside ML Commons
    assert check(run_cli, tmp_path, "return params.x", "--ml-commons").code == 0  # def: cast at run time


def test_valid_scripts_from_opensearch_tests_compile(run_cli, tmp_path):
    # BasicStatementTests, LambdaTests, ElvisTests: scripts OpenSearch runs must not be refused
    for script in (
        "String c = \"a\"; int x; while (x < 5) { c += \"a\"; ++x; } return c;",
        "int x, y; for (x = 0; x < 4; ++x) {y += x;} return y;",
        "Map m = new HashMap(); m.put('1', 1); String cat = ''; int total = 0;"
        " for (Map.Entry e : m.entrySet()) { cat += e.getKey(); total += e.getValue(); } return cat + total",
        "int[][] i = new int[3][1]; int total = 0; for (int[] j : i) total += j[0]; return total",
        "byte a = 2; char c = 2; float f = 2; return a + c + f",
        "Map settings = ['test1' : '1']; int i = 0; List keys = ['test0', 'test1'];"
        " for (; i < keys.size(); ++i) { if (settings.containsKey(keys[i])) { break; } } return i;",
        "List l = new ArrayList(); l.add('looooong'); l.add('short');"
        " l.sort((String a, String b) -> a.length() - b.length()); return l.get(0)",
        "List list2 = new ArrayList(); params.xs.forEach(x -> list2.add(x)); return list2",
        "Integer a = Integer.valueOf(1); int b = (a ?: Integer.valueOf(2)).intValue(); return b",
        "int i = params.i; String s = params.s; return s ?: i",
        "def a = [:];\na.missing_length = a.missing?.length();\nreturn a.missing_length",
    ):
        result = check(run_cli, tmp_path, script)
        assert result.code == 0, (script, result.out)


@pytest.mark.parametrize(("script", "message", "at"), [
    ("def e = params.embedding;\nint n = params.n ?: 0;\nreturn '' + n;", "Elvis operator cannot return primitives",
     "params.n ?: 0"),
    ("def sb = new StringBuilder();\nsb.append(params.text);\nsb;", "Cannot cast from [def] to [java.lang.String].",
     None),
    ("StringBuilder sb = new StringBuilder();\nsb.append(params.text);\nreturn sb;",
     "Cannot cast from [java.lang.StringBuilder] to [java.lang.String].", "sb;"),
    ("Object o = params.text;\nString s = o;\nreturn s;", "Cannot cast from [java.lang.Object] to [java.lang.String].",
     "o;\\nreturn"),
])
def test_check_reports_semantic_errors_as_bp551_at_their_place(run_cli, tmp_path, script, message, at):
    from toolkit.check.rules._examples import sample

    text = sample(actions__0__post_process_function=script)
    (tmp_path / "c.json").write_text(text)
    result = run_cli("check", "c.json", "--format", "json", cwd=tmp_path)
    found = [d for d in json.loads(result.out)["diagnostics"] if d["code"] == "BP551"]
    if at is None:  # a def value is cast at run time, not refused at compile time
        assert found == []
        return
    [d] = found
    assert d["message"] == "Painless compile error: " + message
    line = text.splitlines()[d["line"] - 1]
    assert line[d["column"] - 1:].startswith(at)
