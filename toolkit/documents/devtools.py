"""Connector calls in Markdown: OpenSearch Dev Tools requests and their lenient bodies.

Finds ``POST /_plugins/_ml/connectors/_create`` and ``POST /_plugins/_ml/models/_register`` lines
(the latter only when the body has an inline ``connector``) and reads the body that follows
(``toolkit.documents.lenient_json``: ``\"\"\"`` strings, ``//`` comments and ``...`` elisions are
accepted; a body that is not JSON is reported and read as its writer meant it). A request line
followed by no body (another request line, or the end of its block) only lists the endpoint, as API
reference pages do. A ``PUT _cluster/settings`` call earlier in the same document sets the trusted
endpoints, access control and private-host settings its later connector calls are checked with
(``settings_calls``); the ``_predict`` calls after a connector call say what its predict requests
send, like a manifest's ``inputs`` (``predict_calls``, ``inputs_per_call``);
``<!-- blueprint-check: ignore BP505: reason -->`` switches a rule off for the document
(``suppressions``). Positions in findings are lines and columns of the Markdown file.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from toolkit.diagnostics import Diagnostic, Severity, excerpt_around
from toolkit.documents.lenient_json import LenientBody, read_body
from toolkit.jsonsource import JsonDocument, offset_to_position
from toolkit.lines import LineCounter

_REQUEST = re.compile(r"^[ \t]*(POST|PUT)[ \t]+/?(_plugins/_ml/(?:connectors/_create|models/_register))/?(\?\S*)?[ \t]*$",
                      re.MULTILINE | re.IGNORECASE)
# A trailing slash is the same endpoint: OpenSearch's PathTrie splits the path with String.split("/"),
# which drops trailing empty parts.
_SETTINGS = re.compile(r"^[ \t]*PUT[ \t]+/?_cluster/settings/?(\?\S*)?[ \t]*$", re.MULTILINE | re.IGNORECASE)
# ``_predict/stream`` (3.3+) takes the body of ``_predict`` and adds the parameter ``stream: true``.
_PREDICT = re.compile(r"^[ \t]*POST[ \t]+/?_plugins/_ml/(?:models/[^/\s]+/_predict(/stream)?"
                      r"|_predict/(text_embedding|text_similarity)/[^/\s]+)/?[ \t]*$", re.MULTILINE | re.IGNORECASE)
_ANY_REQUEST = re.compile(r"[ \t]*(?:GET|POST|PUT|DELETE|HEAD|PATCH)[ \t]+\S", re.IGNORECASE)
_HEADER = re.compile(r"[ \t]*[A-Za-z][A-Za-z0-9-]*:[ \t]*\S[^\n]*")  # Content-Type: application/json
_FENCE = re.compile(r"^[ \t]*(?:```|~~~)", re.MULTILINE)
_MANAGED = re.compile(r"<!--[ \t]*blueprint-check:[ \t]*managed-service\b.*?-->", re.IGNORECASE | re.DOTALL)
_IGNORE = re.compile(r"<!--[ \t]*blueprint-check:[ \t]*ignore[ \t]+([^:>]*?)[ \t]*(?::.*?)?-->", re.IGNORECASE | re.DOTALL)
_SUPPRESS = re.compile(r"<!--[ \t]*blueprint-check:[ \t]*ignore[ \t]+(BP[0-9]{3}(?:[ \t]*,[ \t]*BP[0-9]{3})*)[ \t]*(?::[ \t]*)?"
                       r"(.*?)[ \t]*-->", re.IGNORECASE | re.DOTALL)

# cluster setting -> the CheckConfig field it stands for
SETTING_FIELDS = {
    "plugins.ml_commons.trusted_connector_endpoints_regex": "trusted_endpoints",
    "plugins.ml_commons.connector_access_control_enabled": "access_control",
    "plugins.ml_commons.connector.private_ip_enabled": "private_ip_enabled",
    "plugins.ml_commons.trusted_connector_private_endpoints_regex": "private_endpoints",
}
REGEX_SETTINGS = ("trusted_endpoints", "private_endpoints")


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
class SettingEntry:
    """One ML Commons setting a settings call sets: its name, value and pointer in the body."""

    name: str  # the CheckConfig field (SETTING_FIELDS)
    key: str  # the cluster setting as written, flattened
    value: object
    pointer: str


@dataclass
class SettingsCall:
    request_line: int
    body: LenientBody
    entries: list[SettingEntry]
    about_ml_commons: bool  # the body names an ML Commons setting (read or not)

    def source_offset(self, ptr: str) -> int:
        """Offset in the Markdown text where the value at ``ptr`` of the body starts."""
        return self.body.to_source(self.body.document.value_offset(ptr))


def connector_calls(text: str, display: str) -> tuple[list[DevToolsCall], list[Diagnostic]]:
    calls, problems = [], []
    line_at = LineCounter(text)
    for match in _REQUEST.finditer(text):
        request_line = line_at(match.start())
        brace = _body_start(text, match.end())
        if brace is None:
            if not _lists_endpoint(text, match.end()):
                problems.append(_problem(text, display, match.start(), "a connector request without a JSON body"))
            continue
        body = read_body(text, brace)
        path = match.group(2)
        data = body.document.data if body.document is not None else None
        prefix = "/connector" if path.endswith("_register") else ""
        if prefix and not _registers_connector(data, text, brace):
            continue  # registering with a connector_id: nothing to check here
        for offset, message in body.problems:
            unread = body.document is None
            problems.append(_problem(text, display, offset, f"the body is not JSON, OpenSearch rejects it: {message}"
                                     + (" (the body is not checked)" if unread else "")))
        if body.document is None:
            continue
        connector = data["connector"] if prefix else data
        calls.append(DevToolsCall(match.group(1).upper(), "/" + path, request_line, line_at(brace),
                                  body.document, connector, prefix, body.to_source, _within(body.elided, prefix)))
    return calls, problems


def read_settings_calls(text: str) -> list[SettingsCall]:
    """Every ``PUT _cluster/settings`` call with a body, and the ML Commons settings (``SETTING_FIELDS``)
    it sets, flat or nested keys, persistent and transient."""
    out = []
    line_at = LineCounter(text)
    for match in _SETTINGS.finditer(text):
        brace = _body_start(text, match.end())
        if brace is None:
            continue
        body = read_body(text, brace)
        entries = []
        data = body.document.data if body.document is not None else None
        for scope in ("persistent", "transient"):
            section = data.get(scope) if isinstance(data, dict) else None
            for key, value, ptr in flat_settings(section if isinstance(section, dict) else {}, f"/{scope}"):
                if key in SETTING_FIELDS:
                    entries.append(SettingEntry(SETTING_FIELDS[key], key, value, ptr))
        end = _FENCE.search(text, brace)
        mentions = "ml_commons" in text[brace : end.start() if end else len(text)]
        out.append(SettingsCall(line_at(match.start()), body, entries, mentions))
    return out


def settings_calls(text: str) -> list[tuple[int, dict[str, object]]]:
    """(request line, CheckConfig values) for each ``PUT _cluster/settings`` call of a document that
    sets one of ``SETTING_FIELDS`` (``transient`` over ``persistent``, as OpenSearch reads them). A
    call the cluster would refuse (a body that is not JSON, a regex that is not a valid Java regex, a
    value of the wrong type) changes nothing, as on the cluster."""
    out = []
    for call in read_settings_calls(text):
        if call.body.problems or not call.entries:
            continue
        values = {entry.name: entry.value for entry in call.entries}  # transient entries come last
        if all(setting_value_problem(entry) is None for entry in call.entries):
            out.append((call.request_line, {name: setting_value(name, value) for name, value in values.items()}))
    return out


def setting_value_problem(entry: SettingEntry) -> str | None:
    """Why OpenSearch refuses ``entry``'s value, or None."""
    from toolkit.check.config import regex_problems

    value = entry.value
    if entry.name in REGEX_SETTINGS:
        value = [value] if isinstance(value, str) else value
        if not (isinstance(value, list) and all(isinstance(v, str) for v in value)):
            return f"{entry.key!r} must be a regex or a list of regexes"
        return (regex_problems(entry.name, value) or [None])[0]
    if isinstance(value, bool) or (isinstance(value, str) and value.lower() in ("true", "false")):
        return None
    return f"{entry.key!r} must be true or false: 'Failed to parse value [{value}] as only [true] or [false] are allowed.'"


