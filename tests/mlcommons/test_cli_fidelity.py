"""``blueprint predict`` against what ML Commons' own tests and documents pin down (issue 16).

Each test cites the ML Commons test, document or source (at 950f056) its expectation comes from.
"""

from __future__ import annotations

import json

# docs/remote_inference_blueprints/amazon_comprehend_connector_blueprint.md, "Entity detection with the
# DetectEntities API": the connector of step 2 (credentials filled in) and the answer its step 5 prints.
COMPREHEND = {
    "name": "Amazon Comprehend", "description": "Test connector for Amazon Comprehend", "version": 1,
    "protocol": "aws_sigv4", "credential": {"access_key": "AKIDEXAMPLE", "secret_key": "wJalrXUtnFEMI"},
    "parameters": {"service_name": "comprehend", "region": "us-east-1", "api_version": "20171127",
                   "api_name": "DetectEntities", "api": "Comprehend_${parameters.api_version}.${parameters.api_name}",
                   "response_filter": "$"},
    "actions": [{"action_type": "predict", "method": "POST",
                 "url": "https://${parameters.service_name}.${parameters.region}.amazonaws.com",
                 "headers": {"X-Amz-Target": "${parameters.api}", "content-type": "application/x-amz-json-1.1"},
                 "request_body": "{ \"Text\": \"${parameters.Text}\", \"LanguageCode\": \"${parameters.LanguageCode}\"}"}],
}
ENTITIES = ('{"Entities":[{"BeginOffset":0,"EndOffset":3,"Score":0.9987996816635132,"Text":"Bob","Type":"PERSON"},'
            '{"BeginOffset":75,"EndOffset":82,"Score":0.9978049397468567,"Text":"Seattle","Type":"LOCATION"}]}')


def _write(tmp_path, name: str, value) -> str:
    path = tmp_path / name
    path.write_text(value if isinstance(value, str) else json.dumps(value), encoding="utf-8")
    return str(path)


def test_a_filtered_object_keeps_the_providers_key_order(run_cli, tmp_path):
    """The DetectEntities exchange of the Comprehend blueprint (2.14+; run on 2.19, whose default trusted list
    has Comprehend): ``response_filter`` ``$`` is read by Jayway's json-smart provider into LinkedHashMaps,
    so the entities print ``BeginOffset, EndOffset, Score, Text, Type`` as the provider sent them, not in
    Java HashMap order (``EndOffset, BeginOffset, ...``); before 3.3 the Map is wrapped as ``response``."""
    result = run_cli("predict", _write(tmp_path, "comprehend.json", COMPREHEND), "--parameters",
                     json.dumps({"Text": "Bob ordered two sandwiches", "LanguageCode": "en"}),
                     "--response", _write(tmp_path, "answer.json", ENTITIES), "--opensearch-version", "2.19")
    assert result.code == 0, result.err
    assert result.out.strip() == ('{"inference_results":[{"output":[{"name":"response","dataAsMap":{"response":'
                                  + ENTITIES + '}}],"status_code":200}]}')


# The OpenAI batch object of the ML Commons documentation (_ml-commons-plugin/api/model-apis/batch-predict.md).
BATCH = ('{"id":"batch_XXXXXXXXXXXXXXX","object":"batch","endpoint":"/v1/embeddings","errors":null,'
         '"input_file_id":"file-XXXXXXXXXXXX","completion_window":"24h","status":"validating","output_file_id":null,'
         '"error_file_id":null,"created_at":1725491753,"in_progress_at":null,"expires_at":1725578153,'
         '"finalizing_at":null,"completed_at":null,"failed_at":null,"expired_at":null,"cancelling_at":null,'
         '"cancelled_at":null,"request_counts":{"total":0,"completed":0,"failed":0},"metadata":null}')


def test_the_batch_remote_job_is_a_hash_map(run_cli, tmp_path):
    """``MLPredictTaskRunner.runPredict`` copies the first tensor's dataAsMap into a ``new HashMap<>()`` and
    adds ``dlq``: the keys come out in Java HashMap order, as the task's ``remote_job`` in the batch-predict
    documentation shows them (``cancelled_at, metadata, request_counts, ...``); inner objects keep the order
    Jackson read them in."""
    result = run_cli("predict", "openai/embedding-batch", "--action", "batch_predict", "--parameters", "{}",
                     "--response", _write(tmp_path, "batch.json", BATCH))
    assert result.code == 0, result.err
    remote_job = json.loads(result.out, object_pairs_hook=list)[2][1]
    assert [key for key, _ in remote_job] == [
        "cancelled_at", "metadata", "request_counts", "input_file_id", "output_file_id", "error_file_id", "dlq",
        "created_at", "in_progress_at", "expired_at", "finalizing_at", "completed_at", "endpoint", "expires_at",
        "cancelling_at", "completion_window", "id", "failed_at", "errors", "object", "status"]
    assert dict(remote_job)["request_counts"] == [("total", 0), ("completed", 0), ("failed", 0)]


