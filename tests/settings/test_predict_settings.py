"""``predict`` and ``test`` run with the cluster's settings: ``--settings FILE`` (a PUT body, GET output or a
list of regexes), ``.blueprint.toml``, a manifest's ``trusted_endpoints`` and ``cluster:``, else the release's
defaults (toolkit/cluster_settings.py).

The connectors are those of ML Commons' documentation pages that set the trusted endpoints first
(docs/remote_inference_blueprints/azure_openai_connector_embedding_blueprint.md and
ollama_connector_chat_blueprint.md at 950f056), with the page's markers filled in.
"""

from __future__ import annotations

import json

import pytest

from toolkit.versions import NEWEST

NOT_TRUSTED = "Connector URL is not matching the trusted connector endpoint regex"
NOT_TRUSTED_PRIVATE = "Connector URL is not matching the trusted connector private endpoint regex"
AZURE_REGEX = r"^https://.*\.openai\.azure\.com/.*$"
EMBEDDING = {"object": "list", "data": [{"object": "embedding", "index": 0, "embedding": [0.5, -0.25]}],
             "model": "text-embedding-ada-002", "usage": {"prompt_tokens": 2, "total_tokens": 2}}
CHAT = {"id": "chatcmpl-1", "object": "chat.completion", "model": "qwen3:4b",
        "choices": [{"index": 0, "message": {"role": "assistant", "content": "Hi."}, "finish_reason": "stop"}]}


def write(folder, name: str, data) -> str:
    (folder / name).write_text(json.dumps(data, indent=2))
    return name


def azure_connector(folder) -> str:
    action = {"action_type": "predict", "method": "POST",
              "url": "https://${parameters.endpoint}/openai/deployments/${parameters.deploy-name}/embeddings"
                     "?api-version=${parameters.api-version}",
              "headers": {"api-key": "${credential.openAI_key}"}, "request_body": "{ \"input\": ${parameters.input}}",
              "pre_process_function": "connector.pre_process.openai.embedding",
              "post_process_function": "connector.post_process.openai.embedding"}
    return write(folder, "azure.json", {
        "name": "Azure OpenAI embeddings", "description": "ada-002 on Azure", "version": "1", "protocol": "http",
        "parameters": {"endpoint": "acme.openai.azure.com", "deploy-name": "ada", "model": "text-embedding-ada-002",
                       "api-version": "2024-02-01"},
        "credential": {"openAI_key": "<AZURE_KEY>"}, "actions": [action]})


def ollama_connector(folder) -> str:
    action = {"action_type": "predict", "method": "POST", "url": "http://${parameters.endpoint}/v1/chat/completions",
              "headers": {"Authorization": "Bearer ${credential.openAI_key}"},
              "request_body": "{ \"model\": \"${parameters.model}\", \"messages\": ${parameters.messages} }"}
    return write(folder, "ollama.json", {
        "name": "Ollama chat", "description": "a local model", "version": "1", "protocol": "http",
        "parameters": {"endpoint": "127.0.0.1:11434", "model": "qwen3:4b"},
        "credential": {"openAI_key": "none"}, "actions": [action]})


def predict_azure(run_cli, folder, *args: str):
    return run_cli("predict", azure_connector(folder), "--text-docs", "hello", "--response",
                   write(folder, "answer.json", EMBEDDING), *args, cwd=folder)


def predict_ollama(run_cli, folder, *args: str):
    messages = json.dumps({"messages": [{"role": "user", "content": "Hello"}]})
    return run_cli("predict", ollama_connector(folder), "--parameters", messages, "--response",
                   write(folder, "answer.json", CHAT), *args, cwd=folder)


def test_a_documented_azure_connector_runs_with_the_page_settings(run_cli, tmp_path):
    """Without the page's trusted list the release's default list refuses the Azure host (and the hint says
    which list that was); with the page's PUT _cluster/settings body as --settings it runs."""
    refused = predict_azure(run_cli, tmp_path)
    assert refused.code == 1 and f"error 400: {NOT_TRUSTED}\n" in refused.err
    assert f"hint: trusted endpoints: the default list of OpenSearch {NEWEST.short}" in refused.err
    settings = write(tmp_path, "put.json", {"persistent": {
        "plugins.ml_commons.trusted_connector_endpoints_regex": [AZURE_REGEX]}})
    ran = predict_azure(run_cli, tmp_path, "--settings", settings, "--format", "json")
    assert ran.code == 0, ran.err
    tensor = json.loads(ran.out)["inference_results"][0]["output"][0]
    assert tensor["name"] == "sentence_embedding" and tensor["data"] == [0.5, -0.25]


