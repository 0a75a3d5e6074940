"""org.json's ``new JSONObject(text)`` / ``new JSONArray(text)``: whether it accepts the text.

``StringUtils.isJson`` first asks org.json (20230227 in 2.11, 20231013 from 2.12), which is far
more lenient than JSON: values may be unquoted words up to one of ``,:]}/\\"[{;=#`` (``[abc]``,
``{a:b c}``), strings may be single-quoted, ``;`` separates members, an array element may be empty
(``[,]``, ``[1,,2]``, ``[1,]``), ``{"a":1,}`` closes, characters up to U+0020 count as
whitespace, a NUL ends the text, and whatever follows the closing bracket is never read
(``[] x``). A repeated key is refused, keys compared as org.json turns them into strings
(``{1:0,01:0}`` and ``{true:0,TRUE:0}`` repeat a key). Version 20230227 also reads an object or
array as a key, except right after ``{``.

org.json recurses once per nesting level and turns the JVM's ``StackOverflowError`` into a
refusal; ``accepts`` raises ``DepthUnknown`` past ``max_depth`` levels rather than guess where the
stack ends.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal
from typing import Any

__all__ = ["DepthUnknown", "ContainerKeys", "accepts"]

_STOP = ',:]}/\\"[{;=#'  # nextSimpleValue stops an unquoted value at these (and below U+0020)
_ESCAPES = {"b": "\b", "t": "\t", "n": "\n", "f": "\f", "r": "\r", '"': '"', "'": "'", "\\": "\\", "/": "/"}


class DepthUnknown(Exception):
    """The text nests deeper than ``max_depth``: whether the JVM's stack holds is not decided here."""

    def __str__(self) -> str:
        return "org.json recurses once per nesting level until the JVM's thread stack ends; text nested " \
               "this deep is not decided"


class ContainerKeys(Exception):
    """org.json 20230227 compares object and array keys by their ``toString()``: two in one object
    are not decided here."""

    def __str__(self) -> str:
        return "org.json 20230227 (2.11) compares object and array keys by their toString(), not emulated"


class _Refused(Exception):
    """``JSONException``."""


class _Tokener:
    """``JSONTokener`` over a string: ``next``, ``back`` (one step), ``nextClean``, ``nextString``."""

    def __init__(self, text: str):
        self.text, self.pos = text, 0
        self.eof = self.use_previous = False
        self.previous, self.index = "\0", 0

    def next(self) -> str:
        if self.use_previous:
            self.use_previous = False
            char = self.previous
        elif self.pos < len(self.text):
            char = self.text[self.pos]
            self.pos += 1
        else:
            char = "\0"
        if char == "\0":  # the end, or a NUL character read as the end
            self.eof = True
            return "\0"
        self.index += 1
        self.previous = char
        return char

    def back(self) -> None:
        if self.use_previous or self.index <= 0:
            raise _Refused("Stepping back two steps is not supported")
        self.index -= 1
        self.use_previous, self.eof = True, False

    def end(self) -> bool:
        return self.eof and not self.use_previous

    def next_clean(self) -> str:
        while True:
            char = self.next()
            if char == "\0" or char > " ":
                return char

    def next_string(self, quote: str) -> str:
        out = []
        while True:
            char = self.next()
            if char in "\0\n\r":
                raise _Refused("Unterminated string")
            if char == "\\":
                char = self.next()
                if char == "u":
                    out.append(chr(_parse_hex(self._next4()) & 0xFFFF))
                elif char in _ESCAPES:
                    out.append(_ESCAPES[char])
                else:
                    raise _Refused("Illegal escape.")
            elif char == quote:
                return "".join(out)
            else:
                out.append(char)

    def _next4(self) -> str:
        chars = []
        for _ in range(4):
            chars.append(self.next())
            if self.end():
                raise _Refused("Substring bounds error")
        return "".join(chars)

    def next_simple_value(self, char: str) -> Any:
        """A quoted string as text; otherwise the unquoted run, trimmed, as ``stringToValue`` reads it."""
        if char in "\"'":
            return self.next_string(char)
        out = []
        while char >= " " and char not in _STOP:
            out.append(char)
            char = self.next()
        if not self.eof:
            self.back()
        word = "".join(out).strip(" ")
        if not word:
            raise _Refused("Missing value")
        return _Unquoted(word)


class _Unquoted(str):
    """An unquoted value as written (its meaning only matters as a key: ``key_text``)."""


def _java_digit(char: str) -> int:
    """``Character.digit(char, 16)``: ASCII, fullwidth and other Unicode decimal digits, a-f in both widths."""
    code = ord(char)
    for base in (ord("a"), ord("A"), 0xFF41, 0xFF21):
        if base <= code < base + 6:
            return code - base + 10
    try:
        return unicodedata.decimal(char)
    except ValueError:
        return -1


def _parse_hex(text: str) -> int:
    """``Integer.parseInt(text, 16)`` of four characters: an optional sign, then digits."""
    sign, digits = (-1, text[1:]) if text[0] == "-" else (1, text[1:] if text[0] == "+" else text)
    result = 0
    for char in digits or "?":
        digit = _java_digit(char)
        if digit < 0:
            raise _Refused("Illegal escape.")
        result = result * 16 + digit
    return sign * result


_BIG_DECIMAL = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?")
_BIG_INTEGER = re.compile(r"[+-]?\d+")
_JAVA_DOUBLE = re.compile(r"[+-]?(([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?|0[xX]([0-9a-fA-F]+\.?|[0-9a-fA-F]*\.[0-9a-fA-F]+)"
                          r"[pP][+-]?[0-9]+)[fFdD]?")


