"""Statement compilation: blocks, declarations, if, the four loops, try/catch, throw, return, break, continue.

Each statement compiles to ``fn(frame) -> signal`` (``None`` to go on, ``BREAK``, ``CONTINUE`` or a
``Returned``). Loops tick Painless' loop counter once per iteration by the number of statements in
their body.
"""

from __future__ import annotations

from toolkit.javavalues.numbers import JInt
from toolkit.painless import checks, members
from toolkit.painless import nodes as n
from toolkit.painless.compile_support import DEF_TYPE, INT_COMPARE, located, short_type
from toolkit.painless.errors import PainlessCompileError, PainlessUnsupported
from toolkit.painless.fastmath import SMALL_INT_LIMIT, SMALL_INTS, make_int
from toolkit.painless.flow import BREAK, CONTINUE, Returned
from toolkit.painless.values import (
    EXCEPTION_PARENTS, JavaException, JavaThrow, assign_check, cast, default_of, truth,
)

_int_add = int.__add__


class StatementCompiler:
    """Mixin of ``Compiler``: the statement half."""

    def _statements(self, stmts: list):
        return _as_statement(*self._sequence(stmts))

    def _sequence(self, stmts: list):
        """``(closure, dropped)`` for a statement list: a lone step as it is, several run in order.

        ``dropped`` is true when the closure is an expression statement's expression, whose value
        the caller ignores (the statement completes normally).
        """
        steps = self._steps(stmts)
        if len(steps) == 1:
            return steps[0]

        def run(f):
            for s, dropped in steps:
                if dropped:
                    s(f)
                else:
                    r = s(f)
                    if r is not None:
                        return r
            return None
        return run, False

    def _steps(self, stmts: list) -> list:
        """The ``(closure, dropped)`` steps of a statement list."""
        checks.check_reachable(stmts)
        return [self._step(stmt) for stmt in stmts]

    def _step(self, node):
        """``(closure, dropped)`` for one statement."""
        if isinstance(node, n.ExprStmt):
            return self.expr(node.expr), True
        return self.stmt(node), False

    def _block(self, block: n.Block):
        return _as_statement(*self._block_step(block))

    def _block_step(self, block: n.Block):
        """``(closure, dropped)`` of a block, in its own scope."""
        self.layout.push()
        try:
            if not block.body:
                return _nothing, False
            return self._sequence(block.body)
        finally:
            self.layout.pop()

    def stmt(self, node: n.Node):
        method = getattr(self, "_s_" + type(node).__name__)
        return method(node)

    def _body_step(self, node):
        """``(closure, dropped)`` of a loop or if body."""
        if node is None:
            return _nothing, False
        if isinstance(node, n.Block):
            return self._block_step(node)
        self.layout.push()
        try:
            return self._step(node)
        finally:
            self.layout.pop()

    @staticmethod
    def _count(node) -> int:
        return max(1, len(node.body)) if isinstance(node, n.Block) else 1

    def _s_ExprStmt(self, node):
        return _as_statement(*self._step(node))

    def _s_Declaration(self, node: n.Declaration):
        self._check_type(node.type)
        steps = []
        for name, init in node.vars:
            value = self.value_for(init, short_type(node.type.name), node.type.dims) if init is not None else None
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
        cond = left = right = fast = general = None  # a comparison is inlined: left, right, fast, general
        if isinstance(node.cond, n.Binary) and node.cond.op in INT_COMPARE:
            left, right, fast, general = self.comparison(node.cond)
        else:
            cond = self.expr(node.cond)
        then, then_dropped = self._body_step(node.then)
        other, other_dropped = self._body_step(node.other) if node.other is not None else (None, False)
        line, col = node.line, node.col

        def run(f):
            if left is not None:
                a, b = left(f), right(f)
                c = fast(a, b) if type(a) is JInt and type(b) is JInt else general(f, a, b)
            else:
                c = cond(f)
            if c is True:
                if then_dropped:
                    then(f)
                    return None
                return then(f)
            if c is False:
                if other is None:
                    return None
                if other_dropped:
                    other(f)
                    return None
                return other(f)
            try:
                truth(c, "if condition")
            except JavaThrow as exc:
                exc.line, exc.col = line, col
                raise
        return run

    def _s_While(self, node: n.While):
        cond = self.expr(node.cond)
        steps = self._loop_steps(node.body)
        count, line, col = self._count(node.body), node.line, node.col

        def run(f):
            ctx = f[0]
            limit = ctx.max_loop_counter
            while True:
                c = cond(f)
                if c is not True:
                    if c is False or not truth(c, "while condition"):
                        break
                ctx.loops = loops = ctx.loops + count  # ctx.tick, inline
                if loops >= limit or loops & 0xFF < count:
                    ctx.check_bounds(line, col)
                for step, dropped in steps:
                    if dropped:
                        step(f)
                    else:
                        r = step(f)
                        if r is not None:
                            if r is CONTINUE:
                                break
                            return None if r is BREAK else r
            return None
        return located(run, node)

    def _s_DoWhile(self, node: n.DoWhile):
        steps = self._loop_steps(node.body)
        cond = self.expr(node.cond)
        count, line, col = self._count(node.body), node.line, node.col

        def run(f):
            ctx = f[0]
            while True:  # Painless counts a do-while iteration after its condition, so not the first
                for step, dropped in steps:
                    if dropped:
                        step(f)
                    else:
                        r = step(f)
                        if r is not None:
                            if r is CONTINUE:
                                break
                            return None if r is BREAK else r
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
            counter = self.counter_step(node.update)
            if counter is not None and isinstance(node.cond, n.Binary) and node.cond.op in INT_COMPARE:
                comparison = self.comparison(node.cond)
                update = self.expr(node.update)
                steps = self._loop_steps(node.body)
                return located(self._counted_for(node, init, comparison, counter, update, steps), node)
            cond = self.expr(node.cond) if node.cond is not None else (lambda f: True)
            update = self.expr(node.update) if node.update is not None else None
            steps = self._loop_steps(node.body)
        finally:
            self.layout.pop()
        count, line, col = self._count(node.body), node.line, node.col

        def run(f):
            ctx = f[0]
            limit = ctx.max_loop_counter
            if init is not None:
                init(f)
            while True:
                c = cond(f)
                if c is not True:
                    if c is False or not truth(c, "for condition"):
                        break
                ctx.loops = loops = ctx.loops + count  # ctx.tick, inline
                if loops >= limit or loops & 0xFF < count:
                    ctx.check_bounds(line, col)
                for step, dropped in steps:
                    if dropped:
                        step(f)
                    else:
                        r = step(f)
                        if r is not None:
                            if r is CONTINUE:
                                break
                            return None if r is BREAK else r
                if update is not None:
                    update(f)
            return None
        return located(run, node)

    def _counted_for(self, node: n.For, init, comparison, counter, update, steps):
        """``for (...; a < b; i++)`` with the int comparison and the int increment inlined.

        Any other operand types take the general comparison and ``update``, exactly as ``_s_For``.
        """
        left, right, fast, general = comparison
        slot, delta = counter
        count, line, col = self._count(node.body), node.line, node.col

        def run(f):
            ctx = f[0]
            limit = ctx.max_loop_counter
            if init is not None:
                init(f)
            while True:
                a, b = left(f), right(f)
                if type(a) is JInt and type(b) is JInt:
                    if not fast(a, b):
                        break
                else:
                    c = general(f, a, b)
                    if c is not True and (c is False or not truth(c, "for condition")):
                        break
                ctx.loops = loops = ctx.loops + count  # ctx.tick, inline
                if loops >= limit or loops & 0xFF < count:
                    ctx.check_bounds(line, col)
                for step, dropped in steps:
                    if dropped:
                        step(f)
                    else:
                        r = step(f)
                        if r is not None:
                            if r is CONTINUE:
                                break
                            return None if r is BREAK else r
                current = f[slot]
                if type(current) is JInt:
                    i = _int_add(current, delta)
                    f[slot] = SMALL_INTS[i] if 0 <= i < SMALL_INT_LIMIT else make_int(i)
                else:
                    update(f)
            return None
        return run

    def _s_ForEach(self, node: n.ForEach):
        iterable = self.expr(node.iterable)
        vtype = node.type or DEF_TYPE
        self._check_type(vtype)
        self.layout.push()
        try:
            slot = self.layout.declare(node.name, vtype, node.line, node.col)
            steps = self._loop_steps(node.body)
        finally:
            self.layout.pop()
        count, line, col = self._count(node.body), node.line, node.col
        tname, dims = vtype.name, vtype.dims
        plain = tname == "def" and dims == 0

        def run(f):
            ctx = f[0]
            limit = ctx.max_loop_counter
            for item in members.iterate(iterable(f)):
                ctx.loops = loops = ctx.loops + count  # ctx.tick, inline
                if loops >= limit or loops & 0xFF < count:
                    ctx.check_bounds(line, col)
                f[slot] = item if plain else cast(item, tname, dims)  # an explicit cast (visitEach)
                for step, dropped in steps:
                    if dropped:
                        step(f)
                    else:
                        r = step(f)
                        if r is not None:
                            if r is CONTINUE:
                                break
                            return None if r is BREAK else r
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
        if self.returns is None:
            expr = self.expr(node.expr)
            return lambda f: Returned(expr(f))
        name, dims = self.returns
        expr = self.value_for(node.expr, name, dims)
        return located(lambda f: Returned(assign_check(expr(f), name, dims)), node)

    def _s_Break(self, node):
        return lambda f: BREAK

    def _s_Continue(self, node):
        return lambda f: CONTINUE

    def _loop_steps(self, node) -> list:
        """The ``(closure, dropped)`` steps of a loop body.

        Loops run the steps themselves: ``CONTINUE`` ends the iteration, ``BREAK`` the loop, and a
        ``Returned`` the loop and its caller.
        """
        self.layout.push()
        try:
            if node is None:
                return []
            if isinstance(node, n.Block):
                return self._steps(node.body)
            return [self._step(node)]
        finally:
            self.layout.pop()


def _nothing(f):
    """An empty statement or block: completes normally."""


def _as_statement(fn, dropped: bool):
    """``fn`` as a statement: an expression whose value is dropped completes normally (``None``)."""
    if not dropped:
        return fn

    def run(f):
        fn(f)
    return run
