"""The HTTP request and response the emulator builds and receives, and the transport that sends them.

``send`` can redirect a request to the replay server: the connection goes to ``redirect_to`` over a
real socket, while the request line keeps the original path and query (as written, not re-encoded)
and the ``Host`` header keeps the original host, so the server sees what the provider would see.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from urllib.parse import urlsplit

__all__ = ["HttpRequest", "HttpResponse", "ReplayClient", "TransportError", "header", "send", "target"]

_HOP_BY_HOP = frozenset({"connection", "keep-alive", "transfer-encoding", "content-encoding", "content-length"})


def header(headers: Mapping[str, str], name: str) -> str | None:
    """The value of header ``name`` (case-insensitive), or None."""
    wanted = name.lower()
    return next((value for key, value in headers.items() if key.lower() == wanted), None)


@dataclass(frozen=True)
class HttpRequest:
    """A request as the emulator built it: ``url`` is absolute, ``body`` the exact bytes sent."""

    method: str
    url: str
    headers: Mapping[str, str] = field(default_factory=dict)
    body: bytes = b""

    def header(self, name: str) -> str | None:
        return header(self.headers, name)


@dataclass(frozen=True)
class HttpResponse:
    """A response: header names as the server sent them (repeated headers joined with ``, ``),
    ``body`` the decoded content (no transfer or content encoding left)."""

    status: int
    headers: Mapping[str, str] = field(default_factory=dict)
    body: bytes = b""

    def header(self, name: str) -> str | None:
        return header(self.headers, name)


class TransportError(Exception):
    """The request could not be sent or answered (ML Commons: ``Error communicating with remote model``)."""


def target(url: str) -> str:
    """The request target of ``url``: its path (``/`` when empty) and query, exactly as written."""
    parts = urlsplit(url)
    return (parts.path or "/") + (f"?{parts.query}" if parts.query else "")


def _checked_target(request: HttpRequest) -> bytes:
    """The request target as bytes; ``TransportError`` for what HTTP cannot send."""
    parts = urlsplit(request.url)
    if not parts.scheme or not parts.hostname:
        raise TransportError(f"not an absolute URL: {request.url!r}")
    if not target(request.url).isascii():
        raise TransportError(f"the URL has non-ASCII characters, which HTTP cannot send: {request.url!r}")
    return target(request.url).encode("ascii")


def _host(request: HttpRequest) -> str:
    return request.header("host") or urlsplit(request.url).netloc.rpartition("@")[2]


def _kept(raw_headers) -> dict[str, str]:
    """Response headers without hop-by-hop ones, repeated names joined with ``, ``."""
    kept: dict[str, str] = {}
    for name, value in raw_headers:
        if name.lower() not in _HOP_BY_HOP:
            kept[name] = f"{kept[name]}, {value}" if name in kept else value
    return kept


class ReplayClient:
    """Plain HTTP/1.1 to the replay server over one kept-alive socket, sending exactly what ``send``
    sends (the request's own headers, ``Host``, ``Content-Length`` as httpx sets it) with the standard
    library's ``http.client``: a third of httpx's cost per request, for the many requests of a build.
    A response with a content encoding goes through ``send`` (httpx decodes it)."""

    def __init__(self, address: tuple[str, int], timeout: float = 10.0):
        import http.client

        self.address = address
        self._connection = http.client.HTTPConnection(*address, timeout=timeout)

    def send(self, request: HttpRequest) -> HttpResponse:
        import http.client

        raw_target = _checked_target(request)
        length = str(len(request.body)) if request.body else "0" if request.method in ("POST", "PUT", "PATCH") else None
        try:
            self._connection.putrequest(request.method, raw_target.decode("ascii"), skip_host=True,
                                        skip_accept_encoding=True)
            self._connection.putheader("Host", _host(request))
            if length is not None:
                self._connection.putheader("Content-Length", length)
            for name, value in request.headers.items():
                if name.lower() not in ("host", "content-length"):
                    self._connection.putheader(name, value)
            self._connection.endheaders(request.body or None)
            response = self._connection.getresponse()
            body = response.read()
        except (OSError, http.client.HTTPException) as exc:
            self._connection.close()
            raise TransportError(f"{type(exc).__name__}: {exc}") from exc
        headers = response.getheaders()
        if any(name.lower() == "content-encoding" and value.strip().lower() != "identity" for name, value in headers):
            return send(request, redirect_to=self.address)
        return HttpResponse(response.status, _kept(headers), body)

    def close(self) -> None:
        self._connection.close()


def send(request: HttpRequest, *, redirect_to: tuple[str, int] | None = None, timeout: float = 60.0,
         client=None) -> HttpResponse:
    """Send ``request`` with httpx; with ``redirect_to=(host, port)`` connect there over plain HTTP instead.

    Only the request's own headers are sent (plus ``Host`` and ``Content-Length``); httpx's defaults
    such as ``User-Agent`` are left out. Raises ``TransportError`` on connection errors and timeouts.
    ``client`` is an ``httpx.Client`` to reuse (its connections are kept alive); by default each
    call opens and closes its own.
    """
    from contextlib import nullcontext

    import httpx

    parts = urlsplit(request.url)
    raw_target = _checked_target(request)
    if redirect_to:
        host, port = redirect_to
        url = httpx.URL(scheme="http", host=host, port=port, raw_path=raw_target)
    else:
        url = httpx.URL(scheme=parts.scheme, host=parts.hostname, port=parts.port, raw_path=raw_target)
    headers = [(k, v) for k, v in request.headers.items() if k.lower() not in ("host", "content-length")]
    headers.insert(0, ("Host", _host(request)))
    try:
        # a redirected request is plain HTTP to the replay server: no TLS, so no CA bundle to load (44 ms)
        with nullcontext(client) if client is not None else \
                httpx.Client(timeout=timeout, follow_redirects=False, trust_env=False, verify=not redirect_to) as client:
            outgoing = client.build_request(request.method, url, content=request.body)
            for name in ("accept", "accept-encoding", "connection", "user-agent"):
                if name in outgoing.headers and request.header(name) is None:
                    del outgoing.headers[name]
            outgoing.headers.update(headers)
            response = client.send(outgoing)
            body = response.read()
    except httpx.HTTPError as exc:
        raise TransportError(f"{type(exc).__name__}: {exc}") from exc
    return HttpResponse(response.status_code, _kept((name.decode("latin-1"), value.decode("latin-1"))
                                                    for name, value in response.headers.raw), body)
