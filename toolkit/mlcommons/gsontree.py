"""Gson's lenient reader and its ``JsonElement`` writer, as ML Commons uses them on JSON text.

``parse(text)`` is ``JsonParser.parseString`` (and the acceptance half of ``gson.fromJson(text,
Object.class)``): one value read with ``JsonReader`` in lenient mode, then nothing but whitespace.
Lenient Gson takes single-quoted and unquoted strings and names, ``//``, ``/* */`` and ``#``
comments, ``=`` or ``=>`` after a name, ``;`` between members, an empty array element as null
(``[1,]`` is ``[1, null]``, ``[,]`` is ``[null, null]``), ``true``/``TRUE``/``tRuE``, a leading byte
order mark and the ``)]}'`` prefix. After the value Gson has restored strict mode, so a trailing
comment or any other text (``[] x``, ``[]//c``) fails. ``nesting_limit`` is Gson 2.13's (255 arrays
and objects deep; 2.10 and 2.11 have none).

The tree: objects are ``dict`` in insertion order (a repeated name keeps its first position and its
last value, as ``LinkedTreeMap`` does), arrays ``list``, strings ``str``, ``True``/``False``, JSON
null ``None`` and numbers ``JsonNumber`` (``LazilyParsedNumber``: the literal as written). A literal
that is no strict JSON number (``01``, ``1.``, ``NaN``, ``+1``) is a string, as Gson reads it.

``write(value)`` is ``JsonElement.toString()`` and, from 3.3, ``StringUtils.gson.toJson(element)``:
compact, no HTML escaping, null members kept, numbers as their literal.
"""

from __future__ import annotations

import re
from typing import Any

from toolkit.javavalues.text import gson_escape_string

__all__ = ["GsonSyntaxError", "MalformedUnicodeEscape", "JsonNumber", "parse", "write"]


class GsonSyntaxError(ValueError):
    """``JsonSyntaxException``: the text is not what lenient Gson reads as one JSON value."""


class MalformedUnicodeEscape(GsonSyntaxError):
    """A ``\\u`` escape without four hex digits: a ``NumberFormatException`` in Gson 2.10 (which
    ``gson.fromJson`` lets through), a ``MalformedJsonException`` from Gson 2.11."""


class JsonNumber(str):
    """A number as Gson's tree keeps it: the literal text (``LazilyParsedNumber``)."""


_WHITESPACE = " \t\n\r"
_NOT_LITERAL = "/\\;#={}[]:, \t\f\r\n"  # JsonReader.isLiteral is false for these
_PREFIX = ")]}'\n"  # the non-execute prefix lenient mode skips at the start
_MAX_NUMBER = 1024  # JsonReader's buffer: a longer literal is never a number
_HEX = "0123456789abcdefABCDEF"
_ESCAPES = {"t": "\t", "b": "\b", "n": "\n", "r": "\r", "f": "\f", "'": "'", '"': '"', "\\": "\\", "/": "/",
            "\n": "\n"}


_PLAIN = {'"': re.compile(r'[^"\\]*'), "'": re.compile(r"[^'\\]*")}  # a string's run without quote or escape
_LITERAL_RUN = re.compile(r"[^/\\;#={}\[\]:, \t\f\r\n]*")
_SURROGATE = re.compile("[\ud800-\udfff]")


def _is_literal(char: str) -> bool:
    return char not in _NOT_LITERAL


