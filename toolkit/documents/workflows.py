"""Connectors in OpenSearch flow-framework workflow templates.

A workflow (``POST /_plugins/_flow_framework/workflow``, JSON or YAML) lists nodes under
``workflows.<name>.nodes``; a node ``{"id": ..., "type": "create_connector", "user_inputs": {...}}``
creates a connector whose body is its ``user_inputs``: name, description, version, protocol,
parameters, credential, actions and the optional fields, which flow framework's
``CreateConnectorStep`` hands to ML Commons' create-connector input. ``actions`` must be an array of
objects there too (a string is refused: "[actions] must be an array of key-value maps").
``${{ node.field }}`` and ``${{ param }}`` are substitutions flow framework fills in at provisioning
from earlier nodes' outputs and the request's parameters; they are left in the strings as written.

Read from: ``.json``/``.yaml``/``.yml`` workflow files, Dev Tools calls in Markdown
(``POST``/``PUT _plugins/_flow_framework/workflow...``) and fenced JSON or YAML blocks that hold a
workflow or a part of one (a ``nodes:`` list). A node may appear anywhere in the document, so a part
of a workflow is read like a whole one.
"""

from __future__ import annotations

import functools
import re

from toolkit.documents.written import Written, prefixed, unparseable
from toolkit.source import pointer

NODE_TYPE = "create_connector"
MENTIONS_NODE = re.compile(r"""["']?\btype["']?[ \t]*:[ \t]*["']?create_connector\b(?!\.)""")
_CALL = re.compile(r"^[ \t]*(POST|PUT)[ \t]+/?_plugins/_flow_framework/workflow(?:/[^\s/?]+)?/?(?:\?\S*)?[ \t]*$",
                   re.MULTILINE | re.IGNORECASE)
_YAML_LANGS = ("yaml", "yml", "")
_JSON_LANGS = ("json", "javascript", "js", "")


def connector_nodes(data: object) -> list[tuple[list, str]]:
    """(path of ``user_inputs``, node id) for each create_connector node of a workflow document."""
    found = []
    pending: list[tuple[list, object]] = [([], data)]
    while pending:
        path, value = pending.pop()
        if isinstance(value, dict):
            if value.get("type") == NODE_TYPE and isinstance(value.get("user_inputs"), dict):
                node_id = value.get("id")
                found.append(([*path, "user_inputs"], node_id if isinstance(node_id, str) else NODE_TYPE))
                continue
            pending.extend(([*path, key], item) for key, item in reversed(value.items()))
        elif isinstance(value, list):
            pending.extend(([*path, index], item) for index, item in reversed(list(enumerate(value))))
    return found


def is_workflow(data: object) -> bool:
    """A workflow template, or a part of one holding create_connector nodes."""
    return (isinstance(data, dict) and isinstance(data.get("workflows"), dict)) or bool(connector_nodes(data))


def from_json(doc, display: str, source_text: str | None = None, to_source=None) -> list[Written]:
    """The connectors of a workflow parsed into ``doc`` (a ``JsonDocument``); ``source_text`` and
    ``to_source`` as for ``json_locator`` when the JSON was rewritten from a larger document."""
    from toolkit.check.locate import json_locator
    from toolkit.jsonsource import offset_to_position

    locate = json_locator(doc, display, source_text, to_source)
    text = doc.text if source_text is None else source_text
    written = []
    for path, node_id in connector_nodes(doc.data):
        prefix = pointer(path)
        at = doc.offset(pointer(path[:-1])) or 0
        line = offset_to_position(text, to_source(at) if to_source else at).line
        duplicates = [(p[len(prefix):], k) for p, k in doc.duplicates if p.startswith(prefix)]
        written.append(Written(_value(doc.data, path), prefixed(locate, prefix),
                               f"workflow node {node_id} (line {line})", line, duplicates=duplicates))
    return written


