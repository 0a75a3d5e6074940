"""Connector calls in Markdown: OpenSearch Dev Tools requests and their lenient bodies.

Finds ``POST /_plugins/_ml/connectors/_create`` and ``POST /_plugins/_ml/models/_register`` lines
(the latter only when the body has an inline ``connector``) and reads the body that follows. A
``PUT _cluster/settings`` call earlier in the same document sets the trusted endpoints, access
control and private-host settings its later connector calls are checked with (``settings_calls``);
the first ``_predict`` call after a connector call says what its predict requests send, like a
manifest's ``inputs`` (``predict_calls``); ``<!-- blueprint-check: ignore BP505: reason -->``
switches a rule off for the document (``suppressions``). Dev
Tools bodies are not strict JSON; this accepts ``\"\"\"`` triple-quoted strings, ``//`` comments and
``...`` elisions, rewriting them into JSON while keeping every line where it was, so positions in
findings are lines of the Markdown file.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from toolkit.diagnostics import Diagnostic, Severity, excerpt_around
from toolkit.jsonsource import JsonDocument, JsonError, offset_to_position, parse_json
from toolkit.lines import LineCounter

_REQUEST = re.compile(r"^[ \t]*(POST|PUT)[ \t]+/?(_plugins/_ml/(?:connectors/_create|models/_register))(\?\S*)?[ \t]*$",
                      re.MULTILINE | re.IGNORECASE)


_SETTINGS = re.compile(r"^[ \t]*PUT[ \t]+/?_cluster/settings(\?\S*)?[ \t]*$", re.MULTILINE | re.IGNORECASE)

_PREDICT = re.compile(r"^[ \t]*POST[ \t]+/?_plugins/_ml/(?:models/[^/\s]+/_predict|_predict/(text_embedding|text_similarity)/[^/\s]+)"
                      r"[ \t]*$", re.MULTILINE | re.IGNORECASE)
_SUPPRESS = re.compile(r"<!--[ \t]*blueprint-check:[ \t]*ignore[ \t]+(BP[0-9]{3}(?:[ \t]*,[ \t]*BP[0-9]{3})*)[ \t]*(?::[ \t]*)?"
                       r"(.*?)[ \t]*-->", re.IGNORECASE | re.DOTALL)

# cluster setting -> the CheckConfig field it stands for
SETTING_FIELDS = {
    "plugins.ml_commons.trusted_connector_endpoints_regex": "trusted_endpoints",
    "plugins.ml_commons.connector_access_control_enabled": "access_control",
    "plugins.ml_commons.connector.private_ip_enabled": "private_ip_enabled",
    "plugins.ml_commons.trusted_connector_private_endpoints_regex": "private_endpoints",
}


@dataclass
class DevToolsCall:
    method: str
    path: str
    request_line: int
    body_line: int  # the line of the body's opening brace
    document: JsonDocument
    connector: object
    prefix: str  # "" for _create, "/connector" for _register
    to_source: Callable[[int], int]  # offset in document.text -> offset in the Markdown text
    elided: set[str] = field(default_factory=set)  # pointers (in the connector) of objects shown in part

    @property
    def label(self) -> str:
        return f"{self.method} {self.path} (line {self.request_line})"


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


def connector_calls(text: str, display: str) -> tuple[list[DevToolsCall], list[Diagnostic]]:
    calls, problems = [], []
    line_at = LineCounter(text)
    for match in _REQUEST.finditer(text):
        request_line = line_at(match.start())
        brace = _body_start(text, match.end())
        if brace is None:
            problems.append(_problem(text, display, request_line, 1, "a connector request without a JSON body"))
            continue
        body_line = line_at(brace)
        column = brace - (text.rfind("\n", 0, brace) + 1)
        try:
            strict, to_source = to_strict_json(text, brace)
        except ValueError as exc:
            problems.append(_problem(text, display, body_line, column + 1, f"Dev Tools body not parseable: {exc}"))
            continue
        try:
            doc = parse_json(strict)
        except JsonError as err:
            where = offset_to_position(text, to_source(_offset_of(strict, err.position)))
            problems.append(_problem(text, display, where.line, where.column,
                                     f"Dev Tools body not parseable: {err.message}"))
            continue
        path = match.group(2)
        if path.endswith("_register"):
            if not isinstance(doc.data, dict) or not isinstance(doc.data.get("connector"), dict):
                continue  # registering with a connector_id: nothing to check here
            calls.append(DevToolsCall(match.group(1).upper(), "/" + path, request_line, body_line, doc,
                                      doc.data["connector"], "/connector", to_source))
        else:
            calls.append(DevToolsCall(match.group(1).upper(), "/" + path, request_line, body_line, doc, doc.data, "",
                                      to_source))
    return calls, problems


def settings_calls(text: str) -> list[tuple[int, dict[str, object]]]:
    """(request line, CheckConfig values) for each ``PUT _cluster/settings`` call of a document that
    sets one of ``SETTING_FIELDS`` (flat or nested keys; ``transient`` over ``persistent``, as OpenSearch
    reads them). A call the cluster would refuse (unparseable body, a regex that is not a valid Java
    regex, a value of the wrong type) changes nothing, as on the cluster."""
    from toolkit.check.config import regex_problems

    out = []
    line_at = LineCounter(text)
    for match in _SETTINGS.finditer(text):
        brace = _body_start(text, match.end())
        if brace is None:
            continue
        try:
            data = json.loads(to_strict_json(text, brace)[0])
        except ValueError:
            continue
        values: dict[str, object] = {}
        for scope in ("persistent", "transient"):
            section = data.get(scope) if isinstance(data, dict) else None
            for key, value in _flat(section if isinstance(section, dict) else {}).items():
                if key in SETTING_FIELDS:
                    values[SETTING_FIELDS[key]] = value
        if values and _valid_settings(values, regex_problems):
            out.append((line_at(match.start()), values))
    return out


def predict_calls(text: str) -> list[tuple[int, dict]]:
    """(request line, inputs) for each ``_predict`` call whose body parses: what the document's own
    predict request sends, in the shape of a manifest's ``inputs`` (``format`` and examples)."""
    out = []
    line_at = LineCounter(text)
    for match in _PREDICT.finditer(text):
        brace = _body_start(text, match.end())
        try:
            body = json.loads(to_strict_json(text, brace)[0]) if brace is not None else None
        except ValueError:
            continue
        if not isinstance(body, dict):
            continue
        line = line_at(match.start())
        if match.group(1) is None and isinstance(body.get("parameters"), dict):
            out.append((line, {"format": "parameters",
                               "parameters": {k: {"example": v} for k, v in body["parameters"].items()}}))
        elif match.group(1) is not None and isinstance(body.get("text_docs"), list):
            inputs = {"format": match.group(1).replace("text_embedding", "text_docs"),
                      "text_docs": {"example": body["text_docs"]}}
            if match.group(1) == "text_similarity":
                inputs["query_text"] = {"example": body.get("query_text")}
            out.append((line, inputs))
    return out


