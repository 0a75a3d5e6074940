"""BP603 (roleArn) and a manifest's ``opensearch.managed_service_only`` (spec 1.5 D.6, 7)."""

from __future__ import annotations

import json

ROLE = "blueprints/bedrock/titan-embedding-rolearn.yaml"


def test_a_declared_managed_service_blueprint_is_not_reported(run_cli):
    result = run_cli("check", "--format", "json", "--fail-on", "info", ROLE)
    assert result.code == 0 and "BP603" not in result.out


def test_an_undeclared_role_arn_blueprint_is_reported(run_cli, repo_copy):
    manifest = repo_copy / ROLE
    text = manifest.read_text()
    assert "  managed_service_only: true\n" in text
    manifest.write_text(text.replace("  managed_service_only: true\n", ""))
    result = run_cli("check", "--format", "json", "--select", "BP603", ROLE, cwd=repo_copy)
    rules = {d["code"] for d in json.loads(result.out)["diagnostics"]}
    assert rules == {"BP603"} and "roleArn works only on Amazon OpenSearch Service" in result.out


SECRET_DOC = """\
# OpenAI with a key kept in AWS Secrets Manager

```json
POST /_plugins/_ml/connectors/_create
{
  "name": "OpenAI embeddings",
  "version": "1",
  "protocol": "http",
  "parameters": {"model": "text-embedding-3-small"},
  "credential": {"secretArn": "arn:aws:secretsmanager:us-east-1:111122223333:secret:openai-Ab12Cd",
                 "roleArn": "arn:aws:iam::111122223333:role/opensearch-secrets"},
  "actions": [{"action_type": "predict", "method": "POST", "url": "https://api.openai.com/v1/embeddings",
    "headers": {"Authorization": "Bearer ${credential.secretArn.my_openai_key}"},
    "request_body": "{ \\"input\\": ${parameters.input}, \\"model\\": \\"${parameters.model}\\" }"}]
}
```
"""


def test_a_secrets_manager_key_is_a_managed_service_note_not_an_error(run_cli, tmp_path):
    """version matrix A19: `${credential.secretArn.<key>}` is resolved only by Amazon OpenSearch Service."""
    (tmp_path / "secret.md").write_text(SECRET_DOC)
    result = run_cli("check", "--format", "json", "--select", "BP203", "secret.md", cwd=tmp_path)
    [finding] = json.loads(result.out)["diagnostics"]
    line = SECRET_DOC.splitlines().index(next(l for l in SECRET_DOC.splitlines() if "Bearer" in l)) + 1
    column = SECRET_DOC.splitlines()[line - 1].index("${credential") + 1
    assert (finding["severity"], finding["line"], finding["column"]) == ("info", line, column)
    assert "only on Amazon OpenSearch Service" in finding["message"] and result.code == 0
    # without a secretArn credential the same placeholder names nothing: the header is sent as written
    (tmp_path / "secret.md").write_text(SECRET_DOC.replace('"secretArn"', '"secret_arn"'))
    result = run_cli("check", "--format", "json", "--select", "BP203", "secret.md", cwd=tmp_path)
    assert [d["severity"] for d in json.loads(result.out)["diagnostics"]] == ["error"] and result.code == 1


def test_a_secrets_manager_key_uses_the_secret_arn_and_its_role(run_cli, tmp_path):
    """BP205: `${credential.secretArn.<key>}` uses secretArn, and roleArn beside it is the role the domain
    assumes to read the secret (AWS ml-external-connector.html): neither is an unused credential."""
    (tmp_path / "secret.md").write_text(SECRET_DOC)
    result = run_cli("check", "--format", "json", "--select", "BP205", "secret.md", cwd=tmp_path)
    assert json.loads(result.out)["diagnostics"] == [] and result.code == 0
    # a roleArn beside an API key is stored for nothing
    (tmp_path / "secret.md").write_text(SECRET_DOC.replace('"secretArn": "arn:aws:secretsmanager:us-east-1:111122223333:'
                                                          'secret:openai-Ab12Cd"', '"openai_key": "<OPENAI_API_KEY>"')
                                        .replace("${credential.secretArn.my_openai_key}", "${credential.openai_key}"))
    result = run_cli("check", "--format", "json", "--select", "BP205", "secret.md", cwd=tmp_path)
    assert [d["message"] for d in json.loads(result.out)["diagnostics"]] == \
        ["credential 'roleArn' is not used by any header"]


def _create(credential: dict, header: str, model: str = "text-embedding-3-small") -> str:
    body = {"name": "OpenAI", "version": "1", "protocol": "http", "parameters": {"model": model},
            "credential": credential,
            "actions": [{"action_type": "predict", "method": "POST", "url": "https://api.openai.com/v1/embeddings",
                         "headers": {"Authorization": f"Bearer {header}"},
                         "request_body": "{ \"input\": ${parameters.input}, \"model\": \"${parameters.model}\" }",
                         "pre_process_function": "connector.pre_process.openai.embedding",
                         "post_process_function": "connector.post_process.openai.embedding"}]}
    return "```json\nPOST /_plugins/_ml/connectors/_create\n" + json.dumps(body, indent=2) + "\n```\n"


def test_a_document_marks_one_call_as_for_the_managed_service(run_cli, tmp_path):
    """``<!-- blueprint-check: managed-service -->`` applies to the next call only, like a manifest's
    managed_service_only: that call's secretArn note (BP203 info) is not reported, the same call unmarked
    is, and a real undefined credential in a marked call is still an error."""
    secret = _create({"secretArn": "<AWS_SECRET_ARN>", "roleArn": "<AWS_ROLE_ARN>"}, "${credential.secretArn.KEY}")
    wrong = _create({"secretArn": "<AWS_SECRET_ARN>", "roleArn": "<AWS_ROLE_ARN>"}, "${credential.openai_key}")
    doc = tmp_path / "doc.md"
    marked = _create({"secretArn": "<AWS_SECRET_ARN>", "roleArn": "<AWS_ROLE_ARN>"}, "${credential.secretArn.KEY}",
                     "text-embedding-3-large")  # another body: the same one again would be merged with the first
    doc.write_text("# Two ways\n\n" + secret + "\n<!-- blueprint-check: managed-service: only there -->\n\n" + marked
                   + "\n<!-- blueprint-check: managed-service -->\n" + wrong)
    found = json.loads(run_cli("check", "--format", "json", "--fail-on", "info", "--select", "BP203", str(doc)).out)
    lines = sorted((d["line"], d["severity"]) for d in found["diagnostics"])
    marker = doc.read_text().splitlines().index("<!-- blueprint-check: managed-service: only there -->") + 1
    assert [severity for _, severity in lines] == ["info", "error"]  # the first call's note, the third's error
    assert lines[0][0] < marker < lines[1][0]
