"""Compile-time variable scopes: each function or lambda gets a frame of numbered slots.

Slot 0 of every frame holds the run ``Context``. Painless forbids redeclaring a name that is
visible in an enclosing block; a lambda reads outer variables by copying them into its own
slots when it is created (they are effectively final).
"""

from __future__ import annotations

from dataclasses import dataclass

from toolkit.painless.errors import PainlessCompileError
from toolkit.painless.nodes import TypeName


@dataclass(slots=True)
class Variable:
    """A local: its frame slot, its declared type, and whether a lambda copied it in."""

    slot: int
    type: TypeName
    captured: bool = False


class FrameLayout:
    """The scopes and slots of one function, lambda or the script body."""

    def __init__(self, parent: FrameLayout | None = None):
        self.parent = parent
        self.scopes: list[dict[str, Variable]] = [{}]
        self.size = 1
        self.captures: list[tuple[int, int]] = []  # (slot in parent frame, slot here)

    def push(self) -> None:
        self.scopes.append({})

    def pop(self) -> None:
        self.scopes.pop()

    def declare(self, name: str, type_: TypeName, line: int, col: int) -> int:
        if self.lookup(name) is not None:
            raise PainlessCompileError(f"variable [{name}] is already defined", line, col)
        slot = self.size
        self.size += 1
        self.scopes[-1][name] = Variable(slot, type_)
        return slot

    def lookup(self, name: str) -> Variable | None:
        for scope in reversed(self.scopes):
            if name in scope:
                return scope[name]
        if self.parent is None:
            return None
        outer = self.parent.lookup(name)
        if outer is None:
            return None
        slot = self.size
        self.size += 1
        inner = Variable(slot, outer.type, captured=True)
        self.scopes[0][name] = inner
        self.captures.append((outer.slot, slot))
        return inner
