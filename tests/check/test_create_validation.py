"""``blueprint check``: create-time validation as ML Commons' own tests pin it down (spec 1.2-1.5; issue 16 item 4).

Each case cites the ML Commons test (at 950f056) or the OpenSearch parser method it comes from.
"""

from __future__ import annotations

import json

import pytest

BASE = {"name": "test_connector_name", "description": "this is a test connector", "version": "1", "protocol": "http",
        "parameters": {"input": "test input value"}, "credential": {"key": "test_key_value"},
        "actions": [{"action_type": "PREDICT", "method": "POST", "url": "https://api.openai.com/v1/embeddings",
                     "headers": {"api_key": "${credential.key}"},
                     "request_body": "{\"input\": \"${parameters.input}\"}"}]}


def check(run_cli, tmp_path, release: str | None = None, drop: tuple[str, ...] = (), **fields) -> list[dict]:
    """The structure findings (BP1xx) for BASE with ``fields`` replaced and the keys ``drop`` names removed,
    on ``release`` (default: the newest)."""
    body = {key: value for key, value in {**BASE, **fields}.items() if key not in drop}
    path = tmp_path / "connector.json"
    path.write_text(json.dumps(body), encoding="utf-8")
    args = ["check", str(path), "--select", "BP1", "--format", "json"] + \
        (["--opensearch-version", release] if release else [])
    result = run_cli(*args)
    assert result.code in (0, 1), result.err
    return json.loads(result.out)["diagnostics"]


def errors(findings: list[dict]) -> list[str]:
    return [f"{d['code']} {d['message']}" for d in findings if d["severity"] == "error"]


# ---- client_config (ConnectorClientConfig.parse)
def test_a_malformed_skip_ssl_verification_fails_from_3_5(run_cli, tmp_path):
    """``ConnectorClientConfigTest.parse_whenMalformedSkipSslVerification_thenFail``: "Failed to parse value"."""
    config = {"skip_ssl_verification": "abc"}
    assert errors(check(run_cli, tmp_path, client_config=config)) == [
        "BP108 skip_ssl_verification = \"abc\": creation fails with "
        "'Failed to parse value [abc] as only [true] or [false] are allowed.'"]
    older = check(run_cli, tmp_path, "3.4", client_config=config)  # 3.4 does not read the key (BP115 says so)
    assert [d["code"] for d in older if d["code"] in ("BP108", "BP115")] == ["BP115"]


def test_a_malformed_backoff_policy_fails(run_cli, tmp_path):
    """``ConnectorClientConfigTest.parse_whenMalformedBackoffPolicy_thenFail``: "Unsupported retry backoff policy"."""
    (finding,) = [d for d in check(run_cli, tmp_path, client_config={"retry_backoff_policy": "test"})
                  if d["code"] == "BP108"]
    assert finding["message"] == "retry_backoff_policy = \"test\": creation fails with 'Unsupported retry backoff policy'"


@pytest.mark.parametrize("value, message", [
    ("soon", 'For input string: "soon"'),
    ("", "empty String"),
    ("1e10", "Value [1e10] is out of range for an integer"),
    (True, "Current token (VALUE_TRUE) not numeric, can not use numeric value accessors"),
    (None, "Current token (VALUE_NULL) not numeric, can not use numeric value accessors"),
    ([30], "Current token (START_ARRAY) not numeric, can not use numeric value accessors"),
    (3000000000, "Numeric value (3000000000) out of range of int (-2147483648 - 2147483647)"),
])
def test_int_keys_are_read_with_int_value(run_cli, tmp_path, value, message):
    """OpenSearch ``AbstractXContentParser.intValue()`` on ``ConnectorClientConfig.parse``'s int keys."""
    assert errors(check(run_cli, tmp_path, client_config={"read_timeout": value})) == [
        f"BP108 read_timeout = {json.dumps(value)}: creation fails with '{message}'"]


def test_what_int_value_accepts_is_not_an_error(run_cli, tmp_path):
    """``ConnectorClientConfigTest.parse`` and ``MLCreateConnectorInputTests.testParse`` (``max_retry_times``
    -1); a numeric string and an empty boolean string are read too; a decimal is truncated (a warning)."""
    findings = check(run_cli, tmp_path, client_config={
        "max_connection": 10, "connection_timeout": "5000", "read_timeout": 30.7, "retry_backoff_millis": 123,
        "retry_timeout_seconds": 456, "max_retry_times": -1, "retry_backoff_policy": "CONSTANT",
        "skip_ssl_verification": ""})
    assert errors(findings) == []
    assert [d["message"] for d in findings if d["code"] == "BP108"] == ["read_timeout = 30.7 is accepted and truncated to 30"]


def test_client_config_must_be_an_object(run_cli, tmp_path):
    """``ensureExpectedToken(START_OBJECT, ...)`` in ``ConnectorClientConfig.parse``."""
    assert errors(check(run_cli, tmp_path, client_config="fast")) == [
        "BP108 'client_config' must be an object: creation fails with "
        "'Failed to parse object: expecting token of type [START_OBJECT] but found [VALUE_STRING]'"]


