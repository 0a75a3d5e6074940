"""Dev Tools bodies read the way their writer meant them, with every position kept.

``to_strict_json`` rewrites what the Dev Tools console accepts but JSON does not: ``\"\"\"`` strings
(re-encoded), ``//`` comments and ``...`` elisions (spaces; a comma left dangling by an elision
goes too). ``read_body`` then parses it, and where the body is broken (a missing or trailing
comma, unescaped quotes inside a string, a line break in a string, an invalid escape, stray text
after a value) records the defect and repairs it, so the rest of the body can still be checked.
It also says which objects an elision shows in part, as JSON pointers.

Every rewrite keeps a map from offsets in the JSON back to offsets in the source, so findings
point at lines and columns of the Markdown file.
"""

from __future__ import annotations

import bisect
import json
import re
from dataclasses import dataclass, field

from toolkit.jsonsource import JsonDocument, JsonError, parse_json

MAX_REPAIRS = 50  # a body needing more is reported at its first defect and not checked
_REPAIR_BUDGET = 4_000_000  # characters parsed in all: a huge body gets fewer repairs
_FENCE = re.compile(r"^[ \t]*(?:```|~~~)", re.MULTILINE)
_VALUE_START = set('"{[-0123456789tfn')
_CLOSING = {"{": "}", "[": "]"}
_SPECIAL_CHARS = '"/.{}[]'
_SPECIAL = re.compile(r'["/.{}\[\]]')
_VALID_ESCAPES = set('"\\/bfnrtu')
_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


@dataclass(frozen=True)
class _Triple:
    """A \"\"\" string rewritten as a JSON string: where it is in both texts."""

    json_start: int
    json_end: int
    source_start: int  # offset of the content, after the opening quotes
    source_end: int  # offset after the closing quotes


class OffsetMap:
    """Offsets in the rewritten JSON -> offsets in the source. Everything but \"\"\" strings keeps
    its length (comments and elisions become spaces), so only those need care."""

    def __init__(self, base: int, json_text: str, triples: list[_Triple]):
        self.base, self.json_text, self.triples = base, json_text, triples

    def __call__(self, offset: int) -> int:
        shift = self.base
        for triple in self.triples:
            if offset < triple.json_start:
                break
            if offset == triple.json_start:
                return triple.source_start - 3  # the opening quotes
            if offset == triple.json_end - 1:
                return triple.source_end - 3  # the closing quotes
            if offset < triple.json_end:
                # a character of the string: the source has it raw, the JSON escaped
                decoded = json.loads(self.json_text[triple.json_start : offset] + '"')
                return triple.source_start + len(decoded)
            shift = triple.source_end - triple.json_end
        return offset + shift


class _Edits:
    """Offsets after some edits -> offsets before them. Each edit ``(start, end, length)`` replaced
    ``old[start:end]`` with ``length`` characters; a character inside a replacement maps to the one
    it replaced (an inserted escape or comma to the character it stands before)."""

    def __init__(self, edits: list[tuple[int, int, int]], before):
        self.edits, self.before = sorted(edits), before
        self.new_starts, shift = [], 0
        for start, end, length in self.edits:
            self.new_starts.append(start + shift)
            shift += length - (end - start)

    def __call__(self, offset: int) -> int:
        k = bisect.bisect_right(self.new_starts, offset) - 1
        if k < 0:
            return self.before(offset)
        start, end, length = self.edits[k]
        inside = offset - self.new_starts[k]
        if inside < length:
            return self.before(start + min(inside, max(end - start - 1, 0)))
        return self.before(end + inside - length)


@dataclass
class Rewrite:
    """A lenient body as strict JSON: the text, the map back to the source, and where the
    source elides (source offsets of the brackets around a ``...``, of ``"..."`` strings)."""

    strict: str
    to_source: object  # offset in ``strict`` -> offset in the source
    elided_at: set[int] = field(default_factory=set)


@dataclass
class LenientBody:
    """A Dev Tools body after reading: ``document`` is None when it could not be repaired."""

    document: JsonDocument | None
    to_source: object
    problems: list[tuple[int, str]]  # (source offset, what is wrong), in the order found
    elided: set[str] = field(default_factory=set)  # pointers of objects (and values) shown in part


def to_strict_json(text: str, start: int) -> tuple[str, OffsetMap]:
    """The lenient body starting at ``text[start] == "{"`` as strict JSON, and the map from its
    offsets back to ``text``."""
    rewrite = rewrite_body(text, start)
    return rewrite.strict, rewrite.to_source


def rewrite_body(text: str, start: int) -> Rewrite:
    """``to_strict_json`` with the elisions it found. The body ends at its matching bracket, and
    never after the code fence that closes its block: when quotes in it are unbalanced (a broken
    string), it is scanned again with strings ending at their line."""
    fence = _FENCE.search(text, start)
    limit = fence.start() if fence else len(text)
    try:
        return _rewrite(text, start, limit, strings_span_lines=True)
    except ValueError:
        return _rewrite(text, start, limit, strings_span_lines=False)


