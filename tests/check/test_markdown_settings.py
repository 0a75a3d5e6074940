"""A ``PUT _cluster/settings`` call earlier in a Markdown document sets what its later connector calls
are checked with (trusted endpoints, access control, private hosts), as on the cluster."""

from __future__ import annotations

import json

from toolkit.documents.devtools import settings_calls

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


def _regex_settings(*regexes: str, put: str = "PUT _cluster/settings", key: str = "trusted_connector_endpoints_regex") -> str:
    items = ",\n".join(f'      "{r}"' for r in regexes)
    return f'{put}\n{{\n  "persistent": {{\n    "plugins.ml_commons.{key}": [\n{items}\n    ]\n  }}\n}}\n'


def _findings(run_cli, tmp_path, text: str, *select: str) -> list[tuple[str, str, int, int, str]]:
    (tmp_path / "doc.md").write_text(text)
    args = [a for rule_id in select for a in ("--select", rule_id)]
    result = run_cli("check", "doc.md", "--format", "json", "--fail-on", "info", *args, cwd=tmp_path)
    return [(d["code"], d["severity"], d["line"], d["column"], d["message"]) for d in json.loads(result.out)["diagnostics"]]


def _where(text: str, needle: str) -> tuple[int, int]:
    offset = text.index(needle)
    return text.count("\n", 0, offset) + 1, offset - (text.rfind("\n", 0, offset) + 1) + 1


def test_the_documents_regexes_are_audited_where_they_are_written(run_cli, tmp_path):
    text = _doc(_regex_settings(".*$", "^https://.*\\\\.openai\\\\.azure\\\\.com/.*$", "^https://api.mistral.ai/.*$",
                                "^https://api\\\\.mistral\\\\.ai/.*$"), CONNECTOR)
    found = _findings(run_cli, tmp_path, text, "BP304", "BP305", "BP306")
    assert [f[:4] for f in found] == [
        ("BP305", "error", *_where(text, '".*$"')),
        ("BP305", "error", *_where(text, '"^https://.*')),
        ("BP305", "error", *_where(text, '"^https://api.mistral.ai')),
    ]
    assert "a catch-all" in found[0][4]
    assert "outside openai.azure.com" in found[1][4]
    assert "apiamistral.ai" in found[2][4]


def test_a_regex_without_a_host_is_judged_by_the_connector_url_it_admits(run_cli, tmp_path):
    text = _doc(_regex_settings("^https://.*/v1/embeddings$"), CONNECTOR)
    [found] = _findings(run_cli, tmp_path, text, "BP305", "BP306")
    assert found[:4] == ("BP305", "error", *_where(text, '"^https://.*/v1'))
    assert "not api.mistral.ai (the document's https://api.mistral.ai/v1/embeddings)" in found[4]


def test_setting_rejects_and_markers(run_cli, tmp_path):
    nested = "^https://api\\\\.mistral\\\\.ai/(v[0-9]+)+/embeddings$"
    text = _doc(_regex_settings(nested, "<your endpoint regex>", "^http://127\\\\.0\\\\.0\\\\.1:11434/.*$",
                                key="trusted_connector_private_endpoints_regex"))
    found = _findings(run_cli, tmp_path, text, "BP304", "BP305", "BP306")
    assert [f[:4] for f in found] == [("BP304", "error", *_where(text, '"^https://api'))]


def test_an_invalid_settings_body_is_an_error_and_applies_nothing(run_cli, tmp_path):
    broken = SETTINGS.replace('"persistent": {', '"persistent": {\n    "plugins.ml_commons.connector.private_ip_enabled": true')
    text = _doc(broken, CONNECTOR)
    found = _findings(run_cli, tmp_path, text, "BP100", "BP301")
    line, column = _where(text, '"plugins.ml_commons.connector.private_ip_enabled": true')
    assert [f[:4] for f in found] == [
        ("BP100", "error", line, column + len('"plugins.ml_commons.connector.private_ip_enabled": true')),
        ("BP301", "error", *_where(text, '"url"')),
    ]
    assert "none of its settings apply" in found[0][4]


def test_a_value_of_the_wrong_type_is_an_error_and_applies_nothing(run_cli, tmp_path):
    wrong = SETTINGS.replace('"persistent": {', '"persistent": {\n    "plugins.ml_commons.connector_access_control_enabled": "yes",')
    text = _doc(wrong, CONNECTOR)
    found = _findings(run_cli, tmp_path, text, "BP103", "BP301")
    assert [f[:4] for f in found] == [("BP103", "error", *_where(text, '"yes"')), ("BP301", "error", *_where(text, '"url"'))]


def test_a_trailing_slash_is_the_same_endpoint_and_triple_quotes_keep_positions(run_cli, tmp_path):
    settings = ('PUT /_cluster/settings/\n{\n  "transient": {"plugins": {"ml_commons": {\n'
                '    "trusted_connector_endpoints_regex": """^https://api.mistral\\.ai/v1/embeddings$"""}}}\n}\n')
    text = _doc(settings, CONNECTOR)
    found = _findings(run_cli, tmp_path, text, "BP301", "BP305")
    assert [f[:4] for f in found] == [("BP305", "error", *_where(text, '"""^https'))]  # the settings apply: no BP301
