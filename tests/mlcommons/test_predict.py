"""The predict pipeline step by step (spec mlcommons-connectors.md 2.3, 4.1-4.10, 5, 6, 7, 8.8)."""

from __future__ import annotations

import json

import pytest

from toolkit.contract.http import HttpRequest, HttpResponse, TransportError
from toolkit.mlcommons.endpoint import URI_ERROR
from toolkit.mlcommons.predict import NOT_CONFIGURED, NOT_TRUSTED, EmulatorLimit, PredictError, predict
from toolkit.mlcommons.sigv4 import verify
from toolkit.versions import Profile

OPENAI = "https://api.openai.com/v1/chat/completions"


class Provider:
    """A transport that records requests and answers from a list (or one answer for every call)."""

    def __init__(self, *answers: object, status: int = 200):
        self.answers = [a if isinstance(a, HttpResponse) else
                        HttpResponse(status, {"Content-Type": "application/json"},
                                     a if isinstance(a, bytes) else json.dumps(a).encode()) for a in answers]
        self.requests: list[HttpRequest] = []

    def __call__(self, request: HttpRequest) -> HttpResponse:
        self.requests.append(request)
        return self.answers[min(len(self.requests), len(self.answers)) - 1]

    @property
    def bodies(self) -> list[str]:
        return [r.body.decode() for r in self.requests]


def connector(body: str | None = '{"q":"${parameters.q}"}', url: str = OPENAI, params: dict | None = None,
              protocol: str = "http", **action) -> dict:
    act = {"action_type": "PREDICT", "method": "POST", "url": url,
           "headers": {"Authorization": "Bearer ${credential.key}"}, **action}
    if body is not None:
        act["request_body"] = body
    return {"name": "c", "version": "1", "protocol": protocol, "parameters": params or {},
            "credential": {"key": "sk-test"}, "actions": [act]}


def output(result) -> dict:
    return json.loads(result.to_json())


def error(*args, **kwargs) -> PredictError:
    with pytest.raises(PredictError) as caught:
        predict(*args, **kwargs)
    return caught.value


# ---- 4.10 worked examples, through the whole pipeline
def test_4_10_1_chat_with_mixed_value_types():
    body = ('{"model":"${parameters.model}","messages":${parameters.messages},"max_tokens":${parameters.max_tokens},'
            '"temperature":${parameters.temperature},"flag":${parameters.flag},"nothing":"${parameters.nothing}",'
            '"prompt":"${parameters.prompt}"}')
    provider = Provider({"ok": 1})
    predict(connector(body, params={"model": "gpt-4o"}),
            {"parameters": {"messages": [{"role": "user", "content": 'Say "hi" / café'}], "max_tokens": 100,
                            "temperature": 0.00001, "flag": True, "nothing": None,
                            "prompt": 'Line1\nHe said "hi" / café'}}, transport=provider)
    assert provider.bodies == ['{"model":"gpt-4o","messages":[{"role":"user","content":"Say \\"hi\\" / café"}],'
                               '"max_tokens":100,"temperature":1.0E-5,"flag":true,"nothing":"null",'
                               '"prompt":"Line1\\nHe said \\"hi\\" \\/ caf\\u00E9"}']


def test_4_10_2_tostring_through_a_prompt_parameter():
    provider = Provider({"ok": 1})
    predict(connector('{"prompt":"${parameters.prompt}"}', params={"prompt": "Context: ${parameters.context.toString()}"}),
            {"parameters": {"context": ['doc "1"', "doc2"]}}, transport=provider)
    assert provider.bodies == ['{"prompt":"Context: [\\"doc \\\\\\"1\\\\\\"\\",\\"doc2\\"]"}']


def test_4_10_2_tostring_written_in_the_body_stays_unresolved():
    exc = error(connector('{"prompt":"${parameters.context.toString()}"}'), {"parameters": {"context": ["a"]}},
                transport=Provider())
    assert (exc.status, exc.message) == (400, "Some parameter placeholder not filled in payload: context.toString()")


def test_4_10_3_quoted_json_looking_string_is_an_invalid_payload():
    provider = Provider()
    exc = error(connector('{"input":"${parameters.input}"}'), {"parameters": {"input": '["a"]'}}, transport=provider)
    assert (exc.status, exc.message) == (400, 'Invalid payload: {"input":"["a"]"}')
    assert provider.requests == []


def test_4_10_4_default_and_literal_dollar():
    provider = Provider({"ok": 1})
    predict(connector('{"q":"${parameters.q}","n":${parameters.n:-256}}'), {"parameters": {"q": "{name} is 5$"}},
            transport=provider)
    assert provider.bodies == ['{"q":"{name} is 5$","n":256}']


