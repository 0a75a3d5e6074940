"""``blueprint predict --opensearch-version``: trusted endpoints, private hosts and client timeouts on
each side of their release switches (matrix A13, B2, B3, B6, B7)."""

from __future__ import annotations

import json

import pytest

NOT_TRUSTED = "Connector URL is not matching the trusted connector endpoint regex"
PRIVATE = "Remote inference host name has private ip address: "


def connector(tmp_path, url: str, parameters: dict | None = None, client_config: dict | None = None) -> str:
    act = {"action_type": "PREDICT", "method": "POST", "url": url,
           "headers": {"Authorization": "Bearer ${credential.key}"}, "request_body": '{"input":"${parameters.input}"}'}
    conn = {"name": "c", "version": "1", "protocol": "http", "parameters": parameters or {},
            "credential": {"key": "sk-1"}, "actions": [act],
            **({"client_config": client_config} if client_config is not None else {})}
    path = tmp_path / "connector.json"
    path.write_text(json.dumps(conn))
    return str(path)


def predict(run_cli, conn: str, version: str, *args: str, **parameters):
    return run_cli("predict", conn, "--parameters", json.dumps({"input": "a", **parameters}), "--show-request",
                   "--opensearch-version", version, *args)


def test_the_resolved_url_is_rechecked_on_every_call_from_3_7(run_cli, tmp_path):
    """Created with a trusted host (connector parameter); a request parameter moves the call elsewhere."""
    conn = connector(tmp_path, "https://${parameters.host}/v1/embeddings", {"host": "api.openai.com"})
    before = predict(run_cli, conn, "3.6", host="evil.example")
    assert before.code == 0 and "POST https://evil.example/v1/embeddings" in before.out
    after = predict(run_cli, conn, "3.7", host="evil.example")
    assert after.code == 1 and f"error 400: {NOT_TRUSTED}\n" in after.err and "POST" not in after.out


def test_the_creation_check_named_the_url_until_3_1(run_cli, tmp_path):
    conn = connector(tmp_path, "https://api.acme.example/v1/embeddings")
    for version, message in (("3.1", f"{NOT_TRUSTED}, URL is: https://api.acme.example/v1/embeddings"),
                             ("3.2", NOT_TRUSTED)):
        result = predict(run_cli, conn, version)
        assert result.code == 1 and f"error 400: {message}\n" in result.err


def test_an_empty_trusted_list_is_not_configured_from_3_7():
    from toolkit.mlcommons.predict import PredictError, check_trusted
    from toolkit.versions import Profile

    for version, empty in (("3.6", NOT_TRUSTED), ("3.7", "Trusted connector endpoints regex is not")):
        with pytest.raises(PredictError) as raised:
            check_trusted("https://api.openai.com/v1", [], profile=Profile.for_version(version))
        assert raised.value.message.startswith(empty)


def blueprint(tmp_project, url: str, declared: bool = False):
    """A blueprint calling ``url``, trusted by its own regex; ``declared``: cluster.private_ip_enabled."""
    from toolkit.check.rules._examples import MANIFEST, TEMPLATE

    regex = "^" + url.replace(".", "\\.") + "$"
    manifest = MANIFEST.replace("  - ^https://api\\.acme\\.example/v1/embed$", f"  - {regex}")
    if declared:
        manifest += "cluster:\n  private_ip_enabled: true\n"
    tmp_project.minimal(manifest, TEMPLATE.replace("https://api.acme.example/v1/embed", url))
    return tmp_project.root


def predict_blueprint(run_cli, root, version: str, *args: str):
    return run_cli("predict", "acme/embed", "--text-docs", "a", "--show-request", "--opensearch-version", version,
                   *args, cwd=root)


@pytest.mark.parametrize("declared", [True, False])
def test_private_hosts_need_the_2_15_setting(run_cli, tmp_project, declared):
    url = "http://localhost:8080/v1/embed"
    root = blueprint(tmp_project, url, declared)
    for version, refused in (("2.13", "localhost"),  # no setting; the message is the bare host name
                             ("2.14", PRIVATE + "localhost"),
                             ("2.15", None if declared else PRIVATE + "localhost")):
        result = predict_blueprint(run_cli, root, version)
        if refused is None:
            assert result.code == 0 and f"POST {url}" in result.out, result.err
        else:
            assert result.code == 1 and f"error 400: {refused}\n" in result.err


