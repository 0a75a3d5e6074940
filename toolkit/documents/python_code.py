"""Connector bodies written as Python code: a dict literal sent to ``.../_plugins/_ml/connectors/_create``
(or a ``_register`` body with an inline ``connector`` dict).

The code is parsed with ``ast``, never run. A call is a connector call when one of its arguments
(positional, ``url=`` or ``path=``) is a URL whose literal text ends with the connector path: a
string, an f-string or a ``+`` concatenation, through names assigned earlier
(``url = host + path``). Its body is ``json=``, ``data=`` or ``body=`` (else the positional
argument right after the URL): a dict literal written there or assigned to a name before the
call, possibly through ``json.dumps(...)``. That covers ``requests.post(url, json=payload)``,
``data=json.dumps(payload)``, opensearch-py's ``client.transport.perform_request("POST", path,
body=payload)`` and ``client.http.post(path, body=payload)``.

The dict becomes strict JSON with a map from each of its offsets back to the code: str, numbers,
True/False/None, dicts and lists as they are. A name assigned a literal earlier is that literal
(findings point at it), in a value, an f-string field or a ``**spread``; anything computed when
the code runs (``os.environ["KEY"]``, a call, a name never assigned) becomes a template marker
``{{os.environ_KEY}}``, a value the reader supplies. ``...`` leaves its object partial. Reported
(BP100): JSON's ``true``/``false``/``null`` written in Python (read as meant; the script stops
there with a NameError) and ``${parameters.x}`` in an f-string (Python evaluates the field).
"""

from __future__ import annotations

import ast
import bisect
import json
import re
from collections.abc import Callable

from toolkit.documents.bodies import CONNECTOR_PATH, Body, Problem
from toolkit.documents.offsets import PieceMap
from toolkit.nesting import MAX_DEPTH

# a string literal holding a connector path, and a body sent: code that holds both and does not parse is reported
_PATH_LITERAL = re.compile(r"""["'][^"'\n]*_plugins/_ml/(connectors/_create|models/_register)""")
_SENDS = re.compile(r"\b(?:json|data|body)\s*=|\bperform_request\(|\.post\(")
_BODY_KEYWORDS = ("json", "data", "body")
_URL_KEYWORDS = ("url", "path")
_JSON_WORDS = {"true": "True", "false": "False", "null": "None"}  # JSON's word -> Python's
_RESOLVE_BUDGET = 200  # nodes visited to resolve one URL or body: names may refer to names
_BLOCK_BUDGET = 100_000  # nodes visited to resolve every call of a block
_URL_TAIL = 2048  # characters of a URL kept while resolving it: the path is at its end
_MAX_BODY = 250_000  # characters of JSON written for one body (names may be inlined many times)
_UNKNOWN = "\0"  # stands for a part of a URL the code computes
_SIMPLE_NAME = re.compile(r"\s*[A-Za-z_]\w*\s*")
_NOT_SCALAR = object()


def python_bodies(code: str, report_syntax: bool) -> tuple[list[Body], list[Problem]]:
    """The connector bodies of ``code``. Code that does not parse (docs write ``...`` and
    placeholders) is skipped; with ``report_syntax`` (it is surely Python) it is reported when it
    holds a connector path and sends a body."""
    lines = _Lines(code)
    try:
        tree = ast.parse(code)
    except (SyntaxError, ValueError, RecursionError, MemoryError) as exc:
        if report_syntax and _PATH_LITERAL.search(code) and _SENDS.search(code):
            return [], [_syntax_problem(exc, lines)]
        return [], []
    scope = _Scope(tree, lines)
    bodies: list[Body] = []
    problems: list[Problem] = []
    seen: set[int] = set()
    for call in scope.calls:
        found = scope.connector_call(call)
        if found is None or id(found[1]) in seen:
            continue
        path, body = found
        seen.add(id(body))
        at = lines.offset(call.lineno, call.col_offset)
        writer = _JsonWriter(code, lines, scope, at)
        try:
            writer.value(body, "")
        except _Refused as refused:
            problems.append(Problem(refused.offset, f"Python connector body not read: {refused.message}"))
            continue
        bodies.append(Body(at, path, writer.text(), writer.pieces, writer.elided))
        problems.extend(writer.problems)
    return bodies, problems


