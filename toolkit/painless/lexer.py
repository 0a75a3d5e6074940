"""The Painless lexer, written to the rules of OpenSearch's ``PainlessLexer.g4``.

Longest match wins and ties go to the earlier rule, as in ANTLR. After ``.`` or ``?.`` only an
identifier or an integer may follow with no space between (the lexer's AFTER_DOT mode), so the
two are lexed together as one ``DOTID``/``DOTINT``/``NSDOTID``/``NSDOTINT`` token. Whether ``/``
starts a regex or divides is decided by the previous token, as ``isSlashRegex`` does. A
synthetic ``EOF`` token ends the stream: the grammar lets the last statement end with it
instead of a semicolon. A ``//`` comment runs to the end of its line or of the script; before
OpenSearch 2.12 (``comment_at_eof=False``) it had to end with a line break (OpenSearch #11815).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from toolkit.painless.errors import PainlessSyntaxError

KEYWORDS = {
    "if": "IF", "in": "IN", "else": "ELSE", "while": "WHILE", "do": "DO", "for": "FOR",
    "continue": "CONTINUE", "break": "BREAK", "return": "RETURN", "new": "NEW", "try": "TRY",
    "catch": "CATCH", "throw": "THROW", "this": "THIS", "instanceof": "INSTANCEOF",
    "true": "TRUE", "false": "FALSE", "null": "NULL", "def": "DEF",
    **{p: "PRIMITIVE" for p in ("boolean", "byte", "short", "char", "int", "long", "float", "double")},
}

# Operators, longest first so that the first alternative that matches is the longest.
OPERATORS = {
    ">>>=": "AUSH", "===": "EQR", "!==": "NER", "==~": "MATCH", ">>>": "USH", "<<=": "ALSH", ">>=": "ARSH",
    "<<": "LSH", ">>": "RSH", "<=": "LTE", ">=": "GTE", "==": "EQ", "!=": "NE", "&&": "BOOLAND",
    "||": "BOOLOR", "?:": "ELVIS", "::": "REF", "->": "ARROW", "=~": "FIND", "++": "INCR", "--": "DECR",
    "+=": "AADD", "-=": "ASUB", "*=": "AMUL", "%=": "AREM", "&=": "AAND", "^=": "AXOR", "|=": "AOR",
    "{": "LCURLY", "}": "RCURLY", "[": "LSQ", "]": "RSQ", "(": "LP", ")": "RP", ",": "COMMA",
    ";": "SEMICOLON", "!": "BOOLNOT", "~": "BWNOT", "*": "MUL", "%": "REM", "+": "ADD", "-": "SUB",
    "<": "LT", ">": "GT", "&": "BWAND", "^": "XOR", "|": "BWOR", "?": "COND", ":": "COLON", "=": "ASSIGN",
}
_OPERATOR_RE = re.compile("|".join(re.escape(op) for op in OPERATORS))

# Previous tokens after which '/' is division (isSlashRegex returns false).
_DIVISION_AFTER = frozenset({"RSQ", "RP", "OCTAL", "HEX", "INTEGER", "DECIMAL", "ID", "DOTINT", "DOTID",
                             "NSDOTINT", "NSDOTID"})

_WS = re.compile(r"[ \t\n\r]+")
_COMMENT = re.compile(r"//[^\n\r]*|/\*.*?\*/", re.S)
_ID = re.compile(r"[_a-zA-Z][_a-zA-Z0-9]*")
_AFTER_DOT = re.compile(r"(\??\.)(?:(0|[1-9][0-9]*)|([_a-zA-Z][_a-zA-Z0-9]*))")
_NUMBERS = (  # ANTLR rule order: the earlier rule wins a tie
    ("OCTAL", re.compile(r"0[0-7]+[lL]?")),
    ("HEX", re.compile(r"0[xX][0-9a-fA-F]+[lL]?")),
    ("INTEGER", re.compile(r"(?:0|[1-9][0-9]*)[lLfFdD]?")),
    ("DECIMAL", re.compile(r"(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+\-]?[0-9]+)?[fFdD]?")),
)
_STRING = {'"': re.compile(r'"(?:\\["\\]|[^\\"])*"'), "'": re.compile(r"'(?:\\['\\]|[^\\'])*'")}
_REGEX = re.compile(r"/(?:\\[^\n]|[^/\n])+?/[cilmsUux]*")


@dataclass(frozen=True, slots=True)
class Tok:
    """A token: its terminal name, its text and its offset in the source."""

    type: str
    text: str
    pos: int


class Positions:
    """Offset → 1-based (line, column) for one source text."""

    def __init__(self, text: str):
        self._starts = [0] + [m.end() for m in re.finditer(r"\r\n|\r|\n", text)]

    def at(self, offset: int) -> tuple[int, int]:
        index = bisect_right(self._starts, offset) - 1
        return index + 1, offset - self._starts[index] + 1


def tokenize(text: str, *, comment_at_eof: bool = True) -> list[Tok]:
    """All tokens of ``text``; raises ``PainlessSyntaxError`` at the first character no rule matches.

    ``comment_at_eof=False`` is the lexer of OpenSearch before 2.12: a ``//`` comment without a line
    break after it is an error."""
    tokens: list[Tok] = []
    append = tokens.append
    pos, end = 0, len(text)
    while pos < end:
        ch = text[pos]
        if ch in " \t\n\r":
            pos = _WS.match(text, pos).end()
            continue
        if ch == "/":
            pos = _slash(text, pos, tokens, comment_at_eof)
            continue
        if ch.isascii() and (ch.isalpha() or ch == "_"):
            word = _ID.match(text, pos).group()
            append(Tok(KEYWORDS.get(word, "ID"), word, pos))
            pos += len(word)
            continue
        if "0" <= ch <= "9":
            kind, lexeme = max(((k, m.group()) for k, r in _NUMBERS if (m := r.match(text, pos))),
                               key=lambda item: len(item[1]))
            append(Tok(kind, lexeme, pos))
            pos += len(lexeme)
            continue
        if ch in "\"'":
            match = _STRING[ch].match(text, pos)
            if match is None:
                _bad_string(text, pos)
            append(Tok("STRING", match.group(), pos))
            pos = match.end()
            continue
        if ch == "." or (ch == "?" and text.startswith("?.", pos)):
            match = _AFTER_DOT.match(text, pos)
            if match is not None:
                kind = ("NS" if match.group(1) == "?." else "") + ("DOTINT" if match.group(2) else "DOTID")
                append(Tok(kind, match.group(), pos))
                pos = match.end()
                continue
            if ch == ".":
                _fail(text, pos + 1, "expected a field or method name right after '.'")
            _fail(text, pos + 2, "expected a field or method name right after '?.'")
        match = _OPERATOR_RE.match(text, pos)
        if match is None:
            _fail(text, pos, f"unexpected character {ch!r}")
        append(Tok(OPERATORS[match.group()], match.group(), pos))
        pos = match.end()
    append(Tok("EOF", "", end))
    return tokens


def _slash(text: str, pos: int, tokens: list[Tok], comment_at_eof: bool) -> int:
    """Lex at a '/': comment, regex, '/=' or '/', whichever ANTLR's longest match picks."""
    candidates = []
    if (m := _COMMENT.match(text, pos)) is not None:
        if m.end() == len(text) and not comment_at_eof and text.startswith("//", pos):
            _fail(text, pos, "a // comment must end with a line break before OpenSearch 2.12 (the script ends "
                             "inside it)")
        candidates.append((m.end(), None))
    regex_ok = not tokens or tokens[-1].type not in _DIVISION_AFTER
    if regex_ok and (m := _REGEX.match(text, pos)) is not None:
        candidates.append((m.end(), "REGEX"))
    if text.startswith("/=", pos):
        candidates.append((pos + 2, "ADIV"))
    if not regex_ok:
        candidates.append((pos + 1, "DIV"))
    if not candidates:
        if text.startswith("/*", pos):
            _fail(text, pos, "unterminated comment")
        _fail(text, pos, "unterminated regex literal (or '/' where a value is expected)")
    stop, kind = max(candidates, key=lambda c: c[0])
    if kind is not None:
        tokens.append(Tok(kind, text[pos:stop], pos))
    return stop


def _bad_string(text: str, pos: int) -> None:
    quote = text[pos]
    i = pos + 1
    while i < len(text):
        c = text[i]
        if c == quote:
            break
        if c == "\\":
            if i + 1 < len(text) and text[i + 1] in (quote, "\\"):
                i += 2
                continue
            _fail(text, i, "invalid escape in string literal: Painless strings allow only "
                           f"\\\\ and \\{quote} (use a raw character instead)")
        i += 1
    _fail(text, pos, "unterminated string literal")


def _fail(text: str, offset: int, message: str) -> None:
    line, column = Positions(text).at(offset)
    raise PainlessSyntaxError(message, line, column)