def key_text(word: str, old: bool = False) -> str:
    """``JSONObject.stringToValue(word).toString()``: the text an unquoted key is stored under (20230227 with ``old``)."""
    lower = word.lower()
    if lower in ("true", "false", "null"):
        return lower
    if old:
        possible = "0" <= word[0] <= "9" or word[0] == "-"
    else:  # potentialNumber
        start = 1 if word[0] == "-" else 0
        digit_at = start + 1 if word[start:start + 1] == "." else start
        possible = "0" <= word[digit_at:digit_at + 1] <= "9"
    number = _number_text(word, old) if possible else None
    return word if number is None else number


def _number_text(word: str, old: bool) -> str | None:
    """``JSONObject.stringToNumber(word).toString()`` for a potential number, or ``None`` where it throws."""
    from toolkit.javavalues.numbers import double_to_string

    value = word
    if not old:
        value = "0" + value if value.startswith(".") else value
        value = "-0." + value[2:] if value.startswith("-.") else value
    if not ("0" <= value[0] <= "9" or value[0] == "-"):
        return None
    if any(mark in value for mark in ".eE") or value == "-0":
        if _BIG_DECIMAL.fullmatch(value):
            number = Decimal(value)
            if abs(number.adjusted()) < 2**31 - 1:
                return "-0.0" if value[0] == "-" and number == 0 else str(number)
        if not _JAVA_DOUBLE.fullmatch(value):
            return None
        body = value.rstrip("fFdD")
        parsed = float.fromhex(body) if "x" in body.lower() else float(body)
        return None if parsed != parsed or abs(parsed) == float("inf") else double_to_string(parsed)
    negative = value[0] == "-"
    digits = value[1:] if negative else value
    if old:
        if len(digits) > 1 and digits[0] == "0" and "0" <= digits[1] <= "9":
            return None  # 20230227 refuses a leading zero (octal)
        integer = value
    else:
        integer = ("-" if negative else "") + (digits.lstrip("0") or "0")
    return str(int(integer)) if _BIG_INTEGER.fullmatch(integer) else None


class _Parser:
    """``JSONObject(JSONTokener)`` and ``JSONArray(JSONTokener)`` as generators: each yields the
    tokener when it needs a value and is sent back the value read (a nested one included)."""

    def __init__(self, text: str, old_keys: bool):
        self.x, self.old_keys = _Tokener(text), old_keys

    def object(self):
        x = self.x
        if x.next_clean() != "{":
            raise _Refused("A JSONObject text must begin with '{'")
        keys, containers = set(), 0
        while True:
            previous = x.previous
            char = x.next_clean()
            if char == "\0":
                raise _Refused("A JSONObject text must end with '}'")
            if char == "}":
                return
            if self.old_keys and char in "{[":
                if previous == "{":
                    raise _Refused("A JSON Object can not directly nest another JSON Object or JSON Array.")
                x.back()
                yield "value"  # the key is the nested value's toString()
                containers += 1
                if containers > 1:
                    raise ContainerKeys()
                key = ("container",)
            elif self.old_keys:
                x.back()
                key = self._key(x.next_simple_value(x.next_clean()))
            else:
                key = self._key(x.next_simple_value(char))
            if x.next_clean() != ":":
                raise _Refused("Expected a ':' after a key")
            if key in keys:
                raise _Refused("Duplicate key")
            keys.add(key)
            yield "value"
            separator = x.next_clean()
            if separator in ";,":
                if x.next_clean() == "}":
                    return
                if x.end() and not self.old_keys:
                    raise _Refused("A JSONObject text must end with '}'")
                x.back()
            elif separator != "}":
                raise _Refused("Expected a ',' or '}'")
            else:
                return

    def _key(self, value: Any) -> Any:
        return key_text(value, self.old_keys) if isinstance(value, _Unquoted) else value

    def array(self):
        x = self.x
        if x.next_clean() != "[":
            raise _Refused("A JSONArray text must start with '['")
        char = x.next_clean()
        if char == "\0":
            raise _Refused("Expected a ',' or ']'")
        if char == "]":
            return
        x.back()
        while True:
            if x.next_clean() == ",":
                x.back()
            else:
                x.back()
                yield "value"
            char = x.next_clean()
            if char == "\0":
                raise _Refused("Expected a ',' or ']'")
            if char == ",":
                char = x.next_clean()
                if char == "\0":
                    raise _Refused("Expected a ',' or ']'")
                if char == "]":
                    return
                x.back()
            elif char == "]":
                return
            else:
                raise _Refused("Expected a ',' or ']'")

    def run(self, start, max_depth: int | None) -> None:
        """Drive ``start`` and the containers nested in it; each ``value`` request reads one value."""
        stack = [start]
        while stack:
            try:
                stack[-1].send(None)
            except StopIteration:
                stack.pop()
                continue
            x = self.x  # the top container asks for a value (``nextValue``)
            char = x.next_clean()
            if char in "{[":
                x.back()
                if max_depth is not None and len(stack) >= max_depth:
                    raise DepthUnknown()
                stack.append(self.object() if char == "{" else self.array())
            else:
                x.next_simple_value(char)


def accepts(text: str, *, old_keys: bool = False, max_depth: int | None = None) -> bool:
    """Whether ``new JSONObject(text)`` or, failing that, ``new JSONArray(text)`` returns (org.json
    20231013; 20230227 with ``old_keys``)."""
    for kind in ("object", "array"):
        parser = _Parser(text, old_keys)
        try:
            parser.run(getattr(parser, kind)(), max_depth)
        except _Refused:
            continue
        return True
    return False