def test_4_10_5_connector_parameters_are_not_escaped():
    exc = error(connector('{"s":"${parameters.system}"}', params={"system": 'Be "nice"'}), {"parameters": {}},
                transport=Provider())
    assert exc.message == 'Invalid payload: {"s":"Be "nice""}'


# ---- 4.1 merge order and 4.5 payload checks
def test_4_1_request_parameters_beat_connector_parameters():
    provider = Provider({"ok": 1})
    predict(connector(params={"q": "connector"}), {"parameters": {"q": "request"}}, transport=provider)
    assert provider.bodies == ['{"q":"request"}']


def test_4_5_missing_parameter_fails_before_sending():
    provider = Provider()
    exc = error(connector('{"q":"${parameters.q}","m":"${parameters.m}"}'), {"parameters": {"q": "x"}},
                transport=provider)
    assert (exc.status, exc.message) == (400, "Some parameter placeholder not filled in payload: m")
    assert provider.requests == []


def test_4_5_skip_validating_missing_parameters():
    provider = Provider({"ok": 1})
    predict(connector('{"m":"${parameters.m}"}'), {"parameters": {"skip_validating_missing_parameters": "TRUE"}},
            transport=provider)
    assert provider.bodies == ['{"m":"${parameters.m}"}']


def test_checklist_59_60_no_request_body_uses_http_body_and_an_empty_post_fails():
    provider = Provider({"ok": 1})
    predict(connector(None), {"parameters": {"http_body": '{"raw":1}'}}, transport=provider)
    assert provider.bodies == ['{"raw":1}']
    exc = error(connector(None), {"parameters": {}}, transport=provider)
    assert (exc.status, exc.message) == (400, "Content length is 0. Aborting request to remote model")


def test_checklist_9_unsupported_method():
    exc = error(connector(method="PATCH"), {"parameters": {"q": "x"}}, transport=Provider())
    assert exc.message == "unsupported http method"


def test_8_8_no_predict_action():
    conn = connector()
    conn["actions"][0]["action_type"] = "batch_predict"
    assert error(conn, {"parameters": {}}, transport=Provider()).message == "no PREDICT action found"


def test_4_1_algorithm_parameters_beside_text_docs_are_an_emulator_limit():
    """ML Commons reads them as the algorithm parameters (4.1 step 3); the emulator does not merge them."""
    with pytest.raises(EmulatorLimit, match="parameters beside text_docs"):
        predict(connector(), {"parameters": {}, "text_docs": ["a"]}, transport=Provider())


# ---- 2.3 trusted endpoints on the resolved URL, 4.7 URI
def test_2_3_the_resolved_url_must_match_a_trusted_regex():
    provider = Provider()
    exc = error(connector(url="https://api.openai.com.evil.example/v1"), {"parameters": {"q": "x"}}, transport=provider)
    assert (exc.status, exc.message) == (400, NOT_TRUSTED)
    assert provider.requests == []


def test_2_3_full_match_with_the_blueprint_regexes():
    """The regex admits the URL as created (placeholder literal, 2.2) and as resolved on the call."""
    conn = connector(url="https://api.openai.com/v1/${parameters.path}")
    trusted = [r"^https://api\.openai\.com/v1/(embeddings|\$\{parameters\.path\})$"]
    ok = Provider({"ok": 1})
    predict(conn, {"parameters": {"q": "x", "path": "embeddings"}}, transport=ok, trusted_endpoints=trusted)
    assert ok.requests[0].url == "https://api.openai.com/v1/embeddings"
    exc = error(conn, {"parameters": {"q": "x", "path": "embeddings/x"}}, transport=Provider(),
                trusted_endpoints=trusted)
    assert exc.message == NOT_TRUSTED


def test_2_3_empty_list_is_not_configured():
    assert error(connector(), {"parameters": {"q": "x"}}, transport=Provider(), trusted_endpoints=[]).message == \
        NOT_CONFIGURED


def test_4_7_escaped_request_value_in_the_url_passes_the_weak_default_regex_then_fails_as_uri():
    url = "https://bedrock-runtime.${parameters.region}.amazonaws.com/model/m/invoke"
    conn = connector(url=url, params={"region": "us-east-1"})  # created with a trusted region (2.2)
    exc = error(conn, {"parameters": {"q": "x", "region": "evil.com/x"}}, transport=Provider())
    assert exc.status == 400 and exc.message == URI_ERROR and "evil.com" in exc.hint


