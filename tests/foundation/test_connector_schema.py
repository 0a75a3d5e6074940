"""connector.schema.json against the create-body rules of ../shared/spec/mlcommons-connectors.md section 1."""

from __future__ import annotations

import copy

import pytest

from toolkit.manifest import schema_errors

BASE = {
    "name": "OpenAI embeddings",
    "description": "d",
    "version": "1",
    "protocol": "http",
    "parameters": {"model": "m", "dimensions": 3},
    "credential": {"openAI_key": "<KEY>"},
    "actions": [{
        "action_type": "predict",
        "method": "POST",
        "url": "https://api.openai.com/v1/embeddings",
        "headers": {"Authorization": "Bearer ${credential.openAI_key}"},
        "request_body": "{\"input\": ${parameters.input}}",
    }],
}


def variant(**changes):
    body = copy.deepcopy(BASE)
    for dotted, value in changes.items():
        target = body
        *parents, last = dotted.split("__")
        for key in parents:
            target = target[int(key)] if key.isdigit() else target[key]
        if value is DELETE:
            del target[last]
        else:
            target[last] = value
    return body


DELETE = object()


def valid(body) -> bool:
    return schema_errors("connector.schema.json", body) == []


def test_base_is_valid():
    assert valid(BASE)


@pytest.mark.parametrize("changes", [
    {"version": 1},                                  # 1.2: 1 and "1" both accepted
    {"actions": []},                                 # 1.2: an empty array passes creation
    {"actions__0__action_type": "Predict"},          # 1.3: case-insensitive
    {"actions__0__action_type": "batch_predict"},
    {"actions__0__method": "post"},                  # 1.3: upper-cased at predict time
    {"actions__0__name": "embed_v2-a"},              # 1.3: since 3.5
    {"client_config": {"retry_backoff_policy": "Exponential_Full_Jitter", "max_retry_times": -1}},  # 1.4
    {"access_mode": "restricted", "backend_roles": ["ml"]},
    {"name": 123},                                   # 1.2: scalars become text
])
def test_accepted_like_ml_commons(changes):
    assert valid(variant(**changes))


@pytest.mark.parametrize("changes, why", [
    ({"credentials": {"a": "b"}}, "1.2: unknown keys are silently ignored by ML Commons: always a mistake"),
    ({"paramters": {}}, "1.2: typo"),
    ({"protocol": "HTTP"}, "1.2: protocol is case-sensitive"),
    ({"protocol": "grpc"}, "1.5 B.7: unsupported protocol"),
    ({"name": DELETE}, "1.5 B.1: Connector name is null"),
    ({"version": DELETE}, "1.5 B.2: Connector version is null"),
    ({"credential": {}}, "1.5 B.4: credential is null or empty"),
    ({"credential": DELETE}, "1.5 B.4"),
    ({"actions": DELETE}, "2.3: No actions configured for this connector"),
    ({"actions__0__request_body": {"input": "x"}}, "1.3: request_body must be a JSON-encoded string"),
    ({"actions__0__action_type": "PREDICTS"}, "1.3: No enum constant"),
    ({"actions__0__action_type": DELETE}, "1.3: action type can't be null"),
    ({"actions__0__url": DELETE}, "1.3: url can't be null"),
    ({"actions__0__method": DELETE}, "1.3: method can't be null"),
    ({"actions__0__method": "PATCH"}, "1.3: unsupported http method at predict time"),
    ({"actions__0__name": "predict"}, "1.3: name can't be one of action type"),
    ({"actions__0__name": "has space"}, "1.3: invalid characters"),
    ({"actions__0__name": "a" * 65}, "1.3: exceeds maximum length of 64"),
    ({"actions__0__headers": {"x": 1}}, "1.3: headers are strings"),
    ({"actions__0__pre_process_funtion": "x"}, "1.3: unknown action keys are ignored"),
    ({"access_mode": "PUBLIC"}, "1.2: only lowercase is recognised; others silently become null"),
    ({"client_config": {"retry_backoff_policy": "linear"}}, "1.4: Unsupported retry backoff policy"),
    ({"client_config": {"read_timout": 3}}, "1.4: unknown client_config key"),
    ({"backend_roles": "ml"}, "1.2: backend_roles must be an array"),
])
def test_rejected(changes, why):
    assert not valid(variant(**changes)), why


AWS = {
    "name": "Bedrock", "version": "1", "protocol": "aws_sigv4",
    "parameters": {"region": "us-east-1", "service_name": "bedrock"},
    "credential": {"access_key": "<AK>", "secret_key": "<SK>"},
    "actions": [{"action_type": "predict", "method": "POST",
                 "url": "https://bedrock-runtime.us-east-1.amazonaws.com/model/m/invoke", "request_body": "{}"}],
}


def test_aws_sigv4_rules():  # spec 1.5 D.6 and 7
    assert valid(AWS)
    moved = copy.deepcopy(AWS)
    moved["credential"]["region"] = moved["parameters"].pop("region")
    assert valid(moved), "region may be in the credential"
    for key in ("region", "service_name"):
        broken = copy.deepcopy(AWS)
        del broken["parameters"][key]
        assert not valid(broken), f"Missing {key}"
    broken = copy.deepcopy(AWS)
    del broken["credential"]["secret_key"]
    assert not valid(broken), "Missing credential"
    managed = copy.deepcopy(AWS)
    managed["credential"] = {"roleArn": "arn:aws:iam::123456789012:role/r"}
    assert valid(managed), "roleArn: the managed service accepts it (the checker says so as info)"


def test_mcp_needs_url_not_credential():  # spec 1.5 B.4 and B.6, 8.1
    assert valid({"name": "m", "version": "1", "protocol": "mcp_streamable_http", "url": "https://mcp.example.com"})
    assert not valid({"name": "m", "version": "1", "protocol": "mcp_sse"})
    assert not valid({"name": "m", "version": "1", "protocol": "mcp_sse", "url": "  "})
