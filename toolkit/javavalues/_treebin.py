"""The red-black tree bins of ``java.util.HashMap`` (``HashMap.TreeNode``), for iteration order.

A bin with too many nodes becomes a red-black tree. Its nodes stay on a linked list, which is
what iteration follows, but the tree decides that order: the root is moved to the front of the
list after every change, a new node is linked right after its tree parent, and a removal can turn
the tree back into a plain list. This module keeps that list (``TreeBin.nodes``) in step with a
faithful copy of Java's tree: the same comparisons (hash, then ``compareTo`` between keys of the
same comparable class, then class names) and the same CLR rebalancing.
"""

from __future__ import annotations

import math
import struct
from typing import Any

from toolkit.javavalues.numbers import JByte, JChar, JDouble, JFloat, JInt, JLong, JShort, java_type_of

UNTREEIFY_THRESHOLD = 6


class Node:
    """A HashMap entry; the tree links are used only while it sits in a ``TreeBin``."""

    __slots__ = ("hash", "key", "value", "parent", "left", "right", "red")

    def __init__(self, h: int, key: Any, value: Any) -> None:
        self.hash, self.key, self.value = h, key, value
        self.parent = self.left = self.right = None
        self.red = False


_BOXES = {JInt: "java.lang.Integer", JLong: "java.lang.Long", JDouble: "java.lang.Double",
          JFloat: "java.lang.Float", JChar: "java.lang.Character", JShort: "java.lang.Short",
          JByte: "java.lang.Byte"}


def _class_name(key: Any) -> str:
    if isinstance(key, str):
        return "java.lang.String"
    if isinstance(key, bool):
        return "java.lang.Boolean"
    if isinstance(key, (int, float)):
        return _BOXES[java_type_of(key)]
    if isinstance(key, list):
        return "java.util.ArrayList"
    raise NotImplementedError(f"the Java class of a {type(key).__name__} key is not known")


def _signed(h: int) -> int:
    return h - (1 << 32) if h & 0x80000000 else h


def _float_order(x: float) -> tuple:
    """``Double.compare``/``Float.compare`` order: -0.0 < 0.0 and NaN above everything."""
    if math.isnan(x):
        return (1, 0.0, 0)
    return (0, x, struct.pack(">d", x)[0] >> 7 == 0)


def _compare_to(a: Any, b: Any) -> int:
    """``a.compareTo(b)`` for two keys of the same comparable class (only the sign is used)."""
    if isinstance(a, str):
        x, y = a.encode("utf-16-be", "surrogatepass"), b.encode("utf-16-be", "surrogatepass")
    elif isinstance(a, float):
        x, y = _float_order(a), _float_order(b)
    else:
        x, y = int(a), int(b)
    return (x > y) - (x < y)


def _comparable(key: Any) -> bool:
    """``comparableClassFor(key) != null``: String, the boxes and Boolean."""
    return isinstance(key, (str, int, float))


def _direction(key: Any, h: int, other: Node) -> int:
    """Which side of ``other`` a new ``key`` goes in ``treeify``/``putTreeVal`` (never 0)."""
    ph, sh = _signed(other.hash), _signed(h)
    if ph != sh:
        return -1 if ph > sh else 1
    if _comparable(key) and other.key is not None and _class_name(key) == _class_name(other.key):
        direction = _compare_to(key, other.key)
        if direction:
            return direction
    if key is None:
        return -1
    if other.key is None:
        return 1
    by_name = (_class_name(key) > _class_name(other.key)) - (_class_name(key) < _class_name(other.key))
    if by_name:
        return by_name
    raise NotImplementedError("this HashMap tree order depends on System.identityHashCode")