def _syntax_problem(exc: BaseException, lines: _Lines) -> Problem:
    line = getattr(exc, "lineno", None) or 1
    column = getattr(exc, "offset", None) or 1
    line = min(line, len(lines.starts))
    line_end = lines.starts[line] - 1 if line < len(lines.starts) else len(lines.code)
    offset = min(lines.starts[line - 1] + column - 1, line_end)
    reason = getattr(exc, "msg", None) or type(exc).__name__
    return Problem(offset, f"Python code with a connector call does not parse: {reason}")


class _Lines:
    """Line starts of the code as Python counts lines, and ast's (line, UTF-8 column) to an offset."""

    def __init__(self, code: str):
        self.code = code
        self.starts = [0] + [m.end() for m in re.finditer(r"\r\n|\r|\n", code)]

    def offset(self, line: int, byte_column: int) -> int:
        start = self.starts[line - 1]
        prefix = self.code[start : start + byte_column]
        if prefix.isascii():
            return start + byte_column
        return start + len(prefix.encode("utf-8")[:byte_column].decode("utf-8", "ignore"))

    def span(self, node: ast.AST) -> tuple[int, int]:
        return self.offset(node.lineno, node.col_offset), self.offset(node.end_lineno, node.end_col_offset)


class _Scope:
    """The assignments and calls of a block of code, in source order."""

    def __init__(self, tree: ast.AST, lines: _Lines):
        self.lines = lines
        self.budget = _BLOCK_BUDGET
        self.calls: list[ast.Call] = []
        self._assigned: dict[str, tuple[list[int], list[ast.AST]]] = {}
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and (node.args or node.keywords):
                self.calls.append(node)
            elif isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
                self._assign(node.targets[0].id, node)
            elif isinstance(node, ast.AnnAssign) and node.value is not None and isinstance(node.target, ast.Name):
                self._assign(node.target.id, node)
        self.calls.sort(key=lambda c: (c.lineno, c.col_offset))
        for offsets, values in self._assigned.values():
            order = sorted(range(len(offsets)), key=offsets.__getitem__)
            offsets[:] = [offsets[i] for i in order]
            values[:] = [values[i] for i in order]

    def _assign(self, name: str, node: ast.Assign | ast.AnnAssign) -> None:
        offsets, values = self._assigned.setdefault(name, ([], []))
        offsets.append(self.lines.offset(node.lineno, node.col_offset))
        values.append(node.value)

    def value_of(self, name: str, before: int) -> ast.AST | None:
        """The value last assigned to ``name`` before ``before`` (an offset in the code)."""
        offsets, values = self._assigned.get(name, ([], []))
        index = bisect.bisect_left(offsets, before) - 1
        return values[index] if index >= 0 else None

    def connector_call(self, call: ast.Call) -> tuple[str, ast.Dict] | None:
        """(connector path, body dict) when ``call`` sends a connector body."""
        before = self.lines.offset(call.lineno, call.col_offset)
        candidates = list(call.args) + [k.value for k in call.keywords if k.arg in _URL_KEYWORDS]
        for position, argument in enumerate(candidates):
            text = self.text_of(argument, before)
            match = CONNECTOR_PATH.search(text) if text and text.strip(_UNKNOWN) else None
            if match is None:
                continue
            bodies = [k.value for k in call.keywords if k.arg in _BODY_KEYWORDS]
            bodies += call.args[position + 1 : position + 2]
            path = "/_plugins/_ml/" + match.group(1)
            for expression in bodies:
                body = self.dict_of(expression, before)
                if body is not None and (path.endswith("_create") or self.inline_connector(body, before)):
                    return path, body
            return None
        return None

    def inline_connector(self, body: ast.Dict, before: int) -> ast.Dict | None:
        for key, value in zip(body.keys, body.values):
            if isinstance(key, ast.Constant) and key.value == "connector":
                return self.dict_of(value, before)
        return None

    def text_of(self, node: ast.AST, before: int) -> str:
        """The text a URL expression builds, with ``_UNKNOWN`` for each part only known when it runs."""
        budget = [_RESOLVE_BUDGET]

        def text(node: ast.AST | None) -> str:
            budget[0] -= 1
            self.budget -= 1
            if node is None or budget[0] < 0 or self.budget < 0:
                return _UNKNOWN
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                return node.value
            if isinstance(node, ast.JoinedStr):
                return "".join(text(v.value) if isinstance(v, ast.FormattedValue) else text(v) for v in node.values)
            if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
                return (text(node.left) + text(node.right))[-_URL_TAIL:]
            if isinstance(node, ast.Name):
                return text(self.value_of(node.id, before))
            return _UNKNOWN

        return text(node)

    def dict_of(self, node: ast.AST | None, before: int) -> ast.Dict | None:
        """The dict literal ``node`` stands for: itself, a name assigned one, or ``json.dumps(...)`` of one."""
        for _ in range(_RESOLVE_BUDGET):
            self.budget -= 1
            if self.budget < 0:
                return None
            if isinstance(node, ast.Dict):
                return node
            if isinstance(node, ast.Name):
                node = self.value_of(node.id, before)
            elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "encode":
                node = node.func.value
            elif isinstance(node, ast.Call) and _name_of(node.func) in ("json.dumps", "dumps") and node.args:
                node = node.args[0]
            else:
                return None
        return None


