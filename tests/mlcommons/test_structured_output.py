"""Structured output through ``blueprint predict`` (spec 4.5 step 7; ``HttpConnector.injectStructuredOutputParams``,
3.7+): each case is one of ML Commons' ``HttpConnectorTest.createPayload_*`` tests at 950f056, made a CLI call."""

from __future__ import annotations

import json

import pytest

CHAT = "https://api.openai.com/v1/chat/completions"
MESSAGES = '{"model": "gpt-4", "messages": [{"role": "user", "content": "${parameters.input}"}]}'
SCHEMA = ('{"type":"json_schema","json_schema":{"name":"result","schema":{"type":"object","properties":{"facts":'
          '{"type":"array","items":{"type":"string"}}},"required":["facts"]}}}')


def sent(run_cli, tmp_path, request_body: str, parameters: dict, version: str = "3.7",
         connector_parameters: dict | None = None, **action) -> str:
    """The body ``blueprint predict --show-request`` prints for a connector whose action supports structured output."""
    act = {"action_type": "PREDICT", "method": "POST", "url": CHAT, "headers": {"Authorization": "Bearer ${credential.key}"},
           "request_body": request_body, "supports_structured_output": True, **action}
    path = tmp_path / "connector.json"
    path.write_text(json.dumps({"name": "c", "version": "1", "protocol": "http", "parameters": connector_parameters or {},
                                "credential": {"key": "sk-1"}, "actions": [act]}))
    result = run_cli("predict", str(path), "--parameters", json.dumps(parameters), "--show-request",
                     "--opensearch-version", version)
    assert result.code == 0, result.err
    return result.out.split("\n\n")[1]


@pytest.mark.parametrize("test, request_body, parameters, expected", [
    ("createPayload_WithResponseFormatJson_MergesIntoPayload", MESSAGES, {"input": "Hello", "_response_format_json": SCHEMA},
     '{"model":"gpt-4","messages":[{"role":"user","content":"Hello"}],"response_format":' + SCHEMA + "}"),
    ("createPayload_WithoutResponseFormatJson_NoResponseFormatField", MESSAGES, {"input": "Hello"},
     MESSAGES.replace("${parameters.input}", "Hello")),  # nothing changed: the text is not rewritten
    ("createPayload_ResponseFormatJson_IsJsonObjectNotString", '{"messages": [{"role": "user", "content": "${parameters.input}"}]}',
     {"input": "test", "_response_format_json": '{"type":"json_object"}'},
     '{"messages":[{"role":"user","content":"test"}],"response_format":{"type":"json_object"}}'),
    ("createPayload_ResponseFormatJson_InvalidJson_IgnoresParameter", MESSAGES,
     {"input": "test", "_response_format_json": "not-valid-json"}, MESSAGES.replace("${parameters.input}", "test")),
    ("createPayload_ResponseFormatJson_JsonArray_IgnoresParameter", MESSAGES,
     {"input": "test", "_response_format_json": '["not", "an", "object"]'}, MESSAGES.replace("${parameters.input}", "test")),
    ("createPayload_WithDisallowedField_IsNotInjected", MESSAGES,
     {"input": "test", "_model_json": '{"id":"attacker-model"}'}, MESSAGES.replace("${parameters.input}", "test")),
    ("createPayload_WithAllowedCamelCaseField_IsInjected",
     '{"contents": [{"role": "user", "parts": [{"text": "${parameters.input}"}]}]}',
     {"input": "test", "_generationConfig_json": '{"responseMimeType":"application/json"}'},
     '{"contents":[{"role":"user","parts":[{"text":"test"}]}],"generationConfig":{"responseMimeType":"application/json"}}'),
    ("createPayload_WithGenerationConfigAdditionsJson_MergesIntoExistingField",
     '{"generationConfig":{"maxOutputTokens":1024},"contents":[{"role":"user","parts":[{"text":"${parameters.input}"}]}]}',
     {"input": "test", "_generationConfig_additions_json": '{"responseMimeType":"application/json","responseSchema":{"type":"OBJECT"}}'},
     '{"generationConfig":{"maxOutputTokens":1024,"responseMimeType":"application/json","responseSchema":{"type":"OBJECT"}},'
     '"contents":[{"role":"user","parts":[{"text":"test"}]}]}'),
    ("createPayload_WithToolConfigJson_IsInjected",
     '{"messages":[{"role":"user","content":[{"type":"text","text":"${parameters.input}"}]}]}',
     {"input": "test", "_toolConfig_json": '{"tools":[{"toolSpec":{"name":"extract_facts"}}],"toolChoice":{"tool":{"name":"extract_facts"}}}'},
     '{"messages":[{"role":"user","content":[{"type":"text","text":"test"}]}],"toolConfig":{"tools":[{"toolSpec":'
     '{"name":"extract_facts"}}],"toolChoice":{"tool":{"name":"extract_facts"}}}}'),
    ("createPayload_WithGenerationConfigAdditionsJson_CreatesFieldIfAbsent",
     '{"contents":[{"role":"user","parts":[{"text":"${parameters.input}"}]}]}',
     {"input": "test", "_generationConfig_additions_json": '{"responseMimeType":"application/json"}'},
     '{"contents":[{"role":"user","parts":[{"text":"test"}]}],"generationConfig":{"responseMimeType":"application/json"}}'),
    ("createPayload_ArrayPayload_StructuredOutputNotInjected", '[{"role":"user","content":"hello"}]',
     {"_response_format_json": '{"type":"json_object"}'}, '[{"role":"user","content":"hello"}]'),
    ("createPayload_EmptyFieldNameKey_DoesNotThrow", '{"messages":[{"role":"user","content":"${parameters.input}"}]}',
     {"input": "test", "_additions_json": '{"type":"json_object"}', "_json": '{"type":"json_object"}'},
     '{"messages":[{"role":"user","content":"test"}]}'),
    ("createPayload_BothReplaceAndMergeForSameField_ReplaceTakesPrecedence",
     '{"messages":[{"role":"user","content":"${parameters.input}"}]}',
     {"input": "test", "_response_format_json": '{"type":"json_schema"}', "_response_format_additions_json": '{"extra":"field"}'},
     '{"messages":[{"role":"user","content":"test"}],"response_format":{"type":"json_schema","extra":"field"}}'),
])
def test_http_connector_test_create_payload(run_cli, tmp_path, test, request_body, parameters, expected):
    """HttpConnectorTest.<test>: the exact body sent (the Java test checks parts of it)."""
    assert sent(run_cli, tmp_path, request_body, parameters) == expected


