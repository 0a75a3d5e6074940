"""JSON with positions: where each key and value starts, and where a character of a string is.

Parsing uses the C ``json`` module (fast, and it reports duplicate keys through a pairs hook); the
position map is built only when a diagnostic needs one, by a small scanner over the same text.
"""

from __future__ import annotations

import bisect
import json

from toolkit import nesting
from toolkit.source import Position, pointer

_WS = " \t\n\r"


class JsonDocument:
    """Parsed JSON text, its repeated keys and, computed when first asked, where each value starts."""

    __slots__ = ("text", "data", "duplicates", "_spans", "_escapes")

    def __init__(self, text: str, data: object, duplicates: list[tuple[str, str]] | None = None):
        self.text, self.data = text, data
        self.duplicates = duplicates if duplicates is not None else []  # (pointer of object, key)
        self._spans: dict[str, int] | None = None
        self._escapes: dict[int, tuple[list[int], list[int]]] = {}  # string start -> escapes

    def offset(self, ptr: str) -> int | None:
        """Character offset where the value at ``ptr`` starts (its key, for object members)."""
        if self._spans is None:
            self._spans = _scan(self.text)
        while True:
            if ptr in self._spans:
                return self._spans[ptr]
            if not ptr:
                return None
            ptr = ptr.rsplit("/", 1)[0]

    def value_offset(self, ptr: str) -> int | None:
        if self._spans is None:
            self._spans = _scan(self.text)
        return self._spans.get(ptr + "#value")

    def value_pointers(self) -> dict[int, str]:
        """Offset where each value starts -> its pointer (an object member's value, not its key)."""
        if self._spans is None:
            self._spans = _scan(self.text)
        return {offset: key[: -len("#value")] for key, offset in self._spans.items() if key.endswith("#value")}

    def char_offset(self, ptr: str, string_offset: int | None = None) -> int | None:
        """Offset in ``text`` of ``ptr``; with ``string_offset``, of that character inside its string value."""
        start = self.value_offset(ptr) if string_offset is not None else None
        if start is not None and self.text[start] == '"':
            if start not in self._escapes:
                self._escapes[start] = string_escapes(self.text, start)
            return raw_string_offset(self.text, start, string_offset, self._escapes[start])
        return self.offset(ptr)

    def position(self, ptr: str, string_offset: int | None = None) -> Position | None:
        """Line and column of ``char_offset(ptr, string_offset)``."""
        where = self.char_offset(ptr, string_offset)
        return None if where is None else offset_to_position(self.text, where)


class JsonError(ValueError):
    def __init__(self, message: str, position: Position):
        super().__init__(message)
        self.message, self.position = message, position


def parse_json(text: str) -> JsonDocument:
    """Parse ``text``; raise ``JsonError`` with line:col (also past ``nesting.MAX_DEPTH`` levels).
    Duplicate keys are recorded, last one wins."""
    duplicated = False

    def pairs(items):
        nonlocal duplicated
        out = dict(items)
        duplicated = duplicated or len(out) != len(items)
        return out

    try:
        data = nesting.loads(text, object_pairs_hook=pairs)
    except json.JSONDecodeError as exc:
        raise JsonError(exc.msg, Position(exc.lineno, exc.colno)) from None
    doc = JsonDocument(text, data)
    if duplicated:
        doc.duplicates = _duplicate_pointers(text)
    return doc


def offset_to_position(text: str, offset: int) -> Position:
    from toolkit.lines import line_and_column

    return Position(*line_and_column(text, offset))


def raw_string_offset(text: str, start: int, decoded_offset: int,
                      escapes: tuple[list[int], list[int]] | None = None) -> int:
    """Offset in ``text`` of character ``decoded_offset`` of the JSON string starting at ``start`` (its quote).

    ``escapes`` is ``string_escapes(text, start)``, computed once per string by the caller, so many
    findings inside one long string cost a binary search each, not a walk from its start.
    """
    decoded, raw_after = escapes or string_escapes(text, start)
    k = bisect.bisect_left(decoded, decoded_offset)
    if k == 0:
        return start + 1 + decoded_offset
    return raw_after[k - 1] + decoded_offset - decoded[k - 1] - 1


def string_escapes(text: str, start: int) -> tuple[list[int], list[int]]:
    """For the string at ``start``: the decoded index of each escape and the raw offset after it
    (a surrogate pair written as two ``\\u`` escapes is one Python character)."""
    try:
        end = json.decoder.scanstring(text, start + 1)[1]
    except (ValueError, IndexError):
        end = len(text)
    decoded: list[int] = []
    raw_after: list[int] = []
    i, seen = start + 1, 0
    while (j := text.find("\\", i, end)) >= 0:
        seen += j - i
        if text[j + 1 : j + 2] == "u":
            code = int(text[j + 2 : j + 6], 16) if _is_hex(text[j + 2 : j + 6]) else 0
            i = j + 6
            if 0xD800 <= code < 0xDC00 and text[i : i + 2] == "\\u":
                i += 6
        else:
            i = j + 2
        decoded.append(seen)
        raw_after.append(i)
        seen += 1
    return decoded, raw_after


def _is_hex(s: str) -> bool:
    return len(s) == 4 and all(c in "0123456789abcdefABCDEF" for c in s)


def _scan(text: str) -> dict[str, int]:
    """Map pointer -> offset of the member's key (or item's value) and pointer#value -> value offset."""
    spans: dict[str, int] = {}
    decoder = json.JSONDecoder()

    def skip(i: int) -> int:
        while i < len(text) and text[i] in _WS:
            i += 1
        return i

    def value(i: int, path: list) -> int:
        i = skip(i)
        spans[pointer(path) + "#value"] = i
        spans.setdefault(pointer(path), i)
        ch = text[i : i + 1]
        if ch == "{":
            i = skip(i + 1)
            if text[i : i + 1] == "}":
                return i + 1
            while True:
                i = skip(i)
                key_start = i
                key, i = decoder.raw_decode(text, i)
                spans[pointer([*path, key])] = key_start
                i = skip(i) + 1  # the colon
                i = skip(value(i, [*path, key]))
                if text[i] == ",":
                    i += 1
                    continue
                return i + 1
        if ch == "[":
            i = skip(i + 1)
            if text[i : i + 1] == "]":
                return i + 1
            index = 0
            while True:
                i = skip(value(i, [*path, index]))
                index += 1
                if text[i] == ",":
                    i += 1
                    continue
                return i + 1
        _, end = decoder.raw_decode(text, i)
        return end

    try:
        value(0, [])
    except (ValueError, IndexError):
        pass  # only called on text json.loads accepted; partial maps are still useful
    return spans


class _Members(list):
    """An object's (key, value) pairs, as parsed, duplicates included."""


def _duplicate_pointers(text: str) -> list[tuple[str, str]]:
    """(pointer of the object, key) for each repeated key, in document order."""
    found: list[tuple[str, str]] = []

    def visit(node, path):
        if isinstance(node, _Members):
            seen = set()
            for key, child in node:
                if key in seen:
                    found.append((pointer(path), key))
                seen.add(key)
                visit(child, [*path, key])
        elif isinstance(node, list):
            for index, child in enumerate(node):
                visit(child, [*path, index])

    visit(json.loads(text, object_pairs_hook=_Members), [])
    return found