@pytest.mark.parametrize("settings", [
    [AZURE_REGEX],  # a plain list, as `blueprint endpoints match --settings` takes
    {"persistent": {"plugins": {"ml_commons": {"trusted_connector_endpoints_regex": [AZURE_REGEX]}}}},  # nested keys
    {"persistent": {}, "transient": {}, "defaults": {  # GET _cluster/settings?include_defaults=true output
        "plugins.ml_commons.trusted_connector_endpoints_regex": [AZURE_REGEX]}},
    {"persistent": {"plugins.ml_commons.trusted_connector_endpoints_regex": ["^https://nowhere\\.example/.*$"]},
     "transient": {"plugins.ml_commons.trusted_connector_endpoints_regex": [AZURE_REGEX]}},  # transient wins
])
def test_every_settings_form_gives_the_trusted_list(run_cli, tmp_path, settings):
    result = predict_azure(run_cli, tmp_path, "--settings", write(tmp_path, "settings.json", settings))
    assert result.code == 0, result.err


def test_the_settings_file_replaces_the_list_whole(run_cli, tmp_path):
    """The setting replaces the cluster's list: a file without the default list refuses OpenAI."""
    settings = write(tmp_path, "put.json", [AZURE_REGEX])
    result = run_cli("predict", "openai/embedding", "--case", "documented", "--settings", str(tmp_path / settings))
    assert result.code == 1 and f"error 400: {NOT_TRUSTED}\n" in result.err
    assert f"hint: trusted endpoints: the trusted list of --settings {tmp_path / settings}" in result.err


def test_blueprint_toml_gives_the_trusted_list_of_a_connector_file(run_cli, tmp_path):
    (tmp_path / ".blueprint.toml").write_text(f"trusted-endpoints = [{json.dumps(AZURE_REGEX)}]\n")
    assert predict_azure(run_cli, tmp_path).code == 0


def test_the_default_list_follows_the_release_and_extend_trusted_endpoints_adds_to_it(run_cli, tmp_path):
    """api.deepseek.com joined ML Commons' default list in 2.19 (MLCommonsSettings at 2.19.0.0, PR #3440);
    extend-trusted-endpoints adds to whatever default list the release has."""
    action = {"action_type": "predict", "method": "POST", "url": "https://api.deepseek.com/v1/chat/completions",
              "headers": {"Authorization": "Bearer ${credential.key}"},
              "request_body": "{ \"model\": \"deepseek-chat\", \"messages\": ${parameters.messages} }"}
    conn = write(tmp_path, "deepseek.json", {"name": "DeepSeek chat", "version": "1", "protocol": "http",
                                              "credential": {"key": "<KEY>"}, "actions": [action]})

    def run(version: str):
        return run_cli("predict", conn, "--parameters", '{"messages": []}', "--show-request",
                       "--opensearch-version", version, cwd=tmp_path)

    older = run("2.18")
    assert older.code == 1 and NOT_TRUSTED in older.err and "the default list of OpenSearch 2.18" in older.err
    assert run("2.19").code == 0
    (tmp_path / ".blueprint.toml").write_text('extend-trusted-endpoints = ["^https://api\\\\.deepseek\\\\.com/.*$"]\n')
    assert run("2.18").code == 0


def test_private_ip_settings_of_a_get_output_with_string_values(run_cli, tmp_path):
    """GET _cluster/settings prints booleans as strings; transient wins over persistent and defaults."""
    refused = predict_ollama(run_cli, tmp_path, "--settings", write(tmp_path, "get.json", [".*$"]))
    assert refused.code == 1
    assert "error 400: Remote inference host name has private ip address: 127.0.0.1" in refused.err
    assert "private_ip_enabled is off" in refused.err
    get = {"persistent": {"plugins": {"ml_commons": {"connector": {"private_ip_enabled": "false"}}}},
           "transient": {"plugins": {"ml_commons": {"connector": {"private_ip_enabled": "true"}}}},
           "defaults": {"plugins": {"ml_commons": {"trusted_connector_endpoints_regex": [".*$"]}}}}
    ran = predict_ollama(run_cli, tmp_path, "--settings", write(tmp_path, "get.json", get))
    assert ran.code == 0, ran.err


