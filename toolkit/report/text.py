"""Human-readable diagnostics: ``path:line:col: CODE severity message`` plus an excerpt with a caret."""

from __future__ import annotations

from collections.abc import Iterable

from toolkit.diagnostics import Diagnostic

_COLORS = {"error": "\x1b[31m", "warning": "\x1b[33m", "info": "\x1b[36m"}
_RESET = "\x1b[0m"


def format_diagnostic(d: Diagnostic, color: bool = False) -> str:
    severity = d.severity.value
    if color:
        severity = f"{_COLORS[severity]}{severity}{_RESET}"
    lines = [f"{d.location}: {d.code} {severity} {d.message}"]
    if d.excerpt and d.excerpt_start is not None:
        width = len(str(d.excerpt_start + len(d.excerpt) - 1))
        for offset, text in enumerate(d.excerpt):
            number = d.excerpt_start + offset
            marker = ">" if number == d.line else " "
            lines.append(f" {marker} {number:>{width}} | {text}")
            if number == d.line and d.column:
                lines.append(f"   {' ' * width} | {' ' * (d.column - 1)}^")
    if d.hint:
        lines.append(f"   hint: {d.hint}")
    return "\n".join(lines)


def format_diagnostics(diagnostics: Iterable[Diagnostic], color: bool = False) -> str:
    return "\n".join(format_diagnostic(d, color) for d in diagnostics)
