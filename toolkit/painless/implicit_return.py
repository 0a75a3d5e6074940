"""The value of a body's last expression: Painless returns it (the semantic pass's ``LastSource``).

The last statement of a function, lambda or script body is its *last source*; so is the last
statement of each branch of an ``if``/``else`` and of a ``try`` block and its ``catch`` blocks that
are themselves a last source (loops are not). An expression statement there returns its value, cast
to the return type as a ``return`` would (``int get() {5} get()`` is 5). ``returning`` rewrites
those statements as ``Return`` nodes, on new nodes: the parsed tree is left as written.
"""

from __future__ import annotations

from toolkit.painless import nodes as n


def returning(statements: list) -> list:
    """``statements`` with their last source returning its value where it is an expression."""
    if not statements:
        return statements
    last = _last_source(statements[-1])
    return statements if last is statements[-1] else [*statements[:-1], last]


def _last_source(node):
    if isinstance(node, n.ExprStmt):
        return n.Return(node.expr, line=node.line, col=node.col)
    if isinstance(node, n.Block):
        body = returning(node.body)
        return node if body is node.body else n.Block(body, line=node.line, col=node.col)
    if isinstance(node, n.If):
        then = _last_source(node.then)
        other = _last_source(node.other) if node.other is not None else None
        if then is node.then and other is node.other:
            return node
        return n.If(node.cond, then, other, line=node.line, col=node.col)
    if isinstance(node, n.Try):
        body = _last_source(node.body)
        catches = [_catch(c) for c in node.catches]
        if body is node.body and all(new is old for new, old in zip(catches, node.catches)):
            return node
        return n.Try(body, catches, line=node.line, col=node.col)
    return node


def _catch(catch: n.Catch) -> n.Catch:
    body = _last_source(catch.body)
    return catch if body is catch.body else n.Catch(catch.type, catch.name, body, line=catch.line, col=catch.col)
