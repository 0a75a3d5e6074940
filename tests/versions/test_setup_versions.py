"""``blueprint setup --opensearch-version`` (issue 14, items 2 and 5): the default list, settings, validator
and notes of the chosen release, on both sides of each boundary; never a call that silently replaces the
cluster's list with another release's."""

from __future__ import annotations

import json

import pytest

from toolkit.check.rules._examples import MANIFEST, TEMPLATE
from toolkit.settings import PRIVATE_ENDPOINTS, PRIVATE_IP, TRUSTED
from toolkit.versions import Profile

MISTRAL = "^https://api\\.mistral\\.ai/v1/embeddings$"  # no default list admits its URL
REDOS = "^https://api\\.acme\\.example/(v[0-9]+)+/embed$"  # refused by validateRegexSafety (3.7+)
GET = "GET _cluster/settings?include_defaults=true&filter_path=*.plugins.ml_commons.trusted_connector_endpoints_regex"


def _prose(out: str) -> str:
    """The comment lines of a devtools or curl output as one line of text."""
    return " ".join(line[2:] for line in out.splitlines() if line.startswith("# "))


def _body(out: str) -> dict:
    return json.loads(out[out.index("PUT _cluster/settings\n") + len("PUT _cluster/settings\n"):])


@pytest.mark.parametrize("version, size", [("2.12", 4), ("3.8", 12)])
def test_the_list_is_the_chosen_release_default_after_a_get_step(run_cli, version, size):
    result = run_cli("setup", "mistral/embedding", "--opensearch-version", version)
    assert result.code == 0, result.err
    trusted = _body(result.out)["persistent"][TRUSTED]
    assert trusted == [*Profile.for_version(version).value("trusted_endpoints.default"), MISTRAL]
    assert len(trusted) == size + 1
    assert result.out.index(GET) < result.out.index("PUT _cluster/settings")
    assert f"OpenSearch {version}'s default list ({size} regexes)" in _prose(result.out)
    assert "--existing current.json" in _prose(result.out) and "kept in order" not in _prose(result.out)


def test_2_12_never_prints_the_newer_defaults(run_cli):
    out = run_cli("setup", "mistral/embedding", "--opensearch-version", "2.12", "--format", "curl").out
    assert "deepseek" not in out and "textract" not in out and "bedrock-agent-runtime" not in out
    assert "filter_path=*.plugins.ml_commons.trusted_connector_endpoints_regex\" \\\n" in out
    assert out.index("> current.json") < out.index("curl -sS -X PUT")


def test_json_stays_a_body_and_says_what_it_replaces(run_cli):
    result = run_cli("setup", "mistral/embedding", "--opensearch-version", "2.12", "--format", "json")
    assert len(json.loads(result.out)["persistent"][TRUSTED]) == 5
    assert "replaces the cluster's whole list" in result.err
    assert "blueprint setup mistral/embedding --opensearch-version 2.12 --existing current.json" in result.err


def test_existing_takes_the_get_output_and_needs_no_get_step(run_cli, tmp_path):
    current = tmp_path / "current.json"
    current.write_text(json.dumps({"defaults": {"plugins": {"ml_commons": {
        "trusted_connector_endpoints_regex": ["^https://api\\.openai\\.com/.*$"]}}}}))
    result = run_cli("setup", "mistral/embedding", "--opensearch-version", "2.12", "--existing", str(current))
    assert result.code == 0, result.err
    assert _body(result.out)["persistent"][TRUSTED] == ["^https://api\\.openai\\.com/.*$", MISTRAL]
    assert "GET " not in result.out and "kept in order" in _prose(result.out)


@pytest.mark.parametrize("version, code, keys", [
    ("2.14", 1, set()), ("2.15", 0, {PRIVATE_IP}), ("3.6", 0, {PRIVATE_IP}), ("3.7", 0, {PRIVATE_IP, PRIVATE_ENDPOINTS}),
])
def test_private_host_settings_exist_only_from_their_release(run_cli, version, code, keys):
    result = run_cli("setup", "ollama/chat", "--opensearch-version", version, "--format", "json")
    assert result.code == code, result.err
    assert set(json.loads(result.out)["persistent"]) - {TRUSTED} == keys
    assert ("BP303" in result.err and f"cannot work on OpenSearch {version}" in result.err) == (code == 1)
    assert ("has no allowlist" in result.err) == (keys == {PRIVATE_IP})


