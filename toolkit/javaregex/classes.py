"""Java character classes: ``[...]`` with nesting, ``&&`` and ranges, and ``\\p{...}`` families,
parsed exactly as ``Pattern.clazz``, ``range`` and ``family`` do."""

from __future__ import annotations

from toolkit.javaregex import charset, properties
from toolkit.javaregex.charset import Bits, Node
from toolkit.javaregex.escapes import EscapeParser
from toolkit.javaregex.fragment import Frag
from toolkit.javaregex.scanner import CASE_INSENSITIVE, UNICODE_CASE, UNICODE_CHARACTER_CLASS


class ClassParser(EscapeParser):
    """The character-class half of the parser."""

    def _class_frag(self, node: Node) -> Frag:
        return Frag(charset.render(node), max_len=1, single_char=True, min_len=1)

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
                            if self.jdk < 21:
                                raise self.unsupported(
                                    "An intersection with nothing on its right (JDK 17 compiles it and "
                                    "throws NullPointerException while matching)")
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
        return charset.from_set(charset.complement(text) if complement else text)

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
