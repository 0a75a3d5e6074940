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
