"""Payload construction (spec 4.5) and the worked examples of 4.10, byte for byte."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from toolkit.mlcommons.errors import IllegalArgumentError, IllegalStateError, StringIndexOutOfBoundsError
from toolkit.mlcommons.params import escape_request_parameters, is_json, merge_parameters, parameter_map
from toolkit.mlcommons.payload import (
    add_tostring_parameters, build_payload, fill_null_defaults, missing_placeholders, validate_payload,
)


def _predict_params(connector: dict, request: dict) -> dict:
    """Connector parameters and a REST request's parameters, merged as in spec 4.1-4.3."""
    return merge_parameters(parameter_map(connector), escape_request_parameters(parameter_map(request)))


def test_4_10_1_chat_with_mixed_value_types():
    request = {"messages": [{"role": "user", "content": 'Say "hi" / café'}], "max_tokens": 100,
               "temperature": 0.00001, "flag": True, "nothing": None, "prompt": 'Line1\nHe said "hi" / café'}
    body = ('{"model":"${parameters.model}","messages":${parameters.messages},"max_tokens":${parameters.max_tokens},'
            '"temperature":${parameters.temperature},"flag":${parameters.flag},"nothing":"${parameters.nothing}",'
            '"prompt":"${parameters.prompt}"}')
    expected = ('{"model":"gpt-4o","messages":[{"role":"user","content":"Say \\"hi\\" / café"}],"max_tokens":100,'
                '"temperature":1.0E-5,"flag":true,"nothing":"null","prompt":"Line1\\nHe said \\"hi\\" \\/ caf\\u00E9"}')
    assert build_payload(body, _predict_params({"model": "gpt-4o"}, request)) == expected


def test_4_10_2_tostring_through_a_prompt_parameter():
    params = _predict_params({"prompt": "Context: ${parameters.context.toString()}"}, {"context": ['doc "1"', "doc2"]})
    assert build_payload('{"prompt":"${parameters.prompt}"}', params) == \
        '{"prompt":"Context: [\\"doc \\\\\\"1\\\\\\"\\",\\"doc2\\"]"}'
    direct = '{"prompt":"${parameters.context.toString()}"}'
    with pytest.raises(IllegalArgumentError) as caught:
        build_payload(direct, _predict_params({}, {"context": ['doc "1"', "doc2"]}))
    assert caught.value.message == "Some parameter placeholder not filled in payload: context.toString()"
    # 4.5 step 3: it does resolve when some parameter value (here prompt) also contains it
    assert build_payload(direct, params) == r'{"prompt":"[\"doc \\\"1\\\"\",\"doc2\"]"}'


def test_4_10_3_quoted_json_looking_string_is_an_invalid_payload():
    with pytest.raises(IllegalArgumentError) as caught:
        build_payload('{"input":"${parameters.input}"}', _predict_params({}, {"input": '["a"]'}))
    assert caught.value.message == 'Invalid payload: {"input":"["a"]"}'


def test_4_10_4_default_and_literal_dollar():
    params = _predict_params({}, {"q": "{name} is 5$"})
    assert build_payload('{"q":"${parameters.q}","n":${parameters.n:-256}}', params) == '{"q":"{name} is 5$","n":256}'


def test_4_10_5_connector_parameters_are_not_escaped():
    create = json.loads('{"system": "Be \\"nice\\""}')
    with pytest.raises(IllegalArgumentError, match=r'^Invalid payload: \{"s":"Be "nice""\}$'):
        build_payload('{"s":"${parameters.system}"}', _predict_params(create, {}))
    pre_escaped = json.loads('{"system": "Be \\\\\\"nice\\\\\\"\\\\n"}')
    assert build_payload('{"s":"${parameters.system}"}', _predict_params(pre_escaped, {})) == '{"s":"Be \\"nice\\"\\n"}'


def test_4_5_step1_no_request_body_returns_http_body():
    assert build_payload(None, {"http_body": '{"a":1}'}) == '{"a":1}'
    assert build_payload(None, {}) is None


