"""Regex literals, ``=~``/``==~`` and ``Pattern.matcher`` on Java semantics (``toolkit.javaregex``).

A literal ``/re/flags`` becomes a ``Pattern``; flags map to Java's inline flags (``c`` CANON_EQ and
``l`` LITERAL are unsupported).

Not modelled: Painless' ``script.painless.regex.limit-factor`` circuit breaker (default 6: a
``CircuitBreakingException`` once Java's engine has read more than 6 × the input's length
characters), which depends on how Java's engine backtracks. The emulator's bound instead is time:
each match runs at most ``TIMEOUT_S`` and never past the script's time budget, which the time spent
in regexes counts against like any other work.
"""

from __future__ import annotations

import regex

from toolkit.javaregex import PatternSyntaxError
from toolkit.javaregex import compile as java_compile
from toolkit.javavalues.numbers import JInt
from toolkit.painless.errors import PainlessCompileError, PainlessLimitError, PainlessUnsupported
from toolkit.painless.text_methods import bmp
from toolkit.painless.values import JavaArray, StringBuilder, assign_convert, throw, type_name

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


def _bounded(ctx, p: Pattern, operation, *args):
    """``operation(*args)`` with the regex module's timeout: ``TIMEOUT_S`` or what is left of the script's budget."""
    left = ctx.remaining()
    if left <= 0:
        raise ctx.out_of_time()
    try:
        return operation(*args, timeout=min(TIMEOUT_S, left))
    except TimeoutError:
        if left <= TIMEOUT_S:
            raise ctx.out_of_time() from None
        raise PainlessLimitError(f"the regex /{p.source}/ ran longer than the emulator's limit of {TIMEOUT_S} s "
                                 "for one match") from None


def find(ctx, text, pattern) -> bool:
    """``text =~ pattern``: ``pattern.matcher(text).find()``."""
    p = _pattern(pattern)
    return _bounded(ctx, p, p.search, _text(text)) is not None


def matches(ctx, text, pattern) -> bool:
    """``text ==~ pattern``: ``pattern.matcher(text).matches()``."""
    p = _pattern(pattern)
    return _bounded(ctx, p, p.full, _text(text)) is not None


class Matcher:
    """A ``java.util.regex.Matcher``: ``matches``, ``find`` (stateful), ``group``, ``start``, ``end``."""

    __slots__ = ("ctx", "pattern", "text", "position", "match")

    def __init__(self, ctx, pattern: Pattern, text: str):
        self.ctx, self.pattern, self.text, self.position, self.match = ctx, pattern, bmp(text), 0, None

    def find(self) -> bool:
        if self.position > len(self.text):
            self.match = None
            return False
        found = _bounded(self.ctx, self.pattern, self.pattern.search, self.text, self.position)
        self.match = found
        if found is not None:
            self.position = found.end() + (1 if found.end() == found.start() else 0)
        return found is not None

    def matches(self) -> bool:
        self.match = _bounded(self.ctx, self.pattern, self.pattern.full, self.text)
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

def replace_matches(ctx, text, pattern, fn, first: bool) -> str:
    """Augmentation.replaceAll / replaceFirst: each match (or the first) replaced by ``fn(matcher)`` taken
    literally (``Matcher.quoteReplacement``), the text as it is when nothing matches."""
    source = _text(text)
    matcher, pieces, last = Matcher(ctx, _pattern(pattern), source), [], 0
    while matcher.find():
        start, end = matcher.match.start(), matcher.match.end()
        replacement = fn.call([matcher])
        if not isinstance(replacement, str):
            raise throw("NullPointerException", None) if replacement is None else throw(
                "ClassCastException", f"class {type_name(replacement)} cannot be cast to class java.lang.String")
        pieces += [source[last:start], replacement]
        last = end
        if first:
            break
    return ctx.check_length("".join(pieces) + source[last:]) if pieces else source


def _split(ctx, p: Pattern, text, limit=0) -> JavaArray:
    """``Pattern.split(input, limit)``: no leading empty piece for a zero-width match at the start, the rest
    of the input as the last piece once ``limit`` pieces are made, trailing empty pieces dropped for 0."""
    source, limit = _text(text), int(assign_convert(limit, "int"))
    matcher, index, parts = Matcher(ctx, p, source), 0, []
    while matcher.find():
        start, end = matcher.match.start(), matcher.match.end()
        if limit > 0 and len(parts) == limit - 1:
            parts.append(source[index:])
            index = end
            break
        if not index == start == end == 0:
            parts.append(source[index:start])
            index = end
    if index == 0:
        return JavaArray("String", [source])
    if limit <= 0 or len(parts) < limit:
        parts.append(source[index:])
    while limit == 0 and parts and not parts[-1]:
        parts.pop()
    return JavaArray("String", parts)


PATTERN = {
    "matcher/1": lambda ctx, p, text: Matcher(ctx, p, _text(text)),
    "split/1": _split,
    "split/2": _split,
    "pattern/0": lambda ctx, p: p.source,
    "toString/0": lambda ctx, p: p.source,
}
