"""The recorder end to end against a local stand-in provider (real sockets): modes, scrubbing before
writing, the fail-closed scan, and replaying what was recorded."""

from __future__ import annotations

import datetime as dt
import json
from urllib.parse import quote

import pytest

from toolkit import __version__
from toolkit.contract.cassette import Expected, dump_cassette, load_cassette
from toolkit.contract.http import HttpRequest, HttpResponse, send
from toolkit.contract.record import CassetteExistsError, Recorder
from toolkit.contract.scrub import SecretLeakError, secret_forms
from toolkit.contract.server import ReplayServer
from toolkit.mlcommons.sigv4 import sign

from .conftest import (AWS_ACCESS_KEY, AWS_SECRET_KEY, AWS_SESSION_TOKEN, ODD_SECRET, OPENAI_KEY, SECRETS,
                       chat_cassette)

URL = "https://api.openai.com/v1/embeddings"
EXPECTED = Expected(output={"inference_results": [{"output": [], "status_code": 200}]})
TODAY = dt.date(2026, 11, 26)


def embedding_request(text: str = "hello") -> HttpRequest:
    body = {"input": [text], "model": "text-embedding-3-small", "user": f"tag {ODD_SECRET}",
            "meta": json.dumps({"k": ODD_SECRET})}
    return HttpRequest("POST", f"{URL}?trace={quote(ODD_SECRET)}",
                       {"Authorization": f"Bearer {OPENAI_KEY}", "Content-Type": "application/json"},
                       json.dumps(body).encode())


def leaky_provider(request: HttpRequest) -> HttpResponse:
    """Echoes secrets back in headers and body, the way error messages and debug fields do."""
    body = ('{"data": [{"embedding": [0.0123456789012345678901, -0.5]}], '
            f'"echo": {json.dumps(request.body.decode())}, "auth": "{request.header("authorization")}"}}')
    return HttpResponse(200, {"Content-Type": "application/json", "Set-Cookie": f"s={OPENAI_KEY}",
                              "X-Request-Id": "req_123", "x-amzn-ErrorType": "none"}, body.encode())


def save(recorder: Recorder, text: str = "hello"):
    return recorder.save(blueprint="openai/embedding", description="One document embedded.",
                         input={"text_docs": [text]}, expected=EXPECTED, today=TODAY)


def test_once_records_scrubbed_cassette(tmp_path, provider):
    provider.respond = leaky_provider
    path = tmp_path / "contracts/openai/embedding/hello.yaml"
    recorder = Recorder(path, SECRETS, redirect_to=provider.address)
    response = recorder.send(embedding_request())
    assert OPENAI_KEY in response.body.decode()  # the emulator gets the real response, unscrubbed
    assert provider.received[0].header("authorization") == f"Bearer {OPENAI_KEY}"  # the provider got the real key
    cassette = save(recorder)
    text = path.read_text()
    for secret in SECRETS.values():
        for form in secret_forms(secret):
            assert form not in text
    loaded = load_cassette(path)
    assert loaded == cassette
    assert (loaded.provenance.kind, loaded.provenance.recorded_at, loaded.provenance.toolkit_version) == (
        "recorded", "2026-11-26", __version__)
    [interaction] = loaded.interactions
    assert interaction.request.headers["Authorization"] == "Bearer <OPENAI_API_KEY>"
    assert interaction.request.url == f"{URL}?trace=<ODD_SECRET>"
    assert json.loads(interaction.request.body.to_bytes())["meta"] == '{"k": "<ODD_SECRET>"}'
    assert set(interaction.response.headers) == {"Content-Type", "x-amzn-ErrorType"}  # allow-list
    assert interaction.response.body.kind == "text"  # the 22-digit literal is kept as written
    assert b"0.0123456789012345678901" in interaction.response.body.to_bytes()


