"""Fenced code blocks of a Markdown document: their info string and where their content is.

Lenient like the renderers people preview with: a fence may be indented (inside a list item or a
``<details>`` block), opens with three or more backticks or tildes and closes with at least as many
of the same character; an unclosed fence runs to the end of the document. The content is kept as
offsets into the document, so whatever reads it reports positions in the Markdown file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_OPEN = re.compile(r"^[ \t]*(`{3,}|~{3,})[ \t]*([^\s`]*)(?:[ \t][^\n`]*)?\r?$", re.MULTILINE)


@dataclass(frozen=True)
class Fence:
    lang: str  # the first word of the info string, lower case ("" when there is none)
    start: int  # offset of the first character of the content (the line after the opening fence)
    end: int  # offset just after the content (the start of the closing fence's line)
    line: int  # 1-based line of the first content line

    def content(self, text: str) -> str:
        return text[self.start:self.end]


def fences(text: str) -> list[Fence]:
    """Every fenced block of ``text``, in order."""
    from toolkit.lines import line_and_column

    found = []
    at = 0
    while (opening := _OPEN.search(text, at)) is not None:
        marker = opening.group(1)
        start = min(opening.end() + 1, len(text))
        closer = re.compile(rf"^[ \t]*{re.escape(marker[0])}{{{len(marker)},}}[ \t]*\r?$", re.MULTILINE)
        closing = closer.search(text, start)
        end = closing.start() if closing else len(text)
        found.append(Fence(opening.group(2).lower(), start, end, line_and_column(text, start)[0]))
        at = closing.end() if closing else len(text)
    return found
