"""Human-readable diagnostics: ``path:line:col: CODE severity message (also at line N)`` plus an
excerpt with a caret (the ``also at`` part only for a finding merged over copies of a body).

Excerpt lines are windows around the column (``toolkit.report.bounded``), so a finding on a
400 KB single-line file prints a few hundred characters, and credential shapes are masked.
"""

from __future__ import annotations

from collections.abc import Iterable

from toolkit.diagnostics import Diagnostic
from toolkit.report.bounded import also_at, shown_text, visible, window, window_bounds

_COLORS = {"error": "\x1b[31m", "warning": "\x1b[33m", "info": "\x1b[36m"}
_RESET = "\x1b[0m"
SECRET_RULE = "BP310"  # its column is where a secret-looking value starts: masked in every excerpt


def format_diagnostic(d: Diagnostic, color: bool = False, secrets: dict | None = None) -> str:
    """One finding; ``secrets`` maps (file, line) to 0-based columns where BP310 found a secret."""
    severity = d.severity.value
    if color:
        severity = f"{_COLORS[severity]}{severity}{_RESET}"
    where = f"{d.location}: " if d.location else ""
    lines = [f"{where}{d.code} {severity} {visible(shown_text(d.message))}{visible(also_at(d))}"]
    if d.excerpt and d.excerpt_start is not None:
        width = len(str(d.excerpt_start + len(d.excerpt) - 1))
        focus = d.line - d.excerpt_start if d.line is not None else -1
        start, end = window_bounds(d.excerpt[focus] if 0 <= focus < len(d.excerpt) else "", d.column)
        caret = d.column - 1 if d.column else None
        for offset, text in enumerate(d.excerpt):
            number = d.excerpt_start + offset
            here = offset == focus
            found = (secrets or {}).get((d.file, number), ())
            shown, at = window(text, start, end, caret if here else None, found)
            lines.append(f" {'>' if here else ' '} {number:>{width}} | {shown}")
            if here and at is not None:
                lines.append(f"   {' ' * width} | {' ' * at}^")
    if d.hint:
        lines.append(f"   hint: {visible(shown_text(d.hint))}")
    return "\n".join(lines)


def format_diagnostics(diagnostics: Iterable[Diagnostic], color: bool = False) -> str:
    diagnostics = list(diagnostics)
    secrets: dict[tuple, list[int]] = {}
    for d in diagnostics:
        if d.code == SECRET_RULE and d.line is not None and d.column:
            secrets.setdefault((d.file, d.line), []).append(d.column - 1)
    return "\n".join(format_diagnostic(d, color, secrets) for d in diagnostics)