def _rewrite(text: str, start: int, limit: int, strings_span_lines: bool) -> Rewrite:
    out: list[str] = []
    written = 0
    triples: list[_Triple] = []
    elisions: list[tuple[int, int]] = []  # (offset in out, source offset of the enclosing bracket)
    values: set[int] = set()
    brackets: list[tuple[str, int]] = []  # open brackets and their source offsets
    i = start
    while i < limit:
        ch = text[i]
        if ch not in _SPECIAL_CHARS:
            plain = _SPECIAL.search(text, i, limit)
            end = plain.start() if plain else limit
            piece, i = text[i:end], end
        elif text.startswith('"""', i):
            end = text.find('"""', i + 3, limit)
            if end < 0:
                raise ValueError("unterminated \"\"\" string")
            encoded = json.dumps(text[i + 3 : end], ensure_ascii=False)
            triples.append(_Triple(written, written + len(encoded), i + 3, end + 3))
            piece, i = encoded, end + 3
        elif ch == '"':
            j = _string_end(text, i, limit, strings_span_lines)
            piece = text[i:j]
            if piece == '"..."':
                values.add(i)
            i = j
        elif text.startswith("//", i):
            end = text.find("\n", i, limit)
            end = limit if end < 0 else end
            piece, i = " " * (end - i), end
        elif text.startswith("...", i):
            elisions.append((written, brackets[-1][1] if brackets else start))
            piece, i = "...", i + 3
        else:
            if ch in "{[":
                brackets.append((ch, i))
            elif ch in "}]" and brackets and _CLOSING[brackets[-1][0]] == ch:
                brackets.pop()  # an unmatched one stays for the parser to report
            piece, i = ch, i + 1
        out.append(piece)
        written += len(piece)
        if not brackets and ch in "}]":
            break
    else:
        raise ValueError("the body's brackets are not balanced")
    strict, elided_values = _fill_elisions("".join(out), [at for at, _ in elisions])
    to_source = OffsetMap(start, strict, triples)
    return Rewrite(strict, to_source, {b for _, b in elisions} | values | {to_source(at) for at in elided_values})


def _string_end(text: str, i: int, limit: int, spans_lines: bool) -> int:
    """Offset after the string opening at ``i`` (at the line's end when strings do not span lines)."""
    j = i + 1
    while j < limit and text[j] != '"':
        if text[j] == "\n" and not spans_lines:
            return j
        j += 2 if text[j] == "\\" else 1
    return min(j + 1, limit)


def _fill_elisions(text: str, offsets: list[int]) -> tuple[str, set[int]]:
    """Each ``...`` becomes spaces, a comma and spaces between two members, or the string ``"."``
    for an elided value (``"key": ...``); a comma it leaves dangling (``{ ..., "a": 1 }``,
    ``[1, ...]``) becomes a space. Also returns the offsets of the elided values."""
    chars = list(text)
    values = set()
    for at in offsets:
        before = _neighbour(chars, at - 1, -1)
        after = _neighbour(chars, at + 3, 1)
        left = chars[before] if before is not None else "{"
        right = chars[after] if after is not None else "}"
        chars[at : at + 3] = '"."' if left == ":" else "   "
        if left == ":":
            values.add(at)
        elif left not in "{[," and right not in "}],:":
            chars[at] = ","
        elif right == "," and left in "{[,":
            chars[after] = " "
        elif left == "," and right in "}]":
            chars[before] = " "
    return "".join(chars), values


def _neighbour(chars: list[str], i: int, step: int) -> int | None:
    while 0 <= i < len(chars) and chars[i] in " \t\r\n":
        i += step
    return i if 0 <= i < len(chars) else None