def suppressions(text: str) -> dict[str, str]:
    """Rules a document switches off for itself, with its reason:
    ``<!-- blueprint-check: ignore BP505: the reason -->`` (like a manifest's ``suppress``)."""
    out: dict[str, str] = {}
    for match in _SUPPRESS.finditer(text):
        for rule_id in re.split(r"[ \t]*,[ \t]*", match.group(1)):
            out[rule_id.upper()] = " ".join(match.group(2).split()) or "switched off by the document"
    return out


def _flat(data: dict, prefix: str = "") -> dict[str, object]:
    out: dict[str, object] = {}
    for key, value in data.items():
        if isinstance(value, dict):
            out.update(_flat(value, f"{prefix}{key}."))
        else:
            out[f"{prefix}{key}"] = value
    return out


def _valid_settings(values: dict[str, object], regex_problems) -> bool:
    for name, value in list(values.items()):
        if name in ("trusted_endpoints", "private_endpoints"):
            value = [value] if isinstance(value, str) else value
            if not (isinstance(value, list) and all(isinstance(v, str) for v in value)) or regex_problems(name, value):
                return False
        elif isinstance(value, str) and value.lower() in ("true", "false"):
            value = value.lower() == "true"
        elif not isinstance(value, bool):
            return False
        values[name] = value
    return True


def _problem(text: str, display: str, line: int, column: int, message: str) -> Diagnostic:
    excerpt, start = excerpt_around(text, line)
    return Diagnostic("BP100", message, file=display, line=line, column=column, severity=Severity.WARNING,
                      excerpt=excerpt, excerpt_start=start)


def _body_start(text: str, i: int) -> int | None:
    """The offset of the ``{`` that opens the body: the next non-blank character after the request line."""
    while i < len(text) and text[i] in " \t\r\n":
        i += 1
    return i if text[i : i + 1] == "{" else None


def _offset_of(text: str, position) -> int:
    lines = text.split("\n")
    return sum(len(line) + 1 for line in lines[: position.line - 1]) + position.column - 1


def to_strict_json(text: str, start: int) -> tuple[str, OffsetMap]:
    """The lenient body starting at ``text[start] == "{"`` as strict JSON, and the map from its
    offsets back to ``text``."""
    out: list[str] = []
    triples: list[_Triple] = []
    written = 0
    i, depth = start, 0
    while i < len(text):
        ch = text[i]
        if text.startswith('"""', i):
            end = text.find('"""', i + 3)
            if end < 0:
                raise ValueError("unterminated \"\"\" string")
            encoded = json.dumps(text[i + 3 : end], ensure_ascii=False)
            written = sum(map(len, out))
            triples.append(_Triple(written, written + len(encoded), i + 3, end + 3))
            out.append(encoded)
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
    strict = _drop_dangling_commas("".join(out))
    return strict, OffsetMap(start, strict, triples)


def _drop_dangling_commas(text: str) -> str:
    """Commas left before a closing bracket (after removing ``...``) become spaces."""
    return re.sub(r",(\s*[}\]])", r" \1", _drop_leading_commas(text))


def _drop_leading_commas(text: str) -> str:
    """A comma right after an opening bracket (``[ ..., x]``) becomes a space."""
    return re.sub(r"([\[{]\s*),", r"\1 ", text)
