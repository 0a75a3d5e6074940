"""URL (spec 4.7) and headers (spec 1.5 D.1, 4.8)."""

from __future__ import annotations

import pytest

from toolkit.mlcommons.endpoint import URI_ERROR, substitute_url, uri_problem, validate_uri
from toolkit.mlcommons.errors import IllegalArgumentError
from toolkit.mlcommons.headers import (
    decrypt_headers, header_placeholder_error, substitute_headers, validate_header_values,
)
from toolkit.mlcommons.params import escape_request_parameters

URL = "https://bedrock-runtime.${parameters.region}.amazonaws.com/model/${parameters.model}/invoke"


def test_4_7_create_time_uses_connector_parameters_only():
    assert substitute_url(URL, {"region": "us-east-1"}) == \
        "https://bedrock-runtime.us-east-1.amazonaws.com/model/${parameters.model}/invoke"
    assert substitute_url(URL, {}) == URL


def test_4_7_predict_time_values_are_escaped_and_not_url_encoded():
    params = {"region": "us-east-1", **escape_request_parameters({"model": "a/b c"})}
    url = substitute_url(URL, params)
    assert url == "https://bedrock-runtime.us-east-1.amazonaws.com/model/a\\/b c/invoke"
    with pytest.raises(IllegalArgumentError) as caught:
        validate_uri(url)
    assert caught.value.message == URI_ERROR and "a\\\\/b c" in caught.value.hint


@pytest.mark.parametrize("url, ok", [
    ("https://api.openai.com/v1/chat", True), ("https://a.b:8443/x?y=%20#f", True),
    ("https://api.x.com/a b", False), ("https://api.x.com/{x}", False), ("https://a_b.example/x", False),
    ("https://x.com/%zz", False), ("api.openai.com/v1", False), ("https://user@host.example/", True),
])
def test_4_7_uri_problems(url, ok):
    assert (uri_problem(url) is None) is ok


def test_1_5_d1_security_header_and_mcp_messages():
    assert header_placeholder_error("Authorization", "Bearer ${parameters.key}") == \
        "Header 'Authorization' cannot use ${parameters.*} placeholders for security reasons. Use ${credential.*} instead."
    assert header_placeholder_error("X-Custom", "${parameters.v}", "mcp_sse") == \
        "Header 'X-Custom' cannot use ${parameters.*} placeholders in MCP connectors."
    assert header_placeholder_error("X-Custom", "${parameters.v}") is None
    assert header_placeholder_error("authorization", "Bearer ${credential.k}") is None


def test_4_8_unknown_credential_stays_literal():
    assert decrypt_headers({"Authorization": "Bearer ${credential.key} ${credential.nope}"}, {"key": "s3cr3t"}) == \
        {"Authorization": "Bearer s3cr3t ${credential.nope}"}


def test_4_8_request_time_substitution_and_content_type():
    headers = substitute_headers({"Authorization": "Bearer ${credential.k}", "X-Model": "${parameters.m}"},
                                 {"k": "s"}, {"m": "a\\/b"})
    assert headers == {"Authorization": "Bearer s", "X-Model": "a\\/b", "Content-Type": "application/json"}
    assert "Content-Type" not in substitute_headers({"content-type": "text/plain"}, {}, {})


def test_4_8_unresolved_and_refused_headers():
    with pytest.raises(IllegalArgumentError, match=r"^Header 'X-M' contains unresolved placeholder\. "
                                                   r"Required parameter is missing\.$"):
        substitute_headers({"X-M": "${parameters.m}"}, {}, {})
    with pytest.raises(IllegalArgumentError, match="for security reasons"):
        substitute_headers({"Cookie": "${parameters.c}"}, {}, {"c": "x"})


@pytest.mark.parametrize("headers, message", [
    ({"X": "a\nb"}, "Header value contains invalid control character"),
    ({"X": "a\x7f"}, "Header value contains invalid control character"),
    ({"X": "a" * 8192}, "Header size (key + value) exceeds 8KB limit"),
    ({f"X{i}": "a" * 8000 for i in range(9)}, "Total headers size (key + value) exceeds 64KB limit"),
])
def test_4_8_header_value_checks(headers, message):
    with pytest.raises(IllegalArgumentError) as caught:
        validate_header_values(headers)
    assert caught.value.message == message
    validate_header_values({"X": "tab\tis fine"})
