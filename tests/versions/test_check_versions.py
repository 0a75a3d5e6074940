"""The checker follows the target release (issue 14, item 4): create-time rules are errors only where the
release enforces them (an info note before), and default lists, settings and messages are the release's,
through ``blueprint check --opensearch-version`` on both sides of each boundary (matrix section A, B1, B5, B6)."""

from __future__ import annotations

import json

import pytest

from toolkit.check.rules._examples import AWS_BASE, DELETE, MANIFEST, TEMPLATE, sample


def _found(run_cli, cwd, rule: str, version: str | None, *paths: str) -> list[tuple[str, str]]:
    args = ["check", "--select", rule, "--format", "json", *paths]
    if version:
        args += ["--opensearch-version", version]
    result = run_cli(*args, cwd=cwd)
    assert result.code in (0, 1), result.err
    return [(d["severity"], d["message"]) for d in json.loads(result.out)["diagnostics"]]


def _connector(tmp_path, text: str) -> str:
    (tmp_path / "c.json").write_text(text)
    return "c.json"


@pytest.mark.parametrize("rule, body, before, since, message", [
    ("BP109", sample(name="OpenAI [embeddings]"), "3.0", "3.1", "Model connector name contains '[', ']'"),
    ("BP109", sample(name=" "), "3.0", "3.1", "'Model connector name is required and cannot be null or blank'"),
    ("BP109", sample(provisioned_by="team<a>"), "3.6", "3.7", "Model connector provisioned_by field contains"),
    ("BP110", sample(actions__0__name="predict"), "3.4", "3.5", "name can't be one of action type"),
    ("BP207", sample(parameters={"model": "m", "key": "k"}, actions__0__headers={"Authorization": "Bearer ${parameters.key}"}),
     "3.6", "3.7", "cannot use ${parameters.*} placeholders for security reasons"),
    ("BP102", sample(credential={}), "2.18", "2.19", "'Connector credential is null or empty list'"),
    ("BP102", sample(credential=DELETE), "2.18", "2.19", "'Connector credential is null or empty list'"),
])
def test_create_rules_are_info_before_the_release_that_enforces_them(run_cli, tmp_path, rule, body, before, since,
                                                                     message):
    path = _connector(tmp_path, body)
    [(severity, text)] = _found(run_cli, tmp_path, rule, since, path)
    assert severity == "error" and message in text and "reject this" not in text
    [(severity, text)] = _found(run_cli, tmp_path, rule, before, path)
    assert severity == "info" and text.startswith(f"OpenSearch {since} and later reject this: ") and message in text
    assert _found(run_cli, tmp_path, rule, None, path)[0][0] == "error"  # no target: the newest release


def test_mcp_connectors_may_omit_the_credential_from_3_3(run_cli, tmp_path):
    """matrix A8: MLCreateConnectorInput exempts MCP protocols from the credential check at 3.3.0.0, not 3.2.0.0."""
    body = json.loads(sample(protocol="mcp_streamable_http", url="https://mcp.example/mcp", credential=DELETE))
    del body["actions"]
    path = _connector(tmp_path, json.dumps(body))
    assert _found(run_cli, tmp_path, "BP102", "3.3", path) == []
    assert _found(run_cli, tmp_path, "BP102", "3.2", path) == [
        ("error", "credential is missing or empty: creation fails with 'Connector credential is null or empty list'")]


def test_action_null_messages_follow_the_release(run_cli, tmp_path):
    """matrix A6: ConnectorAction says `url can't null` up to 2.18.0.0 and `url can't be null` from 2.19.0.0."""
    path = _connector(tmp_path, sample(actions__0__url=DELETE))
    assert _found(run_cli, tmp_path, "BP102", "2.18", path) == [("error", "action is missing 'url': 'url can't null'")]
    assert _found(run_cli, tmp_path, "BP102", "2.19", path) == [("error", "action is missing 'url': 'url can't be null'")]


def test_unknown_protocol_message_follows_the_release(run_cli, tmp_path):
    """matrix A4: MLCreateConnectorInput calls ConnectorProtocols.validateProtocol from 3.5.0.0; before, the
    connector class lookup fails."""
    path = _connector(tmp_path, sample(protocol="HTTP"))
    [(_, old)] = _found(run_cli, tmp_path, "BP104", "3.4", path)
    [(_, new)] = _found(run_cli, tmp_path, "BP104", "3.5", path)
    assert old == "unsupported protocol 'HTTP': 'Can't find class for type HTTP'"
    assert new.endswith("'Unsupported connector protocol. Please use one of [aws_sigv4, http, mcp_sse, mcp_streamable_http]'")


