"""Java quantifiers (``Pattern.closure``): ``? * + {n,m}`` with lazy and possessive forms, and the
look-behind length facts Java derives from them."""

from __future__ import annotations

from toolkit.javaregex.fragment import MAX_REPS, Frag, i32
from toolkit.javaregex.scanner import Scanner

MAX_TRANSLATED_COUNT = 65535


class QuantifierParser(Scanner):
    """The quantifier half of the parser."""

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
        shape = {"min_len": node.min_len * cmin, "asserts": node.asserts,
                 "possessive": node.possessive or mode == "+"}
        if (cmin, cmax) == (0, 1):  # Ques
            return Frag(text, node.max_len, node.max_valid, False, **shape)
        if cmax == MAX_REPS and mode == "" and node.single_char:  # CharPropertyGreedy: no check
            return Frag(text, i32(node.max_len + MAX_REPS), node.max_valid, False, **shape)
        if group and not node.deterministic and mode != "+":  # Loop
            return Frag(text, 0, False, False, **shape)
        return Frag(text, i32(node.max_len * cmax), node.max_valid,
                    node.deterministic and cmin == cmax, checked=True, **shape)
