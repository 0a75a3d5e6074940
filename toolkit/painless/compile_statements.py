"""Statement compilation: blocks, declarations, if, the four loops, try/catch, throw, return, break, continue.

Each statement compiles to ``fn(frame) -> signal`` (``None`` to go on, ``BREAK``, ``CONTINUE`` or a
``Returned``). Loops tick Painless' loop counter once per iteration by the number of statements in
their body.
"""

from __future__ import annotations

from toolkit.painless import checks, members
from toolkit.painless import nodes as n
from toolkit.painless.compile_support import DEF_TYPE, located, short_type
from toolkit.painless.errors import PainlessCompileError, PainlessUnsupported
from toolkit.painless.flow import BREAK, CONTINUE, Returned
from toolkit.painless.values import EXCEPTION_PARENTS, JavaException, JavaThrow, assign_check, default_of, truth


class StatementCompiler:
    """Mixin of ``Compiler``: the statement half."""

    def _statements(self, stmts: list, top_level: bool = False):
        checks.check_reachable(stmts)
        compiled = []
        for i, stmt in enumerate(stmts):
            if top_level and i == len(stmts) - 1 and isinstance(stmt, n.ExprStmt):
                expr = self.expr(stmt.expr)
                compiled.append(lambda f, expr=expr: Returned(expr(f)))
            else:
                compiled.append(self.stmt(stmt))
        if len(compiled) == 1:
            return compiled[0]

        def run(f):
            for s in compiled:
                r = s(f)
                if r is not None:
                    return r
            return None
        return run

    def _block(self, block: n.Block):
        self.layout.push()
        try:
            if not block.body:
                return lambda f: None
            return self._statements(block.body)
        finally:
            self.layout.pop()

    def stmt(self, node: n.Node):
        method = getattr(self, "_s_" + type(node).__name__)
        return method(node)

    def _body(self, node):
        """A loop or if body: a block, a statement in its own scope, or None for ``;``."""
        if node is None:
            return lambda f: None
        if isinstance(node, n.Block):
            return self._block(node)
        self.layout.push()
        try:
            return self.stmt(node)
        finally:
            self.layout.pop()

    @staticmethod
    def _count(node) -> int:
        return max(1, len(node.body)) if isinstance(node, n.Block) else 1

    def _s_ExprStmt(self, node):
        expr = self.expr(node.expr)

        def run(f):
            expr(f)
        return run

    def _s_Declaration(self, node: n.Declaration):
        self._check_type(node.type)
        steps = []
        for name, init in node.vars:
            checks.check_literal_assignment(node.type, init)
            value = self.expr(init) if init is not None else None
            slot = self.layout.declare(name, node.type, node.line, node.col)
            steps.append((slot, value))
        tname, dims = node.type.name, node.type.dims
        plain = tname == "def" and dims == 0
        default = default_of(tname) if dims == 0 else None

        def run(f):
            for slot, value in steps:
                if value is None:
                    f[slot] = default
                else:
                    v = value(f)
                    f[slot] = v if plain else assign_check(v, tname, dims)
        return located(run, node)

    def _s_If(self, node: n.If):
        cond = self.expr(node.cond)
        then = self._body(node.then)
        other = self._body(node.other) if node.other is not None else None

        line, col = node.line, node.col

        def run(f):
            c = cond(f)
            if c is True:
                return then(f)
            if c is False:
                return other(f) if other is not None else None
            try:
                truth(c, "if condition")
            except JavaThrow as exc:
                exc.line, exc.col = line, col
                raise
        return run

    def _s_While(self, node: n.While):
        cond = self.expr(node.cond)
        body = self._loop_body(node.body)
        count, line, col = self._count(node.body), node.line, node.col

        def run(f):
            ctx = f[0]
            while True:
                c = cond(f)
                if c is not True:
                    if c is False or not truth(c, "while condition"):
                        break
                ctx.tick(count, line, col)
                r = body(f)
                if r is not None:
                    if r is BREAK:
                        break
                    if r is not CONTINUE:
                        return r
            return None
        return located(run, node)

    def _s_DoWhile(self, node: n.DoWhile):
        body = self._loop_body(node.body)
        cond = self.expr(node.cond)
        count, line, col = self._count(node.body), node.line, node.col

        def run(f):
            ctx = f[0]
            while True:  # Painless counts a do-while iteration after its condition, so not the first
                r = body(f)
                if r is not None:
                    if r is BREAK:
                        break
                    if r is not CONTINUE:
                        return r
                if not truth(cond(f), "do-while condition"):
                    break
                ctx.tick(count, line, col)
            return None
        return located(run, node)

    def _s_For(self, node: n.For):
        self.layout.push()
        try:
            init = None
            if isinstance(node.init, n.Declaration):
                init = self.stmt(node.init)
            elif node.init is not None:
                init = self.expr(node.init)
            cond = self.expr(node.cond) if node.cond is not None else (lambda f: True)
            update = self.expr(node.update) if node.update is not None else None
            body = self._loop_body(node.body)
        finally:
            self.layout.pop()
        count, line, col = self._count(node.body), node.line, node.col

        def run(f):
            ctx = f[0]
            if init is not None:
                init(f)
            while True:
                c = cond(f)
                if c is not True:
                    if c is False or not truth(c, "for condition"):
                        break
                ctx.tick(count, line, col)
                r = body(f)
                if r is not None:
                    if r is BREAK:
                        break
                    if r is not CONTINUE:
                        return r
                if update is not None:
                    update(f)
            return None
        return located(run, node)

    def _s_ForEach(self, node: n.ForEach):
        iterable = self.expr(node.iterable)
        vtype = node.type or DEF_TYPE
        self._check_type(vtype)
        self.layout.push()
        try:
            slot = self.layout.declare(node.name, vtype, node.line, node.col)
            body = self._loop_body(node.body)
        finally:
            self.layout.pop()
        count, line, col = self._count(node.body), node.line, node.col
        tname, dims = vtype.name, vtype.dims
        plain = tname == "def" and dims == 0

        def run(f):
            ctx = f[0]
            for item in members.iterate(iterable(f)):
                ctx.tick(count, line, col)
                f[slot] = item if plain else assign_check(item, tname, dims)
                r = body(f)
                if r is not None:
                    if r is BREAK:
                        break
                    if r is not CONTINUE:
                        return r
            return None
        return located(run, node)

    def _s_Try(self, node: n.Try):
        body = self._block(node.body)
        handlers = []
        for catch in node.catches:
            short = short_type(catch.type.name)
            if short == "Throwable":  # reserved for Painless itself: scripts catch Exceptions only
                raise PainlessCompileError("cannot resolve type [Throwable]", catch.line, catch.col)
            if short not in EXCEPTION_PARENTS:
                raise PainlessUnsupported(f"catching [{catch.type.name}]", catch.line, catch.col)
            self.layout.push()
            try:
                slot = self.layout.declare(catch.name, catch.type, catch.line, catch.col)
                handlers.append((short, slot, self._block(catch.body)))
            finally:
                self.layout.pop()

        def run(f):
            try:
                return body(f)
            except JavaThrow as exc:
                for short, slot, handler in handlers:
                    if exc.exc.is_a(short):
                        f[slot] = exc.exc
                        return handler(f)
                raise
        return run

    def _s_Throw(self, node: n.Throw):
        expr = self.expr(node.expr)
        line, col = node.line, node.col

        def run(f):
            value = expr(f)
            if isinstance(value, JavaException):
                raise JavaThrow(value, line, col)
            if value is None:
                raise JavaThrow(JavaException("NullPointerException", "Cannot throw a null value"), line, col)
            raise PainlessUnsupported(f"throwing a {type(value).__name__}", line, col)
        return run

    def _s_Return(self, node: n.Return):
        if node.expr is None:
            return lambda f: Returned(None)
        expr = self.expr(node.expr)
        return lambda f: Returned(expr(f))

    def _s_Break(self, node):
        if not self.loops:
            raise PainlessCompileError("Break statement outside of a loop.", node.line, node.col)
        return lambda f: BREAK

    def _s_Continue(self, node):
        if not self.loops:
            raise PainlessCompileError("Continue statement outside of a loop.", node.line, node.col)
        return lambda f: CONTINUE

    def _loop_body(self, node):
        """A loop body, compiled with break and continue allowed."""
        self.loops += 1
        try:
            return self._body(node)
        finally:
            self.loops -= 1