@pytest.mark.parametrize("url, before, since", [
    ("https://bedrock-runtime.us-east-1.amazonaws.com/model/m/invoke", "2.10", "2.11"),
    ("https://api.sagemaker.us-east-1.amazonaws.com/x", "2.15", "2.16"),
    ("https://bedrock.us-east-1.amazonaws.com/model-invocation-job", "2.17", "2.17.1"),
    ("https://api.deepseek.com/chat/completions", "2.18", "2.19"),
    ("https://generativelanguage.googleapis.com/v1beta/models/m:embedContent", "3.4", "3.5"),
])
def test_untrusted_endpoint_uses_the_default_list_of_the_release(run_cli, tmp_path, url, before, since):
    """matrix B1: the default trusted_connector_endpoints_regex grew release by release."""
    path = _connector(tmp_path, sample(actions__0__url=url))
    assert _found(run_cli, tmp_path, "BP301", since, path) == []
    [(severity, message)] = _found(run_cli, tmp_path, "BP301", before, path)
    assert severity == "error" and url in message


def test_extend_trusted_endpoints_adds_to_the_default_list_of_the_release(run_cli, tmp_path):
    path = _connector(tmp_path, sample(actions__0__url="https://api.deepseek.com/chat/completions"))
    (tmp_path / ".blueprint.toml").write_text('extend-trusted-endpoints = ["^https://api\\\\.mistral\\\\.ai/.*$"]\n')
    assert len(_found(run_cli, tmp_path, "BP301", "2.18", path)) == 1
    assert _found(run_cli, tmp_path, "BP301", "2.19", path) == []


def test_private_hosts_are_always_refused_before_2_15(run_cli, tmp_path):
    """matrix B6: plugins.ml_commons.connector.private_ip_enabled is in MLCommonsSettings from 2.15.0.0."""
    path = _connector(tmp_path, sample(actions__0__url="http://localhost:11434/v1/embeddings"))
    (tmp_path / ".blueprint.toml").write_text("private-ip-enabled = true\n")
    assert _found(run_cli, tmp_path, "BP303", "2.15", path) == []
    assert _found(run_cli, tmp_path, "BP303", "2.14", path) == [("error", (
        "OpenSearch 2.14 refuses every private host (localhost): plugins.ml_commons.connector.private_ip_enabled "
        "exists from 2.15"))]


@pytest.mark.parametrize("host, private", [
    ("169.254.169.254", {"2.19.3": False, "2.19.4": True, "3.2": False, "3.3": True}),
    ("12.0.0.1", {"2.19.3": True, "2.19.4": False, "3.2": True, "3.3": False}),
    ("177.0.0.1", {"3.2": True, "3.3": False}),
])
def test_what_counts_as_private_follows_the_release(run_cli, tmp_path, host, private):
    """matrix B7: MLHttpClientFactory.isPrivateIPv4 from 3.3.0.0 (backported to 2.19.4.0); before, the first
    octet is read as octal or hex. (The matrix says 127.x other than 127.0.0.1 is not private there: the octal
    reading of 127 is 87, so 127.x falls through to isLoopbackAddress; 177.x is the odd one.)"""
    path = _connector(tmp_path, sample(actions__0__url=f"https://{host}/v1/embeddings"))
    for version, expected in private.items():
        assert bool(_found(run_cli, tmp_path, "BP303", version, path)) == expected, version


def test_private_endpoint_regexes_exist_from_3_7(run_cli, tmp_path):
    """matrix B8: trusted_connector_private_endpoints_regex is in MLCommonsSettings from 3.7.0.0."""
    path = _connector(tmp_path, sample(actions__0__url="http://localhost:11434/v1/embeddings"))
    (tmp_path / ".blueprint.toml").write_text('private-ip-enabled = true\nprivate-endpoints = ["^http://10\\\\..*$"]\n')
    assert len(_found(run_cli, tmp_path, "BP303", "3.7", path)) == 1
    assert _found(run_cli, tmp_path, "BP303", "3.6", path) == []


def test_named_actions_of_one_type_are_duplicates_before_3_5(run_cli, tmp_path):
    """matrix A10: action names arrive in 3.5; before, the second PREDICT action is never used."""
    body = json.loads(sample())
    body["actions"] = [{**body["actions"][0], "name": "a"}, {**body["actions"][0], "name": "b"}]
    path = _connector(tmp_path, json.dumps(body))
    assert _found(run_cli, tmp_path, "BP107", "3.5", path) == []
    assert len(_found(run_cli, tmp_path, "BP107", "3.4", path)) == 1