# ---- 4.8 headers
def test_4_8_credentials_in_headers_and_default_content_type():
    provider = Provider({"ok": 1})
    predict(connector(), {"parameters": {"q": "x"}}, transport=provider)
    assert dict(provider.requests[0].headers) == {"Authorization": "Bearer sk-test", "Content-Type": "application/json"}


def test_4_8_credentials_replace_the_connector_credential_values():
    provider = Provider({"ok": 1})
    predict(connector(), {"parameters": {"q": "x"}}, transport=provider, credentials={"key": "sk-live"})
    assert provider.requests[0].header("Authorization") == "Bearer sk-live"


def test_4_8_unresolved_header_placeholder():
    conn = connector()
    conn["actions"][0]["headers"]["X-Org"] = "${parameters.org}"
    exc = error(conn, {"parameters": {"q": "x"}}, transport=Provider())
    assert exc.message == "Header 'X-Org' contains unresolved placeholder. Required parameter is missing."


# ---- 7 SigV4
def test_7_sigv4_region_and_service_from_the_connector_not_the_request():
    url = "https://bedrock-runtime.us-west-2.amazonaws.com/model/m/invoke"
    conn = connector(url=url, params={"region": "us-west-2"}, protocol="aws_sigv4", headers={})
    conn["credential"] = {"access_key": "AKIDEXAMPLE", "secret_key": "secret", "service_name": "bedrock"}
    provider = Provider({"embedding": [0.5]})
    predict(conn, {"parameters": {"q": "x", "region": "eu-west-1"}}, transport=provider)
    request = provider.requests[0]
    assert "/us-west-2/bedrock/aws4_request" in request.header("Authorization")
    assert verify(request, "secret") and request.header("content-type") == "application/json"


# ---- 4.4, 5.1, 5.2 text docs: pre-process and chunking
def test_4_4_text_docs_without_a_function_send_every_doc_in_one_request():
    provider = Provider({"data": [{"embedding": [1.5]}, {"embedding": [2.5]}]})
    result = predict(connector('{"input":${parameters.input}}', post_process_function="connector.post_process.openai.embedding"),
                     {"text_docs": ["a/b", "é"]}, transport=provider)
    assert provider.bodies == ['{"input":["a/b","é"]}']
    assert len(output(result)["inference_results"]) == 1


def test_5_2_bedrock_embedding_sends_one_request_per_doc_and_6_one_result_per_chunk():
    provider = Provider({"embedding": [0.1, 2]})
    result = predict(connector('{"inputText":"${parameters.inputText}"}',
                               pre_process_function="connector.pre_process.bedrock.embedding",
                               post_process_function="connector.post_process.bedrock.embedding"),
                     {"text_docs": ["a/b", "c"]}, transport=provider)
    assert provider.bodies == ['{"inputText":"a\\/b"}', '{"inputText":"c"}']
    tensor = {"name": "sentence_embedding", "data_type": "FLOAT32", "shape": [2], "data": [0.1, 2]}
    assert result.to_json() == json.dumps({"inference_results": [{"output": [tensor], "status_code": 200}] * 2},
                                          separators=(",", ":"))


def test_5_2_step_size_comes_from_the_connector():
    provider = Provider({"data": [{"embedding": [1.0]}]})
    predict(connector('{"input":${parameters.input}}', params={"input_docs_processed_step_size": 2},
                      pre_process_function="connector.pre_process.openai.embedding",
                      post_process_function="connector.post_process.openai.embedding"),
            {"text_docs": ["a", "b", "c"]}, transport=provider)
    assert provider.bodies == ['{"input":["a","b"]}', '{"input":["c"]}']


def test_5_2_invalid_step_size():
    exc = error(connector(params={"input_docs_processed_step_size": 0}), {"text_docs": ["a"]}, transport=Provider())
    assert (exc.status, exc.message) == (400, "Invalid parameter: input_docs_processed_step_size. It must be positive integer.")


def test_4_4_similarity_input_needs_a_function():
    exc = error(connector(), {"query_text": "q", "text_docs": ["a"]}, transport=Provider())
    assert exc.message == "pre_process_function not defined in connector"


# ---- 5.3, 5.5 Painless
PRE = 'return \'{"parameters":{"texts":["\' + params.text_docs[0] + \'"]}}\';'
POST = ('def v = params.result; return \'{"name":"sentence_embedding","data_type":"FLOAT32","shape":[\' + v.size() '
        '+ \'],"data":\' + v + \',"extra":1}\';')


