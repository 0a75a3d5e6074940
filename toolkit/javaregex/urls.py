"""Where a URL really goes: the host as ``java.net.URI`` (and so ML Commons' HTTP client) sees it.

The authority ends at the first ``/``, ``?`` or ``#``; userinfo ends at ``@``; the port follows the
last ``:``. A URL ``URI.create`` would reject, or whose authority is not a server authority (so
``getHost()`` is null), has no host here either: ML Commons refuses to send it.
"""

from __future__ import annotations

import re

_URL = re.compile(r"(?P<scheme>[A-Za-z][A-Za-z0-9+.-]*)://(?P<authority>[^/?#]*)(?P<rest>[/?#].*)?", re.S)
_USERINFO = re.compile(r"(?:[A-Za-z0-9\-._~!$&'()*+,;=:]|%[0-9A-Fa-f]{2})*")
_LABEL = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?")
_IPV4 = re.compile(r"(?:25[0-5]|2[0-4][0-9]|1?[0-9]?[0-9])(?:\.(?:25[0-5]|2[0-4][0-9]|1?[0-9]?[0-9])){3}")
# Characters URI.create refuses anywhere (space, controls, and the "unwise" set).
_REFUSED = re.compile(r"[\x00-\x20\x7f\"<>\\^`{|}]")


def real_host(url: str) -> str | None:
    """The lower-cased host ``java.net.URI`` would report, or ``None`` if it would have none."""
    if _REFUSED.search(url):
        return None
    match = _URL.fullmatch(url)
    if not match:
        return None
    userinfo, at, hostport = match["authority"].rpartition("@")
    if at and not _USERINFO.fullmatch(userinfo):
        return None
    host, colon, port = hostport.partition(":")
    if colon and not (port == "" or port.isdigit()):
        return None
    if _IPV4.fullmatch(host) or _is_hostname(host):
        return host.lower()
    return None


def _is_hostname(host: str) -> bool:
    labels = host[:-1].split(".") if host.endswith(".") else host.split(".")
    return (bool(host) and all(_LABEL.fullmatch(label) for label in labels)
            and labels[-1][0].isalpha())


def in_domain(host: str, domain: str) -> bool:
    """Is ``host`` the ``domain`` itself or one of its subdomains?"""
    host, domain = host.rstrip(".").lower(), domain.lower()
    return host == domain or host.endswith("." + domain)


_COMMON_TLDS = frozenset("com net org io ai co dev app cloud info biz us uk de fr eu".split())


def registrable(host: str, domain: str) -> bool:
    """Could someone own ``host``: two or more labels under ``domain``'s own top-level domain
    or a common one (so a filler glued onto a TLD, as in ``openaiacom``, does not count)?"""
    labels = host.rstrip(".").split(".")
    tld = domain.rsplit(".", 1)[-1].lower()
    return len(labels) >= 2 and (labels[-1] == tld or labels[-1] in _COMMON_TLDS)
