"""Structured output: ``HttpConnector.injectStructuredOutputParams`` (spec 4.5 step 7, since 3.7).

When the action has ``supports_structured_output: true`` and the payload is a JSON object, a
parameter ``_<F>_json`` whose value is a JSON object sets (or replaces) the top-level field F, for
F in ``response_format``, ``generationConfig``, ``toolConfig``; then ``_<F>_additions_json`` merges
its members into F (creating it, or replacing a value that is no object). Anything else is ignored
without a word: another field name, a value that is not a JSON object (an array, ``not-valid-json``),
``_json`` itself. Each pass runs in the order ML Commons iterates its parameter ``HashMap``, which
decides where new fields land. If anything changed the body is read leniently by Gson and written
again compactly (``mlcommons.gsontree``), so escapes such as ``\\u00E9`` and ``\\/`` come out as
characters.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

__all__ = ["ALLOWED_FIELDS", "supports_structured_output", "inject"]

ALLOWED_FIELDS = frozenset({"response_format", "generationConfig", "toolConfig"})


def supports_structured_output(action, profile) -> bool:
    """Whether the action asks for it (``true``, or the string ``true`` XContent reads as true) on a release
    that has it."""
    return action.get("supports_structured_output") in (True, "true") and profile.has("payload.structured_output")


def _field(key: str, suffix: str) -> str | None:
    """``allowedFieldName``: F for ``_F<suffix>`` when F is allowed."""
    if not key.startswith("_") or not key.endswith(suffix) or len(key) - len(suffix) <= 1:
        return None
    name = key[1:len(key) - len(suffix)]
    return name if name in ALLOWED_FIELDS else None


def _object(text: str | None, profile) -> dict | None:
    """``asJsonObject``: the value when it ``isJson`` and Gson reads an object from it."""
    from toolkit.mlcommons import gsontree
    from toolkit.mlcommons.params import is_json

    if text is None or not is_json(text, profile):
        return None
    value = gsontree.parse(text, nesting_limit=profile.value("gson.nesting_limit"))
    return value if isinstance(value, dict) else None


def inject(payload: str, parameters: Iterable[tuple[str, str | None]], profile) -> str:
    """The payload after both passes; ``parameters`` in ML Commons' iteration order."""
    from toolkit.mlcommons import gsontree

    body: Any = gsontree.parse(payload, nesting_limit=profile.value("gson.nesting_limit"))
    if not isinstance(body, dict):
        return payload
    parameters = list(parameters)
    modified = False
    for key, value in parameters:
        name = None if key.endswith("_additions_json") else _field(key, "_json")
        replacement = _object(value, profile) if name else None
        if replacement is not None:
            body[name] = replacement
            modified = True
    for key, value in parameters:
        name = _field(key, "_additions_json")
        additions = _object(value, profile) if name else None
        if additions is not None:
            target = body[name] if isinstance(body.get(name), dict) else {}
            target.update(additions)
            body[name] = target
            modified = True
    return gsontree.write(body) if modified else payload
