"""The request body of an action (spec 4.5, ``HttpConnector.createPayload`` and ``Connector.validatePayload``)."""

from __future__ import annotations

import re
from collections.abc import Mapping

from toolkit.mlcommons.errors import IllegalArgumentError, StringIndexOutOfBoundsError
from toolkit.mlcommons.params import is_json, is_json_or_ndjson
from toolkit.mlcommons.substitute import substitute

__all__ = ["fill_null_defaults", "add_tostring_parameters", "build_payload", "missing_placeholders",
           "validate_payload"]

_NULL_DEFAULT = re.compile(r'"\$\{parameters\.([A-Za-z0-9_]+):-null}"')
# Java's '.' stops at \n \r \u0085 \u2028 \u2029; the name is non-greedy.
_TO_STRING = re.compile(r"\$\{parameters\.([^\n\r\u0085\u2028\u2029]*?)\.toString\(\)}")
_MISSING = re.compile(r"\$\{parameters\.([^}]+)}")


def fill_null_defaults(body: str, params: Mapping[str, str | None]) -> str:
    """``HttpConnector.fillNullParameters`` (spec 4.5 step 2).

    Each quoted ``"${parameters.KEY:-null}"`` (KEY is ``\\w+``: no dots) whose KEY is absent or
    null is replaced, quotes included, by the bare word ``null``. The string ``"null"`` (a JSON
    null sent over REST) is not null, so it is left to the substitution.
    """
    for key in dict.fromkeys(_NULL_DEFAULT.findall(body)):
        if params.get(key) is None:
            body = body.replace(f'"${{parameters.{key}:-null}}"', "null")
    return body


def add_tostring_parameters(params: Mapping[str, str | None], profile=None) -> dict[str, str | None]:
    """``StringUtils.parseParameters`` (spec 4.5 step 3): a copy of ``params`` with ``P.toString()`` added.

    Only parameter *values* are scanned for ``${parameters.P.toString()}``; for each P with a
    non-null value, ``P.toString()`` is P Gson-escaped without the outer quotes (``mlcommons.gson.escape``
    on ``profile``'s release, default the newest). Before 2.17 nothing is added (matrix C8), so the
    placeholder stays unfilled.
    """
    from toolkit.mlcommons import gson
    from toolkit.versions import or_newest

    result = dict(params)
    named = [name for value in params.values() if value is not None for name in _TO_STRING.findall(value)]
    if not named or not or_newest(profile).has("payload.tostring_parameters"):  # asked only when it matters
        return result
    for name in named:
        if result.get(name) is not None:
            result[f"{name}.toString()"] = gson.escape(result[name], profile)
    return result


def build_payload(request_body: str | None, params: Mapping[str, str | None], *, validate: bool = True,
                  profile=None, structured_output=None) -> str | None:
    """The payload ML Commons sends for an action (spec 4.5 steps 1-5 and 7, then the missing-placeholder check).

    No ``request_body``: the ``http_body`` parameter (possibly ``None``). Otherwise null defaults,
    ``.toString()`` parameters, substitution, then ``Invalid payload: <payload>`` (2.11: ``Invalid
    JSON in payload``) unless the result is JSON or, from 3.5, NDJSON (matrix C6; on ``profile``'s
    release, default the newest). ``structured_output`` is the parameter ``HashMap`` ML Commons built
    (a ``JavaHashMap``) when the action supports structured output: step 7 (``mlcommons.structured``)
    then runs in its order. With ``validate`` (the default), unresolved placeholders then fail as in
    ``validate_payload`` unless ``skip_validating_missing_parameters`` is ``true`` (any case).
    The streaming flag (step 6) and ``input_processors`` are not applied.
    """
    if request_body is None:
        return params.get("http_body")
    body = fill_null_defaults(request_body, params)
    filled = add_tostring_parameters(params, profile)
    payload = substitute(body, filled)
    from toolkit.versions import or_newest

    profile = or_newest(profile)
    if not is_json(payload, profile) and not (profile.has("payload.ndjson") and is_json_or_ndjson(payload, profile)):
        raise IllegalArgumentError(profile.value("payload.invalid_message").format(payload=payload))
    if structured_output is not None and is_json(payload, profile):
        payload = _inject(payload, structured_output, filled, profile)
    if validate and str(params.get("skip_validating_missing_parameters")).lower() != "true":
        validate_payload(payload)
    return payload


def _inject(payload: str, java_map, filled: Mapping[str, str | None], profile) -> str:
    """Step 7 over the map ``parseParameters`` grew: its ``.toString()`` entries may resize the table."""
    import copy

    from toolkit.mlcommons.structured import inject

    grown = copy.deepcopy(java_map)
    for key in filled.keys() - java_map.keys():
        grown.put(key, filled[key])
    return inject(payload, ((key, filled.get(key)) for key in grown), profile)


def missing_placeholders(payload: str) -> list[str]:
    """The names ``validatePayload`` lists: every ``${parameters.<name>}`` (name up to the first ``}``)."""
    return _MISSING.findall(payload)


def validate_payload(payload: str | None) -> None:
    """``Connector.validatePayload`` (spec 4.5): fail when the payload still contains ``${parameters``.

    The message is ``Some parameter placeholder not filled in payload: a, b``. When the text
    ``${parameters`` occurs with no complete ``${parameters.X}`` (e.g. ``${parameters}``), Java's
    ``substring(0, -2)`` throws ``StringIndexOutOfBoundsException: begin 0, end -2, length 0``.
    """
    if payload is None or "${parameters" not in payload:
        return
    names = missing_placeholders(payload)
    if not names:
        raise StringIndexOutOfBoundsError("begin 0, end -2, length 0")
    raise IllegalArgumentError("Some parameter placeholder not filled in payload: " + ", ".join(names))
