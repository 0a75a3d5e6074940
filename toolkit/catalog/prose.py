"""Prose on the site and in Markdown: descriptions, notes, hints and reasons written by people or by
the toolkit, shown exactly as written.

Prose is plain text with one piece of markup, the CommonMark code span: a run of backticks up to the
next run of the same length (`` `GET _cluster/settings` ``). Everything else is literal: ``*``, ``_``,
``<``, ``&``, ``[`` and ``\\`` are characters, never emphasis, HTML, entities, links or escapes, so a
regex such as ``^https://api\\.openai\\.com/.*$`` reads the same on the page as in the manifest.
White space outside code spans collapses to single spaces (prose is one paragraph).

``prose_html`` gives escaped HTML; ``prose_markdown`` gives CommonMark (and GitHub Markdown) that
renders back to the same text: every character with inline meaning is backslash-escaped, and so is
a first character that would start a block (``#``, ``-``, ``1.``). ``code_span`` writes any text as
one Markdown code span.
"""

from __future__ import annotations

import html
import re

_TICKS = re.compile(r"`+")
_SPACE = re.compile(r"\s+")
_ALWAYS = frozenset("\\`*[]<&|~")  # characters with inline meaning wherever they are (">" only starts a quote)
_BLOCK_START = re.compile(r"^(?:#{1,6}|[+-]|\d{1,9}[.)])(?= |$)|^-(?=-)|^>")  # heading, list item, rule, quote


def pieces(text: str) -> list[tuple[bool, str]]:
    """``text`` as (is code, content) pieces: code spans by CommonMark's rules (a backtick run closed by
    the next run of the same length; an unclosed run is literal), plain text with white space collapsed."""
    out: list[tuple[bool, str]] = []
    plain, position = [], 0
    while (opening := _TICKS.search(text, position)) is not None:
        closing = _TICKS.search(text, opening.end())
        while closing is not None and len(closing.group()) != len(opening.group()):
            closing = _TICKS.search(text, closing.end())
        if closing is None:
            plain.append(text[position:opening.end()])
            position = opening.end()
            continue
        plain.append(text[position:opening.start()])
        out.append((False, "".join(plain)))
        plain = []
        out.append((True, _code_content(text[opening.end():closing.start()])))
        position = closing.end()
    out.append((False, "".join(plain) + text[position:]))
    collapsed = [(code, content if code else _SPACE.sub(" ", content)) for code, content in out]
    if collapsed and not collapsed[0][0]:
        collapsed[0] = (False, collapsed[0][1].lstrip())
    if collapsed and not collapsed[-1][0]:
        collapsed[-1] = (False, collapsed[-1][1].rstrip())
    return [(code, content) for code, content in collapsed if code or content]


def _code_content(raw: str) -> str:
    """A code span's text: line ends become spaces, one space is stripped from each side when both have one."""
    content = raw.replace("\r\n", " ").replace("\n", " ").replace("\r", " ")
    if len(content) >= 2 and content[0] == " " and content[-1] == " " and content.strip(" "):
        content = content[1:-1]
    return content


def plain_text(text: str) -> str:
    """What a reader sees of ``text``: its pieces without the code-span backticks."""
    return "".join(content for _, content in pieces(text))


def prose_html(text: str) -> str:
    """``text`` as escaped HTML, code spans as ``<code>``."""
    return "".join(f"<code>{html.escape(content)}</code>" if code else html.escape(content)
                   for code, content in pieces(str(text)))


def prose_markdown(text: str, *, cell: bool = False) -> str:
    """``text`` as one line of Markdown that renders back to it; ``cell``: inside a GFM table cell."""
    out = []
    for index, (code, content) in enumerate(pieces(str(text))):
        if code:
            out.append(code_span(content, cell=cell))
        else:
            out.append(_escape(content, at_start=index == 0))
    return "".join(out)


def _escape(text: str, at_start: bool) -> str:
    out = []
    for i, char in enumerate(text):
        if char in _ALWAYS or (char == "_" and not (0 < i < len(text) - 1 and text[i - 1].isalnum()
                                                     and text[i + 1].isalnum())):
            out.append("\\" + char)
        else:
            out.append(char)
    escaped = "".join(out)
    block = _BLOCK_START.match(escaped) if at_start else None
    if block:
        marker = block.group()
        escaped = (marker[:-1] + "\\" + marker[-1]) + escaped[len(marker):]
    return escaped


def code_span(text: str, *, cell: bool = False) -> str:
    """``text`` as a Markdown code span: a backtick fence longer than any run inside, padded with a space
    where the text starts or ends with a backtick or a space; in a table cell ``|`` is escaped (GFM)."""
    longest = max((len(run) for run in _TICKS.findall(text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text[:1] in ("`", " ") or text[-1:] in ("`", " ") else ""
    body = text.replace("|", "\\|") if cell else text
    return f"{fence}{pad}{body}{pad}{fence}"
