"""Scrubbing: secrets planted in request and response headers, URLs and bodies (plain, JSON-escaped,
URL-encoded) never reach the text; deny-listed headers keep only their scheme; the scan fails closed."""

from __future__ import annotations

import json
from urllib.parse import quote, quote_plus

import pytest

from toolkit.contract.http import HttpRequest, HttpResponse
from toolkit.contract.scrub import (SecretLeakError, scan, scrub_headers, scrub_request, scrub_response, scrub_text,
                                    secret_forms)

from .conftest import AWS_ACCESS_KEY, GOOGLE_KEY, ODD_SECRET, OPENAI_KEY, SECRETS


@pytest.mark.parametrize("form", secret_forms(ODD_SECRET))
def test_every_form_of_a_secret_is_replaced(form):
    text = f'{{"note": "before {form} after"}}'
    assert scrub_text(text, SECRETS) == '{"note": "before <ODD_SECRET> after"}'


def test_forms_cover_json_gson_and_url_encodings():
    forms = set(secret_forms(ODD_SECRET))
    assert {json.dumps(ODD_SECRET)[1:-1], quote(ODD_SECRET, safe=""), quote_plus(ODD_SECRET)} <= forms
    assert any("\\u003d" in f for f in forms)  # Gson escapes = < > & ' as \u00XX
    assert any("%3d" in f for f in forms)       # lower-case percent escapes


def test_request_scrubbed_everywhere():
    body = json.dumps({"key": OPENAI_KEY, "nested": {"escaped": json.dumps({"k": ODD_SECRET})}})
    request = HttpRequest(
        "POST", f"https://example.com/v1?token={quote(ODD_SECRET)}&key={GOOGLE_KEY}&page=2",
        {"Authorization": f"Bearer {OPENAI_KEY}", "X-Api-Key": "unknown-credential-value", "Cookie": "session=abc123",
         "X-Trace": f"prefix-{AWS_ACCESS_KEY}"}, body.encode())
    clean = scrub_request(request, SECRETS)
    assert clean.headers == {"Authorization": "Bearer <OPENAI_API_KEY>", "X-Api-Key": "<REDACTED_X_API_KEY>",
                             "Cookie": "<REDACTED_COOKIE>", "X-Trace": "prefix-<AWS_ACCESS_KEY_ID>"}
    assert clean.url == "https://example.com/v1?token=<ODD_SECRET>&key=<REDACTED_KEY>&page=2"
    assert json.loads(clean.body) == {"key": "<OPENAI_API_KEY>", "nested": {"escaped": '{"k": "<ODD_SECRET>"}'}}


def test_response_scrubbed():
    response = HttpResponse(200, {"Set-Cookie": "id=xyz; Path=/", "openai-organization": "org-123456",
                                  "Content-Type": "application/json"},
                            json.dumps({"echo": f"your key is {OPENAI_KEY}"}).encode())
    clean = scrub_response(response, SECRETS)
    assert clean.headers["Set-Cookie"] == "<REDACTED_SET_COOKIE>"
    assert clean.headers["openai-organization"] == "<REDACTED_OPENAI_ORGANIZATION>"
    assert OPENAI_KEY not in clean.body.decode() and "<OPENAI_API_KEY>" in clean.body.decode()


def test_sigv4_authorization_keeps_its_structure():
    auth = (f"AWS4-HMAC-SHA256 Credential={AWS_ACCESS_KEY}/20260101/us-east-1/bedrock/aws4_request, "
            f"SignedHeaders=host;x-amz-date, Signature={'ab' * 32}")
    assert scrub_headers({"Authorization": auth}, SECRETS)["Authorization"] == (
        "AWS4-HMAC-SHA256 Credential=<AWS_ACCESS_KEY_ID>/20260101/us-east-1/bedrock/aws4_request, "
        "SignedHeaders=host;x-amz-date, Signature=<SIGV4_SIGNATURE>")
    unknown = scrub_headers({"Authorization": auth}, {})["Authorization"]
    assert "Credential=<REDACTED_AUTHORIZATION>/20260101" in unknown


def test_placeholders_are_left_alone():
    headers = {"Authorization": "Bearer <OPENAI_API_KEY>", "x-api-key": "<COHERE_API_KEY>"}
    assert scrub_headers(headers, SECRETS) == headers


def test_short_secrets_are_refused():
    with pytest.raises(ValueError, match="shorter"):
        scrub_text("abc", {"PIN": "1234"})
    with pytest.raises(ValueError, match="upper-case"):
        scrub_text("abc", {"lower": "a-long-secret"})


@pytest.mark.parametrize("leak, kind", [
    (OPENAI_KEY, "sk-"),
    (AWS_ACCESS_KEY, "AWS access key id"),
    (GOOGLE_KEY, "AIza"),
    ("gh" + "p_" + "a1B2" * 9, "GitHub token"),
    ("-----BEGIN RSA " + "PRIVATE KEY-----", "private key"),
    ("Bearer " + "abcdefghijkl0123456789", "bearer token"),
])
def test_scan_finds_key_shapes(leak, kind):
    findings = scan(f"a: 1\nb: 'x {leak} y'\n")
    assert any(kind in f.kind for f in findings) and all(f.where == "line 2" for f in findings)
    assert leak not in str(SecretLeakError(findings))  # the report masks what it found


def test_scan_finds_high_entropy_header_values_only():
    token = "Zx8" + "Qm2vT9pLr4Kw7Nc1Hs6Jd3Fb"
    assert scan("", [("headers.X-Custom", f"v={token}")])[0].kind == "high-entropy string in a header"
    assert scan(f"body: {token}\n") == []  # bodies are full of ids and embeddings: key shapes only
    assert scan("", [("headers.x-amz-content-sha256", "ab12" * 16)]) == []  # hex digests are not secrets


def test_scan_finds_a_known_secret_in_any_form():
    assert scan(f"x: {quote(ODD_SECRET)}\n", secrets=SECRETS)[0].kind == "the value of secret ODD_SECRET"


def test_scan_accepts_placeholders_and_clean_text():
    text = "Authorization: Bearer <OPENAI_API_KEY>\nurl: https://api.openai.com/v1/embeddings\n"
    assert scan(text, [("headers.Authorization", "Bearer <OPENAI_API_KEY>")], SECRETS) == []
