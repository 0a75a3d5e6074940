"""Parameter strings, isJson, escaping and merge order (spec 4.1-4.3)."""

from __future__ import annotations

import json

import pytest

from toolkit.mlcommons.params import (
    escape_request_parameters, is_json, is_json_or_ndjson, merge_parameters, no_escape_keys, parameter_map,
    parameter_string,
)


@pytest.mark.parametrize("text, expected", [
    ('"raw \\"text\\" / café"', 'raw "text" / café'),
    ("1", "1"), ("1.0", "1.0"), ("0.00001", "1.0E-5"), ("1e21", "1.0E21"), ("100000.0", "100000.0"),
    ("-0.0", "-0.0"), ("12345678901", "12345678901"), ("true", "true"), ("null", "null"),
    ('[1, 2.5, "a/é", null]', '[1,2.5,"a/é",null]'),
    ('{"b": {"y": 1, "x": [true]}}', '{"b":{"x":[true],"y":1}}'),
])
def test_4_2_parameter_string(text, expected):
    assert parameter_string(json.loads(text)) == expected


def test_4_2_object_keys_follow_java_hashmap_order():
    keys = ["role", "content", "name", "temperature", "max_tokens", "messages", "model"]
    text = parameter_string({key: 1 for key in keys})
    assert list(json.loads(text)) == ["role", "max_tokens", "name", "temperature", "messages", "model", "content"]


def test_4_2_parameter_map_stringifies_each_value():
    assert parameter_map({"a": "x", "b": 2, "c": None}) == {"a": "x", "b": "2", "c": "null"}


@pytest.mark.parametrize("text, expected", [
    ('{"a":1}', True), ("[1,2]", True), (" [] ", True), ("{}", True),
    ('"x"', False), ("5", False), ("true", False), ("null", False), ("", False), ("   ", False), (None, False),
    ('{"a":1} x', False), ('{"a":1,"a":2}', False),
    ("[1,]", True), ("[NaN]", True), ("{a:1}", True),  # org.json and lenient Gson both read them (test_isjson.py)
])
def test_4_3_is_json(text, expected):
    assert is_json(text) is expected


def test_4_5_is_json_or_ndjson_checks_every_nonblank_line():
    assert is_json_or_ndjson('{"index":{}}\r\n  {"a":1}  \n\n')
    assert not is_json_or_ndjson('{"index":{}}\nnot json')
    assert not is_json_or_ndjson("\n\n")


def test_4_3_escape_uses_commons_text_and_skips_json_null_and_no_escape_keys():
    params = {"s": 'He said "hi" / café\n😀', "j": '["a"]', "n": None, "raw": 'a"b', "num": "5",
              "no_escape_params": " raw , other"}
    escaped = escape_request_parameters(params)
    assert escaped["s"] == 'He said \\"hi\\" \\/ caf\\u00E9\\n\\uD83D\\uDE00'
    assert escaped["j"] == '["a"]' and escaped["n"] is None and escaped["raw"] == 'a"b' and escaped["num"] == "5"


def test_4_3_explicit_no_escape_list():
    assert escape_request_parameters({"a": "x/y", "b": "x/y"}, ["a"]) == {"a": "x/y", "b": "x\\/y"}
    assert no_escape_keys(" a,b ,") == {"a", "b", ""}


def test_4_1_merge_precedence_connector_algorithm_preprocess_request():
    merged = merge_parameters({"k": "connector", "c": "1"}, {"k": "request"}, {"k": 2, "alg": 0.5}, {"k": "pre", "p": "x"})
    assert merged == {"k": "request", "c": "1", "alg": "0.5", "p": "x"}
    assert merge_parameters({"k": "c"}, None, {"k": [1]}, {"p": "x"})["k"] == "[1]"
    assert merge_parameters({"k": "c"}, None, {"k": 1}, {"k": "pre"})["k"] == "pre"
