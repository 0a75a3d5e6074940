"""``blueprint setup``: settings that admit every rendered URL, keep existing entries, and say what they do."""

from __future__ import annotations

import json

from tests.conftest import REPO
from toolkit.check.rules._examples import MANIFEST, TEMPLATE
from toolkit.javaregex import DEFAULT_TRUSTED_ENDPOINTS, compile
from toolkit.javaregex.audit import audit_one
from toolkit.manifest import find_manifest
from toolkit.project import Project
from toolkit.settings import TRUSTED, plan_settings
from toolkit.versions import Profile

PROJECT = Project(REPO)
SHIPPED = [p.relative_to(PROJECT.blueprints).with_suffix("").as_posix() for p in PROJECT.manifest_paths()]


def test_every_shipped_blueprint_is_admitted_by_its_settings():
    plan = plan_settings([find_manifest(PROJECT, i) for i in SHIPPED], Profile.for_version(), existing=[])
    assert plan.problems == []
    assert plan.coverage and all(c.regex is not None for c in plan.coverage)
    assert {c.blueprint for c in plan.coverage} == set(SHIPPED)
    for regex in plan.persistent[TRUSTED]:
        assert [f for f in audit_one(regex) if f.severity == "error"] == [], regex


def test_default_list_is_kept_and_only_the_regexes_it_lacks_are_added(run_cli):
    result = run_cli("setup", "mistral/embedding", "cohere/rerank", "--format", "json")
    assert result.code == 0, result.err
    trusted = json.loads(result.out)["persistent"][TRUSTED]
    assert trusted[: len(DEFAULT_TRUSTED_ENDPOINTS)] == list(DEFAULT_TRUSTED_ENDPOINTS)
    # the default list's ^https://api\.cohere\.ai/.*$ admits Cohere's rerank URL: only Mistral's regex is added
    assert trusted[len(DEFAULT_TRUSTED_ENDPOINTS):] == find_manifest(PROJECT, "mistral/embedding").trusted_endpoints
    assert "only_run_on_ml_node does not affect remote models" in result.err


def test_nothing_to_add_prints_no_put(run_cli):
    result = run_cli("setup", "cohere/rerank", "--opensearch-version", "2.12")
    assert result.code == 0, result.err
    assert "PUT" not in result.out and "GET _cluster/settings?include_defaults=true" in result.out
    assert "Nothing to add: OpenSearch 2.12's default list (4 regexes) already admits every URL" in " ".join(
        line[2:] for line in result.out.splitlines() if line.startswith("# "))


def test_a_cluster_list_without_the_default_regex_gets_the_blueprints_own(run_cli, tmp_path):
    (tmp_path / "current.json").write_text(json.dumps(["^https://api\\.openai\\.com/.*$"]))
    result = run_cli("setup", "cohere/rerank", "--existing", str(tmp_path / "current.json"), "--format", "json")
    assert json.loads(result.out)["persistent"][TRUSTED] == ["^https://api\\.openai\\.com/.*$",
                                                            *find_manifest(PROJECT, "cohere/rerank").trusted_endpoints]


def test_existing_entries_are_never_dropped(run_cli, tmp_path):
    existing = ["^https://internal\\.example\\.com/.*$", "^https://api\\.openai\\.com/v1/embeddings$"]
    (tmp_path / "current.json").write_text(json.dumps({"persistent": {"plugins": {"ml_commons": {
        "trusted_connector_endpoints_regex": existing}}}}))
    result = run_cli("setup", "openai/embedding", "--existing", str(tmp_path / "current.json"), "--format", "json")
    trusted = json.loads(result.out)["persistent"][TRUSTED]
    assert trusted[:2] == existing and len(trusted) == len(set(trusted))


def test_access_control_and_devtools_form(run_cli):
    result = run_cli("setup", "openai/chat", "--access-control")
    assert result.code == 0
    lines = result.out.splitlines()
    assert lines[0].startswith("# ") and "PUT _cluster/settings" in lines
    body = json.loads("\n".join(lines[lines.index("PUT _cluster/settings") + 1:]))
    assert body["persistent"]["plugins.ml_commons.connector_access_control_enabled"] is True


def test_curl_form(run_cli):
    out = run_cli("setup", "mistral/chat", "--format", "curl").out
    assert "curl -sS -X PUT" in out and "_cluster/settings" in out
    body = out.split("<<'JSON'\n", 1)[1].rsplit("\nJSON", 1)[0]
    assert TRUSTED in json.loads(body)["persistent"]


