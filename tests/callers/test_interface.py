"""The preset model interface ML Commons attaches to some connectors (docs/callers.md section 6)."""

from __future__ import annotations

import dataclasses

from tests.conftest import REPO
from toolkit.callers import get
from toolkit.callers.interface import input_problems, output_problems, preset
from toolkit.callers.run import output_cases, run_caller
from toolkit.contract.runner import ContractRunner
from toolkit.manifest import find_manifest
from toolkit.project import Project

PROJECT = Project(REPO)
SONNET_3 = "anthropic.claude-3-sonnet-20240229-v1:0"


def bedrock(model: str, post: str | None = None) -> dict:
    action = {"action_type": "predict", **({"post_process_function": post} if post else {})}
    return {"parameters": {"service_name": "bedrock", "model": model}, "actions": [action]}


def test_preset_choice_follows_service_model_and_first_post_process():
    assert preset({"parameters": {"model": SONNET_3}, "actions": [{}]}) is None  # no service_name
    assert preset(bedrock("amazon.titan-embed-text-v2:0")) is None
    name, _, output = preset(bedrock("amazon.titan-embed-text-v1", "connector.post_process.bedrock.embedding"))
    assert name == "amazon.titan-embed-text-v1" and output is not None
    assert preset(bedrock("amazon.titan-embed-text-v1"))[2] is None  # raw-output preset: output not modelled
    assert preset({"parameters": {"service_name": "comprehend", "api_name": "DetectDominantLanguage"},
                   "actions": [{}]})[0] == "comprehend DetectDominantLanguage"


def test_conversational_preset_refuses_a_prompt_call():
    problems = input_problems(bedrock(SONNET_3), {"algorithm": "REMOTE", "parameters": {"prompt": "hi"}})
    assert len(problems) == 1
    assert "Error validating input schema" in problems[0] and "'inputs' is a required property" in problems[0]
    assert input_problems(bedrock(SONNET_3), {"algorithm": "REMOTE", "parameters": {"inputs": "hi"}}) == []


def test_embedding_presets_let_text_docs_through_and_check_parameters():
    titan = bedrock("amazon.titan-embed-text-v1", "connector.post_process.bedrock.embedding")
    assert input_problems(titan, {"algorithm": "TEXT_EMBEDDING", "text_docs": ["a"]}) == []
    assert input_problems(titan, {"algorithm": "REMOTE", "parameters": {"inputText": "a"}}) == []
    assert input_problems(titan, {"algorithm": "REMOTE", "parameters": {"texts": "[\"a\"]"}})
    cohere = bedrock("cohere.embed-english-v3", "connector.post_process.cohere.embedding")
    # a JSON-array string parameter is parsed back to an array before validation
    assert input_problems(cohere, {"algorithm": "REMOTE", "parameters": {"texts": "[\"a\", \"b\"]"}}) == []
    assert input_problems(cohere, {"algorithm": "REMOTE", "parameters": {"texts": "a"}})


def test_output_is_validated_only_for_remote_calls():
    cohere = bedrock("cohere.embed-english-v3", "connector.post_process.cohere.embedding")
    bad = {"inference_results": [{"output": [{"name": "response", "dataAsMap": {}}], "status_code": 200}]}
    assert output_problems(cohere, "TEXT_EMBEDDING", bad) == []
    assert "Error validating output schema" in output_problems(cohere, "REMOTE", bad)[0]


def test_agent_on_claude_3_sonnet_is_refused_by_the_preset_interface():
    """claude-messages accepts any Claude model id; with Claude 3 Sonnet ML Commons attaches the
    conversational preset, which requires parameters.inputs: the agent's prompt call is refused."""
    manifest = find_manifest(PROJECT, "bedrock/claude-messages")
    with ContractRunner(PROJECT) as runner:
        runner.add_manifest(manifest)
        path, cassette = output_cases(PROJECT, manifest, runner)[0]
        sonnet = dataclasses.replace(cassette, variables={**cassette.variables, "model": SONNET_3})
        result = run_caller(runner, manifest, get("agent"), sonnet, PROJECT.relative(path))
        default = run_caller(runner, manifest, get("agent"), cassette, PROJECT.relative(path))
    assert not result.ok and "preset interface for " + SONNET_3 in result.problems[0]
    assert default.ok, default.problems


def test_vectors_in_dataasmap_response_need_neural_search_3_5():
    from toolkit.callers.run import _version_problems
    from toolkit.versions import Profile

    output = {"inference_results": [{"output": [{"name": "response", "dataAsMap": {"response": [[0.1, 0.2]]}}]}]}
    old, new = Profile.for_version("3.4"), Profile.for_version("3.5")
    assert "reads only from 3.5" in _version_problems(get("neural_search"), old, output)[0]
    assert _version_problems(get("neural_search"), new, output) == []
    assert _version_problems(get("ml_inference"), old, output) == []
