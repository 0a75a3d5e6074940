"""Compile a ``Script`` AST into Python closures over frames (lists of slots).

Each expression becomes ``fn(frame) -> value`` and each statement ``fn(frame) -> signal``
(``None`` to go on, ``BREAK``, ``CONTINUE`` or a ``Returned``). Names are resolved to slots here,
once, so the run does no dictionary look-ups for locals. Everything the script can reach goes
through the allowlist tables in ``members`` and ``classes``.
"""

from __future__ import annotations

from toolkit.painless import checks, semantics
from toolkit.painless import nodes as n
from toolkit.painless.compile_expressions import ExpressionCompiler
from toolkit.painless.compile_statements import StatementCompiler
from toolkit.painless.compile_support import short_type
from toolkit.painless.errors import PainlessCompileError, PainlessLimitError
from toolkit.painless.flow import Returned
from toolkit.painless.implicit_return import returning
from toolkit.painless.scope import FrameLayout
from toolkit.painless.values import assign_check


class Compiler(StatementCompiler, ExpressionCompiler):
    """Compiles one script; ``compile_script`` returns ``(main, layout, params_slot)``.

    ``context_returns`` is the script's return type as the script context declares it (``Object`` in
    OpenSearch's tests, ``String`` for ML Commons' TemplateScript).
    """

    def __init__(self, script: n.Script, jdk: int = 21, context_returns: str = "Object"):
        self.script, self.jdk, self.context_returns = script, jdk, context_returns
        self.functions: dict[str, n.Function] = {}
        for fn in script.functions:
            key = f"{fn.name}/{len(fn.params)}"
            if key in self.functions:
                raise PainlessCompileError(f"Illegal duplicate functions [{key}].", fn.line, fn.col)
            self.functions[key] = fn
        self.layout: FrameLayout = FrameLayout()
        self.compiled: dict[str, object] = {}
        self.compared_by_value: frozenset[int] = frozenset()  # the === and !== of two primitives (semantics)
        self.returns: tuple[str, int] | None = None  # what `return` converts to: None for def, the script and lambdas

    def compile_script(self):
        try:
            self.compared_by_value = semantics.analyze(self.script, self.context_returns)
            for key, fn in self.functions.items():
                self.compiled[key] = self._function(fn)
            params_slot = self.layout.declare("params", n.TypeName("Map"), 1, 1)
            body = self._statements(returning(self.script.body))
        except RecursionError:
            raise PainlessLimitError("the script nests expressions too deeply for the emulator") from None
        return body, self.layout, params_slot

    def _function(self, fn: n.Function):
        rtype = (short_type(fn.rtype.name), fn.rtype.dims)
        if rtype != ("void", 0):
            fn = n.Function(fn.rtype, fn.name, fn.params, n.Block(returning(fn.body.body), line=fn.body.line,
                                                                   col=fn.body.col), line=fn.line, col=fn.col)
        checks.check_returns(fn)
        outer, layout, returns = self.layout, FrameLayout(), self.returns
        self.layout = layout
        self.returns = None if rtype in (("void", 0), ("def", 0)) else rtype
        try:
            slots = []
            for ptype, pname in fn.params:
                self._check_type(ptype)
                slots.append((layout.declare(pname, ptype, ptype.line, ptype.col), ptype))
            self._check_type(fn.rtype)
            body = self._block(fn.body)
        finally:
            self.layout, self.returns = outer, returns
        return UserFunction(fn, body, layout.size, slots)


class UserFunction:
    """A compiled script function (its ``return`` statements convert to its return type)."""

    __slots__ = ("node", "body", "size", "params")

    def __init__(self, node: n.Function, body, size: int, params: list):
        self.node, self.body, self.size, self.params = node, body, size, params

    def call(self, ctx, args: list, line: int, col: int):
        if ctx.depth >= ctx.max_depth:
            raise PainlessLimitError(f"recursion deeper than the emulator's limit of {ctx.max_depth} calls",
                                     line, col)
        ctx.call(line, col)
        frame = [None] * self.size
        frame[0] = ctx
        for (slot, ptype), value in zip(self.params, args):
            frame[slot] = value if ptype.name == "def" and not ptype.dims else assign_check(
                value, short_type(ptype.name), ptype.dims)
        ctx.depth += 1
        try:
            result = self.body(frame)
        finally:
            ctx.depth -= 1
        return result.value if isinstance(result, Returned) else None

