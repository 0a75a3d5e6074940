"""Parameter strings: stringification, ``isJson``, request escaping and the merge (spec 4.1-4.3).

ML Commons keeps every parameter as a ``Map<String, String>``. Values here are Python JSON values
as ``json.loads`` returns them: ``int`` is an XContent Integer/Long, ``float`` a Double, ``dict``
an object (re-ordered into Java ``HashMap`` order when printed), ``None`` null.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable, Mapping
from typing import Any

from toolkit.javavalues.hashmap import JavaHashMap
from toolkit.javavalues.text import escape_json_commons_text

__all__ = ["parameter_string", "parameter_map", "is_json", "is_json_or_ndjson", "no_escape_keys",
           "escape_request_parameters", "merge_parameters"]


def _as_java(value: Any) -> Any:
    """An XContent ``map()`` value: objects become ``HashMap``s at every level."""
    if isinstance(value, Mapping):
        table = JavaHashMap()
        for key, item in value.items():
            table.put(key, _as_java(item))
        return table
    if isinstance(value, list):
        return [_as_java(item) for item in value]
    return value


def parameter_string(value: Any, profile=None) -> str:
    """``StringUtils.getParameterMap`` for one value (spec 4.2) on ``profile``'s release (default: the newest).

    A string stays raw (nothing is escaped); anything else is compact Gson JSON with Java number
    printing (``1e21`` → ``1.0E21``, ``0.00001`` → ``1.0E-5``), ``null`` → ``"null"``, and object
    keys in Java ``HashMap`` order; before 3.3 HTML-escaped and without null members (``mlcommons.gson``).
    """
    if isinstance(value, str):
        return value
    from toolkit.mlcommons import gson

    return gson.to_json(_as_java(value), profile)


def parameter_map(values: Mapping[str, Any], profile=None) -> dict[str, str]:
    """``StringUtils.getParameterMap``: every value through ``parameter_string`` (spec 4.2, 1.6)."""
    return {key: parameter_string(value, profile) for key, value in values.items()}


class _DuplicateKey(ValueError):
    pass


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict:
    keys = [key for key, _ in pairs]
    if len(set(keys)) != len(keys):
        raise _DuplicateKey
    return dict(pairs)


def _no_constant(name: str) -> Any:
    raise ValueError(name)


def is_json(text: str | None, profile=None) -> bool:
    """``StringUtils.isJson`` on ``profile``'s release (default: the newest): ``text`` is an object or
    array to org.json (``mlcommons.orgjson``) and, from 2.12, lenient Gson reads it to the end
    (``mlcommons.gsontree``) (spec 4.3).

    Both are lenient, so ``[,]``, ``[abc]``, ``{a:1}`` and ``{'a':'b'}`` are JSON (never escaped) while
    ``{"a":1,}``, ``[a b]`` and ``[] x`` are not; a repeated key is not (org.json). From 3.3 Gson
    refuses more than 255 levels of nesting; before, org.json's recursion ends where the JVM's stack
    does, and text nested deeper than 1000 levels is an emulator limit, as is a ``\\u`` escape
    without four hex digits on 2.12-2.18 (Gson 2.10 throws ``NumberFormatException`` there).
    """
    if text is None:
        return False
    from toolkit.versions import or_newest

    profile = or_newest(profile)
    if text.lstrip(_ORG_JSON_BLANK)[:1] not in ("[", "{"):
        return False  # org.json refuses it whatever the release: no fact is asked
    if _strictly_json(text, profile):
        return True
    from toolkit.mlcommons import orgjson

    limit = profile.value("gson.nesting_limit")
    gson_check = profile.has("isjson.gson_check")
    if limit is not None and gson_check and not _gson_reads(text, limit, profile):
        return False  # Gson 2.13 decides depth first, so org.json below never nests deep enough to overflow
    try:
        if not orgjson.accepts(text, old_keys=profile.has("isjson.container_keys"),
                               max_depth=None if limit is not None else _SAFE_DEPTH):
            return False
    except (orgjson.DepthUnknown, orgjson.ContainerKeys) as exc:
        from toolkit.mlcommons.predict import EmulatorLimit

        raise EmulatorLimit(f"isJson: {exc}") from None
    return not gson_check or limit is not None or _gson_reads(text, None, profile)


_SAFE_DEPTH = 1000  # org.json nests this deep on a 1 MB thread stack (the JVMs' default -Xss)
_ORG_JSON_BLANK = "".join(map(chr, range(1, 33)))  # what nextClean() skips (a NUL ends the text)


@functools.cache
def _fewest_levels() -> int:
    """The lowest nesting limit of any release: text with fewer brackets nests past none, so the release's
    limit is not asked (a run that never depends on it stays valid on every release)."""
    from toolkit.versions import Profile

    return min([limit for limit in Profile.emulated_values("gson.nesting_limit") if limit] + [_SAFE_DEPTH])


def _strictly_json(text: str, profile) -> bool:
    """Strict JSON (an object or array, no repeated key) is JSON to both parsers: decided at C speed
    when it has too few brackets to nest past Gson's limit or org.json's stack."""
    brackets = text.count("[") + text.count("{")
    if text.lstrip(" \t\r\n")[:1] not in ("[", "{") or brackets > _fewest_levels() and \
            brackets > (profile.value("gson.nesting_limit") or _SAFE_DEPTH):
        return False
    try:
        value = json.loads(text, object_pairs_hook=_no_duplicates, parse_constant=_no_constant)
    except (ValueError, RecursionError):
        return False
    return isinstance(value, (dict, list))


def _gson_reads(text: str, limit: int | None, profile) -> bool:
    """``gson.fromJson(text, Object.class)`` returns (a ``JsonSyntaxException`` means no)."""
    from toolkit.mlcommons import gsontree

    try:
        gsontree.parse(text, nesting_limit=limit)
    except gsontree.MalformedUnicodeEscape as exc:
        if profile.has("gson.unicode_escape_throws"):
            from toolkit.mlcommons.predict import EmulatorLimit

            raise EmulatorLimit(f"isJson: Gson 2.10 throws java.lang.NumberFormatException: {exc} "
                                "(how ML Commons reports it is not known)") from None
        return False
    except gsontree.GsonSyntaxError:
        return False
    return True


def is_json_or_ndjson(text: str | None, profile=None) -> bool:
    """``StringUtils.isJsonOrNdjson``: ``isJson`` as a whole, or for every non-blank line (spec 4.5 step 5)."""
    if is_json(text, profile):
        return True
    if text is None:
        return False
    lines = [line.strip(_JAVA_TRIM) for line in text.replace("\r\n", "\n").split("\n")]
    lines = [line for line in lines if line]
    return bool(lines) and all(is_json(line, profile) for line in lines)


_JAVA_TRIM = "".join(chr(code) for code in range(0x21))  # String.trim() removes every char <= U+0020


def no_escape_keys(value: str | None) -> set[str]:
    """The keys named by ``no_escape_params``: comma-separated, each trimmed (spec 4.3, 4.9)."""
    return {key.strip(_JAVA_TRIM) for key in value.split(",")} if value else set()


def escape_request_parameters(params: Mapping[str, str | None],
                              no_escape_params: str | Iterable[str] | None = None,
                              profile=None) -> dict[str, str | None]:
    """``ConnectorUtils.escapeRemoteInferenceInputData`` (spec 4.3) on ``profile``'s release (default: the newest).

    null stays null; a value that ``is_json`` stays as it is; so does a key listed in
    ``no_escape_params`` (by default the request's own ``no_escape_params`` parameter, a comma
    list); everything else goes through commons-text ``escapeJson`` with no quotes added.
    """
    if no_escape_params is None:
        keys = no_escape_keys(params.get("no_escape_params"))
    elif isinstance(no_escape_params, str):
        keys = no_escape_keys(no_escape_params)
    else:
        keys = set(no_escape_params)
    escaped: dict[str, str | None] = {}
    for key, value in params.items():
        if value is None or is_json(value, profile) or key in keys:
            escaped[key] = value
        else:
            escaped[key] = escape_json_commons_text(value)
    return escaped


def merge_parameters(connector_params: Mapping[str, str],
                     request_params: Mapping[str, str | None] | None = None,
                     algorithm_params: Mapping[str, Any] | None = None,
                     preprocess_output: Mapping[str, str | None] | None = None) -> dict[str, str | None]:
    """The parameter map of a predict call (spec 4.1): later sources win.

    Precedence, lowest to highest: connector < algorithm parameters (raw JSON values, stringified
    here by ``parameter_string``) < pre-process output < request parameters. ``request_params``
    and ``preprocess_output`` are expected already escaped (``escape_request_parameters``).
    """
    merged: dict[str, str | None] = dict(connector_params)
    merged.update(request_params or {})
    merged.update(parameter_map(algorithm_params or {}))
    merged.update(preprocess_output or {})
    merged.update(request_params or {})
    return merged
