"""Abridged Dev Tools bodies (``{ ... }``, ``"..."``) are checked for what they show: nothing is
reported missing from an object shown in part, and no rule judges an elided value."""

from __future__ import annotations

import json

FULL = """# Titan

```json
POST /_plugins/_ml/connectors/_create
{
  "name": "titan", "description": "d", "version": 1, "protocol": "aws_sigv4",
  "parameters": {"region": "us-east-1", "service_name": "bedrock", "model": "amazon.titan-embed-text-v2:0"},
  "credential": {"access_key": "<AWS_ACCESS_KEY>", "secret_key": "<AWS_SECRET_KEY>"},
  "actions": [
    {
      "action_type": "predict",
      "method": "POST",
      "url": "https://bedrock-runtime.${parameters.region}.amazonaws.com/model/${parameters.model}/invoke",
      "request_body": "{ \\"inputText\\": \\"${parameters.inputText}\\" }",
      "pre_process_function": "connector.pre_process.bedrock.embedding",
      "post_process_function": "connector.post_process.bedrock.embedding"
    }
  ]
}
```

```json
POST /_plugins/_ml/models/_predict/text_embedding/<MODEL_ID>
{"text_docs": ["hello"]}
```
"""


def _check(run_cli, tmp_path, text: str) -> list[tuple[str, int, int]]:
    (tmp_path / "doc.md").write_text(text)
    result = run_cli("check", "doc.md", "--format", "json", "--fail-on", "info", cwd=tmp_path)
    return [(d["code"], d["line"], d["column"]) for d in json.loads(result.out)["diagnostics"]]


def _at(text: str, needle: str) -> tuple[int, int]:
    offset = text.index(needle)
    return text.count("\n", 0, offset) + 1, offset - (text.rfind("\n", 0, offset) + 1) + 1


def test_the_full_body_is_clean(run_cli, tmp_path):
    assert _check(run_cli, tmp_path, FULL) == []


def test_nothing_is_missing_from_objects_shown_in_part(run_cli, tmp_path):
    text = FULL.replace('"name": "titan", "description": "d", "version": 1,', "...") \
               .replace('"region": "us-east-1", "service_name": "bedrock", ', "... ") \
               .replace('"credential": {"access_key": "<AWS_ACCESS_KEY>", "secret_key": "<AWS_SECRET_KEY>"}',
                        '"credential": { ... }') \
               .replace('"action_type": "predict",\n      "method": "POST",', "...")
    assert _check(run_cli, tmp_path, text) == []
    # the same absences in a body shown whole are errors (BP102, BP113, BP601, BP602)
    whole = text.replace("...", "")
    assert {code for code, *_ in _check(run_cli, tmp_path, whole)} >= {"BP102", "BP601", "BP602"}


def test_absences_outside_the_elided_objects_are_still_reported(run_cli, tmp_path):
    text = FULL.replace('"credential": {"access_key": "<AWS_ACCESS_KEY>", "secret_key": "<AWS_SECRET_KEY>"}',
                        '"credential": { ... }') \
               .replace('      "method": "POST",\n', "")
    assert _check(run_cli, tmp_path, text) == [("BP102", *_at(text, '{\n      "action_type"'))]  # the action


def test_elided_values_are_not_judged(run_cli, tmp_path):
    text = FULL.replace('"region": "us-east-1"', '"region": "..."') \
               .replace("bedrock-runtime.${parameters.region}", "bedrock-runtime.us-east-1") \
               .replace('"connector.post_process.bedrock.embedding"', '"..."') \
               .replace('"method": "POST"', '"method": "..."')
    assert _check(run_cli, tmp_path, text) == []
    # with values that are not elided, the same places are wrong (BP604, BP106, BP501)
    filled = text.replace('"region": "..."', '"region": "eu-west-1"').replace('"method": "..."', '"method": "PATCH"') \
                 .replace('"post_process_function": "..."', '"post_process_function": "connector.post_process.bedrock.embeding"')
    assert {code for code, *_ in _check(run_cli, tmp_path, filled)} >= {"BP604", "BP106", "BP501"}


def test_an_elided_endpoint_parameter_is_unknown_not_untrusted(run_cli, tmp_path):
    text = FULL.replace('"model": "amazon.titan-embed-text-v2:0"', '"model": "amazon.titan-embed-text-v2:0", "host": "..."') \
               .replace("https://bedrock-runtime.${parameters.region}.amazonaws.com", "https://${parameters.host}")
    assert _check(run_cli, tmp_path, text) == []
    shown = text.replace('"host": "..."', '"host": "models.acme.example"')
    assert _check(run_cli, tmp_path, shown) == [("BP301", *_at(shown, '"url"'))]


def test_unused_parameters_are_not_reported_when_actions_are_elided(run_cli, tmp_path):
    text = FULL.replace('"model": "amazon.titan-embed-text-v2:0"', '"model": "amazon.titan-embed-text-v2:0", "dims": 512')
    assert ("BP204", *_at(text, '"dims"')) in _check(run_cli, tmp_path, text)
    elided = text.replace('"action_type": "predict",', '"action_type": "predict", ...')
    assert "BP204" not in {code for code, *_ in _check(run_cli, tmp_path, elided)}


HTTP = """```json
PUT _cluster/settings
{"persistent": {"plugins.ml_commons.connector_access_control_enabled": true}}
```

```json
POST /_plugins/_ml/connectors/_create
{
  "name": "chat", "version": 1, "protocol": "http", "access_mode": "restricted", "backend_roles": ["ml"],
  "credential": {"key": "<KEY>"},
  "actions": [{"action_type": "predict", "method": "POST", "url": "https://api.openai.com/v1/chat/completions",
    "headers": {"Authorization": "Bearer ${credential.key}"},
    "request_body": "{ \\"model\\": \\"gpt-4o\\", \\"messages\\": ${parameters.messages} }"}]
}
```
"""


def test_credential_and_roles_shown_in_part(run_cli, tmp_path):
    assert [code for code, *_ in _check(run_cli, tmp_path, HTTP)] == ["BP202"]  # info: sent at predict time
    missing = HTTP.replace('"credential": {"key": "<KEY>"}', '"credential": {"other": "<KEY>"}') \
                  .replace(', "backend_roles": ["ml"]', "")
    assert {code for code, *_ in _check(run_cli, tmp_path, missing)} >= {"BP203", "BP405"}
    elided = missing.replace('"credential": {"other": "<KEY>"}', '"credential": {"other": "<KEY>", ...}') \
                    .replace('"access_mode": "restricted",', '"access_mode": "restricted", ...')
    assert _check(run_cli, tmp_path, elided) == []  # parameters may be in the hidden part too
