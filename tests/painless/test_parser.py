"""Parser: every construct of spec painless.md section 2, precedence, and positioned errors."""

from __future__ import annotations


import pytest

from toolkit.painless import nodes as n
from toolkit.painless import parse
from toolkit.painless.errors import PainlessCompileError, PainlessSyntaxError


def expr(source: str):
    """The expression of a one-statement script ``return <source>``."""
    return parse(f"return {source}").body[0].expr


def shape(node) -> str:
    """A compact parenthesised rendering showing how an expression grouped."""
    if isinstance(node, n.Binary):
        return f"({shape(node.left)} {node.op} {shape(node.right)})"
    if isinstance(node, n.Unary):
        return f"({node.op}{shape(node.operand)})"
    if isinstance(node, n.Conditional):
        return f"({shape(node.cond)} ? {shape(node.then)} : {shape(node.other)})"
    if isinstance(node, n.Elvis):
        return f"({shape(node.left)} ?: {shape(node.right)})"
    if isinstance(node, n.Assign):
        return f"({shape(node.target)} {node.op} {shape(node.value)})"
    if isinstance(node, n.InstanceOf):
        return f"({shape(node.operand)} instanceof {node.type})"
    if isinstance(node, n.Cast):
        return f"(({node.type}) {shape(node.operand)})"
    if isinstance(node, n.Literal):
        return node.text
    if isinstance(node, n.Var):
        return node.name
    if isinstance(node, n.Paren):
        return shape(node.inner)
    if isinstance(node, n.Index):
        return f"{shape(node.target)}[{shape(node.index)}]"
    if isinstance(node, n.Field):
        return f"{shape(node.target)}.{node.name}"
    return type(node).__name__


@pytest.mark.parametrize(("source", "grouped"), [
    ("a + b * c", "(a + (b * c))"),
    ("a - b - c", "((a - b) - c)"),
    ("a << b + c", "(a << (b + c))"),
    ("a =~ b + c", "(a =~ (b + c))"),
    ("a << b =~ c", "(a << (b =~ c))"),
    ("a < b << c", "(a < (b << c))"),
    ("a instanceof List == b", "((a instanceof List) == b)"),
    ("a < b instanceof Boolean", "((a < b) instanceof Boolean)"),
    ("a == b & c", "((a == b) & c)"),
    ("a & b ^ c | d", "(((a & b) ^ c) | d)"),
    ("a | b && c || d", "(((a | b) && c) || d)"),
    ("a || b ?: c ?: d", "((a || b) ?: (c ?: d))"),
    ("a ?: b ? c : d", "((a ?: b) ? c : d)"),
    ("a ? b : c ? d : e", "(a ? b : (c ? d : e))"),
    ("!a && ~b == -c", "((!a) && ((~b) == (-c)))"),
    ("(int) a + b", "(((int) a) + b)"),
    ("(String) a.b", "((String) a.b)"),
    ("(x) - 1", "(x - 1)"),
    ("(x)[0]", "x[0]"),
    ("(def[]) a", "((def[]) a)"),
])
def test_precedence_and_associativity(source, grouped):
    assert shape(expr(source)) == grouped


def test_assignment_is_right_associative():
    assert shape(parse("a = b += c").body[0].expr) == "(a = (b += c))"


def test_negative_literals_fold_like_the_walker():
    lit = expr("-2147483648")
    assert isinstance(lit, n.Literal) and lit.value == -2147483648
    assert isinstance(expr("-(1)"), n.Unary)


def test_dangling_else_binds_to_nearest_if():
    outer = parse("if (a) if (b) x = 1; else x = 2").body[0]
    assert outer.other is None and outer.then.other is not None


def test_functions_before_statements():
    script = parse("int f(int a, def b) { return a } String g() { return 'x' } return f(1, 2)")
    assert [f.name for f in script.functions] == ["f", "g"]
    assert script.functions[0].params[0][0].name == "int"
    with pytest.raises(PainlessSyntaxError):
        parse("x = 1; int f() { return 1 }")


