"""``blueprint predict|painless --opensearch-version``: the emulator on each side of every release switch."""

from __future__ import annotations

import json

import pytest

CHAT = "https://api.openai.com/v1/chat/completions"


def connector(tmp_path, parameters: dict | None = None, **action) -> str:
    act = {"action_type": "PREDICT", "method": "POST", "url": CHAT, "headers": {"Authorization": "Bearer ${credential.key}"},
           "request_body": '{"messages":${parameters.messages}}', **action}
    conn = {"name": "c", "version": "1", "protocol": "http", "parameters": parameters or {},
            "credential": {"key": "sk-1"}, "actions": [act]}
    path = tmp_path / "connector.json"
    path.write_text(json.dumps(conn))
    return str(path)


def response(tmp_path, body) -> str:
    path = tmp_path / "response.json"
    path.write_text(body if isinstance(body, str) else json.dumps(body))
    return str(path)


def predict(run_cli, tmp_path, version: str, conn: str, body, *args: str):
    return run_cli("predict", conn, "--parameters", json.dumps({"messages": [{"content": "a"}]}),
                   "--response", response(tmp_path, body), "--opensearch-version", version, *args)


def data_as_map(result) -> dict:
    assert result.code == 0, result.err
    return json.loads(result.out)["inference_results"][0]["output"][0]["dataAsMap"]


@pytest.mark.parametrize("command", [["predict", "c.json", "--show-request"], ["painless", "s.painless"]])
def test_below_2_11_is_not_emulated(run_cli, command):
    result = run_cli(*command, "--opensearch-version", "2.10")
    assert result.code == 2 and "emulation starts at 2.11" in result.err


@pytest.mark.parametrize("version, sent", [
    ("3.2", '{"messages":[{"content":"a\\u003cb"}]}'),
    ("3.3", '{"messages":[{"x":null,"content":"a<b"}]}'),  # HashMap order
])
def test_non_string_parameters_are_html_escaped_without_nulls_before_3_3(run_cli, tmp_path, version, sent):
    result = run_cli("predict", connector(tmp_path), "--parameters", '{"messages":[{"content":"a<b","x":null}]}',
                     "--show-request", "--opensearch-version", version)
    assert result.code == 0 and result.out.rstrip().endswith("\n\n" + sent)


@pytest.mark.parametrize("version, expected", [
    ("3.2", {"response": {"role": "assistant", "n": 7}}),
    ("3.3", {"role": "assistant", "n": 7}),
])
def test_an_object_filter_result_is_wrapped_in_response_before_3_3(run_cli, tmp_path, version, expected):
    conn = connector(tmp_path, {"response_filter": "$.choices[0].message"})
    answer = {"choices": [{"message": {"role": "assistant", "n": 7}}]}
    assert data_as_map(predict(run_cli, tmp_path, version, conn, answer)) == expected


EMPTY = "The embedding should be a non-empty List containing Float values."


@pytest.mark.parametrize("version, err", [
    ("2.13", f"error 400: {EMPTY}\n"),
    ("2.14", f"error 500: Fail to execute predict in aws connector\ncaused by: java.lang.IllegalArgumentException: {EMPTY}\n"),
    ("3.2", f"error 500: Fail to execute PREDICT in aws connector\ncaused by: java.lang.IllegalArgumentException: {EMPTY}\n"),
    ("3.3", f"error 400: {EMPTY}\n"),
])
def test_a_failing_built_in_post_process(run_cli, tmp_path, version, err):
    conn = connector(tmp_path, post_process_function="connector.post_process.openai.embedding")
    result = predict(run_cli, tmp_path, version, conn, {"data": [{"embedding": []}]})
    assert (result.code, result.err) == (1, err)


@pytest.mark.parametrize("version, err", [
    ("2.13", "error 500: No results for path: $['missing']\ncaused by: com.jayway.jsonpath.PathNotFoundException: "
             "No results for path: $['missing']\n"),
    ("3.3", "error 500: Fail to execute PREDICT in aws connector\ncaused by: com.jayway.jsonpath.PathNotFoundException: "
            "No results for path: $['missing']\n"),
])
def test_a_path_not_found_is_raw_before_2_14_and_wrapped_after(run_cli, tmp_path, version, err):
    conn = connector(tmp_path, {"response_filter": "$.missing"}, post_process_function="connector.post_process.openai.embedding")
    assert predict(run_cli, tmp_path, version, conn, {"data": []}).err == err


