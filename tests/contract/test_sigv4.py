"""SigV4 (spec 7) against botocore's SigV4Auth: same canonical request, same Authorization header."""

from __future__ import annotations

import datetime as dt
import hashlib
from unittest import mock

import pytest
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

from toolkit.contract.http import HttpRequest
from toolkit.mlcommons.sigv4 import UNSIGNED_PAYLOAD, sign, verify

from .conftest import AWS_ACCESS_KEY, AWS_SECRET_KEY, AWS_SESSION_TOKEN

NOW = dt.datetime(2026, 11, 26, 23, 59, 58, tzinfo=dt.timezone.utc)

CASES = [
    ("bedrock titan", "POST", "https://bedrock-runtime.us-east-1.amazonaws.com/model/amazon.titan-embed-text-v2:0/invoke",
     {"Content-Type": "application/json"}, b'{"inputText": "hello"}', "us-east-1", "bedrock"),
    ("unicode body", "POST", "https://bedrock-runtime.eu-west-3.amazonaws.com/model/anthropic.claude-3-haiku/converse",
     {"Content-Type": "application/json; charset=utf-8"}, '{"text": "héllo 世界 🚀"}'.encode(), "eu-west-3", "bedrock"),
    ("query string", "GET", "https://runtime.sagemaker.us-west-2.amazonaws.com/endpoints/my-ep/invocations?b=2&a=x%20y&a=1&c=",
     {"Accept": "application/json"}, b"", "us-west-2", "sagemaker"),
    ("dot segments and spaces", "POST", "https://comprehend.us-east-2.amazonaws.com/a/./b/../c%20d/",
     {"Content-Type": "application/x-amz-json-1.1", "X-Amz-Target": "Comprehend_20171127.DetectDominantLanguage"},
     b'{"Text": "bonjour"}', "us-east-2", "comprehend"),
    ("extra spaces in header", "POST", "https://textract.ap-south-1.amazonaws.com/",
     {"Content-Type": "application/json", "X-Custom": "  a   b  c ", "User-Agent": "ignored/1.0"}, b"{}",
     "ap-south-1", "textract"),
    ("port", "POST", "https://localhost:8443/model/m/invoke", {"Content-Type": "application/json"}, b"{}",
     "us-east-1", "bedrock"),
]


def botocore_authorization(request: HttpRequest, region: str, service: str, token: str | None,
                           content_sha256: str) -> str:
    """botocore uses a given X-Amz-Content-SHA256 as the payload hash, as the AWS SDK v2 signer does."""
    aws = AWSRequest(method=request.method, url=request.url, data=request.body,
                     headers={**request.headers, "X-Amz-Content-SHA256": content_sha256})
    with mock.patch("botocore.auth.get_current_datetime", return_value=NOW.replace(tzinfo=None)):
        SigV4Auth(Credentials(AWS_ACCESS_KEY, AWS_SECRET_KEY, token), service, region).add_auth(aws)
    return aws.headers["Authorization"]


@pytest.mark.parametrize("token", [None, AWS_SESSION_TOKEN], ids=["basic", "session"])
@pytest.mark.parametrize("name, method, url, headers, body, region, service", CASES, ids=[c[0] for c in CASES])
def test_same_authorization_as_botocore(name, method, url, headers, body, region, service, token):
    request = HttpRequest(method, url, headers, body)
    signed = sign(request, AWS_ACCESS_KEY, AWS_SECRET_KEY, region, service, token, NOW)
    assert signed.header("x-amz-date") == "20261126T235958Z"
    assert signed.header("x-amz-content-sha256") == hashlib.sha256(body).hexdigest()
    assert signed.header("x-amz-security-token") == token
    assert signed.header("authorization") == botocore_authorization(request, region, service, token,
                                                                   hashlib.sha256(body).hexdigest())
    assert verify(signed, AWS_SECRET_KEY)


def test_unsigned_payload_matches_botocore():
    request = HttpRequest(*CASES[0][1:5])
    signed = sign(request, AWS_ACCESS_KEY, AWS_SECRET_KEY, "us-east-1", "bedrock", None, NOW, payload_signing=False)
    assert signed.header("x-amz-content-sha256") == UNSIGNED_PAYLOAD
    assert signed.header("authorization") == botocore_authorization(request, "us-east-1", "bedrock", None, UNSIGNED_PAYLOAD)


def test_resigning_replaces_old_auth_headers():
    request = HttpRequest(*CASES[0][1:5])
    once = sign(request, AWS_ACCESS_KEY, AWS_SECRET_KEY, "us-east-1", "bedrock", AWS_SESSION_TOKEN, NOW)
    twice = sign(once, AWS_ACCESS_KEY, AWS_SECRET_KEY, "us-east-1", "bedrock", AWS_SESSION_TOKEN, NOW)
    assert twice.headers == once.headers


def test_authorization_shape():
    signed = sign(HttpRequest(*CASES[0][1:5]), AWS_ACCESS_KEY, AWS_SECRET_KEY, "us-east-1", "bedrock", None, NOW)
    assert signed.header("authorization").startswith(
        f"AWS4-HMAC-SHA256 Credential={AWS_ACCESS_KEY}/20261126/us-east-1/bedrock/aws4_request, "
        "SignedHeaders=content-type;host;x-amz-content-sha256;x-amz-date, Signature=")


@pytest.mark.parametrize("tamper", [
    lambda r: HttpRequest(r.method, r.url, r.headers, r.body + b" "),
    lambda r: HttpRequest(r.method, r.url + "?x=1", r.headers, r.body),
    lambda r: HttpRequest("PUT", r.url, r.headers, r.body),
    lambda r: HttpRequest(r.method, r.url, {**r.headers, "Content-Type": "text/plain"}, r.body),
    lambda r: HttpRequest(r.method, r.url, {k: v for k, v in r.headers.items() if k != "X-Amz-Date"}, r.body),
])
def test_verify_detects_tampering(tamper):
    signed = sign(HttpRequest(*CASES[0][1:5]), AWS_ACCESS_KEY, AWS_SECRET_KEY, "us-east-1", "bedrock", None, NOW)
    assert verify(signed, AWS_SECRET_KEY)
    assert not verify(tamper(signed), AWS_SECRET_KEY)
    assert not verify(signed, AWS_SECRET_KEY + "x")
