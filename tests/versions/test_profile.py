"""``toolkit.versions``: releases, the fact table and ``Profile`` (issue 14, item 1), through the CLI where
a user meets them."""

from __future__ import annotations

import json

import pytest

from toolkit.check.rules._examples import sample
from toolkit.versions import NEWEST, Profile, UnknownRelease
from toolkit.versions.facts import FACTS


@pytest.mark.parametrize("text, shown, jdk", [
    ("2.11", "2.11", 17), ("2.11.1", "2.11.1", 17), ("2.12", "2.12", 21), ("2.19.9", "2.19.9", 21),
    ("3.9", "3.9-dev", 21), ("3.9-dev", "3.9-dev", 21), (None, "3.8", 21),
])
def test_releases_resolve_and_the_jdk_follows(text, shown, jdk):
    profile = Profile.for_version(text)
    assert str(profile) == shown and profile.jdk == jdk
    assert Profile.for_version(text, jdk=17).jdk == 17


@pytest.mark.parametrize("text", ["2.x", "1.3", "4.0", "3.10", "", "2.19.1-dev", "2.8"])
def test_unknown_releases_are_refused_with_the_supported_ones(text):
    with pytest.raises(UnknownRelease, match="supported: 2.9 to 3.8"):
        Profile.for_version(text)


def test_the_default_trusted_list_of_each_release():
    """matrix B1, checked against MLCommonsSettings.java at 2.12.0.0, 2.18.0.0 and 3.5.0.0."""
    assert len(Profile.for_version("2.12").value("trusted_endpoints.default")) == 4
    assert len(Profile.for_version("2.17").value("trusted_endpoints.default")) == 6
    assert len(Profile.for_version("2.17.1").value("trusted_endpoints.default")) == 7
    assert len(Profile.for_version("2.18").value("trusted_endpoints.default")) == 9
    from toolkit.javaregex import DEFAULT_TRUSTED_ENDPOINTS

    assert Profile.for_version(str(NEWEST)).value("trusted_endpoints.default") == DEFAULT_TRUSTED_ENDPOINTS


def test_emulation_starts_at_2_11():
    Profile.for_version("2.11").require_emulation()
    with pytest.raises(UnknownRelease, match="emulation starts at 2.11"):
        Profile.for_version("2.10").require_emulation()


def test_every_fact_names_a_known_release_and_its_evidence():
    for fact in FACTS:
        Profile.for_version(fact.since)
        evidence = fact.evidence
        assert evidence.file or evidence.note or evidence.pr, f"{fact.key} since {fact.since}: no evidence"


def test_execute_actions_arrive_in_2_15_not_2_16(run_cli, tmp_path):
    """matrix A5: ConnectorAction.ActionType has EXECUTE at tag 2.15.0.0, not at 2.14.0.0."""
    body = json.loads(sample())
    body["actions"].append({**body["actions"][0], "action_type": "EXECUTE"})
    (tmp_path / "c.json").write_text(json.dumps(body, indent=2))
    older = run_cli("check", "--select", "BP115", "--opensearch-version", "2.14", "c.json", cwd=tmp_path)
    assert older.code == 1 and "the EXECUTE action needs OpenSearch 2.15; the target is 2.14" in older.out
    assert run_cli("check", "--select", "BP115", "--opensearch-version", "2.15", "c.json", cwd=tmp_path).code == 0


def test_check_refuses_an_unknown_release(run_cli, tmp_path):
    (tmp_path / "c.json").write_text(sample())
    result = run_cli("check", "--opensearch-version", "2.x", "c.json", cwd=tmp_path)
    assert result.code == 2 and "supported: 2.9 to 3.8" in result.err
    (tmp_path / ".blueprint.toml").write_text('target-version = "4.0"\n')
    result = run_cli("check", "c.json", cwd=tmp_path)
    assert result.code == 2 and "target-version: unknown OpenSearch release '4.0'" in result.err


def test_a_manifest_minimum_must_be_a_known_release(run_cli, tmp_project):
    from tests.conftest import MINIMAL_MANIFEST

    tmp_project.minimal(MINIMAL_MANIFEST.replace('minimum: "2.9"', 'minimum: "4.0"'))
    result = run_cli("check", "--format", "json", cwd=tmp_project.root)
    found = [d for d in json.loads(result.out)["diagnostics"] if d["code"] == "BP003"]
    assert result.code == 1 and "opensearch.minimum: unknown OpenSearch release '4.0'" in found[0]["message"]
