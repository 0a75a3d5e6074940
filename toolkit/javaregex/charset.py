"""Character-class values as Java builds them, rendered as `regex` V1 set syntax.

Java evaluates ``[...]`` into predicates joined by union, intersection (``&&``) and negation,
keeping single Latin-1 characters in a mutable ``BitClass`` that can still grow after it has
been combined. ``Bits`` keeps that aliasing, so the rendered set is exactly Java's.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from toolkit.javaregex import casefold

MAX_CODE_POINT = 0x10FFFF
ALL = r"\x00-\U0010ffff"
EMPTY = rf"[{ALL}--{ALL}]"


def complement(bracketed: str) -> str:
    """All characters but those of ``bracketed``, written as a difference, never as ``[^…]``:
    the regex module (2026.5.9) treats a union of negated single characters as an
    intersection, even across alternatives (``[^a]|[^b]`` rejects ``a``)."""
    return f"[{ALL}--{bracketed}]"


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
                self.chars.update((casefold.lower1(cp), casefold.upper1(cp)))
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
    """Java's ``single()``: the character, with its ASCII or Unicode case variants under (?i)."""
    if case_insensitive and unicode_case:
        return from_set("[" + "".join(map(escape_char, sorted(casefold.single(cp)))) + "]")
    if case_insensitive:
        swapped = ascii_swapcase(cp)
        if swapped is not None:
            return from_set(f"[{escape_char(cp)}{escape_char(swapped)}]")
    return from_set(f"[{escape_char(cp)}]")


def char_range(lo: int, hi: int, case_insensitive: bool, unicode_case: bool) -> Node:
    """Java's ``Range``/``CIRange``/``CIRangeU``: the range plus what folds into it."""
    extra = ""
    if case_insensitive and unicode_case:
        extra = "".join(map(escape_char, casefold.range_extras(lo, hi)))
    elif case_insensitive:
        extra = "".join(
            escape_char(c)
            for c in range(0x41, 0x7B)
            if (s := ascii_swapcase(c)) is not None and lo <= s <= hi and not lo <= c <= hi
        )
    return from_set(f"[{escape_char(lo)}-{escape_char(hi)}{extra}]")


def render(node: Node) -> str:
    """The node as a bracketed `regex` V1 set (unions flattened where that changes nothing)."""
    items = _items(node)
    return "[" + "".join(items) + "]" if items else EMPTY


def _items(node: Node) -> list[str]:
    """The members of ``node`` as they can appear side by side (that is, unioned) in a set."""
    if node.kind == "bits":
        return [escape_char(c) for c in sorted(node.bits.chars)]
    if node.kind == "set":
        text = node.text
        plain = text.startswith("[") and "[" not in text[1:]
        return [text[1:-1]] if plain and "&&" not in text and "--" not in text else [text]
    if node.kind == "union":
        return _items(node.left) + _items(node.right)
    if node.kind == "and":
        return ["[" + render(node.left) + "&&" + render(node.right) + "]"]
    return [complement(render(node.left))]