def test_urls_really_match_with_java_semantics():
    plan = plan_settings([find_manifest(PROJECT, "bedrock/claude-converse")], Profile.for_version(), existing=[])
    for covered in plan.coverage:
        assert "${" not in covered.url and compile(covered.regex).matches(covered.url)


def test_uncovered_url_fails(run_cli, tmp_project):
    tmp_project.write("blueprints/acme/embed.yaml", MANIFEST.replace("v1/embed$", "v2/embed$"))
    tmp_project.write("templates/acme/embed.json.j2", TEMPLATE)
    result = run_cli("setup", "acme/embed", "--format", "json", cwd=tmp_project.root)
    assert result.code == 1 and "BP309" in result.err and "no trusted-endpoint regex admits" in result.err


def test_private_host_needs_private_settings(run_cli, tmp_project):
    tmp_project.write("blueprints/acme/embed.yaml", MANIFEST.replace(
        "^https://api\\.acme\\.example/v1/embed$", "^http://localhost:11434/v1/embed$"))
    tmp_project.write("templates/acme/embed.json.j2", TEMPLATE.replace("https://api.acme.example", "http://localhost:11434"))
    persistent = json.loads(run_cli("setup", "acme/embed", "--format", "json", cwd=tmp_project.root).out)["persistent"]
    assert persistent["plugins.ml_commons.connector.private_ip_enabled"] is True
    assert persistent["plugins.ml_commons.trusted_connector_private_endpoints_regex"] == ["^http://localhost:11434/.*$"]


def test_declared_private_host_passes_check_and_keeps_setup(run_cli, tmp_project):
    local = MANIFEST.replace("^https://api\\.acme\\.example/v1/embed$", "^http://localhost:11434/v1/embed$")
    tmp_project.write("templates/acme/embed.json.j2", TEMPLATE.replace("https://api.acme.example", "http://localhost:11434"))
    tmp_project.write("blueprints/acme/embed.yaml", local)
    too_old = run_cli("check", "--format", "json", cwd=tmp_project.root)  # no private_ip_enabled before 2.15
    assert "OpenSearch 2.9 refuses every private host" in too_old.out and "raise opensearch.minimum to 2.15" in too_old.out
    local = local.replace('minimum: "2.9"', 'minimum: "2.15"')
    tmp_project.write("blueprints/acme/embed.yaml", local)
    undeclared = run_cli("check", "--format", "json", cwd=tmp_project.root)
    assert "BP303" in undeclared.out and "cluster: {private_ip_enabled: true}" in undeclared.out
    tmp_project.write("blueprints/acme/embed.yaml", local + "cluster:\n  private_ip_enabled: true\n")
    declared = run_cli("check", "--format", "json", cwd=tmp_project.root)
    assert "BP303" not in declared.out
    persistent = json.loads(run_cli("setup", "acme/embed", "--format", "json", cwd=tmp_project.root).out)["persistent"]
    assert persistent["plugins.ml_commons.connector.private_ip_enabled"] is True


def test_unknown_blueprint(run_cli):
    assert run_cli("setup", "nope/nope").code == 2


def test_no_existing_gives_only_audited_regexes(run_cli):
    result = run_cli("setup", "openai/embedding", "bedrock/claude-converse", "--no-existing", "--format", "json")
    trusted = json.loads(result.out)["persistent"][TRUSTED]
    assert result.code == 0 and trusted
    assert all(not [f for f in audit_one(r) if f.severity == "error"] for r in trusted)


def test_loose_kept_regexes_are_explained(run_cli):
    result = run_cli("setup", "openai/embedding", "--format", "json")
    assert "kept regexes are loose" in result.err and "evil.com" in result.err


def test_existing_and_no_existing_conflict(run_cli, tmp_path):
    (tmp_path / "s.json").write_text("[]")
    assert run_cli("setup", "openai/embedding", "--existing", str(tmp_path / "s.json"), "--no-existing").code == 2


def test_a_stock_clusters_get_output_is_merged_without_findings(run_cli, tmp_path):
    """The release's own default regexes are noted when loose, never findings: they are not the cluster's."""
    default = list(Profile.for_version("2.13").value("trusted_endpoints.default"))
    (tmp_path / "current.json").write_text(json.dumps({"defaults": {"plugins": {"ml_commons": {
        "trusted_connector_endpoints_regex": default}}}}))
    result = run_cli("setup", "mistral/embedding", "--opensearch-version", "2.13", "--existing",
                     str(tmp_path / "current.json"), "--format", "json")
    assert result.code == 0, result.err
    assert json.loads(result.out)["persistent"][TRUSTED] == [*default, r"^https://api\.mistral\.ai/v1/embeddings$"]
    assert "kept regexes are loose" in result.err and "BP305" not in result.err
