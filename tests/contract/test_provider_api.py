"""Provider request schemas (providers/): every emulated request must be one the provider's API accepts."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.conftest import REPO
from tests.contract.test_runner import edit
from toolkit.contract.provider_api import load_provider_schemas, request_problems
from toolkit.diagnostics import ToolkitError

EMBEDDINGS_URL = "https://api.openai.com/v1/embeddings"


@pytest.fixture
def repo(tmp_path) -> Path:
    """A copy of the repository's catalog, provider schemas included."""
    for folder in ("blueprints", "templates", "contracts", "providers"):
        shutil.copytree(REPO / folder, tmp_path / folder)
    return tmp_path


def test_every_shipped_schema_loads_and_cites_its_api_reference():
    schemas = load_provider_schemas(REPO)
    assert schemas and len({s.id for s in schemas}) == len(schemas)
    for schema in schemas:
        assert schema.docs.startswith("https://") and schema.schema.get("title"), schema.file


def test_a_wrong_field_name_fails_even_when_the_recording_has_it_too(repo, run_cli):
    template = repo / "templates/openai/embedding.json.j2"
    text = template.read_text()
    assert text.count('"input": ${parameters.input}') == 1
    template.write_text(text.replace('"input": ${parameters.input}', '"inputs": ${parameters.input}'))
    for case in ("documented", "invalid-api-key"):
        edit(repo / f"contracts/openai/embedding/{case}.yaml",
             lambda d: d["interactions"][0]["request"]["body"].__setitem__("inputs", d["interactions"][0]["request"]["body"].pop("input")))
    result = run_cli("test", "openai/embedding", cwd=repo)
    assert result.code == 1
    assert "does not match the provider's API (providers/openai/embeddings.schema.json" in result.out
    assert "'inputs' was unexpected" in result.out and "/: 'input' is a required property" in result.out


def test_a_request_no_schema_covers_fails(repo, run_cli):
    (repo / "providers/openai/embeddings.schema.json").unlink()
    result = run_cli("test", "openai/embedding", cwd=repo)
    assert result.code == 1 and f"no provider request schema under providers/ covers POST {EMBEDDINGS_URL}" in result.out


def test_a_project_without_providers_folder_opts_out(repo, run_cli):
    shutil.rmtree(repo / "providers")
    assert run_cli("test", "openai/embedding", cwd=repo).code == 0


def test_an_error_case_may_send_an_invalid_request_only_if_the_schema_refuses_it(repo, run_cli):
    invalid_role = repo / "contracts/openai/chat/invalid-role.yaml"
    assert run_cli("test", "openai/chat", cwd=repo).code == 0
    edit(invalid_role, lambda d: d.pop("invalid_request"))
    result = run_cli("test", "openai/chat", cwd=repo)
    assert result.code == 1 and "/messages/0/role: 'robot' is not one of" in result.out
    edit(repo / "contracts/openai/chat/documented.yaml", lambda d: d.__setitem__("invalid_request", "not really"))
    result = run_cli("test", "openai/chat", cwd=repo)
    assert "the case sends an invalid request on purpose (not really), but the provider request schema accepts it" in result.out


def test_provider_api_limits_the_schemas_and_must_name_existing_files(repo, run_cli):
    manifest = repo / "blueprints/sagemaker/embedding.yaml"
    text = manifest.read_text()
    manifest.write_text(text.replace("provider_api: [sagemaker/jumpstart-text-embedding]", "provider_api: [openai/embeddings]"))
    result = run_cli("test", "sagemaker/embedding", cwd=repo)
    assert result.code == 1 and "no provider request schema under providers/ among openai/embeddings covers POST" in result.out
    manifest.write_text(text.replace("provider_api: [sagemaker/jumpstart-text-embedding]", "provider_api: [sagemaker/nope]"))
    result = run_cli("check", str(manifest), cwd=repo)
    assert result.code == 1 and "BP003" in result.out and "provider request schema not found: providers/sagemaker/nope.schema.json" in result.out


@pytest.mark.parametrize("content, message", [
    ("{", "unreadable"),
    ('{"type": "object"}', 'needs "x-endpoint"'),
    ('{"x-endpoint": {"method": "POST", "url": "(", "docs": "https://x"}}', "not a regular expression"),
    ('{"x-endpoint": {"method": "POST", "url": "x", "docs": "https://x"}, "type": 3}', "not a valid JSON Schema"),
])
def test_a_broken_schema_file_is_reported_with_its_path(tmp_path, content, message):
    (tmp_path / "providers/acme").mkdir(parents=True)
    (tmp_path / "providers/acme/embed.schema.json").write_text(content)
    with pytest.raises(ToolkitError) as raised:
        load_provider_schemas(tmp_path)
    diagnostic = raised.value.diagnostics[0]
    assert diagnostic.file == "providers/acme/embed.schema.json" and message in diagnostic.message


def test_request_problems_checks_method_url_and_json():
    schemas = load_provider_schemas(REPO)
    good = json.dumps({"model": "text-embedding-3-small", "input": ["a"]}).encode()
    assert request_problems(schemas, "POST", EMBEDDINGS_URL, good) == []
    assert "covers GET" in request_problems(schemas, "GET", EMBEDDINGS_URL, good)[0]
    assert "covers POST" in request_problems(schemas, "POST", EMBEDDINGS_URL + "x", good)[0]
    assert "is not JSON" in request_problems(schemas, "POST", EMBEDDINGS_URL, b"{input")[0]
    assert "/input: [] is not valid under any of the given schemas" in request_problems(schemas, "POST", EMBEDDINGS_URL, b'{"model": "m", "input": []}')[0]