def test_4_5_step2_null_default_only_when_absent_or_null():
    body = '{"a":"${parameters.a:-null}","b":"${parameters.b:-null}","c":"${parameters.c.d:-null}"}'
    assert fill_null_defaults(body, {"a": None, "b": "null"}) == \
        '{"a":null,"b":"${parameters.b:-null}","c":"${parameters.c.d:-null}"}'
    assert build_payload('{"a":"${parameters.a:-null}"}', {"a": "null"}) == '{"a":"null"}'


def test_4_5_step3_tostring_parameters_use_gson_escaping():
    params = add_tostring_parameters({"p": "x ${parameters.v.toString()}", "v": 'a/"é"\u2028\x01'})
    assert params["v.toString()"] == 'a/\\"é\\"\\u2028\\u0001'
    assert "w.toString()" not in add_tostring_parameters({"p": "${parameters.w.toString()}"})


def test_4_5_step5_invalid_payload_comes_before_missing_placeholders():
    with pytest.raises(IllegalArgumentError) as caught:
        build_payload('{"n": ${parameters.n}}', {})
    assert caught.value.message == 'Invalid payload: {"n": ${parameters.n}}'


def test_4_5_ndjson_payload_is_accepted():
    assert build_payload('{"index":{}}\n{"t":"${parameters.t}"}\n', {"t": "x"}) == '{"index":{}}\n{"t":"x"}\n'


def test_4_5_missing_placeholder_check_and_skip_flag():
    with pytest.raises(IllegalArgumentError) as caught:
        build_payload('{"a":"${parameters.a}","b":"${parameters.b}"}', {})
    assert caught.value.message == "Some parameter placeholder not filled in payload: a, b"
    assert build_payload('{"a":"${parameters.a}"}', {"skip_validating_missing_parameters": "TRUE"}) == \
        '{"a":"${parameters.a}"}'
    assert missing_placeholders("${parameters.a} ${parameters.b\nc}") == ["a", "b\nc"]


def test_4_5_string_index_out_of_bounds_edge_case():
    with pytest.raises(StringIndexOutOfBoundsError):
        validate_payload('{"a":"${parameters}"}')
    validate_payload('{"a":"${credential.x}"}')


def test_4_5_cycle_propagates_as_illegal_state():
    with pytest.raises(IllegalStateError):
        build_payload('{"a":"${parameters.a}"}', {"a": "${parameters.a}"})


_TRICKY = st.text(alphabet=st.sampled_from(['"', "\\", "\n", "\r", "\t", "/", "é", "😀", "\u2028", "\x00", "\x7f",
                                           "{", "}", "[", "]", ":", ",", "a", " ", "$"]), max_size=20)
_VALUES = st.one_of(_TRICKY, st.sampled_from(['["a"]', '{"k": 1}', " [1, 2] ", "{a:1}", '"x"', "5", "[", "null"]),
                    st.text(max_size=15))


@settings(max_examples=300, deadline=None)
@given(value=_VALUES.filter(lambda v: "${" not in v))
def test_4_3_quoted_request_string_is_valid_json_unless_is_json(value):
    """A string that is not isJson is escaped, so the quoted payload is valid and decodes to it. One
    that isJson goes in raw: the payload is valid only if the raw text needs no escaping (``[1, 2]``
    is fine between quotes, ``["a"]`` is not)."""
    body = '{"x":"${parameters.x}"}'
    params = _predict_params({}, {"x": value})
    if not is_json(value):
        assert json.loads(build_payload(body, params)) == {"x": value}
    elif any(c in value for c in '"\\') or any(ord(c) < 0x20 for c in value):
        with pytest.raises(IllegalArgumentError, match="^Invalid payload: "):
            build_payload(body, params)
    else:
        assert build_payload(body, params) == '{"x":"' + value + '"}'


@settings(max_examples=200, deadline=None)
@given(items=st.lists(_TRICKY, max_size=4))
def test_4_3_unquoted_arrays_are_always_valid(items):
    payload = build_payload('{"x":${parameters.x}}', _predict_params({}, {"x": items}), validate=False)
    assert json.loads(payload) == {"x": items}
