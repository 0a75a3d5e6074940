"""Translate Java ``Pattern`` syntax into an equivalent `regex` V1 pattern, failing closed.

The parser follows ``java.util.regex.Pattern``'s recursive descent (``expr``, ``sequence``,
``atom``, ``escape``, ``clazz``, ``range``, ``family``, ``group0``, ``closure``) so that it
accepts exactly what Java accepts and reports Java's error text and index. Every construct is
re-emitted explicitly (ASCII classes, Java line terminators, scoped case folding), never passed
through. What it cannot reproduce (``\\X``, ``\\b{g}``, CANON_EQ, forward references, counts
above 65535) raises ``PatternSyntaxError`` rather than guess.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field

from toolkit.javaregex import anchors, charset, properties
from toolkit.javaregex.charset import Bits, Node, escape_char, literal
from toolkit.javaregex.errors import PatternSyntaxError
from toolkit.javaregex.scanner import (
    CANON_EQ,
    CASE_INSENSITIVE,
    COMMENTS,
    DOTALL,
    MULTILINE,
    UNICODE_CASE,
    UNICODE_CHARACTER_CLASS,
    UNIX_LINES,
    Scanner,
)

MAX_REPS = 0x7FFFFFFF
MAX_TRANSLATED_COUNT = 65535
_FLAG_LETTERS = {
    "i": CASE_INSENSITIVE,
    "m": MULTILINE,
    "s": DOTALL,
    "d": UNIX_LINES,
    "u": UNICODE_CASE,
    "c": CANON_EQ,
    "x": COMMENTS,
    "U": UNICODE_CHARACTER_CLASS | UNICODE_CASE,
}
_FORWARD = "\x00ref{}\x00"


def _i32(value: int) -> int:
    return (value + 2**31) % 2**32 - 2**31


@dataclass
class Frag:
    """Translated text plus what Java's ``TreeInfo`` needs for look-behind checks."""

    text: str
    max_len: int = 0
    max_valid: bool = True
    deterministic: bool = True
    single_char: bool = False
    checked: bool = False  # a Curly: Java checks its max length for int overflow
    min_len: int = 0
    asserts: bool = False  # contains an anchor, look-around or back-reference


@dataclass
class _Groups:
    count: int = 1  # Java's capturingGroupCount: the number the next group gets
    names: dict[str, int] = field(default_factory=dict)
    forward: set[int] = field(default_factory=set)


def translate(pattern: str, jdk: int = 21) -> str:
    """The `regex` V1 equivalent of Java ``pattern`` (raises ``PatternSyntaxError``)."""
    return _Parser(pattern, jdk).parse()


