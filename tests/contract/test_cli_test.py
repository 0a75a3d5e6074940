"""``blueprint test`` and ``blueprint predict`` end to end: exit codes, ML Commons messages, no traceback."""

from __future__ import annotations

import json
import shutil
import xml.etree.ElementTree as ET

import pytest

from tests.conftest import REPO
from toolkit.versions import NEWEST


def test_blueprint_test_passes_on_every_shipped_case(run_cli):
    result = run_cli("test")
    assert result.code == 0, result.out
    lines = [line for line in result.out.splitlines() if line.startswith(("ok", "FAIL"))]
    assert len(lines) >= 12 and all(line.startswith("ok") for line in lines)
    assert result.out.splitlines()[-1].startswith("OK: ")


def test_blueprint_test_one_blueprint_as_json(run_cli):
    result = run_cli("test", "bedrock/titan-embedding", "--format", "json")
    data = json.loads(result.out)
    assert result.code == 0 and data["ok"] and {c["case"] for c in data["cases"]} == {"documented", "validation-error"}


def test_blueprint_test_junit_has_one_testcase_per_blueprint_and_case(run_cli):
    result = run_cli("test", "--format", "junit")
    suite = ET.fromstring(result.out).find("testsuite")
    cases = suite.findall("testcase")
    assert suite.get("tests") == str(len(cases)) and suite.get("failures") == "0"
    assert ("openai/chat", "invalid-role") in {(c.get("classname"), c.get("name")) for c in cases}


def test_blueprint_test_unknown_blueprint_is_bad_input(run_cli):
    result = run_cli("test", "openai/nope")
    assert result.code == 2 and "unknown blueprint" in result.err


@pytest.fixture
def project(tmp_path):
    for folder in ("blueprints", "templates", "contracts", "providers"):
        shutil.copytree(REPO / folder, tmp_path / folder)
    return tmp_path


def test_blueprint_test_fails_then_update_fixes_expected(run_cli, project):
    case = project / "contracts/cohere/embed-v2/documented.yaml"
    case.write_text(case.read_text().replace("status_code: 200", "status_code: 201"))
    failed = run_cli("test", str(case), cwd=project)
    assert failed.code == 1 and "FAIL" in failed.out and '-      "status_code": 201' in failed.out
    junit = run_cli("test", "cohere/embed-v2", "--format", "junit", cwd=project)
    assert ET.fromstring(junit.out).find("testsuite").get("failures") == "1"
    updated = run_cli("test", "--update", str(case), cwd=project)
    assert updated.code == 0 and "-        status_code: 201" in updated.out and "+        status_code: 200" in updated.out
    assert run_cli("test", cwd=project).code == 0


# ---- blueprint predict: every error path gives ML Commons' message and exit 1
def write_connector(tmp_path, **action):
    act = {"action_type": "predict", "method": "POST", "url": "https://api.openai.com/v1/chat/completions",
           "headers": {"Authorization": "Bearer ${credential.key}"},
           "request_body": '{"model":"gpt-4o","messages":${parameters.messages}}', **action}
    conn = {"name": "c", "version": "1", "protocol": "http", "parameters": {}, "credential": {"key": "sk-secret-1"},
            "actions": [act]}
    path = tmp_path / "connector.json"
    path.write_text(json.dumps(conn))
    return str(path)


MESSAGES = '{"messages":[{"role":"user","content":"hi"}]}'


def answer(tmp_path, text: str) -> str:
    path = tmp_path / "answer.json"
    path.write_text(text)
    return str(path)


def test_predict_prints_the_output(run_cli, tmp_path):
    result = run_cli("predict", write_connector(tmp_path), "--parameters", MESSAGES,
                     "--response", answer(tmp_path, '{"choices":[]}'))
    assert result.code == 0
    assert json.loads(result.out) == {"inference_results": [{"output": [{"name": "response", "dataAsMap": {"choices": []}}],
                                                             "status_code": 200}]}


def test_predict_show_request_masks_secrets(run_cli, tmp_path):
    result = run_cli("predict", write_connector(tmp_path), "--parameters", MESSAGES, "--show-request")
    assert result.code == 0 and "sk-secret-1" not in result.out
    assert "Authorization: Bearer <redacted:key>" in result.out
    assert '{"model":"gpt-4o","messages":[{"role":"user","content":"hi"}]}' in result.out


def test_predict_show_request_alone_builds_every_chunk_and_sends_none(run_cli):
    result = run_cli("predict", "bedrock/titan-embedding", "--text-docs", "first", "--text-docs", "second",
                     "--show-request")
    assert result.code == 0 and result.out.count("POST https://bedrock-runtime.") == 2
    assert '"inputText": "first"' in result.out and '"inputText": "second"' in result.out
    assert "2 request(s) built, none sent" in result.err


def test_predict_show_request_alone_on_a_batch_action(run_cli):
    result = run_cli("predict", "openai/embedding-batch", "--action", "batch_predict", "--parameters", "{}",
                     "--show-request")
    assert result.code == 0 and "POST https://api.openai.com/v1/batches" in result.out
    assert "1 request(s) built, none sent" in result.err


