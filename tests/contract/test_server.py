"""The replay server over real sockets: matching, misses with the closest diff, unused interactions,
byte-exact bodies, concurrency, limits; and ``send``'s redirection."""

from __future__ import annotations

import json
import socket
from concurrent.futures import ThreadPoolExecutor

import pytest

from toolkit.contract.cassette import Body, Interaction, RecordedRequest, RecordedResponse
from toolkit.contract.http import HttpRequest, TransportError, send
from toolkit.contract.server import MISS_STATUS, ReplayServer
from toolkit.mlcommons.sigv4 import sign

from .conftest import CHAT_BODY, CHAT_RESPONSE, CHAT_URL, chat_interaction


@pytest.fixture(scope="module")
def server():
    with ReplayServer(timeout=2.0, max_body=4096) as replay:
        yield replay


def chat_request(body: object = CHAT_BODY, url: str = CHAT_URL, **headers: str) -> HttpRequest:
    headers = {"Authorization": "Bearer <OPENAI_API_KEY>", "Content-Type": "application/json", **headers}
    data = body if isinstance(body, bytes) else json.dumps(body).encode()
    return HttpRequest("POST", url, headers, data)


def test_match_serves_recorded_body_byte_exact(server):
    server.serve([chat_interaction()])
    reordered = json.dumps({"temperature": 0.50, "messages": CHAT_BODY["messages"], "model": "gpt-4o"}, indent=2)
    response = send(chat_request(reordered.encode()), redirect_to=server.address)
    assert response.status == 200
    assert response.body == CHAT_RESPONSE.encode()
    assert response.header("content-type") == "application/json"
    assert server.used() == [0] and server.unused() == [] and server.misses == []


def test_server_sees_original_path_query_and_host(server):
    url = "https://bedrock-runtime.us-east-1.amazonaws.com/model/anthropic.claude-v2:1/invoke?a=x%20y&b=%2F"
    recorded = Interaction(RecordedRequest("POST", url, {"Content-Type": "application/json"}, Body("json", {})),
                           RecordedResponse(200, {}, Body("json", {"ok": True})))
    server.serve([recorded])
    response = send(HttpRequest("POST", url, {"Content-Type": "application/json"}, b"{}"), redirect_to=server.address)
    assert response.status == 200
    [received] = server.received
    assert received.url == "http://bedrock-runtime.us-east-1.amazonaws.com/model/anthropic.claude-v2:1/invoke?a=x%20y&b=%2F"
    assert received.header("host") == "bedrock-runtime.us-east-1.amazonaws.com"
    assert received.header("user-agent") is None  # only the request's own headers are sent


def test_miss_answers_599_with_closest_diff(server):
    other = chat_interaction(url="https://api.openai.com/v1/embeddings", body=Body("json", {"input": ["x"]}))
    server.serve([other, chat_interaction()])
    changed = dict(CHAT_BODY, model="gpt-4", temperature=1)
    response = send(chat_request(changed), redirect_to=server.address)
    assert response.status == MISS_STATUS and response.header("x-replay-miss") == "1"
    text = response.body.decode()
    assert "closest: interaction #2" in text
    assert 'body.model: recorded "gpt-4o", received "gpt-4"' in text
    assert "body.temperature: recorded 0.5, received 1" in text
    assert "messages" not in text
    [miss] = server.misses
    assert miss.closest == 1 and {d.where for d in miss.differences} == {"body.model", "body.temperature"}
    assert server.unused() == [0, 1]


@pytest.mark.parametrize("change, where", [
    ({"url": "https://api.openai.com/v1/chat/completions?stream=true"}, "query.stream"),
    ({"url": "https://api.openai.org/v1/chat/completions"}, "host"),
    ({"headers": {"Authorization": "Bearer <OTHER_KEY>"}}, "headers.authorization"),
    ({"body": [1, 2]}, "body"),
    ({"body": dict(CHAT_BODY, temperature=True)}, "body.temperature"),
    ({"body": dict(CHAT_BODY, extra=None)}, "body.extra"),
])
def test_each_field_is_compared(server, change, where):
    server.serve([chat_interaction()])
    request = chat_request(change.get("body", CHAT_BODY), change.get("url", CHAT_URL), **change.get("headers", {}))
    assert send(request, redirect_to=server.address).status == MISS_STATUS
    assert where in {d.where for d in server.misses[0].differences}


def test_numbers_compare_by_value(server):
    server.serve([chat_interaction()])
    body = json.dumps(CHAT_BODY).replace("0.5", "5.0E-1").encode()
    assert send(chat_request(body), redirect_to=server.address).status == 200


def test_each_interaction_answers_once_and_repeats_are_explained(server):
    server.serve([chat_interaction(), chat_interaction()])
    assert [send(chat_request(), redirect_to=server.address).status for _ in range(3)] == [200, 200, MISS_STATUS]
    assert "already used" in server.misses[0].report()


def test_unused_interactions_are_reported(server):
    server.serve([chat_interaction(), chat_interaction(url="https://api.openai.com/v1/embeddings")])
    send(chat_request(), redirect_to=server.address)
    assert server.unused() == [1]


