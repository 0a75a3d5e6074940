"""A Java pattern cut into its top-level pieces: literal text and "holes" (everything else).

The audit fills the holes with candidate strings and asks the real (translated) pattern whether
the assembled URL matches, so this cut only has to be good enough to propose candidates: it is
never trusted for the verdict.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_QUANTIFIER = re.compile(r"(?:[*+?]|\{\d+(?:,\d*)?\})[?+]?")
_ANCHORS = {"^", "$"}


@dataclass(frozen=True)
class Piece:
    """Literal ``text`` (``hole`` false), or a Java sub-pattern to fill (``hole`` true)."""

    text: str
    hole: bool = False


def alternatives(pattern: str) -> list[str]:
    """The top-level ``|`` alternatives of ``pattern``."""
    parts, depth, start, i = [], 0, 0, 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            i = _escape_end(pattern, i)
            continue
        if ch == "[":
            i = _class_end(pattern, i)
            continue
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            parts.append(pattern[start:i])
            start = i + 1
        i += 1
    parts.append(pattern[start:])
    return parts


def pieces(branch: str) -> list[Piece]:
    """Cut one alternative into literal pieces and holes (anchors are dropped)."""
    out: list[Piece] = []
    i = 0
    while i < len(branch):
        ch = branch[i]
        if ch in _ANCHORS:
            i += 1
            continue
        if ch == "\\" and branch.startswith("\\Q", i):
            end = branch.find("\\E", i + 2)
            end = len(branch) if end < 0 else end
            out.append(Piece(branch[i + 2 : end]))
            i = end + 2
            continue
        if ch == "\\":
            end = _escape_end(branch, i)
            token = branch[i:end]
            literal = token[1] if len(token) == 2 and not token[1].isalnum() else None
        elif ch == "[":
            end = _class_end(branch, i)
            token, literal = branch[i:end], None
        elif ch == "(":
            end = _group_end(branch, i)
            token, literal = branch[i:end], None
        elif ch == ".":
            end, token, literal = i + 1, ".", None
        else:
            end, token, literal = i + 1, ch, ch
        quantifier = _QUANTIFIER.match(branch, end)
        if quantifier:
            token += quantifier.group()
            end = quantifier.end()
            literal = None
        out.append(Piece(literal) if literal is not None else Piece(token, hole=True))
        i = end
    return _merge(out)


def _merge(items: list[Piece]) -> list[Piece]:
    merged: list[Piece] = []
    for item in items:
        if merged and not item.hole and not merged[-1].hole:
            merged[-1] = Piece(merged[-1].text + item.text)
        else:
            merged.append(item)
    return merged


def _escape_end(pattern: str, i: int) -> int:
    nxt = pattern[i + 1 : i + 2]
    if nxt in ("p", "P", "x", "N", "k") and pattern[i + 2 : i + 3] in ("{", "<"):
        close = pattern.find("}" if pattern[i + 2] == "{" else ">", i)
        return len(pattern) if close < 0 else close + 1
    if nxt in ("p", "P", "c"):
        return i + 3
    if nxt == "u":
        return i + 6
    if nxt == "x":
        return i + 4
    if nxt == "0":
        match = re.match(r"[0-7]{1,3}", pattern[i + 2 :])
        return i + 2 + (len(match.group()) if match else 0)
    return i + 2


def _class_end(pattern: str, i: int) -> int:
    depth, j = 0, i
    while j < len(pattern):
        ch = pattern[j]
        if ch == "\\":
            j = _escape_end(pattern, j)
            continue
        if ch == "[":
            depth += 1
            if pattern[j + 1 : j + 2] == "^":
                j += 1
            if pattern[j + 1 : j + 2] == "]":
                j += 1
        elif ch == "]":
            depth -= 1
            if depth == 0:
                return j + 1
        j += 1
    return len(pattern)


def _group_end(pattern: str, i: int) -> int:
    depth, j = 0, i
    while j < len(pattern):
        ch = pattern[j]
        if ch == "\\":
            j = _escape_end(pattern, j)
            continue
        if ch == "[":
            j = _class_end(pattern, j)
            continue
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth == 0:
                return j + 1
        j += 1
    return len(pattern)
