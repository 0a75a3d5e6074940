"""``blueprint check`` options, config files and output formats, through the CLI."""

from __future__ import annotations

import json

import pytest

from toolkit.check.rules._examples import sample

BAD = sample(protocol="HTTP", actions__0__method="PATCH", credentials={"a": "b"})


@pytest.fixture
def workdir(tmp_path):
    (tmp_path / "c.json").write_text(BAD)
    return tmp_path


def _codes(result) -> list[str]:
    return sorted(d["code"] for d in json.loads(result.out)["diagnostics"])


def test_shipped_catalog_is_clean(run_cli):
    result = run_cli("check")
    assert result.code == 0, result.out
    assert "no findings" in result.err


def test_exit_1_and_summary(run_cli, workdir):
    result = run_cli("check", "c.json", cwd=workdir)
    assert result.code == 1 and "2 errors, 1 warning" in result.err


def test_select_and_ignore(run_cli, workdir):
    assert _codes(run_cli("check", "c.json", "--format", "json", "--select", "BP104", cwd=workdir)) == ["BP104"]
    assert _codes(run_cli("check", "c.json", "--format", "json", "--ignore", "BP104", "--ignore", "unknown-key",
                          cwd=workdir)) == ["BP106"]


def test_fail_on_warning(run_cli, tmp_path):
    (tmp_path / "c.json").write_text(sample(tenant_id="t"))
    assert run_cli("check", "c.json", cwd=tmp_path).code == 0
    assert run_cli("check", "c.json", "--fail-on", "warning", cwd=tmp_path).code == 1


def test_config_in_pyproject(run_cli, workdir):
    (workdir / "pyproject.toml").write_text('[tool.blueprint]\nignore = ["BP101", "BP106"]\n')
    assert _codes(run_cli("check", "c.json", "--format", "json", cwd=workdir)) == ["BP104"]


def test_blueprint_toml_wins_and_per_file_ignores(run_cli, workdir):
    (workdir / "pyproject.toml").write_text('[tool.blueprint]\nignore = ["BP1"]\n')
    (workdir / ".blueprint.toml").write_text('[per-file-ignores]\n"c.json" = ["BP104"]\n')
    assert _codes(run_cli("check", "c.json", "--format", "json", cwd=workdir)) == ["BP101", "BP106"]


def test_suppress_one_pointer(run_cli, workdir):
    (workdir / ".blueprint.toml").write_text('[suppress]\n"c.json#/actions/0/method" = ["BP106"]\n')
    assert _codes(run_cli("check", "c.json", "--format", "json", cwd=workdir)) == ["BP101", "BP104"]


def test_access_control_config(run_cli, tmp_path):
    (tmp_path / "c.json").write_text(sample(access_mode="restricted", backend_roles=["ml"]))
    assert _codes(run_cli("check", "c.json", "--format", "json", cwd=tmp_path)) == ["BP401"]
    assert _codes(run_cli("check", "c.json", "--format", "json", "--access-control", cwd=tmp_path)) == []
    (tmp_path / ".blueprint.toml").write_text("access-control = true\n")
    assert _codes(run_cli("check", "c.json", "--format", "json", cwd=tmp_path)) == []


@pytest.mark.parametrize("text, message", [
    ('bogus = 1\n', "unknown key 'bogus'"),
    ('select = "BP1"\n', "select must be a list of strings"),
    ('fail-on = "fatal"\n', "fail-on must be error, warning or info"),
    ('select = [\n', "invalid TOML"),
    ('trusted-endpoints = ["^https://(a"]\n', "is not a valid Java regex: Unclosed group near index"),
    ('target-version = "latest"\n', "target-version: unknown OpenSearch release 'latest'; supported: 2.9 to 3.8"),
])
def test_bad_config_is_exit_2(run_cli, workdir, text, message):
    (workdir / ".blueprint.toml").write_text(text)
    result = run_cli("check", "c.json", cwd=workdir)
    assert result.code == 2 and message in result.err


def test_missing_path_is_exit_2(run_cli, tmp_path):
    result = run_cli("check", "nope.json", cwd=tmp_path)
    assert result.code == 2 and "no such file" in result.err