def test_the_flag_turns_the_setting_on_for_a_blueprint_that_does_not_declare_it(run_cli, tmp_project):
    root = blueprint(tmp_project, "http://10.0.0.5/v1/embed")
    assert predict_blueprint(run_cli, root, "3.8").code == 1
    assert predict_blueprint(run_cli, root, "3.8", "--private-ip-enabled").code == 0


@pytest.mark.parametrize("before, after", [("2.19.3", "2.19.4"), ("3.2", "3.3")])
def test_link_local_is_private_from_3_3_and_2_19_4(run_cli, tmp_project, before, after):
    root = blueprint(tmp_project, "http://169.254.169.254/v1/embed")
    assert predict_blueprint(run_cli, root, before).code == 0
    result = predict_blueprint(run_cli, root, after)
    assert result.code == 1 and f"error 400: {PRIVATE}169.254.169.254\n" in result.err


def test_the_release_decides_which_ipv4_addresses_are_private():
    from toolkit.mlcommons.predict import PredictError, check_host
    from toolkit.versions import Profile

    check_host("http://12.0.0.1/api", False, Profile.for_version("3.3"))  # 12.x was private only by octal reading
    with pytest.raises(PredictError):
        check_host("http://12.0.0.1/api", False, Profile.for_version("3.2"))


def _timeouts(run_cli, conn: str, version: str) -> str:
    result = predict(run_cli, conn, version)
    assert result.code == 0, result.err
    return next(line for line in result.err.splitlines() if line.startswith("client timeouts: "))


def test_client_config_timeouts_are_milliseconds_on_2_13_and_seconds_from_2_14(run_cli, tmp_path):
    conn = connector(tmp_path, "https://api.openai.com/v1/embeddings",
                     client_config={"connection_timeout": 60, "read_timeout": 60000})
    assert _timeouts(run_cli, conn, "2.12").endswith("the HTTP library defaults (no client_config)")
    assert _timeouts(run_cli, conn, "2.13").endswith("connect 60 ms, read 60 s (client_config timeouts in ms)")
    assert _timeouts(run_cli, conn, "2.14").endswith(
        "connect 60 s, read 60000 s = 16.7 h (client_config timeouts in s)")


def test_the_default_timeout_is_30000_until_3_5_and_30_from_3_6(run_cli, tmp_path):
    conn = connector(tmp_path, "https://api.openai.com/v1/embeddings")  # no client_config: the same default
    assert _timeouts(run_cli, conn, "2.13").endswith("connect 30 s, read 30 s (client_config timeouts in ms)")
    assert "read 30000 s = 8.3 h" in _timeouts(run_cli, conn, "3.5")
    assert _timeouts(run_cli, conn, "3.6").endswith("connect 30 s, read 30 s (client_config timeouts in s)")


def test_a_client_config_missing_a_timeout_fails_to_deploy_before_2_15(run_cli, tmp_path):
    conn = connector(tmp_path, "https://api.openai.com/v1/embeddings", client_config={"max_connection": 10})
    result = predict(run_cli, conn, "2.14")
    assert result.code == 2 and "client_config without connection_timeout and read_timeout" in result.err
    assert "NullPointerException" in result.err
    assert "read 30000 s" in _timeouts(run_cli, conn, "2.15")


def test_a_blank_body_is_no_response_from_model_until_3_1(run_cli, tmp_path):
    conn = connector(tmp_path, "https://api.openai.com/v1/embeddings")
    blank = tmp_path / "blank.json"
    blank.write_text(" \n")

    def answer(version: str):
        return run_cli("predict", conn, "--parameters", '{"input": "a"}', "--response", str(blank),
                       "--opensearch-version", version)

    assert answer("2.13").code == 2  # the 2.13 executors differ by protocol: not emulated
    for version in ("2.14", "3.1"):
        result = answer(version)
        assert result.code == 1 and "error 400: No response from model\n" in result.err
    result = answer("3.2")
    assert result.code == 1 and "error 502: Remote service returned empty response body\n" in result.err


