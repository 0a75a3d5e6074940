"""Translate Java ``Pattern`` syntax into an equivalent `regex` V1 pattern, failing closed.

The parser follows ``java.util.regex.Pattern``'s recursive descent (``expr``, ``sequence``,
``atom``, ``escape``, ``clazz``, ``range``, ``family``, ``group0``, ``closure``) so that it
accepts exactly what Java accepts and reports Java's error text and index. Every construct is
re-emitted explicitly (ASCII classes, Java line terminators, scoped case folding), never passed
through. What it cannot reproduce (``\\X``, ``\\b{g}``, CANON_EQ, forward references, counts
above 65535, repeated empty-matching assertions) raises ``PatternSyntaxError`` rather than guess.
Escapes, classes and quantifiers live in their own modules; this one holds the structure.
"""

from __future__ import annotations

from toolkit.javaregex import anchors
from toolkit.javaregex.classes import ClassParser
from toolkit.javaregex.errors import PatternSyntaxError
from toolkit.javaregex.fragment import FORWARD_REF, Frag, Groups, i32
from toolkit.javaregex.quantifiers import QuantifierParser
from toolkit.javaregex.scanner import (
    CANON_EQ,
    CASE_INSENSITIVE,
    COMMENTS,
    DOTALL,
    MULTILINE,
    UNICODE_CASE,
    UNICODE_CHARACTER_CLASS,
    UNIX_LINES,
)

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


def translate(pattern: str, jdk: int = 21) -> str:
    """The `regex` V1 equivalent of Java ``pattern`` (raises ``PatternSyntaxError``)."""
    try:
        return _Parser(pattern, jdk).parse()
    except RecursionError:
        raise PatternSyntaxError("Nesting this deep is not supported by the translator", pattern, -1) from None


class _Parser(ClassParser, QuantifierParser):
    def __init__(self, pattern: str, jdk: int):
        super().__init__(pattern)
        self.jdk = jdk
        self.groups = Groups()
        self.root = None
        self.predicate = None

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
            text = text.replace(FORWARD_REF.format(number), "(?!)")
        return text

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
            possessive=any(b.possessive for b in branches),
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
        total.max_len = i32(total.max_len + node.max_len)
        if node.checked and node.max_valid and total.max_len < before:
            total.max_valid = False
        total.max_valid = total.max_valid and node.max_valid
        total.deterministic = total.deterministic and node.deterministic
        total.min_len += node.min_len
        total.asserts = total.asserts or node.asserts
        total.possessive = total.possessive or node.possessive

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

    def group0(self) -> Frag | None:  # noqa: C901 - mirrors Java's group0()
        saved = self.flags
        number = None  # the capturing group's number
        ch = self.next()
        if ch == ord("?"):
            ch = self.skip()
            c = chr(ch) if ch else "\x00"
            if c == ":":
                body = self.expr()
                opener = "(?:"
            elif c in "=!":
                body = self.expr()
                opener = f"(?{c}"
                body = Frag(body.text, deterministic=body.deterministic, asserts=True,
                            possessive=body.possessive)
            elif c == ">":
                body = self.expr()
                body.possessive = True
                opener = "(?>"
            elif c == "<":
                ch = self.read()
                if ch not in (ord("="), ord("!")):
                    name = self.group_name(ch)
                    if name in self.groups.names:
                        raise self.error(f"Named capturing group <{name}> is already defined")
                    number = self.groups.names[name] = self.groups.count
                    self.groups.count += 1
                    body = self.expr()
                    opener = f"(?P<{name}>"
                else:
                    body = self.expr()
                    if not body.max_valid:
                        raise self.error("Look-behind group does not have an obvious maximum length")
                    if body.possessive:
                        # Java runs a look-behind forwards from candidate starts, so a possessive
                        # part can overrun its end; the regex module matches it backwards.
                        raise self.unsupported("A possessive quantifier or atomic group in a look-behind")
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
            number = self.groups.count
            self.groups.count += 1
            body = self.expr()
            opener = "("
        if self.read() != ord(")"):
            raise self.error("Unclosed group")
        if number is not None:
            self.groups.min_lens[number] = body.min_len
        self.flags = saved
        node = Frag(opener + body.text + ")", body.max_len, body.max_valid, body.deterministic,
                    min_len=body.min_len, asserts=body.asserts, possessive=body.possessive)
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
