"""Finding one known secret in a string, whatever form it took on the way.

A provider can echo a key back escaped, encoded, re-cased, reversed or cut in pieces. Two tools:

``needles(value)``
    the literal strings ``scrub`` replaces, all compared ASCII-case-insensitively (so upper- and
    lower-cased copies and upper- or lower-case hex match too): the value and its reverse, each
    plain, JSON-escaped (up to three times, also Gson's ``\\u003d`` style) and URL-encoded; the hex of
    its UTF-8 bytes; its base64 and base64url in all three alignments (the characters that depend
    on the secret alone, whatever bytes surround it); and every run of ``fragment_length(value)``
    characters of the value or its reverse (a secret split across fields).
``disguises_in(folded_views(text), value)``
    how the value still shows in ``text``, for the fail-closed scan (a text is decoded once, then
    searched for any number of secrets): ``text`` and the views decoded from it, up to ``DEPTH`` decodings deep (JSON, ``\\u`` and ``\\x`` escapes, percent-encoding,
    HTML entities, base64/base64url runs at every offset, hex runs at both nibble offsets, also with
    ``:``, ``-`` or space between digits), are searched for any fragment of the value or its
    reverse, case-insensitively.

A secret shorter than ``MIN_SECRET_LENGTH`` cannot be told apart from ordinary text; callers refuse it.
"""

from __future__ import annotations

import base64
import binascii
import html
import json
import re
import string
from collections.abc import Iterator
from urllib.parse import quote, quote_plus, unquote, unquote_plus

__all__ = ["DEPTH", "MIN_SECRET_LENGTH", "disguises_in", "folded_views", "fragment_length", "needles", "secret_forms",
           "spans"]

MIN_SECRET_LENGTH = 8
DEPTH = 3

_FOLD = str.maketrans(string.ascii_uppercase, string.ascii_lowercase)
_URLSAFE = str.maketrans("+/", "-_")
_STANDARD = str.maketrans("-_", "+/")
_BASE64_RUN = re.compile(r"[A-Za-z0-9+/_-][A-Za-z0-9+/_\s-]{9,}")
_HEX_RUN = re.compile(r"[0-9A-Fa-f](?:[:\s-]?[0-9A-Fa-f]){15,}")
_ESCAPE = re.compile(r"\\(u[0-9A-Fa-f]{4}|x[0-9A-Fa-f]{2}|[\"\\/bfnrt])")
_PERCENT = re.compile(r"%[0-9A-Fa-f]{2}|\+")
_PRINTABLE_RUN = re.compile(rf"[^\x00-\x1f\x7f\ufffd]{{{MIN_SECRET_LENGTH},}}")
_SIMPLE = {"b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t"}


def fold(text: str) -> str:
    """``text`` with ASCII letters lower-cased, same length (so positions carry over)."""
    return text.lower() if text.isascii() else text.translate(_FOLD)