@pytest.mark.parametrize("version, number", [("3.4", "7.0"), ("3.5", "7")])
def test_integers_are_gson_doubles_before_3_5(run_cli, tmp_path, version, number):
    result = predict(run_cli, tmp_path, version, connector(tmp_path), '{"n": 7, "f": 2.5}')
    assert f'"dataAsMap":{{"n":{number},"f":2.5}}' in result.out
    script = connector(tmp_path, post_process_function="return params.n + ' ' + params.f")
    assert data_as_map(predict(run_cli, tmp_path, version, script, '{"n": 7, "f": 2.5}')) == {"response": f"{number} 2.5"}


@pytest.mark.parametrize("version, number", [("3.4", "7.0"), ("3.5", "7")])
def test_painless_ml_commons_params_are_gson_doubles_before_3_5(run_cli, tmp_path, version, number):
    script = tmp_path / "s.painless"
    script.write_text("return '' + params.n")
    result = run_cli("painless", str(script), "--params", '{"n": 7}', "--ml-commons", "--opensearch-version", version)
    assert (result.code, result.out) == (0, number + "\n")


@pytest.mark.parametrize("args, shown", [
    (["--opensearch-version", "2.11"], "9.999999999999999E22"),  # JDK 17
    (["--opensearch-version", "2.11", "--jdk", "21"], "1.0E23"),
    (["--opensearch-version", "2.12"], "1.0E23"),
])
def test_painless_jdk_follows_the_release_unless_given(run_cli, tmp_path, args, shown):
    script = tmp_path / "s.painless"
    script.write_text("return '' + params.big")
    result = run_cli("painless", str(script), "--params", '{"big": 1.0E23}', *args)
    assert (result.code, result.out) == (0, shown + "\n")


@pytest.mark.parametrize("version, code", [("2.18", 1), ("2.19", 0)])
def test_the_default_trusted_endpoints_follow_the_release(run_cli, tmp_path, version, code):
    conn = connector(tmp_path, url="https://api.deepseek.com/chat/completions")
    result = predict(run_cli, tmp_path, version, conn, {"choices": []})
    assert result.code == code and ("not matching the trusted connector endpoint regex" in result.err) == (code == 1)


@pytest.mark.parametrize("version, code", [("2.11", 1), ("2.12", 0)])
def test_the_escape_helper_is_prepended_to_post_process_scripts_from_2_12(run_cli, tmp_path, version, code):
    conn = connector(tmp_path, post_process_function="return escape(params.text)")
    result = predict(run_cli, tmp_path, version, conn, {"text": 'say "hi"'})
    assert result.code == code
    assert (result.err.startswith("error 400: compile error") if code else data_as_map(result) == {"response": 'say \\"hi\\"'})


@pytest.mark.parametrize("version, code", [("2.11", 1), ("2.12", 0)])
def test_the_escape_helper_is_prepended_to_pre_process_scripts_from_2_12(run_cli, tmp_path, version, code):
    pre = 'return "{\\"parameters\\":{\\"input\\":\\"" + escape(params.text_docs[0]) + "\\"}}"'
    conn = connector(tmp_path, pre_process_function=pre, request_body='{"input":"${parameters.input}"}')
    result = run_cli("predict", conn, "--text-docs", "a", "--show-request", "--opensearch-version", version)
    assert result.code == code and (code or '{"input":"a"}' in result.out)


@pytest.mark.parametrize("version, code", [("2.11", 1), ("2.12", 0)])
def test_a_post_process_script_may_end_in_a_line_comment_from_2_12(run_cli, tmp_path, version, code):
    # OpenSearch #11816 (CommentTests.testSingleLineComments): '//' ~[\n\r]* from 2.12.0, '//' .*? [\n\r] before
    conn = connector(tmp_path, post_process_function="return params.text // the provider's answer")
    result = predict(run_cli, tmp_path, version, conn, {"text": "hi"})
    assert result.code == code
    assert (result.err.startswith("error 400: compile error") if code else data_as_map(result) == {"response": "hi"})


@pytest.mark.parametrize("version, method", [("2.17", "POST"), ("2.17.1", "GET")])
def test_aws_sigv4_actions_always_post_before_2_17_1(run_cli, tmp_path, version, method):
    conn = {"name": "c", "version": "1", "protocol": "aws_sigv4",
            "parameters": {"region": "us-east-1", "service_name": "bedrock"},
            "credential": {"access_key": "AKIA", "secret_key": "s"},
            "actions": [{"action_type": "PREDICT", "method": "GET", "request_body": "{}",
                         "url": "https://bedrock-runtime.us-east-1.amazonaws.com/model/m/invoke"}]}
    path = tmp_path / "aws.json"
    path.write_text(json.dumps(conn))
    result = run_cli("predict", str(path), "--show-request", "--opensearch-version", version)
    assert result.code == 0 and result.out.startswith(method + " https://bedrock-runtime")


