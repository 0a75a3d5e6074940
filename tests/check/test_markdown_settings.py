"""A ``PUT _cluster/settings`` call earlier in a Markdown document sets what its later connector calls
are checked with (trusted endpoints, access control, private hosts), as on the cluster."""

from __future__ import annotations

import json

from toolkit.check.devtools import settings_calls

CONNECTOR = """POST /_plugins/_ml/connectors/_create
{
  "name": "Mistral embeddings", "description": "d", "version": "1", "protocol": "http",
  "parameters": {"model": "mistral-embed"},
  "credential": {"mistral_key": "<MISTRAL_API_KEY>"},
  "actions": [{"action_type": "predict", "method": "POST", "url": "https://api.mistral.ai/v1/embeddings",
    "headers": {"Authorization": "Bearer ${credential.mistral_key}", "Content-Type": "application/json"},
    "request_body": "{ \\"model\\": \\"${parameters.model}\\", \\"input\\": ${parameters.input} }"}]
}
"""
SETTINGS = """PUT _cluster/settings
{
  "persistent": {
    "plugins.ml_commons.trusted_connector_endpoints_regex": ["^https://api\\\\.mistral\\\\.ai/v1/embeddings$"]
  }
}
"""


def _doc(*blocks: str) -> str:
    return "# Mistral\n\n" + "\n".join(f"```json\n{b}```\n" for b in blocks)


def _codes(run_cli, tmp_path, text: str) -> list[str]:
    (tmp_path / "doc.md").write_text(text)
    result = run_cli("check", "doc.md", "--format", "json", "--select", "BP301", "--select", "BP303", cwd=tmp_path)
    return [d["code"] for d in json.loads(result.out)["diagnostics"]]


def test_settings_before_the_call_trust_its_endpoint(run_cli, tmp_path):
    assert _codes(run_cli, tmp_path, _doc(CONNECTOR)) == ["BP301"]
    assert _codes(run_cli, tmp_path, _doc(SETTINGS, CONNECTOR)) == []


def test_settings_after_the_call_do_not_count(run_cli, tmp_path):
    assert _codes(run_cli, tmp_path, _doc(CONNECTOR, SETTINGS)) == ["BP301"]


def test_a_refused_settings_call_changes_nothing(run_cli, tmp_path):
    bad = SETTINGS.replace("v1/embeddings$", "v1/(embeddings$")  # not a valid Java regex
    assert _codes(run_cli, tmp_path, _doc(bad, CONNECTOR)) == ["BP301"]


def test_nested_keys_transient_over_persistent_and_text_booleans():
    text = ('PUT /_cluster/settings\n{"persistent": {"plugins": {"ml_commons": {"connector": {"private_ip_enabled": "false"}}}},\n'
            ' "transient": {"plugins.ml_commons.connector.private_ip_enabled": true,\n'
            '   "plugins.ml_commons.trusted_connector_endpoints_regex": "^https://x\\\\.example/.*$"}}\n')
    assert settings_calls(text) == [(1, {"private_ip_enabled": True, "trusted_endpoints": ["^https://x\\.example/.*$"]})]


CHAT = """POST /_plugins/_ml/connectors/_create
{
  "name": "chat", "description": "d", "version": "1", "protocol": "http",
  "credential": {"openAI_key": "<OPENAI_API_KEY>"},
  "actions": [{"action_type": "predict", "method": "POST", "url": "https://api.openai.com/v1/chat/completions",
    "headers": {"Authorization": "Bearer ${credential.openAI_key}"},
    "request_body": "{ \\"model\\": \\"gpt-4o\\", \\"messages\\": ${parameters.messages} }"}]
}
"""
PREDICT = """POST /_plugins/_ml/models/<MODEL_ID>/_predict
{"parameters": {"messages": [{"role": "user", "content": "hi"}]}}
"""


def _found(run_cli, tmp_path, text: str, *select: str) -> list[tuple[str, str]]:
    (tmp_path / "doc.md").write_text(text)
    args = [a for rule_id in select for a in ("--select", rule_id)]
    result = run_cli("check", "doc.md", "--format", "json", "--fail-on", "info", *args, cwd=tmp_path)
    return [(d["code"], d["severity"]) for d in json.loads(result.out)["diagnostics"]]


def test_the_documents_predict_call_provides_its_parameters(run_cli, tmp_path):
    assert _found(run_cli, tmp_path, _doc(CHAT), "BP202") == [("BP202", "info")]
    assert _found(run_cli, tmp_path, _doc(CHAT, PREDICT), "BP202") == []
    other = PREDICT.replace('"messages"', '"prompt"')  # the documented call would fail: an error
    assert _found(run_cli, tmp_path, _doc(CHAT, other), "BP202") == [("BP202", "error")]


def test_a_comment_switches_a_rule_off_for_the_document(run_cli, tmp_path):
    text = _doc(CHAT)
    assert _found(run_cli, tmp_path, text, "BP202") == [("BP202", "info")]
    assert _found(run_cli, tmp_path, "<!-- blueprint-check: ignore BP202: sent by the caller -->\n" + text, "BP202") == []
