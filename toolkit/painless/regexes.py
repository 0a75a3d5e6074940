"""Regex literals, ``=~``/``==~`` and ``Pattern.matcher`` on Java semantics (``toolkit.javaregex``).

A literal ``/re/flags`` becomes a ``Pattern``; flags map to Java's inline flags (``c`` CANON_EQ and
``l`` LITERAL are unsupported). Not modelled: Painless' ``regex.limit-factor`` circuit breaker,
which counts characters Java's engine reads; a match that runs past ``TIMEOUT_S`` raises
``PainlessLimitError`` instead.
"""

from __future__ import annotations

import regex

from toolkit.javaregex import PatternSyntaxError
from toolkit.javaregex import compile as java_compile
from toolkit.javavalues.numbers import JInt
from toolkit.painless.errors import PainlessCompileError, PainlessLimitError, PainlessUnsupported
from toolkit.painless.text_methods import bmp
from toolkit.painless.values import StringBuilder, throw, type_name

TIMEOUT_S = 1.0
_INLINE = {"i": "i", "m": "m", "s": "s", "x": "x", "u": "u", "U": "U"}


class Pattern:
    """A compiled ``java.util.regex.Pattern``."""

    __slots__ = ("source", "search", "full")

    def __init__(self, source: str, flags: str, jdk: int, line: int, col: int):
        unsupported = [f for f in flags if f not in _INLINE]
        if unsupported:
            raise PainlessUnsupported(f"regex flag(s) {''.join(unsupported)!r} (CANON_EQ, LITERAL)", line, col)
        prefix = "".join(dict.fromkeys(_INLINE[f] for f in flags))
        self.source = source
        try:
            translated = java_compile((f"(?{prefix})" if prefix else "") + source, jdk).translated
        except PatternSyntaxError as exc:
            if exc.description.startswith("Cannot be reproduced"):
                raise PainlessUnsupported(f"the regex /{source}/: {exc.description}", line, col) from None
            raise PainlessCompileError(f"invalid regex /{source}/: {exc.description}", line, col) from None
        compiled = regex.compile(translated, regex.V1)
        self.search, self.full = compiled.search, compiled.fullmatch


def _text(value) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, StringBuilder):
        return value.text()
    if value is None:
        raise throw("NullPointerException", "Cannot match a regex against null")
    raise throw("ClassCastException", f"Cannot cast {type_name(value)} to java.lang.CharSequence")


def _pattern(value) -> Pattern:
    if isinstance(value, Pattern):
        return value
    raise throw("ClassCastException", f"Cannot cast {type_name(value)} to java.util.regex.Pattern")


def find(text, pattern) -> bool:
    """``text =~ pattern``: ``pattern.matcher(text).find()``."""
    p = _pattern(pattern)
    try:
        return p.search(_text(text), timeout=TIMEOUT_S) is not None
    except TimeoutError:
        raise PainlessLimitError(f"the regex /{p.source}/ ran longer than {TIMEOUT_S} s") from None


def matches(text, pattern) -> bool:
    """``text ==~ pattern``: ``pattern.matcher(text).matches()``."""
    return _full(_pattern(pattern), _text(text)) is not None


def _full(p: Pattern, text: str):
    try:
        return p.full(text, timeout=TIMEOUT_S)
    except TimeoutError:
        raise PainlessLimitError(f"the regex /{p.source}/ ran longer than {TIMEOUT_S} s") from None


class Matcher:
    """A ``java.util.regex.Matcher``: ``matches``, ``find`` (stateful), ``group``, ``start``, ``end``."""

    __slots__ = ("pattern", "text", "position", "match")

    def __init__(self, pattern: Pattern, text: str):
        self.pattern, self.text, self.position, self.match = pattern, bmp(text), 0, None

    def find(self) -> bool:
        if self.position > len(self.text):
            self.match = None
            return False
        try:
            found = self.pattern.search(self.text, self.position, timeout=TIMEOUT_S)
        except TimeoutError:
            raise PainlessLimitError(f"the regex /{self.pattern.source}/ ran longer than {TIMEOUT_S} s") from None
        self.match = found
        if found is not None:
            self.position = found.end() + (1 if found.end() == found.start() else 0)
        return found is not None

    def matches(self) -> bool:
        self.match = _full(self.pattern, self.text)
        return self.match is not None

    def _current(self):
        if self.match is None:
            raise throw("IllegalStateException", "No match found")
        return self.match

    def group(self, index=0):
        i = int(index)
        m = self._current()
        if not 0 <= i <= len(m.groups()):
            raise throw("IndexOutOfBoundsException", f"No group {i}")
        return m.group(i)


MATCHER = {
    "find/0": lambda ctx, m: m.find(),
    "matches/0": lambda ctx, m: m.matches(),
    "group/0": lambda ctx, m: m.group(),
    "group/1": lambda ctx, m, i: m.group(i),
    "start/0": lambda ctx, m: JInt(m._current().start()),
    "end/0": lambda ctx, m: JInt(m._current().end()),
}

PATTERN = {
    "matcher/1": lambda ctx, p, text: Matcher(p, _text(text)),
    "pattern/0": lambda ctx, p: p.source,
    "toString/0": lambda ctx, p: p.source,
}