@pytest.mark.parametrize("version, code", [("3.4", 1), ("3.5", 0)])
def test_put_actions_from_3_5(run_cli, tmp_path, version, code):
    result = run_cli("predict", connector(tmp_path, method="PUT"), "--parameters", '{"messages": []}', "--show-request",
                     "--opensearch-version", version)
    assert result.code == code and ("unsupported http method" in result.err) == (code == 1)


@pytest.mark.parametrize("version, code", [("2.13", 1), ("2.14", 0)])
def test_a_300_answer_is_an_error_before_2_14(tmp_path, version, code):
    from toolkit.contract.http import HttpResponse
    from toolkit.mlcommons.predict import PredictError, predict as run
    from toolkit.versions import Profile

    conn = json.loads(open(connector(tmp_path)).read())
    answer = HttpResponse(300, {"Content-Type": "application/json"}, b'{"a": 1}')
    try:
        run(conn, {"parameters": {"messages": []}}, transport=lambda request: answer, profile=Profile.for_version(version))
    except PredictError as exc:
        assert (code, exc.status, exc.message) == (1, 300, 'Error from remote service: {"a": 1}')
    else:
        assert code == 0


@pytest.mark.parametrize("version, missing, null", [
    ("3.6", None, {"response": None}),
    ("3.7", {"a": 1, "b": None}, {"a": 1, "b": None}),
])
def test_a_missing_or_null_filter_path_gives_the_whole_response_from_3_7(run_cli, tmp_path, version, missing, null):
    for path, expected in (("$.missing", missing), ("$.b", null)):
        result = predict(run_cli, tmp_path, version, connector(tmp_path, {"response_filter": path}), '{"a": 1, "b": null}')
        if expected is None:
            assert result.err.startswith("error 500: Fail to execute PREDICT in aws connector\ncaused by: "
                                         "com.jayway.jsonpath.PathNotFoundException")
        else:
            assert data_as_map(result) == expected


@pytest.mark.parametrize("version, code", [("3.6", 1), ("3.7", 0)])
def test_a_filter_missing_in_script_output_falls_back_to_the_script_text_from_3_7(run_cli, tmp_path, version, code):
    script = "return '{\"name\": \"t\", \"result\": \"ok\"}'"
    conn = connector(tmp_path, {"response_filter": "$.missing"}, post_process_function=script)
    result = predict(run_cli, tmp_path, version, conn, "{}")
    assert result.code == code
    assert json.loads(result.out)["inference_results"][0]["output"] == [{"name": "t", "result": "ok"}] if code == 0 \
        else "PathNotFoundException" in result.err


@pytest.mark.parametrize("version, sent", [("3.6", "X-Model: ${parameters.model}\nX-Org: o1"), ("3.7", "X-Model: m1\nX-Org: o1")])
def test_request_parameters_reach_headers_from_3_7(run_cli, tmp_path, version, sent):
    conn = connector(tmp_path, {"org": "o1"}, headers={"X-Model": "${parameters.model}", "X-Org": "${parameters.org}"})
    result = run_cli("predict", conn, "--parameters", '{"messages": [], "model": "m1"}', "--show-request",
                     "--opensearch-version", version)
    assert result.code == 0 and sent in result.out


@pytest.mark.parametrize("version, body, err", [
    ("2.11", '{"a":1}\n{"b":${parameters.b}}', None),  # isJson is org.json alone before 2.12: the rest is never read
    ("2.11", 'x{"b":${parameters.b}}', "error 400: Invalid JSON in payload\n"),
    ("3.4", '{"a":1}\n{"b":${parameters.b}}', 'error 400: Invalid payload: {"a":1}\n{"b":2}\n'),
    ("3.5", '{"a":1}\n{"b":${parameters.b}}', None),
])
def test_payload_check_message_and_ndjson_by_release(run_cli, tmp_path, version, body, err):
    conn = connector(tmp_path, request_body=body)
    result = run_cli("predict", conn, "--parameters", '{"b": 2}', "--show-request", "--opensearch-version", version)
    assert (result.code, result.err) == (1, err) if err else result.code == 0