# ---- custom connector_id (MLResourceIdUtils.validateCustomDocumentId, 3.9)
@pytest.mark.parametrize("connector_id, message", [
    ("-invalid", "connector id must not start with '-'"),  # ..._invalidCustomConnectorId_startsWithHyphen
    ("invalid@connector", "connector id must contain only letters, digits, underscores, and hyphens, and must "
                          "start with a letter or digit"),  # ..._containsSpecialCharacters
    ("   ", "connector id is invalid"),  # ..._blank
    ("a" * 513, "connector id is too long, max length is 512"),  # ..._tooLong
    ("_bad", "connector id must not start with '_'"),  # MLResourceIdUtilsTest.validateCustomDocumentId_rejectsInvalidConnectorId
])
def test_invalid_custom_connector_ids(run_cli, tmp_path, connector_id, message):
    """``TransportCreateConnectorActionTests.testCreateConnector_invalidCustomConnectorId_*``: errors on 3.9-dev,
    an info note on the newest release, which ignores the field."""
    assert errors(check(run_cli, tmp_path, "3.9-dev", connector_id=connector_id)) == [f"BP114 '{message}'"]
    newest = [d for d in check(run_cli, tmp_path, connector_id=connector_id) if d["code"] == "BP114"]
    assert [d["severity"] for d in newest] == ["info"]


def test_valid_custom_connector_ids(run_cli, tmp_path):
    """``MLCreateConnectorInputTests.parse_withCustomConnectorId`` (``bedrock-connector``) and
    ``MLResourceIdUtilsTest.validateCustomModelId_acceptsValidId``."""
    for connector_id in ("bedrock-connector", "text_embedding_v1", "model123", "a" * 512):
        assert errors(check(run_cli, tmp_path, "3.9-dev", connector_id=connector_id)) == []


# ---- MLCreateConnectorInput.parse and ConnectorAction.parse
def test_null_where_text_is_read_fails_with_the_parser_message(run_cli, tmp_path):
    """``parser.text()`` (spec 1.2): a JSON null is not "missing" but ``Can't get text on a VALUE_NULL``;
    ``textOrNull()`` fields (``tenant_id``, ``url``, ``provisioned_by``) take null."""
    assert errors(check(run_cli, tmp_path, name=None, tenant_id=None, provisioned_by=None)) == [
        "BP103 'name' is null: creation fails with 'Can't get text on a VALUE_NULL'"]
    action = {**BASE["actions"][0], "method": None}
    assert errors(check(run_cli, tmp_path, actions=[action])) == [
        "BP103 'method' is null: creation fails with 'Can't get text on a VALUE_NULL'"]


def test_numbers_and_booleans_read_as_text(run_cli, tmp_path):
    """``MLCreateConnectorInputTests.testParse`` reads version "1"; ``text()`` of a number or boolean is its
    JSON text, and credential values are read with ``mapStrings()`` (``text()`` each)."""
    assert errors(check(run_cli, tmp_path, version=1, credential={"key": 12345, "flag": True})) == []
    assert errors(check(run_cli, tmp_path, credential={"key": {"nested": 1}})) == [
        "BP103 credential 'key' is an object: creation fails with 'Can't get text on a START_OBJECT'"]


def test_booleans_are_read_with_boolean_value(run_cli, tmp_path):
    """``parser.booleanValue()`` for ``dry_run`` and ``add_all_backend_roles``: the string "true" is true
    (``MLCreateConnectorInputTests.testParseWithDryRun`` skips the name check), "yes" fails."""
    assert errors(check(run_cli, tmp_path, drop=("name", "version"), dry_run="true")) == []
    assert errors(check(run_cli, tmp_path, add_all_backend_roles="yes")) == [
        "BP103 'add_all_backend_roles' must be true or false, not text: creation fails with "
        "'Failed to parse value [yes] as only [true] or [false] are allowed.'"]


def test_arrays_are_expected_tokens(run_cli, tmp_path):
    """``ensureExpectedToken(START_ARRAY, ...)`` for ``actions`` and ``backend_roles``;
    ``MLCreateConnectorInputTests.testParseWithEmptyActions`` accepts ``[]``."""
    assert errors(check(run_cli, tmp_path, backend_roles="role1")) == [
        "BP103 'backend_roles' must be an array: "
        "'Failed to parse object: expecting token of type [START_ARRAY] but found [VALUE_STRING]'"]
    assert errors(check(run_cli, tmp_path, actions=[])) == []


def test_parameters_that_are_not_an_object_are_read_as_empty(run_cli, tmp_path):
    """``parser.map()`` of a value that is not an object is an empty map (``findNonEmptyMapStart``): ignored,
    a warning; ``MLCreateConnectorInputTests.testParse_ArrayParameter`` accepts an array *value* inside."""
    findings = [d for d in check(run_cli, tmp_path, parameters=None) if d["code"] == "BP103"]
    assert [(d["severity"], d["pointer"]) for d in findings] == [("warning", "/parameters")]
    assert errors(check(run_cli, tmp_path, parameters={"input": ["test input value"]})) == []


def test_a_credential_that_is_not_an_object_reads_as_empty(run_cli, tmp_path):
    """``parser.mapStrings()`` of a string is an empty map, so the constructor's check fails
    (``MLCreateConnectorInputTests.constructorMLCreateConnectorInput_EmptyCredential``'s message)."""
    assert errors(check(run_cli, tmp_path, credential="test_key_value")) == [
        "BP102 credential is missing or empty: creation fails with 'Connector credential is null or empty list'"]
