"""AWS Signature Version 4 for the emulator, as ML Commons signs AWS connectors (spec 7).

ML Commons (``ConnectorUtils.signRequest``) calls the AWS SDK v2 ``AwsV4HttpSigner`` with only the
signing name and region, so the SDK's defaults apply: double URL-encoding and normalisation of the
path, headers ``connection``, ``x-amzn-trace-id``, ``user-agent`` and ``expect`` left unsigned.

**x-amz-content-sha256.** Read in aws/aws-sdk-java-v2,
``core/http-auth-aws/src/main/java/software/amazon/awssdk/http/auth/aws/internal/signer/DefaultAwsV4HttpSigner.java``
(``sign`` runs ``checksummer.checksum(payload, requestBuilder)`` before signing) with
``internal/signer/util/ChecksumUtil.java`` (``checksummer``) and ``internal/signer/Checksummer.java``:
every checksummer the SDK picks for a non-anonymous, non-streaming request (``Checksummer.create()``
or ``forPrecomputed256Checksum(UNSIGNED_PAYLOAD)``) **puts the header ``x-amz-content-sha256``**, and
the canonical request then signs it. Nothing there depends on the service being S3. Its value
depends on the SDK version: where ``PAYLOAD_SIGNING_ENABLED`` defaults to true (``isPayloadSigning``
returns ``requireProperty(PAYLOAD_SIGNING_ENABLED, true)`` for HTTPS) it is the hex SHA-256 of the
body; in the newest ``ChecksumUtil`` an HTTPS request with no property set is *not* payload-signed
and the value is ``UNSIGNED-PAYLOAD``. ML Commons sets no such property, so ``sign`` adds the header
and takes ``payload_signing`` (default True: the body hash) to choose; the contract matcher
``payload-sha256`` accepts both. Which SDK version a given OpenSearch build bundles is UNCONFIRMED.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import re
from urllib.parse import quote, unquote, urlsplit

from toolkit.contract.http import HttpRequest

__all__ = ["ALGORITHM", "UNSIGNED_PAYLOAD", "canonical_request", "sign", "verify"]

ALGORITHM = "AWS4-HMAC-SHA256"
UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD"
_UNSIGNED_HEADERS = frozenset({"connection", "x-amzn-trace-id", "user-agent", "expect"})
_REPLACED = frozenset({"authorization", "x-amz-date", "x-amz-security-token", "x-amz-content-sha256"})
_AUTH = re.compile(r"AWS4-HMAC-SHA256 Credential=(?P<key>[^/]+)/(?P<date>[0-9]{8})/(?P<region>[^/]+)/(?P<service>[^/]+)"
                   r"/aws4_request, ?SignedHeaders=(?P<signed>[^,\s]+), ?Signature=(?P<signature>[0-9a-f]{64})")


def sign(request: HttpRequest, access_key: str, secret_key: str, region: str, service: str,
         session_token: str | None = None, now: dt.datetime | None = None, *, payload_signing: bool = True) -> HttpRequest:
    """``request`` with ``X-Amz-Date``, ``X-Amz-Security-Token`` (with a session token),
    ``x-amz-content-sha256`` and ``Authorization`` added; earlier values of these are replaced."""
    moment = (now or dt.datetime.now(dt.timezone.utc)).astimezone(dt.timezone.utc)
    stamp = moment.strftime("%Y%m%dT%H%M%SZ")
    headers = {k: v for k, v in request.headers.items() if k.lower() not in _REPLACED}
    headers["X-Amz-Date"] = stamp
    if session_token is not None:
        headers["X-Amz-Security-Token"] = session_token
    headers["x-amz-content-sha256"] = hashlib.sha256(request.body).hexdigest() if payload_signing else UNSIGNED_PAYLOAD
    unsigned = HttpRequest(request.method, request.url, headers, request.body)
    signed_names = _signed_names(unsigned)
    scope = f"{stamp[:8]}/{region}/{service}/aws4_request"
    signature = _signature(secret_key, scope, stamp, canonical_request(unsigned, signed_names))
    headers["Authorization"] = (f"{ALGORITHM} Credential={access_key}/{scope}, SignedHeaders={';'.join(signed_names)}, "
                                f"Signature={signature}")
    return HttpRequest(request.method, request.url, headers, request.body)


def verify(request: HttpRequest, secret_key: str) -> bool:
    """Whether the request's ``Authorization`` is the SigV4 signature of it under ``secret_key``
    (and its ``x-amz-content-sha256``, when present, is the body's hash or ``UNSIGNED-PAYLOAD``)."""
    auth = _AUTH.fullmatch(request.header("authorization") or "")
    stamp = request.header("x-amz-date") or ""
    content = request.header("x-amz-content-sha256")
    if auth is None or not stamp.startswith(auth["date"]):
        return False
    if content not in (None, UNSIGNED_PAYLOAD, hashlib.sha256(request.body).hexdigest()):
        return False
    names = auth["signed"].split(";")
    if "host" not in names or any(request.header(n) is None for n in names if n != "host"):
        return False
    scope = f"{auth['date']}/{auth['region']}/{auth['service']}/aws4_request"
    expected = _signature(secret_key, scope, stamp, canonical_request(request, names))
    return hmac.compare_digest(expected, auth["signature"])


def canonical_request(request: HttpRequest, signed_names: list[str]) -> str:
    """The SigV4 canonical request over the lower-case header names ``signed_names``."""
    parts = urlsplit(request.url)
    lines = [request.method.upper(), _canonical_path(parts.path), _canonical_query(parts.query)]
    for name in signed_names:
        values = [v for k, v in request.headers.items() if k.lower() == name]
        if name == "host" and not values:
            values = [_host(request.url)]
        lines.append(f"{name}:{','.join(' '.join(v.split()) for v in values)}")
    payload = request.header("x-amz-content-sha256") or hashlib.sha256(request.body).hexdigest()
    return "\n".join([*lines, "", ";".join(signed_names), payload])


def _signed_names(request: HttpRequest) -> list[str]:
    names = {k.lower() for k in request.headers if k.lower() not in _UNSIGNED_HEADERS}
    return sorted(names | {"host"})


def _host(url: str) -> str:
    parts = urlsplit(url)
    default = {"http": 80, "https": 443}.get(parts.scheme)
    host = parts.hostname or ""
    return host if parts.port in (None, default) else f"{host}:{parts.port}"


def _canonical_path(path: str) -> str:
    segments: list[str] = []
    for segment in (path or "/").split("/")[1:]:
        if segment == "..":
            if segments:
                segments.pop()
        elif segment != ".":
            segments.append(segment)
    normalized = "/" + "/".join(segments)
    if path.endswith(("/.", "/..")) and not normalized.endswith("/"):
        normalized += "/"
    return quote(normalized, safe="/~")


def _canonical_query(query: str) -> str:
    pairs = []
    for item in query.split("&") if query else []:
        name, _, value = item.partition("=")
        pairs.append((quote(unquote(name), safe="-_.~"), quote(unquote(value), safe="-_.~")))
    return "&".join(f"{n}={v}" for n, v in sorted(pairs))


def _signature(secret_key: str, scope: str, stamp: str, canonical: str) -> str:
    to_sign = "\n".join([ALGORITHM, stamp, scope, hashlib.sha256(canonical.encode("utf-8")).hexdigest()])
    key = ("AWS4" + secret_key).encode("utf-8")
    for part in scope.split("/"):
        key = hmac.new(key, part.encode("utf-8"), hashlib.sha256).digest()
    return hmac.new(key, to_sign.encode("utf-8"), hashlib.sha256).hexdigest()
