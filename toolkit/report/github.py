"""GitHub Actions workflow commands: one ``::error file=...,line=...,col=...::message`` per finding."""

from __future__ import annotations

from toolkit.diagnostics import Diagnostic

_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def format_github(diagnostics: list[Diagnostic]) -> str:
    lines = []
    for d in diagnostics:
        props = [f"file={_escape_property(d.file or '')}"]
        if d.line is not None:
            props.append(f"line={d.line}")
            if d.column is not None:
                props.append(f"col={d.column}")
        props.append(f"title={_escape_property(d.code)}")
        message = d.message + (f" (hint: {d.hint})" if d.hint else "")
        lines.append(f"::{_LEVEL[d.severity.value]} {','.join(props)}::{_escape_data(message)}")
    return "\n".join(lines)