class _Reader:
    """``JsonReader`` over a string, lenient; ``value()`` reads one value as ``JsonElement``'s adapter does."""

    def __init__(self, text: str, nesting_limit: int | None, unique_depth: int | None = None):
        self.text, self.pos, self.limit, self.unique_depth = text, 0, nesting_limit, unique_depth

    def fail(self, message: str) -> GsonSyntaxError:
        return GsonSyntaxError(f"{message} at character {self.pos}")

    def next_non_whitespace(self, lenient: bool = True) -> str | None:
        """The next significant character, consumed (``None`` at the end); comments skipped when lenient."""
        text = self.text
        while self.pos < len(text):
            char = text[self.pos]
            self.pos += 1
            if char in _WHITESPACE:
                continue
            if char == "#" and lenient:
                self._skip_line()
                continue
            if char == "/" and lenient and self.pos < len(text):
                if text[self.pos] == "*":
                    end = text.find("*/", self.pos + 1)
                    if end < 0:
                        raise self.fail("Unterminated comment")
                    self.pos = end + 2
                    continue
                if text[self.pos] == "/":
                    self._skip_line()
                    continue
            return char
        return None

    def _skip_line(self) -> None:
        while self.pos < len(self.text):
            self.pos += 1
            if self.text[self.pos - 1] in "\n\r":
                return

    def required(self) -> str:
        char = self.next_non_whitespace()
        if char is None:
            raise self.fail("End of input")
        return char

    def quoted(self, quote: str) -> str:
        """``nextQuotedValue``: the text up to ``quote`` with escapes resolved (raw newlines allowed)."""
        text, out, plain = self.text, [], _PLAIN[quote]
        while True:
            end = plain.match(text, self.pos).end()
            out.append(text[self.pos:end])
            self.pos = end + 1
            if end >= len(text):
                raise self.fail("Unterminated string")
            if text[end] == quote:
                return _joined(out)
            out.append(self._escape())

    def _escape(self) -> str:
        if self.pos >= len(self.text):
            raise self.fail("Unterminated escape sequence")
        char = self.text[self.pos]
        self.pos += 1
        if char == "u":
            digits = self.text[self.pos:self.pos + 4]
            if len(digits) < 4:
                raise self.fail("Unterminated escape sequence")
            if any(digit not in _HEX for digit in digits):
                raise MalformedUnicodeEscape(f"Malformed Unicode escape \\u{digits}")
            self.pos += 4
            return chr(int(digits, 16))
        if char not in _ESCAPES:
            raise self.fail("Invalid escape sequence")
        return _ESCAPES[char]

    def unquoted(self) -> str:
        start = self.pos
        self.pos = _LITERAL_RUN.match(self.text, start).end()
        return self.text[start:self.pos]

    def literal(self) -> Any:
        """A value at a character that is no bracket or quote: a keyword (any letter in either case,
        the first letter choosing it), a strict JSON number, else an unquoted string."""
        text, start = self.text, self.pos
        for word, value in _KEYWORDS:
            if text[start] in (word[0], word[0].upper()):
                candidate = text[start:start + len(word)]
                after = start + len(word)
                if len(candidate) == len(word) and all(c in (w, w.upper()) for c, w in zip(candidate, word)) \
                        and (after >= len(text) or not _is_literal(text[after])):
                    self.pos = after
                    return value
                break
        end = _number_end(text, start)
        if end is not None:
            self.pos = end
            return JsonNumber(text[start:end])
        if not _is_literal(text[start]):
            raise self.fail("Expected value")
        return self.unquoted()

    def value(self) -> Any:
        """One value (``Streams.parse``), iteratively: open containers are a stack of [container, name]."""
        stack: list[list] = []
        while True:
            char = self.required()
            if stack and isinstance(stack[-1][0], list) and char in ",;]":
                self.pos -= 1  # an empty element is null; the separator is read again
                item = None
            else:
                item = self._start(char)
            if item is _OBJECT or item is _ARRAY:
                if self.limit is not None and len(stack) >= self.limit:
                    raise self.fail(f"Nesting limit {self.limit} reached")
                container, name = ({}, self._name(first=True)) if item is _OBJECT else ([], self._first_element())
                if name is not _CLOSED:
                    stack.append([container, name])
                    continue
                item = container
            while stack:  # add the item to its container; close the containers that end here
                container, name = stack[-1]
                if isinstance(container, dict):
                    if name in container and len(stack) == self.unique_depth:
                        raise self.fail(f"duplicate key: {name}")
                    container[name] = item
                    name = self._next_name()
                    if name is not _CLOSED:
                        stack[-1][1] = name
                        break
                else:
                    container.append(item)
                    if not self._array_closes():
                        break
                item = stack.pop()[0]
            else:
                return item

    def _start(self, char: str) -> Any:
        if char == "{":
            return _OBJECT
        if char == "[":
            return _ARRAY
        if char in "\"'":
            return self.quoted(char)
        if char in "]};,":
            raise self.fail("Unexpected value")
        self.pos -= 1
        return self.literal()

    def _first_element(self) -> Any:
        """After ``[``: ``_CLOSED`` for ``]``; otherwise the element is read next."""
        if self.required() == "]":
            return _CLOSED
        self.pos -= 1
        return None

    def _array_closes(self) -> bool:
        """After an element: ``]`` closes the array, ``,`` or ``;`` goes on."""
        char = self.required()
        if char == "]":
            return True
        if char not in ",;":
            raise self.fail("Unterminated array")
        return False

    def _next_name(self) -> Any:
        """After a member: ``_CLOSED`` for ``}``, else the next name after ``,`` or ``;``."""
        char = self.required()
        if char == "}":
            return _CLOSED
        if char not in ",;":
            raise self.fail("Unterminated object")
        return self._name(first=False)

    def _name(self, first: bool) -> Any:
        """A member name and its ``:`` (or ``=``, ``=>``); ``_CLOSED`` for ``}`` where the object may end."""
        char = self.required()
        if char == "}" and first:
            return _CLOSED
        if char in "\"'":
            name = self.quoted(char)
        elif _is_literal(char):
            self.pos -= 1
            name = self.unquoted()
        else:
            raise self.fail("Expected name")
        separator = self.required()
        if separator == "=":
            if self.text.startswith(">", self.pos):
                self.pos += 1
        elif separator != ":":
            raise self.fail("Expected ':'")
        return name


