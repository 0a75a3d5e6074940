"""Lark callbacks that turn the parse of ``painless.lark`` into ``nodes`` dataclasses.

Called by the LALR parser as it reduces (no intermediate tree). A dotted ``name`` is the prefix
that types and expressions share; it becomes a ``TypeName`` or a ``Var``/``Field`` chain here.
"""

from __future__ import annotations

import re

from lark import Token, Transformer

from toolkit.painless import nodes as n
from toolkit.painless.errors import PainlessCompileError, PainlessSyntaxError

_UNESCAPE = re.compile(r"\\(.)", re.S)
_ASSIGNABLE = (n.Var, n.Field, n.Index)
# Targets that parse but do not compile: the semantic pass reports each with Painless' own message.
_REJECTED_TARGETS = (n.Literal, n.Regex, n.Binary, n.Unary, n.Call, n.LocalCall, n.NewObject, n.NewArray,
                     n.ListInit, n.MapInit, n.Conditional, n.Elvis, n.InstanceOf, n.Cast)
_PRECEDENCE = {
    "*": 11, "/": 11, "%": 11, "+": 10, "-": 10, "=~": 9, "==~": 9, "<<": 8, ">>": 8, ">>>": 8,
    "<": 7, "<=": 7, ">": 7, ">=": 7, "instanceof": 6, "==": 5, "!=": 5, "===": 5, "!==": 5,
    "&": 4, "^": 3, "|": 2, "&&": 1, "||": 0.5,
}


class _Name:
    """A dotted name as parsed: its parts and their tokens."""

    __slots__ = ("toks",)

    def __init__(self, toks: list[Token]):
        self.toks = toks

    @property
    def dotted(self) -> str:
        return ".".join(_member(t) for t in self.toks)

    def as_expression(self) -> n.Node:
        first = self.toks[0]
        node: n.Node = n.Var(first.value, line=first.line, col=first.column)
        for tok in self.toks[1:]:
            node = n.Field(node, _member(tok), line=tok.line, col=tok.column)
        return node


def _member(tok: Token) -> str:
    """The identifier or index of an ID/DOTID/NSDOTID/DOTINT/NSDOTINT token."""
    value = tok.value
    if tok.type == "ID":
        return value
    return value[2:] if value[0] == "?" else value[1:]


def _at(item) -> dict:
    if isinstance(item, Token):
        return {"line": item.line, "col": item.column}
    if isinstance(item, _Name):
        return _at(item.toks[0])
    return {"line": item.line, "col": item.col}


def _unparen(node):
    while isinstance(node, n.Paren):
        node = node.inner
    return node


def _nodes(children) -> list:
    return [c for c in children if isinstance(c, n.Node)]


def _type(item) -> n.TypeName:
    if isinstance(item, n.TypeName):
        return item
    if isinstance(item, _Name):
        return n.TypeName(item.dotted, **_at(item))
    return n.TypeName(item.value, **_at(item))


def literal_of(tok: Token) -> n.Literal:
    """The value of a literal token, typed as Painless types it."""
    text, kind = tok.value, tok.type
    at = _at(tok)
    if kind == "STRING":
        return n.Literal("String", _UNESCAPE.sub(r"\1", text[1:-1]), text, **at)
    if kind in ("TRUE", "FALSE"):
        return n.Literal("boolean", kind == "TRUE", text, **at)
    if kind == "NULL":
        return n.Literal("null", None, text, **at)
    suffixes = "lL" if kind == "HEX" else "lLfFdD"
    suffix = text[-1].lower() if text[-1] in suffixes else ""
    digits = text[:-1] if suffix else text
    if kind == "DECIMAL" or suffix in ("f", "d"):
        return n.Literal("float" if suffix == "f" else "double", float(digits), text, **at)
    base = {"OCTAL": 8, "HEX": 16}.get(kind, 10)
    value = int(digits[2:] if base == 16 else digits, base)
    return n.Literal("long" if suffix == "l" else "int", value, text, **at)


