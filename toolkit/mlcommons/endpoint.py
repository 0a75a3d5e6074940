"""The action URL (spec 4.7, ``AbstractConnector.getActionEndpoint`` and ``ConnectorUtils.buildSdkRequest``)."""

from __future__ import annotations

import re
from collections.abc import Mapping

from toolkit.mlcommons.errors import IllegalArgumentError
from toolkit.mlcommons.substitute import substitute

__all__ = ["substitute_url", "uri_problem", "validate_uri", "URI_ERROR", "NO_HOST_CAUSE"]

URI_ERROR = ("Encountered error when trying to create uri from endpoint in ml connector. "
             "Please update the endpoint in connection configuration: ")
NO_HOST_CAUSE = ("java.lang.IllegalArgumentException: "
                 "Invalid URI. Please check if the endpoint is valid from connector.")

# ASCII that java.net.URI refuses anywhere (outside an IPv6 literal), besides controls and DEL.
_ILLEGAL = set(' "<>\\^`{|}')
_HOST = re.compile(r"^(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.)*[A-Za-z](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.?$"
                   r"|^\d{1,3}(?:\.\d{1,3}){3}$|^\[[0-9A-Fa-f:.]+\]$")


def substitute_url(url: str, params: Mapping[str, str | None]) -> str:
    """The URL with ``${parameters.…}`` substituted, not URL-encoded (spec 4.7).

    At creation (and for the trusted-endpoint check at registration) ``params`` is the
    connector's parameters only, so request-time placeholders stay literal (spec 2.2, checklist
    22); at predict time it is the merged, escaped map, so ``a/b`` arrives as ``a\\/b``.
    ML Commons substitutes only when the map is non-empty, which gives the same result.
    """
    return substitute(url, params) if params else url


def uri_problem(url: str) -> str | None:
    """Why ``URI.create(url)`` fails or has no host (spec 4.7), or ``None``.

    Approximates ``java.net.URI``: refused characters (space, ``" < > \\ ^ ` { | }``, controls),
    ``%`` without two hex digits, and an authority that is not a server name (no host, e.g. with
    ``_``). The wording is ours; ML Commons appends the JDK's ``URISyntaxException`` text.
    """
    for index, char in enumerate(url):
        if char in _ILLEGAL or ord(char) < 0x20 or ord(char) == 0x7F:
            return f"illegal character {char!r} at index {index}"
        if char == "%" and not re.fullmatch(r"[0-9A-Fa-f]{2}", url[index + 1:index + 3]):
            return f"malformed escape pair at index {index}"
    match = re.match(r"^[A-Za-z][A-Za-z0-9+.-]*://([^/?#]*)", url)
    if not match:
        return "no scheme and host"
    host = match.group(1).rsplit("@", 1)[-1]
    host = re.sub(r":\d*$", "", host)
    return None if _HOST.match(host) else f"no host in {url!r}"


def validate_uri(url: str) -> None:
    """Raise ``IllegalArgumentError`` with ML Commons' message, exactly, when ``uri_problem`` finds one
    (spec 4.7; ``ConnectorUtilsTest.buildSdkRequest_InvalidEndpoint_ThrowException``). What is wrong is
    the hint; the Java cause is given when it is known exactly: a URI without a host fails ML Commons'
    own check (``NO_HOST_CAUSE``), while ``URISyntaxException``'s wording is not reproduced."""
    problem = uri_problem(url)
    if problem:
        cause = NO_HOST_CAUSE if problem.startswith("no ") else None
        raise IllegalArgumentError(URI_ERROR, cause=cause, hint=f"the URL {url!r}: {problem}")
