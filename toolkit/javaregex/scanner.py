"""Java's view of a pattern: code points, ``\\Q…\\E`` pre-quoting, and a flag-aware cursor.

This mirrors ``java.util.regex.Pattern`` closely (``RemoveQEQuoting``, ``peek``, ``read``,
``next``, ``skip``, the double-zero terminator), so that error positions and COMMENTS-mode
whitespace handling come out exactly as Java reports them.
"""

from __future__ import annotations

from toolkit.javaregex.errors import PatternSyntaxError

UNIX_LINES = 0x01
CASE_INSENSITIVE = 0x02
COMMENTS = 0x04
MULTILINE = 0x08
DOTALL = 0x20
UNICODE_CASE = 0x40
CANON_EQ = 0x80
UNICODE_CHARACTER_CLASS = 0x100

_ASCII_SPACE = frozenset(map(ord, " \t\n\x0b\f\r"))


def _is_ascii_alpha(c: int) -> bool:
    return 0x41 <= c <= 0x5A or 0x61 <= c <= 0x7A


def _is_ascii_digit(c: int) -> bool:
    return 0x30 <= c <= 0x39


def remove_qe_quoting(cps: list[int]) -> list[int]:
    """Java's ``RemoveQEQuoting``: rewrite ``\\Q…\\E`` into escaped characters."""
    n = len(cps)
    i = 0
    while i < n - 1:
        if cps[i] != 0x5C:
            i += 1
        elif cps[i + 1] != ord("Q"):
            i += 2
        else:
            break
    if i >= n - 1:
        return cps
    out = cps[:i]
    i += 2
    in_quote = begin_quote = True
    while i < n:
        c = cps[i]
        i += 1
        if c > 0x7F or _is_ascii_alpha(c):
            out.append(c)
        elif _is_ascii_digit(c):
            if begin_quote:
                out.extend((0x5C, ord("x"), ord("3")))
            out.append(c)
        elif c != 0x5C:
            if in_quote:
                out.append(0x5C)
            out.append(c)
        elif in_quote:
            if i < n and cps[i] == ord("E"):
                i += 1
                in_quote = False
            else:
                out.extend((0x5C, 0x5C))
        else:
            if i < n and cps[i] == ord("Q"):
                i += 1
                in_quote = True
                begin_quote = True
                continue
            out.append(c)
            if i != n:
                out.append(cps[i])
                i += 1
        begin_quote = False
    return out


class Scanner:
    """A cursor over the pre-quoted code points, honouring COMMENTS mode like Java does."""

    def __init__(self, pattern: str):
        self.pattern = pattern
        cps = remove_qe_quoting([ord(ch) for ch in pattern])
        self.length = len(cps)
        self.temp = cps + [0, 0]
        self.cursor = 0
        self.flags = 0

    def has(self, flag: int) -> bool:
        return bool(self.flags & flag)

    def error(self, description: str) -> PatternSyntaxError:
        return PatternSyntaxError(description, self.pattern, self.cursor - 1)

    def unsupported(self, what: str) -> PatternSyntaxError:
        return self.error(f"{what} is not supported by the translator")

    def at(self, i: int) -> int:
        return self.temp[i] if i < len(self.temp) else 0

    def peek(self) -> int:
        ch = self.at(self.cursor)
        if self.has(COMMENTS):
            ch = self._peek_past_whitespace(ch)
        return ch

    def read(self) -> int:
        ch = self.at(self.cursor)
        self.cursor += 1
        if self.has(COMMENTS):
            ch = self._parse_past_whitespace(ch)
        return ch

    def next(self) -> int:
        self.cursor += 1
        ch = self.at(self.cursor)
        if self.has(COMMENTS):
            ch = self._peek_past_whitespace(ch)
        return ch

    def next_escaped(self) -> int:
        self.cursor += 1
        return self.at(self.cursor)

    def skip(self) -> int:
        ch = self.at(self.cursor + 1)
        self.cursor += 2
        return ch

    def unread(self) -> None:
        self.cursor -= 1

    def _is_line_separator(self, ch: int) -> bool:
        if self.has(UNIX_LINES):
            return ch == 0x0A
        return ch in (0x0A, 0x0D, 0x85) or (ch | 1) == 0x2029

    def _peek_past_whitespace(self, ch: int) -> int:
        while ch in _ASCII_SPACE or ch == ord("#"):
            while ch in _ASCII_SPACE:
                self.cursor += 1
                ch = self.at(self.cursor)
            if ch == ord("#"):
                self.cursor += 1
                ch = self.at(self.cursor)
                while ch != 0 and not self._is_line_separator(ch):
                    self.cursor += 1
                    ch = self.at(self.cursor)
                if ch == 0 and self.cursor > self.length:
                    self.cursor = self.length
                    ch = self.at(self.cursor)
        return ch

    def _parse_past_whitespace(self, ch: int) -> int:
        while ch in _ASCII_SPACE or ch == ord("#"):
            while ch in _ASCII_SPACE:
                ch = self.at(self.cursor)
                self.cursor += 1
            if ch == ord("#"):
                ch = self.at(self.cursor)
                self.cursor += 1
                while ch != 0 and not self._is_line_separator(ch):
                    ch = self.at(self.cursor)
                    self.cursor += 1
                if ch == 0 and self.cursor > self.length:
                    self.cursor = self.length
                    ch = self.at(self.cursor)
                    self.cursor += 1
        return ch
