"""Compile a ``Script`` AST into Python closures over frames (lists of slots).

Each expression becomes ``fn(frame) -> value`` and each statement ``fn(frame) -> signal``
(``None`` to go on, ``BREAK``, ``CONTINUE`` or a ``Returned``). Names are resolved to slots here,
once, so the run does no dictionary look-ups for locals. Everything the script can reach goes
through the allowlist tables in ``members`` and ``classes``.
"""

from __future__ import annotations

from toolkit.javavalues.hashmap import JavaConcurrentModificationError, JavaHashMap
from toolkit.javavalues.numbers import INT_MAX, INT_MIN, LONG_MAX, LONG_MIN, JDouble, JFloat, JInt, JLong
from toolkit.painless import checks, classes, members, regexes
from toolkit.painless import nodes as n
from toolkit.painless.errors import PainlessCompileError, PainlessLimitError, PainlessUnsupported
from toolkit.painless.fastmath import make_int
from toolkit.painless.flow import BREAK, CONTINUE, Returned
from toolkit.painless.functional import Lambda, Reference
from toolkit.painless.operators import BINARY, UNARY
from toolkit.painless.scope import FrameLayout
from toolkit.painless.values import (
    EXCEPTION_PARENTS, PRIMITIVES, JavaArray, JavaException, JavaThrow, assign_check, cast, default_of,
    instance_of, java_key, throw, truth,
)

_DEF = n.TypeName("def")
_KNOWN_REFERENCE_TYPES = {"def", "Object", "String", "CharSequence", "StringBuilder", "Number", "BigDecimal", "List",
                          "ArrayList", "Collection", "Iterable", "Set", "Map", "HashMap", "Map.Entry", "boolean",
                          "Boolean", "Byte", "Short", "Character", "Integer", "Long", "Float", "Double", "void",
                          "Pattern", "Matcher"}


def short_type(name: str) -> str:
    """``java.lang.String`` → ``String`` for the packages Painless imports by default."""
    for package in ("java.lang.", "java.util.function.", "java.util.stream.", "java.util.regex.", "java.util.",
                    "java.math."):
        if name.startswith(package) and "." not in name[len(package):]:
            return name[len(package):]
    return name


def _place(exc: JavaThrow, line: int, col: int) -> None:
    if exc.line is None:
        exc.line, exc.col = line, col


def _located(fn, node: n.Node):
    """Attach ``node``'s position to a Java exception raised without one."""
    line, col = node.line, node.col

    def run(f):
        try:
            return fn(f)
        except JavaThrow as exc:
            _place(exc, line, col)
            raise
    return run


# int (op) int without promotion: the common case of loop counters and indices.
_INT_FAST = {
    "+": lambda a, b: make_int(int(a) + int(b)), "-": lambda a, b: make_int(int(a) - int(b)),
    "<": int.__lt__, "<=": int.__le__, ">": int.__gt__, ">=": int.__ge__, "==": int.__eq__, "!=": int.__ne__,
}


