"""``predict --case`` runs a contract case as ``blueprint test`` does, and ``predict`` refuses a connector ML
Commons would refuse to create, with the checker's own messages (toolkit/check/create_time.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import REPO
from toolkit.check.rules._examples import sample
from toolkit.versions import NEWEST

TEXT_DOCS_CASE = """\
blueprint: acme/embed
description: One document embedded.
provenance:
  kind: documented
  source: https://acme.example/docs
schema_version: 1
variables:
  model: {model}
input:
  text_docs: [hello]
interactions:
  - request:
      method: POST
      url: https://api.acme.example/v1/embed
      headers:
        Authorization: Bearer <ACME_KEY>
        Content-Type: application/json
      body:
        model: {model}
        input: [hello]
    response:
      status: 200
      headers:
        Content-Type: application/json
      body:
        data: [[0.5]]
expected:
  output:
    inference_results:
      - output:
          - name: response
            dataAsMap:
              data: [[0.5]]
        status_code: 200
"""


def shipped_cases() -> list[tuple[str, str]]:
    from toolkit.manifest import load_all
    from toolkit.project import find_project

    manifests, _ = load_all(find_project(str(REPO)))
    return [(manifest.id, Path(case).stem) for manifest in manifests for case in manifest.contracts]


@pytest.fixture(scope="module")
def test_results() -> dict[tuple[str, str], dict]:
    """What `blueprint test` computes for every shipped case (each must pass)."""
    from toolkit.contract.runner import ContractRunner, case_paths
    from toolkit.manifest import load_all
    from toolkit.project import find_project

    project = find_project(str(REPO))
    manifests, _ = load_all(project)
    out = {}
    with ContractRunner(project) as runner:
        for manifest in manifests:
            for path in case_paths(project, manifest):
                result = runner.run(path)
                assert result.ok, result.problems
                out[manifest.id, path.stem] = result.actual
    return out


@pytest.mark.parametrize("blueprint, case", shipped_cases())
def test_predict_case_answers_what_blueprint_test_computes(run_cli, test_results, blueprint, case):
    """Every shipped case: the case's variables, input and action (17 cases set `dimensions` or another
    variable, which a rendering with the defaults would not send)."""
    result = run_cli("predict", blueprint, "--case", case, "--format", "json")
    printed = json.loads(result.out)
    expected = test_results[blueprint, case]
    if "error" in expected:
        assert result.code == 1 and {k: printed["error"][k] for k in ("status", "message")} == expected["error"]
    else:
        assert result.code == 0, result.err
        assert printed == expected["output"]


def test_predict_refuses_what_check_reports_with_the_same_message(run_cli, tmp_path):
    """ML Commons' MLCreateConnectorInputTests.constructorMLCreateConnectorInput_InvalidProtocol: an unknown
    protocol fails the create call; `blueprint check` reports it as BP104, and predict refuses it the same way."""
    (tmp_path / "connector.json").write_text(sample(protocol="HTTP"))
    check = run_cli("check", "connector.json", "--select", "BP104", cwd=tmp_path)
    refused = run_cli("predict", "connector.json", "--parameters", '{"input": ["a"]}', "--show-request", cwd=tmp_path)
    assert check.code == 1 and refused.code == 1 and "POST" not in refused.out
    assert check.out.strip() and check.out.strip() in refused.err
    assert "connector.json:5:3: BP104 error unsupported protocol 'HTTP'" in refused.err
    as_json = run_cli("predict", "connector.json", "--parameters", '{"input": ["a"]}', "--show-request",
                      "--format", "json", cwd=tmp_path)
    checked = run_cli("check", "connector.json", "--select", "BP104", "--format", "json", cwd=tmp_path)
    assert json.loads(as_json.out)["refused"]["diagnostics"] == json.loads(checked.out)["diagnostics"]


def test_no_validate_runs_it_and_says_what_ml_commons_would_do(run_cli, tmp_path):
    (tmp_path / "connector.json").write_text(sample(protocol="HTTP"))
    result = run_cli("predict", "connector.json", "--parameters", '{"input": ["a"]}', "--show-request",
                     "--no-validate", cwd=tmp_path)
    assert result.code == 0 and "POST https://api.openai.com/v1/embeddings" in result.out
    assert f"note: OpenSearch {NEWEST.short} refuses to create this connector" in result.err
    assert "BP104 error" in result.err


def test_create_time_rules_follow_the_release(run_cli, tmp_path):
    """MLCreateConnectorRequestTests.validateWithUnsafeModelConnectorName (3.1.0.0): the name check came in
    3.1; 3.0 creates the connector."""
    (tmp_path / "connector.json").write_text(sample(name="Embeddings [v2]"))

    def run(version: str):
        return run_cli("predict", "connector.json", "--parameters", '{"input": ["a"]}', "--show-request",
                       "--opensearch-version", version, cwd=tmp_path)

    newer = run("3.1")
    assert newer.code == 1 and "BP109 error Model connector name contains '['" in newer.err
    assert run("3.0").code == 0


def test_access_control_comes_from_the_cluster_settings(run_cli, tmp_path):
    """BP401: backend roles fail creation while the cluster's connector access control is off."""
    (tmp_path / "connector.json").write_text(sample(backend_roles=["ml"], access_mode="restricted"))
    args = ("predict", "connector.json", "--parameters", '{"input": ["a"]}', "--show-request")
    off = run_cli(*args, cwd=tmp_path)
    assert off.code == 1 and "BP401 error" in off.err
    (tmp_path / "on.json").write_text('{"persistent": {"plugins.ml_commons.connector_access_control_enabled": true}}')
    assert run_cli(*args, "--settings", "on.json", cwd=tmp_path).code == 0


def test_blueprint_test_fails_a_case_whose_connector_ml_commons_refuses(run_cli, tmp_project):
    """A case's variables can render a connector the named examples never do: here a name with brackets
    (BP109 from 3.1). The case fails on 3.1 and later; 3.0 creates it and the case passes."""
    manifest = tmp_project.minimal().root / "blueprints/acme/embed.yaml"
    manifest.write_text(manifest.read_text() + "contracts:\n  - acme/embed/beta.yaml\n")
    tmp_project.write("contracts/acme/embed/beta.yaml", TEXT_DOCS_CASE.format(model="'acme [beta]'"))
    failed = run_cli("test", cwd=tmp_project.root)
    assert failed.code == 1
    assert ("ML Commons refuses to create the connector: templates/acme/embed.json.j2:2:3: Model connector name "
            "contains '[', ']'") in failed.out
    assert run_cli("test", "--opensearch-version", "3.0", cwd=tmp_project.root).code == 0
    predicted = run_cli("predict", "acme/embed", "--case", "beta", cwd=tmp_project.root)
    assert predicted.code == 1 and "BP109 error" in predicted.err


def test_an_unknown_case_names_the_option_and_the_manifest(run_cli):
    result = run_cli("predict", "openai/embedding", "--case", "nope")
    assert result.code == 2
    assert ("blueprints/openai/embedding.yaml: BP001 error --case nope: openai/embedding has no contract case "
            "'nope'") in result.err
