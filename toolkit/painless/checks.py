"""Compile-time checks Painless makes: unreachable code and missing returns.

A statement *escapes* when control never falls through it (return, throw, break, continue, an
if whose branches all escape, a ``while (true)`` loop without a break). A statement after one
that escapes is "unreachable"; a non-void function whose body can fall off its end does not
"provide a return value on all paths".
"""

from __future__ import annotations

from toolkit.painless import nodes as n
from toolkit.painless.errors import PainlessCompileError


def _always_true(cond) -> bool:
    return cond is None or (isinstance(cond, n.Literal) and cond.value is True)


def _breaks(node) -> bool:
    """Does ``node`` contain a ``break`` for the loop that contains it (not for a nested loop)?"""
    if isinstance(node, n.Break):
        return True
    if isinstance(node, n.Block):
        return any(_breaks(s) for s in node.body)
    if isinstance(node, n.If):
        return _breaks(node.then) or (node.other is not None and _breaks(node.other))
    if isinstance(node, n.Try):
        return _breaks(node.body) or any(_breaks(c.body) for c in node.catches)
    return False


def _endless(node) -> bool:
    if isinstance(node, n.While):
        return _always_true(node.cond) and not (node.body is not None and _breaks(node.body))
    if isinstance(node, n.For):
        return _always_true(node.cond) and not (node.body is not None and _breaks(node.body))
    if isinstance(node, n.DoWhile):
        return _always_true(node.cond) and not _breaks(node.body)
    return False


def escapes(node, *, loops_count: bool = True) -> bool:
    """Control never falls through ``node``; with ``loops_count=False`` only return and throw count."""
    if isinstance(node, (n.Return, n.Throw)):
        return True
    if isinstance(node, (n.Break, n.Continue)):
        return loops_count
    if isinstance(node, n.Block):
        return bool(node.body) and escapes(node.body[-1], loops_count=loops_count)
    if isinstance(node, n.If):
        return node.other is not None and escapes(node.then, loops_count=loops_count) and escapes(
            node.other, loops_count=loops_count)
    if isinstance(node, n.Try):
        return escapes(node.body, loops_count=loops_count) and all(
            escapes(c.body, loops_count=loops_count) for c in node.catches)
    if isinstance(node, n.DoWhile) and escapes(node.body, loops_count=False):
        return True
    return _endless(node)


def check_reachable(statements: list) -> None:
    """Raise at the first statement that follows one that escapes."""
    for before, after in zip(statements, statements[1:]):
        if escapes(before):
            raise PainlessCompileError("Unreachable statement.", after.line, after.col)


def check_returns(fn: n.Function) -> None:
    """A non-void function must return or throw on every path."""
    if (fn.rtype.name != "void" or fn.rtype.dims) and not escapes(fn.body, loops_count=False):
        raise PainlessCompileError(f"invalid function definition: not all paths provide a return value for "
                                   f"function [{fn.name}] with [{len(fn.params)}] parameters", fn.line, fn.col)