@pytest.mark.parametrize("source", [
    "def a = 1, b, c = 3; int[] d = new int[2]; String[][] e = new String[2][3]; return a",
    "def l = new int[] {1, 2, 3}; def m = [:]; def k = ['a': 1, 'b': [1, 2]]; def j = []",
    "while (x < 3) x++",
    "while (x < 3);",
    "do { x++ } while (x < 3)",
    "for (int i = 0; i < 10; ++i) { continue } for (;;) { break }",
    "for (def v : list) {} for (v in list) {} for (String s : list) s.length()",
    "try { throw new IllegalArgumentException('x') } catch (IllegalArgumentException e) { } catch (Exception e) { }",
    "return",
    "list.forEach(x -> x * 2); list.sort((a, b) -> { return a - b; }); list.stream().map(Integer::parseInt)",
    "list.forEach((int x) -> x); f.apply((def a, b) -> a); g.run(() -> 1); h.apply(this::fn); i.a(String::new)",
    "return x?.y?.z ?: params['k'] + params.k.0 + list[-1]",
    "return s =~ /ab+c/i && s ==~ /x/ && a === b && a !== c",
    "x <<= 1; x >>= 1; x >>>= 1; x &= 1; x |= 1; x ^= 1; x %= 1; x /= 1; x *= 1; x -= 1",
    "return java.lang.Math.max(1, 2) + new java.util.HashMap().size()",
    "if (a) { } else if (b) { } else { }",
])
def test_constructs_parse(source):
    parse(source)


def test_optional_last_semicolon_in_blocks_and_script():
    parse("if (a) { return 1 } return 2")
    parse("if (a) return 1")
    with pytest.raises(PainlessSyntaxError):
        parse("x = 1 y = 2")


def test_a_bare_block_is_not_a_statement():
    parse("if (a) { int x = 1; if (b) { x++ } }")
    with pytest.raises(PainlessSyntaxError):
        parse("{ int x = 1; }")


def test_lambdas_only_as_arguments():
    with pytest.raises(PainlessSyntaxError):
        parse("def f = x -> x")


def test_list_shortcut_and_qualified_names():
    node = expr("a.b.0")
    assert isinstance(node, n.Field) and node.name == "0"
    call = expr("java.lang.Math.max(1, 2)")
    assert isinstance(call, n.Call) and call.name == "max"


def test_string_literal_unescaping():
    assert expr("'a\\'b\\\\c'").value == "a'b\\c"
    assert expr('"say \\"x\\""').value == 'say "x"'


def test_regex_literal_parts():
    node = expr("/a\\/b/iu")
    assert (node.pattern, node.flags) == ("a\\/b", "iu")


def test_invalid_assignment_target_is_a_compile_error():
    from toolkit.painless import check

    with pytest.raises(PainlessCompileError) as err:  # WhenThingsGoWrongTests.testInvalidAssignment
        check("1 = 2")
    assert (err.value.message, err.value.line, err.value.column) == (
        "invalid assignment: cannot assign a value to numeric constant [1]", 1, 1)
    assert check("def x; (x) = 2; return x").body  # Painless has no parenthesis node: x is assigned
    with pytest.raises(PainlessCompileError) as err:
        parse("def x; (x = 1) = 2")
    assert (err.value.line, err.value.column) == (1, 11)


@pytest.mark.parametrize(("source", "line", "column", "expected"), [
    ("int x = ;", 1, 9, "expected one of"),
    ("if (a {\n}", 1, 7, "')'"),
    ("x = 1;\nreturn 1 +", 2, 11, "end of script"),
    ("def x = [1, 2", 1, 14, "']'"),
])
def test_syntax_errors_have_positions_and_expectations(source, line, column, expected):
    with pytest.raises(PainlessSyntaxError) as err:
        parse(source)
    assert (err.value.line, err.value.column) == (line, column)
    assert expected in err.value.message


def test_nodes_carry_positions():
    stmt = parse("def a = 1;\n  return a + 2").body[1]
    assert (stmt.line, stmt.col) == (2, 3)
    assert (stmt.expr.line, stmt.expr.col) == (2, 12)


def test_check_compiles_without_running():
    from toolkit.painless import check

    assert check("while (true) { int y = 5; }").body  # compiles; an endless loop is only a run-time matter
    with pytest.raises(PainlessCompileError, match="cannot resolve symbol"):
        check("return missing")
