"""Endpoints: the URLs a connector calls and the trusted-endpoint regexes a blueprint asks for
(spec section 2), judged with Java regex semantics (toolkit.javaregex)."""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Iterator

from toolkit.check.locate import MANIFEST_PREFIX
from toolkit.check.model import Example, Finding
from toolkit.check.registry import rule
from toolkit.check.release import enforced, target_release
from toolkit.check.rules._examples import MANIFEST, example, project
from toolkit.check.rules._unknowns import holes
from toolkit.check.rules._util import (
    MCP_PROTOCOLS, action_ptr, actions, connector, connector_values, protocol, uses_hidden_parameter,
)
from toolkit.documents.markers import has_marker

_SCHEME = re.compile(r"^(?P<scheme>[A-Za-z][A-Za-z0-9+.-]*)://")
_AUTHORITY = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://[^/?#]*")


def _literal_host(url: str) -> str | None:
    """The host of a URL whose authority has no placeholder and no template marker, as java.net.URI sees it."""
    from toolkit.javaregex.urls import real_host

    match = _AUTHORITY.match(url)
    if not match or "${" in match.group(0) or has_marker(match.group(0)):
        return None
    return real_host(match.group(0) + "/")


def is_private_host(host: str, rfc: bool = True) -> bool:
    """Private as ML Commons' validateIp sees it (spec 2.4): RFC 1918, link-local, loopback, any-local,
    IPv6 site-local; ``localhost`` resolves to loopback. IPv6 ULA and 100.64/10 are not private there.
    ``rfc=False``: the IPv4 test before 3.3 and 2.19.4 (matrix B7, ``_legacy_private_ipv4``)."""
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        address = ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return False
    if address.version == 4:
        if not rfc:
            return _legacy_private_ipv4(address)
        return any(address in ipaddress.ip_network(n) for n in
                   ("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "169.254.0.0/16", "127.0.0.0/8", "0.0.0.0/32"))
    return address.is_loopback or address.is_unspecified or address in ipaddress.ip_network("fec0::/10")


def _legacy_private_ipv4(address) -> bool:
    """MLHttpClientFactory.hasPrivateIpAddress up to 3.2: octets are read as octal (or decimal) and as hex,
    so 12.x counts as 10.x, 177.x as 127.x, and 169.254/16 is not private."""
    first, second, *rest = address.packed

    def readings(octet: int) -> tuple[int, int]:
        text = str(octet)
        try:
            octal = int(text, 8)
        except ValueError:
            octal = octet
        return octal, int(text, 16)

    if 127 in readings(first):
        return (second, *rest) == (0, 0, 1)
    if 10 in readings(first):
        return True
    if 172 in readings(first):
        return any(16 <= reading <= 32 for reading in readings(second))
    if 192 in readings(first):
        return 168 in readings(second)
    return any(address in ipaddress.ip_network(n) for n in  # site-local, loopback, any-local
               ("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "127.0.0.0/8", "0.0.0.0/32"))


# The names RFC 2606 reserves for documentation, example.com, example.net and example.org (and their
# subdomains): docs write them for "your endpoint here".
_EXAMPLE_HOST = re.compile(r"(?i)^[a-z][a-z0-9+.-]*://(?:[^/?#@]*@)?(?:[^/?#:@]*\.)?example\.(?:com|net|org)"
                           r"(?::[0-9]*)?(?:[/?#]|$)")


def _create_time_urls(target) -> Iterator[tuple[str, str]]:
    """(pointer, URL) the trusted-endpoint check matches at creation (2.2): each action's URL substituted
    with the connector's own parameters, or an MCP connector's top-level URL as written."""
    from toolkit.mlcommons.endpoint import substitute_url
    from toolkit.mlcommons.errors import IllegalStateError

    if protocol(target) in MCP_PROTOCOLS:
        url = connector(target).get("url")
        if isinstance(url, str):
            yield "/url", url
        return
    values = connector_values(target)
    for index, action in actions(target):
        url = action.get("url")
        if isinstance(url, str) and not uses_hidden_parameter(target, url):
            try:
                yield action_ptr(index, "url"), substitute_url(url, values)
            except IllegalStateError:
                continue  # a parameter cycle: BP214 reports it


def _untrusted(url: str, regexes) -> bool:
    """No regex admits ``url``; with holes (markers, malformed placeholders), none admits any URL that
    starts with the text before the first one, so no fill can pass."""
    spans = holes(url)
    if spans:
        from toolkit.javaregex import compile

        return not any(compile(r).admits_prefix(url[:spans[0][0]]) for r in regexes)
    from toolkit.javaregex.plain import matches

    return not any(matches(r, url) for r in regexes)


def _untrusted_message(url: str) -> str:
    spans = holes(url)
    if not spans:
        return f"'Connector URL is not matching the trusted connector endpoint regex': {url}"
    start, end = spans[0]
    return (f"'Connector URL is not matching the trusted connector endpoint regex' whatever {url[start:end]!r} is "
            f"filled with: no regex admits a URL that starts with {url[:start]!r}")


def _undecided(ptr: str, url: str, exc, source: str) -> Finding:
    """The finding for a regex that timed out on ``url``: whether the cluster would admit it is unknown."""
    return Finding(ptr, f"cannot tell whether {url} is admitted: the regex {exc.pattern!r} ({source}) took longer "
                        f"than {exc.timeout:g} s to match it",
                   hint="the regex backtracks (overlapping or nested repetition): write it without, e.g. with "
                        "`blueprint endpoints suggest URL`")


@rule("BP301", "untrusted-endpoint", "error", "endpoints",
      "No trusted-endpoint regex of the cluster admits the connector's URL.",
      "At creation (and, since 3.7, on every call) ML Commons substitutes the connector's parameters into each "
      "action URL and requires a full Java-regex match against `plugins.ml_commons.trusted_connector_endpoints_regex`; "
      "otherwise `Connector URL is not matching the trusted connector endpoint regex`. Checked against the "
      "configured list (default: the default list of the target release, which grew from 3 regexes in 2.9 to 12 "
      "in 3.5, plus extend-trusted-endpoints). An MCP connector's top-level `url` is matched as written. A URL "
      "with a template marker (or a malformed placeholder) is reported only when no regex admits any URL that "
      "starts with its fixed text before the marker; a document whose own trusted list holds a marker is not "
      "judged, nor is a host RFC 2606 reserves for documentation (`api.example.com`, `example.org`). "
      "Blueprints are checked against their own trusted_endpoints instead (BP309).",
      bad=example(actions__0__url="https://api.mistral.ai/v1/embeddings"), good=example(),
      hint="add a tight regex to the cluster (`blueprint endpoints suggest URL`) and to extend-trusted-endpoints",
      spec="2.2, 2.3")
def untrusted_endpoint(target, config) -> Iterator[Finding]:
    from toolkit.javaregex import RegexTimeout

    if target.manifest is not None:
        return
    profile = target_release(target, config).oldest  # one release: a blueprint is checked by BP309
    regexes = config.trusted_endpoints or [*profile.value("trusted_endpoints.default"), *config.extend_trusted_endpoints]
    if any(has_marker(regex) for regex in regexes):
        return  # the document leaves part of its trusted list to the reader
    for ptr, url in _create_time_urls(target):
        if _EXAMPLE_HOST.match(url):
            continue  # a stand-in for the reader's own endpoint, like a marker
        try:
            untrusted = _untrusted(url, regexes)
        except RegexTimeout as exc:
            default = f"the default list of OpenSearch {profile}"
            yield _undecided(ptr, url, exc, config.regex_sources.get(exc.pattern, default))
            continue
        if untrusted:
            yield Finding(ptr, _untrusted_message(url))


@rule("BP309", "blueprint-endpoints-miss-url", "error", "endpoints",
      "The blueprint's trusted_endpoints do not admit a URL it renders.",
      "`blueprint setup` adds a blueprint's trusted_endpoints to the cluster; if they do not admit the URL of every "
      "variable set (after the create-time substitution of the connector's parameters) creation fails with "
      "`Connector URL is not matching the trusted connector endpoint regex`. A list that still holds a template "
      "marker (BP211) is not judged.",
      bad=Example(files=project(MANIFEST.replace("v1/embed$", "v2/embed$"))), good=Example(files=project()),
      hint="`blueprint endpoints suggest URL_TEMPLATE` gives a regex that admits every legal value", spec="2.2, 2.3")
def blueprint_endpoints_miss_url(target, config) -> Iterator[Finding]:
    from toolkit.javaregex import PatternSyntaxError, RegexTimeout

    if target.manifest is None or any(has_marker(regex) for regex in target.manifest.trusted_endpoints):
        return  # a list still to be filled in (BP211)
    try:
        for ptr, url in _create_time_urls(target):
            try:
                untrusted = _untrusted(url, target.manifest.trusted_endpoints)
            except RegexTimeout as exc:
                yield _undecided(ptr, url, exc, f"trusted_endpoints of {target.manifest.file}")
                continue
            if untrusted:
                yield Finding(ptr, f"no regex in the manifest's trusted_endpoints admits {url} [{target.label}]"
                              if not holes(url) else f"{_untrusted_message(url)} [{target.label}]")
    except PatternSyntaxError:
        return  # BP304 reports the regex


@rule("BP302", "plain-http", "warning", "security",
      "The connector calls a URL over plain http.",
      "Credentials in headers and every document sent for inference travel unencrypted. ML Commons accepts "
      "http, and the default trusted list does not match it.",
      bad=example(actions__0__url="http://api.openai.com/v1/embeddings"), good=example(), spec="2.1, 2.4")
def plain_http(target, config) -> Iterator[Finding]:
    for index, action in actions(target):
        url = action.get("url")
        match = _SCHEME.match(url) if isinstance(url, str) else None
        if match and match.group("scheme").lower() == "http":
            yield Finding(action_ptr(index, "url"), "the URL uses plain http: credentials and documents are sent unencrypted")


@rule("BP303", "private-host", "error", "endpoints",
      "The connector calls a private or loopback host the cluster will refuse.",
      "With `plugins.ml_commons.connector.private_ip_enabled` false (the default) every call to a host that "
      "resolves to a private, link-local, loopback or any-local address fails with `Remote inference host name "
      "has private ip address: <host>`, also when the host comes from a connector parameter "
      "(`http://${parameters.endpoint}/...` with `\"endpoint\": \"127.0.0.1:11434\"`). When it is true and "
      "`trusted_connector_private_endpoints_regex` (3.7+) is set, the URL must fully match one of those too. A "
      "blueprint whose manifest declares `cluster: {private_ip_enabled: true}` is checked as if the setting were "
      "on (`blueprint setup` emits it). "
      "Before 2.15 the setting does not exist and every private host is refused; before 3.3 (and 2.19.4) "
      "169.254/16 is not private, but 12.x and 177.0.0.1 are (octets read as octal).",
      bad=example(actions__0__url="http://localhost:11434/v1/chat/completions"),
      good=Example(example(actions__0__url="http://localhost:11434/v1/chat/completions"),
                   config={"private-ip-enabled": True}),
      hint="set plugins.ml_commons.connector.private_ip_enabled (and, on 3.7+, "
           "trusted_connector_private_endpoints_regex) on the cluster; `blueprint setup` prints them. A blueprint "
           "declares the need with `cluster: {private_ip_enabled: true}` in its manifest", spec="2.4")
def private_host(target, config) -> Iterator[Finding]:
    from toolkit.javaregex import RegexTimeout

    chosen = target_release(target, config)
    profile = chosen.oldest
    for where, url, offset in _call_urls(target):
        host = _literal_host(url)
        if host is None or not any(is_private_host(host, rfc) for rfc in chosen.values("network.private_ipv4_rfc")):
            continue
        declared = target.manifest is not None and target.manifest.private_ip_enabled
        if not profile.has("setting.private_ip_enabled"):
            since = profile.since("setting.private_ip_enabled").short
            yield Finding(where, f"OpenSearch {profile} refuses every private host ({host}): "
                                 f"plugins.ml_commons.connector.private_ip_enabled exists from {since}",
                          hint=f"raise opensearch.minimum to {since} and declare cluster: {{private_ip_enabled: true}}"
                          if target.manifest is not None else f"target OpenSearch {since} or later and enable it")
        elif not (config.private_ip_enabled or declared):
            through = "" if offset is None else " (the host comes from a connector parameter)"
            yield Finding(where, f"'Remote inference host name has private ip address: {host}'{through}", offset=offset)
        elif config.private_endpoints and chosen.newest.has("setting.trusted_connector_private_endpoints_regex") \
                and not any(has_marker(regex) for regex in config.private_endpoints):
            try:
                untrusted = _untrusted(url, config.private_endpoints)
            except RegexTimeout as exc:
                yield _undecided(where, url, exc, config.regex_sources.get(exc.pattern, "private-endpoints"))
                continue
            if untrusted:
                yield Finding(where, "'Connector URL is not matching the trusted connector private endpoint regex'")


def _call_urls(target) -> Iterator[tuple[str, str, int | None]]:
    """(pointer, URL, offset) per action: the URL a call sends with the connector's parameters (the host may
    come from one, ``http://${parameters.endpoint}/...``; offset: that placeholder in the URL as written).
    MCP calls do not go through the private-host check (2.4)."""
    if protocol(target) in MCP_PROTOCOLS:
        return
    written = {action_ptr(index, "url"): action.get("url") for index, action in actions(target)}
    for where, url in _create_time_urls(target):
        authority = _AUTHORITY.match(written[where])
        start = authority.group(0).find("${") if authority else -1
        yield where, url, start if start >= 0 else None


def _manifest_regexes(target) -> list[tuple[int, str]]:
    """The manifest's trusted_endpoints to audit: not those holding a template marker (BP211)."""
    if target.manifest is None or target.label != target.manifest.variable_sets()[0][0]:
        return []  # manifest-level findings once per blueprint, with its first variable set
    return [(index, regex) for index, regex in enumerate(target.manifest.trusted_endpoints) if not has_marker(regex)]


def _at(index: int) -> str:
    return f"{MANIFEST_PREFIX}/trusted_endpoints/{index}"


_MANIFEST_3_7 = MANIFEST.replace('minimum: "2.9"', 'minimum: "3.7"')


@rule("BP304", "setting-rejects-regex", "error", "endpoints",
      "A trusted-endpoint regex the cluster setting refuses.",
      "Since 3.7 the setting validator rejects a regex that does not compile as Java, is longer than 256 "
      "characters, or has a quantified group containing a quantifier or a back-reference (ReDoS guard), with "
      "`Invalid regex pattern`, `Regex pattern too long` or `Regex pattern contains nested quantifiers or "
      "backreferences that may cause ReDoS`. Before 3.7 the setting takes any text: when the target release is "
      "older, the last two are an info note (a blueprint must also work on the newest release), and a regex "
      "that does not compile still fails connector creation.",
      bad=Example(files=project(_MANIFEST_3_7.replace("  - ^https://api\\.acme\\.example/v1/embed$",
                                                     "  - ^https://api\\.acme\\.example/(v[0-9]+)+/embed$"))),
      good=Example(files=project(_MANIFEST_3_7)), spec="2.1")
def setting_rejects_regex(target, config) -> Iterator[Finding]:
    from toolkit.javaregex import validate_setting_regex

    for index, regex in _manifest_regexes(target):
        message = validate_setting_regex(regex)
        if not message:
            continue
        finding = Finding(_at(index), f"the cluster setting refuses it: '{message}'")
        if not message.startswith("Invalid regex pattern"):
            yield enforced(target, config, "setting.regex_validator", finding)
        elif target_release(target, config).newest.has("setting.regex_validator"):
            yield finding
        else:  # the setting takes it; matching a connector URL against it fails
            yield Finding(_at(index), f"the regex does not compile, so connector creation fails: '{message}'")


@rule("BP305", "host-confusion", "error", "endpoints",
      "A trusted-endpoint regex admits URLs whose real host is outside the provider's domain.",
      "`.*` and unescaped dots in the host part match `@`, `/` and other hosts: "
      "`^https://bedrock-runtime\\..*[a-z0-9-]\\.amazonaws\\.com/.*$` (an ML Commons default) accepts "
      "`https://bedrock-runtime.x@evil.com/a.amazonaws.com/`, which goes to evil.com. The finding shows the "
      "shortest such URL, verified with the Java engine. The regexes a Markdown document sets in its own "
      "`PUT _cluster/settings` are audited too, where they are written: a catch-all such as `.*$`, or a regex "
      "with no literal host, is judged by the document's connector URLs it admits.",
      bad=Example(files=project(MANIFEST.replace("  - ^https://api\\.acme\\.example/v1/embed$",
                                                 "  - ^https://api\\.acme\\..*/v1/embed$"))),
      good=Example(files=project()), hint="`blueprint endpoints suggest URL_TEMPLATE` prints a tight regex",
      spec="2.3")
def host_confusion(target, config) -> Iterator[Finding]:
    for index, regex in _manifest_regexes(target):
        for finding in _audit(regex):
            if finding.name == "host-confusion":
                yield Finding(_at(index), f"{finding.message}: e.g. {finding.counterexample}")


@rule("BP306", "weak-endpoint-regex", "warning", "endpoints",
      "A trusted-endpoint regex that is looser than it looks.",
      "Unescaped dots, `.*` in the host, an `http` scheme, or a pattern that matches no https URL at all: each is "
      "reported by the endpoint audit with a concrete URL. (Anchors are cosmetic: ML Commons always matches the "
      "whole URL.)",
      bad=Example(files=project(MANIFEST.replace("  - ^https://api\\.acme\\.example/v1/embed$",
                                                 "  - ^https?://api\\.acme\\.example/v1/embed$"))),
      good=Example(files=project()), spec="2.3")
def weak_endpoint_regex(target, config) -> Iterator[Finding]:
    for index, regex in _manifest_regexes(target):
        for finding in _audit(regex):
            if finding.name != "host-confusion" and finding.severity != "info":
                example = f": e.g. {finding.counterexample}" if finding.counterexample else ""
                yield Finding(_at(index), f"{finding.message}{example}")


def _audit(regex: str):
    from toolkit.javaregex import PatternSyntaxError
    from toolkit.javaregex.audit import audit_one

    try:
        return audit_one(regex)
    except PatternSyntaxError:
        return []  # BP304 reports it