class _Parser(Scanner):
    def __init__(self, pattern: str, jdk: int):
        super().__init__(pattern)
        self.jdk = jdk
        self.groups = _Groups()
        self.root: Frag | None = None
        self.predicate: Node | None = None

    # ---- top level -------------------------------------------------------------------------

    def parse(self) -> str:
        frag = self.expr()
        if self.cursor != self.length:
            if self.peek() == ord(")"):
                raise self.error("Unmatched closing ')'")
            if self.jdk >= 21 and self.cursor == self.length + 1 and self.temp[self.length - 1] == 0x5C:
                raise self.error("Unescaped trailing backslash")
            raise self.error("Unexpected internal error")
        text = frag.text
        for number in self.groups.forward:
            if number < self.groups.count:
                raise PatternSyntaxError(
                    f"Forward reference to group {number} is not supported by the translator",
                    self.pattern, -1)
            text = text.replace(_FORWARD.format(number), "(?!)")
        return text

    def unsupported(self, what: str) -> PatternSyntaxError:
        return self.error(f"{what} is not supported by the translator")

    def expr(self) -> Frag:
        branches = [self.sequence()]
        while self.peek() == ord("|"):
            self.next()
            branches.append(self.sequence())
        if len(branches) == 1:
            return branches[0]
        return Frag(
            "(?:" + "|".join(b.text for b in branches) + ")",
            max_len=max(b.max_len for b in branches),
            max_valid=all(b.max_valid for b in branches),
            deterministic=False,
            min_len=min(b.min_len for b in branches),
            asserts=any(b.asserts for b in branches),
        )

    def sequence(self) -> Frag:
        parts: list[str] = []
        total = Frag("")
        while True:
            ch = self.peek()
            if ch == ord("("):
                node = self.group0()
                if node is None:
                    continue
                self._append(total, parts, node)
                continue
            if ch == ord("["):
                node = self._class_frag(self.clazz(True))
            elif ch == 0x5C:
                ch = self.next_escaped()
                if ch in (ord("p"), ord("P")):
                    node = self._class_frag(self._property_after_p(ch == ord("P")))
                else:
                    self.unread()
                    node = self.atom()
            elif ch == ord("^"):
                self.next()
                node = Frag(anchors.caret(self.has(MULTILINE), self.has(UNIX_LINES)), asserts=True)
            elif ch == ord("$"):
                self.next()
                node = Frag(anchors.dollar(self.has(MULTILINE), self.has(UNIX_LINES)), asserts=True)
            elif ch == ord("."):
                self.next()
                if self.has(DOTALL):
                    text = anchors.ANY
                else:
                    text = anchors.UNIX_DOT if self.has(UNIX_LINES) else anchors.DOT
                node = Frag(text, max_len=1, single_char=True, min_len=1)
            elif ch in (ord("|"), ord(")")):
                break
            elif ch in (ord("?"), ord("*"), ord("+")):
                self.next()
                raise self.error(f"Dangling meta character '{chr(ch)}'")
            elif ch == 0 and self.cursor >= self.length:
                break
            else:
                node = self.atom()
            self._append(total, parts, self.closure(node))
        total.text = "".join(parts)
        return total

    @staticmethod
    def _append(total: Frag, parts: list[str], node: Frag) -> None:
        parts.append(node.text)
        before = total.max_len
        total.max_len = _i32(total.max_len + node.max_len)
        if node.checked and node.max_valid and total.max_len < before:
            total.max_valid = False
        total.max_valid = total.max_valid and node.max_valid
        total.deterministic = total.deterministic and node.deterministic
        total.min_len += node.min_len
        total.asserts = total.asserts or node.asserts

    # ---- atoms and escapes -----------------------------------------------------------------

    def atom(self) -> Frag:
        ch = self.peek()
        if ch == 0x5C:
            cp = self.escape(inclass=False, create=True, isrange=False)
            if cp >= 0:
                return self._char(cp)
            return self.root
        if ch == ord("{") or (ch == 0 and self.cursor >= self.length):
            return Frag("")
        self.next()
        return self._char(ch)

    def _char(self, cp: int) -> Frag:
        ci, uc = self.has(CASE_INSENSITIVE), self.has(UNICODE_CASE)
        if ci and uc and charset.simple_lower(charset.simple_upper(cp)) != charset.simple_upper(cp):
            text = f"(?i-f:{escape_char(cp)})"
        elif ci and not uc and charset.ascii_swapcase(cp) is not None:
            text = charset.render(charset.single(cp, True, False))
        else:
            text = literal(cp)
        return Frag(text, max_len=1, single_char=True, min_len=1)

    def _class_frag(self, node: Node) -> Frag:
        text = charset.render(node)
        if self.has(CASE_INSENSITIVE) and self.has(UNICODE_CASE):
            text = f"(?i-f:{text})"
        return Frag(text, max_len=1, single_char=True, min_len=1)

    def _predicate(self, text: str, inclass: bool, create: bool) -> int:
        if create:
            self.predicate = charset.from_set(text)
            if not inclass:
                self.root = Frag(text, max_len=1, single_char=True, min_len=1)
        return -1

    def _negated(self, text: str) -> str:
        return f"[^{text}]"

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
            return self._predicate(text if c == "d" else self._negated(text), inclass, create)
        elif c in "sS":
            text = properties.WHITE_SPACE if uni else properties.ASCII_SPACE
            return self._predicate(text if c == "s" else self._negated(text), inclass, create)
        elif c in "wW":
            text = properties.WORD if uni else properties.ASCII_WORD
            return self._predicate(text if c == "w" else self._negated(text), inclass, create)
        elif c in "hH":
            text = properties.HORIZONTAL_SPACE
            return self._predicate(text if c == "h" else self._negated(text), inclass, create)
        elif c == "V":
            return self._predicate(self._negated(properties.VERTICAL_SPACE), inclass, create)
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
            text = _FORWARD.format(number)
        else:
            text = f"\\g<{number}>"
            if self.has(CASE_INSENSITIVE):
                text = f"(?i-f:{text})"
        return Frag(text, max_valid=False, asserts=True)

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
            try:
                return ord(unicodedata.lookup(name))
            except KeyError:
                raise self.error(f"Unknown character name [{name}]") from None
        raise self.error("Illegal character name escape sequence")

    # ---- character classes -----------------------------------------------------------------

    def clazz(self, consume: bool) -> Node:  # noqa: C901 - mirrors Java's clazz()
        prev: Node | None = None
        curr: Node | None = None
        bits = Bits()
        negated = has_bits = False
        ch = self.next()
        if ch == ord("^") and self.temp[self.cursor - 1] == ord("["):
            ch = self.next()
            negated = True
        while True:
            if ch == ord("["):
                curr = self.clazz(True)
                prev = curr if prev is None else charset.union(prev, curr)
                ch = self.peek()
                continue
            if ch == ord("&"):
                ch = self.next()
                if ch == ord("&"):
                    ch = self.next()
                    right: Node | None = None
                    while ch not in (ord("]"), ord("&")):
                        if ch == ord("["):
                            part = self.clazz(True)
                        else:
                            self.unread()
                            part = self.clazz(False)
                        right = part if right is None else charset.union(right, part)
                        ch = self.peek()
                    if has_bits:
                        if prev is None:
                            prev = curr = charset.from_bits(bits)
                        else:
                            prev = charset.union(prev, charset.from_bits(bits))
                        has_bits = False
                    if right is not None:
                        curr = right
                    if prev is None:
                        if right is None:
                            raise self.error("Bad class syntax")
                        prev = right
                    else:
                        if curr is None:
                            raise self.error("Bad intersection syntax")
                        prev = charset.intersect(prev, curr)
                    continue
                self.unread()
            elif ch == 0 and self.cursor >= self.length:
                raise self.error("Unclosed character class")
            elif ch == ord("]") and (prev is not None or has_bits):
                if consume:
                    self.next()
                if prev is None:
                    prev = charset.from_bits(bits)
                elif has_bits:
                    prev = charset.union(prev, charset.from_bits(bits))
                return charset.negate(prev) if negated else prev
            curr = self.range(bits)
            if curr is None:
                has_bits = True
            elif prev is None:
                prev = curr
            elif prev is not curr:
                prev = charset.union(prev, curr)
            ch = self.peek()

    def range(self, bits: Bits) -> Node | None:
        ch = self.peek()
        if ch == 0x5C:
            ch = self.next_escaped()
            if ch in (ord("p"), ord("P")):
                return self._property_after_p(ch == ord("P"))
            isrange = self.at(self.cursor + 1) == ord("-")
            self.unread()
            ch = self.escape(inclass=True, create=True, isrange=isrange)
            if ch == -1:
                return self.predicate
        else:
            self.next()
        if ch >= 0:
            if self.peek() == ord("-"):
                end = self.at(self.cursor + 1)
                if end == ord("["):
                    return self._bits_or_single(bits, ch)
                if end != ord("]"):
                    self.next()
                    m = self.peek()
                    if m == 0x5C:
                        m = self.escape(inclass=True, create=False, isrange=True)
                    else:
                        self.next()
                    if m < ch:
                        raise self.error("Illegal character range")
                    return charset.char_range(ch, m, self.has(CASE_INSENSITIVE), self.has(UNICODE_CASE))
            return self._bits_or_single(bits, ch)
        raise self.error(f"Unexpected character '{chr(ch)}'")

    def _bits_or_single(self, bits: Bits, ch: int) -> Node | None:
        ci, uc = self.has(CASE_INSENSITIVE), self.has(UNICODE_CASE)
        special = ci and uc and ch in (0xFF, 0xB5, 0x49, 0x69, 0x53, 0x73, 0x4B, 0x6B, 0xC5, 0xE5)
        if ch < 256 and not special:
            bits.add(ch, ci, uc)
            return None
        return charset.single(ch, ci, uc)

    def _property_after_p(self, complement: bool) -> Node:
        one_letter = True
        if self.next() != ord("{"):
            self.unread()
        else:
            one_letter = False
        return self.family(one_letter, complement)

    def family(self, single_letter: bool, complement: bool) -> Node:
        self.next()
        if single_letter:
            name = chr(self.temp[self.cursor])
            self.read()
        else:
            start = self.cursor
            self.temp[self.length] = ord("}")
            while self.read() != ord("}"):
                pass
            self.temp[self.length] = 0
            end = self.cursor
            if end > self.length:
                raise self.error("Unclosed character family")
            if start + 1 >= end:
                raise self.error("Empty character family")
            name = "".join(map(chr, self.temp[start : end - 1]))
        text = self._resolve_property(name)
        return charset.from_set(f"[^{text}]" if complement else text)

    def _resolve_property(self, name: str) -> str:
        ci = self.has(CASE_INSENSITIVE)
        if "=" in name:
            key, value = name.split("=", 1)
            key = key.lower()
            text = None
            if key in ("sc", "script"):
                text = properties.script(value)
            elif key in ("blk", "block"):
                text = properties.block(value)
            elif key in ("gc", "general_category"):
                text = properties.posix_or_category(value, ci)
            if text is None:
                raise self.error(f"Unknown Unicode property {{name=<{key}>, value=<{value}>}}")
            return text
        if name.startswith("In"):
            text = properties.block(name[2:])
        elif name.startswith("Is"):
            short = name[2:]
            text = (properties.unicode_property(short, ci, self.jdk)
                    or properties.posix_or_category(short, ci)
                    or properties.script(short))
        else:
            text = None
            if self.has(UNICODE_CHARACTER_CLASS):
                text = properties.unicode_posix(name, ci)
            text = text or properties.posix_or_category(name, ci)
        if text is None:
            raise self.error(f"Unknown character property name {{{name}}}")
        return text

    # ---- groups and flags ------------------------------------------------------------------

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

    def group0(self) -> Frag | None:  # noqa: C901 - mirrors Java's group0()
        saved = self.flags
        ch = self.next()
        capturing = True
        if ch == ord("?"):
            ch = self.skip()
            capturing = False
            c = chr(ch) if ch else "\x00"
            if c == ":":
                body = self.expr()
                opener = "(?:"
            elif c in "=!":
                body = self.expr()
                opener = f"(?{c}"
                body = Frag(body.text, deterministic=body.deterministic, asserts=True)
            elif c == ">":
                body = self.expr()
                opener = "(?>"
            elif c == "<":
                ch = self.read()
                if ch not in (ord("="), ord("!")):
                    name = self.group_name(ch)
                    if name in self.groups.names:
                        raise self.error(f"Named capturing group <{name}> is already defined")
                    self.groups.names[name] = self.groups.count
                    self.groups.count += 1
                    body = self.expr()
                    opener = f"(?P<{name}>"
                    capturing = True
                else:
                    body = self.expr()
                    if not body.max_valid:
                        raise self.error("Look-behind group does not have an obvious maximum length")
                    opener = f"(?<{chr(ch)}"
                    body = Frag(body.text, asserts=True)
            elif c in "$@":
                raise self.error("Unknown group type")
            else:
                self.unread()
                self.add_flags()
                ch = self.read()
                if ch == ord(")"):
                    return None
                if ch != ord(":"):
                    raise self.error("Unknown inline modifier")
                body = self.expr()
                opener = "(?:"
        else:
            self.groups.count += 1
            body = self.expr()
            opener = "("
        if self.read() != ord(")"):
            raise self.error("Unclosed group")
        self.flags = saved
        node = Frag(opener + body.text + ")", body.max_len, body.max_valid, body.deterministic,
                    min_len=body.min_len, asserts=body.asserts)
        return self.closure(node, group=True)

    def add_flags(self) -> None:
        ch = self.peek()
        while True:
            c = chr(ch) if ch else "\x00"
            if c == "-":
                ch = self.next()
                self._sub_flags()
                return
            flag = _FLAG_LETTERS.get(c)
            if flag is None:
                return
            if flag == CANON_EQ:
                raise self.unsupported("CANON_EQ (?c)")
            self.flags |= flag
            ch = self.next()

    def _sub_flags(self) -> None:
        ch = self.peek()
        while True:
            flag = _FLAG_LETTERS.get(chr(ch) if ch else "\x00")
            if flag is None:
                return
            self.flags &= ~flag
            ch = self.next()

    # ---- quantifiers -----------------------------------------------------------------------

    def _qtype(self) -> str:
        ch = self.next()
        if ch == ord("?"):
            self.next()
            return "?"
        if ch == ord("+"):
            self.next()
            return "+"
        return ""

    def closure(self, node: Frag, group: bool = False) -> Frag:
        ch = self.peek()
        if ch == ord("?"):
            return self._quantified(node, 0, 1, self._qtype(), group)
        if ch in (ord("*"), ord("+")):
            return self._quantified(node, 0 if ch == ord("*") else 1, MAX_REPS, self._qtype(), group)
        if ch != ord("{"):
            return node
        ch = self.skip()
        if not 0x30 <= ch <= 0x39:
            raise self.error("Illegal repetition")
        cmin = 0
        while True:
            cmin = cmin * 10 + ch - 0x30
            if cmin > MAX_REPS:
                raise self.error("Illegal repetition range")
            ch = self.read()
            if not 0x30 <= ch <= 0x39:
                break
        if ch == ord(","):
            ch = self.read()
            if ch == ord("}"):
                self.unread()
                return self._quantified(node, cmin, MAX_REPS, self._qtype(), group)
            cmax = 0
            while 0x30 <= ch <= 0x39:
                cmax = cmax * 10 + ch - 0x30
                if cmax > MAX_REPS:
                    raise self.error("Illegal repetition range")
                ch = self.read()
        else:
            cmax = cmin
        if ch != ord("}"):
            raise self.error("Unclosed counted closure")
        if cmax < cmin:
            raise self.error("Illegal repetition range")
        self.unread()
        return self._quantified(node, cmin, cmax, self._qtype(), group)

    def _quantified(self, node: Frag, cmin: int, cmax: int, mode: str, group: bool) -> Frag:
        if cmin > MAX_TRANSLATED_COUNT or MAX_TRANSLATED_COUNT < cmax < MAX_REPS:
            raise self.unsupported(f"A repetition count above {MAX_TRANSLATED_COUNT}")
        if cmax > 1 and node.min_len == 0 and node.asserts:
            # Java's loops stop at the first empty iteration, even below the minimum count;
            # the regex module keeps iterating, which differs once positions matter.
            raise self.unsupported("Repeating a part that can match empty and holds an anchor, "
                                   "look-around or back-reference")
        if (cmin, cmax) == (0, 1):
            suffix = "?"
        elif cmax == MAX_REPS:
            suffix = {0: "*", 1: "+"}.get(cmin, f"{{{cmin},}}")
        elif cmin == cmax:
            suffix = f"{{{cmin}}}"
        else:
            suffix = f"{{{cmin},{cmax}}}"
        text = f"(?:{node.text}){suffix}{mode}"
        shape = {"min_len": node.min_len * cmin, "asserts": node.asserts}
        if (cmin, cmax) == (0, 1):  # Ques
            return Frag(text, node.max_len, node.max_valid, False, **shape)
        if cmax == MAX_REPS and mode == "" and node.single_char:  # CharPropertyGreedy: no check
            return Frag(text, _i32(node.max_len + MAX_REPS), node.max_valid, False, **shape)
        if group and not node.deterministic and mode != "+":  # Loop
            return Frag(text, 0, False, False, **shape)
        return Frag(text, _i32(node.max_len * cmax), node.max_valid,
                    node.deterministic and cmin == cmax, checked=True, **shape)


def _is_hex(ch: int) -> bool:
    return 0x30 <= ch <= 0x39 or 0x41 <= ch <= 0x46 or 0x61 <= ch <= 0x66


def _is_alpha(ch: int) -> bool:
    return 0x41 <= ch <= 0x5A or 0x61 <= ch <= 0x7A