@pytest.mark.parametrize("case, status, message", [
    ("access-denied", 403, 'Error from remote service: {"message":"You don\'t have access to the model with the specified model ID."}'),
    ("documented", None, None),
])
def test_predict_replays_a_contract_case(run_cli, case, status, message):
    result = run_cli("predict", "bedrock/claude-converse", "--case", case)
    if status is None:
        assert result.code == 0 and "The capital of France is Paris." in result.out
    else:
        assert result.code == 1 and f"error {status}: {message}" in result.err


def test_predict_provider_4xx_as_json(run_cli):
    result = run_cli("predict", "openai/embedding", "--case", "invalid-api-key", "--format", "json")
    assert result.code == 1 and json.loads(result.out)["error"]["status"] == 401


def test_predict_batch_case_runs_the_batch_action(run_cli):
    """A case with action: batch_predict replays through the BATCH_PREDICT action and prints the task."""
    result = run_cli("predict", "openai/embedding-batch", "--case", "batch-documented", "--format", "json")
    output = json.loads(result.out)
    assert result.code == 0 and output["status"] == "CREATED" and output["remote_job"]["id"] == "batch_abc123"
    result = run_cli("predict", "openai/embedding-batch", "--parameters", "{}", "--action", "batch_predict",
                     "--show-request")
    assert result.code == 0 and "POST https://api.openai.com/v1/batches" in result.out


def test_predict_provider_5xx(run_cli, project):
    """A 503 from the provider: same status, the body behind Error from remote service (spec 6)."""
    source = project / "contracts/openai/chat/invalid-role.yaml"
    text = source.read_text().replace("status: 400", "status: 503")
    (project / "contracts/openai/chat/overloaded.yaml").write_text(text)
    manifest = project / "blueprints/openai/chat.yaml"
    manifest.write_text(manifest.read_text().replace("contracts:\n", "contracts:\n  - openai/chat/overloaded.yaml\n"))
    result = run_cli("predict", "openai/chat", "--case", "overloaded", cwd=project)  # after a note: it shadows the shipped one
    assert result.code == 1 and '\nerror 503: Error from remote service: {"error":{"code":"invalid_value"' in "\n" + result.err


def test_predict_response_that_is_not_json(run_cli, tmp_path):
    result = run_cli("predict", write_connector(tmp_path), "--parameters", MESSAGES, "--response", answer(tmp_path, "oops"))
    assert result.code == 1 and result.err.startswith("error 400: Invalid JSON format")


def test_predict_post_process_function_that_fails(run_cli, tmp_path):
    conn = write_connector(tmp_path, post_process_function="connector.post_process.openai.embedding")
    result = run_cli("predict", conn, "--parameters", MESSAGES, "--response", answer(tmp_path, '{"data":[{"embedding":[]}]}'))
    assert result.code == 1 and result.err == "error 400: The embedding should be a non-empty List containing Float values.\n"


def test_predict_missing_parameter(run_cli, tmp_path):
    """A quoted placeholder is reported as missing; an unquoted one makes the payload invalid first (spec 4.5)."""
    conn = write_connector(tmp_path, request_body='{"model":"gpt-4o","user":"${parameters.user}"}')
    result = run_cli("predict", conn, "--parameters", "{}", "--response", answer(tmp_path, "{}"))
    assert result.code == 1 and result.err == "error 400: Some parameter placeholder not filled in payload: user\n"
    unquoted = run_cli("predict", write_connector(tmp_path), "--parameters", "{}", "--response", answer(tmp_path, "{}"))
    assert unquoted.code == 1
    assert unquoted.err == 'error 400: Invalid payload: {"model":"gpt-4o","messages":${parameters.messages}}\n'


def test_predict_untrusted_url(run_cli, tmp_path):
    conn = write_connector(tmp_path, url="https://llm.example.com/v1/chat/completions")
    result = run_cli("predict", conn, "--parameters", MESSAGES, "--response", answer(tmp_path, "{}"))
    assert result.code == 1
    assert result.err == ("error 400: Connector URL is not matching the trusted connector endpoint regex\n"
                          f"hint: trusted endpoints: the default list of OpenSearch {NEWEST.short} (--settings FILE "
                          "gives the cluster's)\n")


def test_predict_provider_error_status(run_cli, tmp_path):
    result = run_cli("predict", "openai/chat", "--case", "invalid-role")
    assert result.code == 1 and result.err.startswith('error 400: Error from remote service: {"error":{')


def test_predict_bad_usage(run_cli, tmp_path):
    assert run_cli("predict", "openai/chat", "--parameters", MESSAGES).code == 2
    assert run_cli("predict", "openai/chat", "--parameters", "{not json", "--show-request").code == 2
    assert run_cli("predict", "openai/chat", "--case", "nope").code == 2


def test_build_replays_the_contract_cases(run_cli, project):
    ok = run_cli("build", "--format", "json", cwd=project)
    data = json.loads(ok.out)
    assert ok.code == 0 and all(b["cases"] == b["cases_passed"] >= 2 for b in data["blueprints"])
    case = project / "contracts/openai/chat/documented.yaml"
    case.write_text(case.read_text().replace("Hello! How can I assist you today?", "Hi.", 1))  # expected comes first
    failed = run_cli("build", cwd=project)
    assert failed.code == 1 and "CASES" in failed.out
    assert "1/2" in next(line for line in failed.out.splitlines() if line.startswith("openai/chat"))
    assert "BP020" in failed.err and "contract case documented failed: output differs" in failed.err
