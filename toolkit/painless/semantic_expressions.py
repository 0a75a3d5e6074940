"""The expression half of the semantic pass: each expression's compile-time type and Painless' errors.

``visit(node, use)`` returns the value type of ``node`` (see ``static_types``), a ``StaticType`` for a
class name, or a ``Partial`` for a dotted name that is not (yet) a class or a variable. ``Use`` holds
the conditions lang-painless' ``DefaultSemanticAnalysisPhase`` decorates a node with before visiting
it: read, write, the target type, explicit and internal. Messages and the checks' order follow that
class; an error is raised at the node Painless reports it at (the start of the expression).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from toolkit.painless import classes, signatures
from toolkit.painless import nodes as n
from toolkit.painless import static_types as st
from toolkit.painless.compile_support import short_type
from toolkit.painless.errors import PainlessCompileError

OPERATION = {  # org.opensearch.painless.Operation: symbol -> name
    "*": "multiplication", "/": "division", "%": "remainder", "+": "addition", "-": "subtraction", "=~": "find",
    "==~": "match", "<<": "left shift", ">>": "right shift", ">>>": "unsigned shift", "~": "bitwise not",
    "&": "bitwise and", "^": "bitwise xor", "|": "boolean or", "!": "boolean not", "&&": "boolean and",
    "||": "boolean or", "<": "less than", "<=": "less than or equals", ">": "greater than",
    ">=": "greater than or equals", "==": "equals", "===": "reference equals", "!=": "not equals",
    "!==": "reference not equals",
}
_COMPARISON = frozenset({"<", "<=", ">", ">=", "==", "!=", "===", "!=="})
_SHIFT = frozenset({"<<", ">>", ">>>"})
_INTERFACES = frozenset(("CharSequence Comparable Iterable Appendable RandomAccess Collection List Set Map SortedMap "
                         "NavigableMap Map.Entry Iterator ListIterator Comparator Function BiFunction Supplier "
                         "Consumer BiConsumer Predicate BiPredicate UnaryOperator").split())
# Functional interfaces: (method name, parameter types, return type) of the method a lambda implements.
_FUNCTIONAL = {
    "Function": ("apply", ("def",), "def"), "BiFunction": ("apply", ("def", "def"), "def"),
    "UnaryOperator": ("apply", ("def",), "def"), "Supplier": ("get", (), "def"),
    "Consumer": ("accept", ("def",), "void"), "BiConsumer": ("accept", ("def", "def"), "void"),
    "Predicate": ("test", ("def",), "boolean"), "BiPredicate": ("test", ("def", "def"), "boolean"),
    "Comparator": ("compare", ("def", "def"), "int"), "ToDoubleFunction": ("applyAsDouble", ("def",), "double"),
    "ObjIntConsumer": ("accept", ("def", "int"), "void"),
}


@dataclass(frozen=True, slots=True)
class Use:
    """How an expression is used: Painless' Read, Write, TargetType, Explicit and Internal decorations."""

    read: bool = True
    write: bool = False
    target: str | None = None
    explicit: bool = False
    internal: bool = False


READ = Use()
STATEMENT = Use(read=False)


@dataclass(frozen=True, slots=True)
class StaticType:
    name: str


@dataclass(frozen=True, slots=True)
class Partial:
    path: str


def _infix(node) -> bool:
    """A node Painless places at its first token (the start of its left operand), not at its operator."""
    return isinstance(node, (n.Binary, n.Elvis, n.Conditional, n.InstanceOf, n.Assign)) or (
        isinstance(node, n.IncDec) and not node.prefix)


def start(node) -> n.Node:
    """The node whose position Painless reports for ``node``: its own token (``.``, ``[``, a name, an
    operator before its operand), or for an infix expression the first token of the expression."""
    if not _infix(node):
        return node
    while True:
        if isinstance(node, (n.Binary, n.Elvis)):
            node = node.left
        elif isinstance(node, (n.Field, n.Call, n.Index)):
            node = node.target
        elif isinstance(node, n.Conditional):
            node = node.cond
        elif isinstance(node, n.InstanceOf):
            node = node.operand
        elif isinstance(node, (n.Assign, n.IncDec)) and (isinstance(node, n.Assign) or not node.prefix):
            node = node.target
        else:
            return node


def error(message: str, node) -> PainlessCompileError:
    at = start(node)
    return PainlessCompileError(message, at.line, at.col)


