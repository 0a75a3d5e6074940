"""Java text forms of values: ``String.valueOf``, commons-text ``escapeJson`` and Gson.

Value model (shared with ``numbers`` and ``hashmap``): ``None`` is null, ``bool`` Boolean,
``str`` String, the typed numbers of ``toolkit.javavalues.numbers`` (plain ``int`` prints as an
integer, plain ``float`` as a Double), ``decimal.Decimal`` BigDecimal, ``list`` a List and any
``Mapping`` a Map, printed in its own iteration order (a ``dict`` stands for an insertion-ordered
map such as Gson's ``LinkedTreeMap``; use ``JavaHashMap`` for ``HashMap`` order).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from toolkit.javavalues.numbers import JChar, JFloat, double_to_string, float_to_string

__all__ = ["java_to_string", "escape_json_commons_text", "gson_escape_string", "gson_to_json"]


def _big_decimal_to_string(value: Decimal) -> str:
    """``BigDecimal.toString``: the same scientific-string rules as ``Decimal``, but no -0."""
    if not value.is_finite():
        raise TypeError(f"BigDecimal has no {value}")
    return str(abs(value)) if value.is_zero() else str(value)


def java_to_string(value: Any, jdk: int = 21) -> str:
    """``String.valueOf(value)`` as JDK ``jdk`` prints it (the JDK matters for doubles)."""
    if value is None:
        return "null"
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, JChar):
        return chr(value)
    if isinstance(value, JFloat):
        return float_to_string(value, jdk)
    if isinstance(value, float):
        return double_to_string(value, jdk)
    if isinstance(value, int):
        return str(int(value))
    if isinstance(value, Decimal):
        return _big_decimal_to_string(value)
    if isinstance(value, list):
        parts = ("(this Collection)" if item is value else java_to_string(item, jdk)
                 for item in value)
        return "[" + ", ".join(parts) + "]"
    if isinstance(value, Mapping):
        def side(item: Any) -> str:
            return "(this Map)" if item is value else java_to_string(item, jdk)
        return "{" + ", ".join(f"{side(k)}={side(v)}" for k, v in value.items()) + "}"
    raise TypeError(f"no Java string form for {type(value).__name__}")


_COMMONS_SHORT = {'"': '\\"', "\\": "\\\\", "/": "\\/", "\b": "\\b", "\f": "\\f",
                  "\n": "\\n", "\r": "\\r", "\t": "\\t"}


def escape_json_commons_text(text: str) -> str:
    """Apache commons-text ``StringEscapeUtils.escapeJson`` (no surrounding quotes).

    ``" \\ /`` and ``\\b \\f \\n \\r \\t`` get short escapes; every other code point outside
    0x20..0x7E becomes ``\\uXXXX`` (uppercase hex), as a surrogate pair above U+FFFF.
    """
    out = []
    for char in text:
        code = ord(char)
        if char in _COMMONS_SHORT:
            out.append(_COMMONS_SHORT[char])
        elif 0x20 <= code <= 0x7E:
            out.append(char)
        elif code > 0xFFFF:
            code -= 0x10000
            out.append(f"\\u{0xD800 + (code >> 10):04X}\\u{0xDC00 + (code & 0x3FF):04X}")
        else:
            out.append(f"\\u{code:04X}")
    return "".join(out)


_GSON_REPLACEMENTS = {chr(c): f"\\u{c:04x}" for c in range(0x20)}
_GSON_REPLACEMENTS.update({'"': '\\"', "\\": "\\\\", "\t": "\\t", "\b": "\\b", "\n": "\\n",
                           "\r": "\\r", "\f": "\\f", "\u2028": "\\u2028", "\u2029": "\\u2029"})
_GSON_HTML_SAFE = dict(_GSON_REPLACEMENTS)
_GSON_HTML_SAFE.update({c: f"\\u{ord(c):04x}" for c in "<>&='"})


def gson_escape_string(text: str, *, html_safe: bool = False) -> str:
    """Gson ``JsonWriter`` string escaping, without the outer quotes.

    Control characters below 0x20 become ``\\u00xx`` (lowercase) except the short ``\\t \\b \\n
    \\r \\f``; ``"`` and ``\\`` are escaped, as are U+2028 and U+2029; ``/`` and other
    non-ASCII are not. ``html_safe=True`` also escapes ``< > & = '`` like a default ``new Gson()``
    (ML Commons before 3.3); ML Commons 3.3+ disables HTML escaping.
    """
    table = _GSON_HTML_SAFE if html_safe else _GSON_REPLACEMENTS
    return "".join(table.get(char, char) for char in text)


def _gson_number(value: float, jdk: int) -> str:
    if math.isnan(value) or math.isinf(value):
        shown = "NaN" if math.isnan(value) else ("Infinity" if value > 0 else "-Infinity")
        raise ValueError(f"{shown} is not a valid double value as per JSON specification. To "
                         "override this behavior, use GsonBuilder.serializeSpecialFloatingPointValues() method.")
    if isinstance(value, JFloat):
        return float_to_string(value, jdk)
    return double_to_string(value, jdk)


def gson_to_json(value: Any, *, html_safe: bool = False, serialize_nulls: bool = True,
                 jdk: int = 21) -> str:
    """``gson.toJson(value)``: compact JSON as Gson writes Java maps, lists and boxed values.

    The defaults are ML Commons' ``StringUtils.gson`` since 3.3 (HTML escaping off, nulls
    serialised). Before 3.3 it was ``new Gson()``: ``html_safe=True, serialize_nulls=False``.
    Doubles print with ``Double.toString`` (``1.0``, ``1.0E-5``); NaN and infinities raise
    ``ValueError`` as Gson does. Map keys are written as ``String.valueOf(key)``.
    """
    def write(item: Any) -> str:
        if item is None:
            return "null"
        if isinstance(item, str):
            return '"' + gson_escape_string(item, html_safe=html_safe) + '"'
        if isinstance(item, bool):
            return "true" if item else "false"
        if isinstance(item, JChar):
            return write(chr(item))
        if isinstance(item, float):
            return _gson_number(item, jdk)
        if isinstance(item, int):
            return str(int(item))
        if isinstance(item, Decimal):
            return _big_decimal_to_string(item)
        if isinstance(item, list):
            return "[" + ",".join(write(element) for element in item) + "]"
        if isinstance(item, Mapping):
            members = (write(java_to_string(k, jdk)) + ":" + write(v) for k, v in item.items()
                       if serialize_nulls or v is not None)
            return "{" + ",".join(members) + "}"
        raise TypeError(f"no Gson form for {type(item).__name__}")

    return write(value)