def _openai(**action) -> dict:
    return {"name": "chat", "version": "1", "protocol": "http", "credential": {"key": "sk-test"},
            "actions": [{"action_type": "predict", "method": "POST", "url": "https://api.openai.com/v1/chat/completions",
                         "request_body": "{\"q\": \"${parameters.q}\"}", **action}]}


def test_headers_are_checked_in_hash_map_order(run_cli, tmp_path):
    """``AbstractConnector.createDecryptedHeaders`` and ``substituteHeadersWithRuntimeParameters`` (3.7+) build
    ``HashMap``s and throw at the first header left unresolved: ``X-Region`` comes before ``X-Model`` there
    (java.util.HashMap, JDK 17 and 21), whatever the order written."""
    connector = _openai(headers={"X-Model": "${parameters.model}", "X-Region": "${parameters.region}"})
    result = run_cli("predict", _write(tmp_path, "chat.json", connector), "--parameters", '{"q": "hi"}',
                     "--show-request")
    assert result.code == 1
    assert "error 400: Header 'X-Region' contains unresolved placeholder. Required parameter is missing." in result.err


def test_a_painless_pre_process_on_parameters_sees_a_hash_map(run_cli, tmp_path):
    """``RemoteInferencePreProcessFunction.process`` puts the request parameters into a ``new HashMap<>()``
    (``putAll``, pre-sized: 4 buckets for 3 entries on JDK 21) before the script runs, so a script walking
    ``params`` sees ``content, model, role`` (java.util.HashMap on JDK 21, the newest release's JDK)."""
    script = ("String keys = ''; for (def k : params.keySet()) { keys += k + ','; } "
              "return '{\"parameters\": {\"q\": \"' + keys + '\"}}';")
    connector = _openai(pre_process_function=script)
    connector["parameters"] = {"pre_process_function.process_remote_inference_input": "true"}
    result = run_cli("predict", _write(tmp_path, "chat.json", connector), "--parameters",
                     '{"role": "user", "content": "hi", "model": "gpt"}', "--show-request")
    assert result.code == 0, result.err
    assert '{"q": "content,model,role,"}' in result.out


URI_MESSAGE = ("Encountered error when trying to create uri from endpoint in ml connector. "
               "Please update the endpoint in connection configuration: ")


def _bedrock(tmp_path) -> str:
    connector = _openai(url="https://bedrock-runtime.${parameters.region}.amazonaws.com/model/${parameters.m}/invoke")
    connector["parameters"] = {"region": "us-east-1", "m": "titan"}
    return _write(tmp_path, "bedrock.json", connector)


def test_an_invalid_uri_is_reported_with_ml_commons_text_exactly(run_cli, tmp_path):
    """``AwsConnectorExecutorTest.executePredict_RemoteInferenceInput_EmptyIpAddress`` asserts the message
    equals ``Encountered error ... connection configuration: `` exactly (``ConnectorUtils.buildSdkRequest``).
    A host with ``_`` parses as a registry authority without a host, which ML Commons' own check refuses:
    that cause is known; what the emulator found is the hint."""
    result = run_cli("predict", _bedrock(tmp_path), "--parameters", '{"q": "hi", "region": "us_east_1"}',
                     "--show-request", "--format", "json")
    assert result.code == 1
    error = json.loads(result.out)["error"]
    assert error["status"] == 400 and error["message"] == URI_MESSAGE
    assert error["cause"] == ("java.lang.IllegalArgumentException: "
                              "Invalid URI. Please check if the endpoint is valid from connector.")
    assert "us_east_1" in error["hint"] and "no host" in error["hint"]


def test_a_uri_syntax_error_keeps_the_message_exact_and_explains_in_the_hint(run_cli, tmp_path):
    """``ConnectorUtilsTest.buildSdkRequest_InvalidEndpoint_ThrowException``: the message is ML Commons' text;
    the ``URISyntaxException`` behind it is not reproduced word for word, so it is a hint, not a cause."""
    result = run_cli("predict", _bedrock(tmp_path), "--parameters", '{"q": "hi", "m": "a b"}', "--show-request")
    assert result.code == 1
    lines = result.err.splitlines()
    assert lines[0] == f"error 400: {URI_MESSAGE}"
    assert lines[1].startswith("hint: the URL ") and "illegal character ' '" in lines[1]


