"""Values the reader fills in, as every rule sees them.

A template marker (``<YOUR REGION>``, ``your_api_key``, ``{{region}}``: toolkit.documents.markers) stands
for some value the reader will write; so does a malformed placeholder such as ``${parameters. endpoint}``,
whose intended value is the parameter it misspells. BP211 and BP201 report those *holes* once, where they
are written. Every other rule judges only the fixed text around them: a verdict that depends on what fills
a hole is not reported, one that holds for every plausible fill still is.
"""

from __future__ import annotations

import re

from toolkit.documents.markers import fill_markers, has_marker, is_marker, markers_in
from toolkit.mlcommons.substitute import Placeholder, tokenize_placeholders

# A fill legal anywhere a hole appears: a host label, a path segment, a query value, JSON string content.
NEUTRAL = "x"


def holes(text: str) -> list[tuple[int, int]]:
    """(start, end) of every marker and malformed placeholder in ``text``, left to right."""
    spans = [(m.start, m.end) for m in markers_in(text)]
    spans += [(p.start, p.end) for p in tokenize_placeholders(text) if p.problem]
    return sorted(spans)


def fill_holes(text: str, value: str = NEUTRAL) -> str:
    """``text`` with every marker and malformed placeholder replaced by ``value``."""
    text = fill_markers(text, value)
    out, last = [], 0
    for found in tokenize_placeholders(text):
        if found.problem:
            out += [text[last:found.start], value]
            last = found.end
    return "".join(out) + text[last:]


def in_hole(found: Placeholder, text: str) -> bool:
    """Whether the placeholder ``found`` of ``text`` overlaps a marker (inside one, or one in its name)."""
    return any(m.start < found.end and found.start < m.end for m in markers_in(text))


def intended_name(found: Placeholder) -> str | None:
    """The parameter a malformed ``${parameters…}`` placeholder was meant to name (``endpoint`` for
    ``${parameters. endpoint}``), or ``None``."""
    if not found.problem or found.namespace.lower() not in ("parameters", "parameter", "params", "param"):
        return None
    name = re.sub(r"\s+", "", found.name)
    return name if re.fullmatch(r"[\w.-]+", name) else None


def fill_body(body: str) -> str:
    """A request body with each marker replaced, length kept, by a value that fits where it stands:
    ``x`` repeated inside a JSON string, ``0`` padded with spaces outside one (``"n": <N>``), ``{}`` for a
    body that is one marker. Offsets into the result are offsets into ``body``."""
    found = {m.start: m for m in markers_in(body)}
    if not found:
        return body
    if len(found) == 1 and is_marker(body):
        return "{}".center(len(body))
    out, in_string, i = [], False, 0
    while i < len(body):
        marker = found.get(i)
        if marker is not None:
            size = marker.end - marker.start
            out.append("x" * size if in_string else "0".ljust(size))
            i = marker.end
            continue
        char = body[i]
        if in_string and char == "\\":
            out.append(body[i:i + 2])
            i += 2
            continue
        if char == '"':
            in_string = not in_string
        out.append(char)
        i += 1
    return "".join(out)


def unknown(value: object) -> bool:
    """A string that holds a marker: its meaning depends on what the reader writes there."""
    return isinstance(value, str) and has_marker(value)