def setting_value(name: str, value: object) -> object:
    """A valid setting value as CheckConfig holds it."""
    if name in REGEX_SETTINGS:
        return [value] if isinstance(value, str) else value
    return value.lower() == "true" if isinstance(value, str) else value


def predict_calls(text: str) -> list[tuple[int, dict]]:
    """(request line, inputs) for each ``_predict`` call whose body is JSON: what the document's own
    predict request sends, in the shape of a manifest's ``inputs`` (``format`` and examples)."""
    out = []
    line_at = LineCounter(text)
    for match in _PREDICT.finditer(text):
        brace = _body_start(text, match.end())
        read = read_body(text, brace) if brace is not None else None
        body = read.document.data if read is not None and read.document is not None and not read.problems else None
        if not isinstance(body, dict):
            continue
        line = line_at(match.start())
        task = match.group(2)
        if task is None and isinstance(body.get("parameters"), dict):
            sent = dict(body["parameters"], **({"stream": "true"} if match.group(1) else {}))
            out.append((line, {"format": "parameters", "parameters": {k: {"example": v} for k, v in sent.items()}}))
        elif task is not None and isinstance(body.get("text_docs"), list):
            inputs = {"format": task.replace("text_embedding", "text_docs"), "text_docs": {"example": body["text_docs"]}}
            if task == "text_similarity":
                inputs["query_text"] = {"example": body.get("query_text")}
            out.append((line, inputs))
    return out


