"""The Amazon OpenSearch Service variant (``toolkit.managed_service``): ``blueprint render --managed-service``
and its check by ``blueprint build``.

What the variant is, from the AWS and OpenSearch documentation: AWS services take ``credential: {"roleArn":
...}`` (ML Commons docs/remote_inference_blueprints/bedrock_connector_titan_embedding_blueprint.md, AWS
ml-amazon-connector.html); an API key is kept in AWS Secrets Manager, ``credential: {"secretArn": ...,
"roleArn": ...}`` with ``${credential.secretArn.<key>}`` in the header (openai_connector_embedding_blueprint.md,
AWS ml-external-connector.html, OpenSearch docs _tutorials/vector-search/semantic-search/semantic-search-openai.md).
"""

from __future__ import annotations

import json

AWS_MANIFEST = """\
id: acme/aws
title: Acme on Bedrock
description: A Bedrock blueprint that sends its session token in a header.
provider: acme
task: text_embedding
protocol: aws_sigv4
template: acme/aws.json.j2
variables:
  type: object
  additionalProperties: false
  properties: {}
secrets:
  AWS_ACCESS_KEY_ID: {description: Access key id.}
  AWS_SECRET_ACCESS_KEY: {description: Secret access key.}
  AWS_SESSION_TOKEN: {description: Session token.}
inputs:
  format: text_docs
  text_docs: {description: Texts., example: ["hello"]}
trusted_endpoints:
  - ^https://bedrock-runtime\\.us-east-1\\.amazonaws\\.com/model/amazon\\.titan-embed-text-v2:0/invoke$
opensearch:
  minimum: "2.12"
links:
  - {title: Bedrock, url: "https://docs.aws.amazon.com/bedrock/"}
"""

AWS_TEMPLATE = """\
{
  "name": "Acme Titan",
  "version": "1",
  "protocol": "aws_sigv4",
  "parameters": {"region": "us-east-1", "service_name": "bedrock", "model": "amazon.titan-embed-text-v2:0"},
  "credential": {"access_key": {{ "AWS_ACCESS_KEY_ID" | secret }}, "secret_key": {{ "AWS_SECRET_ACCESS_KEY" | secret }},
                 "session_token": {{ "AWS_SESSION_TOKEN" | secret }}},
  "actions": [
    {
      "action_type": "predict",
      "method": "POST",
      "url": "https://bedrock-runtime.${parameters.region}.amazonaws.com/model/${parameters.model}/invoke",
      "headers": {"content-type": "application/json", "x-amz-security-token": "${credential.session_token}"},
      "request_body": "{ \\"inputText\\": \\"${parameters.inputText}\\" }",
      "pre_process_function": "connector.pre_process.bedrock.embedding",
      "post_process_function": "connector.post_process.bedrock.embedding"
    }
  ]
}
"""


def test_an_api_key_blueprint_renders_a_secret_arn_variant(run_cli):
    result = run_cli("render", "openai/embedding", "--managed-service")
    connector = json.loads(result.out)
    assert result.code == 0 and connector["credential"] == {"secretArn": "<AWS_SECRET_ARN>", "roleArn": "<AWS_ROLE_ARN>"}
    assert connector["actions"][0]["headers"] == {"Authorization": "Bearer ${credential.secretArn.OPENAI_API_KEY}"}
    plain = json.loads(run_cli("render", "openai/embedding").out)
    assert {k: v for k, v in connector.items() if k != "credential" and k != "actions"} == \
        {k: v for k, v in plain.items() if k != "credential" and k != "actions"}


def test_an_aws_blueprint_renders_a_role_arn_variant(run_cli):
    """The access keys and the session token give way to the role; the rest is the example's connector."""
    example = ("render", "bedrock/titan-embedding", "--example", "v2-512-eu-temporary-credentials")
    result = run_cli(*example, "--managed-service")
    connector, plain = json.loads(result.out), json.loads(run_cli(*example).out)
    assert result.code == 0 and connector["credential"] == {"roleArn": "<AWS_ROLE_ARN>"}
    assert set(plain["credential"]) == {"access_key", "secret_key", "session_token"}
    assert {**connector, "credential": plain["credential"]} == plain


def test_the_role_arn_comes_from_the_environment_only_when_asked(run_cli, monkeypatch):
    monkeypatch.setenv("ROLE", "arn:aws:iam::111122223333:role/opensearch-bedrock")
    result = run_cli("render", "bedrock/cohere-embed", "--managed-service", "--secret", "AWS_ROLE_ARN=env:ROLE")
    assert json.loads(result.out)["credential"] == {"roleArn": "arn:aws:iam::111122223333:role/opensearch-bedrock"}
    refused = run_cli("render", "bedrock/cohere-embed", "--managed-service", "--secret", "AWS_ACCESS_KEY_ID=env:ROLE")
    assert refused.code == 2 and "declares no secret 'AWS_ACCESS_KEY_ID'" in refused.err


def test_a_blueprint_on_a_private_host_has_no_variant(run_cli):
    result = run_cli("render", "ollama/chat", "--managed-service")
    assert result.code == 2 and "has no Amazon OpenSearch Service variant" in result.err
    assert "private_ip_enabled" in result.err and result.out == ""


def test_the_rendered_variants_pass_blueprint_check(run_cli, tmp_path):
    """As plain JSON (no manifest says it is for the managed service) a variant gets the self-managed
    connector's findings and the notes that only the managed service reads its credential."""
    def codes(blueprint: str, *managed: str) -> tuple[int, list[dict]]:
        out = tmp_path / (blueprint.replace("/", "-") + ("-aos" if managed else "") + ".json")
        assert run_cli("render", blueprint, *managed, "-o", str(out)).code == 0
        result = run_cli("check", "--format", "json", str(out), cwd=tmp_path)
        return result.code, {(d["code"], d["severity"]) for d in json.loads(result.out)["diagnostics"]}

    for blueprint, note in (("openai/embedding", "BP203"), ("bedrock/claude-converse", "BP603"),
                            ("textract/detect-document-text", "BP603")):
        code, found = codes(blueprint, "--managed-service")
        assert code == 0 and found == codes(blueprint)[1] | {(note, "info")}


def test_the_build_checks_each_variant_as_managed_service_only(run_cli):
    """The shipped catalog's variants are checked by the build: nothing beyond the self-managed findings."""
    result = run_cli("build", "--no-catalog", "--format", "json")
    diagnostics = [d for r in json.loads(result.out)["blueprints"] for d in r["diagnostics"]]
    assert result.code == 0, [d for d in diagnostics if d["severity"] == "error"]
    assert not [d for d in diagnostics if "Amazon OpenSearch Service variant" in d["message"]]


def test_a_problem_only_the_variant_has_fails_the_build(run_cli, tmp_project):
    """A header reading the session token works with access keys; the roleArn variant has no such key."""
    tmp_project.write("blueprints/acme/aws.yaml", AWS_MANIFEST)
    tmp_project.write("templates/acme/aws.json.j2", AWS_TEMPLATE)
    result = run_cli("build", "--no-catalog", "--format", "json", cwd=tmp_project.root)
    [blueprint] = json.loads(result.out)["blueprints"]
    errors = [d for d in blueprint["diagnostics"] if d["severity"] == "error"]
    assert result.code == 1 and [d["code"] for d in errors] == ["BP203"]
    assert errors[0]["message"].startswith("Amazon OpenSearch Service variant: credential has no key 'session_token'")
    assert errors[0]["file"] == "templates/acme/aws.json.j2"
