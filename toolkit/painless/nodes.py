"""The Painless AST: small dataclasses, each with the 1-based ``line`` and ``col`` where it starts.

Expressions and statements are plain records; the parser builds them and the interpreter and the
printer walk them. ``TypeName`` is a type as written (``def``, ``int``, ``java.util.List``) plus
its array dimensions.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Optional


@dataclass(slots=True)
class Node:
    """Base of every node: the 1-based position where it starts (not part of equality)."""

    line: int = field(default=0, kw_only=True, compare=False, repr=False)
    col: int = field(default=0, kw_only=True, compare=False, repr=False)


@dataclass(slots=True)
class TypeName(Node):
    name: str
    dims: int = 0

    def __str__(self) -> str:
        return self.name + "[]" * self.dims


# ---- expressions ----
@dataclass(slots=True)
class Literal(Node):
    kind: str  # int, long, float, double, String, boolean, null
    value: Any
    text: str  # as written, for the printer


@dataclass(slots=True)
class Regex(Node):
    pattern: str
    flags: str


@dataclass(slots=True)
class Var(Node):
    name: str


@dataclass(slots=True)
class Field(Node):
    target: Node
    name: str
    nullsafe: bool = False


@dataclass(slots=True)
class Index(Node):
    target: Node
    index: Node


@dataclass(slots=True)
class Call(Node):
    target: Node
    name: str
    args: list
    nullsafe: bool = False


@dataclass(slots=True)
class LocalCall(Node):
    name: str
    args: list


@dataclass(slots=True)
class NewObject(Node):
    type: TypeName
    args: list


@dataclass(slots=True)
class NewArray(Node):
    type: TypeName  # the element type with dims = total dimensions
    sizes: list  # dimension expressions (empty when ``init`` is given)
    init: Optional[list] = None


@dataclass(slots=True)
class ListInit(Node):
    items: list


@dataclass(slots=True)
class MapInit(Node):
    entries: list  # [(key, value)]


@dataclass(slots=True)
class Unary(Node):
    op: str  # + - ! ~
    operand: Node


@dataclass(slots=True)
class IncDec(Node):
    op: str  # ++ --
    prefix: bool
    target: Node


@dataclass(slots=True)
class Binary(Node):
    op: str
    left: Node
    right: Node


@dataclass(slots=True)
class InstanceOf(Node):
    operand: Node
    type: TypeName


@dataclass(slots=True)
class Elvis(Node):
    left: Node
    right: Node


@dataclass(slots=True)
class Conditional(Node):
    cond: Node
    then: Node
    other: Node


@dataclass(slots=True)
class Assign(Node):
    op: str  # = += -= ...
    target: Node
    value: Node


@dataclass(slots=True)
class Cast(Node):
    type: TypeName
    operand: Node


@dataclass(slots=True)
class Paren(Node):
    inner: Node


@dataclass(slots=True)
class Lambda(Node):
    params: list  # [(TypeName | None, name)]
    body: Node  # Block or expression
    parenthesised: bool = True


@dataclass(slots=True)
class FuncRef(Node):
    target: str  # a type name, a variable name or "this"
    method: str  # a method name or "new"
    dims: int = 0


# ---- statements ----
@dataclass(slots=True)
class Block(Node):
    body: list


@dataclass(slots=True)
class ExprStmt(Node):
    expr: Node


@dataclass(slots=True)
class Declaration(Node):
    type: TypeName
    vars: list  # [(name, init | None)]


@dataclass(slots=True)
class If(Node):
    cond: Node
    then: Node
    other: Optional[Node] = None


@dataclass(slots=True)
class While(Node):
    cond: Node
    body: Optional[Node]  # None: an empty body (``while (c);``)


@dataclass(slots=True)
class DoWhile(Node):
    body: Block
    cond: Node


@dataclass(slots=True)
class For(Node):
    init: Optional[Node]
    cond: Optional[Node]
    update: Optional[Node]
    body: Optional[Node]


@dataclass(slots=True)
class ForEach(Node):
    type: Optional[TypeName]  # None: the ``for (x in xs)`` form
    name: str
    iterable: Node
    body: Node


@dataclass(slots=True)
class Catch(Node):
    type: TypeName
    name: str
    body: Block


@dataclass(slots=True)
class Try(Node):
    body: Block
    catches: list


@dataclass(slots=True)
class Throw(Node):
    expr: Node


@dataclass(slots=True)
class Return(Node):
    expr: Optional[Node] = None


@dataclass(slots=True)
class Break(Node):
    pass


@dataclass(slots=True)
class Continue(Node):
    pass


@dataclass(slots=True)
class Function(Node):
    rtype: TypeName
    name: str
    params: list  # [(TypeName, name)]
    body: Block


@dataclass(slots=True)
class Script(Node):
    functions: list
    body: list
    source: str = field(default="", compare=False, repr=False)
    # What the semantic pass found, by the script context's return type (it is a function of the tree).
    analysis: dict = field(default_factory=dict, compare=False, repr=False)
