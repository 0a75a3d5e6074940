"""``record`` never writes a secret in any form: a stand-in provider echoes the key encoded, re-cased,
reversed or split, and the cassette either holds placeholders only or is not written at all.

``leaks`` is the test's own search, written independently of ``toolkit.contract.disguise``: every
string of the written cassette, as written and decoded once (``\\u`` escapes, percent-encoding,
base64/base64url and hex from every offset), is searched for any run of half the secret (at least
8 characters) of the secret or its reverse, in any letter case.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
import string
from urllib.parse import quote, unquote

import pytest
import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from tests.contract.conftest import provider  # noqa: F401 - the stand-in provider fixture
from tests.hardening.limits import memory_cap
from toolkit.contract.cassette import Expected
from toolkit.contract.http import HttpRequest, HttpResponse, send
from toolkit.contract.record import Recorder
from toolkit.contract.scrub import SecretLeakError, UnscrubbableSecretError, scan, scrub_text

KEY = "olk" + "-Q7w8E9r0T1y2U3i4O5p6A7s8D9f0G1h2"  # no known key shape: only scrubbing by value can catch it
CHAT = ["record", "ollama/chat", "leak", "--parameters", '{"messages": [{"role": "user", "content": "hi"}]}',
        "--description", "The key echoed back in many forms."]
KEY_ALPHABET = string.ascii_letters + string.digits + "-_+/=."


def leaks(text: str, secret: str) -> list[str]:
    """The decoded views of ``text`` that hold a half-length run of ``secret`` (or its reverse), any case."""
    size = min(len(secret), max(8, len(secret) // 2))
    runs = {w.lower() for s in (secret, secret[::-1]) for w in (s[i:i + size] for i in range(len(s) - size + 1))}
    views = {text, unquote(text), re.sub(r"\\u([0-9a-fA-F]{4})", lambda m: chr(int(m[1], 16)), text)}
    for token in re.findall(r"[A-Za-z0-9+/_-]{10,}", text):
        for start in range(4):
            chunk = token[start:].translate(str.maketrans("-_", "+/"))
            chunk = chunk[:len(chunk) - (len(chunk) % 4 == 1)]
            views.add(base64.b64decode(chunk + "=" * (-len(chunk) % 4)).decode("latin-1"))
    for token in re.findall(r"[0-9a-fA-F]{16,}", text):
        views |= {binascii.unhexlify(token[i:len(token) - (len(token) - i) % 2]).decode("latin-1") for i in (0, 1)}
    return [view for view in views if any(run in view.lower() for run in runs)]


def strings(data: object):
    if isinstance(data, str):
        yield data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield str(key)
            yield from strings(value)
    elif isinstance(data, list):
        for item in data:
            yield from strings(item)


def cassette_leaks(text: str, secret: str) -> list[str]:
    return [s for s in strings(yaml.safe_load(text)) if leaks(s, secret)]


def b64(data: bytes, prefix: bytes = b"", urlsafe: bool = False) -> str:
    encode = base64.urlsafe_b64encode if urlsafe else base64.b64encode
    return encode(prefix + data + b"!").decode()


ECHOES = {
    "b64": b64(KEY.encode()), "b64_offset1": b64(KEY.encode(), b"x"), "b64_offset2": b64(KEY.encode(), b"xy"),
    "b64url": b64(KEY.encode(), b"?", urlsafe=True), "hex": KEY.encode().hex(), "HEX": KEY.encode().hex().upper(),
    "upper": KEY.upper(), "lower": KEY.lower(), "reversed": KEY[::-1], "first_half": KEY[:len(KEY) // 2],
    "second_half": KEY[len(KEY) // 2:], "words": f"your key: {KEY.upper()}!",
}


@pytest.fixture
def redirect(provider, monkeypatch):  # noqa: F811
    """Send the recorder's requests to the stand-in provider instead of 127.0.0.1:11434."""
    def to_provider(request, redirect_to=None, timeout=60.0):
        return send(request, redirect_to=provider.address, timeout=timeout)

    monkeypatch.setattr("toolkit.contract.record.send", to_provider)
    return provider


def answer(body: bytes, content_type: str = "application/json", **headers: str):
    return lambda request: HttpResponse(200, {"Content-Type": content_type, **headers}, body)