class TreeBin:
    """A treeified bin. ``nodes`` is the linked list in iteration order, root first."""

    def __init__(self, nodes: list[Node]) -> None:
        self.nodes = list(nodes)
        self.root: Node | None = None
        for node in self.nodes:
            node.left = node.right = node.parent = None
            if self.root is None:
                node.red = False
                self.root = node
            else:
                self._attach(node, move=False)
        self._move_root_to_front()

    # -- insertion -------------------------------------------------------------------------

    def _attach(self, node: Node, move: bool) -> None:
        parent = self.root
        while True:
            direction = _direction(node.key, node.hash, parent)
            child = parent.left if direction <= 0 else parent.right
            if child is None:
                break
            parent = child
        if direction <= 0:
            parent.left = node
        else:
            parent.right = node
        node.parent = parent
        if move:  # putTreeVal links the new node right after its parent
            self.nodes.insert(self.nodes.index(parent) + 1, node)
        self._balance_insertion(node)

    def insert(self, node: Node) -> None:
        """``putTreeVal`` for a key known to be absent."""
        self._attach(node, move=True)
        self._move_root_to_front()

    def _move_root_to_front(self) -> None:
        if self.nodes[0] is not self.root:
            self.nodes.remove(self.root)
            self.nodes.insert(0, self.root)

    def _rotate_left(self, p: Node) -> None:
        r = p.right
        if r is None:
            return
        p.right = r.left
        if r.left is not None:
            r.left.parent = p
        r.parent = p.parent
        if r.parent is None:
            self.root = r
            r.red = False
        elif r.parent.left is p:
            r.parent.left = r
        else:
            r.parent.right = r
        r.left = p
        p.parent = r

    def _rotate_right(self, p: Node) -> None:
        l = p.left
        if l is None:
            return
        p.left = l.right
        if l.right is not None:
            l.right.parent = p
        l.parent = p.parent
        if l.parent is None:
            self.root = l
            l.red = False
        elif l.parent.right is p:
            l.parent.right = l
        else:
            l.parent.left = l
        l.right = p
        p.parent = l

    def _balance_insertion(self, x: Node) -> None:
        x.red = True
        while True:
            xp = x.parent
            if xp is None:
                x.red = False
                self.root = x
                return
            xpp = xp.parent
            if not xp.red or xpp is None:
                return
            if xp is xpp.left:
                uncle = xpp.right
                if uncle is not None and uncle.red:
                    uncle.red = xp.red = False
                    xpp.red = True
                    x = xpp
                    continue
                if x is xp.right:
                    x = xp
                    self._rotate_left(x)
                    xp = x.parent
                    xpp = xp.parent if xp is not None else None
                if xp is not None:
                    xp.red = False
                    if xpp is not None:
                        xpp.red = True
                        self._rotate_right(xpp)
            else:
                uncle = xpp.left
                if uncle is not None and uncle.red:
                    uncle.red = xp.red = False
                    xpp.red = True
                    x = xpp
                    continue
                if x is xp.left:
                    x = xp
                    self._rotate_right(x)
                    xp = x.parent
                    xpp = xp.parent if xp is not None else None
                if xp is not None:
                    xp.red = False
                    if xpp is not None:
                        xpp.red = True
                        self._rotate_left(xpp)

    # -- removal ---------------------------------------------------------------------------

    def remove(self, p: Node) -> list[Node] | TreeBin:
        """``removeTreeNode(movable=true)``: the bin that replaces this one (maybe a plain list)."""
        self.nodes.remove(p)
        if not self.nodes:
            return []
        root = self.root
        if root.right is None or root.left is None or root.left.left is None:
            return self.untreeify()
        pl, pr = p.left, p.right
        if pl is not None and pr is not None:
            s = pr
            while s.left is not None:
                s = s.left
            s.red, p.red = p.red, s.red
            sr, pp = s.right, p.parent
            if s is pr:
                p.parent = s
                s.right = p
            else:
                sp = s.parent
                p.parent = sp
                if sp is not None:
                    if s is sp.left:
                        sp.left = p
                    else:
                        sp.right = p
                s.right = pr
                pr.parent = s
            p.left = None
            p.right = sr
            if sr is not None:
                sr.parent = p
            s.left = pl
            pl.parent = s
            s.parent = pp
            if pp is None:
                self.root = s
            elif p is pp.left:
                pp.left = s
            else:
                pp.right = s
            replacement = sr if sr is not None else p
        elif pl is not None:
            replacement = pl
        elif pr is not None:
            replacement = pr
        else:
            replacement = p
        if replacement is not p:
            pp = replacement.parent = p.parent
            if pp is None:
                self.root = replacement
                replacement.red = False
            elif p is pp.left:
                pp.left = replacement
            else:
                pp.right = replacement
            p.left = p.right = p.parent = None
        if not p.red:
            self._balance_deletion(replacement)
        if replacement is p:
            pp, p.parent = p.parent, None
            if pp is not None:
                if p is pp.left:
                    pp.left = None
                elif p is pp.right:
                    pp.right = None
        self._move_root_to_front()
        return self

    def _balance_deletion(self, x: Node | None) -> None:
        while True:
            if x is None or x is self.root:
                return
            xp = x.parent
            if xp is None:
                x.red = False
                self.root = x
                return
            if x.red:
                x.red = False
                return
            if xp.left is x:
                sibling = xp.right
                if sibling is not None and sibling.red:
                    sibling.red = False
                    xp.red = True
                    self._rotate_left(xp)
                    xp = x.parent
                    sibling = xp.right if xp is not None else None
                if sibling is None:
                    x = xp
                    continue
                sl, sr = sibling.left, sibling.right
                if (sr is None or not sr.red) and (sl is None or not sl.red):
                    sibling.red = True
                    x = xp
                    continue
                if sr is None or not sr.red:
                    if sl is not None:
                        sl.red = False
                    sibling.red = True
                    self._rotate_right(sibling)
                    xp = x.parent
                    sibling = xp.right if xp is not None else None
                if sibling is not None:
                    sibling.red = False if xp is None else xp.red
                    if sibling.right is not None:
                        sibling.right.red = False
                if xp is not None:
                    xp.red = False
                    self._rotate_left(xp)
                x = self.root
            else:
                sibling = xp.left
                if sibling is not None and sibling.red:
                    sibling.red = False
                    xp.red = True
                    self._rotate_right(xp)
                    xp = x.parent
                    sibling = xp.left if xp is not None else None
                if sibling is None:
                    x = xp
                    continue
                sl, sr = sibling.left, sibling.right
                if (sl is None or not sl.red) and (sr is None or not sr.red):
                    sibling.red = True
                    x = xp
                    continue
                if sl is None or not sl.red:
                    if sr is not None:
                        sr.red = False
                    sibling.red = True
                    self._rotate_left(sibling)
                    xp = x.parent
                    sibling = xp.left if xp is not None else None
                if sibling is not None:
                    sibling.red = False if xp is None else xp.red
                    if sibling.left is not None:
                        sibling.left.red = False
                if xp is not None:
                    xp.red = False
                    self._rotate_right(xp)
                x = self.root

    # -- resizing --------------------------------------------------------------------------

    def untreeify(self, nodes: list[Node] | None = None) -> list[Node]:
        """Back to a plain bin: ``nodes`` (default: all of this bin's) in linked order."""
        nodes = self.nodes if nodes is None else nodes
        for node in nodes:
            node.parent = node.left = node.right = None
            node.red = False
        return nodes

    def split(self, bit: int) -> tuple[list[Node] | TreeBin, list[Node] | TreeBin]:
        """``TreeNode.split`` on a resize: the bins at ``index`` and ``index + bit``."""
        low = [n for n in self.nodes if not n.hash & bit]
        high = [n for n in self.nodes if n.hash & bit]

        def settle(half: list[Node], other: list[Node]) -> list[Node] | TreeBin:
            if len(half) <= UNTREEIFY_THRESHOLD:
                return self.untreeify(half)
            return TreeBin(half) if other else self

        return settle(low, high), settle(high, low)
