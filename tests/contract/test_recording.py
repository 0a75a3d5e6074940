"""Recording a case against a stand-in provider: scrubbed, recorded provenance, and it replays."""

from __future__ import annotations

import json
import shutil

import pytest

from tests.conftest import REPO
from tests.contract.conftest import AWS_ACCESS_KEY, AWS_SECRET_KEY, OPENAI_KEY
from toolkit.contract.cassette import load_cassette
from toolkit.contract.http import HttpResponse
from toolkit.contract.recording import record_case
from toolkit.diagnostics import ToolkitError
from toolkit.project import Project


@pytest.fixture
def project(tmp_path) -> Project:
    for folder in ("blueprints", "templates", "contracts", "providers"):
        shutil.copytree(REPO / folder, tmp_path / folder)
    return Project(tmp_path)


def test_record_openai_embedding_scrubs_the_key_and_replays(project, provider):
    answer = {"data": [{"embedding": [0.5, -1.25]}], "echo": OPENAI_KEY}
    provider.respond = lambda request: HttpResponse(200, {"Content-Type": "application/json"}, json.dumps(answer).encode())
    result = record_case(project, "openai/embedding", "live", {"text_docs": ["hi"]}, {"OPENAI_API_KEY": OPENAI_KEY},
                         description="One document, recorded.", redirect_to=provider.address)
    assert result.ok, result.problems
    assert provider.received[0].header("Authorization") == f"Bearer {OPENAI_KEY}"
    path = project.contracts / "openai/embedding/live.yaml"
    text = path.read_text()
    assert OPENAI_KEY not in text and "Bearer <OPENAI_API_KEY>" in text
    cassette = load_cassette(path)
    assert cassette.provenance.kind == "recorded" and cassette.provenance.recorded_at
    assert cassette.expected.output["inference_results"][0]["output"][0]["data"] == [0.5, -1.25]


def test_record_an_error_and_a_sigv4_call(project, provider):
    provider.respond = lambda request: HttpResponse(403, {"Content-Type": "application/json"}, b'{"message":"denied"}')
    secrets = {"AWS_ACCESS_KEY_ID": AWS_ACCESS_KEY, "AWS_SECRET_ACCESS_KEY": AWS_SECRET_KEY}
    result = record_case(project, "bedrock/claude-converse", "denied", {"parameters": {"prompt": "hi"}}, secrets,
                         description="Access denied, recorded.", redirect_to=provider.address)
    assert result.ok, result.problems
    cassette = load_cassette(project.contracts / "bedrock/claude-converse/denied.yaml")
    assert (cassette.expected.error.status, cassette.expected.error.message) == (403, 'Error from remote service: {"message":"denied"}')
    assert cassette.interactions[0].request.matchers["headers.Authorization"] == "sigv4"
    assert AWS_SECRET_KEY not in (project.contracts / "bedrock/claude-converse/denied.yaml").read_text()
    assert _botocore_agrees(provider.received[0])


def _botocore_agrees(received) -> bool:
    """Re-sign what the stand-in provider received with botocore, independently of our signer."""
    from datetime import datetime
    from unittest import mock

    botocore = pytest.importorskip("botocore.auth")
    from botocore.awsrequest import AWSRequest
    from botocore.credentials import Credentials

    url = received.url.replace("http://", "https://", 1)  # the original URL; the socket went to 127.0.0.1
    region, service = "us-east-1", "bedrock"
    names = {"content-type", "x-amz-date", "x-amz-content-sha256", "host"}
    headers = {k: v for k, v in received.headers.items() if k.lower() in names}
    aws = AWSRequest(method=received.method, url=url, data=received.body, headers=headers)
    when = datetime.strptime(received.header("x-amz-date"), "%Y%m%dT%H%M%SZ")
    with mock.patch("botocore.auth.get_current_datetime", return_value=when):
        botocore.SigV4Auth(Credentials(AWS_ACCESS_KEY, AWS_SECRET_KEY), service, region).add_auth(aws)
    return aws.headers["Authorization"] == received.header("authorization")


def test_record_refuses_an_existing_case_and_missing_secrets(project, provider):
    with pytest.raises(ToolkitError, match="exists"):
        record_case(project, "openai/embedding", "documented", {"text_docs": ["hi"]}, {"OPENAI_API_KEY": OPENAI_KEY},
                    description="x", redirect_to=provider.address)
    with pytest.raises(ToolkitError, match="needs the secret"):
        record_case(project, "openai/embedding", "new", {"text_docs": ["hi"]}, {}, description="x")
    assert provider.received == []


def test_record_cli_needs_the_secret_in_the_environment(run_cli, monkeypatch):
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    result = run_cli("record", "openai/embedding", "new", "--text-docs", "a", "--description", "a new case")
    assert result.code == 2 and "OPENAI_API_KEY" in result.err
