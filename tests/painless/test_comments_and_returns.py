"""Line comments at the end of a script, and the value of a block's last expression (OpenSearch's
lang-painless tests: CommentTests, FunctionTests, LambdaTests, BasicStatementTests)."""

from __future__ import annotations

import pytest


def painless(run_cli, tmp_path, source: str, *args: str):
    path = tmp_path / "script.painless"
    path.write_text(source, encoding="utf-8")
    return run_cli("painless", str(path), *args)


# CommentTests.testSingleLineComments: "return 5 // comment no newline or return char"
@pytest.mark.parametrize("source", ["return 5 // comment no newline or return char", "return 5 //", "// one\nreturn 5 //"])
def test_a_line_comment_may_end_the_script(run_cli, tmp_path, source):
    assert (painless(run_cli, tmp_path, source).out, painless(run_cli, tmp_path, source, "--check").code) == ("5\n", 0)


# The same script before OpenSearch 2.12: the lexer's COMMENT rule needed a line break (#11815, fixed by #11816).
@pytest.mark.parametrize("version, out", [("2.11", ""), ("2.12", "5\n")])
def test_before_2_12_a_line_comment_needs_a_line_break(run_cli, tmp_path, version, out):
    result = painless(run_cli, tmp_path, "return 5 // no newline", "--opensearch-version", version)
    assert result.out == out
    assert ("1:10: syntax error: a // comment must end with a line break before OpenSearch 2.12" in result.err) == (
        version == "2.11")
    assert painless(run_cli, tmp_path, "return 5 // newline\n", "--opensearch-version", version).out == "5\n"


@pytest.mark.parametrize("source, out", [
    ("int get() {5;} get()", "5"),  # FunctionTests.testBasic
    ("String catcat(String single) {single + single;} catcat('xy')", "xyxy"),  # FunctionTests.testConcat
    ("int sub2(int x, int y) {sub(x, y) - y;} int sub(int x, int y) {return x - y;} sub2(5, 1)",
     "3"),  # FunctionTests.testMultiFuncs
    ('String quote(def s) { "\\"" + s + "\\"" } return quote(params.name)', '"ann"'),  # issue 16's example
    ("double half(def x) { x / 2 } half(params.n)", "1.0"),  # converted to the return type, as a return would
])
def test_a_function_body_ending_in_an_expression_returns_it(run_cli, tmp_path, source, out):
    result = painless(run_cli, tmp_path, source, "--params", '{"name": "ann", "n": 3}')
    assert (result.code, result.out) == (0, out + "\n"), result.err


# DefaultSemanticAnalysisPhase.visitIf/visitIfElse/visitTry/visitCatch hand LastSource on to their blocks
# (not to loop bodies): each branch that ends in an expression returns it, in functions and in the script.
@pytest.mark.parametrize("source, out", [
    ("String size(def n) { if (n > 2) { 'big' } else if (n > 0) { 'small' } else { 'none' } } size(params.n)",
     "big"),
    ("if (params.n > 2) { 'big' } else { 'small' }", "big"),
    ("int parse(def s) { try { Integer.parseInt(s) } catch (NumberFormatException e) { -1 } } parse('x')", "-1"),
    ("def total = 0; for (int i = 0; i < params.n; ++i) { total += i } ", "null"),
])
def test_the_last_statement_of_each_branch_is_a_last_source(run_cli, tmp_path, source, out):
    result = painless(run_cli, tmp_path, source, "--params", '{"n": 3}')
    assert (result.code, result.out) == (0, out + "\n"), result.err


def test_a_lambda_block_ending_in_an_expression_returns_it(run_cli, tmp_path):
    # LambdaTests.testUnneededCurlyStatements (with a list in place of IntFunction)
    source = "params.xs.stream().map(x -> { x + 1 }).collect(Collectors.toList())"
    assert painless(run_cli, tmp_path, source, "--params", '{"xs": [1, 2]}').out == "[2, 3]\n"


def test_a_void_function_ending_in_an_expression_returns_nothing(run_cli, tmp_path):
    # FunctionTests.testReturnVoid
    source = "void test(StringBuilder b, int i) {b.setLength(i)} test(new StringBuilder(), 1)"
    assert painless(run_cli, tmp_path, source).out == "null\n"
    result = painless(run_cli, tmp_path, "int test(def b) { if (b) { return 1 } } test(true)")
    assert "invalid function definition: not all paths provide a return value for function [test] with [1] " \
           "parameters" in result.err
