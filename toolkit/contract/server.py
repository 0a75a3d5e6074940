"""The replay server: serves recorded interactions over a real socket on 127.0.0.1.

Start it once per test session (or per ``blueprint test`` run) and give it each case's interactions
with ``serve``. A request is answered by the first *unused* interaction it matches (see
``toolkit.contract.match``); each interaction answers once, in any order, and its recorded body is
sent byte for byte.

A request that matches nothing is a **miss**: the answer is status ``599`` (``MISS_STATUS``) with
header ``X-Replay-Miss: 1`` and a plain-text body naming the closest recorded request and every field
that differs. Misses are also kept in ``misses`` so a runner can fail with the same text. Bodies
over ``max_body`` bytes and requests that stall past ``timeout`` seconds are refused the same way.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from toolkit.contract.cassette import Interaction
from toolkit.contract.http import HttpRequest
from toolkit.contract.match import Difference, compare

__all__ = ["MISS_STATUS", "Miss", "ReplayServer"]

MISS_STATUS = 599
SHUTDOWN_POLL = 0.05  # seconds: how long stop() may wait for the serving thread to notice


@dataclass(frozen=True)
class Miss:
    """A request no interaction matched, and why (``closest`` is an index into the served list)."""

    request: HttpRequest
    reason: str
    closest: int | None = None
    differences: tuple[Difference, ...] = ()

    def report(self) -> str:
        lines = [f"replay server: no recorded interaction matches {self.request.method} {self.request.url}",
                 f"reason: {self.reason}"]
        if self.closest is not None:
            lines.append(f"closest: interaction #{self.closest + 1}; what differs:")
            lines += [f"  {d}" for d in self.differences]
        return "\n".join(lines) + "\n"


class ReplayServer:
    """A threading HTTP server on an ephemeral loopback port; use as a context manager."""

    def __init__(self, interactions: Iterable[Interaction] = (), *, max_body: int = 8 << 20, timeout: float = 10.0):
        self.max_body = max_body
        self.timeout = timeout
        self._lock = threading.Lock()
        self._interactions: list[Interaction] = []
        self._used: list[bool] = []
        self.received: list[HttpRequest] = []
        self.answered: list[Interaction | None] = []  # per request received: the interaction that answered, or None
        self.misses: list[Miss] = []
        self._httpd: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None
        self.serve(interactions)

    @property
    def address(self) -> tuple[str, int]:
        """``(host, port)`` to pass to ``toolkit.contract.http.send(redirect_to=...)``."""
        if self._httpd is None:
            raise RuntimeError("the replay server is not running")
        host, port = self._httpd.server_address[:2]
        return str(host), int(port)

    def serve(self, interactions: Iterable[Interaction]) -> None:
        """Serve these interactions from now on; forget earlier ones, their use, requests and misses."""
        with self._lock:
            self._interactions = list(interactions)
            self._used = [False] * len(self._interactions)
            self.received = []
            self.answered = []
            self.misses = []

    def used(self) -> list[int]:
        """Indexes of the interactions that have answered a request."""
        with self._lock:
            return [i for i, used in enumerate(self._used) if used]

    def unused(self) -> list[int]:
        """Indexes of the interactions no request has used (a runner fails on these)."""
        with self._lock:
            return [i for i, used in enumerate(self._used) if not used]

    def start(self) -> ReplayServer:
        handler = type("Handler", (_Handler,), {"replay": self, "timeout": self.timeout})
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(target=self._httpd.serve_forever, args=(SHUTDOWN_POLL,), name="replay-server",
                                        daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop accepting requests and close the socket."""
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()
            self._thread.join(timeout=5)
            self._httpd = self._thread = None

    def __enter__(self) -> ReplayServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def answer(self, request: HttpRequest) -> Interaction | Miss:
        """The interaction that answers ``request`` (marked used), or the miss."""
        with self._lock:
            self.received.append(request)
            ranked = []
            for index, interaction in enumerate(self._interactions):
                diffs = compare(interaction.request, request)
                if not diffs and not self._used[index]:
                    self._used[index] = True
                    self.answered.append(interaction)
                    return interaction
                major = any(d.where in ("method", "host", "path") for d in diffs)
                ranked.append((major, len(diffs), index, diffs))
            if not ranked:
                return self._miss(Miss(request, "this case records no interactions"))
            _, _, index, diffs = min(ranked, key=lambda r: r[:3])
            reason = "no match" if diffs else "the matching interaction was already used (each answers once)"
            return self._miss(Miss(request, reason, index, tuple(diffs)))

    def refuse(self, request: HttpRequest, reason: str) -> Miss:
        with self._lock:
            self.received.append(request)
            return self._miss(Miss(request, reason))

    def _miss(self, miss: Miss) -> Miss:
        self.answered.append(None)
        self.misses.append(miss)
        return miss


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # headers and body go out in two writes: no 40 ms delayed-ACK stall on keep-alive
    replay: ReplayServer

    def do_request(self) -> None:
        host = self.headers.get("Host", "")
        headers = {k: v for k, v in self.headers.items()}
        request = HttpRequest(self.command, f"http://{host}{self.path}", headers)
        length = self.headers.get("Content-Length")
        if self.headers.get("Transfer-Encoding"):
            return self._send_miss(self.replay.refuse(request, "chunked request bodies are not supported"), close=True)
        if length is not None and (not length.isdigit() or int(length) > self.replay.max_body):
            return self._send_miss(self.replay.refuse(
                request, f"request body of {length} bytes is over the limit of {self.replay.max_body}"), close=True)
        try:
            body = self.rfile.read(int(length or 0))
        except TimeoutError:
            self.close_connection = True
            return
        request = HttpRequest(request.method, request.url, headers, body)
        result = self.replay.answer(request)
        if isinstance(result, Miss):
            return self._send_miss(result)
        response = result.response
        data = response.body.to_bytes()
        self.send_response(response.status)
        for name, value in response.headers.items():
            if name.lower() not in ("content-length", "transfer-encoding", "connection"):
                self.send_header(name, value)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = do_HEAD = do_request

    def _send_miss(self, miss: Miss, close: bool = False) -> None:
        data = miss.report().encode("utf-8")
        self.send_response(MISS_STATUS, "Replay Miss")
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("X-Replay-Miss", "1")
        self.send_header("Content-Length", str(len(data)))
        if close:
            self.send_header("Connection", "close")
            self.close_connection = True
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, format: str, *args: object) -> None:
        """Silent: the server's record is ``received`` and ``misses``."""