def _project(tmp_project, minimum: str, regex: str = r"^https://api\.acme\.example/v1/embed$", template=TEMPLATE):
    manifest = MANIFEST.replace('minimum: "2.9"', f'minimum: "{minimum}"')
    tmp_project.minimal(manifest.replace("  - ^https://api\\.acme\\.example/v1/embed$", f"  - {regex}"), template)
    return tmp_project.root


@pytest.mark.parametrize("regex, ranged, alone", [
    (r"^https://api\.acme\.example/(v[0-9]+)+/embed$", "error", "info"),  # nested quantifier: the 3.7 validator
    (r"^https://api\.acme\.example/(v1/embed$", "error", "error"),  # never compiles: creation fails on every release
])
def test_a_blueprint_must_pass_the_setting_validator_of_releases_after_its_minimum(run_cli, tmp_project, regex,
                                                                                   ranged, alone):
    """matrix B5: MLCommonsSettings.validateRegexSafety from 3.7.0.0. Without --opensearch-version a blueprint
    must work from its opensearch.minimum to the newest release, so a rejection from 3.7 on stays an error."""
    [(severity, message)] = _found(run_cli, _project(tmp_project, "3.7", regex), "BP304", None)
    assert severity == "error" and "and later" not in message
    root = _project(tmp_project, "3.6", regex)
    [(severity, message)] = _found(run_cli, root, "BP304", None)
    assert severity == ranged and (message.endswith("(OpenSearch 3.7 and later)") or "refuses it: 'Invalid" in message)
    [(severity, message)] = _found(run_cli, root, "BP304", "3.6")  # one release: 3.6 takes it
    assert severity == alone and ("reject this" in message) == (alone == "info")
    assert ("does not compile, so connector creation fails" in message) == (alone == "error")


def test_a_blueprint_minimum_opens_a_range_up_to_the_newest_release(run_cli, tmp_project):
    template = TEMPLATE.replace('"Bearer ${credential.key}"', '"Bearer ${parameters.model}"')
    [(severity, message)] = _found(run_cli, _project(tmp_project, "3.6", template=template), "BP207", None)
    assert severity == "error" and message.endswith("(OpenSearch 3.7 and later)")
    [(severity, message)] = _found(run_cli, tmp_project.root, "BP207", "3.6")
    assert severity == "info" and message.startswith("OpenSearch 3.7 and later reject this: creation fails")
    assert "and later" not in _found(run_cli, _project(tmp_project, "3.7", template=template), "BP207", None)[0][1]


def test_a_blueprint_host_is_private_if_any_release_of_its_range_says_so(run_cli, tmp_project):
    """matrix B7 through a manifest's opensearch.minimum: 12.x is private to the octal reading of 3.2 and
    before, 169.254/16 from 3.3 (and 2.19.4); the range 2.19.4 to 3.8 passes 3.0 to 3.2."""
    cases = [("12.0.0.1", "3.2", True), ("12.0.0.1", "3.3", False), ("12.0.0.1", "2.19.4", True),
             ("169.254.169.254", "3.2", True), ("169.254.169.254", "2.19.4", True)]
    for host, minimum, private in cases:
        root = _project(tmp_project, minimum, template=TEMPLATE.replace("https://api.acme.example", f"https://{host}"))
        assert bool(_found(run_cli, root, "BP303", None)) == private, (host, minimum)


def test_the_target_release_is_chosen_once_per_target(monkeypatch, tmp_path):
    from toolkit.check.api import run_check
    from toolkit.versions import Profile

    calls = []
    original = Profile.for_version.__func__
    monkeypatch.setattr(Profile, "for_version", classmethod(lambda cls, *a, **k: calls.append(a) or original(cls, *a, **k)))
    for index in range(3):
        (tmp_path / f"c{index}.json").write_text(sample(AWS_BASE) if index else sample(name="[x]", credential={}))
    monkeypatch.chdir(tmp_path)
    result = run_check([tmp_path], overrides={"target_version": "3.0"})
    assert {(d.code, d.severity.value) for d in result.diagnostics} >= {("BP102", "error"), ("BP109", "info")}
    # one per connector, however many rules ask (a process may also resolve the newest release once, cached)
    assert [call for call in calls if call] == [("3.0",)] * 3