def test_existing_private_endpoints_are_kept_and_the_get_asks_for_them(run_cli, tmp_path):
    own = "^http://10\\.0\\.0\\.5:8080/.*$"
    current = tmp_path / "current.json"
    current.write_text(json.dumps({"persistent": {"plugins.ml_commons.trusted_connector_endpoints_regex": [],
                                                  PRIVATE_ENDPOINTS: [own]}}))
    merged = run_cli("setup", "ollama/chat", "--opensearch-version", "3.7", "--existing", str(current), "--format", "json")
    assert json.loads(merged.out)["persistent"][PRIVATE_ENDPOINTS] == [own, "^http://127\\.0\\.0\\.1:11434/.*$"]
    fresh = run_cli("setup", "ollama/chat", "--opensearch-version", "3.7").out
    assert f",*.{PRIVATE_ENDPOINTS}\n" in fresh and f"{PRIVATE_ENDPOINTS} in this call replaces" in _prose(fresh)


@pytest.mark.parametrize("version, refused", [("3.6", False), ("3.7", True)])
def test_an_added_regex_the_validator_refuses(run_cli, tmp_project, version, refused):
    tmp_project.write("blueprints/acme/embed.yaml", MANIFEST.replace("^https://api\\.acme\\.example/v1/embed$", REDOS))
    tmp_project.write("templates/acme/embed.json.j2", TEMPLATE)
    result = run_cli("setup", "acme/embed", "--opensearch-version", version, "--format", "json", cwd=tmp_project.root)
    assert result.code == int(refused), result.err
    assert ("BP304" in result.err) == refused
    assert (REDOS in json.loads(result.out)["persistent"][TRUSTED]) != refused
    assert ("replace it before upgrading" in result.err) != refused


@pytest.mark.parametrize("version, refused", [("3.6", False), ("3.7", True)])
def test_a_kept_regex_the_validator_refuses(run_cli, tmp_path, version, refused):
    current = tmp_path / "current.json"
    current.write_text(json.dumps(["^https://(a+)+\\.x\\.com/.*$"]))
    result = run_cli("setup", "openai/embedding", "--opensearch-version", version, "--existing", str(current),
                     "--format", "json")
    assert result.code == int(refused), result.err
    assert ("BP304" in result.err) == refused
    assert ("replace them before upgrading" in result.err) != refused


def test_a_kept_regex_java_cannot_compile_is_a_finding_not_a_crash(run_cli, tmp_path):
    current = tmp_path / "current.json"
    current.write_text(json.dumps(["^https://api\\.openai\\.com/(.*$"]))
    result = run_cli("setup", "openai/embedding", "--opensearch-version", "3.6", "--existing", str(current))
    assert result.code == 1 and "BP304" in result.err and "internal error" not in result.err
    kept = run_cli("setup", "openai/embedding", "--existing", str(current), "--keep-unsafe", "--format", "json")
    assert kept.code == 0, kept.err


@pytest.mark.parametrize("version, recheck", [("3.6", False), ("3.7", True)])
def test_the_per_call_recheck_note_only_from_3_7(run_cli, version, recheck):
    err = run_cli("setup", "openai/embedding", "--opensearch-version", version, "--format", "json").err
    assert ("Every remote call re-checks" in err) == recheck
    assert ("not at predict time" in err) != recheck


@pytest.mark.parametrize("version, limited", [("2.9", True), ("2.10", False)])
def test_only_run_on_ml_node_limits_remote_models_on_2_9(run_cli, version, limited):
    err = run_cli("setup", "openai/embedding", "--opensearch-version", version, "--format", "json").err
    assert ("also limits remote models" in err) == limited
    assert ("does not affect remote models" in err) != limited


def test_unknown_release_is_bad_usage_and_help_names_the_default(run_cli):
    assert run_cli("setup", "openai/embedding", "--opensearch-version", "2.8").code == 2
    assert "default: the newest release, 3.8" in " ".join(run_cli("setup", "--help").out.split())
