"""Painless' semantic pass: the compile-time errors OpenSearch reports before a script ever runs.

``analyze(script, returns)`` walks the AST the way lang-painless' ``DefaultSemanticAnalysisPhase``
(with ``PainlessSemanticAnalysisPhase`` for the script body, the ``execute`` method) does: static
types, casts that need to be explicit, expressions used as statements, Elvis and ``?.`` results
that cannot be primitives, extraneous loops, ``continue``/``break`` placement, read-only variables,
members missing from a fully known class. ``returns`` is the script's return type: ``Object`` for
OpenSearch's test context, ``String`` for ML Commons' ``TemplateScript``.

What the pass cannot type (classes the emulator does not model, unknown names) is ``def`` and never
an error: the compiler that follows reports those. Unreachable statements and missing returns are
``checks``' part.
"""

from __future__ import annotations

from dataclasses import dataclass

from toolkit.painless import nodes as n
from toolkit.painless import signatures
from toolkit.painless import static_types as st
from toolkit.painless.errors import PainlessCompileError
from toolkit.painless.semantic_expressions import READ, STATEMENT, ExpressionAnalyzer, Use, error


@dataclass(slots=True)
class Variable:
    type: str
    readonly: bool = False


@dataclass(frozen=True, slots=True)
class Flow:
    """Conditions a statement is visited with: LastSource, InLoop, LastLoop."""

    last_source: bool = False
    in_loop: bool = False
    last_loop: bool = False


@dataclass(slots=True)
class Escapes:
    """What a statement's analysis reports upwards: MethodEscape, LoopEscape, AllEscape, AnyContinue, AnyBreak."""

    method: bool = False
    loop: bool = False
    all: bool = False
    any_continue: bool = False
    any_break: bool = False


_ESCAPE = (True, True, True)


def analyze(script: n.Script, returns: str = "Object") -> frozenset[int]:
    """Raise ``PainlessCompileError`` at the first semantic error of ``script``. Returns the ``id`` of each
    ``===``/``!==`` that compares two primitives, which Painless compares by value, not by reference.
    The result is kept on ``script`` (an error is raised again each time, as OpenSearch does)."""
    found = script.analysis.get(returns)
    if found is None:
        analyzer = Analyzer(script)
        analyzer.run(returns)
        found = script.analysis[returns] = frozenset(analyzer.compared_by_value)
    return found


