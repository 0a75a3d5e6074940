"""Connector calls in Markdown: OpenSearch Dev Tools requests and their lenient bodies.

Finds ``POST /_plugins/_ml/connectors/_create`` and ``POST /_plugins/_ml/models/_register`` lines
(the latter only when the body has an inline ``connector``) and reads the body that follows. Dev
Tools bodies are not strict JSON; this accepts ``\"\"\"`` triple-quoted strings, ``//`` comments and
``...`` elisions, rewriting them into JSON while keeping every line where it was, so positions in
findings are lines of the Markdown file.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from toolkit.diagnostics import Diagnostic, Severity, excerpt_around
from toolkit.jsonsource import JsonDocument, JsonError, parse_json

_REQUEST = re.compile(r"^[ \t]*(POST|PUT)[ \t]+/?(_plugins/_ml/(?:connectors/_create|models/_register))(\?\S*)?[ \t]*$",
                      re.MULTILINE | re.IGNORECASE)


@dataclass
class DevToolsCall:
    method: str
    path: str
    request_line: int
    body_line: int  # the line of the body's opening brace
    document: JsonDocument
    connector: object
    prefix: str  # "" for _create, "/connector" for _register


def connector_calls(text: str, display: str) -> tuple[list[DevToolsCall], list[Diagnostic]]:
    calls, problems = [], []
    for match in _REQUEST.finditer(text):
        request_line = text.count("\n", 0, match.start()) + 1
        brace = _body_start(text, match.end())
        if brace is None:
            problems.append(_problem(text, display, request_line, 1, "a connector request without a JSON body"))
            continue
        body_line = text.count("\n", 0, brace) + 1
        column = brace - (text.rfind("\n", 0, brace) + 1)
        try:
            strict = to_strict_json(text, brace)
        except ValueError as exc:
            problems.append(_problem(text, display, body_line, column + 1, f"Dev Tools body not parseable: {exc}"))
            continue
        try:
            doc = parse_json(" " * column + strict)
        except JsonError as err:
            line = body_line + err.position.line - 1
            problems.append(_problem(text, display, line, err.position.column,
                                     f"Dev Tools body not parseable: {err.message}"))
            continue
        path = match.group(2)
        if path.endswith("_register"):
            if not isinstance(doc.data, dict) or not isinstance(doc.data.get("connector"), dict):
                continue  # registering with a connector_id: nothing to check here
            calls.append(DevToolsCall(match.group(1).upper(), "/" + path, request_line, body_line, doc,
                                      doc.data["connector"], "/connector"))
        else:
            calls.append(DevToolsCall(match.group(1).upper(), "/" + path, request_line, body_line, doc, doc.data, ""))
    return calls, problems


def _problem(text: str, display: str, line: int, column: int, message: str) -> Diagnostic:
    excerpt, start = excerpt_around(text, line)
    return Diagnostic("BP100", message, file=display, line=line, column=column, severity=Severity.WARNING,
                      excerpt=excerpt, excerpt_start=start)


def _body_start(text: str, i: int) -> int | None:
    """The offset of the ``{`` that opens the body: the next non-blank character after the request line."""
    while i < len(text) and text[i] in " \t\r\n":
        i += 1
    return i if text[i : i + 1] == "{" else None


def to_strict_json(text: str, start: int) -> str:
    """The lenient body starting at ``text[start] == "{"`` as strict JSON with the same line breaks."""
    out: list[str] = []
    i, depth = start, 0
    while i < len(text):
        ch = text[i]
        if text.startswith('"""', i):
            end = text.find('"""', i + 3)
            if end < 0:
                raise ValueError("unterminated \"\"\" string")
            content = text[i + 3 : end]
            out.append(json.dumps(content, ensure_ascii=False) + "\n" * content.count("\n"))
            i = end + 3
        elif ch == '"':
            j = i + 1
            while j < len(text) and text[j] != '"':
                j += 2 if text[j] == "\\" else 1
                if j <= len(text) and text[j - 1] == "\n":
                    raise ValueError("a line break inside a string")
            out.append(text[i : j + 1])
            i = j + 1
        elif text.startswith("//", i):
            end = text.find("\n", i)
            end = len(text) if end < 0 else end
            out.append(" " * (end - i))
            i = end
        elif text.startswith("...", i):
            out.append("   ")
            i += 3
        else:
            if ch in "{[":
                depth += 1
            elif ch in "}]":
                depth -= 1
            out.append(ch)
            i += 1
            if depth == 0:
                break
    if depth != 0:
        raise ValueError("the body's braces are not balanced")
    return _drop_dangling_commas("".join(out))


def _drop_dangling_commas(text: str) -> str:
    """Commas left before a closing bracket (after removing ``...``) become spaces."""
    return re.sub(r",(\s*[}\]])", r" \1", _drop_leading_commas(text))


def _drop_leading_commas(text: str) -> str:
    """A comma right after an opening bracket (``[ ..., x]``) becomes a space."""
    return re.sub(r"([\[{]\s*),", r"\1 ", text)
