"""Template markers: the text a document leaves for its reader to replace with a real value.

Documents are templates. Their connectors hold ``<PLEASE ADD YOUR AWS REGION HERE>``, ``<REGION>``,
``<your_api_key>``, ``<NONE|START|END>``, ``YOUR AWS REGION``, ``your_aws_region``, ``your-aws-region``,
``yourRegion``, ``{{region}}`` (Mustache, Jinja), ``${{ node.field }}`` (flow-framework substitutions),
``{region}`` in a URL, ``${AWS_REGION}`` (a shell variable), ``xxx`` and a value that is only ``...``.
``markers_in`` finds them with their offsets; ``fill_markers`` replaces them, so that a rule can judge
the fixed text around them.

What is not a marker: ``${parameters.x}`` and ``${credential.x}`` (ML Commons placeholders), HTML
and XML-style tags (``<b>``, ``<context>...</context>``, a tag with attributes), comparisons such as
``a < b``, and prose that merely says "your" (``Your task is ...``).
"""

from __future__ import annotations

import functools
import re
from typing import NamedTuple

__all__ = ["Marker", "markers_in", "has_marker", "is_marker", "fill_markers"]


class Marker(NamedTuple):
    """One marker: ``text[start:end]`` of the string it was found in."""

    start: int
    end: int
    text: str


_ANGLE = re.compile(r"<([^<>\n]{1,200})>")
_FILL_WORD = re.compile(r"(?i)(?<![a-z])(?:your|please|enter|insert|replace)(?![a-z])")
_CODE = re.compile(r"[=\"'{};]")
_CHOICES = re.compile(r"[\w.-]+(?: [\w.-]+)*(?:\|[\w.-]+(?: [\w.-]+)*)+")
_COMPOUND = re.compile(r"[A-Za-z0-9]+(?:[_.:-][A-Za-z0-9]+)+")
_WORDS = re.compile(r"[\w.,:/()-]+(?: [\w.,:/()-]+)+")
_WORD = re.compile(r"[A-Za-z][A-Za-z0-9]*")
_LEFT_EDGE = set('/.:=?&@"')
_RIGHT_EDGE = set('/.:?&#"')
_HTML = frozenset((
    "a abbr article aside audio b blockquote body br button canvas caption center code col dd details div dl dt em "
    "embed figure font footer form h1 h2 h3 h4 h5 h6 head header hr html i iframe img input kbd label li link main "
    "mark meta nav ol option p path picture pre q s samp script section select small source span strong style sub "
    "summary sup svg table tbody td template textarea th thead title tr tt u ul var video").split())

_OTHERS = (  # your_api_key, yourRegion; YOUR AWS REGION; {{region}}, ${{ node.field }}; ${AWS_REGION}; xxx
    re.compile(r"(?<![A-Za-z0-9_])(?:(?:[Yy]our|YOUR)[_-][A-Za-z0-9][\w-]*|[Yy]our[A-Z][a-z][A-Za-z0-9]*)"
               r"(?: (?:like|e\.g\.|for example|such as) [\w-]+)?"),
    re.compile(r"(?<![A-Za-z0-9_])YOUR(?: [A-Z0-9][A-Z0-9_-]*)+(?![A-Za-z0-9_])"),
    re.compile(r"\$?\{\{[^{}\n]{1,100}\}\}"),
    re.compile(r"\$\{[A-Z][A-Z0-9_]*\}"),
    re.compile(r"(?<![A-Za-z0-9])(?:x{3,}|X{3,})(?![A-Za-z0-9])"),
)
_BRACE = re.compile(r"(?<![\w${}])\{[A-Za-z][\w-]{0,60}\}(?!\})")
_ELISION = re.compile(r"\s*(?:\.\.\.|…)\s*")


@functools.lru_cache(maxsize=8192)
def markers_in(text: str) -> tuple[Marker, ...]:
    """Every marker in ``text``, left to right, none overlapping (the longer of two that start together)."""
    if _ELISION.fullmatch(text):
        return (Marker(0, len(text), text),)
    found = [Marker(m.start(), m.end(), m.group()) for m in _ANGLE.finditer(text) if _is_angle_marker(text, m)]
    for pattern in _OTHERS:
        found += [Marker(m.start(), m.end(), m.group()) for m in pattern.finditer(text)]
    if not any(c.isspace() or c == '"' for c in text):  # a URL or a bare value, not JSON or prose
        found += [Marker(m.start(), m.end(), m.group()) for m in _BRACE.finditer(text)]
    kept: list[Marker] = []
    for marker in sorted(found, key=lambda m: (m.start, -m.end)):
        if not kept or marker.start >= kept[-1].end:
            kept.append(marker)
    return tuple(kept)


def _is_angle_marker(text: str, match: re.Match) -> bool:
    content = match.group(1)
    if content != content.strip() or not re.search("[A-Za-z]", content) or content[0] in "/!?%#" \
            or content[-1] == "/":
        return False  # a comparison, a closing or self-closing tag, a comment
    if _FILL_WORD.search(content):
        return True  # <PLEASE ADD YOUR REGION HERE>, <Your input, for example {"a": 1}>
    if _CODE.search(content) or (" " in content and content.split()[0].lower() in _HTML):
        return False  # a tag with attributes, code
    if _CHOICES.fullmatch(content):
        return True  # <NONE|START|END>
    closed = f"</{content}>" in text  # <context>...</context>: markup, not a marker
    if _WORD.fullmatch(content):
        bounded = (match.start() == 0 or text[match.start() - 1] in _LEFT_EDGE) and (
            match.end() == len(text) or text[match.end()] in _RIGHT_EDGE)
        return not closed and content.lower() not in _HTML and (bounded or content.isupper())
    if _COMPOUND.fullmatch(content) or content.isupper():
        return not closed  # <MODEL_ID>, <folder_ID>, <API-KEY>, <OPEN AI KEY>
    return bool(_WORDS.fullmatch(content))  # <mcp server url>


def has_marker(text: str) -> bool:
    return bool(markers_in(text))


def is_marker(text: str) -> bool:
    """Whether ``text`` (leading and trailing spaces aside) is one marker: the whole value is to be filled in."""
    found = markers_in(text)
    return len(found) == 1 and found[0].text.strip() == text.strip()


def fill_markers(text: str, value: str) -> str:
    """``text`` with every marker replaced by ``value``."""
    out, last = [], 0
    for marker in markers_in(text):
        out += [text[last:marker.start], value]
        last = marker.end
    return "".join(out) + text[last:]