def test_5_3_5_5_painless_pre_and_post_process():
    provider = Provider([0.25, 1.0])
    result = predict(connector('{"texts":${parameters.texts}}', pre_process_function=PRE, post_process_function=POST),
                     {"text_docs": ['say "hi"', "b"]}, transport=provider)
    assert provider.bodies == ['{"texts":["say \\"hi\\""]}', '{"texts":["b"]}']
    assert output(result)["inference_results"][0] == {
        "output": [{"name": "sentence_embedding", "data_type": "FLOAT32", "shape": [2], "data": [0.25, 1.0]}],
        "status_code": 200}


def test_5_3_parameters_input_runs_painless_only_when_asked():
    script = 'return \'{"parameters":{"q":"\' + params.q + \'!"}}\';'
    provider = Provider({"ok": 1})
    predict(connector('{"q":"${parameters.q}","p":"${parameters.p}"}', pre_process_function=script),
            {"parameters": {"q": "a/b", "p": "1"}}, transport=provider)
    predict(connector('{"q":"${parameters.q}","p":"${parameters.p}"}', pre_process_function=script,
                      params={"pre_process_function.process_remote_inference_input": "true"}),
            {"parameters": {"p": "1"}, }, transport=provider)
    assert provider.bodies == ['{"q":"a\\/b","p":"1"}', '{"q":"null!","p":"1"}']


def test_5_3_a_failing_pre_process_script():
    exc = error(connector(pre_process_function="return params.nothing.size();"), {"text_docs": ["a"]},
                transport=Provider())
    assert exc.status == 400 and exc.message == "runtime error" and "NullPointerException" in exc.cause


def test_5_5_non_json_script_output_is_a_response_tensor():
    result = predict(connector(post_process_function="return 'plain ' + params.a;"), {"parameters": {"q": "x"}},
                     transport=Provider({"a": 1}))
    assert output(result)["inference_results"][0]["output"] == [{"name": "response",
                                                                  "dataAsMap": {"response": "plain 1"}}]


def test_4_6_function_text_gets_gson_quoted_values():
    """The built-in name arrives quoted, so it runs as Painless: a string literal, returned as text."""
    result = predict(connector(post_process_function="${parameters.fn}",
                               params={"fn": "connector.post_process.openai.embedding"}),
                     {"parameters": {"q": "x"}}, transport=Provider({"data": [{"embedding": [1.0]}]}))
    assert output(result)["inference_results"][0]["output"] == [
        {"name": "response", "dataAsMap": {"response": "connector.post_process.openai.embedding"}}]


# ---- 5.4, 5.6 output processing
def test_5_6_response_filter_and_fallback_to_the_whole_response():
    conn = connector(params={"response_filter": "$.choices[0].message.content"})
    found = predict(conn, {"parameters": {"q": "x"}}, transport=Provider({"choices": [{"message": {"content": "Hello!"}}]}))
    assert found.to_json() == ('{"inference_results":[{"output":[{"name":"response","dataAsMap":{"response":"Hello!"}}],'
                               '"status_code":200}]}')
    missing = predict(conn, {"parameters": {"q": "x"}}, transport=Provider({"z": 1, "a": 2}))
    assert missing.to_json() == '{"inference_results":[{"output":[{"name":"response","dataAsMap":{"z":1,"a":2}}],"status_code":200}]}'


def test_5_6_a_json_looking_filter_result_becomes_the_map():
    conn = connector(params={"response_filter": "$.text"})
    result = predict(conn, {"parameters": {"q": "x"}}, transport=Provider({"text": '{"a":1}'}))
    assert output(result)["inference_results"][0]["output"][0]["dataAsMap"] == {"a": 1}


def test_5_5_a_response_that_is_not_json_fails_even_without_a_function():
    """StringUtils.fromJson's IllegalArgumentException passes through as 400 from 3.3 (matrix E4)."""
    exc = error(connector(), {"parameters": {"q": "x"}}, transport=Provider(b"hello"))
    assert exc.status == 400 and exc.message.startswith("Invalid JSON format")


def test_5_4_a_built_in_check_failure_passes_through_from_3_3_and_is_wrapped_before():
    conn = connector(post_process_function="connector.post_process.openai.embedding")
    message = "The embedding should be a non-empty List containing List of Float values."
    exc = error(conn, {"parameters": {"q": "x"}}, transport=Provider({"data": [{"embedding": "no"}]}))
    assert (exc.status, exc.message, exc.cause) == (400, message, None)
    exc = error(conn, {"parameters": {"q": "x"}}, transport=Provider({"data": [{"embedding": "no"}]}),
                profile=Profile.for_version("3.2"))
    assert (exc.status, exc.message) == (500, "Fail to execute PREDICT in aws connector")
    assert exc.cause == "java.lang.IllegalArgumentException: " + message