def test_sarif_has_what_github_requires(run_cli, workdir):
    sarif = json.loads(run_cli("check", "c.json", "--format", "sarif", cwd=workdir).out)
    assert sarif["version"] == "2.1.0" and sarif["$schema"]
    run = sarif["runs"][0]
    rule_ids = [r["id"] for r in run["tool"]["driver"]["rules"]]
    assert rule_ids == ["BP101", "BP104", "BP106"]
    for rule in run["tool"]["driver"]["rules"]:
        assert rule["shortDescription"]["text"] and rule["fullDescription"]["text"] and rule["help"]["text"]
    for result in run["results"]:
        location = result["locations"][0]["physicalLocation"]
        assert location["artifactLocation"]["uri"] == "c.json"
        assert set(location["region"]) == {"startLine", "startColumn", "endLine", "endColumn"}
        assert result["partialFingerprints"]["primaryLocationLineHash"]
        assert rule_ids[result["ruleIndex"]] == result["ruleId"]


def test_github_annotations(run_cli, workdir):
    out = run_cli("check", "c.json", "--format", "github", cwd=workdir).out.splitlines()
    assert out[0].startswith("::error file=c.json,line=") and ",title=BP" in out[0]


def test_output_file(run_cli, workdir):
    result = run_cli("check", "c.json", "--format", "json", "--output", "report.json", cwd=workdir)
    assert result.code == 1 and result.out == ""
    assert len(json.loads((workdir / "report.json").read_text())["diagnostics"]) == 3


def test_folder_skips_unrelated_json(run_cli, tmp_path):
    (tmp_path / "data.json").write_text('{"some": "data"}')
    (tmp_path / "broken-data.json").write_text('{"x": ')
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "c.json").write_text(BAD)
    result = run_cli("check", ".", "--format", "json", cwd=tmp_path)
    assert {d["file"] for d in json.loads(result.out)["diagnostics"]} == {"sub/c.json"}


def test_non_object_json(run_cli, tmp_path):
    (tmp_path / "c.json").write_text("[1, 2]")
    assert _codes(run_cli("check", "c.json", "--format", "json", cwd=tmp_path)) == ["BP100"]


def test_rules_command(run_cli):
    listing = run_cli("rules")
    assert listing.code == 0 and "BP101" in listing.out and "unknown-key" in listing.out
    one = run_cli("rules", "unknown-key")
    assert one.code == 0 and one.out.startswith("## BP101 unknown-key")
    assert json.loads(run_cli("rules", "BP104", "--format", "json").out)["severity"] == "error"
    assert run_cli("rules", "BP999").code == 2


def test_untrusted_endpoint_against_configured_list(run_cli, tmp_path):
    (tmp_path / "c.json").write_text(sample(actions__0__url="https://api.mistral.ai/v1/embeddings"))
    assert _codes(run_cli("check", "c.json", "--format", "json", "--select", "BP301", cwd=tmp_path)) == ["BP301"]
    (tmp_path / ".blueprint.toml").write_text('extend-trusted-endpoints = ["^https://api\\\\.mistral\\\\.ai/v1/embeddings$"]\n')
    assert _codes(run_cli("check", "c.json", "--format", "json", "--select", "BP301", cwd=tmp_path)) == []
    bad = run_cli("check", "c.json", "--trusted-endpoint", "^(x", cwd=tmp_path)
    assert bad.code == 2 and "not a valid Java regex" in bad.err


def test_blueprint_minimum_version_is_checked(run_cli, tmp_project):
    from toolkit.check.rules._examples import MANIFEST, TEMPLATE

    tmp_project.write("blueprints/acme/embed.yaml", MANIFEST)
    tmp_project.write("templates/acme/embed.json.j2", TEMPLATE.replace('"protocol": "http",', '"protocol": "http", "client_config": {"max_retry_times": 2},'))
    found = json.loads(run_cli("check", "--format", "json", "--select", "BP115", cwd=tmp_project.root).out)["diagnostics"]
    assert sorted(d["message"] for d in found) == [
        "client_config 'max_retry_times' needs OpenSearch 2.15; the target is 2.9",
        "the 'client_config' field needs OpenSearch 2.13; the target is 2.9"]


@pytest.mark.parametrize("parameters", [{"model": float("inf")}, {"a": "${parameters.b}", "b": "${parameters.a}"}])
def test_endpoint_rules_survive_odd_parameters(run_cli, tmp_path, parameters):
    body = json.loads(sample(actions__0__url="https://api.openai.com/v1/${parameters.a}"))
    body["parameters"] = parameters
    (tmp_path / "c.json").write_text(json.dumps(body))
    result = run_cli("check", "c.json", "--format", "json", cwd=tmp_path)
    assert all(d["code"] != "BP000" for d in json.loads(result.out)["diagnostics"]), result.out
