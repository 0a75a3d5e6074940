"""Java escapes (``Pattern.escape`` and its helpers): literals, shorthand classes, anchors and
back-references, each as Java's parser reads it."""

from __future__ import annotations

import unicodedata

from toolkit.javaregex import anchors, charset, properties
from toolkit.javaregex.charset import Node, literal
from toolkit.javaregex.fragment import FORWARD_REF, Frag, Groups
from toolkit.javaregex.scanner import (
    CASE_INSENSITIVE,
    UNICODE_CASE,
    UNICODE_CHARACTER_CLASS,
    UNIX_LINES,
    Scanner,
)


class EscapeParser(Scanner):
    """The escape half of the parser; ``root``/``predicate`` receive what an escape creates."""

    jdk: int
    groups: Groups
    root: Frag | None
    predicate: Node | None

    def _char(self, cp: int) -> Frag:
        ci, uc = self.has(CASE_INSENSITIVE), self.has(UNICODE_CASE)
        if ci and (uc or charset.ascii_swapcase(cp) is not None):
            text = charset.render(charset.single(cp, True, uc))
        else:
            text = literal(cp)
        return Frag(text, max_len=1, single_char=True, min_len=1)

    def _predicate(self, text: str, inclass: bool, create: bool) -> int:
        if create:
            self.predicate = charset.from_set(text)
            if not inclass:
                self.root = Frag(text, max_len=1, single_char=True, min_len=1)
        return -1

    def _anchor(self, text: str, inclass: bool, create: bool) -> int | None:
        if inclass:
            return None
        if create:
            self.root = Frag(text, asserts=True)
        return -1

    def escape(self, inclass: bool, create: bool, isrange: bool) -> int:  # noqa: C901 - Java's switch
        ch = self.skip()
        c = chr(ch) if ch else "\x00"
        uni = self.has(UNICODE_CHARACTER_CLASS)
        result: int | None = None
        if c == "0":
            return self.octal()
        if c in "123456789":
            if not inclass:
                if create:
                    self.root = self.ref(ch - 0x30)
                return -1
        elif c == "A":
            result = self._anchor(anchors.BEGIN, inclass, create)
        elif c in "bB":
            if not inclass:
                if c == "b" and self.peek() == ord("{"):
                    if self.skip() == ord("g"):
                        if self.read() == ord("}"):
                            raise self.unsupported("\\b{g} (grapheme boundary)")
                        raise self.error("Illegal/unsupported escape sequence")
                    self.unread()
                    self.unread()
                if create:
                    self.root = Frag(anchors.boundary(c == "B", uni, self.jdk), asserts=True)
                return -1
        elif c in "dD":
            text = properties.UNICODE_DIGIT if uni else properties.ASCII_DIGIT
            return self._predicate(text if c == "d" else charset.complement(text), inclass, create)
        elif c in "sS":
            text = properties.WHITE_SPACE if uni else properties.ASCII_SPACE
            return self._predicate(text if c == "s" else charset.complement(text), inclass, create)
        elif c in "wW":
            text = properties.WORD if uni else properties.ASCII_WORD
            return self._predicate(text if c == "w" else charset.complement(text), inclass, create)
        elif c in "hH":
            text = properties.HORIZONTAL_SPACE
            return self._predicate(text if c == "h" else charset.complement(text), inclass, create)
        elif c == "V":
            return self._predicate(charset.complement(properties.VERTICAL_SPACE), inclass, create)
        elif c == "v":
            if isrange:
                return 0x0B
            return self._predicate(properties.VERTICAL_SPACE, inclass, create)
        elif c == "G":
            result = self._anchor(r"\G", inclass, create)
        elif c == "N":
            return self.named_char()
        elif c == "R":
            if not inclass:
                if create:
                    self.root = Frag(anchors.LINE_ENDING, max_len=2, min_len=1)
                return -1
        elif c == "X":
            if not inclass:
                raise self.unsupported("\\X (grapheme cluster)")
        elif c == "Z":
            result = self._anchor(anchors.dollar(False, self.has(UNIX_LINES)), inclass, create)
        elif c == "z":
            result = self._anchor(anchors.END, inclass, create)
        elif c == "k":
            if not inclass:
                return self.named_ref(create)
        elif c in "CEFIJKLMOPQTUYgijlmopqy":
            pass
        elif c == "a":
            return 0x07
        elif c == "c":
            return self.control()
        elif c == "e":
            return 0x1B
        elif c == "f":
            return 0x0C
        elif c == "n":
            return 0x0A
        elif c == "r":
            return 0x0D
        elif c == "t":
            return 0x09
        elif c == "u":
            return self.unicode_escape()
        elif c == "x":
            return self.hex_escape()
        else:
            return ch
        if result is not None:
            return result
        raise self.error("Illegal/unsupported escape sequence")

    def ref(self, number: int) -> Frag:
        while True:
            ch = self.peek()
            if not 0x30 <= ch <= 0x39:
                break
            candidate = number * 10 + ch - 0x30
            if self.groups.count - 1 < candidate:
                break
            number = candidate
            self.read()
        return self._backref(number)

    def _backref(self, number: int) -> Frag:
        if number >= self.groups.count:
            self.groups.forward.add(number)
            text = FORWARD_REF.format(number)
        else:
            text = f"\\g<{number}>"
            if self.has(CASE_INSENSITIVE):
                text = f"(?i-f:{text})"
        # A back-reference matches exactly the text its group captured (and fails when the group
        # has not matched), so it is as short as the group can be; a group still open (a reference
        # inside itself) is not known yet and counts as possibly empty.
        return Frag(text, max_valid=False, asserts=True, min_len=self.groups.min_lens.get(number, 0))

    def named_ref(self, create: bool) -> int:
        if self.read() != ord("<"):
            raise self.error("\\k is not followed by '<' for named capturing group")
        name = self.group_name(self.read())
        number = self.groups.names.get(name)
        if number is None:
            raise self.error(f"named capturing group <{name}> does not exist")
        if create:
            self.root = self._backref(number)
        return -1

    def control(self) -> int:
        if self.cursor < self.length:
            return self.read() ^ 64
        raise self.error("Illegal control escape sequence")

    def octal(self) -> int:
        def is_oct(v: int) -> bool:
            return 0x30 <= v <= 0x37

        n = self.read()
        if is_oct(n):
            m = self.read()
            if is_oct(m):
                o = self.read()
                if is_oct(o) and n <= 0x33:
                    return (n - 0x30) * 64 + (m - 0x30) * 8 + (o - 0x30)
                self.unread()
                return (n - 0x30) * 8 + (m - 0x30)
            self.unread()
            return n - 0x30
        raise self.error("Illegal octal escape sequence")

    def hex_escape(self) -> int:
        n = self.read()
        if _is_hex(n):
            m = self.read()
            if _is_hex(m):
                return int(chr(n) + chr(m), 16)
        elif n == ord("{") and _is_hex(self.peek()):
            value = 0
            while _is_hex(n := self.read()):
                value = value * 16 + int(chr(n), 16)
                if value > charset.MAX_CODE_POINT:
                    raise self.error("Hexadecimal codepoint is too big")
            if n != ord("}"):
                raise self.error("Unclosed hexadecimal escape sequence")
            return value
        raise self.error("Illegal hexadecimal escape sequence")

    def _uxxxx(self) -> int:
        value = 0
        for _ in range(4):
            ch = self.read()
            if not _is_hex(ch):
                raise self.error("Illegal Unicode escape sequence")
            value = value * 16 + int(chr(ch), 16)
        return value

    def unicode_escape(self) -> int:
        value = self._uxxxx()
        if 0xD800 <= value <= 0xDBFF:
            saved = self.cursor
            if self.read() == 0x5C and self.read() == ord("u"):
                low = self._uxxxx()
                if 0xDC00 <= low <= 0xDFFF:
                    return 0x10000 + ((value - 0xD800) << 10) + (low - 0xDC00)
            self.cursor = saved
        return value

    def named_char(self) -> int:
        if self.read() == ord("{"):
            start = self.cursor
            while self.read() != ord("}"):
                if self.cursor >= self.length:
                    raise self.error("Unclosed character name escape sequence")
            name = "".join(map(chr, self.temp[start : self.cursor - 1]))
            # Character.codePointOf: case-insensitive, trimmed, no aliases, no named sequences.
            wanted = name.strip().upper()
            try:
                found = unicodedata.lookup(wanted)
            except KeyError:
                found = ""
            if len(found) != 1 or unicodedata.name(found, "") != wanted:
                raise self.error(f"Unknown character name [{name}]")
            return ord(found)
        raise self.error("Illegal character name escape sequence")

    def group_name(self, ch: int) -> str:
        if not _is_alpha(ch):
            raise self.error("capturing group name does not start with a Latin letter")
        name = []
        while True:
            name.append(chr(ch))
            ch = self.read()
            if not (_is_alpha(ch) or 0x30 <= ch <= 0x39):
                break
        if ch != ord(">"):
            raise self.error("named capturing group is missing trailing '>'")
        return "".join(name)


def _is_hex(ch: int) -> bool:
    return 0x30 <= ch <= 0x39 or 0x41 <= ch <= 0x46 or 0x61 <= ch <= 0x66


def _is_alpha(ch: int) -> bool:
    return 0x41 <= ch <= 0x5A or 0x61 <= ch <= 0x7A