def test_5_4_a_missing_path_is_fail_to_execute():
    exc = error(connector(post_process_function="connector.post_process.bedrock.embedding"), {"parameters": {"q": "x"}},
                transport=Provider({"other": 1}))
    assert exc.message == "Fail to execute PREDICT in aws connector" and "PathNotFound" in exc.cause


# ---- 6 remote status
@pytest.mark.parametrize("status", [199, 301, 401, 429, 503])
def test_6_error_status_passes_the_body_and_status_on(status):
    exc = error(connector(), {"parameters": {"q": "x"}}, transport=Provider(b'{"error":"x"}', status=status))
    assert (exc.status, exc.message) == (status, 'Error from remote service: {"error":"x"}')
    assert len(exc.exchanges) == 1


def test_6_status_300_is_a_success():
    result = predict(connector(), {"parameters": {"q": "x"}}, transport=Provider({"a": 1}, status=300))
    assert output(result)["inference_results"][0]["status_code"] == 300


def test_6_empty_bodies():
    exc = error(connector(), {"parameters": {"q": "x"}}, transport=Provider(b"", status=500))
    assert (exc.status, exc.message) == (500, "Remote service returned error status 500 with empty body")
    exc = error(connector(), {"parameters": {"q": "x"}}, transport=Provider(b"  ", status=200))
    assert (exc.status, exc.message) == (502, "Remote service returned empty response body")


def test_6_transport_error():
    def broken(request):
        raise TransportError("ConnectError: refused")

    exc = error(connector(), {"parameters": {"q": "x"}}, transport=broken)
    assert (exc.status, exc.message) == (500, "Error communicating with remote model: ConnectError: refused")


def test_4_5_stream_parameter_is_not_emulated():
    with pytest.raises(EmulatorLimit):
        predict(connector(), {"parameters": {"q": "x", "stream": "true"}}, transport=Provider())


# ---- 6, 8.2 batch predict (MLPredictTaskRunner with a BATCH_PREDICTION task)
def batch_connector(with_predict: bool = True) -> dict:
    conn = connector('{"input_file_id":"${parameters.input_file_id}"}', url="https://api.openai.com/v1/batches")
    conn["actions"][0].update(action_type="batch_predict", headers={"Authorization": "Bearer ${credential.other}"})
    if with_predict:
        conn["actions"].insert(0, connector(url="https://api.openai.com/v1/embeddings")["actions"][0])
    return conn


def test_batch_predict_runs_the_batch_action_and_answers_a_task():
    provider = Provider({"id": "batch_1", "status": "validating"})
    result = predict(batch_connector(), {"parameters": {"input_file_id": "file-1"}}, transport=provider,
                     action="batch_predict")
    assert [r.url for r in provider.requests] == ["https://api.openai.com/v1/batches"]
    assert provider.bodies == ['{"input_file_id":"file-1"}']
    assert output(result) == {"task_id": "<task_id>", "status": "CREATED",
                              "remote_job": {"id": "batch_1", "status": "validating", "dlq": None}}


def test_batch_predict_sends_the_predict_actions_headers():
    """Headers are decrypted for PREDICT at deploy time (spec 4.8): the batch action's own are not sent."""
    provider = Provider({"id": "batch_1"})
    predict(batch_connector(), {"parameters": {"input_file_id": "f"}}, transport=provider, action="batch_predict")
    assert provider.requests[0].headers["Authorization"] == "Bearer sk-test"
    provider = Provider({"id": "batch_1"})
    predict(batch_connector(with_predict=False), {"parameters": {"input_file_id": "f"}}, transport=provider,
            action="batch_predict")
    assert "Authorization" not in provider.requests[0].headers


def test_batch_predict_needs_a_map_from_the_first_tensor():
    conn = batch_connector()
    conn["actions"][1]["post_process_function"] = "connector.post_process.openai.embedding"
    exc = error(conn, {"parameters": {"input_file_id": "f"}}, transport=Provider({"data": [{"embedding": [1.0]}]}),
                action="batch_predict")
    assert (exc.status, exc.message) == (404, "Unable to create batch transform job")


def test_batch_predict_remote_error_and_missing_action():
    exc = error(batch_connector(), {"parameters": {"input_file_id": "f"}},
                transport=Provider({"error": {"message": "bad"}}, status=400), action="batch_predict")
    assert (exc.status, exc.message) == (400, 'Error from remote service: {"error": {"message": "bad"}}')
    assert error(connector(), {"parameters": {}}, transport=Provider(),
                 action="batch_predict").message == "no BATCH_PREDICT action found"
    with pytest.raises(EmulatorLimit):
        predict(batch_connector(), {"text_docs": ["a"]}, transport=Provider(), action="batch_predict")
