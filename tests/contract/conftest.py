"""Fixtures: fake secrets (built by concatenation, so no real-looking key is in the repository),
a stand-in provider on 127.0.0.1, and sample cassette parts."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from toolkit.contract.cassette import (Body, Cassette, Expected, Interaction, Provenance, RecordedRequest,
                                       RecordedResponse)
from toolkit.contract.http import HttpRequest, HttpResponse

OPENAI_KEY = "sk-" + "proj" + "A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6"
AWS_ACCESS_KEY = "AK" + "IA" + "ZZQ4EXAMPLE7KEYX"
AWS_SECRET_KEY = "wJalr" + "XUtnFEMI/K7MDENG/bPxRfiCY" + "EXAMPLEKEY"
AWS_SESSION_TOKEN = "IQoJb3" + "JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJHMEUCIQ"
GOOGLE_KEY = "AI" + "za" + "SyD4e5F6g7H8i9J0k1L2m3N4o5P6q7R8s9T"
ODD_SECRET = "p@ss=w/rd \"quoted\" & <more>" + "-tail7"

SECRETS = {"OPENAI_API_KEY": OPENAI_KEY, "AWS_ACCESS_KEY_ID": AWS_ACCESS_KEY, "AWS_SECRET_ACCESS_KEY": AWS_SECRET_KEY,
           "AWS_SESSION_TOKEN": AWS_SESSION_TOKEN, "ODD_SECRET": ODD_SECRET}


@dataclass
class Provider:
    """A local stand-in for a provider: answers with ``respond(request)`` and logs what it received."""

    respond: Callable[[HttpRequest], HttpResponse]
    received: list[HttpRequest] = field(default_factory=list)
    address: tuple[str, int] = ("127.0.0.1", 0)


@pytest.fixture
def provider():
    state = Provider(lambda request: HttpResponse(200, {"Content-Type": "application/json"}, b'{"ok": true}'))

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_POST(self):
            body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            request = HttpRequest(self.command, f"http://{self.headers['Host']}{self.path}", dict(self.headers.items()), body)
            state.received.append(request)
            response = state.respond(request)
            self.send_response(response.status)
            for name, value in response.headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(response.body)))
            self.end_headers()
            self.wfile.write(response.body)

        do_GET = do_POST

        def log_message(self, *args):
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    state.address = httpd.server_address[:2]
    yield state
    httpd.shutdown()
    httpd.server_close()
    thread.join(5)


CHAT_URL = "https://api.openai.com/v1/chat/completions"
CHAT_BODY = {"model": "gpt-4o", "messages": [{"role": "user", "content": "What is the capital of France?"}],
             "temperature": 0.5}
CHAT_RESPONSE = '{"id": "chatcmpl-1", "choices": [{"message": {"role": "assistant", "content": "Paris."}}], ' \
                '"usage": {"total_tokens": 1.0000000000000000001}}'


def chat_interaction(**request_changes) -> Interaction:
    request = dict(method="POST", url=CHAT_URL,
                   headers={"Authorization": "Bearer <OPENAI_API_KEY>", "Content-Type": "application/json"},
                   body=Body("json", CHAT_BODY))
    request.update(request_changes)
    return Interaction(RecordedRequest(**request),
                       RecordedResponse(200, {"Content-Type": "application/json"}, Body("text", CHAT_RESPONSE)))


def chat_cassette(**changes) -> Cassette:
    fields = dict(
        blueprint="openai/chat", description="A question answered by gpt-4o.",
        provenance=Provenance("documented", source="https://platform.openai.com/docs/api-reference/chat/create"),
        input={"parameters": {"messages": CHAT_BODY["messages"]}}, interactions=(chat_interaction(),),
        expected=Expected(output={"inference_results": [{"output": [{"name": "response", "dataAsMap": {}}],
                                                         "status_code": 200}]}),
        variables={"model": "gpt-4o", "temperature": 0.5},
    )
    fields.update(changes)
    return Cassette(**fields)
