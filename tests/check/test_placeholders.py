"""Placeholder rules (BP2xx) on realistic connectors: exact positions inside request_body strings."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from toolkit.check.rules._examples import MANIFEST, TEMPLATE, project

CHAT = """{
  "name": "OpenAI chat",
  "version": "1",
  "protocol": "http",
  "parameters": {
    "model": "gpt-4o",
    "system": "Be \\"nice\\"",
    "endpoint": "https://api.openai.com/"
  },
  "credential": {"openAI_key": "<OPENAI_API_KEY>"},
  "actions": [
    {
      "action_type": "predict",
      "method": "POST",
      "url": "${parameters.endpoint}/v1/chat/completions",
      "headers": {"Authorization": "Bearer ${credential.openAI_kye}"},
      "request_body": "{ \\"model\\": \\"${parameters.model}\\", \\"messages\\": [{\\"role\\": \\"system\\", \\"content\\": \\"${parameters.system}\\"}, {\\"role\\": \\"user\\", \\"content\\": \\"${parameters. prompt}\\"}] }"
    }
  ]
}
"""


def _check(run_cli, tmp_path, text: str, name: str = "c.json", select: str = "BP2") -> list[tuple]:
    (tmp_path / name).write_text(text)
    result = run_cli("check", name, "--select", select, "--format", "json", cwd=tmp_path)
    assert result.code in (0, 1), result.err
    return sorted((d["code"], d["line"], d["column"], d["severity"]) for d in json.loads(result.out)["diagnostics"])


def _messages(run_cli, tmp_path, text: str, code: str) -> list[str]:
    (tmp_path / "m.json").write_text(text)
    result = run_cli("check", "m.json", "--select", code, "--format", "json", cwd=tmp_path)
    return [d["message"] for d in json.loads(result.out)["diagnostics"]]


def test_chat_connector_findings_land_on_the_placeholder(run_cli, tmp_path):
    line = CHAT.splitlines()[16]
    body_col = line.index('"{') + 1

    def col(token: str) -> int:
        return line.index(token) + 1

    assert body_col < col("${parameters. prompt}")
    assert _check(run_cli, tmp_path, CHAT) == sorted([
        ("BP201", 17, col("${parameters. prompt}"), "error"),      # whitespace in the name
        ("BP203", 16, CHAT.splitlines()[15].index("${credential") + 1, "error"),  # openAI_kye
        ("BP205", 10, CHAT.splitlines()[9].index('"openAI_key"') + 1, "info"),  # so the real key is unused
        ("BP210", 17, col("${parameters.system}"), "error"),       # raw connector value between quotes (4.10 #5)
        ("BP212", 15, CHAT.splitlines()[14].index("${parameters") + 1, "warning"),  # https://api.openai.com//v1
    ])


def test_invalid_payload_message_quotes_ml_commons(run_cli, tmp_path):
    (message,) = _messages(run_cli, tmp_path, CHAT, "BP210")
    assert "connector parameter 'system' is stored raw ('Be \"nice\"')" in message
    assert "'Invalid payload: { \"model\": \"gpt-4o\"" in message


def test_quoting_mistakes_and_positions(run_cli, tmp_path):
    text = """{
  "name": "Cohere embed",
  "version": "1",
  "protocol": "http",
  "parameters": {"model": "embed-english-v3.0", "types": ["float"]},
  "credential": {"key": "<COHERE_API_KEY>"},
  "actions": [{
    "action_type": "predict", "method": "POST", "url": "https://api.cohere.ai/v2/embed",
    "headers": {"Authorization": "Bearer ${credential.key}"},
    "request_body": "{\\"texts\\": \\"${parameters.texts}\\", \\"model\\": ${parameters.model}, \\"embedding_types\\": ${parameters.types}}",
    "pre_process_function": "connector.pre_process.cohere.embedding"
  }]
}
"""
    line = text.splitlines()[9]
    found = _check(run_cli, tmp_path, text)
    assert found == sorted([("BP209", 10, line.index("${parameters.texts}") + 1, "error"),
                            ("BP209", 10, line.index("${parameters.model}") + 1, "error")])
    messages = _messages(run_cli, tmp_path, text, "BP209")
    assert any("pre-process output 'texts' is a JSON array" in m for m in messages)
    assert any("connector parameter 'model' is text but is placed without quotes" in m for m in messages)


def test_tostring_and_credential_outside_headers(run_cli, tmp_path):
    text = """{
  "name": "x", "version": "1", "protocol": "http",
  "parameters": {"prompt": "Context: ${parameters.context.toString()}"},
  "credential": {"key": "<KEY>"},
  "actions": [{
    "action_type": "predict", "method": "POST",
    "url": "https://api.example.com/v1?key=${credential.key}",
    "request_body": "{\\"a\\": \\"${parameters.prompt}\\", \\"b\\": \\"${parameters.docs.toString()}\\"}"
  }]
}
"""
    lines = text.splitlines()
    found = _check(run_cli, tmp_path, text)
    assert ("BP206", 7, lines[6].index("${credential.key}") + 1, "error") in found
    assert ("BP208", 8, lines[7].index("${parameters.docs.toString()}") + 1, "error") in found
    # context is what prompt's .toString() reads: expected from the request (info), not an error
    assert ("BP202", 3, lines[2].index("${parameters.context") + 1, "info") in found
    assert not any(code == "BP208" and line == 3 for code, line, *_ in found)


def test_security_header_message_is_ml_commons_text(run_cli, tmp_path):
    text = json.dumps({"name": "x", "version": "1", "protocol": "http", "parameters": {"k": "v"},
                       "credential": {"c": "<C>"}, "actions": [{
                           "action_type": "predict", "method": "POST", "url": "https://api.example.com/",
                           "headers": {"X-Api-Key": "${parameters.k}", "X-Other": "${parameters.k} ${credential.c}"},
                           "request_body": "{}"}]})
    assert _messages(run_cli, tmp_path, text, "BP207") == [
        "creation fails: 'Header 'X-Api-Key' cannot use ${parameters.*} placeholders for security reasons. "
        "Use ${credential.*} instead.'"]


@pytest.mark.parametrize("parameters, expected", [
    ({"model": "m", "stream": True}, ["BP213"]),
    ({"model": "m", "response_filter": "$.data", "input_docs_processed_step_size": 2}, []),
    ({"model": "m", "unused": "x"}, ["BP204"]),
    ({"model": "m", "no_escape_params": "input"}, ["BP204"]),
    ({"model": "m", "endpoint": "api.example.com"}, ["BP204"]),
    ({"model": "${parameters.alias}", "alias": "${parameters.model}"}, ["BP214"]),
    ({"model": "<YOUR_MODEL>"}, ["BP211"]),
    ({"model": ["a", "b"]}, ["BP209"]),  # compact JSON ["a","b"] between quotes
    ({"model": [1, 2]}, []),  # [1,2] between quotes is a valid (if odd) string
    ({"model": "Be \"nice\""}, ["BP210"]),
])
def test_parameter_level_rules(run_cli, tmp_path, parameters, expected):
    text = json.dumps({"name": "x", "version": "1", "protocol": "http", "parameters": parameters,
                       "credential": {"k": "<K>"}, "actions": [{
                           "action_type": "predict", "method": "POST", "url": "https://api.example.com/v1",
                           "headers": {"Authorization": "Bearer ${credential.k}"},
                           "request_body": '{"model": "${parameters.model}", "input": ${parameters.input}}',
                           "pre_process_function": "connector.pre_process.openai.embedding"}]}, indent=2)
    codes = sorted({code for code, *_ in _check(run_cli, tmp_path, text)})
    assert codes == expected


def test_undefined_parameter_severity_depends_on_what_is_known(run_cli, tmp_path):
    base = {"name": "x", "version": "1", "protocol": "http", "parameters": {"model": "m"},
            "credential": {"k": "<K>"}, "actions": [{
                "action_type": "predict", "method": "POST", "url": "https://api.example.com/v1",
                "headers": {"Authorization": "Bearer ${credential.k}"},
                "request_body": '{"model": "${parameters.model}", "q": "${parameters.question}", "n": ${parameters.n:-3}}'}]}
    assert [s for c, *_, s in _check(run_cli, tmp_path, json.dumps(base))] == ["info"]
    base["actions"][0]["pre_process_function"] = "connector.pre_process.bedrock.embedding"
    assert [s for c, *_, s in _check(run_cli, tmp_path, json.dumps(base))] == ["warning"]


def _project(tmp_path, template: str, manifest: str = MANIFEST):
    for name, text in project(manifest, template).items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)


def test_manifest_undefined_parameter_is_an_error_at_the_template_position(run_cli, tmp_path):
    template = TEMPLATE.replace('\\"input\\": ${parameters.input}', '\\"input\\": ${parameters.texts}')
    _project(tmp_path, template)
    result = run_cli("check", "--select", "BP2", "--format", "json", cwd=tmp_path)
    (diag,) = json.loads(result.out)["diagnostics"]
    line = template.splitlines()[diag["line"] - 1]
    assert diag["code"] == "BP202" and diag["severity"] == "error"
    assert diag["file"] == "templates/acme/embed.json.j2"
    assert diag["column"] == line.index("${parameters.texts}") + 1
    assert "'Some parameter placeholder not filled in payload: texts'" in diag["message"]


def test_manifest_inputs_declare_parameters_and_their_kinds(run_cli, tmp_path):
    manifest = MANIFEST.replace("""inputs:
  format: text_docs
  text_docs:
    description: Texts to embed.
    example: ["hello"]""", """inputs:
  format: parameters
  parameters:
    input:
      description: Texts to embed.
      example: ["hello"]""")
    _project(tmp_path, TEMPLATE, manifest)
    assert json.loads(run_cli("check", "--select", "BP2", "--format", "json", cwd=tmp_path).out)["diagnostics"] == []
    _project(tmp_path, TEMPLATE.replace("${parameters.input}", '\\"${parameters.input}\\"'), manifest)
    (diag,) = json.loads(run_cli("check", "--select", "BP2", "--format", "json", cwd=tmp_path).out)["diagnostics"]
    assert diag["code"] == "BP209" and "predict input 'input' is a JSON array" in diag["message"]


def test_markdown_dev_tools_call_positions(run_cli, tmp_path):
    text = '# Tutorial\n\n```\nPOST /_plugins/_ml/connectors/_create\n{\n' \
           '  "name": "<YOUR NAME>", "version": "1", "protocol": "http",\n' \
           '  "credential": {"k": "<YOUR_API_KEY>"},\n  "actions": [{"action_type": "predict", "method": "POST",\n' \
           '    "url": "https://api.example.com/v1", "headers": {"Authorization": "Bearer ${credential.k}"},\n' \
           '    "request_body": "{ \\"q\\": \\"${parameter.q}\\" }"}]\n}\n```\n'
    lines = text.splitlines()
    assert _check(run_cli, tmp_path, text, "t.md") == [
        ("BP201", 10, lines[9].index("${parameter.q}") + 1, "error"),
        ("BP211", 6, lines[5].index("<YOUR NAME>") + 1, "info"),  # a credential marker is the reader's secret: silent
    ]


def test_shipped_blueprints_are_clean_of_placeholder_findings(run_cli):
    result = run_cli("check", "--select", "BP2", "--format", "json")
    assert json.loads(result.out)["diagnostics"] == []


_PIECES = st.sampled_from(["${parameters.", "${credential.", "}", "$", '"', "\\", ":-", "x", " ", "{", "[", "]",
                           "toString()", ".", "\n", "é", "${parameters}", "{{a}}", "<YOUR_X>", "//", ",", ":", "null"])
_TEXT = st.lists(_PIECES, max_size=12).map("".join)


@settings(max_examples=150, deadline=None)
@given(body=_TEXT, url=_TEXT, header=_TEXT, value=st.one_of(_TEXT, st.integers(), st.lists(_TEXT, max_size=2)),
       function=st.sampled_from([None, "connector.pre_process.cohere.embedding", "return params.x;"]))
def test_placeholder_rules_never_crash(body, url, header, value, function):
    from toolkit.check.model import CheckConfig, Location, Target
    from toolkit.check.registry import all_rules

    action = {"action_type": "predict", "method": "POST", "url": "https://a.example/" + url,
              "headers": {"Authorization": header, "X-Other": header}, "request_body": body}
    if function:
        action["pre_process_function"] = function
    connector = {"name": "x", "version": "1", "protocol": "http", "parameters": {"p": value, "q": url},
                 "credential": {"k": header}, "actions": [action]}
    target = Target(connector, "c.json", lambda ptr, offset: Location("c.json", None), "json")
    for rule in all_rules().values():
        if rule.family == "placeholders":
            for finding in rule.check(target, CheckConfig()):
                assert finding.offset is None or finding.offset >= 0


def test_a_painless_pre_process_with_a_placeholder_still_provides_its_names(run_cli, tmp_path):
    # spec 4.6: ML Commons fills ${parameters.task_type} with the quoted value before compiling the
    # script, so the parameters the script writes (instances) are provided like any other script's.
    script = ('String taskType = ${parameters.task_type};\n'
              'return \'{"parameters":{"instances":[{"content":"\' + params.text_docs[0] + \'","task_type":"\' + taskType + \'"}]}}\';')
    connector = {"name": "Vertex", "version": "1", "protocol": "http",
                 "parameters": {"task_type": "RETRIEVAL_DOCUMENT"}, "credential": {"token": "<T>"},
                 "actions": [{"action_type": "predict", "method": "POST",
                              "url": "https://us-central1-aiplatform.googleapis.com/v1/x:predict",
                              "headers": {"Authorization": "Bearer ${credential.token}"},
                              "request_body": "{\"instances\": ${parameters.instances}}",
                              "pre_process_function": script}]}
    assert _messages(run_cli, tmp_path, json.dumps(connector, indent=2), "BP202") == []
    connector["actions"][0]["request_body"] = "{\"instances\": ${parameters.instance}}"
    assert any("'instance'" in m for m in _messages(run_cli, tmp_path, json.dumps(connector, indent=2), "BP202"))