# ---- create-time validation of the connector predict runs (spec 1.4, 1.5 D.4)
def _predict_error(run_cli, tmp_path, version: str | None = None, **fields):
    connector = {**_openai(), **fields}
    args = ["predict", _write(tmp_path, "created.json", connector), "--parameters", '{"q": "hi"}', "--show-request",
            "--no-validate",  # the emulator's own create-time failure, not the checker's refusal
            "--format", "json"] + (["--opensearch-version", version] if version else [])
    result = run_cli(*args)
    return json.loads(result.out).get("error") if result.code == 1 else None


def test_client_config_values_are_read_as_ml_commons_reads_them(run_cli, tmp_path):
    """``ConnectorClientConfigTest.parse_whenMalformedSkipSslVerification_thenFail`` ("Failed to parse value")
    and ``parse_whenMalformedBackoffPolicy_thenFail`` ("Unsupported retry backoff policy"); OpenSearch's
    ``intValue()`` and ``booleanValue()`` for the others. A key the release does not read is skipped."""
    bad_boolean = {"client_config": {"skip_ssl_verification": "abc"}}
    assert _predict_error(run_cli, tmp_path, **bad_boolean) == {
        "status": 400, "message": "Failed to parse value [abc] as only [true] or [false] are allowed.", "cause": None}
    assert _predict_error(run_cli, tmp_path, "3.4", **bad_boolean) is None  # skip_ssl_verification is read from 3.5
    assert _predict_error(run_cli, tmp_path, client_config={"retry_backoff_policy": "test"})["message"] == \
        "Unsupported retry backoff policy"
    assert _predict_error(run_cli, tmp_path, client_config={"read_timeout": "soon"})["message"] == \
        'For input string: "soon"'
    assert _predict_error(run_cli, tmp_path, client_config={"max_connection": True}) == {
        "status": 400, "message": "Current token (VALUE_TRUE) not numeric, can not use numeric value accessors",
        "cause": None}
    assert _predict_error(run_cli, tmp_path, client_config={"retry_backoff_policy": None}) == {
        "status": 500, "message": "Can't get text on a VALUE_NULL", "cause": None}
    assert _predict_error(run_cli, tmp_path, client_config={"read_timeout": "60", "skip_ssl_verification": ""}) \
        is None  # a numeric string is a number, "" is false


def test_a_custom_connector_id_follows_ml_commons_rules_from_3_9(run_cli, tmp_path):
    """``TransportCreateConnectorActionTests.testCreateConnector_invalidCustomConnectorId_*`` and
    ``MLResourceIdUtilsTest``: ``MLResourceIdUtils.validateCustomDocumentId`` (3.9-dev only)."""
    for connector_id, message in [
            ("-invalid", "connector id must not start with '-'"),
            ("_bad", "connector id must not start with '_'"),
            ("   ", "connector id is invalid"),
            ("a" * 513, "connector id is too long, max length is 512"),
            ("invalid@connector", "connector id must contain only letters, digits, underscores, and hyphens, "
                                  "and must start with a letter or digit")]:
        assert _predict_error(run_cli, tmp_path, "3.9-dev", connector_id=connector_id) == \
            {"status": 400, "message": message, "cause": None}
        assert _predict_error(run_cli, tmp_path, "3.8", connector_id=connector_id) is None  # not read before 3.9
    assert _predict_error(run_cli, tmp_path, "3.9-dev", connector_id="bedrock-connector") is None
    assert _predict_error(run_cli, tmp_path, "3.9-dev", connector_id="a" * 512) is None


# ---- steps the emulator does not follow say so (issue 16 item 8; tests/mlcommons/test_spec_walk.py)
def test_algorithm_parameters_beside_text_docs_are_an_emulator_limit(run_cli, tmp_path):
    """Spec 4.1 step 3: ``_predict/text_embedding`` takes algorithm parameters (``content_type``) beside
    ``text_docs``; ML Commons accepts the body, the emulator does not merge them."""
    result = run_cli("predict", _write(tmp_path, "embed.json", _openai()), "--text-docs", "a",
                     "--parameters", '{"content_type": "query"}', "--show-request")
    assert result.code == 2 and "not emulated: parameters beside text_docs" in result.err
