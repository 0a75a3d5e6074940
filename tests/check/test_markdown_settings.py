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
