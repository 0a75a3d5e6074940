"""Expression compilation: each expression becomes ``fn(frame) -> value``.

Names resolve to frame slots here; a dotted name whose root is not a local is a static class
reference (``Math.max``, ``java.lang.Integer.MAX_VALUE``). Method calls keep an inline cache of
the receiver type last seen at that call site.
"""

from __future__ import annotations

from operator import itemgetter

from toolkit.javavalues.hashmap import JavaConcurrentModificationError, JavaHashMap
from toolkit.javavalues.numbers import INT_MAX, INT_MIN, LONG_MAX, LONG_MIN, JDouble, JFloat, JInt, JLong
from toolkit.painless import classes, members, regexes
from toolkit.painless import nodes as n
from toolkit.painless import text_methods as tm
from toolkit.painless.compile_support import (
    DEF_TYPE, INT_ARITHMETIC, INT_COMPARE, KNOWN_REFERENCE_TYPES, constant, located, place_error, short_type,
)
from toolkit.painless.errors import PainlessCompileError, PainlessLimitError, PainlessUnsupported
from toolkit.painless.fastmath import SMALL_INT_LIMIT, SMALL_INTS, make_int
from toolkit.painless.functional import Lambda, Reference
from toolkit.painless.implicit_return import returning
from toolkit.painless.operators import BINARY, UNARY
from toolkit.painless.scope import FrameLayout
from toolkit.painless.values import (
    EXCEPTION_PARENTS, PRIMITIVES, JavaArray, JavaException, JavaThrow, array_instance_of, assign_check, cast,
    default_of, dynamic_cast, instance_of, java_key, throw, truth,
)

_int_add = int.__add__
_NARROWED = frozenset({"byte", "short", "char"})


