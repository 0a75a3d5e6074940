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