def java_class_text(t: str) -> str:
    """``Class.toString()`` of a type, as Painless prints it in compound-assignment errors."""
    if t in st.PRIMITIVE or t == "void":
        return t
    if t == "def":
        return "class org.opensearch.painless.lookup.def"
    name = signatures.canonical_name(t).replace("Map.Entry", "Map$Entry")
    return ("interface " if t in _INTERFACES else "class ") + name


def is_class_name(name: str) -> bool:
    return signatures.is_known(name) or classes.is_class(name)


class ExpressionAnalyzer:
    """Mixin of ``Analyzer``: the expression half (scopes and statements are in ``semantics``)."""

    def checked(self, node, use: Use = READ) -> str:
        """Painless' ``checkedVisit``: a value is required, not a class name or an unresolved one."""
        result = self.visit(node, use)
        if isinstance(result, Partial):
            raise error(f"cannot resolve symbol [{result.path}]", node)
        if isinstance(result, StaticType):
            raise error(f"value required: instead found unexpected type [{st.canonical(result.name)}]", node)
        return result

    def cast(self, node, actual: str, use: Use) -> None:
        """Painless' ``decorateWithCast``: ``actual`` must cast to the target of ``use``."""
        if use.target is not None:
            try:
                st.check_cast(actual, use.target, use.explicit, use.internal)
            except st.CastError as exc:
                raise error(str(exc), node) from None

    def value(self, node, use: Use) -> str:
        """``checked`` then ``cast``: the common visit of an operand with a target type."""
        actual = self.checked(node, use)
        self.cast(node, actual, use)
        return actual

    def visit(self, node, use: Use = READ):
        return getattr(self, "_v_" + type(node).__name__)(node, use)

    def _v_Paren(self, node, use):
        return self.visit(node.inner, use)

    # ---- constants ----
    def _v_Literal(self, node: n.Literal, use: Use):
        negative = node.text.startswith("-")
        if negative:  # Painless parses a negative constant as the negation of the constant
            self._operator_use("-", node, use)
        kind = node.kind
        if kind in ("int", "long", "float", "double"):
            text = node.text.lstrip("-")
            if text[:2].lower() == "0x":
                text = text[2:]
            elif kind in ("int", "long") and len(text) > 1 and text[0] == "0" and text[1].isdigit():
                text = text[1:]
            described = f"{'numeric' if kind in ('int', 'long') else 'decimal'} constant [{'-' * negative}{text}]"
        elif kind == "String":
            described = f"string constant [{node.value}]"
        elif kind == "boolean":
            described = f"boolean constant [{'true' if node.value else 'false'}]"
        else:
            described = "null constant"
        if use.write:
            raise error(f"invalid assignment: cannot assign a value to {described}", node)
        if not use.read:
            if kind == "null":
                raise error("not a statement: null constant not used", node)
            raise error(f"not a statement: {described} not used", node)
        if kind == "null":
            if use.target is not None and st.is_primitive(use.target):
                raise error(f"Cannot cast null to a primitive type [{use.target}].", node)
            return use.target or "Object"
        if kind == "int" and use.target in ("byte", "char", "short"):
            low, high = {"byte": (-128, 127), "char": (0, 65535), "short": (-32768, 32767)}[use.target]
            if low <= node.value <= high:
                return use.target
        return kind

    def _v_Regex(self, node: n.Regex, use: Use):
        described = f"regex constant [{node.pattern}] with flags [{node.flags}]"
        if use.write:
            raise error(f"invalid assignment: cannot assign a value to {described}", node)
        if not use.read:
            raise error(f"not a statement: {described} not used", node)
        return "Pattern"

    # ---- names, fields, elements, calls ----
    def _v_Var(self, node: n.Var, use: Use):
        var = self.lookup(node.name)
        if var is None:
            if node.name in signatures.TEST_ONLY:
                return Partial(node.name)
            if is_class_name(node.name):
                self._static_use(node.name, node, use)
                return StaticType(node.name)
            if node.name[:1].isupper():
                return "def"  # a class Painless may have that the emulator does not model: not judged
            return Partial(node.name)
        if not use.read and not use.write:
            raise error(f"not a statement: variable [{node.name}] not used", node)
        if use.write and var.readonly:
            raise error(f"Variable [{node.name}] is read-only.", node)
        return var.type

    @staticmethod
    def _static_use(name: str, node, use: Use) -> None:
        if use.write:
            raise error(f"invalid assignment: cannot write a value to a static type [{st.canonical(name)}]", node)
        if not use.read:
            raise error(f"not a statement: static type [{st.canonical(name)}] not used", node)

    def _v_Field(self, node: n.Field, use: Use):
        if not use.read and not use.write:
            raise error("not a statement: result of dot operator [.] not used", node)
        prefix = self.visit(node.target, READ)
        if isinstance(prefix, Partial):
            path = f"{prefix.path}.{node.name}"
            short = short_type(path)
            if is_class_name(short):
                if use.write:
                    raise error(f"invalid assignment: cannot write a value to a static type [{st.canonical(short)}]",
                                node)
                return StaticType(short)
            return Partial(path)
        if isinstance(prefix, StaticType):
            inner = f"{prefix.name}.{node.name}"
            if is_class_name(inner):
                self._static_use(inner, node, use)
                return StaticType(inner)
            found = signatures.info(prefix.name)
            kind = found.fields.get(node.name) if found is not None else None
            if kind is None and signatures.is_complete(prefix.name):
                raise error(f"field [{st.canonical(prefix.name)}, {node.name}] not found", node)
            if kind is not None and use.write:
                raise error(f"invalid assignment: cannot assign a value to read-only field [{node.name}]", node)
            return self._null_safe(node, use, kind or "def")
        return self._null_safe(node, use, self._member_field(node, prefix, use))

    def _member_field(self, node: n.Field, prefix: str, use: Use) -> str:
        name = node.name
        if st.dims(prefix):
            if name != "length":
                raise error(f"Field [{name}] does not exist for type [{st.canonical(prefix)}].", node)
            if use.write:
                raise error("invalid assignment: cannot assign a value write to read-only field [length] "
                            "for an array.", node)
            return "int"
        if prefix == "def" or not signatures.is_known(prefix):
            return self._def_result(node, use)
        capital = name[:1].upper() + name[1:]
        getter = signatures.method(prefix, f"get{capital}/0") or signatures.method(prefix, f"is{capital}/0")
        if getter is not None and not getter.static:
            if use.write:
                raise error(f"Illegal shortcut on field [{name}] for type [{st.canonical(prefix)}].", node)
            return getter.returns
        supertypes = signatures.supertypes(prefix)
        if "Map" in supertypes:
            return "def"
        if "List" in supertypes:
            if not name.isdigit():
                raise error(f"invalid list index [{name}]", node)
            return "def"
        if signatures.is_complete(prefix):
            raise error(f"field [{st.canonical(prefix)}, {name}] not found", node)
        return "def"

    def _def_result(self, node, use: Use) -> str:
        """A member of a ``def`` value: typed as its target (a cast at run time) unless null-safe or explicit.

        Written, it is *def optimized*: the assignment takes the right side's type as it is.
        """
        if use.write:
            self.def_optimized = node
        nullsafe = getattr(node, "nullsafe", False)
        return "def" if use.target is None or use.explicit or nullsafe else use.target

    @staticmethod
    def _null_safe(node, use: Use, result: str) -> str:
        if getattr(node, "nullsafe", False):
            if use.write:
                raise error("invalid assignment: cannot assign a value to a null safe operation [?.]", node)
            if st.is_primitive(result):
                raise error("Result of null safe operator must be nullable", node)
        return result

    def _v_Index(self, node: n.Index, use: Use):
        if not use.read and not use.write:
            raise error("not a statement: result of brace operator not used", node)
        prefix = self.checked(node.target)
        if st.dims(prefix):
            self.value(node.index, Use(target="int"))
            return st.element(prefix)
        if prefix == "def" or not signatures.is_known(prefix):
            self.checked(node.index)
            return self._def_result(node, use)
        supertypes = signatures.supertypes(prefix)
        if "Map" in supertypes:
            self.value(node.index, Use(target="def"))
            return "def"
        if "List" in supertypes:
            self.value(node.index, Use(target="int"))
            return "def"
        raise error(f"Illegal array access on type [{st.canonical(prefix)}].", node)

    def _v_Call(self, node: n.Call, use: Use):
        arity = len(node.args)
        if use.write:
            raise error(f"invalid assignment: cannot assign a value to method call [{node.name}/{arity}]", node)
        prefix = self.visit(node.target, READ)
        if isinstance(prefix, Partial):
            raise error(f"cannot resolve symbol [{prefix.path}]", node)
        key = f"{node.name}/{arity}"
        if isinstance(prefix, StaticType):
            found = signatures.info(prefix.name)
            method = found.methods.get(key) if found is not None else None
            if method is not None and not method.static:
                method = None
            if method is None and signatures.is_complete(prefix.name):
                raise error(f"static method [{st.canonical(prefix.name)}, {key}] not found", node)
        elif prefix == "def" or not signatures.is_known(st.BOXES.get(prefix, prefix)) or st.dims(prefix):
            for arg in node.args:
                if self.argument(arg, Use(internal=True)) == "void":
                    raise error(f"Argument(s) cannot be of [void] type when calling method [{node.name}].", node)
            return self._null_safe(node, use, self._def_result(node, use))
        else:
            owner = st.BOXES.get(prefix, prefix)  # Painless looks a primitive's methods up on its box
            method = signatures.method(owner, key)
            if method is not None and method.static:
                method = None
            if method is None and signatures.is_complete(owner):
                raise error(f"member method [{st.canonical(prefix)}, {key}] not found", node)
        if method is None:
            for arg in node.args:
                self.argument(arg, Use(internal=True))
            return self._null_safe(node, use, "def")
        self.arguments(node.args, method.params)
        return self._null_safe(node, use, method.returns)

    def arguments(self, args: list, params: tuple) -> None:
        for arg, param in zip(args, params):
            self.argument(arg, Use(target=param, internal=True))

    def argument(self, node, use: Use) -> str:
        if isinstance(node, n.Lambda):
            return self.lambda_(node, use.target)
        if isinstance(node, n.FuncRef):
            return use.target or "def"
        return self.value(node, use)

    def _v_LocalCall(self, node: n.LocalCall, use: Use):
        if use.write:
            raise error(f"invalid assignment: cannot assign a value to function call [{node.name}/{len(node.args)}]",
                        node)
        found = self.functions.get(f"{node.name}/{len(node.args)}")
        if found is None:  # the compiler reports the unknown call
            for arg in node.args:
                self.argument(arg, Use(internal=True))
            return "def"
        returns, params = found
        self.arguments(node.args, params)
        return returns

    def _v_NewObject(self, node: n.NewObject, use: Use):
        short = short_type(node.type.name)
        arity = len(node.args)
        if use.write:
            raise error(f"invalid assignment cannot assign a value to new object with constructor "
                        f"[{node.type.name}/{arity}]", node)
        found = signatures.info(short) if signatures.is_known(short) else None
        params = found.constructors.get(arity) if found is not None else None
        if found is not None and params is None:
            raise error(f"constructor [{st.canonical(short)}, <init>/{arity}] not found", node)
        if params is None:
            for arg in node.args:
                self.argument(arg, Use(internal=True))
            return self.type_of(node.type)
        self.arguments(node.args, params)
        return short

    def _v_NewArray(self, node: n.NewArray, use: Use):
        if use.write:
            raise error("invalid assignment: cannot assign a value to new array", node)
        if not use.read:
            raise error("not a statement: result not used from new array", node)
        array = self.type_of(node.type)
        for size in node.sizes:
            self.value(size, Use(target="int", internal=True))
        for item in node.init or ():
            self.value(item, Use(target=st.element(array) if st.dims(array) else "def", internal=True))
        return array

    def _v_ListInit(self, node: n.ListInit, use: Use):
        self._initializer("list initializer", node, use)
        for item in node.items:
            self.value(item, Use(target="def", internal=True))
        return "ArrayList"

    def _v_MapInit(self, node: n.MapInit, use: Use):
        self._initializer("map initializer", node, use)
        for key, item in node.entries:
            self.value(key, Use(target="def", internal=True))
            self.value(item, Use(target="def", internal=True))
        return "HashMap"

    @staticmethod
    def _initializer(what: str, node, use: Use) -> None:
        if use.write:
            raise error(f"invalid assignment: cannot assign a value to {what}", node)
        if not use.read:
            raise error(f"not a statement: result not used from {what}", node)

    # ---- operators ----
    @staticmethod
    def _operator_use(op: str, node, use: Use) -> None:
        if use.write:
            raise error(f"invalid assignment: cannot assign a value to {OPERATION[op]} operation [{op}]", node)
        if not use.read:
            raise error(f"not a statement: result not used from {OPERATION[op]} operation [{op}]", node)

    def _v_Unary(self, node: n.Unary, use: Use):
        op = node.op
        self._operator_use(op, node, use)
        if op == "!":
            self.value(node.operand, Use(target="boolean"))
            return "boolean"
        actual = self.checked(node.operand)
        promoted = st.promote_numeric(actual, op != "~")
        if promoted is None:
            raise error(f"cannot apply the {OPERATION[op]} operator [{op}] to the type [{st.canonical(actual)}]", node)
        self.cast(node.operand, actual, Use(target=promoted))
        return use.target if promoted == "def" and use.target is not None else promoted

    def _v_Binary(self, node: n.Binary, use: Use):
        op = node.op
        self._operator_use(op, node, use)
        if op in ("&&", "||"):
            self.value(node.left, Use(target="boolean"))
            self.value(node.right, Use(target="boolean"))
            return "boolean"
        left, right = self.checked(node.left), self.checked(node.right)
        if op in _COMPARISON:
            return self._comparison(node, left, right)
        if op in ("=~", "==~"):
            self.cast(node.left, left, Use(target="String"))
            self.cast(node.right, right, Use(target="Pattern"))
            return "boolean"
        shift = None
        if op in ("*", "/", "%", "-"):
            promoted = st.promote_numeric2(left, right, True)
        elif op == "+":
            promoted = st.promote_add(left, right)
        elif op in _SHIFT:
            promoted, shift = st.promote_numeric(left, False), st.promote_numeric(right, False)
            if shift is None:
                promoted = None
        elif op in ("&", "|"):
            promoted = st.promote_numeric2(left, right, False)
        else:
            promoted = st.promote_xor(left, right)
        if promoted is None:
            raise error(f"cannot apply the {OPERATION[op]} operator [{op}] to the types [{st.canonical(left)}] and "
                        f"[{st.canonical(right)}]", node)
        if promoted == "def" or shift == "def":
            return use.target or promoted
        if op != "+" or promoted != "String":
            self.cast(node.left, left, Use(target=promoted))
            if op in _SHIFT:
                self.cast(node.right, right, Use(target="int", explicit=True) if shift == "long" else Use(target=shift))
            else:
                self.cast(node.right, right, Use(target=promoted))
        return promoted

    def _comparison(self, node: n.Binary, left: str, right: str) -> str:
        op = node.op
        equality = op in ("==", "!=", "===", "!==")
        promoted = st.promote_equality(left, right) if equality else st.promote_numeric2(left, right, True)
        if promoted is None:
            raise error(f"cannot apply the {OPERATION[op]} operator [{op}] to the types [{st.canonical(left)}] and "
                        f"[{st.canonical(right)}]", node)
        if equality and _is_null(node.left) and _is_null(node.right):
            raise error("extraneous comparison of [null] constants", node)
        if op in ("===", "!==") or promoted != "def":
            self.cast(node.left, left, Use(target=promoted))
            self.cast(node.right, right, Use(target=promoted))
        if op in ("===", "!==") and st.is_primitive(promoted):
            self.compared_by_value.add(id(node))
        return "boolean"

    def _v_InstanceOf(self, node: n.InstanceOf, use: Use):
        written = str(node.type)
        if use.write:
            raise error(f"invalid assignment: cannot assign a value to instanceof with target type [{written}]", node)
        if not use.read:
            raise error(f"not a statement: result not used from instanceof with target type [{written}]", node)
        self.checked(node.operand)
        return "boolean"

    def _v_Conditional(self, node: n.Conditional, use: Use):
        if use.write:
            raise error("invalid assignment: cannot assign a value to conditional operation [?:]", node)
        if not use.read:
            raise error("not a statement: result not used from conditional operation [?:]", node)
        self.value(node.cond, Use(target="boolean"))
        branch = Use(target=use.target, explicit=use.explicit, internal=use.internal)
        then, other = self.checked(node.then, branch), self.checked(node.other, branch)
        result = use.target
        if result is None:
            result = st.promote_conditional(then, other)
            if result is None:
                raise error(f"cannot apply the conditional operator [?:] to the types [{st.canonical(then)}] and "
                            f"[{st.canonical(other)}]", node)
        self.cast(node.then, then, replace(branch, target=result))
        self.cast(node.other, other, replace(branch, target=result))
        return result

    def _v_Elvis(self, node: n.Elvis, use: Use):
        if use.write:
            raise error("invalid assignment: cannot assign a value to elvis operation [?:]", node)
        if not use.read:
            raise error("not a statement: result not used from elvis operation [?:]", node)
        if use.target is not None and st.is_primitive(use.target):
            raise error("Elvis operator cannot return primitives", node)
        branch = Use(target=use.target, explicit=use.explicit, internal=use.internal)
        left, right = self.checked(node.left, branch), self.checked(node.right, branch)
        if _is_null(node.left):
            raise error("Extraneous elvis operator. LHS is null.", node)
        if isinstance(_unparen(node.left), n.Literal) and not _unparen(node.left).text.startswith("-"):
            raise error("Extraneous elvis operator. LHS is a constant.", node)
        if st.is_primitive(left):
            raise error("Extraneous elvis operator. LHS is a primitive.", node)
        if _is_null(node.right):
            raise error("Extraneous elvis operator. RHS is null.", node)
        result = use.target or st.promote_conditional(left, right)
        self.cast(node.left, left, replace(branch, target=result))
        self.cast(node.right, right, replace(branch, target=result))
        return result

    def _v_Cast(self, node: n.Cast, use: Use):
        written = str(node.type)
        if use.write:
            raise error(f"invalid assignment: cannot assign a value to an explicit cast with target type [{written}]",
                        node)
        if not use.read:
            raise error(f"not a statement: result not used from explicit cast with target type [{written}]", node)
        target = self.type_of(node.type)
        self.value(node.operand, Use(target=target, explicit=True))
        return target

    def _v_Assign(self, node: n.Assign, use: Use):
        self.def_optimized = None
        left = self.checked(node.target, Use(read=use.read, write=True))
        if node.op != "=":
            return self._compound(node, node.op[:-1], left, node.value, use)
        if self.def_optimized is _unparen(node.target):
            right = self.checked(node.value)
            if right == "void":
                raise error("invalid assignment: cannot assign type [void]", node)
            return right if use.read else "void"
        self.value(node.value, Use(target=left))
        return left if use.read else "void"

    def _v_IncDec(self, node: n.IncDec, use: Use):
        left = self.checked(node.target, Use(read=use.read, write=True))
        one = n.Literal("int", 1, "1", line=node.line, col=node.col)
        return self._compound(node, "+" if node.op == "++" else "-", left, one, use)

    def _compound(self, node, op: str, left: str, value, use: Use) -> str:
        right = self.checked(value)
        shift = None
        if op in ("*", "/", "%", "-"):
            promoted = st.promote_numeric2(left, right, True)
        elif op == "+":
            promoted = st.promote_add(left, right)
        elif op in _SHIFT:
            promoted, shift = st.promote_numeric(left, False), st.promote_numeric(right, False)
        else:
            promoted = st.promote_xor(left, right)
        if promoted is None or op in _SHIFT and shift is None:
            raise error(f"invalid compound assignment: cannot apply [{op}=] to types [{java_class_text(left)}] and "
                        f"[{java_class_text(right)}]", node)
        if op == "+" and promoted == "String":
            pass
        elif op in _SHIFT:
            target = "def" if promoted == "def" else "int" if shift == "long" else shift
            self.cast(value, right, Use(target=target, explicit=shift == "long" and promoted != "def"))
        else:
            self.cast(value, right, Use(target=promoted))
        try:
            st.check_cast(left, promoted)
        except st.CastError as exc:
            raise error(str(exc), node) from None
        return left if use.read else "void"

    def lambda_(self, node: n.Lambda, target: str | None) -> str:
        """A lambda passed where ``target`` (a functional interface, or None for ``def``) is expected."""
        interface = _FUNCTIONAL.get(target) if target is not None else None
        if interface is not None and len(interface[1]) != len(node.params):
            at = start(node)
            raise PainlessCompileError(f"Incorrect number of parameters for [{interface[0]}] in "
                                       f"[{st.canonical(target)}]", at.line, at.col)
        returns = "def" if interface is None or interface[2] == "void" else interface[2]
        params = []
        for i, (ptype, pname) in enumerate(node.params):
            declared = self.type_of(ptype) if ptype is not None else None
            params.append((pname, declared or (interface[1][i] if interface is not None else "def")))
        self.analyze_lambda(node, params, returns)
        return target or "def"

    def type_of(self, t: n.TypeName) -> str:
        """The static type of a type as written: ``def`` for a type the pass does not know."""
        short = short_type(t.name)
        if short in st.PRIMITIVE or short == "void" or short == "def" or signatures.is_known(short):
            return short + "[]" * t.dims
        return "def"


def _unparen(node):
    while isinstance(node, n.Paren):
        node = node.inner
    return node


def _is_null(node) -> bool:
    node = _unparen(node)
    return isinstance(node, n.Literal) and node.kind == "null"

