"""Fenced code blocks of a Markdown document (```` ``` ```` and ``~~~``), with the way back from an
offset in a block's code to an offset in the document.

A fence may be indented (inside a list item); its content lines lose up to that much indentation,
as CommonMark reads them. A block without a closing fence runs to the end of the document.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass

_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)?")
_OPEN = re.compile(r"^([ \t]*)(`{3,}|~{3,})[ \t]*([^\n]*)$", re.MULTILINE)


@dataclass(frozen=True)
class Fence:
    text: str  # the whole document
    start: int  # offset of the block's first line of code
    end: int  # offset of its closing fence
    indent: int  # indentation of the opening fence
    language: str  # the first word of the info string, lower-case; "" for an unlabelled block

    @functools.cached_property
    def _lines(self) -> tuple[str, list[int], list[int]]:
        """The content without the fence's indentation, the offset of each of its lines and of
        each of those lines in the document."""
        code, code_starts, document_starts = [], [], []
        size, start = 0, self.start
        for raw in _LINE.findall(self.text, self.start, self.end):
            if not raw:
                break
            strip = min(len(raw) - len(raw.lstrip(" \t")), self.indent)
            code_starts.append(size)
            document_starts.append(start + strip)
            code.append(raw[strip:])
            size += len(raw) - strip
            start += len(raw)
        return "".join(code), code_starts or [0], document_starts or [self.start]

    @property
    def code(self) -> str:
        return self._lines[0]

    @property
    def lang(self) -> str:
        return self.language

    @property
    def line(self) -> int:
        """The 1-based line of the block's first line of code."""
        return self.text.count("\n", 0, self.start) + 1

    def content(self, text: str) -> str:
        """The block as written, indentation included (offsets are the document's)."""
        return text[self.start:self.end]

    def to_document(self, offset: int) -> int:
        """The document offset of ``code[offset]``."""
        _, code_starts, document_starts = self._lines
        index = bisect.bisect_right(code_starts, offset) - 1
        return document_starts[index] + offset - code_starts[index]


def fences(text: str) -> Iterator[Fence]:
    """Every fenced code block of ``text``, in order."""
    at = 0
    while (match := _OPEN.search(text, at)) is not None:
        indent, marker, info = match.group(1), match.group(2), match.group(3)
        if marker[0] == "`" and "`" in info:
            at = match.end()
            continue  # inline code, not a fence
        closing = re.compile(rf"^[ \t]*{re.escape(marker[0])}{{{len(marker)},}}[ \t\r]*$", re.MULTILINE)
        start = min(match.end() + 1, len(text))
        end_match = closing.search(text, start)
        end = end_match.start() if end_match else len(text)
        yield Fence(text, start, end, len(indent), _language(info))
        at = end_match.end() if end_match else len(text)


def whole(text: str) -> Fence:
    """A whole file (a ``.py`` file) as one block."""
    return Fence(text, 0, len(text), 0, "")


def _language(info: str) -> str:
    word = info.split(None, 1)[0] if info.strip() else ""
    return word.strip("{}.").lower()