def test_the_private_endpoint_list_applies_from_3_7(run_cli, tmp_path):
    """MLValidatableAsyncHttpClientTests.test_untrustedPrivateEndpoint_throwException and
    test_trustedPrivateEndpoint_success (3.7.0.0): with private IPs enabled, a private URL must also fully
    match trusted_connector_private_endpoints_regex when that list is set; 3.6 has no such setting."""
    def settings(private: str) -> str:
        return write(tmp_path, "put.json", {"persistent": {
            "plugins.ml_commons.trusted_connector_endpoints_regex": [".*$"],
            "plugins.ml_commons.connector.private_ip_enabled": True,
            "plugins.ml_commons.trusted_connector_private_endpoints_regex": [private]}})

    other = settings("^http://10\\.0\\.0\\..*$")
    refused = predict_ollama(run_cli, tmp_path, "--settings", other, "--opensearch-version", "3.7")
    assert refused.code == 1 and f"error 400: {NOT_TRUSTED_PRIVATE}\n" in refused.err
    assert predict_ollama(run_cli, tmp_path, "--settings", other, "--opensearch-version", "3.6").code == 0
    page = settings("^http://127\\.0\\.0\\.1:11434/.*$")  # the documentation page's own list
    assert predict_ollama(run_cli, tmp_path, "--settings", page, "--opensearch-version", "3.7").code == 0


def test_a_settings_file_wins_over_the_manifest_cluster_section(run_cli, tmp_path):
    """ollama/chat declares cluster: {private_ip_enabled: true}; a cluster whose settings say false refuses it."""
    off = write(tmp_path, "off.json", {"persistent": {"plugins.ml_commons.connector.private_ip_enabled": False}})
    declared = run_cli("predict", "ollama/chat", "--case", "documented")
    assert declared.code == 0, declared.err
    result = run_cli("predict", "ollama/chat", "--case", "documented", "--settings", str(tmp_path / off))
    assert result.code == 1 and "private ip address: " in result.err


def test_test_runs_with_the_settings_setup_prints(run_cli, tmp_path):
    """`blueprint setup --format json` prints the PUT body `test --settings` takes; a list without the
    blueprint's regex fails its cases with ML Commons' error."""
    body = run_cli("setup", "openai/embedding", "--format", "json")
    assert body.code == 0
    (tmp_path / "setup.json").write_text(body.out)
    passed = run_cli("test", "openai/embedding", "--settings", str(tmp_path / "setup.json"))
    assert passed.code == 0 and "OK: 2/2" in passed.out
    (tmp_path / "azure.json").write_text(json.dumps([AZURE_REGEX]))
    failed = run_cli("test", "openai/embedding", "--settings", str(tmp_path / "azure.json"))
    assert failed.code == 1 and f"got 400 '{NOT_TRUSTED}'" in failed.out


@pytest.mark.parametrize("settings, expected", [
    ('{\n  "persistent": {\n    "plugins.ml_commons.connector.private_ip_enabled": "yes"\n  }\n}',
     "put.json:3:56: BP001 error --settings: 'plugins.ml_commons.connector.private_ip_enabled' must be true or "
     "false"),
    ('{"persistent": {"plugins.ml_commons.trusted_connector_endpoints_regex": ["(x"]}}',
     "put.json:1:74: BP001 error --settings: trusted-endpoints: '(x' is not a valid Java regex"),
    ('{"persistent": {"cluster.routing.allocation.enable": "all"}}',
     "put.json: BP001 error --settings: no ML Commons connector setting in the file"),
    ('{"persistent": ', "put.json:1:16: BP001 error --settings: not JSON: Expecting value"),
])
def test_a_bad_settings_file_is_reported_where_it_is_wrong(run_cli, tmp_path, settings, expected):
    (tmp_path / "put.json").write_text(settings)
    result = predict_azure(run_cli, tmp_path, "--settings", "put.json")
    assert result.code == 2 and expected in result.err
