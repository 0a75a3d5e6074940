"""The Amazon OpenSearch Service section (``toolkit.catalog.managed``): the variant the build checked, the
managed-service steps, no self-managed settings step for a managed-only blueprint; in the page, the
Markdown and ``catalog.json``.

Facts the steps follow: the role's trust principal ``opensearchservice.amazonaws.com`` and
``secretsmanager:GetSecretValue`` (AWS ml-external-connector.html, ml-amazon-connector.html); ``iam:PassRole``,
``es:ESHttpPost`` and the ``ml_full_access`` backend-role mapping (OpenSearch documentation
_tutorials/vector-search/semantic-search/semantic-search-openai.md, steps 3.1 and 3.2); ``bedrock:Rerank`` with
``bedrock:InvokeModel`` (Amazon Bedrock User Guide, rerank-prereq.html); ``bedrock:InvokeModel`` for
InvokeModel and Converse (inference-prereq.html).
"""

from __future__ import annotations

import json

from tests.catalog.conftest import build_site
from tests.catalog.test_site import parse
from tests.foundation.test_managed_service import AWS_TEMPLATE

ROLE_ONLY = "bedrock/titan-embedding-rolearn"


def _blueprint(site, blueprint_id: str) -> dict:
    return next(b for b in json.loads((site / "catalog.json").read_text())["blueprints"] if b["id"] == blueprint_id)


def test_the_role_arn_only_page_has_no_self_managed_settings_step(site):
    page = parse(site / "blueprints" / f"{ROLE_ONLY}.html")
    html = (site / "blueprints" / f"{ROLE_ONLY}.html").read_text()
    markdown = (site / "markdown" / f"{ROLE_ONLY}.md").read_text()
    for text in (html, markdown):
        assert "_cluster/settings" not in text and "trusted_connector_endpoints_regex" not in text
    assert "settings" not in page.ids and "call-settings-devtools" not in page.ids
    assert {"managed-service", "managed-role", "managed-identity", "managed-create", "call-create-devtools"} <= set(page.ids)
    assert "--aws-sigv4 &#34;aws:amz:$AWS_REGION:es&#34;" in html or '--aws-sigv4 "aws:amz:$AWS_REGION:es"' in html
    # the Markdown numbers the managed-service steps on, before its create call
    headings = [line for line in markdown.splitlines() if line.startswith("## ")]
    assert headings[:3] == ["## 1. Create the IAM role the domain assumes",
                            "## 2. Let your IAM identity pass the role, and map it to ml_full_access",
                            f"## 3. Create the connector for {_blueprint(site, ROLE_ONLY)['title']}"]
    assert "ml_full_access" in markdown and "--aws-sigv4" in markdown


def test_the_page_shows_the_variant_blueprint_render_prints(site, run_cli):
    for blueprint_id, kind in (("bedrock/titan-embedding", "roleArn"), ("openai/embedding", "secretArn")):
        page = parse(site / "blueprints" / f"{blueprint_id}.html")
        rendered = run_cli("render", blueprint_id, "--managed-service").out
        assert "".join(page.text["managed-connector-json"]) == rendered
        entry = _blueprint(site, blueprint_id)["managed_service"]
        assert entry["credential"] == kind and entry["connectors"][0]["connector"] == json.loads(rendered)
        assert {"settings", "managed-service"} <= set(page.ids)  # self-managed settings stay for self-managed users


def test_catalog_json_has_every_variant_the_build_checked(site, run_cli):
    data = json.loads((site / "catalog.json").read_text())
    by_id = {b["id"]: b for b in data["blueprints"]}
    for blueprint in data["blueprints"]:
        managed = blueprint["managed_service"]
        if blueprint["id"] == "ollama/chat":  # a private host: the managed service has no such setting
            assert managed is None
            continue
        assert managed["credential"] == ("roleArn" if blueprint["protocol"] == "aws_sigv4" else "secretArn")
        assert [c["variable_set"] for c in managed["connectors"]] == [c["variable_set"] for c in blueprint["connectors"]]
        assert [s["id"] for s in managed["steps"]] == \
            (["secret"] if managed["credential"] == "secretArn" else []) + ["role", "identity", "create", "model"]
    example = by_id["bedrock/cohere-embed"]["managed_service"]["connectors"][1]
    rendered = run_cli("render", "bedrock/cohere-embed", "--managed-service", "--example", example["variable_set"]).out
    assert example["connector"] == json.loads(rendered)
    common = data["managed_service"]
    assert common["trust_policy"]["Statement"][0]["Principal"] == {"Service": "opensearchservice.amazonaws.com"}
    assert [s["Action"] for s in common["caller_policy"]["Statement"]] == ["iam:PassRole", "es:ESHttpPost"]
    assert "--aws-sigv4" in common["signed_create_request"]


def test_the_role_may_do_what_the_requests_call(site):
    def actions(blueprint_id: str) -> list:
        return _blueprint(site, blueprint_id)["managed_service"]["permissions_policy"]["Statement"][0]["Action"]

    assert actions("bedrock/rerank") == ["bedrock:Rerank", "bedrock:InvokeModel"]
    assert actions("bedrock/claude-converse")[0] == "bedrock:InvokeModel"  # Converse needs InvokeModel
    assert actions("sagemaker/embedding") == ["sagemaker:InvokeEndpoint"]
    assert actions("comprehend/detect-dominant-language") == ["comprehend:DetectDominantLanguage"]  # X-Amz-Target
    assert actions("openai/embedding") == "secretsmanager:GetSecretValue"
    batch = _blueprint(site, "bedrock/batch-embedding")["managed_service"]["permissions_policy"]["Statement"]
    assert "bedrock:CreateModelInvocationJob" in batch[0]["Action"] and batch[1]["Action"] == "iam:PassRole"