def read_body(text: str, start: int) -> LenientBody:
    """Parse the body at ``text[start]``, repairing what the writer evidently meant; each repair
    is a problem at its exact source position. ``document`` is None (and the first problem says
    why) when the body cannot be read at all."""
    try:
        rewrite = rewrite_body(text, start)
    except ValueError as exc:
        return LenientBody(None, lambda offset: start, [(start, str(exc))])
    strict, to_source, problems = rewrite.strict, rewrite.to_source, []
    for _ in range(max(1, min(MAX_REPAIRS, _REPAIR_BUDGET // max(len(strict), 1)))):
        try:
            doc = parse_json(strict)
        except JsonError as err:
            offset = _offset_of(strict, err)
            repair = _repair(strict, offset, err.message)
            if repair is None:  # after repairs, the first one is the likely cause
                problems.append((to_source(offset), err.message))
                return LenientBody(None, to_source, problems[:1])
            where, message, edits = repair
            problems.append((to_source(where), message))
            strict, to_source = _apply(strict, edits), _Edits([(s, e, len(r)) for s, e, r in edits], to_source)
            continue
        elided = {ptr for offset, ptr in doc.value_pointers().items()
                  if text[to_source(offset)] in '{["' and to_source(offset) in rewrite.elided_at} \
            if rewrite.elided_at else set()
        return LenientBody(doc, to_source, problems, elided)
    return LenientBody(None, to_source, problems[:1])


def _offset_of(text: str, err: JsonError) -> int:
    lines = text.split("\n")
    return sum(len(line) + 1 for line in lines[: err.position.line - 1]) + err.position.column - 1


def _apply(text: str, edits: list[tuple[int, int, str]]) -> str:
    for start, end, replacement in sorted(edits, reverse=True):
        text = text[:start] + replacement + text[end:]
    return text


def _repair(text: str, at: int, message: str) -> tuple[int, str, list[tuple[int, int, str]]] | None:
    """(where, what is wrong, edits) for the parser's complaint ``message`` at ``at``, or None."""
    before = _previous(text, at)
    here = text[at : at + 1]
    if message.startswith("Invalid control character"):
        escape = _ESCAPES.get(here, f"\\u{ord(here):04x}")
        name = {"\n": "a line break", "\t": "a tab"}.get(here, "a control character")
        return at, f"{name} inside a string: write {escape}", [(at, at + 1, escape)]
    if message.startswith("Invalid \\escape"):
        return at, f"invalid escape {text[at:at + 2]} in a string: write \\{text[at:at + 2]} for a backslash", \
            [(q, q, "\\") for q in _invalid_escapes(text, at)]
    if before is not None and text[before] == "," and here in ("}", "]"):
        return before, f"a trailing comma before {here!r}", [(before, before + 1, " ")]
    if message == "Expecting value" and here == "," and before is not None and text[before] in "[,":
        return at, "a comma with no value before it", [(at, at + 1, " ")]
    if before is None or not message.startswith("Expecting"):
        return None
    if message == "Expecting ',' delimiter":
        if text[before] == '"' and before == at - 1:
            quotes = _bare_quotes(text, before)
            if quotes:
                return before, "an unescaped '\"' inside a string: write '\\\"'", [(q, q, "\\") for q in quotes]
        if here in _VALUE_START:
            return before + 1, "a missing ',' after this value", [(before + 1, before + 1, ",")]
        if here in ("}", "]"):
            return at, f"an unmatched '{here}'", [(at, at + 1, " ")]
    elif here in _VALUE_START or here in ("}", "]", ":", ",") or text[before] == ":":
        return None  # a value is missing, or misspelled: nothing to guess
    end = text.find("\n", at)
    end = len(text) if end < 0 else end
    stray = text[at:end].rstrip()
    return at, f"unexpected text: {stray[:40]}", [(at, at + len(stray), " " * len(stray))]


def _invalid_escapes(text: str, at: int) -> list[int]:
    """The backslashes from ``at`` to the end of its string that start no JSON escape."""
    found, i = [], at
    while i < len(text) and text[i] not in '"\n':
        if text[i] == "\\":
            if text[i + 1 : i + 2] not in _VALID_ESCAPES:
                found.append(i)
            i += 2
        else:
            i += 1
    return found


def _previous(text: str, at: int) -> int | None:
    i = at - 1
    while i >= 0 and text[i] in " \t\r\n":
        i -= 1
    return i if i >= 0 else None


def _bare_quotes(text: str, closing: int) -> list[int]:
    """The string that seems to close at ``closing`` really runs to the last quote of its line
    that is followed only by a comma or closing brackets: its unescaped quotes in between (the one
    at ``closing`` first), or [] when the line does not read that way."""
    line_start = text.rfind("\n", 0, closing) + 1
    line_end = text.find("\n", closing)
    line_end = len(text) if line_end < 0 else line_end
    opening = _opening_quote(text, line_start, closing)
    tail = re.search(r'"[ \t]*(?:,|[}\]]*)[ \t\r]*$', text[closing + 1 : line_end])
    if opening is None or tail is None:
        return []
    last = closing + 1 + tail.start()
    return [q for q in range(opening + 1, last) if text[q] == '"' and not _escaped(text, q)]


def _opening_quote(text: str, line_start: int, closing: int) -> int | None:
    """The opening quote of the string (read left to right on its line) whose end is ``closing``."""
    i = line_start
    while i < closing:
        if text[i] == '"':
            j = i + 1
            while j < closing and text[j] != '"':
                j += 2 if text[j] == "\\" else 1
            if j == closing:
                return i
            i = j + 1
        else:
            i += 1
    return None


def _escaped(text: str, at: int) -> bool:
    backslashes = 0
    while at - backslashes - 1 >= 0 and text[at - backslashes - 1] == "\\":
        backslashes += 1
    return backslashes % 2 == 1