def test_matchers_relax_volatile_fields(server):
    url = "https://bedrock-runtime.us-east-1.amazonaws.com/model/m/invoke"
    recorded = RecordedRequest(
        "POST", url, {"Content-Type": "application/json", "X-Amz-Date": "20260101T000000Z",
                      "x-amz-content-sha256": "0" * 64, "Id": "x",
                      "Authorization": "AWS4-HMAC-SHA256 Credential=<AWS_ACCESS_KEY_ID>/20260101/us-east-1/bedrock/"
                                       "aws4_request, SignedHeaders=content-type;host;x-amz-date, Signature=<SIGV4_SIGNATURE>"},
        Body("json", {"inputText": "hello", "nonce": "a1"}),
        {"headers.X-Amz-Date": "regex:[0-9]{8}T[0-9]{6}Z", "headers.Authorization": "sigv4", "headers.Id": "type",
         "headers.x-amz-content-sha256": "payload-sha256", "body.nonce": "any"})
    server.serve([Interaction(recorded, RecordedResponse(200, {}, Body("json", {"embedding": [0.5]})))])
    body = json.dumps({"nonce": "zz", "inputText": "hello"}).encode()
    base = HttpRequest("POST", url, {"Content-Type": "application/json", "Id": "y"}, body)
    signed = sign(base, "AKID", "secret", "us-east-1", "bedrock")
    assert send(signed, redirect_to=server.address).status == 200
    wrong_region = sign(base, "AKID", "secret", "us-west-2", "bedrock")
    server.serve([Interaction(recorded, RecordedResponse(200, {}, Body("json", {})))])
    assert send(wrong_region, redirect_to=server.address).status == MISS_STATUS
    assert {d.where for d in server.misses[0].differences} == {"headers.authorization (sigv4)"}
    tampered = HttpRequest("POST", url, {**signed.headers, "x-amz-content-sha256": "f" * 64}, body)
    assert send(tampered, redirect_to=server.address).status == MISS_STATUS
    missing = HttpRequest("POST", url, {k: v for k, v in signed.headers.items() if k != "X-Amz-Date"}, body)
    assert send(missing, redirect_to=server.address).status == MISS_STATUS


def test_text_request_body_compared_exactly_when_not_json(server):
    recorded = Interaction(RecordedRequest("POST", CHAT_URL, {}, Body("text", "a=1&b=2")),
                           RecordedResponse(204, {}, Body()))
    server.serve([recorded])
    assert send(HttpRequest("POST", CHAT_URL, {}, b"a=1&b=3"), redirect_to=server.address).status == MISS_STATUS
    assert send(HttpRequest("POST", CHAT_URL, {}, b"a=1&b=2"), redirect_to=server.address).status == 204


def test_concurrent_requests(server):
    interactions = [chat_interaction(body=Body("json", dict(CHAT_BODY, n=i))) for i in range(24)]
    for i, interaction in enumerate(interactions):
        interactions[i] = Interaction(interaction.request,
                                      RecordedResponse(200, {}, Body("text", f'{{"n": {i}}}')))
    server.serve(interactions)
    with ThreadPoolExecutor(8) as pool:
        responses = list(pool.map(lambda i: send(chat_request(dict(CHAT_BODY, n=i)), redirect_to=server.address),
                                  range(24)))
    assert [r.body for r in responses] == [f'{{"n": {i}}}'.encode() for i in range(24)]
    assert server.unused() == [] and server.misses == []


def test_body_size_limit(server):
    server.serve([chat_interaction()])
    response = send(chat_request({"x": "y" * 5000}), redirect_to=server.address)
    assert response.status == MISS_STATUS and "over the limit of 4096" in response.body.decode()


def test_stalled_request_times_out(server):
    server.serve([chat_interaction()])
    with socket.create_connection(server.address, timeout=5) as conn:
        conn.sendall(b"POST /v1/chat/completions HTTP/1.1\r\nHost: api.openai.com\r\nContent-Length: 100\r\n\r\n{")
        assert conn.recv(100) == b""  # the server gave up and closed the connection


def test_no_interactions(server):
    server.serve([])
    response = send(chat_request(), redirect_to=server.address)
    assert response.status == MISS_STATUS and "records no interactions" in response.body.decode()


def test_stop_closes_the_port():
    replay = ReplayServer().start()
    address = replay.address
    replay.stop()
    with pytest.raises(TransportError):
        send(chat_request(), redirect_to=address, timeout=2)
    with pytest.raises(RuntimeError):
        replay.address


def test_send_to_the_original_host_uses_its_scheme(provider):
    host, port = provider.address
    response = send(HttpRequest("GET", f"http://{host}:{port}/ping?x=1", {"X-Test": "1"}))
    assert response.status == 200 and provider.received[0].url.endswith("/ping?x=1")
    assert provider.received[0].header("x-test") == "1"


def test_send_rejects_relative_urls():
    with pytest.raises(TransportError):
        send(HttpRequest("GET", "/relative"))