def test_tostring_parameters_resolve_from_2_17(run_cli, tmp_path):
    conn = connector(tmp_path, "https://api.openai.com/v1/embeddings", {"prompt": "Say ${parameters.text.toString()}"})
    path = tmp_path / "connector.json"
    data = json.loads(path.read_text())
    data["actions"][0]["request_body"] = '{"input":"${parameters.prompt}"}'
    path.write_text(json.dumps(data))
    before = predict(run_cli, conn, "2.16", text='a "b"')
    assert before.code == 1 and "Some parameter placeholder not filled in payload: text.toString()" in before.err
    after = predict(run_cli, conn, "2.17", text='a "b"')
    assert after.code == 0 and after.out.rstrip().endswith('{"input":"Say a \\\\\\"b\\\\\\""}')


def test_a_painless_pre_process_runs_on_parameters_input_only_from_2_12(run_cli, tmp_path):
    conn = connector(tmp_path, "https://api.openai.com/v1/embeddings")
    path = tmp_path / "connector.json"
    data = json.loads(path.read_text())
    data["actions"][0].update(request_body='{"input":"${parameters.input}","extra":"${parameters.extra}"}',
                              pre_process_function="return '{\"parameters\": {\"extra\": \"pre\"}}';")
    path.write_text(json.dumps(data))
    flag = {"pre_process_function.process_remote_inference_input": "true"}
    before = predict(run_cli, conn, "2.11", **flag)
    assert before.code == 1 and "Some parameter placeholder not filled in payload: extra" in before.err
    after = predict(run_cli, conn, "2.12", **flag)
    assert after.code == 0 and after.out.rstrip().endswith('{"input":"a","extra":"pre"}')


def test_text_similarity_input_is_a_wrong_input_type_before_2_12(run_cli, tmp_path):
    conn = connector(tmp_path, "https://api.openai.com/v1/embeddings")

    def rerank(version: str):
        return run_cli("predict", conn, "--query-text", "q", "--text-docs", "a", "--show-request",
                       "--opensearch-version", version)

    before = rerank("2.11")
    assert before.code == 1 and "error 400: Wrong input type\n" in before.err
    assert "error 400: pre_process_function not defined in connector" in rerank("2.12").err  # the next check


def test_a_timeout_that_is_no_number_fails_the_creation(run_cli, tmp_path):
    """``ConnectorClientConfig.parse`` reads it with ``intValue()``: ``Double.parseDouble("soon")`` fails
    (a numeric string is read as its number)."""
    conn = connector(tmp_path, "https://api.openai.com/v1/embeddings",
                     client_config={"connection_timeout": "10", "read_timeout": "soon"})
    refused = predict(run_cli, conn, "3.8")  # the checker's create-time rule BP108 (a parse failure)
    assert refused.code == 1 and "BP108 error" in refused.err and "soon" in refused.err
    result = predict(run_cli, conn, "3.8", "--no-validate")
    assert result.code == 1 and 'error 400: For input string: "soon"' in result.err


@pytest.mark.parametrize("function, older, since", [
    ("connector.post_process.cohere.rerank", "2.11", "2.12"),
    ("connector.post_process.bedrock.rerank", "2.18", "2.19"),
    ("connector.post_process.cohere_v2.embedding.float", "2.19", "3.0"),
])
def test_a_built_in_the_release_lacks_runs_as_a_script_that_does_not_compile(run_cli, tmp_path, function, older,
                                                                             since):
    """MLPostProcessFunction has no such name before ``since`` (facts function.*): ML Commons then compiles
    the name as a Painless post-process script (spec 5.3), which fails."""
    conn = json.loads(open(connector(tmp_path, "https://api.cohere.ai/v1/rerank")).read())
    conn["actions"][0]["post_process_function"] = function
    (tmp_path / "connector.json").write_text(json.dumps(conn))
    answer = {"results": [{"index": 0, "relevance_score": 0.5, "relevanceScore": 0.5}], "embeddings": {"float": [[0.5]]}}
    (tmp_path / "answer.json").write_text(json.dumps(answer))
    args = ("predict", str(tmp_path / "connector.json"), "--parameters", '{"input": "a"}',
            "--response", str(tmp_path / "answer.json"))
    before = run_cli(*args, "--opensearch-version", older)
    # the whole dotted name, as WhenThingsGoWrongTests.testPartialType shows
    assert before.code == 1 and "ScriptException" in before.err and f"cannot resolve symbol [{function}]" in before.err
    after = run_cli(*args, "--opensearch-version", since)
    assert after.code == 0, after.err
