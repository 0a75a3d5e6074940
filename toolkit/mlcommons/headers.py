"""Action headers: credentials at deploy time, parameters at request time, and the checks (spec 1.5 D.1, 4.8)."""

from __future__ import annotations

from collections.abc import Mapping

from toolkit.mlcommons.errors import IllegalArgumentError
from toolkit.mlcommons.substitute import CREDENTIAL, PARAMETERS, substitute

__all__ = ["SECURITY_HEADERS", "header_placeholder_error", "decrypt_headers", "substitute_headers",
           "validate_header_values"]

SECURITY_HEADERS = frozenset({
    "authorization", "proxy-authorization", "cookie", "x-api-key", "x-auth-token", "x-auth-header",
    "x-forwarded-for", "x-real-ip", "x-client-ip", "cf-connecting-ip", "true-client-ip", "x-originating-ip",
    "host", "x-forwarded-host", "x-forwarded-server", "forwarded",
})
_MCP = ("mcp_sse", "mcp_streamable_http")


def header_placeholder_error(name: str, value: str, protocol: str | None = "http") -> str | None:
    """``AbstractConnector.validateConnectorHeaders`` for one header (spec 1.5 D.1), or ``None``.

    A value containing ``${parameters.<something>}`` is refused in every MCP header and, for the
    other protocols, in the security-sensitive headers (``SECURITY_HEADERS``, case-insensitive).
    """
    start = value.find(PARAMETERS)
    if start < 0 or value.find("}", start + len(PARAMETERS) + 1) < 0:
        return None
    if protocol in _MCP:
        return f"Header '{name}' cannot use ${{parameters.*}} placeholders in MCP connectors."
    if name.lower() in SECURITY_HEADERS:
        return (f"Header '{name}' cannot use ${{parameters.*}} placeholders for security reasons. "
                "Use ${credential.*} instead.")
    return None


def decrypt_headers(headers: Mapping[str, str], credential: Mapping[str, str]) -> dict[str, str]:
    """``AbstractConnector.createDecryptedHeaders`` at deploy time (spec 4.8).

    ``${credential.<key>}`` is substituted from the decrypted credential; an unknown key stays as
    literal text and is sent. ``${parameters.…}`` is left for request time.
    """
    return {name: substitute(value, credential, CREDENTIAL) for name, value in headers.items()}


def _hash_map_order(headers: Mapping[str, str]) -> list[str]:
    """The header names in Java ``HashMap`` order: the action's headers are read with ``mapStrings()``
    and copied into new ``HashMap``s at deploy and request time, and every check walks them, so the
    first header to fail is the first in that order."""
    from toolkit.javavalues.hashmap import JavaHashMap

    table = JavaHashMap()
    for name in headers:
        table.put(name, None)
    return list(table)


def validate_header_values(headers: Mapping[str, str]) -> None:
    """``ConnectorUtils.validateSubstitutedHeaders`` (spec 4.8 step 3, since 3.7)."""
    total = 0
    for name, value in headers.items():
        if any((ord(c) < 0x20 and c != "\t") or ord(c) == 0x7F for c in value):
            raise IllegalArgumentError("Header value contains invalid control character")
        size = len(name) + len(value)
        if size > 8192:
            raise IllegalArgumentError("Header size (key + value) exceeds 8KB limit")
        total += size
        if total > 65536:
            raise IllegalArgumentError("Total headers size (key + value) exceeds 64KB limit")


def substitute_headers(headers: Mapping[str, str], credential: Mapping[str, str],
                       params: Mapping[str, str | None], protocol: str | None = "http", profile=None) -> dict[str, str]:
    """The headers a predict call sends (spec 4.8) on ``profile``'s release (default: the newest):
    deploy-time credentials, then ``params``.

    From 3.7 (``getHeadersWithRuntimeParameters``) it raises ``IllegalArgumentError`` with ML Commons'
    messages: a ``${parameters.*}`` in a refused header, ``Header '<name>' contains unresolved
    placeholder. Required parameter is missing.``, and the value checks; before, a placeholder left is
    sent as it is (matrix C17). ``Content-Type: application/json`` is added when absent.
    """
    from toolkit.versions import or_newest

    def checked() -> bool:  # asked only when a check would refuse something: a run that never depends on
        return or_newest(profile).has("headers.runtime_parameters")  # the release stays valid on every one

    decrypted = decrypt_headers(headers, credential)
    substituted: dict[str, str] = {}
    for name in _hash_map_order(decrypted):  # checked in ML Commons' order, sent in the order written
        value = decrypted[name]
        error = header_placeholder_error(name, value, protocol)
        if error and checked():
            raise IllegalArgumentError(error)
        if PARAMETERS in value:
            value = substitute(value, params)
            if PARAMETERS in value and checked():
                raise IllegalArgumentError(f"Header '{name}' contains unresolved placeholder. "
                                           "Required parameter is missing.")
        substituted[name] = value
    try:
        validate_header_values(substituted)
    except IllegalArgumentError:
        if checked():
            raise
    result = {name: substituted[name] for name in decrypted}
    if not any(name.lower() == "content-type" for name in result):
        result["Content-Type"] = "application/json"
    return result
