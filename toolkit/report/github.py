"""GitHub Actions workflow commands: one ``::error file=...,line=...,col=...::message`` per finding."""

from __future__ import annotations

from toolkit.diagnostics import Diagnostic
from toolkit.report.bounded import also_at, shown_text

_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def format_github(diagnostics: list[Diagnostic], omitted: list[Diagnostic] = ()) -> str:
    """One command per listed finding, then a notice per file and rule with findings not listed."""
    from toolkit.check.cap import omitted_counts, omitted_line

    lines = []
    for d in diagnostics:
        props = [f"file={_escape_property(d.file or '')}"]
        if d.line is not None:
            props.append(f"line={d.line}")
            if d.column is not None:
                props.append(f"col={d.column}")
        props.append(f"title={_escape_property(d.code)}")
        message = shown_text(d.message) + also_at(d) + (f" (hint: {shown_text(d.hint)})" if d.hint else "")
        lines.append(f"::{_LEVEL[d.severity.value]} {','.join(props)}::{_escape_data(message)}")
    for file, code, count in omitted_counts(list(omitted)):
        props = f"file={_escape_property(file)},title={_escape_property(code)}"
        lines.append(f"::notice {props}::{_escape_data(omitted_line(file, code, count))}")
    return "\n".join(lines)
