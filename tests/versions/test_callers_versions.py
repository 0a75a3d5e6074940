"""Callers per release: what neural-search reads and which preset interface ML Commons attaches
follow the profile (``caller.*`` and ``interface.*`` facts), not the manifest's version text."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from toolkit.callers.interface import EMBEDDING_OUTPUT, preset
from toolkit.versions import Profile

BROKEN = Path(__file__).parents[1] / "callers" / "fixtures" / "broken"
TITAN = "amazon.titan-embed-text-v1"


def bedrock(model: str, post: str | None = None) -> dict:
    action = {"action_type": "predict", **({"post_process_function": post} if post else {})}
    return {"parameters": {"service_name": "bedrock", "model": model}, "actions": [action]}


@pytest.fixture(scope="module")
def response_vectors(tmp_path_factory) -> Path:
    """The broken fixture, fixed to return its vectors under dataAsMap.response (neural-search reads
    those from 3.5), with opensearch.minimum 3.3."""
    root = tmp_path_factory.mktemp("vectors") / "project"
    shutil.copytree(BROKEN, root)
    script = root / "templates" / "acme" / "embedding.post.painless"
    script.write_text(script.read_text().replace('"embeddings"', '"response"'))
    manifest = root / "blueprints" / "acme" / "embedding.yaml"
    manifest.write_text(manifest.read_text().replace('minimum: "2.11"', 'minimum: "3.3"'))
    return root


def _problems(root: Path, profile=None, minimum: str | None = None) -> list[str]:
    from toolkit.callers.run import run_callers
    from toolkit.contract.runner import ContractRunner
    from toolkit.manifest import find_manifest
    from toolkit.project import Project

    project = Project(root)
    manifest = find_manifest(project, "acme/embedding")
    if minimum is not None:
        manifest.data["opensearch"]["minimum"] = minimum
    with ContractRunner(project) as runner:
        results = run_callers(project, manifest, runner, ["neural_search"], profile=profile)
    return [problem for result in results for problem in result.problems]


def test_neural_search_reads_dataasmap_response_from_3_5(response_vectors):
    problems = _problems(response_vectors, Profile.for_version("3.4"))
    assert len(problems) == 1
    assert "neural-search reads only from 3.5" in problems[0] and "OpenSearch 3.4" in problems[0]
    assert _problems(response_vectors, Profile.for_version("3.5")) == []


def test_without_a_profile_the_oldest_release_of_the_blueprint_decides(response_vectors):
    assert "OpenSearch 3.3" in _problems(response_vectors)[0]
    assert _problems(response_vectors, minimum="3.5") == []


def test_the_fact_names_neural_search_evidence():
    from toolkit.versions.facts import FACTS

    fact = next(f for f in FACTS if f.key == "caller.neural_search.dataasmap_response")
    assert fact.since == "3.5" and fact.evidence.file is None and "neural-search" in fact.evidence.commit


@pytest.mark.parametrize(("version", "output"), [("2.15", "none"), ("2.16", "processed"), ("2.19.0", "processed"),
                                                 ("2.19.1", "raw"), ("3.8", "raw")])
def test_preset_interfaces_per_release(version, output):
    """G2/G3: no preset before 2.16; until 2.19.0 the model name alone picks the processed-output preset."""
    raw = preset(bedrock(TITAN), Profile.for_version(version))
    cooked = preset(bedrock(TITAN, "connector.post_process.bedrock.embedding"), Profile.for_version(version))
    if output == "none":
        assert raw is None and cooked is None
        return
    assert cooked[2] is EMBEDDING_OUTPUT
    assert raw[2] is (EMBEDDING_OUTPUT if output == "processed" else None)


def test_an_older_era_of_the_range_names_its_releases():
    from types import SimpleNamespace

    from toolkit.callers.interface import output_problems
    from toolkit.callers.run import Releases, _interface_problems

    raw = bedrock(TITAN)
    bad = {"inference_results": [{"output": [{"name": "response", "dataAsMap": {"embedding": [0.1]}}],
                                  "status_code": 200}]}
    releases = Releases.of(SimpleNamespace(min_opensearch="2.12"), None, 21)
    problems = _interface_problems(lambda p: output_problems(raw, "REMOTE", bad, p), releases)
    assert len(problems) == 1 and problems[0].startswith("on OpenSearch 2.16 to 2.19.0: the preset interface")
    newest = Releases.of(SimpleNamespace(min_opensearch="2.19.1"), None, 21)
    assert _interface_problems(lambda p: output_problems(raw, "REMOTE", bad, p), newest) == []


def test_a_release_the_emulator_does_not_model_is_refused(response_vectors):
    from toolkit.versions import UnknownRelease

    with pytest.raises(UnknownRelease, match="emulation starts at 2.11"):
        _problems(response_vectors, Profile.for_version("2.10"))


def test_a_local_model_needs_the_private_ip_setting_of_2_15():
    """ollama/chat declares cluster.private_ip_enabled; before 2.15 no setting lets the call through."""
    from tests.conftest import REPO
    from toolkit.callers.run import run_callers
    from toolkit.contract.runner import ContractRunner
    from toolkit.manifest import find_manifest
    from toolkit.project import Project

    project = Project(REPO)
    manifest = find_manifest(project, "ollama/chat")
    with ContractRunner(project) as runner:
        old = run_callers(project, manifest, runner, ["ml_inference"], profile=Profile.for_version("2.14"))
        new = run_callers(project, manifest, runner, ["ml_inference"], profile=Profile.for_version("2.15"))
    assert "Remote inference host name has private ip address: 127.0.0.1" in old[0].problems[0]
    assert all(result.ok for result in new)


def test_test_caller_runs_on_the_release_it_is_given(run_cli, response_vectors):
    older = run_cli("test", "--caller", "neural_search", "--opensearch-version", "3.4", cwd=response_vectors)
    assert older.code == 1 and "neural-search reads only from 3.5" in older.out + older.err
    assert run_cli("test", "--caller", "neural_search", "--opensearch-version", "3.5", cwd=response_vectors).code == 0
    assert run_cli("test", "--caller", "all", "--opensearch-version", "all", cwd=response_vectors).code == 2