def test_record_cli_replaces_every_echoed_form_of_the_key(run_cli, repo_copy, redirect, monkeypatch):
    redirect.respond = answer(json.dumps({"choices": [{"message": {"content": "ok"}}], **ECHOES}).encode())
    monkeypatch.setenv("OLLAMA_API_KEY", KEY)
    result = run_cli("--project", str(repo_copy), *CHAT)
    assert result.code == 0, result.err
    text = (repo_copy / "contracts/ollama/chat/leak.yaml").read_text()
    assert cassette_leaks(text, KEY) == []
    body = yaml.safe_load(text)["interactions"][0]["response"]["body"]
    assert {body[name] for name in ("hex", "HEX", "upper", "reversed", "first_half")} == {"<OLLAMA_API_KEY>"}
    assert body["words"] == "your key: <OLLAMA_API_KEY>!"


def test_record_cli_refuses_a_form_it_cannot_replace_and_names_where(run_cli, repo_copy, redirect, monkeypatch):
    escaped = "".join(f"\\u{ord(c):04x}" for c in KEY)  # every character \u-escaped, in a text body
    redirect.respond = answer(f"error: key {escaped} is not valid".encode(), "text/plain")
    monkeypatch.setenv("OLLAMA_API_KEY", KEY)
    result = run_cli("--project", str(repo_copy), *CHAT)
    assert result.code == 2
    assert "interactions[0].response.text" in result.err and "OLLAMA_API_KEY" in result.err
    assert "after unescaping" in result.err and "internal error" not in result.err
    assert not leaks(result.err + result.out, KEY)
    assert not (repo_copy / "contracts/ollama/chat/leak.yaml").exists()


def test_record_cli_refuses_a_short_secret_before_sending(run_cli, repo_copy, redirect, monkeypatch):
    monkeypatch.setenv("OLLAMA_API_KEY", "ab" + "cde")
    result = run_cli("--project", str(repo_copy), *CHAT)
    assert result.code == 2 and "internal error" not in result.err
    assert "OLLAMA_API_KEY is 5 character(s) long" in result.err and "shorter than 8" in result.err
    assert "abcde" not in result.err and redirect.received == []
    assert not (repo_copy / "contracts/ollama/chat").joinpath("leak.yaml").exists()


def test_recorder_refuses_a_short_secret_and_accepts_eight_characters(tmp_path):
    with pytest.raises(UnscrubbableSecretError, match="7 character"):
        Recorder(tmp_path / "case.yaml", {"PIN": "1234567"})
    Recorder(tmp_path / "case.yaml", {"PIN": "12345678"})


@pytest.mark.parametrize("prefix", [b"", b"a", b"ab", b"abc"])
@pytest.mark.parametrize("urlsafe", [False, True])
def test_base64_is_replaced_at_every_alignment(prefix, urlsafe):
    encoded = b64(KEY.encode() + b"\xff\xfe", prefix, urlsafe)
    clean = scrub_text(f"data={encoded}", {"KEY": KEY})
    assert "<KEY>" in clean and not leaks(clean, KEY)