def test_no_self_managed_secret_reaches_a_variant(site):
    """A variant carries only its own placeholders: no AWS key, session token or API key placeholder."""
    for blueprint in json.loads((site / "catalog.json").read_text())["blueprints"]:
        managed = blueprint["managed_service"]
        if managed is None or managed["blueprint_is_variant"]:
            continue
        own = {s["placeholder"] for s in managed["secrets"]}
        for rendering in managed["connectors"]:
            assert set(rendering["connector"]["credential"].values()) == own
            text = json.dumps(rendering["connector"])
            assert not [s["placeholder"] for s in blueprint["secrets"] if s["placeholder"] in text], blueprint["id"]


def test_the_variants_pass_blueprint_check(site, run_cli, tmp_path):
    """As plain JSON (checked with the default trusted endpoints, no manifest) a variant has the findings of its
    self-managed connector and the note that only the managed service reads its credential; on the Markdown
    pages, which say so, no finding at all."""
    names = []
    for blueprint in json.loads((site / "catalog.json").read_text())["blueprints"]:
        if blueprint["managed_service"] and not blueprint["managed_service"]["blueprint_is_variant"]:
            name = blueprint["id"].replace("/", "-")
            (tmp_path / f"{name}.json").write_text(json.dumps(blueprint["connectors"][0]["connector"]))
            (tmp_path / f"{name}.aos.json").write_text(json.dumps(blueprint["managed_service"]["connectors"][0]["connector"]))
            names.append((name, "BP603" if blueprint["managed_service"]["credential"] == "roleArn" else "BP203"))
    found: dict[str, set] = {}
    for d in json.loads(run_cli("check", "--format", "json", str(tmp_path), cwd=tmp_path).out)["diagnostics"]:
        found.setdefault(d["file"], set()).add((d["code"], d["severity"]))
    assert len(names) == 33
    for name, note in names:
        variant = found.get(f"{name}.aos.json", set())
        assert variant - found.get(f"{name}.json", set()) == {(note, "info")}, name
    markdown = (site / "markdown" / "openai" / "embedding.md").read_text()
    assert "## Amazon OpenSearch Service" in markdown and "${credential.secretArn.OPENAI_API_KEY}" in markdown
    assert run_cli("check", str(site / "markdown"), "--fail-on", "info").code == 0


def test_a_project_of_ones_own_gets_the_section(tmp_project, run_cli):
    """`blueprint catalog build` on a small project: an API-key blueprint gets a secretArn variant whose
    header reads the key named like the manifest's secret; a managed-only one has no settings step."""
    from tests.foundation.test_managed_service import AWS_MANIFEST

    tmp_project.minimal()
    tmp_project.write("blueprints/acme/aws.yaml", AWS_MANIFEST.replace('  minimum: "2.12"\n',
                                                                      '  minimum: "2.12"\n  managed_service_only: true\n'))
    tmp_project.write("templates/acme/aws.json.j2", AWS_TEMPLATE.replace(
        '"credential": {"access_key": {{ "AWS_ACCESS_KEY_ID" | secret }}, "secret_key": {{ "AWS_SECRET_ACCESS_KEY" | secret }},\n'
        '                 "session_token": {{ "AWS_SESSION_TOKEN" | secret }}},',
        '"credential": {"roleArn": {{ "AWS_ROLE_ARN" | secret }}},').replace(
        ', "x-amz-security-token": "${credential.session_token}"', ""))
    tmp_project.write("blueprints/acme/aws.yaml", (tmp_project.root / "blueprints/acme/aws.yaml").read_text().replace(
        "  AWS_ACCESS_KEY_ID: {description: Access key id.}\n  AWS_SECRET_ACCESS_KEY: {description: Secret access key.}\n"
        "  AWS_SESSION_TOKEN: {description: Session token.}\n", "  AWS_ROLE_ARN: {description: The role.}\n"))
    out = tmp_project.root / "site"
    code, output = build_site(out, cwd=tmp_project.root)
    assert code == 0, output
    data = {b["id"]: b for b in json.loads((out / "catalog.json").read_text())["blueprints"]}
    managed = data["acme/embed"]["managed_service"]
    assert managed["secret_keys"] == [{"key": "ACME_KEY", "description": "The API key."}]
    headers = managed["connectors"][0]["connector"]["actions"][0]["headers"]
    assert headers == {"Authorization": "Bearer ${credential.secretArn.ACME_KEY}"}
    assert data["acme/aws"]["managed_service"]["blueprint_is_variant"] is True
    for page in ("blueprints/acme/aws.html", "markdown/acme/aws.md"):
        assert "_cluster/settings" not in (out / page).read_text()
    assert "_cluster/settings" in (out / "blueprints/acme/embed.html").read_text()
    result = run_cli("check", str(out / "markdown"), "--fail-on", "info", cwd=tmp_project.root)
    assert result.code == 0, result.out + result.err
