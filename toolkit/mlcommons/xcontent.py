"""How OpenSearch's ``XContentParser`` reads one JSON value of a request body (spec 1.2-1.4).

ML Commons parses a create-connector body field by field (``MLCreateConnectorInput.parse``,
``ConnectorAction.parse``, ``ConnectorClientConfig.parse``), each field with one reader of OpenSearch's
JSON parser (core OpenSearch over Jackson, not ML Commons code). A reader gives the value or throws,
with these messages (Jackson's own end with `` at [Source: …; line: L, column: C]``, and
``Can't get text`` with `` at L:C``, positions in the body as sent, which are left out here):

``read_text`` (``text()``): strings as they are, numbers and booleans as their JSON text; null, an object
or an array fail with ``Can't get text on a VALUE_NULL`` (``START_OBJECT``, ``START_ARRAY``), an
``IllegalStateException`` (HTTP 500). ``textOrNull()`` is the same with null allowed.

``read_int`` (``intValue()``, coercing): a number is truncated toward zero, and one outside Java's int
fails with ``Numeric value (N) out of range of int (-2147483648 - 2147483647)`` (Jackson's
``InputCoercionException``); a string goes through ``Double.parseDouble`` (``For input string: "x"``,
``empty String``: ``NumberFormatException``), must lie within int (``Value [x] is out of range for an
integer``) and is truncated (``NaN`` is 0); anything else fails with ``Current token (VALUE_TRUE) not
numeric, can not use numeric value accessors`` (Jackson's ``JsonParseException``).

``read_boolean`` (``booleanValue()``): a boolean; the strings ``true`` and ``false``, and ``""`` as false;
another string fails with ``Failed to parse value [x] as only [true] or [false] are allowed.``
(``IllegalArgumentException``); anything else with ``Current token (VALUE_NUMBER_INT) not of boolean
type`` (``JsonParseException``).

``expect`` (``ensureExpectedToken``): ``Failed to parse object: expecting token of type [START_ARRAY] but
found [VALUE_STRING]`` (``ParsingException``, 400).

Sources: OpenSearch ``AbstractXContentParser``, ``JsonXContentParser``, ``Booleans``,
``XContentParserUtils``, ``ExceptionsHelper.status``; Jackson's messages were checked on
jackson-core 2.17 and 2.22, ``Double.parseDouble`` on JDK 17 and 21 (tests/mlcommons/test_xcontent_jvm.py).
"""

from __future__ import annotations

import math
import re
from typing import Any

from toolkit.mlcommons.errors import IllegalArgumentError, IllegalStateError, MLCommonsError

__all__ = ["XContentParseError", "JsonParseError", "InputCoercionError", "NumberFormatError", "token",
           "read_text", "read_int", "read_boolean", "expect", "java_parse_double"]

INT_MIN, INT_MAX = -2**31, 2**31 - 1


class XContentParseError(MLCommonsError):
    """``ParsingException``: a value where another JSON type was expected (400)."""

    java_class = "org.opensearch.core.common.ParsingException"
    status = 400


class JsonParseError(MLCommonsError):
    """Jackson's ``JsonParseException``: a value read as a type it is not (400)."""

    java_class = "com.fasterxml.jackson.core.JsonParseException"
    status = 400


class InputCoercionError(MLCommonsError):
    """Jackson's ``InputCoercionException``: a number outside the Java type asked for (400)."""

    java_class = "com.fasterxml.jackson.core.exc.InputCoercionException"
    status = 400


class NumberFormatError(IllegalArgumentError):
    """``NumberFormatException`` from ``Double.parseDouble`` (400)."""

    java_class = "java.lang.NumberFormatException"


def token(value: Any) -> str:
    """OpenSearch's token for a JSON value (``XContentParser.Token``)."""
    if value is None:
        return "VALUE_NULL"
    if isinstance(value, bool):
        return "VALUE_BOOLEAN"
    if isinstance(value, (int, float)):
        return "VALUE_NUMBER"
    if isinstance(value, str):
        return "VALUE_STRING"
    return "START_OBJECT" if isinstance(value, dict) else "START_ARRAY"


