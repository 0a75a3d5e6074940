"""``blueprint test --caller NAME`` end to end on the shipped catalog (docs/callers.md)."""

from __future__ import annotations

import json

import pytest

from tests.conftest import REPO
from toolkit.callers import CALLER_NAMES, all_callers
from toolkit.manifest import load_all
from toolkit.project import Project

MANIFESTS = load_all(Project(REPO))[0]
CALLER_TASKS = ("text_embedding", "rerank", "chat")


def declaring(name: str) -> list[str]:
    return sorted(m.id for m in MANIFESTS if name in m.callers)


@pytest.mark.parametrize("name", CALLER_NAMES)
def test_every_declaring_blueprint_is_verified(run_cli, name):
    result = run_cli("test", "--caller", name, "--format", "json")
    data = json.loads(result.out)
    failures = [(r["blueprint"], r["case"], r["problems"]) for r in data["runs"] if not r["ok"]]
    assert result.code == 0 and not failures, failures
    assert sorted(data["verified"]) == declaring(name)
    assert all(v == {name: True} for v in data["verified"].values())
    assert all(r["declared"] for r in data["runs"])


def test_every_shipped_embedding_rerank_and_chat_blueprint_declares_callers():
    for manifest in MANIFESTS:
        if manifest.task in CALLER_TASKS:
            assert manifest.callers, f"{manifest.id} declares no callers"
            for name in manifest.callers:
                assert all_callers()[name].applies_to(manifest), (manifest.id, name)


def test_caller_all_runs_declared_callers_of_one_blueprint(run_cli):
    result = run_cli("test", "--caller", "all", "openai/chat")
    assert result.code == 0, result.out
    assert "openai/chat: ml_inference verified, agent verified" in result.out
    # the OpenAI-shaped answer needs the documented tool parameter; the report says so
    assert "note: passes with the tool parameter response_filter $.choices[0].message.content" in result.out
    assert result.out.rstrip().endswith("OK: 2/2 caller runs passed")


def test_text_report_names_each_blueprint_and_verdict(run_cli):
    result = run_cli("test", "--caller", "rerank")
    assert result.code == 0
    for blueprint in declaring("rerank"):
        assert f"{blueprint}: rerank verified" in result.out


def test_undeclared_caller_on_a_given_blueprint_runs_and_says_so(run_cli):
    result = run_cli("test", "--caller", "agent", "bedrock/claude-converse", "--caller", "neural_search")
    # neural_search does not apply to a chat model: reported, not crashed
    assert result.code == 1
    assert "(not declared)" in result.out
    assert "neural_search calls text_embedding, multimodal_embedding models; this blueprint's task is chat" in result.out


def test_titan_multimodal_is_not_an_ingest_text_embedding_model(run_cli):
    """The text_embedding processor would send text and image as two texts and get one vector back."""
    result = run_cli("test", "--caller", "ingest_text_embedding", "bedrock/titan-multimodal-embedding")
    assert result.code == 1
    assert "needs exactly 2 vectors for 2 texts; the output has 1" in result.out


def test_text_only_model_fails_the_text_image_processor(run_cli):
    result = run_cli("test", "--caller", "ingest_text_image_embedding", "openai/embedding")
    assert result.code == 1
    assert "embeds each document on its own" in result.out


def test_junit_report(run_cli):
    result = run_cli("test", "--caller", "neural_search", "openai/embedding", "--format", "junit")
    assert result.code == 0
    assert '<testsuite name="callers" tests="1" failures="0"' in result.out
    assert 'classname="openai/embedding" name="neural_search:documented"' in result.out


def test_unknown_caller_is_bad_usage(run_cli):
    result = run_cli("test", "--caller", "neural-search")
    assert result.code == 2
    assert "neural-search" in result.err


def test_update_cannot_be_combined(run_cli):
    assert run_cli("test", "--caller", "agent", "--update").code == 2


def test_build_reports_caller_verdicts(run_cli):
    result = run_cli("build", "--format", "json")
    data = json.loads(result.out)
    by_id = {b["id"]: b for b in data["blueprints"]}
    assert by_id["openai/embedding"]["callers"] == {"neural_search": True, "ingest_text_embedding": True,
                                                    "ml_inference": True}
    assert by_id["cohere/rerank"]["callers"] == {"rerank": True}
    assert not [d for b in data["blueprints"] for d in b["diagnostics"] if d["code"] == "BP021"]