def _name_of(node: ast.AST) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return f"{_name_of(node.value)}.{node.attr}"
    return ""


class _Refused(Exception):
    def __init__(self, offset: int, message: str):
        super().__init__(message)
        self.offset, self.message = offset, message


class _JsonWriter:
    """Strict JSON for a dict literal sent by a call at ``before``, with a ``PieceMap`` from the JSON
    back to the code."""

    def __init__(self, code: str, lines: _Lines, scope: _Scope, before: int):
        self.code, self.lines, self.scope, self.before = code, lines, scope, before
        self.parts: list[str] = []
        self.size = 0
        self.pieces = PieceMap()
        self.elided: set[str] = set()
        self.problems: list[Problem] = []
        self._run: tuple[int, int] | None = None  # (built, source) end of the last linear piece
        self._inlined: set[int] = set()  # literals being written for a name (a name may refer to itself)

    def text(self) -> str:
        return "".join(self.parts)

    def emit(self, text: str, source: int, linear: bool = False) -> None:
        if not (linear and self._run == (self.size, source)):
            self.pieces.add(self.size, source, linear)
        self.parts.append(text)
        self.size += len(text)
        self._run = (self.size, source + len(text)) if linear else None

    def value(self, node: ast.AST, pointer: str, depth: int = 1) -> None:
        start, end = self.lines.span(node)
        if self.size > _MAX_BODY:
            raise _Refused(start, f"the body is larger than {_MAX_BODY} characters")
        if depth > MAX_DEPTH and isinstance(node, (ast.Dict, ast.List, ast.Tuple)):
            raise _Refused(start, f"the body is nested deeper than {MAX_DEPTH} levels")
        if isinstance(node, ast.Dict):
            self.emit("{", start)
            written = 0
            for key, value in self._items(node, pointer):
                if written:
                    self.emit(",", self.lines.span(key)[0])
                name = self.string(key)
                self.emit(":", self.lines.span(value)[0])
                self.value(value, f"{pointer}/{_escape_pointer(name)}", depth + 1)
                written += 1
            self.emit("}", end - 1)
        elif isinstance(node, (ast.List, ast.Tuple)):
            self.emit("[", start)
            index = 0
            for item in node.elts:
                if _is_ellipsis(item):
                    self.elided.add(pointer)
                    continue
                if index:
                    self.emit(",", self.lines.span(item)[0])
                self.value(item, f"{pointer}/{index}", depth + 1)
                index += 1
            self.emit("]", end - 1)
        elif _scalar(node) is not _NOT_SCALAR:
            self.emit(json.dumps(_scalar(node)), start)
        elif isinstance(node, ast.Name) and node.id in _JSON_WORDS:
            self.emit(node.id, start)
            self.problems.append(Problem(start, f"{node.id!r} is JSON, not Python: the script stops here with "
                                                f"a NameError (write {_JSON_WORDS[node.id]})"))
        elif isinstance(node, ast.Name) and (literal := self._literal(node)) is not None:
            self._inlined.add(id(literal))
            self.value(literal, pointer, depth)
            self._inlined.discard(id(literal))
        else:
            self.string(node)

    def _items(self, node: ast.Dict, pointer: str, depth: int = 1) -> list[tuple[ast.AST, ast.AST]]:
        """The items of a dict literal as Python builds it: ``**name`` of a dict literal spread in
        (keys written after it win), ``...`` values left out. An item left out, or a spread of
        anything else, leaves the object partial."""
        items: list[tuple[ast.AST, ast.AST, bool]] = []  # (key, value, from a spread)
        for key, value in zip(node.keys, node.values):
            spread = self.scope.dict_of(value, self.before) if key is None else None
            if spread is not None and id(spread) not in self._inlined and depth <= MAX_DEPTH:
                self._inlined.add(id(spread))
                items.extend((k, v, True) for k, v in self._items(spread, pointer, depth + 1))
                self._inlined.discard(id(spread))
            elif key is None or _is_ellipsis(value):
                self.elided.add(pointer)
            else:
                items.append((key, value, False))
        later: set[str] = set()
        kept = []
        for key, value, spread in reversed(items):
            name = key.value if isinstance(key, ast.Constant) and isinstance(key.value, str) else None
            if not (spread and name in later):
                kept.append((key, value))
            if name is not None:
                later.add(name)
        return kept[::-1]

    def string(self, node: ast.AST) -> str:
        """Write ``node`` as a JSON string (a str, an f-string, or a value only known when the code runs)."""
        start, end = self.lines.span(node)
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            chars, sources = _decoded(self.code, start, end, node.value)
        elif isinstance(node, ast.JoinedStr):
            chars, sources = _decoded(self.code, start, end, None, self.field)
        else:
            chars = list(_unknown(self.code[start:end]))
            sources = [start] * len(chars)
        self.emit('"', start)
        for char, source in zip(chars, sources):
            if char in '"\\' or char < " ":
                self.emit(json.dumps(char)[1:-1], source)
            else:
                self.emit(char, source, linear=True)
        self.emit('"', end - 1)
        return "".join(chars)

    def field(self, start: int, end: int) -> str:
        """The text of the f-string field ``code[start:end]`` (``{...}``): a name's str or number
        assigned before, else a marker; after a ``$``, the placeholder meant."""
        expression = self.code[start + 1 : end - 1]
        if self.code[start - 1 : start] == "$":  # read as the placeholder the author meant, once reported
            self.problems.append(Problem(start - 1, f"in an f-string, Python evaluates {{{expression}}} (a NameError "
                                                    f"or its value): write ${{{{{expression}}}}}"))
            return "{" + expression + "}"
        if _SIMPLE_NAME.fullmatch(expression):
            literal = self._literal(ast.Name(expression.strip()))
            if isinstance(literal, ast.Constant) and isinstance(literal.value, str):
                return literal.value
            if _scalar(literal) is not _NOT_SCALAR:
                return str(_scalar(literal))
        return _unknown(expression)

    def _literal(self, name: ast.Name) -> ast.AST | None:
        """The literal last assigned to ``name`` before the call: what the code sends for it."""
        value = self.scope.value_of(name.id, self.before)
        literal = (ast.Dict, ast.List, ast.Tuple, ast.Constant, ast.JoinedStr, ast.UnaryOp)
        return value if isinstance(value, literal) and id(value) not in self._inlined else None


