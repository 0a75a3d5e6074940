"""Removing secrets before a cassette is written, and the fail-closed scan that follows.

Three layers, in order:

1. **By value**: every secret the recorder was given (name -> value, e.g. from environment
   variables) is replaced by its typed placeholder ``<NAME>`` wherever it appears: headers, URL,
   request and response bodies, in every form ``toolkit.contract.disguise.needles`` lists (plain,
   JSON-escaped, URL-encoded, any letter case, reversed, hex, base64 and base64url in every
   alignment, and any run of half the secret). A secret shorter than ``MIN_SECRET_LENGTH`` is
   refused (``UnscrubbableSecretError``): it cannot be told apart from ordinary text.
2. **By name**: headers on ``DENY_HEADERS`` and query parameters on ``DENY_QUERY`` keep their
   scheme (``Bearer``, ``AWS4-HMAC-SHA256 …``) but any unknown credential in them becomes
   ``<REDACTED_<HEADER>>``; a SigV4 signature becomes ``<SIGV4_SIGNATURE>``.
3. **Scan** (``scan``, ``find_secrets``): the text about to be written is searched for key shapes
   (``sk-…``, AWS access key ids, ``AIza…``, GitHub tokens, private keys, bearer tokens), header
   values for long high-entropy strings, and every field for any remaining disguise of a known
   secret (decoded up to three layers deep: escapes, percent-encoding, HTML entities, base64, hex).
   Any finding refuses the write (``SecretLeakError``): better no cassette than a leaked key. A
   finding names the field and the form, never the secret.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import parse_qsl, urlsplit, urlunsplit

from toolkit.contract.disguise import MIN_SECRET_LENGTH, disguises_in, folded_views, needles, secret_forms, spans
from toolkit.contract.http import HttpRequest, HttpResponse

__all__ = ["DENY_HEADERS", "DENY_QUERY", "MIN_SECRET_LENGTH", "Finding", "SecretLeakError", "UnscrubbableSecretError",
           "check_secrets", "find_secrets", "scan", "scrub_data", "scrub_headers", "scrub_request", "scrub_response",
           "scrub_text", "secret_forms"]

DENY_HEADERS = frozenset({
    "authorization", "proxy-authorization", "x-api-key", "api-key", "x-goog-api-key", "x-auth-token",
    "x-amz-security-token", "cookie", "set-cookie", "openai-organization", "openai-project",
})
DENY_QUERY = frozenset({"key", "api_key", "apikey", "access_token", "token", "x-amz-signature",
                        "x-amz-credential", "x-amz-security-token"})

_SCHEME = re.compile(r"^(Bearer|Basic|Token|Api-Key)\s+(\S.*)$", re.IGNORECASE)
_SIGV4 = re.compile(r"^(AWS4-HMAC-SHA256 Credential=)([^/]*)(/.*Signature=)([0-9a-fA-F]*)$")
_PLACEHOLDER = re.compile(r"^<[A-Za-z0-9_]+>$")
_SHAPES = {
    "OpenAI-style secret key (sk-…)": re.compile(r"sk-[A-Za-z0-9_-]{20,}"),
    "AWS access key id": re.compile(r"(?<![A-Z0-9])(AKIA|ASIA|AGPA|AIDA|AROA)[A-Z0-9]{16}(?![A-Z0-9])"),
    "Google API key (AIza…)": re.compile(r"AIza[0-9A-Za-z_-]{35}"),
    "GitHub token": re.compile(r"gh[pousr]_[A-Za-z0-9]{36,}"),
    "private key": re.compile(r"-----BEGIN [A-Z ]*PRIVATE KEY-----"),
    "bearer token": re.compile(r"Bearer\s+(?!<)[A-Za-z0-9._~+/=-]{12,}"),
}
_TOKEN = re.compile(r"[A-Za-z0-9+/=_-]{24,}")


@dataclass(frozen=True)
class Finding:
    kind: str
    where: str
    excerpt: str  # the match with its middle masked, or how a known secret shows (never its value)

    def __str__(self) -> str:
        return f"{self.where}: {self.kind} ({self.excerpt})"


class SecretLeakError(Exception):
    """The scan found something that looks like a secret; nothing was written."""

    def __init__(self, findings: Iterable[Finding]):
        self.findings = list(findings)
        super().__init__("refusing to write: possible secrets remain after scrubbing:\n"
                         + "\n".join(f"  {f}" for f in self.findings))


class UnscrubbableSecretError(ValueError):
    """A secret name that is no placeholder name, or a value too short to scrub reliably."""


def check_secrets(secrets: Mapping[str, str]) -> list[tuple[str, str]]:
    """The ``(name, value)`` pairs, longest value first; ``UnscrubbableSecretError`` names the first bad one."""
    pairs = []
    for name, value in secrets.items():
        if not re.fullmatch(r"[A-Z][A-Z0-9_]*", name):
            raise UnscrubbableSecretError(
                f"secret name {name!r}: use upper-case letters, digits and _ (it becomes <{name}>)")
        if len(value) < MIN_SECRET_LENGTH:
            raise UnscrubbableSecretError(
                f"secret {name} is {len(value)} character(s) long: a value shorter than {MIN_SECRET_LENGTH} "
                "characters cannot be told apart from ordinary text, so it cannot be scrubbed reliably "
                f"(use a longer value for {name})")
        pairs.append((name, value))
    return sorted(pairs, key=lambda p: len(p[1]), reverse=True)


@lru_cache(maxsize=64)
def _needles(value: str) -> list[str]:
    return needles(value)


def scrub_text(text: str, secrets: Mapping[str, str]) -> str:
    """``text`` with every form of every secret replaced by ``<NAME>``."""
    for name, value in check_secrets(secrets):
        pieces, end = [], 0
        for start, stop in spans(text, _needles(value)):
            pieces += [text[end:start], f"<{name}>"]
            end = stop
        text = "".join(pieces) + text[end:]
    return text


def scrub_data(data: object, secrets: Mapping[str, str]) -> object:
    """JSON-like ``data`` with every string in it (keys too) scrubbed by ``scrub_text``."""
    if isinstance(data, str):
        return scrub_text(data, secrets)
    if isinstance(data, dict):
        return {scrub_data(k, secrets): scrub_data(v, secrets) for k, v in data.items()}
    if isinstance(data, list):
        return [scrub_data(item, secrets) for item in data]
    return data


def scrub_headers(headers: Mapping[str, str], secrets: Mapping[str, str], redact: bool = True) -> dict[str, str]:
    """Headers with secrets replaced by value, then (``redact``) deny-listed headers reduced to scheme + placeholder."""
    out = {}
    for name, value in headers.items():
        value = scrub_text(value, secrets)
        if redact and name.lower() in DENY_HEADERS:
            value = _redact_credential(name, value)
        out[name] = value
    return out


def _redact_credential(name: str, value: str) -> str:
    placeholder = f"<REDACTED_{re.sub(r'[^A-Z0-9]', '_', name.upper())}>"
    sigv4 = _SIGV4.match(value)
    if sigv4:
        key = sigv4[2] if _PLACEHOLDER.match(sigv4[2]) else placeholder
        return f"{sigv4[1]}{key}{sigv4[3]}<SIGV4_SIGNATURE>"
    scheme = _SCHEME.match(value)
    if scheme:
        return value if _PLACEHOLDER.match(scheme[2]) else f"{scheme[1]} {placeholder}"
    return value if _PLACEHOLDER.match(value) else placeholder


def _scrub_url(url: str, secrets: Mapping[str, str], redact: bool = True) -> str:
    parts = urlsplit(scrub_text(url, secrets))
    if not parts.query or not redact:
        return urlunsplit(parts)
    pairs = []
    for raw in parts.query.split("&"):
        name = parse_qsl(raw, keep_blank_values=True)[0][0] if "=" in raw else raw
        if name.lower() in DENY_QUERY and not _PLACEHOLDER.match(raw.partition("=")[2]):
            raw = f"{raw.partition('=')[0]}=<REDACTED_{re.sub(r'[^A-Z0-9]', '_', name.upper())}>"
        pairs.append(raw)
    return urlunsplit(parts._replace(query="&".join(pairs)))


def _scrub_body(body: bytes, secrets: Mapping[str, str]) -> bytes:
    return scrub_text(body.decode("utf-8", "surrogateescape"), secrets).encode("utf-8", "surrogateescape")


def scrub_request(request: HttpRequest, secrets: Mapping[str, str], redact: bool = True) -> HttpRequest:
    """``request`` with its secrets replaced; ``redact=False`` keeps deny-listed values that are not known secrets
    (to compare a live request with recorded ones)."""
    return HttpRequest(request.method, _scrub_url(request.url, secrets, redact),
                       scrub_headers(request.headers, secrets, redact), _scrub_body(request.body, secrets))


def scrub_response(response: HttpResponse, secrets: Mapping[str, str]) -> HttpResponse:
    return HttpResponse(response.status, scrub_headers(response.headers, secrets), _scrub_body(response.body, secrets))


def find_secrets(fields: Iterable[tuple[str, str]], secrets: Mapping[str, str]) -> list[Finding]:
    """Every ``(where, text)`` field in which a known secret shows in any form (the value is never reported)."""
    pairs = check_secrets(secrets)
    findings = []
    for where, text in fields:
        views = folded_views(text) if pairs else []  # decoded once for every secret
        findings += [Finding(f"the value of secret {name}", where, how)
                     for name, value in pairs for how in disguises_in(views, value)]
    return findings


def scan(text: str, header_values: Iterable[tuple[str, str]] = (), secrets: Mapping[str, str] = {}) -> list[Finding]:
    """Everything in ``text`` (and the ``(where, value)`` header values) that looks like a secret."""
    findings = find_secrets([("text", text)], secrets)
    for kind, pattern in _SHAPES.items():
        findings += [Finding(kind, f"line {text.count(chr(10), 0, m.start()) + 1}", _mask(m.group()))
                     for m in pattern.finditer(text)]
    for where, value in header_values:
        for token in _TOKEN.findall(value):
            if _entropy(token) > 4.2 and sum(any(f(c) for c in token) for f in (str.isupper, str.islower, str.isdigit)) == 3:
                findings.append(Finding("high-entropy string in a header", where, _mask(token)))
    return findings


def _entropy(token: str) -> float:
    counts = Counter(token)
    return -sum(n / len(token) * math.log2(n / len(token)) for n in counts.values())


def _mask(secret: str) -> str:
    return f"{secret[:4]}…{secret[-2:]}" if len(secret) > 8 else "…"
