"""Pretty-printer: ``to_source(script)`` turns an AST back into Painless text.

Parentheses are printed only where the AST has a ``Paren`` node, so a parsed script prints to
text that parses back to an equal AST. Blocks are indented by four spaces and every statement
ends with a semicolon.
"""

from __future__ import annotations

from toolkit.painless import nodes as n

_INDENT = "    "


def to_source(script: n.Script) -> str:
    """The source text of ``script`` (a ``RecursionError`` for expressions nested thousands deep)."""
    lines: list[str] = []
    for fn in script.functions:
        params = ", ".join(f"{t} {name}" for t, name in fn.params)
        lines.append(f"{fn.rtype} {fn.name}({params}) {_block(fn.body, 0)}")
    for stmt in script.body:
        lines.append(_statement(stmt, 0))
    return "\n".join(lines) + "\n"


def _block(block: n.Block, depth: int) -> str:
    if not block.body:
        return "{}"
    inner = "\n".join(_INDENT * (depth + 1) + _statement(s, depth + 1) for s in block.body)
    return "{\n" + inner + "\n" + _INDENT * depth + "}"


def _body(node, depth: int) -> str:
    """A loop or if body after its header."""
    if node is None:
        return ";"
    if isinstance(node, n.Block):
        return " " + _block(node, depth)
    return " " + _statement(node, depth)


def _statement(node, depth: int) -> str:
    kind = type(node)
    if kind is n.ExprStmt:
        return expression(node.expr) + ";"
    if kind is n.Declaration:
        return _declaration(node) + ";"
    if kind is n.If:
        text = f"if ({expression(node.cond)}){_body(node.then, depth)}"
        if node.other is not None:
            text += (" " if isinstance(node.then, n.Block) else "\n" + _INDENT * depth) + "else" + _body(node.other,
                                                                                                    depth)
        return text
    if kind is n.While:
        return f"while ({expression(node.cond)}){_body(node.body, depth)}"
    if kind is n.DoWhile:
        return f"do {_block(node.body, depth)} while ({expression(node.cond)});"
    if kind is n.For:
        init = "" if node.init is None else (
            _declaration(node.init) if isinstance(node.init, n.Declaration) else expression(node.init))
        cond = "" if node.cond is None else expression(node.cond)
        update = "" if node.update is None else expression(node.update)
        return f"for ({init}; {cond}; {update}){_body(node.body, depth)}"
    if kind is n.ForEach:
        head = f"{node.name} in" if node.type is None else f"{node.type} {node.name} :"
        return f"for ({head} {expression(node.iterable)}){_body(node.body, depth)}"
    if kind is n.Try:
        text = "try " + _block(node.body, depth)
        for c in node.catches:
            text += f" catch ({c.type} {c.name}) " + _block(c.body, depth)
        return text
    if kind is n.Throw:
        return f"throw {expression(node.expr)};"
    if kind is n.Return:
        return "return;" if node.expr is None else f"return {expression(node.expr)};"
    if kind is n.Break:
        return "break;"
    if kind is n.Continue:
        return "continue;"
    raise TypeError(f"not a statement: {kind.__name__}")


def _declaration(node: n.Declaration) -> str:
    parts = [name if init is None else f"{name} = {expression(init)}" for name, init in node.vars]
    return f"{node.type} " + ", ".join(parts)


def _args(args: list) -> str:
    return "(" + ", ".join(expression(a) for a in args) + ")"


def expression(node) -> str:
    """The source text of one expression."""
    kind = type(node)
    if kind is n.Literal:
        return node.text
    if kind is n.Regex:
        return f"/{node.pattern}/{node.flags}"
    if kind is n.Var:
        return node.name
    if kind is n.Paren:
        return f"({expression(node.inner)})"
    if kind is n.Field:
        return f"{expression(node.target)}{'?.' if node.nullsafe else '.'}{node.name}"
    if kind is n.Index:
        return f"{expression(node.target)}[{expression(node.index)}]"
    if kind is n.Call:
        return f"{expression(node.target)}{'?.' if node.nullsafe else '.'}{node.name}{_args(node.args)}"
    if kind is n.LocalCall:
        return node.name + _args(node.args)
    if kind is n.NewObject:
        return f"new {node.type.name}{_args(node.args)}"
    if kind is n.NewArray:
        if node.init is not None:
            return f"new {node.type.name}[] {{{', '.join(expression(e) for e in node.init)}}}"
        return f"new {node.type.name}" + "".join(f"[{expression(s)}]" for s in node.sizes)
    if kind is n.ListInit:
        return "[" + ", ".join(expression(e) for e in node.items) + "]"
    if kind is n.MapInit:
        if not node.entries:
            return "[:]"
        return "[" + ", ".join(f"{expression(k)}: {expression(v)}" for k, v in node.entries) + "]"
    if kind is n.Unary:
        operand = expression(node.operand)
        gap = " " if operand[:1] in "+-" and node.op in "+-" else ""
        return f"{node.op}{gap}{operand}"
    if kind is n.IncDec:
        target = expression(node.target)
        return f"{node.op}{target}" if node.prefix else f"{target}{node.op}"
    if kind is n.Binary:
        return f"{expression(node.left)} {node.op} {expression(node.right)}"
    if kind is n.InstanceOf:
        return f"{expression(node.operand)} instanceof {node.type}"
    if kind is n.Elvis:
        return f"{expression(node.left)} ?: {expression(node.right)}"
    if kind is n.Conditional:
        return f"{expression(node.cond)} ? {expression(node.then)} : {expression(node.other)}"
    if kind is n.Assign:
        return f"{expression(node.target)} {node.op} {expression(node.value)}"
    if kind is n.Cast:
        return f"({node.type}) {expression(node.operand)}"
    if kind is n.Lambda:
        return _lambda(node)
    if kind is n.FuncRef:
        return f"{node.target}{'[]' * node.dims}::{node.method}"
    raise TypeError(f"not an expression: {kind.__name__}")


def _lambda(node: n.Lambda) -> str:
    params = [name if t is None else f"{t} {name}" for t, name in node.params]
    head = params[0] if not node.parenthesised else "(" + ", ".join(params) + ")"
    body = _block(node.body, 0) if isinstance(node.body, n.Block) else expression(node.body)
    return f"{head} -> {body}"