def test_before_3_7_the_parameters_are_ignored(run_cli, tmp_path):
    """The field and the injection arrive together in 3.7 (#4824); 3.6 sends the body as substituted."""
    parameters = {"input": "Hello", "_response_format_json": '{"type":"json_object"}'}
    assert sent(run_cli, tmp_path, MESSAGES, parameters, "3.6") == MESSAGES.replace("${parameters.input}", "Hello")
    assert sent(run_cli, tmp_path, MESSAGES, parameters, "3.7").endswith(',"response_format":{"type":"json_object"}}')


def test_without_supports_structured_output_nothing_is_injected(run_cli, tmp_path):
    parameters = {"input": "Hello", "_response_format_json": '{"type":"json_object"}'}
    assert sent(run_cli, tmp_path, MESSAGES, parameters, supports_structured_output=False) == \
        MESSAGES.replace("${parameters.input}", "Hello")


def test_a_rewritten_body_is_gson_json(run_cli, tmp_path):
    """The body is read back by Gson and written compactly: commons-text escapes of a request value
    (``\\u00E9``, ``\\/``) come out as the characters, as in ML Commons' ``body.toString()``."""
    parameters = {"input": "café a/b", "_response_format_json": "{'type':'json_object'}"}  # lenient JSON: isJson
    assert sent(run_cli, tmp_path, MESSAGES, parameters) == \
        '{"model":"gpt-4","messages":[{"role":"user","content":"café a/b"}],"response_format":{"type":"json_object"}}'


@pytest.mark.parametrize("connector_parameters, order", [
    ({}, ["response_format", "toolConfig"]),
    ({f"p{i}": "x" for i in range(20)}, ["toolConfig", "response_format"]),
])
def test_new_fields_follow_the_parameter_hashmap_order(run_cli, tmp_path, connector_parameters, order):
    """Fields added in one pass land in the order ML Commons iterates its parameter ``HashMap``, whose size
    (here the connector's parameters) decides the buckets; checked against Gson and HashMap on a JVM."""
    parameters = {"input": "x", "_response_format_json": '{"a":1}', "_toolConfig_json": '{"b":2}'}
    body = json.loads(sent(run_cli, tmp_path, MESSAGES, parameters, connector_parameters=connector_parameters))
    assert list(body)[2:] == order