def _scalar(node: ast.AST | None) -> object:
    """The value of a number, True, False or None literal, else ``_NOT_SCALAR``."""
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub) and isinstance(node.operand, ast.Constant) \
            and type(node.operand.value) in (int, float) and _finite(node.operand.value):
        return -node.operand.value
    if isinstance(node, ast.Constant) and (node.value is None or type(node.value) in (bool, int, float)) \
            and _finite(node.value):
        return node.value
    return _NOT_SCALAR


def _unknown(source: str) -> str:
    """A value computed when the code runs, as a template marker (``{{os.environ_API_KEY}}``): one the
    reader supplies."""
    return "{{" + (re.sub(r"[^\w.-]+", "_", source).strip("_") or "value") + "}}"


def _is_ellipsis(node: ast.AST) -> bool:
    return isinstance(node, ast.Constant) and node.value is Ellipsis


def _finite(value: object) -> bool:
    return not isinstance(value, float) or value == value and abs(value) != float("inf")


def _escape_pointer(key: str) -> str:
    return key.replace("~", "~0").replace("/", "~1")


_SIMPLE_ESCAPES = {"\n": "", "\\": "\\", "'": "'", '"': '"', "a": "\a", "b": "\b", "f": "\f", "n": "\n",
                   "r": "\r", "t": "\t", "v": "\v"}