def fragment_length(value: str) -> int:
    """The shortest piece of ``value`` that counts as the secret: half of it (rounded down), at least
    ``MIN_SECRET_LENGTH``; so both halves of a secret of 16 characters or more are found."""
    return min(len(value), max(MIN_SECRET_LENGTH, len(value) // 2))


def secret_forms(value: str) -> list[str]:
    """The escaped forms of ``value``, longest first: plain, JSON-escaped up to ``DEPTH`` times (JSON inside
    a JSON string, echoed in a JSON body), Gson's HTML-safe escaping, and URL-encoded."""
    forms = {value, quote(value, safe=""), quote_plus(value), quote(value, safe="/:")}
    escaped = value
    for _ in range(DEPTH):
        ascii_escaped = json.dumps(escaped)[1:-1]
        escaped = json.dumps(escaped, ensure_ascii=False)[1:-1]
        forms |= {escaped, ascii_escaped,
                  re.sub("[<>&='\u2028\u2029]", lambda m: f"\\u{ord(m.group()):04x}", escaped)}
    forms |= {re.sub(r"%[0-9A-F]{2}", lambda m: m.group().lower(), f) for f in list(forms)}
    return sorted(forms, key=lambda form: (-len(form), form))


def _base64_cores(data: bytes) -> set[str]:
    """For each alignment of ``data`` in a byte stream, the base64 characters that depend on ``data`` alone."""
    cores = set()
    for offset in range(3):
        encoded = base64.b64encode(bytes(offset) + data).decode()
        core = encoded[-(-8 * offset // 6):8 * (offset + len(data)) // 6]
        cores |= {core, core.translate(_URLSAFE)}
    return cores


def _windows(text: str, size: int) -> set[str]:
    return {text[i:i + size] for i in range(len(text) - size + 1)}


def needles(value: str) -> list[str]:
    """The folded strings whose every occurrence is ``value`` in some form (see the module docstring)."""
    forms = {form for base in {value, value.upper(), value.lower(), value[::-1]} for form in secret_forms(base)}
    data = value.encode("utf-8", "surrogateescape")
    size = fragment_length(value)
    forms |= {data.hex()} | _base64_cores(data) | _windows(value, size) | _windows(value[::-1], size)
    return sorted({fold(form) for form in forms})


def spans(text: str, folded_needles: list[str]) -> list[tuple[int, int]]:
    """The ranges of ``text`` covered by any needle (touching ranges merged), ASCII-case-insensitively.

    Each needle is searched without overlaps (linear even in ``aaaa…``); what an overlapping match
    would have added is shorter than the needle, and the scan refuses it if it still counts."""
    haystack, found = fold(text), []
    for needle in folded_needles:
        at = haystack.find(needle)
        while at >= 0:
            found.append((at, at + len(needle)))
            at = haystack.find(needle, at + len(needle))
    merged: list[tuple[int, int]] = []
    for start, end in sorted(found):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def folded_views(text: str) -> list[tuple[str, str]]:
    """``text`` and what it decodes to (``_views``), folded: decode a text once to look for many secrets."""
    return [(how, fold(view)) for how, view in _views(text)]


def disguises_in(views: list[tuple[str, str]], value: str) -> list[str]:
    """How ``value`` shows in the text whose ``folded_views`` are ``views`` (e.g. ``"after base64-decoding,
    reversed, in part"``); empty if it does not."""
    size, found = fragment_length(value), []
    directions = [("", fold(value)), ("reversed", fold(value[::-1]))]
    for how, view in views:
        for name, whole in directions:
            if any(window in view for window in _windows(whole, size)):
                parts = [f"after {how}" if how else "as written", name, "" if whole in view else "in part"]
                found.append(", ".join(p for p in parts if p))
    return found


def _views(text: str) -> Iterator[tuple[str, str]]:
    """``text`` and what it decodes to, each with the chain of decodings that led there."""
    seen, frontier = {text}, [("", text)]
    yield "", text
    for _ in range(DEPTH):
        following = []
        for how, view in frontier:
            for name, decoded in _decodings(view):
                if decoded not in seen:
                    seen.add(decoded)
                    chain = f"{how}, then {name}" if how else name
                    following.append((chain, decoded))
                    yield chain, decoded
        frontier = following


def _decodings(view: str) -> Iterator[tuple[str, str]]:
    if "\\" in view:
        yield "unescaping", _unescape(view)
    if _PERCENT.search(view):
        yield "percent-decoding", unquote(view)
        yield "percent-decoding", unquote_plus(view)
    if "&" in view:
        yield "HTML-unescaping", html.unescape(view)
    runs = [re.sub(r"\s+", "", m.group()) for m in _BASE64_RUN.finditer(view)]
    decoded = [_base64(run[i:]) for run in runs for i in range(4)]
    if any(decoded):
        yield "base64-decoding", "\n".join(filter(None, decoded))
    runs = [re.sub(r"[:\s-]", "", run) for run in _HEX_RUN.findall(view)]
    decoded = [_bytes_text(binascii.unhexlify(run[i:len(run) - (len(run) - i) % 2])) for run in runs for i in range(2)]
    if any(decoded):
        yield "hex-decoding", "\n".join(filter(None, decoded))


def _unescape(view: str) -> str:
    def one(match: re.Match) -> str:
        code = match.group(1)
        return chr(int(code[1:], 16)) if code[0] in "ux" else _SIMPLE.get(code, code)

    text = _ESCAPE.sub(one, view)
    return text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")


def _base64(run: str) -> str:
    run = run[:len(run) - (len(run) % 4 == 1)]
    try:
        return _bytes_text(base64.b64decode(run.translate(_STANDARD) + "=" * (-len(run) % 4), validate=True))
    except binascii.Error:
        return ""


def _bytes_text(data: bytes) -> str:
    """The printable runs of ``data`` long enough to hold a fragment; random bytes leave almost nothing."""
    return "\n".join(_PRINTABLE_RUN.findall(data.decode("utf-8", "replace")))