def test_once_refuses_an_existing_cassette_before_sending(tmp_path, provider):
    path = tmp_path / "case.yaml"
    recorder = Recorder(path, SECRETS, redirect_to=provider.address)
    recorder.send(embedding_request())
    save(recorder)
    with pytest.raises(CassetteExistsError):
        Recorder(path, SECRETS, redirect_to=provider.address)
    assert len(provider.received) == 1


def test_new_episodes_replays_known_and_appends_new(tmp_path, provider):
    path = tmp_path / "case.yaml"
    first = Recorder(path, SECRETS, redirect_to=provider.address)
    first.send(embedding_request("one"))
    save(first, "one")
    provider.respond = lambda request: HttpResponse(200, {"Content-Type": "application/json"}, b'{"second": 1}')
    again = Recorder(path, SECRETS, "new_episodes", redirect_to=provider.address)
    assert again.send(embedding_request("one")).body == b'{"ok":true}'  # from the cassette (JSON form, compact)
    assert again.send(embedding_request("two")).body == b'{"second": 1}'
    assert len(provider.received) == 2
    save(again, "two")
    bodies = [json.loads(i.request.body.to_bytes())["input"] for i in load_cassette(path).interactions]
    assert bodies == [["one"], ["two"]]


def test_new_episodes_refuses_a_documented_cassette(tmp_path):
    path = tmp_path / "case.yaml"
    dump_cassette(chat_cassette(), path)
    with pytest.raises(CassetteExistsError, match="documented"):
        Recorder(path, SECRETS, "new_episodes")


def test_rewrite_replaces(tmp_path, provider):
    path = tmp_path / "case.yaml"
    dump_cassette(chat_cassette(), path)
    recorder = Recorder(path, SECRETS, "rewrite", redirect_to=provider.address)
    recorder.send(embedding_request())
    save(recorder)
    cassette = load_cassette(path)
    assert cassette.blueprint == "openai/embedding" and len(cassette.interactions) == 1
    assert cassette.provenance.kind == "recorded"


def test_unknown_secret_in_response_refuses_to_write(tmp_path, provider):
    stranger = "sk-" + "Zz9Yy8Xx7Ww6Vv5Uu4Tt3Ss2Rr1"
    provider.respond = lambda request: HttpResponse(200, {}, json.dumps({"leaked": stranger}).encode())
    path = tmp_path / "case.yaml"
    recorder = Recorder(path, SECRETS, redirect_to=provider.address)
    recorder.send(embedding_request())
    with pytest.raises(SecretLeakError) as info:
        save(recorder)
    assert "sk-" in str(info.value) and stranger not in str(info.value)
    assert list(tmp_path.iterdir()) == []


def test_sigv4_recording_replays_with_a_fresh_signature(tmp_path, provider):
    url = "https://bedrock-runtime.us-east-1.amazonaws.com/model/amazon.titan-embed-text-v2:0/invoke"
    base = HttpRequest("POST", url, {"Content-Type": "application/json"}, b'{"inputText": "h\\u00e9llo"}')
    at = dt.datetime(2026, 11, 26, 10, 0, tzinfo=dt.timezone.utc)
    signed = sign(base, AWS_ACCESS_KEY, AWS_SECRET_KEY, "us-east-1", "bedrock", AWS_SESSION_TOKEN, at)
    path = tmp_path / "case.yaml"
    recorder = Recorder(path, SECRETS, redirect_to=provider.address)
    recorder.send(signed)
    save(recorder)
    [interaction] = load_cassette(path).interactions
    assert interaction.request.matchers == {"headers.Authorization": "sigv4", "headers.X-Amz-Date": "any",
                                            "headers.X-Amz-Security-Token": "any",
                                            "headers.x-amz-content-sha256": "payload-sha256"}
    assert interaction.request.headers["X-Amz-Security-Token"] == "<AWS_SESSION_TOKEN>"
    later = sign(base, "AKIDFAKE", "fake-secret", "us-east-1", "bedrock", "fake-token", at + dt.timedelta(days=3))
    with ReplayServer([interaction]) as replay:
        assert send(later, redirect_to=replay.address).status == 200
        assert replay.unused() == []