class AstBuilder(Transformer):
    """One callback per rule or alias of the grammar."""

    # ---- program structure ----
    def start(self, c):
        functions = [x for x in c if isinstance(x, n.Function)]
        body = [x for x in c if isinstance(x, n.Node) and not isinstance(x, n.Function)]
        return n.Script(functions, body, line=1, col=1)

    def function(self, c):
        params = [x for x in c[3:-2] if isinstance(x, tuple)]
        return n.Function(c[0], c[1].value, params, c[-1], **_at(c[0]))

    def param(self, c):
        return (c[0], c[1].value)

    def statement(self, c):
        return c[0]

    def block(self, c):
        return n.Block(_nodes(c), **_at(c[0]))

    # ---- statements ----
    def if_(self, c):
        return n.If(c[2], c[4], c[6] if len(c) > 5 else None, **_at(c[0]))

    def while_(self, c):
        return n.While(c[2], c[4] if isinstance(c[4], n.Node) else None, **_at(c[0]))

    def for_(self, c):
        body = c[8] if isinstance(c[8], n.Node) else None
        return n.For(c[2], c[4], c[6], body, **_at(c[0]))

    def each(self, c):
        if len(c) == 8:
            return n.ForEach(c[2], c[3].value, c[5], c[7], **_at(c[0]))
        return n.ForEach(None, c[2].value, c[4], c[6], **_at(c[0]))

    def try_(self, c):
        return n.Try(c[1], c[2:], **_at(c[0]))

    def trap(self, c):
        return n.Catch(_type(c[2]), c[3].value, c[5], **_at(c[0]))

    def do_(self, c):
        return n.DoWhile(c[1], c[4], **_at(c[0]))

    def declaration(self, c):
        return n.Declaration(c[0], [x for x in c[1:] if isinstance(x, tuple)], **_at(c[0]))

    def declvar(self, c):
        return (c[0].value, c[2] if len(c) == 3 else None)

    def continue_(self, c):
        return n.Continue(**_at(c[0]))

    def break_(self, c):
        return n.Break(**_at(c[0]))

    def return_(self, c):
        return n.Return(c[1] if len(c) > 1 else None, **_at(c[0]))

    def throw(self, c):
        return n.Throw(c[1], **_at(c[0]))

    def expr_stmt(self, c):
        return n.ExprStmt(c[0], **_at(c[0]))

    # ---- types and names ----
    def name(self, c):
        if len(c) == 1:
            return _Name([c[0]])
        return _Name(c[0].toks + [c[1]])

    def decltype(self, c):
        return _type(c[0])

    def arraytype(self, c):
        base = _type(c[0])
        return n.TypeName(base.name, len(c) - 1, line=base.line, col=base.col)

    def dimpair(self, c):
        return c[0]

    # ---- expressions ----
    def assignop(self, c):
        return c[0]

    def assign(self, c):
        target = _unparen(c[0])  # Painless has no parenthesis node: `(x) = 1` assigns x
        if not isinstance(target, _ASSIGNABLE + _REJECTED_TARGETS):
            raise PainlessCompileError("invalid assignment: the left side must be a variable, field or element",
                                       target.line, target.col)
        return n.Assign(c[1].value, target, c[2], **_at(c[1]))

    def cond(self, c):
        return n.Conditional(c[0], c[2], c[4], **_at(c[1]))

    def elvis(self, c):
        return n.Elvis(c[0], c[2], **_at(c[1]))

    def opsuffix(self, c):
        return (c[0], c[1])

    def opchain(self, c):
        """Group ``operand (op operand | instanceof type)*`` by Java precedence (shunting-yard)."""
        operands, operators = [c[0]], []

        def reduce_while(level: int) -> None:
            while operators and _PRECEDENCE[operators[-1].value] >= level:
                op = operators.pop()
                right = operands.pop()
                operands.append(n.Binary(op.value, operands.pop(), right, **_at(op)))

        for op, item in c[1:]:
            level = _PRECEDENCE[op.value]
            reduce_while(level)
            if op.type == "INSTANCEOF":
                operands.append(n.InstanceOf(operands.pop(), item, **_at(op)))
            else:
                operators.append(op)
                operands.append(item)
        reduce_while(0)
        return operands[0]

    def unary_op(self, c):
        op, operand = c[0].value, c[1]
        if (op == "-" and isinstance(operand, n.Literal) and operand.kind in ("int", "long", "float", "double")
                and not operand.text.startswith("-")):
            return n.Literal(operand.kind, -operand.value, "-" + operand.text, **_at(c[0]))
        return n.Unary(op, operand, **_at(c[0]))

    def preinc(self, c):
        return n.IncDec(c[0].value, True, self._incdec_target(c[1]), **_at(c[0]))

    def postinc(self, c):
        return n.IncDec(c[1].value, False, self._incdec_target(c[0]), **_at(c[1]))

    @staticmethod
    def _incdec_target(target):
        target = _unparen(target)
        if not isinstance(target, _ASSIGNABLE + _REJECTED_TARGETS):
            raise PainlessCompileError("invalid ++/--: the operand must be a variable, field or element",
                                       target.line, target.col)
        return target

    def cast(self, c):
        if isinstance(c[0], tuple):  # paren_name
            return n.Cast(_type(c[0][1]), c[1], **_at(c[0][0]))
        return n.Cast(_type(c[1]), c[3], **_at(c[0]))

    def paren_name(self, c):
        return (c[0], c[1])

    def paren(self, c):
        return n.Paren(c[1], **_at(c[0]))

    def paren_var(self, c):
        lp, name = c[0]
        return n.Paren(name.as_expression(), **_at(lp))

    def literal(self, c):
        return literal_of(c[0])

    def regex(self, c):
        text = c[0].value
        end = text.rindex("/")
        return n.Regex(text[1:end], text[end + 1:], **_at(c[0]))

    def var(self, c):
        return c[0].as_expression()

    def name_call(self, c):
        name, args = c
        if len(name.toks) == 1:
            return n.LocalCall(name.toks[0].value, args, **_at(name))
        last = name.toks[-1]
        return n.Call(_Name(name.toks[:-1]).as_expression(), _member(last), args, last.type == "NSDOTID",
                      **_at(last))

    def name_index(self, c):
        return n.Index(c[0].as_expression(), c[2], **_at(c[1]))

    def call(self, c):
        return n.Call(c[0], _member(c[1]), c[2], c[1].type == "NSDOTID", **_at(c[1]))

    def field(self, c):
        return n.Field(c[0], _member(c[1]), c[1].type.startswith("NS"), **_at(c[1]))

    def index(self, c):
        return n.Index(c[0], c[2], **_at(c[1]))

    def arguments(self, c):
        return _nodes(c)

    def new_object(self, c):
        return n.NewObject(_type(c[1]), c[2], **_at(c[0]))

    def new_array(self, c):
        sizes = _nodes(c[2:])
        base = _type(c[1])
        return n.NewArray(n.TypeName(base.name, len(sizes), **_at(c[1])), sizes, None, **_at(c[0]))

    def new_array_init(self, c):
        base = _type(c[1])
        return n.NewArray(n.TypeName(base.name, 1, **_at(c[1])), [], _nodes(c[4:]), **_at(c[0]))

    def listinit(self, c):
        return n.ListInit(_nodes(c), **_at(c[0]))

    def mapinit(self, c):
        return n.MapInit([x for x in c if isinstance(x, tuple)], **_at(c[0]))

    def maptoken(self, c):
        return (c[0], c[2])

    # ---- lambdas and references ----
    def lambda_(self, c):
        params, parenthesised = c[0]
        return n.Lambda(params, c[2], parenthesised, **_at(c[1]))

    def lam_single(self, c):
        return ([(None, c[0].value)], False)

    def lam_typed(self, c):
        return ([(c[0], c[1].value)], False)

    def lam_paren(self, c):
        lp, name = c[0]
        if len(name.toks) != 1:
            tok = name.toks[1]
            raise PainlessSyntaxError("expected a lambda parameter name", tok.line, tok.column)
        return ([(None, name.toks[0].value)], True)

    def lam_params(self, c):
        if len(c) == 4 and isinstance(c[1], n.TypeName):
            return ([(c[1], c[2].value)], True)
        return ([x for x in c if isinstance(x, tuple)], True)

    def lamparam(self, c):
        if len(c) == 1:
            if len(c[0].toks) != 1:
                tok = c[0].toks[1]
                raise PainlessSyntaxError("expected a lambda parameter name", tok.line, tok.column)
            return (None, c[0].toks[0].value)
        return (c[0], c[1].value)

    def funcref(self, c):
        target = c[0]
        if isinstance(target, Token):  # this::fn
            return n.FuncRef("this", c[2].value, 0, **_at(target))
        return n.FuncRef(target.name, c[2].value, target.dims, line=target.line, col=target.col)
