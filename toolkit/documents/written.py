"""A connector body as a document writes it: the data, how to point back into the document, and what
the document leaves out. The readers of ``toolkit.documents`` produce these; ``toolkit.check.targets``
turns them into targets."""

from __future__ import annotations

from collections.abc import Callable

from toolkit.diagnostics import Diagnostic, Severity, excerpt_around
from toolkit.source import Position


class Written:
    """A connector as a document writes it: ``locate`` maps (pointer into the connector, offset in its
    string or None) to a ``toolkit.check.model.Location``; ``label`` names it ("workflow node
    create_connector_1 (line 40)"); ``line`` is where it starts (document settings written before it
    apply); ``elided``: pointers of objects the document shows in part; ``duplicates``: (object pointer,
    repeated key)."""

    __slots__ = ("connector", "locate", "label", "line", "elided", "duplicates")

    def __init__(self, connector: object, locate: Callable, label: str, line: int, elided: set[str] | None = None,
                 duplicates: list[tuple[str, str]] | None = None):
        self.connector, self.locate, self.label, self.line = connector, locate, label, line
        self.elided = elided if elided is not None else set()
        self.duplicates = duplicates if duplicates is not None else []


def prefixed(locate: Callable, prefix: str) -> Callable:
    """A locator for the connector found at ``prefix`` inside the document ``locate`` points into."""
    return lambda ptr, offset: locate(prefix + ptr, offset)


def unparseable(text: str, display: str, where: Position | None, message: str) -> Diagnostic:
    """BP100 (a warning, as for Dev Tools bodies) for a block that should hold a connector but does not parse."""
    line = where.line if where else None
    excerpt, start = excerpt_around(text, line) if line else ((), None)
    return Diagnostic("BP100", message, file=display, line=line, column=where.column if where else None,
                      severity=Severity.WARNING, excerpt=excerpt, excerpt_start=start)