class ExpressionCompiler:
    """Mixin of ``Compiler``: the expression half."""

    def expr(self, node: n.Node):
        method = getattr(self, "_e_" + type(node).__name__)
        return method(node)

    def _e_Paren(self, node):
        return self.expr(node.inner)

    def _e_Literal(self, node: n.Literal):
        return constant(self._literal(node))

    def _literal(self, node: n.Literal):
        """The Java value of a literal (compile errors for out-of-range int and long constants)."""
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
        return value

    def value_for(self, node: n.Node, tname: str, dims: int = 0):
        """``expr(node)`` for a value of type ``tname``: an int constant that fits a byte, short or char
        becomes one (Painless' numeric constants take their target type, ``byte b = 1``)."""
        if dims == 0 and tname in _NARROWED and isinstance(node, n.Literal) and node.kind == "int":
            kind = PRIMITIVES[tname]
            value = self._literal(node)
            if kind(value) == value:
                return constant(kind(value))
        return self.expr(node)

    def _e_Regex(self, node: n.Regex):
        pattern = regexes.Pattern(node.pattern, node.flags, self.jdk, node.line, node.col)
        return lambda f: pattern

    def _e_Var(self, node: n.Var):
        var = self.layout.lookup(node.name)
        if var is not None:
            return itemgetter(var.slot)  # f[slot] without a Python frame
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
        name, nullsafe, line, col = node.name, node.nullsafe, node.line, node.col
        get = members.get_field

        def general(f, obj):
            if obj is None and nullsafe:
                return None
            try:
                return get(f[0], obj, name)
            except (JavaThrow, PainlessLimitError) as exc:
                place_error(exc, line, col)
                raise

        if name == "length":
            def length(f):
                obj = target(f)
                if type(obj) is list:  # the common `list.length` of blueprints
                    size = len(obj)
                    return SMALL_INTS[size] if size < SMALL_INT_LIMIT else make_int(size)
                return general(f, obj)
            return length

        if name in members.MAP_GETTERS:
            return lambda f: general(f, target(f))

        def run(f):
            obj = target(f)
            if type(obj) is dict:  # a JSON object of params
                return obj.get(name)
            return general(f, obj)
        return run

    def _e_Index(self, node: n.Index):
        target, index = self.expr(node.target), self.expr(node.index)
        get, line, col = members.get_index, node.line, node.col

        def run(f):
            obj, i = target(f), index(f)
            if type(obj) is list and type(i) is JInt and i >= 0:
                try:
                    return obj[i]
                except IndexError:
                    pass  # get_index throws Java's exception
            try:
                return get(obj, i)
            except (JavaThrow, PainlessLimitError) as exc:
                place_error(exc, line, col)
                raise
        return run

    def _e_Call(self, node: n.Call):
        args = [self.argument(a) for a in node.args]
        if self._static_path(node.target) is not None:
            cls = self._static_class(node.target)
            method = classes.static_method(cls, node.name, len(args), node.line, node.col)
            narrowed = classes.NARROW_PARAMETERS.get((cls, f"{node.name}/{len(args)}"))
            if narrowed is not None:
                args = [self.value_for(a, t) for a, t in zip(node.args, narrowed)]
            return located(lambda f: method(f[0], [a(f) for a in args]), node)
        target = self.expr(node.target)
        name, nullsafe, arity = node.name, node.nullsafe, len(args)
        resolve = members.resolve
        line, col = node.line, node.col
        cache = [None, None]  # inline cache: the receiver type last seen here and its method

        def remember(obj):
            method = resolve(obj, name, arity, line, col)
            cache[0], cache[1] = type(obj), method
            return method

        def dispatch(f, obj, values):
            try:
                method = cache[1] if type(obj) is cache[0] else remember(obj)
                return method(f[0], obj, *values)
            except (JavaThrow, PainlessLimitError) as exc:
                place_error(exc, line, col)
                raise
            except JavaConcurrentModificationError:
                raise _concurrent_modification(line, col) from None

        if arity == 1:
            only = args[0]
            if name == "append":
                def other(f, obj):
                    return None if obj is None and nullsafe else dispatch(f, obj, (only(f),))
                literal = node.args[0]
                text = literal.value if isinstance(literal, n.Literal) and literal.kind == "String" else None
                return tm.append_site(target, only, other, text)

            def run(f):
                obj = target(f)
                if obj is None and nullsafe:
                    return None
                value = only(f)
                try:  # dispatch, inline
                    method = cache[1] if type(obj) is cache[0] else remember(obj)
                    return method(f[0], obj, value)
                except (JavaThrow, PainlessLimitError) as exc:
                    place_error(exc, line, col)
                    raise
                except JavaConcurrentModificationError:
                    raise _concurrent_modification(line, col) from None
            return run

        def run_any(f):
            obj = target(f)
            if obj is None and nullsafe:
                return None
            return dispatch(f, obj, [a(f) for a in args])
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
        outer, returns, self.returns = layout.parent, self.returns, None
        try:
            slots = []
            for ptype, pname in node.params:
                ptype = ptype or DEF_TYPE
                self._check_type(ptype)
                slots.append((layout.declare(pname, ptype, node.line, node.col), ptype))
            expression = not isinstance(node.body, n.Block)
            body = self.expr(node.body) if expression else self._block(
                n.Block(returning(node.body.body), line=node.body.line, col=node.body.col))
        finally:
            self.layout, self.returns = outer, returns
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
        params = self.functions[key].params
        args = [self.value_for(a, short_type(t.name), t.dims) if not isinstance(a, (n.Lambda, n.FuncRef))
                else self.argument(a) for a, (t, _) in zip(node.args, params)]
        compiled = self.compiled
        line, col = node.line, node.col
        return lambda f: compiled[key].call(f[0], [a(f) for a in args], line, col)

    def _e_NewObject(self, node: n.NewObject):
        short = short_type(node.type.name)
        args = [self.argument(a) for a in node.args]
        make = classes.constructor(short, len(args), node.line, node.col)
        return located(lambda f: make(f[0], [a(f) for a in args]), node)

    def _e_NewArray(self, node: n.NewArray):
        self._check_type(n.TypeName(node.type.name))
        element, dims = node.type.name, node.type.dims
        if node.init is not None:
            items = [self.value_for(e, element, dims - 1) for e in node.init]
            return located(lambda f: JavaArray(element, [assign_check(i(f), element, 0) for i in items]), node)
        sizes = [self.expr(s) for s in node.sizes]

        def make(lengths, depth):  # lengths checked by run
            length = int(lengths[0])
            inner = element if depth == 1 else element + "[]" * (depth - 1)
            if depth == 1:
                return JavaArray(inner, [default_of(element)] * length)
            return JavaArray(inner, [make(lengths[1:], depth - 1) if len(lengths) > 1 else None
                                     for _ in range(length)])

        def run(f):
            lengths = [assign_check(s(f), "int", 0) for s in sizes]
            if any(length < 0 for length in lengths):
                raise throw("NegativeArraySizeException", str(int(next(x for x in lengths if x < 0))))
            cells = slots = 1  # elements of every dimension: new int[n][0] makes n arrays
            for length in lengths:
                slots *= int(length)
                cells += slots
            f[0].check_items(cells - 1, "an array")
            return make(lengths, dims)
        return located(run, node)

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
        return located(lambda f: op(operand(f)), node)

    def comparison(self, node: n.Binary):
        """``(left, right, fast, general)`` of a comparison: operand closures, ``fast(a, b)`` for two ints
        and ``general(f, a, b)`` for any operands (errors placed at ``node``)."""
        op, line, col = BINARY[node.op], node.line, node.col

        def general(f, a, b):
            try:
                return op(f[0], a, b)
            except (JavaThrow, PainlessLimitError) as exc:
                place_error(exc, line, col)
                raise
        return self.expr(node.left), self.expr(node.right), INT_COMPARE[node.op], general

    def counter_step(self, node) -> tuple[int, int] | None:
        """``(slot, step)`` when ``node`` is ``x++``, ``++x``, ``x--`` or ``--x`` on an int or def local
        of this frame; None otherwise (compiling ``node`` then reports any problem)."""
        if not isinstance(node, n.IncDec) or not isinstance(node.target, n.Var):
            return None
        var = self.layout.lookup(node.target.name)
        if var is None or var.captured or var.type.dims or short_type(var.type.name) not in ("int", "def"):
            return None
        return var.slot, 1 if node.op == "++" else -1

    def _compare(self, node: n.Binary):
        """``<``, ``<=``, ``>``, ``>=``, ``==`` or ``!=``, with two ints compared inline."""
        left, right, fast, general = self.comparison(node)

        def compare(f):
            a, b = left(f), right(f)
            if type(a) is JInt and type(b) is JInt:
                return fast(a, b)
            return general(f, a, b)
        return compare

    def _e_Binary(self, node: n.Binary):
        if node.op in INT_COMPARE:
            return self._compare(node)
        if node.op in ("===", "!==") and id(node) in self.compared_by_value:  # two primitives: == and !=
            return self._compare(n.Binary(node.op[:-1], node.left, node.right, line=node.line, col=node.col))
        left, right = self.expr(node.left), self.expr(node.right)
        if node.op == "&&":
            return located(lambda f: truth(left(f), "&&") and truth(right(f), "&&"), node)
        if node.op == "||":
            return located(lambda f: truth(left(f), "||") or truth(right(f), "||"), node)
        op, line, col = BINARY[node.op], node.line, node.col
        if node.op in INT_ARITHMETIC:
            return self._int_arithmetic(node, left, right)

        def run(f):
            a, b = left(f), right(f)
            try:
                return op(f[0], a, b)
            except (JavaThrow, PainlessLimitError) as exc:
                place_error(exc, line, col)
                raise
        return run

    def _int_arithmetic(self, node: n.Binary, left, right):
        """``+``, ``-`` or ``*`` with an inline path for two ints (and for an int literal on the right)."""
        op, exact, line, col = BINARY[node.op], INT_ARITHMETIC[node.op], node.line, node.col

        def general(f, a, b):
            try:
                return op(f[0], a, b)
            except (JavaThrow, PainlessLimitError) as exc:
                place_error(exc, line, col)
                raise

        if isinstance(node.right, n.Literal) and node.right.kind == "int":
            b = self._literal(node.right)

            def with_int_literal(f):
                a = left(f)
                if type(a) is JInt:
                    result = exact(a, b)
                    return SMALL_INTS[result] if 0 <= result < SMALL_INT_LIMIT else make_int(result)
                return general(f, a, b)
            return with_int_literal

        def arithmetic(f):
            a, b = left(f), right(f)
            if type(a) is JInt and type(b) is JInt:
                result = exact(a, b)
                return SMALL_INTS[result] if 0 <= result < SMALL_INT_LIMIT else make_int(result)
            return general(f, a, b)
        return arithmetic

    def _e_InstanceOf(self, node: n.InstanceOf):
        operand, tname, dims = self.expr(node.operand), short_type(node.type.name), node.type.dims
        self._check_type(node.type)
        if dims:
            line, col = node.line, node.col

            def array_test(f):
                found = array_instance_of(operand(f), tname, dims)
                if found is None:
                    raise PainlessUnsupported(f"instanceof [{node.type}] on an array of another reference type",
                                              line, col)
                return found
            return array_test
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
        return located(lambda f: then(f) if truth(cond(f), "?:") else other(f), node)

    def _e_Cast(self, node: n.Cast):
        self._check_type(node.type)
        operand, tname, dims = self.expr(node.operand), short_type(node.type.name), node.type.dims
        return located(lambda f: cast(operand(f), tname, dims), node)

    def _variable(self, node: n.Var):
        var = self.layout.lookup(node.name)
        if var is None:
            self._unresolved(node.name, node)
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
                f[slot] = dynamic_cast(current, result) if declared is None else cast(result, *declared)
                return current if returns_old else f[slot]
            return run
        target, key, getter, setter = self._member(node)

        def run_member(f):
            ctx, obj, k = f[0], target(f), key(f)
            current = getter(ctx, obj, k)
            result = op(ctx, current, operand(f))
            if isinstance(obj, JavaArray) and obj.element in PRIMITIVES:
                result = cast(result, obj.element, 0)
            else:  # a def element: map value, list element, def[] cell
                result = dynamic_cast(current, result)
            stored = setter(ctx, obj, k, result)
            return current if returns_old else stored
        return run_member

    def _e_Assign(self, node: n.Assign):
        if node.op != "=":
            value = self.expr(node.value)
            return located(self._update(node.target, BINARY[node.op[:-1]], value, False), node)
        if isinstance(node.target, n.Var):
            slot, declared = self._variable(node.target)
            value = self.expr(node.value) if declared is None else self.value_for(node.value, *declared)

            def assign(f):
                v = value(f)
                f[slot] = v if declared is None else assign_check(v, *declared)
                return f[slot]
            return located(assign, node)
        value = self._element_value(node.target, node.value)
        target, key, _, setter = self._member(node.target)
        return located(lambda f: setter(f[0], target(f), key(f), value(f)), node)

    def _element_value(self, target, node):
        """The value stored by ``target = node`` where ``target`` is a field or element: an element of an
        array local of a declared type takes that element type."""
        if isinstance(target, n.Index) and isinstance(target.target, n.Var):
            var = self.layout.lookup(target.target.name)
            if var is not None and var.type.dims:
                return self.value_for(node, short_type(var.type.name), var.type.dims - 1)
        return self.expr(node)

    def _e_IncDec(self, node: n.IncDec):
        one, step = JInt(1), 1 if node.op == "++" else -1
        op = BINARY["+" if node.op == "++" else "-"]
        if isinstance(node.target, n.Var):
            slot, declared = self._variable(node.target)
            if declared is None or declared == ("int", 0):
                general = located(self._update(node.target, op, lambda f: one, not node.prefix), node)
                prefix = node.prefix

                def fast(f):
                    current = f[slot]
                    if type(current) is not JInt:
                        return general(f)
                    result = _int_add(current, step)
                    f[slot] = result = SMALL_INTS[result] if 0 <= result < SMALL_INT_LIMIT else make_int(result)
                    return result if prefix else current
                return fast
        return located(self._update(node.target, op, lambda f: one, not node.prefix), node)

    def _check_type(self, t: n.TypeName) -> None:
        short = short_type(t.name)
        if short in PRIMITIVES or short in KNOWN_REFERENCE_TYPES or short in EXCEPTION_PARENTS:
            return
        raise PainlessUnsupported(f"the type [{t.name}]", t.line, t.col)


def _concurrent_modification(line: int, col: int) -> JavaThrow:
    """What a collection changed during its iteration throws at a call site."""
    return JavaThrow(JavaException("ConcurrentModificationException", None), line, col)
