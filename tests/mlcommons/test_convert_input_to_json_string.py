"""``pre_process_function.convert_input_to_json_string`` through ``blueprint predict`` (spec 5.3; 2.12+,
``DefaultPreProcessFunction.process``): the script's ``params`` is ``{"parameters": <the whole input as JSON text>}``,
``convertScriptStringToJsonString(Map.of("parameters", input))``; the spec's "each top-level field becomes a string"
is not what the source does. Cases from ``DefaultPreProcessFunctionTest`` at 950f056."""

from __future__ import annotations

import json

import pytest

SCRIPT = ("return '{\"parameters\":{\"input\":' + params.parameters + ',\"kind\":\"' + "
          "(params.parameters instanceof String ? 'text' : 'none') + '\"}}';")


def sent(run_cli, tmp_path, script: str, version: str, flag: str = "true",
         body: str = '{"input": ${parameters.input}, "kind": "${parameters.kind:-none}"}') -> str:
    conn = {"name": "c", "version": "1", "protocol": "http", "credential": {"k": "v"},
            "parameters": {"pre_process_function.convert_input_to_json_string": flag},
            "actions": [{"action_type": "PREDICT", "method": "POST", "url": "https://api.openai.com/v1/embeddings",
                         "pre_process_function": script,
                         "request_body": body}]}
    path = tmp_path / "connector.json"
    path.write_text(json.dumps(conn))
    result = run_cli("predict", str(path), "--show-request", "--text-docs", 'say "hi" <b>', "--opensearch-version", version)
    assert result.code == 0, result.err
    return result.out.split("\n\n")[1]


@pytest.mark.parametrize("version, expected", [
    ("2.11", '{"input": null, "kind": "none"}'),  # no such parameter yet: params has no "parameters"
    ("2.12", '{"input": {"algorithm":"TEXT_EMBEDDING","text_docs":["say \\\\\\"hi\\\\\\" \\\\u003cb\\\\u003e"]}, "kind": "text"}'),
    ("3.3", '{"input": {"algorithm":"TEXT_EMBEDDING","text_docs":["say \\\\\\"hi\\\\\\" <b>"]}, "kind": "text"}'),
])
def test_the_script_gets_the_input_as_one_json_string(run_cli, tmp_path, version, expected):
    """The docs are Gson-escaped (processTextDoc), then the input map is Gson-written again: HTML-safe
    before 3.3 (``\\u003c``), as is; the script's output JSON is read and written once more."""
    assert sent(run_cli, tmp_path, SCRIPT, version) == expected


def test_without_the_flag_the_script_gets_the_input_map(run_cli, tmp_path):
    script = "return '{\"parameters\":{\"input\":\"' + params.text_docs[0].length() + '\"}}';"
    assert sent(run_cli, tmp_path, script, "3.7", flag="false") == '{"input": 14, "kind": "none"}'


def test_default_pre_process_function_test_process_correct_input(run_cli, tmp_path):
    """DefaultPreProcessFunctionTest.process_CorrectInput: the script's ``parameters`` become the request's."""
    script = "return '{\"parameters\": { \"input\": \"test doc1\" } }';"
    assert sent(run_cli, tmp_path, script, "3.7", body='{"input": "${parameters.input}"}') == '{"input": "test doc1"}'