class Compiler:
    """Compiles one script; ``compile_script`` returns ``(main, layout, params_slot)``."""

    def __init__(self, script: n.Script, jdk: int = 21):
        self.script, self.jdk = script, jdk
        self.functions: dict[str, n.Function] = {}
        for fn in script.functions:
            key = f"{fn.name}/{len(fn.params)}"
            if key in self.functions:
                raise PainlessCompileError(f"Illegal duplicate functions [{key}].", fn.line, fn.col)
            self.functions[key] = fn
        self.layout: FrameLayout = FrameLayout()
        self.compiled: dict[str, object] = {}
        self.loops = 0  # how many loops enclose the statement being compiled

    # ---- entry points ----
    def compile_script(self):
        for key, fn in self.functions.items():
            self.compiled[key] = self._function(fn)
        params_slot = self.layout.declare("params", n.TypeName("Map"), 1, 1)
        body = self._statements(self.script.body, top_level=True)
        return body, self.layout, params_slot

    def _function(self, fn: n.Function):
        checks.check_returns(fn)
        outer, layout, loops = self.layout, FrameLayout(), self.loops
        self.layout, self.loops = layout, 0
        try:
            slots = []
            for ptype, pname in fn.params:
                self._check_type(ptype)
                slots.append((layout.declare(pname, ptype, ptype.line, ptype.col), ptype))
            self._check_type(fn.rtype)
            body = self._block(fn.body)
        finally:
            self.layout, self.loops = outer, loops
        return UserFunction(fn, body, layout.size, slots)

    # ---- statements ----
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
        return _located(run, node)

    def _s_If(self, node: n.If):
        cond = self.expr(node.cond)
        then = self._body(node.then)
        other = self._body(node.other) if node.other is not None else None

        def run(f):
            c = cond(f)
            if c is True:
                return then(f)
            if c is False:
                return other(f) if other is not None else None
            truth(c, "if condition")
        return _located(run, node)

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
        return _located(run, node)

    def _s_DoWhile(self, node: n.DoWhile):
        body = self._loop_body(node.body)
        cond = self.expr(node.cond)
        count, line, col = self._count(node.body), node.line, node.col

        def run(f):
            ctx = f[0]
            while True:
                ctx.tick(count, line, col)
                r = body(f)
                if r is not None:
                    if r is BREAK:
                        break
                    if r is not CONTINUE:
                        return r
                if not truth(cond(f), "do-while condition"):
                    break
            return None
        return _located(run, node)

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
        return _located(run, node)

    def _s_ForEach(self, node: n.ForEach):
        iterable = self.expr(node.iterable)
        vtype = node.type or _DEF
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
        return _located(run, node)

    def _s_Try(self, node: n.Try):
        body = self._block(node.body)
        handlers = []
        for catch in node.catches:
            short = short_type(catch.type.name)
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

    # ---- expressions ----
    def expr(self, node: n.Node):
        method = getattr(self, "_e_" + type(node).__name__)
        return method(node)

    def _e_Paren(self, node):
        return self.expr(node.inner)

    def _e_Literal(self, node: n.Literal):
        value = node.value
        if node.kind in ("int", "long"):
            low, high, kind = (INT_MIN, INT_MAX, JInt) if node.kind == "int" else (LONG_MIN, LONG_MAX, JLong)
            digits = node.text.lstrip("-")
            unsigned_ok = len(digits) > 1 and digits[0] == "0"  # octal and hex may set the sign bit
            limit = 2 * high + 1 if unsigned_ok else high
            if not (low <= value <= limit or unsigned_ok and -limit <= value <= limit):
                raise PainlessCompileError(f"Invalid {node.kind} constant [{node.text}].", node.line, node.col)
            value = kind(value)
        elif node.kind == "float":
            value = JFloat(value)
        elif node.kind == "double":
            value = JDouble(value)
        return lambda f: value

    def _e_Regex(self, node: n.Regex):
        pattern = regexes.Pattern(node.pattern, node.flags, self.jdk, node.line, node.col)
        return lambda f: pattern

    def _e_Var(self, node: n.Var):
        var = self.layout.lookup(node.name)
        if var is not None:
            slot = var.slot
            return lambda f: f[slot]
        self._unresolved(node.name, node)

    @staticmethod
    def _unresolved(path: str, node: n.Node):
        root = path.split(".")[0]
        if root[:1].isupper() or root in ("java", "org"):
            raise PainlessUnsupported(f"the class or static member [{path}]", node.line, node.col)
        raise PainlessCompileError(f"cannot resolve symbol [{root}]", node.line, node.col)

    def _static_path(self, node) -> str | None:
        """The dotted text of a Var/Field chain whose root is not a local variable, else None."""
        parts = []
        while isinstance(node, n.Field) and not node.nullsafe:
            parts.append(node.name)
            node = node.target
        if not isinstance(node, n.Var) or self.layout.lookup(node.name) is not None:
            return None
        parts.append(node.name)
        return ".".join(reversed(parts))

    def _static_class(self, node) -> str | None:
        path = self._static_path(node)
        if path is None:
            return None
        short = short_type(path)
        if classes.is_class(short):
            return short
        self._unresolved(path, node)

    def _e_Field(self, node: n.Field):
        if self._static_path(node.target) is not None:
            path = self._static_path(node)
            if classes.is_class(short_type(path)):  # e.g. the `Math` of java.lang.Math, used as a target
                self._unresolved(path, node)
            cls = self._static_class(node.target)
            value = classes.static_field(cls, node.name, node.line, node.col)
            return lambda f: value
        target = self.expr(node.target)
        name, nullsafe = node.name, node.nullsafe
        get = members.get_field

        line, col = node.line, node.col

        def run(f):
            obj = target(f)
            if obj is None and nullsafe:
                return None
            try:
                return get(f[0], obj, name)
            except JavaThrow as exc:
                _place(exc, line, col)
                raise
        return run

    def _e_Index(self, node: n.Index):
        target, index = self.expr(node.target), self.expr(node.index)
        get, line, col = members.get_index, node.line, node.col

        def run(f):
            obj, i = target(f), index(f)
            try:
                return get(obj, i)
            except JavaThrow as exc:
                _place(exc, line, col)
                raise
        return run

    def _e_Call(self, node: n.Call):
        args = [self.argument(a) for a in node.args]
        if self._static_path(node.target) is not None:
            cls = self._static_class(node.target)
            method = classes.static_method(cls, node.name, len(args), node.line, node.col)
            return _located(lambda f: method(f[0], [a(f) for a in args]), node)
        target = self.expr(node.target)
        name, nullsafe, arity = node.name, node.nullsafe, len(args)
        resolve = members.resolve
        line, col = node.line, node.col
        cache = [None, None]  # inline cache: the receiver type last seen here and its method

        def call(f, obj, values):
            try:
                if type(obj) is cache[0]:
                    return cache[1](f[0], obj, *values)
                method = resolve(obj, name, arity, line, col)
                cache[0], cache[1] = type(obj), method
                return method(f[0], obj, *values)
            except JavaThrow as exc:
                _place(exc, line, col)
                raise
            except JavaConcurrentModificationError:
                raise JavaThrow(JavaException("ConcurrentModificationException", None), line, col) from None

        if arity == 1:
            only = args[0]

            def run(f):
                obj = target(f)
                if obj is None and nullsafe:
                    return None
                return call(f, obj, (only(f),))
            return run

        def run_any(f):
            obj = target(f)
            if obj is None and nullsafe:
                return None
            return call(f, obj, [a(f) for a in args])
        return run_any

    def argument(self, node):
        if isinstance(node, n.Lambda):
            return self._lambda(node)
        if isinstance(node, n.FuncRef):
            return self._funcref(node)
        return self.expr(node)

    def _e_Lambda(self, node):
        raise PainlessCompileError("a lambda is only allowed as a method argument", node.line, node.col)

    _e_FuncRef = _e_Lambda

    def _lambda(self, node: n.Lambda):
        layout = self.layout = FrameLayout(parent=self.layout)
        outer, loops, self.loops = layout.parent, self.loops, 0
        try:
            slots = []
            for ptype, pname in node.params:
                ptype = ptype or _DEF
                self._check_type(ptype)
                slots.append((layout.declare(pname, ptype, node.line, node.col), ptype))
            expression = not isinstance(node.body, n.Block)
            body = self.expr(node.body) if expression else self._block(node.body)
        finally:
            self.layout, self.loops = outer, loops
        captures, size, line, col = list(layout.captures), layout.size, node.line, node.col
        return lambda f: Lambda(f, captures, size, slots, body, expression, line, col)

    def _funcref(self, node: n.FuncRef):
        line, col = node.line, node.col
        if node.target == "this":
            compiled, name = self.compiled, node.method
            return lambda f: Reference.local(f[0], compiled, name, line, col)
        var = self.layout.lookup(node.target) if "." not in node.target and node.dims == 0 else None
        if var is not None:
            slot, method = var.slot, node.method
            return lambda f: Reference.bound(f[0], f[slot], method, line, col)
        short = short_type(node.target)
        if node.dims or not classes.is_class(short):
            raise PainlessUnsupported(f"the function reference [{node.target}::{node.method}]", line, col)
        method = node.method
        return lambda f: Reference.of_class(f[0], short, method, line, col)

    def _e_LocalCall(self, node: n.LocalCall):
        key = f"{node.name}/{len(node.args)}"
        if key not in self.functions:
            raise PainlessCompileError(f"Unknown call [{node.name}] with [{len(node.args)}] arguments.",
                                       node.line, node.col)
        args = [self.argument(a) for a in node.args]
        compiled = self.compiled
        line, col = node.line, node.col
        return lambda f: compiled[key].call(f[0], [a(f) for a in args], line, col)

    def _e_NewObject(self, node: n.NewObject):
        short = short_type(node.type.name)
        args = [self.argument(a) for a in node.args]
        make = classes.constructor(short, len(args), node.line, node.col)
        return _located(lambda f: make(f[0], [a(f) for a in args]), node)

    def _e_NewArray(self, node: n.NewArray):
        self._check_type(n.TypeName(node.type.name))
        element, dims = node.type.name, node.type.dims
        if node.init is not None:
            items = [self.expr(e) for e in node.init]
            return _located(lambda f: JavaArray(element, [assign_check(i(f), element, 0) for i in items]), node)
        sizes = [self.expr(s) for s in node.sizes]

        def make(lengths, depth):
            length = int(lengths[0])
            if length < 0:
                raise throw("NegativeArraySizeException", str(int(length)))
            inner = element if depth == 1 else element + "[]" * (depth - 1)
            if depth == 1:
                return JavaArray(inner, [default_of(element)] * length)
            return JavaArray(inner, [make(lengths[1:], depth - 1) if len(lengths) > 1 else None
                                     for _ in range(length)])

        def run(f):
            lengths = [assign_check(s(f), "int", 0) for s in sizes]
            return make(lengths, dims)
        return _located(run, node)

    def _e_ListInit(self, node: n.ListInit):
        items = [self.expr(e) for e in node.items]
        return lambda f: [i(f) for i in items]

    def _e_MapInit(self, node: n.MapInit):
        entries = [(self.expr(k), self.expr(v)) for k, v in node.entries]

        def run(f):
            result = JavaHashMap(jdk=f[0].jdk)
            for k, v in entries:
                result.put(java_key(k(f)), v(f))
            return result
        return run

    def _e_Unary(self, node: n.Unary):
        operand, op = self.expr(node.operand), UNARY[node.op]
        return _located(lambda f: op(operand(f)), node)

    def _e_Binary(self, node: n.Binary):
        left, right = self.expr(node.left), self.expr(node.right)
        if node.op == "&&":
            return _located(lambda f: truth(left(f), "&&") and truth(right(f), "&&"), node)
        if node.op == "||":
            return _located(lambda f: truth(left(f), "||") or truth(right(f), "||"), node)
        op, line, col = BINARY[node.op], node.line, node.col
        fast = _INT_FAST.get(node.op)

        def run(f):
            a, b = left(f), right(f)
            try:
                if fast is not None and type(a) is JInt and type(b) is JInt:
                    return fast(a, b)
                return op(f[0], a, b)
            except JavaThrow as exc:
                _place(exc, line, col)
                raise
        return run

    def _e_InstanceOf(self, node: n.InstanceOf):
        operand, tname, dims = self.expr(node.operand), short_type(node.type.name), node.type.dims
        self._check_type(node.type)
        if dims:
            return lambda f: isinstance(operand(f), JavaArray)
        if tname in PRIMITIVES or tname == "boolean":
            raise PainlessUnsupported(f"instanceof a primitive type [{tname}]", node.line, node.col)
        return lambda f: instance_of(operand(f), tname)

    def _e_Elvis(self, node: n.Elvis):
        left, right = self.expr(node.left), self.expr(node.right)

        def run(f):
            value = left(f)
            return right(f) if value is None else value
        return run

    def _e_Conditional(self, node: n.Conditional):
        cond, then, other = self.expr(node.cond), self.expr(node.then), self.expr(node.other)
        return _located(lambda f: then(f) if truth(cond(f), "?:") else other(f), node)

    def _e_Cast(self, node: n.Cast):
        self._check_type(node.type)
        operand, tname, dims = self.expr(node.operand), short_type(node.type.name), node.type.dims
        return _located(lambda f: cast(operand(f), tname, dims), node)

    # ---- assignment ----
    def _variable(self, node: n.Var):
        var = self.layout.lookup(node.name)
        if var is None:
            self._unresolved(node.name, node)
        if var.captured:
            raise PainlessCompileError(f"cannot assign to the captured variable [{node.name}] in a lambda",
                                       node.line, node.col)
        tname, dims = short_type(var.type.name), var.type.dims
        return var.slot, (None if tname == "def" and dims == 0 else (tname, dims))

    def _member(self, node):
        """(target, key, getter, setter) closures for a field or element assignment target."""
        if isinstance(node, n.Field):
            name = node.name
            return self.expr(node.target), (lambda f: name), members.get_field, members.set_field
        return self.expr(node.target), self.expr(node.index), members.get_element, members.set_index

    def _update(self, node, op, operand, returns_old: bool):
        """Closure for ``target op= operand(f)``, also used by ++ and --."""
        if isinstance(node, n.Var):
            slot, declared = self._variable(node)

            def run(f):
                current = f[slot]
                result = op(f[0], current, operand(f))
                f[slot] = result if declared is None else cast(result, *declared)
                return current if returns_old else f[slot]
            return run
        target, key, getter, setter = self._member(node)

        def run_member(f):
            ctx, obj, k = f[0], target(f), key(f)
            current = getter(ctx, obj, k)
            result = op(ctx, current, operand(f))
            if isinstance(obj, JavaArray) and obj.element in PRIMITIVES:
                result = cast(result, obj.element, 0)
            stored = setter(ctx, obj, k, result)
            return current if returns_old else stored
        return run_member

    def _e_Assign(self, node: n.Assign):
        value = self.expr(node.value)
        if node.op != "=":
            return _located(self._update(node.target, BINARY[node.op[:-1]], value, False), node)
        if isinstance(node.target, n.Var):
            slot, declared = self._variable(node.target)

            def assign(f):
                v = value(f)
                f[slot] = v if declared is None else assign_check(v, *declared)
                return f[slot]
            return _located(assign, node)
        target, key, _, setter = self._member(node.target)
        return _located(lambda f: setter(f[0], target(f), key(f), value(f)), node)

    def _e_IncDec(self, node: n.IncDec):
        one, step = JInt(1), 1 if node.op == "++" else -1
        op = BINARY["+" if node.op == "++" else "-"]
        if isinstance(node.target, n.Var):
            slot, declared = self._variable(node.target)
            if declared is None or declared == ("int", 0):
                general = self._update(node.target, op, lambda f: one, not node.prefix)
                prefix = node.prefix

                def fast(f):
                    current = f[slot]
                    if type(current) is not JInt:
                        return general(f)
                    f[slot] = result = make_int(int(current) + step)
                    return result if prefix else current
                return _located(fast, node)
        return _located(self._update(node.target, op, lambda f: one, not node.prefix), node)

    # ---- types ----
    def _check_type(self, t: n.TypeName) -> None:
        short = short_type(t.name)
        if short in PRIMITIVES or short in _KNOWN_REFERENCE_TYPES or short in EXCEPTION_PARENTS:
            return
        raise PainlessUnsupported(f"the type [{t.name}]", t.line, t.col)


class UserFunction:
    """A compiled script function."""

    __slots__ = ("node", "body", "size", "params", "rtype")

    def __init__(self, node: n.Function, body, size: int, params: list):
        self.node, self.body, self.size, self.params = node, body, size, params
        self.rtype = (short_type(node.rtype.name), node.rtype.dims)

    def call(self, ctx, args: list, line: int, col: int):
        if ctx.depth >= ctx.max_depth:
            raise PainlessLimitError(f"recursion deeper than the emulator's limit of {ctx.max_depth} calls",
                                     line, col)
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
        value = result.value if isinstance(result, Returned) else None
        name, dims = self.rtype
        if name == "void" or name == "def" and not dims:
            return value
        return assign_check(value, name, dims)

