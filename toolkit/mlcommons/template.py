"""How parameter text sits in a request-body template (spec 4.3, 4.10): placement and kind.

ML Commons pastes parameter strings into the body as they are, so whether the result is JSON
depends on two things this module names: where a placeholder sits (``placements``: bare, the
whole of a JSON string, or inside a longer string) and what the text is (``kind_of_text``).
"""

from __future__ import annotations

import json

from toolkit.mlcommons.params import is_json
from toolkit.mlcommons.substitute import tokenize_placeholders

__all__ = ["kind_of_text", "placements", "benign_template"]


def kind_of_text(text: str) -> str:
    """What a parameter string is in a payload: ``array``/``object`` (``isJson``: never escaped, place it
    bare), ``scalar`` (a JSON number, boolean or null: either placement works) or ``string`` (quote it)."""
    if is_json(text):
        return "array" if text.lstrip().startswith("[") else "object"
    try:
        value = json.loads(text)
    except ValueError:
        return "string"
    return "scalar" if isinstance(value, (int, float, bool)) or value is None else "string"


def placements(body: str) -> dict[int, str]:
    """For each placeholder start in ``body``: ``bare``, ``quoted`` (the whole JSON string) or ``inside``
    (part of a longer string). Strings are tracked by unescaped ``"``; placeholders are skipped whole."""
    spans = {p.start: p for p in tokenize_placeholders(body) if not p.escaped}
    result: dict[int, str] = {}
    in_string, string_start, i = False, -1, 0
    while i < len(body):
        if i in spans:
            found = spans[i]
            if not in_string:
                result[i] = "bare"
            else:
                closes = found.end < len(body) and body[found.end] == '"'
                result[i] = "quoted" if string_start == i - 1 and closes else "inside"
            i = found.end
            continue
        char = body[i]
        if in_string and char == "\\":
            i += 2
            continue
        if char == '"':
            in_string = not in_string
            string_start = i
        i += 1
    return result


def benign_template(body: str) -> str:
    """``body`` with each placeholder replaced, length kept, by a harmless value for its placement
    (``xxx`` in strings, ``100`` bare): if this is not JSON the template itself is broken, and a
    ``json`` error offset in it is an offset into ``body``."""
    where_at = placements(body)
    chars = list(body)
    for found in tokenize_placeholders(body):
        length = found.end - found.start
        filler = "x" * length if where_at.get(found.start, "inside") != "bare" else "1" + "0" * (length - 1)
        chars[found.start:found.end] = filler
    return "".join(chars)
