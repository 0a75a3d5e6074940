"""Java's ``matches()`` through Python's ``re`` for plain patterns: the fast path of endpoint checks.

Trusted-endpoint regexes are nearly always anchored literals with ``.*``, ASCII classes and an optional
group (ML Commons' default list is, on every release). On such a pattern Java's ``matches()`` and
``re.fullmatch`` of the text written below agree: literals compare code points alike, ``.`` is written
out as Java's "any character but a line terminator", a class of ASCII letters, digits and ``-_.:/``
means the same in both, and ``^`` first and ``$`` last always hold at the ends of a whole-input match.

A pattern is plain only when it is made of exactly those (no escaped letter or digit, flag, brace,
lazy or possessive quantifier, lookaround or set operation), repeats nothing that itself repeats or
branches, and has at most ``MAX_CHOICES`` choice points (``?``, ``*``, ``+``, ``|``) of which at most
``MAX_UNBOUNDED`` are ``*`` or ``+``; the input must be at most ``MAX_INPUT`` characters. Backtracking is
then bounded by a small polynomial of a short input, so no timeout is needed. Anything else goes to
``toolkit.javaregex.compile`` (the translator and the `regex` module, with its timeout), as does every
pattern Java would refuse.
"""

from __future__ import annotations

import functools
import re

MAX_INPUT = 512
MAX_CHOICES = 4
MAX_UNBOUNDED = 2
_DOT = r"[^\n\r\x85\u2028\u2029]"  # Java's `.` without DOTALL: anything but a line terminator
_META = frozenset("\\^$.|?*+()[]{}")
_CLASS_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.:/")
_QUOTABLE = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")  # `\` + one of these is that character in Java


def matches(pattern: str, text: str, timeout: float | None = None, jdk: int = 21) -> bool:
    """Java's ``Pattern.compile(pattern).matcher(text).matches()`` on the JDK profile, raising
    ``PatternSyntaxError`` and ``RegexTimeout`` as ``JavaPattern.matches`` does (with its default timeout
    unless one is given). The plain subset reads alike on JDK 17 and 21."""
    fast = plain(pattern) if len(text) <= MAX_INPUT else None
    if fast is not None:
        return fast.fullmatch(text) is not None
    from toolkit.javaregex.pattern import compile

    compiled = compile(pattern, jdk)
    return compiled.matches(text) if timeout is None else compiled.matches(text, timeout=timeout)


@functools.lru_cache(maxsize=512)
def plain(pattern: str) -> re.Pattern | None:
    """The ``re`` pattern that agrees with ``pattern`` under ``matches()``, or None if it is not plain."""
    try:
        return re.compile(_Reader(pattern).whole())
    except _NotPlain:
        return None


class _NotPlain(Exception):
    pass


class _Reader:
    """A recursive-descent reader of the plain subset, writing the ``re`` text as it goes."""

    def __init__(self, pattern: str):
        self.text = pattern
        self.at = 0
        self.choices = 0
        self.unbounded = 0

    def whole(self) -> str:
        end = len(self.text)
        if self.text.endswith("$") and (len(self.text) - len(self.text[:-1].rstrip("\\")) - 1) % 2 == 0:
            end -= 1  # a trailing `$` that is not escaped
        self.at = 1 if self.text.startswith("^") else 0
        body, _ = self.alternatives(end)
        if self.at != end or self.choices > MAX_CHOICES or self.unbounded > MAX_UNBOUNDED:
            raise _NotPlain
        return body

    def alternatives(self, end: int) -> tuple[str, bool]:
        """``a|b|...`` up to ``)`` or ``end``, and whether it holds a choice point."""
        branches, chooses = [], False
        while True:
            branch, branch_chooses = self.sequence(end)
            branches.append(branch)
            chooses |= branch_chooses
            if self.at < end and self.text[self.at] == "|":
                self.at += 1
                self.choices += 1
                chooses = True
                continue
            return "|".join(branches), chooses

    def sequence(self, end: int) -> tuple[str, bool]:
        out, chooses = [], False
        while self.at < end and self.text[self.at] not in "|)":
            atom, inner = self.atom(end)
            chooses |= inner
            if self.at < end and self.text[self.at] in "*+?":
                quantifier = self.text[self.at]
                self.at += 1
                if inner or (self.at < end and self.text[self.at] in "*+?{"):
                    raise _NotPlain  # repetition of a choice; lazy, possessive or doubled quantifiers
                self.choices += 1
                self.unbounded += quantifier != "?"
                chooses = True
                atom += quantifier
            out.append(atom)
        return "".join(out), chooses

    def atom(self, end: int) -> tuple[str, bool]:
        """One atom as ``re`` text, and whether it holds a choice point (a group can)."""
        char = self.text[self.at]
        self.at += 1
        if char == ".":
            return _DOT, False
        if char == "\\":
            if self.at >= end or self.text[self.at] not in _QUOTABLE:
                raise _NotPlain  # \d, \Q, \1, \p{..}, \u0041 ...: the full engine knows them
            self.at += 1
            return re.escape(self.text[self.at - 1]), False
        if char == "[":
            return self.char_class(end), False
        if char == "(":
            if self.text.startswith("?:", self.at):
                self.at += 2
            elif self.at < end and self.text[self.at] == "?":
                raise _NotPlain  # lookaround, flags, named or atomic groups
            body, chooses = self.alternatives(end)
            if self.at >= end or self.text[self.at] != ")":
                raise _NotPlain
            self.at += 1
            return f"(?:{body})", chooses
        if char in _META or not " " <= char <= "~":
            raise _NotPlain
        return re.escape(char), False

    def char_class(self, end: int) -> str:
        """``[a-z0-9-]``: members from ``_CLASS_CHARS``; a ``-`` is a range between two members, or
        literal first or last."""
        close = self.text.find("]", self.at, end)
        members = self.text[self.at:close] if close > self.at else ""
        if not members or any(char not in _CLASS_CHARS for char in members):
            raise _NotPlain
        self.at = close + 1
        parts, index = [], 0
        while index < len(members):
            low = members[index]
            if index + 2 < len(members) and members[index + 1] == "-":
                high = members[index + 2]
                if low == "-" or high == "-" or low > high:
                    raise _NotPlain
                parts.append(f"{re.escape(low)}-{re.escape(high)}")
                index += 3
                continue
            if low == "-" and 0 < index < len(members) - 1:
                raise _NotPlain  # a hyphen right after a range
            parts.append(re.escape(low))
            index += 1
        return "[" + "".join(parts) + "]"
