"""What a report may print of a finding: bounded in size, with credential shapes masked.

Every format prints a message and hint through ``shown_text``; the text format prints excerpt
lines through ``window``: at most ``EXCERPT_WIDTH`` characters of a line around the column, cut
ends marked with ``…``, keys masked, and the caret's new place in the shortened line. Of the other
places of a merged finding (``Diagnostic.related``) every format lists the first ``RELATED_LISTED``
and counts the rest.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from toolkit.diagnostics import Diagnostic, Place
from toolkit.keyshapes import any_shape, masked

MESSAGE_CHARS = 1000  # a longer message or hint is cut, with its full length given
EXCERPT_WIDTH = 200  # characters of an excerpt line shown around the column
_BEFORE = 80  # of which before the column, when the line is longer
_REACH = 512  # characters beyond the window scanned for keys that reach into it
RELATED_LISTED = 10  # other places of a merged finding listed; the rest are counted
_CUT = "…"
# Control characters and line breaks other than the line's own would move the caret, break the
# layout or drive the terminal: each prints as one visible character (a tab as a space).
_VISIBLE = {c: "\ufffd" for c in [*range(0x20), *range(0x7F, 0xA0), 0x2028, 0x2029]} | {0x09: " "}
_TOKEN = re.compile(r"[^\s\"'\\,;]+")


def shown_text(text: str) -> str:
    """``text`` with keys masked, cut after ``MESSAGE_CHARS`` characters."""
    if len(text) <= MESSAGE_CHARS:
        return _mask_all(text)
    return _mask_all(text[:MESSAGE_CHARS + _REACH])[:MESSAGE_CHARS] + f"{_CUT}({len(text):,} chars)"


def listed_related(d: Diagnostic) -> tuple[tuple[Place, ...], int]:
    """The other places of ``d`` a report lists, and how many more there are."""
    return d.related[:RELATED_LISTED], max(0, len(d.related) - RELATED_LISTED)


def also_at(d: Diagnostic) -> str:
    """`` (also at line 40)``, `` (also at lines 40, 77 and 3 more)``, or "" for a finding not merged
    (its other places are in its own file: toolkit.check.merge)."""
    places, more = listed_related(d)
    if not places:
        return ""
    where = [str(place.line) for place in places] + ([f"{more:,} more"] if more else [])
    listed = ", ".join(where[:-1]) + " and " + where[-1] if len(where) > 1 else where[0]
    return f" (also at line{'s' if len(where) > 1 else ''} {listed})"


def visible(text: str) -> str:
    """``text`` with control characters and stray line breaks as one visible character each."""
    return text.translate(_VISIBLE)


def _mask_all(text: str) -> str:
    return any_shape().sub(lambda m: masked(m.group(0)), text)


def window_bounds(line: str, column: int | None) -> tuple[int, int]:
    """The ``[start, end)`` slice of a line of this length shown for a caret at ``column``."""
    if len(line) <= EXCERPT_WIDTH:
        return 0, EXCERPT_WIDTH
    start = max(0, min((column or 1) - 1 - _BEFORE, len(line) - EXCERPT_WIDTH))
    return start, start + EXCERPT_WIDTH


def window(line: str, start: int, end: int, caret: int | None = None,
           secrets_at: Iterable[int] = ()) -> tuple[str, int | None]:
    """``line[start:end]`` as printed, and where the 0-based ``caret`` lands in it.

    Keys are masked (also ones that begin or end outside the window); so is the token starting at
    each offset of ``secrets_at`` (values a rule found secret-looking without a known shape).
    """
    end = min(end, len(line))
    lo, hi = max(0, start - _REACH), min(len(line), end + _REACH)
    spans = [m.span() for m in any_shape().finditer(line, lo, hi)]
    for offset in secrets_at:
        token = _TOKEN.match(line, offset)
        if token and token.end() > token.start():
            spans.append(token.span())
    out = [_CUT] if start > 0 else []
    width, at, pos = len(out[0]) if out else 0, None, start
    for s, e in sorted(spans):
        if e <= pos or s >= end:
            continue
        if s > pos:
            at = _place(caret, pos, s, width, at)
            out.append(line[pos:s])
            width += s - pos
        if caret is not None and at is None and max(s, pos) <= caret < e:
            at = width
        text = masked(line[s:e])
        out.append(text)
        width += len(text)
        pos = e
    if pos < end:
        at = _place(caret, pos, end, width, at)
        out.append(line[pos:end])
        width += end - pos
    if at is None and caret == len(line):
        at = width  # just past the end of the line (an error at the end of input)
    if end < len(line):
        out.append(_CUT)
    return visible("".join(out)), at


def _place(caret: int | None, pos: int, stop: int, width: int, at: int | None) -> int | None:
    """The caret's printed index when it falls in the plain stretch ``[pos, stop)``."""
    if at is None and caret is not None and pos <= caret < stop:
        return width + caret - pos
    return at
