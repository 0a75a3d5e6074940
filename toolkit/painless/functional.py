"""Function values: lambdas and method references passed to allowlisted functional methods.

Every function value has ``call(args)``; Java functional interfaces (Function, Predicate,
Comparator, Consumer, ...) are all called that way, by arity.
"""

from __future__ import annotations

from toolkit.painless.errors import PainlessCompileError
from toolkit.painless.flow import Returned
from toolkit.painless.values import assign_check


class Lambda:
    """A lambda with the values it captured when it was created."""

    __slots__ = ("ctx", "captured", "size", "params", "body", "expression", "line", "col")

    def __init__(self, frame, captures, size, params, body, expression, line, col):
        self.ctx = frame[0]
        self.captured = [(inner, frame[outer]) for outer, inner in captures]
        self.size, self.params, self.body, self.expression = size, params, body, expression
        self.line, self.col = line, col

    def call(self, args: list):
        if len(args) != len(self.params):
            raise PainlessCompileError(f"the lambda takes {len(self.params)} parameter(s) but is called with "
                                       f"{len(args)} here", self.line, self.col)
        self.ctx.call(self.line, self.col)
        frame = [None] * self.size
        frame[0] = self.ctx
        for slot, value in self.captured:
            frame[slot] = value
        for (slot, ptype), value in zip(self.params, args):
            plain = ptype.name == "def" and not ptype.dims
            frame[slot] = value if plain else assign_check(value, ptype.name, ptype.dims)
        result = self.body(frame)
        if self.expression:
            return result
        return result.value if isinstance(result, Returned) else None


class Reference:
    """A method reference: ``this::fn``, ``obj::method``, ``Type::method`` or ``Type::new``."""

    __slots__ = ("target", "kind", "method", "ctx", "line", "col")

    def __init__(self, ctx, kind: str, target, method: str, line: int, col: int):
        self.ctx, self.kind, self.target, self.method, self.line, self.col = ctx, kind, target, method, line, col

    @classmethod
    def local(cls, ctx, compiled: dict, name: str, line: int, col: int) -> Reference:
        return cls(ctx, "local", compiled, name, line, col)

    @classmethod
    def bound(cls, ctx, obj, name: str, line: int, col: int) -> Reference:
        return cls(ctx, "bound", obj, name, line, col)

    @classmethod
    def of_class(cls, ctx, short: str, name: str, line: int, col: int) -> Reference:
        return cls(ctx, "class", short, name, line, col)

    def call(self, args: list):
        from toolkit.painless import classes, members

        ctx, line, col = self.ctx, self.line, self.col
        if self.kind == "local":
            key = f"{self.method}/{len(args)}"
            if key not in self.target:
                raise PainlessCompileError(f"Unknown function [{key}] for the reference this::{self.method}",
                                           line, col)
            return self.target[key].call(ctx, args, line, col)
        if self.kind == "bound":
            return members.invoke(ctx, self.target, self.method, len(args), args, line, col)
        if self.method == "new":
            return classes.constructor(self.target, len(args), line, col)(ctx, args)
        if classes.has_static(self.target, self.method, len(args)):
            return classes.static_method(self.target, self.method, len(args), line, col)(ctx, args)
        if not args:
            raise PainlessCompileError(f"cannot resolve the reference {self.target}::{self.method}", line, col)
        return members.invoke(ctx, args[0], self.method, len(args) - 1, args[1:], line, col)
