"""Character-class values as Java builds them, rendered as `regex` V1 set syntax.

Java evaluates ``[...]`` into predicates joined by union, intersection (``&&``) and negation,
keeping single Latin-1 characters in a mutable ``BitClass`` that can still grow after it has
been combined. ``Bits`` keeps that aliasing, so the rendered set is exactly Java's.
"""

from __future__ import annotations

from dataclasses import dataclass, field

MAX_CODE_POINT = 0x10FFFF
EMPTY = r"[^\x00-\U0010ffff]"


def escape_char(cp: int) -> str:
    """A code point as an escape that means the same inside and outside a set."""
    if cp < 0x100:
        return f"\\x{cp:02x}"
    if cp < 0x10000:
        return f"\\u{cp:04x}"
    return f"\\U{cp:08x}"


def literal(cp: int) -> str:
    """A code point as a literal outside a set: ASCII letters and digits stay readable."""
    ch = chr(cp)
    return ch if ch.isascii() and ch.isalnum() else escape_char(cp)


def simple_upper(cp: int) -> int:
    up = chr(cp).upper()
    return ord(up) if len(up) == 1 else cp


def simple_lower(cp: int) -> int:
    low = chr(cp).lower()
    return ord(low) if len(low) == 1 else cp


def ascii_swapcase(cp: int) -> int | None:
    if 0x41 <= cp <= 0x5A or 0x61 <= cp <= 0x7A:
        return cp ^ 0x20
    return None


@dataclass(eq=False)
class Bits:
    """Java's ``BitClass``: single characters below 256, shared by reference."""

    chars: set[int] = field(default_factory=set)

    def add(self, cp: int, case_insensitive: bool, unicode_case: bool) -> None:
        if case_insensitive:
            if cp < 0x80:
                swapped = ascii_swapcase(cp)
                if swapped is not None:
                    self.chars.add(swapped)
            elif unicode_case:
                self.chars.update((simple_lower(cp), simple_upper(cp)))
        self.chars.add(cp)


@dataclass(eq=False)
class Node:
    """One class value: ``kind`` is ``bits``, ``set``, ``union``, ``and`` or ``not``."""

    kind: str
    bits: Bits | None = None
    text: str = ""
    left: Node | None = None
    right: Node | None = None


def from_bits(bits: Bits) -> Node:
    return Node("bits", bits=bits)


def from_set(text: str) -> Node:
    return Node("set", text=text)


def union(a: Node, b: Node) -> Node:
    return Node("union", left=a, right=b)


def intersect(a: Node, b: Node) -> Node:
    return Node("and", left=a, right=b)


def negate(a: Node) -> Node:
    return Node("not", left=a)


def single(cp: int, case_insensitive: bool, unicode_case: bool) -> Node:
    """Java's ``single()``; Unicode case folding is applied by the caller's ``(?i)`` wrapper."""
    if case_insensitive and not unicode_case:
        swapped = ascii_swapcase(cp)
        if swapped is not None:
            return from_set(f"[{escape_char(cp)}{escape_char(swapped)}]")
    return from_set(f"[{escape_char(cp)}]")


def char_range(lo: int, hi: int, case_insensitive: bool, unicode_case: bool) -> Node:
    """Java's ``Range``/``CIRange``: with ASCII case folding, add the other case of letters."""
    extra = ""
    if case_insensitive and not unicode_case:
        extra = "".join(
            escape_char(c)
            for c in range(0x41, 0x7B)
            if (s := ascii_swapcase(c)) is not None and lo <= s <= hi and not lo <= c <= hi
        )
    return from_set(f"[{escape_char(lo)}-{escape_char(hi)}{extra}]")


def render(node: Node) -> str:
    """The node as a bracketed `regex` V1 set."""
    if node.kind == "bits":
        chars = sorted(node.bits.chars)
        return "[" + "".join(map(escape_char, chars)) + "]" if chars else EMPTY
    if node.kind == "set":
        return node.text
    if node.kind == "union":
        return "[" + render(node.left) + render(node.right) + "]"
    if node.kind == "and":
        return "[" + render(node.left) + "&&" + render(node.right) + "]"
    return "[^" + render(node.left) + "]"