class Analyzer(ExpressionAnalyzer):
    def __init__(self, script: n.Script):
        self.script = script
        self.functions = {f"{fn.name}/{len(fn.params)}": (self.type_of(fn.rtype),
                                                          tuple(self.type_of(t) for t, _ in fn.params))
                          for fn in script.functions}
        self.frames: list[dict[str, Variable]] = []
        self.enclosing: list[list[dict[str, Variable]]] = []  # the frames of functions a lambda is inside
        self.returns = "void"
        self.def_optimized = None
        self.compared_by_value: set[int] = set()

    def run(self, returns: str) -> None:
        for fn in self.script.functions:
            self.frames = [{}]
            for t, name in fn.params:
                self.define(name, self.type_of(t), fn)
            self.returns = self.type_of(fn.rtype)
            if not fn.body.body:
                raise PainlessCompileError(f"invalid function definition: found no statements for function "
                                           f"[{fn.name}] with [{len(fn.params)}] parameters", fn.line, fn.col)
            self.block(fn.body.body, Flow(last_source=True))
        self.frames, self.returns = [{"params": Variable("Map")}], returns
        if not self.script.body:
            raise PainlessCompileError("invalid function definition: found no statements for function [execute] "
                                       "with [0] parameters", 1, 1)
        self.block(self.script.body, Flow(last_source=True))

    # ---- scopes ----
    def lookup(self, name: str) -> Variable | None:
        for frame in reversed(self.frames):
            if name in frame:
                return frame[name]
        for frames in reversed(self.enclosing):
            for frame in reversed(frames):
                if name in frame:
                    return Variable(frame[name].type, readonly=True)  # lambdas capture copies
        return None

    def define(self, name: str, type_: str, node, readonly: bool = False) -> None:
        """Painless' ``defineVariable``: a name visible here (an enclosing lambda's too) cannot be declared again."""
        if self.lookup(name) is not None:
            raise error(f"variable [{name}] is already defined", node)
        self.frames[-1][name] = Variable(type_, readonly)

    # ---- blocks and statements ----
    def block(self, statements: list, flow: Flow, begin_loop: bool = False) -> Escapes:
        """Visit a block's statements in a scope of their own (Painless' visitBlock)."""
        self.frames.append({})
        try:
            result, last = Escapes(), len(statements) - 1
            for i, statement in enumerate(statements):
                inner = Flow(last_source=flow.last_source and i == last, in_loop=flow.in_loop,
                             last_loop=(begin_loop or flow.last_loop) and i == last)
                escapes = self.statement(statement, inner)
                if i == last:
                    result.method, result.loop = escapes.method, escapes.loop
                result.any_continue |= escapes.any_continue
                result.any_break |= escapes.any_break
            return result
        finally:
            self.frames.pop()

    def statement(self, node, flow: Flow) -> Escapes:
        return getattr(self, "_s_" + type(node).__name__)(node, flow)

    def _s_Block(self, node: n.Block, flow: Flow) -> Escapes:
        return self.block(node.body, flow)

    def _s_ExprStmt(self, node: n.ExprStmt, flow: Flow) -> Escapes:
        returns = self.returns != "void" and flow.last_source
        actual = self.checked(node.expr, READ if returns else STATEMENT)
        if returns and actual != "void":
            self.cast(node.expr, actual, Use(target=self.returns, internal=True))
            return Escapes(*_ESCAPE)
        return Escapes()

    def _s_Declaration(self, node: n.Declaration, flow: Flow) -> Escapes:
        declared = self.type_of(node.type)
        for name, init in node.vars:
            if init is not None:
                self.value(init, Use(target=declared))
            self.define(name, declared, node)
        return Escapes()

    def _s_If(self, node: n.If, flow: Flow) -> Escapes:
        self.value(node.cond, Use(target="boolean"))
        then = _body(node.then)
        if _is_boolean_literal(node.cond) or then is None:
            raise PainlessCompileError("extraneous if block", node.line, node.col)
        first = self.block(then, flow)
        if node.other is None:
            return Escapes(any_continue=first.any_continue, any_break=first.any_break)
        other = _body(node.other)
        if other is None:
            raise PainlessCompileError("extraneous else block.", node.line, node.col)
        second = self.block(other, flow)
        return Escapes(first.method and second.method, first.loop and second.loop, False,
                       first.any_continue or second.any_continue, first.any_break or second.any_break)

    def _loop_body(self, body, kind: str, node) -> Escapes:
        escapes = self.block(body, Flow(in_loop=True), begin_loop=True)
        if escapes.loop and not escapes.any_continue:
            raise PainlessCompileError(f"extraneous {kind}", node.line, node.col)
        return escapes

    def _s_While(self, node: n.While, flow: Flow) -> Escapes:
        self.frames.append({})
        try:
            self.value(node.cond, Use(target="boolean"))
            body = _body(node.body)
            continuous = _is_boolean_literal(node.cond)
            if continuous and not node.cond.value:
                raise PainlessCompileError("extraneous while loop", node.line, node.col)
            if continuous and body is None:
                raise PainlessCompileError("no paths escape from while loop", node.line, node.col)
            if body is not None:
                escapes = self._loop_body(body, "while loop", node)
                if continuous and not escapes.any_break:
                    return Escapes(method=True, all=True)
            return Escapes()
        finally:
            self.frames.pop()

    def _s_DoWhile(self, node: n.DoWhile, flow: Flow) -> Escapes:
        self.frames.append({})
        try:
            body = _body(node.body)
            if body is None:
                raise PainlessCompileError("extraneous do-while loop", node.line, node.col)
            escapes = self._loop_body(body, "do-while loop", node)
            self.value(node.cond, Use(target="boolean"))
            if _is_boolean_literal(node.cond):
                if not node.cond.value:
                    raise PainlessCompileError("extraneous do-while loop", node.line, node.col)
                if not escapes.any_break:
                    return Escapes(method=True, all=True)
            return Escapes()
        finally:
            self.frames.pop()

    def _s_For(self, node: n.For, flow: Flow) -> Escapes:
        self.frames.append({})
        try:
            if isinstance(node.init, n.Declaration):
                self._s_Declaration(node.init, flow)
            elif node.init is not None:
                self.checked(node.init, STATEMENT)
            body = _body(node.body)
            continuous = node.cond is None
            if node.cond is not None:
                self.value(node.cond, Use(target="boolean"))
                if _is_boolean_literal(node.cond):
                    if not node.cond.value:
                        raise PainlessCompileError("extraneous for loop", node.line, node.col)
                    if body is None:
                        raise PainlessCompileError("no paths escape from for loop", node.line, node.col)
                    continuous = True
            if node.update is not None:
                self.checked(node.update, STATEMENT)
            if body is not None:
                escapes = self._loop_body(body, "for loop", node)
                if continuous and not escapes.any_break:
                    return Escapes(method=True, all=True)
            return Escapes()
        finally:
            self.frames.pop()

    def _s_ForEach(self, node: n.ForEach, flow: Flow) -> Escapes:
        iterable = self.checked(node.iterable)
        declared = self.type_of(node.type) if node.type is not None else "def"
        self.frames.append({})
        try:
            self.define(node.name, declared, node, readonly=True)
            body = _body(node.body)
            if body is None:
                raise PainlessCompileError("extraneous foreach loop", node.line, node.col)
            self._loop_body(body, "foreach loop", node)
        finally:
            self.frames.pop()
        if st.dims(iterable):
            try:
                st.check_cast(st.element(iterable), declared, explicit=True, internal=True)
            except st.CastError as exc:
                raise PainlessCompileError(str(exc), node.line, node.col) from None
        elif iterable != "def" and signatures.is_known(iterable) and "Iterable" not in signatures.supertypes(iterable):
            raise PainlessCompileError(f"invalid foreach loop: cannot iterate over type [{st.canonical(iterable)}].",
                                       node.line, node.col)
        return Escapes()

    def _s_Try(self, node: n.Try, flow: Flow) -> Escapes:
        body = _body(node.body)
        if body is None:
            raise PainlessCompileError("extraneous try statement", node.line, node.col)
        result = self.block(body, flow)
        for catch in node.catches:
            self.frames.append({})
            try:
                self.define(catch.name, self.type_of(catch.type), catch)
                handler = _body(catch.body)
                escapes = self.block(handler, flow) if handler is not None else Escapes()
            finally:
                self.frames.pop()
            result.method &= escapes.method
            result.loop &= escapes.loop
            result.any_continue |= escapes.any_continue
            result.any_break |= escapes.any_break
        return result

    def _s_Throw(self, node: n.Throw, flow: Flow) -> Escapes:
        self.value(node.expr, Use(target="Exception"))
        return Escapes(*_ESCAPE)

    def _s_Return(self, node: n.Return, flow: Flow) -> Escapes:
        if node.expr is None:
            if self.returns != "void":
                raise PainlessCompileError(f"cannot cast from [{st.canonical(self.returns)}] to [void]",
                                           node.line, node.col)
        else:
            self.value(node.expr, Use(target=self.returns, internal=True))
        return Escapes(*_ESCAPE)

    def _s_Break(self, node: n.Break, flow: Flow) -> Escapes:
        if not flow.in_loop:
            raise PainlessCompileError("invalid break statement: not inside loop", node.line, node.col)
        return Escapes(loop=True, all=True, any_break=True)

    def _s_Continue(self, node: n.Continue, flow: Flow) -> Escapes:
        if not flow.in_loop:
            raise PainlessCompileError("invalid continue statement: not inside loop", node.line, node.col)
        if flow.last_loop:
            raise PainlessCompileError("extraneous continue statement", node.line, node.col)
        return Escapes(all=True, any_continue=True)

    # ---- lambdas ----
    def analyze_lambda(self, node: n.Lambda, params: list, returns: str) -> None:
        """A lambda body in a scope of its own: captured variables read-only, ``returns`` its return type."""
        outer_frames, outer_returns = self.frames, self.returns
        self.enclosing.append(outer_frames)
        self.frames = [{}]
        self.returns = returns
        try:
            for name, t in params:
                self.define(name, t, node, readonly=True)
            if not isinstance(node.body, n.Block):
                self.value(node.body, Use(target=returns, internal=True))
                return
            if not node.body.body:
                raise error("cannot generate empty lambda", node)
            if not self.block(node.body.body, Flow(last_source=True)).method:
                raise error("not all paths return a value for lambda", node)
        finally:
            self.enclosing.pop()
            self.frames, self.returns = outer_frames, outer_returns


def _body(node) -> list | None:
    """The statements of a trailer as Painless builds it: an empty block is no block."""
    if node is None:
        return None
    if isinstance(node, n.Block):
        return node.body or None
    return [node]


def _is_boolean_literal(node) -> bool:
    return isinstance(node, n.Literal) and node.kind == "boolean"
