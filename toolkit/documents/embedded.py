"""Connector calls written as code in a document: Python blocks and curl/awscurl commands in the
fenced blocks of a Markdown file, or a whole ``.py`` file. Each becomes a call shaped like a Dev
Tools call, with positions in the document, so targets are built the same way.

Which blocks are read: ``python``/``py`` blocks as Python; ``bash``/``sh``/``shell``/``zsh``/``console``
blocks, and any block whose first command is ``curl``/``awscurl``, for curl commands; an unlabelled
block as Python when it holds a connector path in a string literal and no Dev Tools request line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from toolkit.documents.devtools import DevToolsCall
from toolkit.diagnostics import Diagnostic, Severity, excerpt_around
from toolkit.documents.fences import Fence, fences, whole
from toolkit.documents.offsets import through
from toolkit.jsonsource import JsonError, offset_to_position, parse_json
from toolkit.lines import line_and_column, line_starts

_PYTHON = {"python", "py", "python3", "pycon", "ipython"}
_SHELL = {"bash", "sh", "shell", "zsh", "console", "shell-session"}
_CONNECTOR = re.compile(r"_plugins/_ml/(?:connectors/_create|models/_register)")
_STARTS_WITH_CURL = re.compile(r"\s*(?:\$\s+)?(?:sudo\s+)?(?:aws)?curl\s")
_DEV_TOOLS_LINE = re.compile(r"^[ \t]*(?:POST|PUT)[ \t]+/?_plugins/_ml/", re.MULTILINE | re.IGNORECASE)
_LOOKS_LIKE_PYTHON = re.compile(r"^(?:import\s+\w|from\s+[\w.]+\s+import\s)|\brequests\.\w+\(", re.MULTILINE)


@dataclass
class CodeCall(DevToolsCall):
    """A connector call written as code: ``language`` names it in the target's label."""

    language: str = "python"

    @property
    def label(self) -> str:
        return f"{self.language} (line {self.request_line})"


def markdown_code_calls(text: str, display: str) -> tuple[list[CodeCall], list[Diagnostic]]:
    """The connector calls of the Python and shell blocks of a Markdown document."""
    calls: list[CodeCall] = []
    problems: list[Diagnostic] = []
    if not _CONNECTOR.search(text):
        return calls, problems
    for fence in fences(text):
        start, end = fence.start, fence.end
        if not _CONNECTOR.search(text, start, end):
            continue
        if fence.language in _PYTHON:
            _read(text, display, fence, "python", True, calls, problems)
        elif fence.language in _SHELL or _STARTS_WITH_CURL.match(text, start, end):
            _read(text, display, fence, "curl", False, calls, problems)
        elif not fence.language and not _DEV_TOOLS_LINE.search(text, start, end):
            _read(text, display, fence, "python", bool(_LOOKS_LIKE_PYTHON.search(fence.code)), calls, problems)
    return calls, problems


def python_file_calls(text: str, display: str) -> tuple[list[CodeCall], list[Diagnostic]]:
    """The connector calls of a ``.py`` file."""
    calls: list[CodeCall] = []
    problems: list[Diagnostic] = []
    if _CONNECTOR.search(text):
        _read(text, display, whole(text), "python", True, calls, problems)
    return calls, problems


def _read(text: str, display: str, fence: Fence, language: str, report_syntax: bool,
          calls: list[CodeCall], problems: list[Diagnostic]) -> None:
    if language == "python":
        from toolkit.documents.python_code import python_bodies

        bodies, found = python_bodies(fence.code, report_syntax)
    else:
        from toolkit.documents.curl import curl_bodies

        bodies, found = curl_bodies(fence.code)
    for problem in found:
        problems.append(_problem(text, display, fence.to_document(problem.offset), problem.message))
    for body in bodies:
        to_source = through(body.to_code, fence.to_document)
        try:
            document = parse_json(body.text)
        except JsonError as err:
            where = line_starts(body.text)[err.position.line - 1] + err.position.column - 1
            problems.append(_problem(text, display, to_source(where), f"{language} body not parseable: {err.message}"))
            continue
        request_line = line_and_column(text, fence.to_document(body.offset))[0]
        body_line = line_and_column(text, to_source(0))[0]
        data = document.data
        if body.path.endswith("_register"):
            if not isinstance(data, dict) or not isinstance(data.get("connector"), dict):
                continue  # registering with a connector_id: nothing to check here
            elided = {p[len("/connector"):] for p in body.elided if p == "/connector" or p.startswith("/connector/")}
            calls.append(CodeCall("POST", body.path, request_line, body_line, document, data["connector"],
                                  "/connector", to_source, elided, language))
        else:
            calls.append(CodeCall("POST", body.path, request_line, body_line, document, data, "", to_source,
                                  set(body.elided), language))


def _problem(text: str, display: str, offset: int, message: str) -> Diagnostic:
    where = offset_to_position(text, offset)
    excerpt, start = excerpt_around(text, where.line)
    return Diagnostic("BP100", message, file=display, line=where.line, column=where.column,
                      severity=Severity.WARNING, excerpt=excerpt, excerpt_start=start)