_PIECE = re.compile(r"([rRbBuUfF]{0,2})('''|\"\"\"|'|\")")


def _decoded(code: str, start: int, end: int, expected: str | None,
             field: Callable[[int, int], str] | None = None) -> tuple[list[str], list[int]]:
    """The characters of the string literal(s) in ``code[start:end]`` (implicit concatenation too),
    each with the offset of the code that wrote it; an f-string's ``{...}`` field becomes
    ``field(start, end)``, all of it at its ``{``. When the decoding disagrees with ``expected`` (the
    value ast read), every character points at the start of the literal."""
    chars: list[str] = []
    sources: list[int] = []
    i = start
    while i < end:
        match = _PIECE.match(code, i)
        if match is None:
            i = _skip_between(code, i, end)
            continue
        prefix, quote = match.group(1).lower(), match.group(2)
        i = _piece(code, match.end(), end, quote, "r" in prefix, field if "f" in prefix else None, chars, sources)
    if expected is not None and "".join(chars) != expected:
        return list(expected), [start] * len(expected)
    return chars, sources


def _skip_between(code: str, i: int, end: int) -> int:
    """Past the blank space, comment or line continuation between two pieces of a literal."""
    if code[i] == "#":
        newline = code.find("\n", i, end)
        return end if newline < 0 else newline
    return i + 1


def _piece(code: str, i: int, end: int, quote: str, raw: bool, field: Callable[[int, int], str] | None,
           chars: list[str], sources: list[int]) -> int:
    while i < end and not code.startswith(quote, i):
        char = code[i]
        if field is not None and char in "{}":
            if code.startswith(char * 2, i):
                chars.append(char)
                sources.append(i)
                i += 2
                continue
            if char == "{":
                close = _field_end(code, i, end)
                text = field(i, close)
                chars.extend(text)
                sources.extend([i] * len(text))
                i = close
                continue
        if char == "\\" and i + 1 < end:
            if raw:
                chars.extend(code[i : i + 2])
                sources.extend((i, i + 1))
                i += 2
                continue
            decoded, length = _escape(code, i, end)
            chars.extend(decoded)
            sources.extend([i] * len(decoded))
            i += length
            continue
        chars.append(char)
        sources.append(i)
        i += 1
    return i + len(quote)


def _field_end(code: str, i: int, end: int) -> int:
    """The offset after the ``}`` closing the f-string field opened at ``code[i]``."""
    depth = 0
    while i < end:
        char = code[i]
        if char in "{[(":
            depth += 1
        elif char in "}])":
            depth -= 1
            if depth == 0:
                return i + 1
        elif char in "'\"":
            close = code.find(char, i + 1, end)
            i = end - 1 if close < 0 else close
        i += 1
    return end


def _escape(code: str, i: int, end: int) -> tuple[str, int]:
    """The text the escape sequence at ``code[i] == '\\\\'`` stands for, and its length."""
    char = code[i + 1]
    if char == "\r":
        return "", 3 if code.startswith("\r\n", i + 1) else 2
    if char in _SIMPLE_ESCAPES:
        return _SIMPLE_ESCAPES[char], 2
    if char in "01234567":
        digits = re.match(r"[0-7]{1,3}", code[i + 1 : min(i + 4, end)]).group(0)
        return chr(int(digits, 8)), 1 + len(digits)
    sizes = {"x": 2, "u": 4, "U": 8}
    if char in sizes:
        digits = code[i + 2 : i + 2 + sizes[char]]
        if len(digits) == sizes[char] and re.fullmatch(r"[0-9a-fA-F]+", digits) and int(digits, 16) <= 0x10FFFF:
            return chr(int(digits, 16)), 2 + sizes[char]
    if char == "N" and code.startswith("{", i + 2):
        import unicodedata

        close = code.find("}", i + 3, end)
        try:
            if close > 0:
                return unicodedata.lookup(code[i + 3 : close]), close + 1 - i
        except KeyError:
            pass
    return "\\", 1