def _joined(parts: list[str]) -> str:
    """The parts as one string, a surrogate pair from two ``\\u`` escapes made one character (Java
    strings do not tell them apart; Python's do)."""
    text = "".join(parts)
    if not _SURROGATE.search(text):
        return text
    return text.encode("utf-16-be", "surrogatepass").decode("utf-16-be", "surrogatepass")


_OBJECT, _ARRAY, _CLOSED = object(), object(), object()
_KEYWORDS = (("true", True), ("false", False), ("null", None))


def _number_end(text: str, start: int) -> int | None:
    """``JsonReader.peekNumber``: where a strict JSON number starting at ``start`` ends, when it is
    followed by no literal character and is shorter than Gson's buffer; else ``None``."""
    state, pos, zero = "none", start, False
    while pos < len(text):
        if pos - start == _MAX_NUMBER:
            return None
        char = text[pos]
        if char == "-" and state in ("none", "e"):
            state = "sign" if state == "none" else "exp_sign"
        elif char == "+" and state == "e":
            state = "exp_sign"
        elif char in "eE" and state in ("digit", "fraction"):
            state = "e"
        elif char == "." and state == "digit":
            state = "decimal"
        elif "0" <= char <= "9":
            if state in ("none", "sign"):
                state, zero = "digit", char == "0"
            elif state == "digit" and zero:
                return None  # a leading 0 (it could be octal)
            elif state == "decimal":
                state = "fraction"
            elif state in ("e", "exp_sign"):
                state = "exp_digit"
        elif char in "-+eE." or _is_literal(char):
            return None
        else:
            break
        pos += 1
    if pos - start == _MAX_NUMBER:
        return None
    return pos if state in ("digit", "fraction", "exp_digit") else None


def parse(text: str, *, nesting_limit: int | None = None, unique_depth: int | None = None) -> Any:
    """``JsonParser.parseString(text)``: the tree of one lenient value; ``GsonSyntaxError`` when the
    text is not one value followed only by whitespace. An empty document (or JSON null) is ``None``.
    ``unique_depth``: objects that deep (1 for the top) refuse a repeated name, as Gson's ``Map`` adapter does."""
    reader = _Reader(text, nesting_limit, unique_depth)
    reader.pos = 1 if text.startswith("\ufeff") else 0  # a byte order mark opening the text is skipped
    for skip in ("", _PREFIX):
        reader.pos += len(skip)
        if reader.next_non_whitespace() is None:
            return None
        reader.pos -= 1
        if not text.startswith(_PREFIX, reader.pos):
            break
    value = reader.value()
    if value is not None and reader.next_non_whitespace(lenient=False) is not None:
        raise reader.fail("the document goes on after its value")
    return value


def write(value: Any) -> str:
    """A tree written the way ML Commons' Gson writes a ``JsonElement``: compact, HTML escaping off,
    null members kept."""
    if value is None:
        return "null"
    if isinstance(value, JsonNumber):
        return str(value)
    if isinstance(value, str):
        return '"' + gson_escape_string(value) + '"'
    if value is True or value is False:
        return "true" if value else "false"
    if isinstance(value, list):
        return "[" + ",".join(write(item) for item in value) + "]"
    members = ('"' + gson_escape_string(name) + '":' + write(item)
               for name, item in value.items())
    return "{" + ",".join(members) + "}"
