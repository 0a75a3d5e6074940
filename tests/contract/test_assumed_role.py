"""A managed-service-only roleArn blueprint is signed with the assumed role's temporary credentials
(spec 1.5 D.6, 7: Amazon OpenSearch Service assumes the role; open-source ML Commons refuses it)."""

from __future__ import annotations

from tests.conftest import REPO
from toolkit.contract.cassette import load_cassette
from toolkit.contract.http import HttpResponse
from toolkit.contract.runner import ASSUMED_ROLE_CREDENTIALS, ContractRunner, assumed_role_credentials
from toolkit.manifest import find_manifest
from toolkit.mlcommons.predict import predict
from toolkit.mlcommons.sigv4 import verify
from toolkit.project import Project

PROJECT = Project(REPO)
CASE = REPO / "contracts/bedrock/titan-embedding-rolearn/documented.yaml"


def test_only_a_declared_role_arn_connector_gets_assumed_role_credentials():
    role = find_manifest(PROJECT, "bedrock/titan-embedding-rolearn")
    keys = find_manifest(PROJECT, "bedrock/titan-embedding")
    with_role = {"protocol": "aws_sigv4", "credential": {"roleArn": "<AWS_ROLE_ARN>"}}
    assert assumed_role_credentials(role, with_role) == ASSUMED_ROLE_CREDENTIALS
    assert assumed_role_credentials(keys, with_role) is None  # not declared managed-service-only
    assert assumed_role_credentials(role, {"protocol": "aws_sigv4", "credential": {
        "roleArn": "r", "access_key": "a", "secret_key": "s"}}) is None
    assert assumed_role_credentials(role, {"protocol": "http", "credential": {"roleArn": "r"}}) is None


def test_the_request_is_signed_with_the_session_credentials():
    cassette = load_cassette(CASE)
    response = cassette.interactions[0].response
    sent = []

    def transport(request):
        sent.append(request)
        return HttpResponse(response.status, response.headers, response.body.to_bytes())

    with ContractRunner(PROJECT) as runner:
        connector, trusted = runner.connector(cassette)
        manifest = find_manifest(PROJECT, cassette.blueprint)
        predict(connector, cassette.input, transport=transport, trusted_endpoints=trusted,
                credentials=assumed_role_credentials(manifest, connector))
        assert runner.run(CASE).ok
    request = sent[0]
    assert request.header("authorization").startswith(
        f"AWS4-HMAC-SHA256 Credential={ASSUMED_ROLE_CREDENTIALS['access_key']}/")
    assert request.header("x-amz-security-token") == ASSUMED_ROLE_CREDENTIALS["session_token"]
    assert verify(request, ASSUMED_ROLE_CREDENTIALS["secret_key"])
