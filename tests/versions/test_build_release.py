"""``blueprint build`` and ``blueprint catalog build`` for one release (``--opensearch-version X``):
create-time rules, contract cases and the catalog's settings calls are X's, and a blueprint whose
minimum is newer than X is listed, not built or published."""

from __future__ import annotations

import json

from tests.versions.test_contract_matrix import CASE, _project
from toolkit.check.rules._examples import MANIFEST, TEMPLATE, project
from toolkit.versions import Profile


def _write(root, files: dict[str, str]):
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return root


def test_contract_cases_run_as_the_named_release(run_cli, tmp_path):
    """The case's provider answers an integer: 1.0 before 3.5 (Gson doubles), 1 from 3.5."""
    root = _project(tmp_path, "2.11", CASE)
    before = run_cli("build", "--no-catalog", "--format", "json", "--opensearch-version", "3.4", cwd=root)
    data = json.loads(before.out)
    assert before.code == 1 and data["opensearch_version"] == "3.4" and data["matrix"] is None
    [blueprint] = data["blueprints"]
    assert blueprint["cases_passed"] == 0 and blueprint["applies"]
    assert "1.0" in blueprint["diagnostics"][0]["message"]
    after = run_cli("build", "--no-catalog", "--opensearch-version", "3.5", cwd=root)
    assert after.code == 0
    assert "OK: 1/1 blueprints passed on OpenSearch 3.5" in after.out
    assert "contract cases per OpenSearch release" not in after.out  # one release: no matrix


def test_create_time_rules_follow_the_named_release(run_cli, tmp_path):
    """BP109: ML Commons rejects `<` in a connector name from 3.1; on 3.0 it is a note about later releases."""
    manifest = MANIFEST.replace("default: acme-embed-1", "default: acme<1>")
    root = _write(tmp_path, project(manifest, TEMPLATE))
    old = json.loads(run_cli("build", "--no-catalog", "--format", "json", "--opensearch-version", "3.0", cwd=root).out)
    [finding] = [d for d in old["blueprints"][0]["diagnostics"] if d["code"] == "BP109"]
    assert finding["severity"] == "info" and finding["message"].startswith("OpenSearch 3.1 and later reject this")
    assert old["ok"]
    new = run_cli("build", "--no-catalog", "--format", "json", "--opensearch-version", "3.1", cwd=root)
    assert new.code == 1
    assert [d["severity"] for d in json.loads(new.out)["blueprints"][0]["diagnostics"] if d["code"] == "BP109"] == ["error"]


def test_a_blueprint_newer_than_the_release_is_listed_not_built(run_cli, tmp_path):
    root = _project(tmp_path, "3.5", CASE)
    result = run_cli("build", "--no-catalog", "--opensearch-version", "3.4", cwd=root)
    assert result.code == 0
    assert "- (needs 3.5)" in result.out
    assert "OK: 0/0 blueprints passed on OpenSearch 3.4" in result.out
    assert result.out.rstrip().endswith("1 need a newer release: acme/embed")
    data = json.loads(run_cli("build", "--no-catalog", "--format", "json", "--opensearch-version", "3.4", cwd=root).out)
    assert data["blueprints"][0]["applies"] is False and data["blueprints"][0]["diagnostics"] == []


def test_the_catalog_for_a_release_has_its_settings_and_leaves_newer_blueprints_out(run_cli, tmp_path):
    newer = MANIFEST.replace("id: acme/embed", "id: acme/newer").replace('minimum: "2.9"', 'minimum: "3.5"')
    root = _write(tmp_path / "p", project(**{"blueprints/acme/newer.yaml": newer}))
    out = tmp_path / "site"
    result = run_cli("catalog", "build", "--out", str(out), "--opensearch-version", "2.12", cwd=root)
    assert result.code == 0, result.out
    assert "for OpenSearch 2.12; 1 need a newer release: acme/newer" in result.out
    data = json.loads((out / "catalog.json").read_text())
    assert data["opensearch_version"] == "2.12" and data["built_for_release"] is True
    assert data["needs_newer_release"] == [{"id": "acme/newer", "minimum": "3.5"}]
    [entry] = data["blueprints"]
    assert data["releases"] == ["2.12"] and data["trusted_endpoints_defaults"] == [
        {"releases": ["2.12"], "regexes": list(Profile.for_version("2.12").value("trusted_endpoints.default"))}]
    assert entry["settings"]["by_release"][0]["add"] == {
        "plugins.ml_commons.trusted_connector_endpoints_regex": [r"^https://api\.acme\.example/v1/embed$"]}
    page = (out / "blueprints" / "acme" / "embed.html").read_text()
    assert '<div class="release-variant" data-releases="2.12">' in page and "--opensearch-version 2.12" in page
    markdown = (out / "markdown" / "acme" / "embed.md").read_text()
    assert "| 2.12 | `^https://api\\.acme\\.example/v1/embed$` |" in markdown
    newest = run_cli("catalog", "build", "--out", str(out), cwd=root)
    assert newest.code == 0
    data = json.loads((out / "catalog.json").read_text())
    assert data["built_for_release"] is False and data["opensearch_version"] == "3.8" and len(data["blueprints"]) == 2
    assert "2.12" in data["releases"] and "3.8" in data["releases"]


def test_a_release_the_emulator_does_not_model_is_refused(run_cli, tmp_path):
    root = _project(tmp_path, "2.11", CASE)
    for command in (["build", "--no-catalog"], ["catalog", "build", "--out", str(tmp_path / "site")]):
        result = run_cli(*command, "--opensearch-version", "2.10", cwd=root)
        assert result.code == 2 and "emulation starts at 2.11" in result.err
        assert run_cli(*command, "--opensearch-version", "2.x", cwd=root).code == 2
    assert not (tmp_path / "site").exists()


def test_the_catalog_reports_each_release_from_the_per_release_contract_runs(run_cli, tmp_path):
    """The case fails before 3.5 (Gson answers 1.0) and passes from 3.5: the compatibility table says so
    release by release, n/a below the emulator's floor, and the minimum proven is 3.5, not the declared 2.11."""
    root = _project(tmp_path, "2.11", CASE)
    out = tmp_path / "site"
    run_cli("catalog", "build", "--out", str(out), cwd=root)
    data = json.loads((out / "catalog.json").read_text())
    [entry] = data["blueprints"]
    table = entry["compatibility"]
    assert list(table) == data["releases"] and data["releases"][0] == "2.11" and "3.9-dev" not in table
    assert {table[r] for r in ("2.11", "2.19.6", "3.4")} == {"fail"}
    assert {table[r] for r in ("3.5", "3.6", data["releases"][-1])} == {"pass"}
    assert entry["proven_from"] == "3.5"
    one = run_cli("catalog", "build", "--out", str(out), "--opensearch-version", "3.5", cwd=root)
    assert one.code == 0
    data = json.loads((out / "catalog.json").read_text())
    assert data["releases"] == ["3.5"] and data["blueprints"][0]["compatibility"] == {"3.5": "pass"}