def _jackson_token(value: Any) -> str:
    """Jackson's token for a JSON value, as its messages name it."""
    if isinstance(value, bool):
        return "VALUE_TRUE" if value else "VALUE_FALSE"
    if isinstance(value, int):
        return "VALUE_NUMBER_INT"
    if isinstance(value, float):
        return "VALUE_NUMBER_FLOAT"
    return token(value)


def _json_text(value: int | float | bool) -> str:
    """``getText()`` of a number or boolean: its JSON text (for a decimal, Python's shortest repr)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return repr(value) if isinstance(value, float) else str(value)


def read_text(value: Any, *, nullable: bool = False) -> str | None:
    """``text()`` (``textOrNull()`` with ``nullable``)."""
    if value is None and nullable:
        return None
    if isinstance(value, str):
        return value
    if value is None or isinstance(value, (dict, list)):
        raise IllegalStateError(f"Can't get text on a {token(value)}")
    return _json_text(value)


def expect(value: Any, expected: str) -> None:
    """``ensureExpectedToken(expected, …)`` for a value: ``START_OBJECT`` or ``START_ARRAY``."""
    if token(value) != expected:
        raise XContentParseError(f"Failed to parse object: expecting token of type [{expected}] "
                                 f"but found [{token(value)}]")


def read_int(value: Any) -> int:
    """``intValue()`` with OpenSearch's default coercion (module docstring)."""
    if isinstance(value, str):
        number = java_parse_double(value)
        if number < INT_MIN or number > INT_MAX:
            raise IllegalArgumentError(f"Value [{value}] is out of range for an integer")
        return 0 if math.isnan(number) else int(number)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if not INT_MIN <= value <= INT_MAX:
            raise InputCoercionError(f"Numeric value ({_json_text(value)}) out of range of int "
                                     f"({INT_MIN} - {INT_MAX})")
        return int(value)
    raise JsonParseError(f"Current token ({_jackson_token(value)}) not numeric, can not use numeric value accessors")


def read_boolean(value: Any) -> bool:
    """``booleanValue()`` (module docstring)."""
    if isinstance(value, bool):
        return value
    if isinstance(value, str):
        if value in ("true", "false") or not value:
            return value == "true"
        raise IllegalArgumentError(f"Failed to parse value [{value}] as only [true] or [false] are allowed.")
    raise JsonParseError(f"Current token ({_jackson_token(value)}) not of boolean type")


_JAVA_TRIM = "".join(chr(code) for code in range(0x21))  # String.trim(): every char up to U+0020
_DECIMAL = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?[fFdD]?", re.ASCII)
_HEX = re.compile(r"[+-]?0[xX](?:[0-9a-fA-F]+\.?|[0-9a-fA-F]*\.[0-9a-fA-F]+)[pP][+-]?\d+[fFdD]?", re.ASCII)


def java_parse_double(text: str) -> float:
    """``Double.parseDouble(text)``: Java's grammar (trimmed; sign; ``NaN``, ``Infinity``; decimal or
    hexadecimal with a binary exponent; an optional ``f``/``d`` suffix), else ``NumberFormatError``."""
    trimmed = text.strip(_JAVA_TRIM)
    if not trimmed:
        raise NumberFormatError("empty String")
    sign, body = (trimmed[0], trimmed[1:]) if trimmed[0] in "+-" else ("", trimmed)
    if body in ("NaN", "Infinity"):
        return math.nan if body == "NaN" else -math.inf if sign == "-" else math.inf
    if _DECIMAL.fullmatch(trimmed):
        return float(trimmed.rstrip("fFdD"))
    if _HEX.fullmatch(trimmed):
        try:
            return float.fromhex(trimmed.rstrip("fFdD"))
        except OverflowError:
            return -math.inf if sign == "-" else math.inf
    raise NumberFormatError(f'For input string: "{trimmed}"')
