"""The shipped catalog covers what issue 7 asks: enough blueprints and providers, every ML Commons
built-in process function, Painless on both sides, both protocols and ``response_filter``."""

from __future__ import annotations

import json

import pytest

from tests.conftest import REPO
from toolkit.manifest import load_all
from toolkit.mlcommons.functions import PREPROCESS_OUTPUTS
from toolkit.mlcommons.postprocess import POSTPROCESS_FUNCTIONS
from toolkit.project import Project
from toolkit.render import render

PROJECT = Project(REPO)
# Built-ins no shipped blueprint uses, and why (the closing note of issue 7 repeats these).
NOT_USED = {
    "connector.pre_process.bedrock.nova.embedding":
        "its output parameter is named after docs[0]'s modality, but a request_body is fixed: it would have to "
        "send all four modality objects with ${parameters.x:-null}, and AWS documents that exactly one may be present",
}


@pytest.fixture(scope="module")
def connectors() -> list[dict]:
    """Every shipped blueprint rendered with its defaults and each named example."""
    out = []
    for manifest in load_all(PROJECT)[0]:
        for _, variables in manifest.variable_sets():
            out.append(render(manifest, PROJECT, variables).connector)
    return out


def functions(connectors, key: str) -> set[str]:
    return {action.get(key) for c in connectors for action in c.get("actions", []) if action.get(key)}


def test_counts_through_blueprint_list(run_cli):
    counts = json.loads(run_cli("list", "--format", "json").out)["counts"]
    assert counts["blueprints"] >= 30 and counts["providers"] >= 12, counts
    assert set(counts["by_protocol"]) == {"http", "aws_sigv4"}


def test_every_builtin_pre_process_function_is_used(connectors):
    assert set(PREPROCESS_OUTPUTS) - functions(connectors, "pre_process_function") == set(NOT_USED)


def test_every_builtin_post_process_function_is_used(connectors):
    assert set(POSTPROCESS_FUNCTIONS) - functions(connectors, "post_process_function") == set()


def test_painless_on_both_sides_and_response_filter(connectors):
    builtins = set(PREPROCESS_OUTPUTS) | set(POSTPROCESS_FUNCTIONS)
    assert functions(connectors, "pre_process_function") - builtins, "no Painless pre-process"
    assert functions(connectors, "post_process_function") - builtins, "no Painless post-process"
    assert any("response_filter" in (c.get("parameters") or {}) for c in connectors)
