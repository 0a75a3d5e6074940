"""The nesting limit for data users hand the toolkit: JSON (options, files, rendered templates) and YAML.

No manifest, cassette, connector or predict body needs more than a handful of levels; past
``MAX_DEPTH`` the input is refused with the position of the first bracket too deep. JSON is checked
by a linear scan before ``json.loads`` (which recurses once per level and raises ``RecursionError``
near a thousand); YAML by the loader's composer (toolkit.yamlload). ``loads`` also reports where an
integer too long for Python to convert is (over ``sys.get_int_max_str_digits()`` digits).
"""

from __future__ import annotations

import json
import re
import sys

MAX_DEPTH = 100

# a JSON string (possibly unterminated) or a bracket: strings are skipped whole, in C
_TOKEN = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"?|[\[\]{}]', re.S)
# a JSON string, or the digits of an integer (not of a fraction or an exponent)
_STRING_OR_INTEGER = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"?|(?<![0-9.eE+-])-?([0-9]+)(?![0-9.eE])', re.S)


class TooDeep(json.JSONDecodeError):
    """JSON nested deeper than ``MAX_DEPTH``; ``pos``, ``lineno`` and ``colno`` point at the bracket."""

    def __init__(self, doc: str, pos: int):
        super().__init__(f"nested deeper than {MAX_DEPTH} levels", doc, pos)


def too_deep(text: str, limit: int = MAX_DEPTH) -> int | None:
    """Offset of the first ``[`` or ``{`` (outside strings) that opens level ``limit + 1``, or None."""
    if text.count("[") + text.count("{") <= limit:
        return None
    depth = 0
    for match in _TOKEN.finditer(text):
        char = text[match.start()]
        if char in "[{":
            depth += 1
            if depth > limit:
                return match.start()
        elif char in "]}":
            depth -= 1
    return None


def loads(text: str, **kwargs):
    """``json.loads`` that raises ``TooDeep`` (a ``JSONDecodeError``) past ``MAX_DEPTH`` levels, and a
    ``JSONDecodeError`` at an integer Python refuses to convert."""
    where = too_deep(text)
    if where is not None:
        raise TooDeep(text, where)
    try:
        return json.loads(text, **kwargs)
    except json.JSONDecodeError:
        raise
    except ValueError:
        limit = sys.get_int_max_str_digits()
        long = next((m for m in _STRING_OR_INTEGER.finditer(text) if len(m.group(1) or "") > limit), None)
        if long is None:
            raise
        raise json.JSONDecodeError(f"integer longer than {limit:,} digits", text, long.start()) from None
