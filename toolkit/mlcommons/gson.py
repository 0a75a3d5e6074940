"""ML Commons' ``StringUtils.gson`` and ``StringUtils.fromJson`` on a given release.

``to_json`` and ``escape`` write parameter values, pre-process output, text docs and ``.toString()``
values: before 3.3 with ``new Gson()`` (``< > & = '`` as ``\\u003c``…, null members dropped), from
3.3 without HTML escaping and with nulls (matrix C5). ``read`` is ``fromJson`` before 3.5, Gson's
``fromJson(…, Map.class)``: every number a Double (matrix E6); 3.5+ reads with Jackson elsewhere.
``profile`` None means the newest release.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from toolkit.javavalues.numbers import JDouble
from toolkit.javavalues.text import gson_escape_string, gson_to_json
from toolkit.versions import or_newest




def jackson(profile=None) -> bool:
    """Whether ``StringUtils.fromJson`` reads with Jackson (3.5+) rather than Gson."""
    return or_newest(profile).has("fromjson.jackson")


def html_safe(profile=None) -> bool:
    """Whether ``StringUtils.gson`` escapes ``< > & = '`` (a default ``new Gson()``, before 3.3)."""
    return not or_newest(profile).has("gson.disable_html_escaping")


_HTML = frozenset("<>&='")  # what a default Gson writes as \u003c ...; only inside strings


def to_json(value: Any, profile=None) -> str:
    """``StringUtils.gson.toJson(value)`` on ``profile``'s release. Whether Gson escapes HTML is asked
    of the profile only when the text holds such a character (a run that never depends on it stays
    valid on every release)."""
    profile = or_newest(profile)
    nulls = _null_field(value) and profile.has("gson.serialize_nulls")
    text = gson_to_json(value, html_safe=False, serialize_nulls=nulls, jdk=profile.jdk)
    if _HTML.isdisjoint(text) or not html_safe(profile):
        return text
    return gson_to_json(value, html_safe=True, serialize_nulls=nulls, jdk=profile.jdk)


def _null_field(value: Any) -> bool:
    """Whether a map inside ``value`` holds a null (the only place ``serializeNulls`` changes the text)."""
    if isinstance(value, Mapping):
        return any(item is None or _null_field(item) for item in value.values())
    if isinstance(value, (list, tuple)):
        return any(_null_field(item) for item in value)
    return False


def escape(text: str, profile=None) -> str:
    """``StringUtils.processTextDoc``: ``gson.toJson(text)`` without its quotes."""
    return gson_escape_string(text, html_safe=not _HTML.isdisjoint(text) and html_safe(profile))


def _double(text: str) -> JDouble:
    return JDouble(float(text))


def _not_strict(name: str):
    raise ValueError(f"Non-standard token '{name}'")


def read(text: str) -> Any:
    """Strict JSON as Gson's ``fromJson(…, Map.class)`` gives it: numbers Double, a repeated key's last
    value at its first position; ``ValueError`` for text that is not strict JSON (Gson reads it
    leniently, which is not modelled)."""
    return json.loads(text, parse_int=_double, parse_float=_double, parse_constant=_not_strict)
