"""Every diagnostic names its source: the option (``--parameters:1:5``, ``--set dimensions``) or the file
(``connector.json:3:5``), never a stand-in such as ``<input>``; one violated constraint is one message."""

from __future__ import annotations

import pytest

from tests.conftest import REPO


def manifest_position(blueprint: str, *path):
    from toolkit.manifest import find_manifest
    from toolkit.project import find_project

    return find_manifest(find_project(str(REPO)), blueprint).doc.position(list(path))


def test_a_value_over_two_maximums_gets_the_binding_one(run_cli):
    """openai/embedding: dimensions has maximum 3072, and 1536 when the model is text-embedding-3-small (the
    default) through an if/then; 4000 breaks both, and only the tighter one binds."""
    result = run_cli("render", "openai/embedding", "--set", "dimensions=4000")
    at = manifest_position("openai/embedding", "variables", "allOf", 0, "then", "properties", "dimensions", "maximum")
    assert result.code == 2 and result.err.count("BP015") == 1
    assert (f"blueprints/openai/embedding.yaml:{at.line}:{at.column}: BP015 error --set dimensions: 4000 is greater "
            "than the maximum of 1536 (with model 'text-embedding-3-small')\n") in result.err


def test_the_unconditional_bound_binds_when_the_condition_does_not_hold(run_cli):
    result = run_cli("render", "openai/embedding", "--set", "model=text-embedding-3-large", "--set", "dimensions=4000")
    at = manifest_position("openai/embedding", "variables", "properties", "dimensions")
    assert result.code == 2 and result.err.count("BP015") == 1
    assert (f"blueprints/openai/embedding.yaml:{at.line}:{at.column}: BP015 error --set dimensions: 4000 is greater "
            "than the maximum of 3072\n") in result.err


def test_a_conditional_type_names_its_condition(run_cli):
    result = run_cli("render", "openai/embedding", "--set", "model=text-embedding-ada-002", "--set", "dimensions=5")
    assert result.code == 2 and result.err.count("BP015") == 1
    assert "--set dimensions: 5 is not of type 'null' (with model 'text-embedding-ada-002')" in result.err


@pytest.fixture
def connector(tmp_path):
    from toolkit.check.rules._examples import sample

    (tmp_path / "connector.json").write_text(sample())
    (tmp_path / "broken.json").write_text('{\n  "name": "x",\n  "version": 1\n  "protocol": "http"\n}')
    return tmp_path


@pytest.mark.parametrize("args, first_line", [
    (["predict", "connector.json", "--show-request", "--parameters", '{"input": [1,}'],
     "--parameters:1:14: BP001 error not JSON: Expecting value"),
    (["predict", "connector.json", "--show-request", "--parameters", "[1]"],
     "--parameters: BP001 error not a predict body: parameters must be a JSON object"),
    (["predict", "broken.json", "--show-request"],
     "broken.json:4:3: BP001 error not JSON: Expecting ',' delimiter"),
    (["predict", "connector.json", "--show-request", "--opensearch-version", "9.9"],
     "BP001 error --opensearch-version: unknown OpenSearch release '9.9'"),
    (["check", "connector.json", "--trusted-endpoint", "("],
     "BP001 error --trusted-endpoint: trusted-endpoints: '(' is not a valid Java regex: Unclosed group"),
    (["endpoints", "match", "https://a.example/", "--regex", "("],
     "EP001 error --regex '(': invalid Java regex: Unclosed group near index 1"),
])
def test_a_diagnostic_names_its_option_or_file(run_cli, connector, args, first_line):
    result = run_cli(*args, cwd=connector)
    assert result.code == 2
    assert result.err.startswith(first_line), result.err
    assert "<input>" not in result.err and "<command line>" not in result.err