def inputs_per_call(calls: list[DevToolsCall], predicts: list[tuple[int, dict]]) -> list[dict | None]:
    """For each connector call, the inputs of the ``_predict`` call that documents its requests: the
    first one after it and before the next connector call. When several connector calls come before
    the same ``_predict`` calls and there are as many of those, they pair in order (two models
    registered, then each one called)."""
    out: list[dict | None] = [None] * len(calls)
    predict_lines = [line for line, _ in predicts]
    run: list[int] = []
    for number, call in enumerate(calls):
        run.append(number)
        until = calls[number + 1].request_line if number + 1 < len(calls) else float("inf")
        following = predicts[bisect.bisect_right(predict_lines, call.request_line):
                             bisect.bisect_left(predict_lines, until)]
        if not following:
            continue
        if len(run) > 1 and len(following) == len(run):
            out[run[0] : run[-1] + 1] = [inputs for _, inputs in following]
        else:
            out[number] = following[0][1]
        run = []
    return out


def suppressions(text: str) -> dict[str, str]:
    """Rules a document switches off for itself, with its reason:
    ``<!-- blueprint-check: ignore BP505: the reason -->`` (like a manifest's ``suppress``)."""
    out: dict[str, str] = {}
    for match in _SUPPRESS.finditer(text):
        for rule_id in re.split(r"[ \t]*,[ \t]*", match.group(1)):
            out[rule_id.upper()] = " ".join(match.group(2).split()) or "switched off by the document"
    return out


def suppression_lines(text: str) -> list[tuple[str, int]]:
    """(rule id as written, line) of every id an ignore comment names, well formed or not (the ids before
    the reason's colon, split at commas)."""
    return [(rule_id, text.count("\n", 0, match.start()) + 1) for match in _IGNORE.finditer(text)
            for rule_id in re.split(r"[ \t]*,[ \t]*", match.group(1).strip()) if rule_id]


def managed_service_lines(text: str) -> list[int]:
    """The lines of ``<!-- blueprint-check: managed-service: reason -->`` markers: the next connector call
    after each is for Amazon OpenSearch Service only, judged as a manifest's ``managed_service_only``."""
    return [text.count("\n", 0, match.start()) + 1 for match in _MANAGED.finditer(text)]


def flat_settings(data: dict, ptr: str, prefix: str = "") -> list[tuple[str, object, str]]:
    """(dotted key, value, pointer) of each leaf setting of ``data``."""
    out = []
    for key, value in data.items():
        here = f"{ptr}/{key.replace('~', '~0').replace('/', '~1')}"
        if isinstance(value, dict):
            out.extend(flat_settings(value, here, f"{prefix}{key}."))
        else:
            out.append((f"{prefix}{key}", value, here))
    return out


def _within(elided: set[str], prefix: str) -> set[str]:
    """The elided pointers under ``prefix``, relative to it."""
    return {ptr[len(prefix):] for ptr in elided if ptr == prefix or ptr.startswith(prefix + "/")}


def _registers_connector(data: object, text: str, brace: int) -> bool:
    """Does a ``_register`` body carry an inline connector (for a body that could not be read: does
    it mention one)?"""
    if data is not None:
        return isinstance(data, dict) and isinstance(data.get("connector"), dict)
    end = _FENCE.search(text, brace)
    return re.search(r'"connector"\s*:\s*\{', text[brace : end.start() if end else len(text)]) is not None


def _problem(text: str, display: str, offset: int, message: str) -> Diagnostic:
    where = offset_to_position(text, offset)
    excerpt, start = excerpt_around(text, where.line)
    return Diagnostic("BP100", message, file=display, line=where.line, column=where.column, severity=Severity.ERROR,
                      excerpt=excerpt, excerpt_start=start)


def _body_start(text: str, i: int) -> int | None:
    """The offset of the ``{`` that opens the body: the next non-blank character after the request
    line and any header lines (``Content-Type: application/json``)."""
    for line in _lines_after(text, i):
        start = line[0]
        if text[start:line[1]].strip() and not _HEADER.fullmatch(text, start, line[1]):
            stripped = start + len(text[start:line[1]]) - len(text[start:line[1]].lstrip())
            return stripped if text[stripped] == "{" else None
    return None


def _lists_endpoint(text: str, i: int) -> bool:
    """Is the request line only a listing: followed by nothing but blank lines up to another request
    line, the end of its code block or of the text?"""
    for start, end in _lines_after(text, i):
        line = text[start:end]
        if line.strip():
            return bool(_ANY_REQUEST.match(line) or _FENCE.match(line))
    return True


def _lines_after(text: str, i: int):
    """(start, end) of each line after the one ``i`` is on."""
    start = text.find("\n", i)
    while start >= 0:
        end = text.find("\n", start + 1)
        end = len(text) if end < 0 else end
        yield start + 1, end
        start = end if end < len(text) else -1
