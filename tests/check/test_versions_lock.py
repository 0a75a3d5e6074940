"""Connector versions: blueprints/versions.lock records each blueprint's version and rendered-output hash;
BP023 (blueprint check and blueprint build) fails when a rendering changed under the same version."""

from __future__ import annotations

import json

from tests.conftest import REPO

TEMPLATE = "templates/openai/embedding.json.j2"
OLD, NEW = '"Text embeddings from the OpenAI embeddings API"', '"Embeddings from OpenAI"'  # a change of output


def findings(result, code="BP023") -> list[dict]:
    return [d for d in json.loads(result.out)["diagnostics"] if d["code"] == code]


def test_the_shipped_lock_vouches_for_every_shipped_blueprint(run_cli):
    result = run_cli("lock", "--check")
    assert result.code == 0, result.err
    lock = json.loads((REPO / "blueprints" / "versions.lock").read_text())
    manifests = {p.relative_to(REPO / "blueprints").with_suffix("").as_posix()
                 for p in (REPO / "blueprints").rglob("*.yaml")}
    assert set(lock["blueprints"]) == manifests


def test_a_changed_rendering_needs_a_new_version_then_a_new_lock(repo_copy, run_cli):
    template = repo_copy / TEMPLATE
    text = template.read_text()
    assert text.count('"version": "1"') == 1
    assert OLD in text
    template.write_text(text.replace(OLD, NEW))

    result = run_cli("check", "--format", "json", cwd=repo_copy)
    found = findings(result)
    assert result.code == 1 and found and {d["file"] for d in found} == {TEMPLATE}
    assert "but its version did not" in found[0]["message"] and found[0]["line"] == text[:text.index('"version"')].count("\n") + 1

    template.write_text(template.read_text().replace('"version": "1"', '"version": "2"'))
    found = findings(run_cli("check", "--format", "json", cwd=repo_copy))
    assert found and "out of date" in found[0]["message"]

    assert run_cli("lock", cwd=repo_copy).code == 0
    assert json.loads((repo_copy / "blueprints/versions.lock").read_text())["blueprints"]["openai/embedding"]["version"] == "2"
    result = run_cli("check", "--format", "json", cwd=repo_copy)
    assert result.code == 0 and not findings(result)


def test_a_new_version_without_a_change_is_reported_too(repo_copy, run_cli):
    template = repo_copy / TEMPLATE
    template.write_text(template.read_text().replace('"version": "1"', '"version": "2"'))
    found = findings(run_cli("check", "--format", "json", cwd=repo_copy))
    assert found and "records '1' for the same output" in found[0]["message"]
    assert run_cli("lock", "--check", cwd=repo_copy).code == 1


def test_the_build_reports_it_as_a_finding_of_the_blueprint(repo_copy, run_cli):
    template = repo_copy / TEMPLATE
    template.write_text(template.read_text().replace(OLD, NEW))
    for manifest in (repo_copy / "blueprints").rglob("*.yaml"):
        if manifest.relative_to(repo_copy / "blueprints").as_posix() != "openai/embedding.yaml":
            manifest.unlink()
    result = run_cli("build", "--no-catalog", "--format", "json", cwd=repo_copy)
    assert result.code == 1
    codes = [d["code"] for r in json.loads(result.out)["blueprints"] for d in r["diagnostics"]]
    assert "BP023" in codes


def test_a_project_without_a_lock_is_not_checked(repo_copy, run_cli):
    (repo_copy / "blueprints/versions.lock").unlink()
    template = repo_copy / TEMPLATE
    template.write_text(template.read_text().replace(OLD, NEW))
    assert not findings(run_cli("check", "--format", "json", cwd=repo_copy))
