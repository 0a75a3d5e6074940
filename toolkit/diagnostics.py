"""The diagnostic: one finding about one place in one file.

Every problem the toolkit reports, from an unreadable YAML file to a checker rule, is a
``Diagnostic``; bad input raises ``ToolkitError`` carrying one or more of them.
"""

from __future__ import annotations

from enum import Enum
from typing import NamedTuple


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 3, "warning": 2, "info": 1}[self.value]


class Place(NamedTuple):
    """Another place a finding holds (the same body shown again; see toolkit.check.merge)."""

    file: str | None
    line: int | None
    column: int | None


class Diagnostic(NamedTuple):
    """A finding with its rule id and exact location (1-based line and column). Two diagnostics are equal
    when they say the same about the same place: the excerpt and the related places are not compared.

    A named tuple, not a dataclass: a cold ``blueprint check`` of one file creates two dozen record
    classes, and dataclasses cost a fifth of its time (``benchmarks/check_bench.py``)."""

    code: str
    message: str
    file: str | None = None
    line: int | None = None
    column: int | None = None
    severity: Severity = Severity.ERROR
    pointer: str | None = None  # JSON pointer into the rendered connector, where it applies
    hint: str | None = None
    excerpt: tuple[str, ...] = ()  # source lines around the place (not compared)
    excerpt_start: int | None = None  # line number of excerpt[0] (not compared)
    related: tuple[Place, ...] = ()  # the same finding elsewhere, in order (not compared)

    def __eq__(self, other: object) -> bool:
        return type(other) is Diagnostic and self[:_COMPARED] == other[:_COMPARED]

    def __ne__(self, other: object) -> bool:
        return not self == other

    def __hash__(self) -> int:
        return hash(self[:_COMPARED])

    @property
    def location(self) -> str:
        """``file:line:col`` (the file may be an option, ``--parameters:1:5``); empty for a diagnostic about
        no file or option value, whose message names what it is about."""
        if self.file is None:
            return ""
        parts = [self.file]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)

    @property
    def located(self) -> str:
        """``location: message``, or the message alone when there is no location."""
        return f"{self.location}: {self.message}" if self.location else self.message

    def to_dict(self) -> dict:
        data = {
            "code": self.code,
            "severity": self.severity.value,
            "message": self.message,
            "file": self.file,
            "line": self.line,
            "column": self.column,
        }
        if self.pointer is not None:
            data["pointer"] = self.pointer
        if self.hint is not None:
            data["hint"] = self.hint
        return data


_COMPARED = 8  # Diagnostic's fields up to ``hint``


class ToolkitError(Exception):
    """Bad input: carries diagnostics; the CLI prints them and exits 2."""

    def __init__(self, *diagnostics: Diagnostic):
        self.diagnostics = list(diagnostics)
        super().__init__("; ".join(d.located for d in diagnostics))


def quoted(value: object, limit: int = 200) -> str:
    """``repr`` of ``value`` as text, cut to ``limit`` characters (a hostile value may be huge)."""
    text = str(value)
    return repr(text if len(text) <= limit else text[:limit] + "…")


def excerpt_around(text: str, line: int, radius: int = 2) -> tuple[tuple[str, ...], int]:
    """Lines ``line-radius .. line+radius`` of ``text`` (1-based) and the number of the first one."""
    from toolkit.lines import split_lines

    lines = split_lines(text)
    start = max(1, line - radius)
    end = min(len(lines), line + radius)
    return tuple(lines[start - 1 : end]), start
