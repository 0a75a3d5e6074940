"""Connector parts shown alone in Markdown: a fenced JSON block without a request line that is a
connector, only its actions (``{"actions": [...]}`` or the bare member ``"actions": [...]``) or one
action object.

Only blocks that clearly are connector parts are read: every action has an ``action_type`` and a
``url`` (ISM, alerting and other plugins have "actions" too). Each is checked as a connector whose
top level is shown in part (``Written.elided`` holds ``""``): the document does not say it is the whole
request (it may be a part, or a GET response, which leaves out the credential), so nothing is
reported missing from it; what it shows is checked like any connector. Dev Tools leniency applies
(comments, triple-quoted strings, elisions).
"""

from __future__ import annotations

import functools

from toolkit.documents.written import Written

_LANGS = ("json", "javascript", "js", "jsonc", "json5", "")
_MEMBER = '"actions"'


def in_markdown(text: str, display: str) -> list[Written]:
    """Every connector part the fenced blocks of ``text`` show, in order."""
    if "action_type" not in text:
        return []
    from toolkit.documents.fences import fences
    from toolkit.lines import line_and_column

    written = []
    for fence in fences(text):
        content = fence.content(text)
        if fence.lang not in _LANGS or "action_type" not in content:
            continue
        body = content.lstrip()
        start = fence.start + len(content) - len(body)
        if body.startswith("{"):
            parsed = _parse(body, functools.partial(_shifted, start, 0))
        elif body.startswith(_MEMBER):
            parsed = _parse("{" + body + "\n}", functools.partial(_shifted, start, 1))
        else:
            continue
        if parsed is not None:
            found = _fragment(*parsed, display, text, line_and_column(text, start)[0])
            if found is not None:
                written.append(found)
    return written


def _parse(block: str, to_document):
    """(JsonDocument, map from its offsets to the Markdown text) for the lenient JSON ``block``
    (the fence's content only, so a block that does not close costs no more than its length)."""
    from toolkit.documents.lenient_json import to_strict_json
    from toolkit.jsonsource import JsonError, parse_json

    try:
        strict, to_block = to_strict_json(block, 0)
        return parse_json(strict), lambda offset: to_document(to_block(offset))
    except (ValueError, JsonError):
        return None  # not readable as JSON: nothing says it is a connector


def _shifted(start: int, added: int, offset: int) -> int:
    """Offset in the Markdown text of ``offset`` in a block read from ``start`` with ``added``
    characters put in front (the ``{`` around a bare ``"actions"`` member)."""
    return start + max(offset - added, 0)


def _fragment(doc, to_source, display: str, text: str, line: int) -> Written | None:
    from toolkit.check.locate import json_locator

    data = doc.data
    locate = json_locator(doc, display, text, to_source)
    if isinstance(data, dict) and _are_actions(data.get("actions")):
        kind = "connector" if len(data) > 1 else "actions"
        return Written(data, locate, f"{kind} fragment (line {line})", line, elided={""}, duplicates=doc.duplicates)
    if isinstance(data, dict) and "actions" not in data and _is_action(data):
        duplicates = [("/actions/0" + p, k) for p, k in doc.duplicates]
        return Written({"actions": [data]}, _as_action(locate), f"action fragment (line {line})", line,
                       elided={""}, duplicates=duplicates)
    return None


def _are_actions(value: object) -> bool:
    return isinstance(value, list) and bool(value) and all(_is_action(action) for action in value)


def _is_action(value: object) -> bool:
    return isinstance(value, dict) and "action_type" in value and "url" in value


def _as_action(locate):
    """Pointers into ``{"actions": [action]}`` -> pointers into the action the block holds."""
    def at(ptr: str, offset: int | None):
        inner = ptr[len("/actions/0"):] if ptr.startswith("/actions/0") else ""
        return locate(inner, offset if inner else None)

    return at