@pytest.mark.parametrize("shown, how", [
    ("".join(f"%{b:02X}" for b in KEY.encode()), "after percent-decoding"),
    ("".join(f"&#{ord(c)};" for c in KEY), "after HTML-unescaping"),
    ("".join(f"\\x{b:02x}" for b in KEY.encode()), "after unescaping"),
    (":".join(f"{b:02X}" for b in KEY.encode()), "after hex-decoding"),
    (base64.b64encode(KEY[::-1].encode()).decode(), "after base64-decoding, reversed"),
    (base64.b64encode(KEY.encode().hex().encode()).decode(), "after base64-decoding, then hex-decoding"),
    ("".join(f"%{c:02X}" for c in base64.b64encode(b"." + KEY.encode())),
     "after percent-decoding, then base64-decoding"),
    (KEY[3:3 + len(KEY) // 2].swapcase(), "as written, in part"),
], ids=["percent", "html-entities", "x-escapes", "hex-with-colons", "base64-reversed", "base64-of-hex",
        "percent-of-base64", "half-swapcase"])
def test_the_scan_finds_forms_left_after_scrubbing_and_never_shows_them(shown, how):
    findings = scan(f"text: 'echo {shown} end'\n", secrets={"KEY": KEY})
    assert [f"{f.where}: {f.kind} ({f.excerpt})" for f in findings] == [f"text: the value of secret KEY ({how})"]
    assert not leaks(str(SecretLeakError(findings)), KEY)


def test_request_url_headers_and_body_are_scrubbed_in_every_form(tmp_path, provider):  # noqa: F811
    request = HttpRequest("POST", f"https://api.example.com/v1?sig={b64(KEY.encode(), urlsafe=True)}&q=1",
                          {"X-Debug": KEY.encode().hex().upper(), "Content-Type": "application/json"},
                          json.dumps({"user": KEY[::-1], KEY.lower(): 1}).encode())
    provider.respond = answer(b"{}", **{"x-amzn-ErrorType": b64(KEY.encode(), b"zz")})
    recorder = Recorder(tmp_path / "case.yaml", {"KEY": KEY}, redirect_to=provider.address)
    recorder.send(request)
    recorder.save(blueprint="openai/embedding", description="The key in the request.", input={"text_docs": ["a"]},
                  expected=Expected(output={"echo": KEY.upper()}))
    text = (tmp_path / "case.yaml").read_text()
    assert cassette_leaks(text, KEY) == []
    data = yaml.safe_load(text)
    [interaction] = data["interactions"]
    assert interaction["request"]["url"].startswith("https://api.example.com/v1?sig=<KEY>")
    assert interaction["request"]["headers"]["X-Debug"] == "<KEY>"
    assert interaction["request"]["body"] == {"user": "<KEY>", "<KEY>": 1}
    assert "<KEY>" in interaction["response"]["headers"]["x-amzn-ErrorType"]
    assert data["expected"]["output"] == {"echo": "<KEY>"}


FORMS = {
    "plain": lambda s, pad: s, "upper": lambda s, pad: s.upper(), "lower": lambda s, pad: s.lower(),
    "reversed": lambda s, pad: s[::-1],
    "base64": lambda s, pad: base64.b64encode(pad + s.encode() + pad).decode(),
    "base64url": lambda s, pad: base64.urlsafe_b64encode(pad + s.encode() + pad).decode().rstrip("="),
    "hex": lambda s, pad: (pad + s.encode()).hex(), "HEX": lambda s, pad: (s.encode() + pad).hex().upper(),
    "percent": lambda s, pad: quote(s, safe=""), "u-escaped": lambda s, pad: "".join(f"\\u{ord(c):04x}" for c in s),
    "json-in-json": lambda s, pad: json.dumps({"k": s}),
}
PLACES = ["json value", "json key", "text body", "header", "split"]


@settings(max_examples=50, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(secret=st.text(KEY_ALPHABET, min_size=8, max_size=80), form=st.sampled_from(sorted(FORMS)),
       place=st.sampled_from(PLACES), pad=st.binary(max_size=5),
       filler=st.lists(st.text(string.printable, max_size=30), min_size=1, max_size=4), where=st.integers(0, 3))
def test_recorded_cassettes_never_hold_the_secret_in_any_form(tmp_path_factory, provider, secret, form, place, pad,
                                                              filler, where):  # noqa: F811
    shown = FORMS[form](secret, pad)
    fields = {f"f{i}": text for i, text in enumerate(filler)}
    headers, body, kind = {}, b"", "application/json"
    if place == "split":
        half = len(shown) // 2
        fields.update(a=shown[:half], b=shown[half:])
    elif place == "json key":
        fields[shown] = "value"
    elif place == "header":
        headers["x-amzn-ErrorType"] = shown
    if place == "text body":
        kind = "text/plain"
        body = " ".join(filler[:where] + [shown] + filler[where:]).encode()
    else:
        fields[f"f{where}"] = f"{fields.get(f'f{where}', '')}{shown}"
        body = json.dumps(fields).encode()
    provider.respond = answer(body, kind, **headers)
    path = tmp_path_factory.mktemp("case") / "case.yaml"
    recorder = Recorder(path, {"SECRET": secret}, redirect_to=provider.address)
    with memory_cap(512):
        recorder.send(HttpRequest("POST", "https://api.example.com/v1/echo", {"Authorization": f"Bearer {secret}"},
                                  b'{"q": 1}'))
        try:
            recorder.save(blueprint="openai/embedding", description="An echo of the secret.",
                          input={"text_docs": ["a"]}, expected=Expected(output={}))
        except SecretLeakError as exc:
            event("refused")
            assert not path.exists() and not leaks(str(exc), secret)
            return
    event("written")
    assert cassette_leaks(path.read_text(), secret) == []


def test_the_oracle_sees_every_form():
    secret = "Zq" + "9xW2vB7nM4kL1pR8"
    for name, make in FORMS.items():
        assert leaks(make(secret, b"\x01\x02"), secret), name
    assert leaks(secret[::-1][:9] + "!", secret) and not leaks(secret[:8], secret)
    assert not leaks("an ordinary sentence, nothing in it", secret)
    assert list(strings({"a": ["b", {"c": 1}]})) == ["a", "b", "c"]
