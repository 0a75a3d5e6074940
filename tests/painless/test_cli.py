"""``blueprint painless``: output forms and exit codes (0 ok, 1 script error, 2 bad input)."""

from __future__ import annotations

import json


def write(tmp_path, text: str):
    path = tmp_path / "script.painless"
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_prints_string_value_of_the_result(run_cli, tmp_path):
    result = run_cli("painless", write(tmp_path, "return [params.a, 'x', null]"), "--params", '{"a": 1.5}')
    assert (result.code, result.out) == (0, "[1.5, x, null]\n")


def test_json_format_and_params_file(run_cli, tmp_path):
    params = tmp_path / "p.json"
    params.write_text('{"n": 2}', encoding="utf-8")
    result = run_cli("painless", write(tmp_path, "return ['k': params.n * 3]"), "--params", f"@{params}",
                     "--format", "json")
    assert result.code == 0
    assert json.loads(result.out) == {"ok": True, "file": str(tmp_path / "script.painless"), "value": {"k": 6}}


def test_jdk_profile(run_cli, tmp_path):
    script = write(tmp_path, "return '' + params.x")
    assert run_cli("painless", script, "--params", '{"x": 2e23}', "--jdk", "17").out == "1.9999999999999998E23\n"
    assert run_cli("painless", script, "--params", '{"x": 2e23}').out == "2.0E23\n"


def test_syntax_error_with_position(run_cli, tmp_path):
    result = run_cli("painless", write(tmp_path, "def x = 1;\nreturn x +;"))
    assert result.code == 1
    assert ":2:11: syntax error: unexpected ';'" in result.err


def test_runtime_error_in_json(run_cli, tmp_path):
    result = run_cli("painless", write(tmp_path, "throw new IllegalStateException('boom')"), "--format", "json")
    assert result.code == 1
    error = json.loads(result.out)["error"]
    assert error["java_class"] == "java.lang.IllegalStateException" and error["java_message"] == "boom"
    assert (error["line"], error["column"]) == (1, 1)


def test_check_compiles_without_running(run_cli, tmp_path):
    result = run_cli("painless", write(tmp_path, "throw new IllegalStateException('not run')"), "--check")
    assert (result.code, result.out.strip().endswith(": ok")) == (0, True)
    result = run_cli("painless", write(tmp_path, "def x = 1;\nreturn undefinedVariable"), "--check")
    assert result.code == 1
    assert ":2:8: compile error: cannot resolve symbol [undefinedVariable]" in result.err


def test_ml_commons_escape_injection(run_cli, tmp_path):
    script = write(tmp_path, "return escape(params.t)")
    assert run_cli("painless", script, "--params", '{"t": "a\\"b"}', "--ml-commons").out == 'a\\"b\n'
    assert run_cli("painless", script, "--params", '{"t": "x"}').code == 1


def test_unsupported_and_unprintable_results(run_cli, tmp_path):
    result = run_cli("painless", write(tmp_path, "return Math.random()"))
    assert result.code == 1 and "unsupported in this emulator" in result.err
    result = run_cli("painless", write(tmp_path, "return new int[2]"))
    assert result.code == 1 and "no reproducible Java text" in result.err


def test_bad_input_exits_2(run_cli, tmp_path):
    assert run_cli("painless", str(tmp_path / "missing.painless")).code == 2
    script = write(tmp_path, "return 1")
    assert run_cli("painless", script, "--params", "{not json").code == 2
    assert run_cli("painless", script, "--params", "[1]").code == 2
    assert run_cli("painless", script, "--jdk", "11").code == 2
