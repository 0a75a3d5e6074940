"""``ReplayClient`` (http.client, the build's transport to the replay server) sends and receives exactly
what ``send`` (httpx) does: same request line, headers in the same order, body; same response."""

from __future__ import annotations

import gzip
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
import pytest

from toolkit.contract.http import HttpRequest, ReplayClient, TransportError, send

REQUESTS = [
    HttpRequest("GET", "https://h.example/a?b=c%20d&e=%2F"),
    HttpRequest("POST", "https://h.example/x"),
    HttpRequest("POST", "https://u:p@h.example:8443/x/y", {"Content-Type": "application/json", "X-Amz-Date": "1",
                                                           "host": "other", "Content-Length": "99"}, b'{"a":1}'),
    HttpRequest("DELETE", "https://h.example/", {"Accept": "*/*", "User-Agent": "ml"}),
    HttpRequest("PUT", "https://h.example/p", {}, "é".encode()),
]


@pytest.fixture
def echo():
    received = []

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_any(self):
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            received.append((self.command, self.path, list(self.headers.items()), body))
            gzipped = self.path == "/gzip"
            data = gzip.compress(b"zipped") if gzipped else b"ok"
            self.send_response(201)
            for value in ("1", "2"):
                self.send_header("X-Repeated", value)
            if gzipped:
                self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        do_GET = do_POST = do_PUT = do_DELETE = do_any

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server.server_address, received
    server.shutdown()


@pytest.mark.parametrize("request_", REQUESTS, ids=lambda r: f"{r.method} {r.url}")
def test_the_same_bytes_go_out_and_the_same_response_comes_back(echo, request_):
    address, received = echo
    with httpx.Client(trust_env=False, follow_redirects=False) as client:
        theirs = send(request_, redirect_to=address, client=client)
    ours = ReplayClient(address).send(request_)
    assert received[0] == received[1]
    assert ours == theirs and ours.headers["X-Repeated"] == "1, 2"


def test_an_encoded_response_is_decoded_as_send_decodes_it(echo):
    address, _ = echo
    response = ReplayClient(address).send(HttpRequest("GET", "https://h.example/gzip"))
    assert response.body == b"zipped" and "Content-Encoding" not in response.headers


def test_what_http_cannot_send_and_a_closed_port_are_transport_errors():
    with pytest.raises(TransportError, match="non-ASCII"):
        ReplayClient(("127.0.0.1", 9)).send(HttpRequest("GET", "https://h.example/é"))
    with pytest.raises(TransportError):
        ReplayClient(("127.0.0.1", 9)).send(HttpRequest("GET", "https://h.example/"))