def from_yaml(doc, display: str, source_text: str | None = None, first_line: int = 1) -> list[Written]:
    """The connectors of a workflow parsed into ``doc`` (a ``YamlDocument``), ``first_line`` as for
    ``yaml_locator``."""
    from toolkit.documents.yamldoc import yaml_locator

    locate = yaml_locator(doc, display, source_text, first_line)
    written = []
    for path, node_id in connector_nodes(doc.data):
        line = doc.position(pointer(path[:-1])).line + first_line - 1
        written.append(Written(_value(doc.data, path), prefixed(locate, pointer(path)),
                               f"workflow node {node_id} (line {line})", line))
    return written


def in_yaml_file(text: str, display: str) -> tuple[list[Written], list]:
    """The connectors of a YAML workflow file, or the BP100 error that it does not parse."""
    from toolkit.diagnostics import Diagnostic, excerpt_around
    from toolkit.documents.yamldoc import YamlError, parse_yaml

    try:
        doc = parse_yaml(text)
    except YamlError as err:
        line, column = (err.position.line, err.position.column) if err.position else (None, None)
        excerpt, start = excerpt_around(text, line) if line else ((), None)
        return [], [Diagnostic("BP100", f"invalid YAML: {err.message}", file=display, line=line, column=column,
                               excerpt=excerpt, excerpt_start=start)]
    return from_yaml(doc, display), []


def in_markdown(text: str, display: str) -> tuple[list[Written], list]:
    """The connectors of the workflows a Markdown document writes (Dev Tools calls and fenced blocks),
    and a BP100 warning for each such workflow that does not parse."""
    if NODE_TYPE not in text:
        return [], []
    import bisect

    from toolkit.documents.fences import fences

    blocks = list(fences(text))
    calls = list(_CALL.finditer(text))
    # a call's body ends where a fenced block starts or ends, or at the next call
    bounds = sorted({len(text) + 1, *(c.start() for c in calls),
                     *(f.start for f in blocks), *(f.end for f in blocks)})
    written, problems = [], []
    for call in calls:
        _read_json(text, display, call.end(), bounds[bisect.bisect_right(bounds, call.end())], written, problems)
    for fence in blocks:
        content = fence.content(text)
        if not MENTIONS_NODE.search(content):
            continue
        body = content.lstrip()
        if body.startswith("{") and fence.lang in _JSON_LANGS:
            _read_json(text, display, fence.start, fence.end, written, problems)
        elif fence.lang in _YAML_LANGS and not _CALL.match(body):
            _read_yaml(text, display, fence.line, content, written, problems)
    written.sort(key=lambda w: w.line)
    return written, problems


def _read_json(text: str, display: str, start: int, end: int, written: list, problems: list) -> None:
    """The workflow whose JSON body is the first thing in ``text[start:end]`` (Dev Tools leniency:
    comments, triple-quoted strings, elisions)."""
    from toolkit.documents.lenient_json import to_strict_json
    from toolkit.jsonsource import JsonError, offset_to_position, parse_json

    block = text[start:end].lstrip()
    if not block.startswith("{"):
        return
    brace = end - len(block)
    try:
        strict, to_block = to_strict_json(block, 0)
    except ValueError:
        return  # where it ends is unknown, so whether it holds a connector node is too
    if not MENTIONS_NODE.search(strict):
        return
    to_source = functools.partial(_shifted, brace, to_block)
    try:
        doc = parse_json(strict)
    except JsonError as err:
        lines = strict.split("\n")
        offset = sum(len(line) + 1 for line in lines[:err.position.line - 1]) + err.position.column - 1
        where = offset_to_position(text, to_source(offset))
        problems.append(unparseable(text, display, where, f"workflow not parseable: {err.message}"))
        return
    written.extend(from_json(doc, display, text, to_source))


def _read_yaml(text: str, display: str, first_line: int, content: str, written: list, problems: list) -> None:
    from toolkit.documents.yamldoc import YamlError, parse_yaml
    from toolkit.source import Position

    try:
        doc = parse_yaml(content)
    except YamlError as err:
        where = err.position and Position(err.position.line + first_line - 1, err.position.column)
        problems.append(unparseable(text, display, where, f"workflow not parseable: {err.message}"))
        return
    written.extend(from_yaml(doc, display, text, first_line))


def _shifted(brace: int, to_block, offset: int) -> int:
    return brace + to_block(offset)


def _value(data: object, path: list) -> object:
    for part in path:
        data = data[part]
    return data
