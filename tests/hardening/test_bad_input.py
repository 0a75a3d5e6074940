"""Bad input is a diagnostic with a position or a clear exit-2 message, never an internal error; one
failing blueprint never stops ``build`` for the others."""

from __future__ import annotations

import pytest

from toolkit.check.rules._examples import MANIFEST, TEMPLATE, sample
from toolkit.nesting import MAX_DEPTH

DEEP = "[" * 100_000 + "]" * 100_000
CATASTROPHIC = "https://(a|aa)+$"  # backtracks exponentially on https://aaaa…!
SLOW_URL = "https://" + "a" * 40 + "!"


def deep_object(depth: int) -> str:
    return '{"input": ' + "[" * (depth - 1) + "]" * (depth - 1) + "}"


@pytest.fixture
def files(tmp_path):
    (tmp_path / "connector.json").write_text(sample())
    (tmp_path / "deep.json").write_text(DEEP)
    (tmp_path / "latin1.json").write_bytes(sample().encode().replace(b"embeddings", b"emb\xe9ddings"))
    return tmp_path


@pytest.fixture
def quick_regex_timeout(monkeypatch):
    """Java regexes give up after 50 ms instead of 1 s, so a backtracking regex times out fast."""
    from toolkit.javaregex.pattern import JavaPattern

    monkeypatch.setattr(JavaPattern.matches, "__defaults__", (0.05,))


def bad(result, *expected: str) -> None:
    assert result.code == 2, (result.out, result.err)
    assert "internal error" not in result.err
    for text in expected:
        assert text in result.err, result.err


# ---- deep JSON: refused past MAX_DEPTH levels, at the bracket that goes too deep

def test_predict_refuses_deep_parameters_inline_and_from_a_file(run_cli, files):
    bad(run_cli("predict", "connector.json", "--show-request", "--parameters", DEEP, cwd=files),
        f"--parameters:1:{MAX_DEPTH + 1}: BP001 error not JSON: nested deeper than {MAX_DEPTH} levels")
    bad(run_cli("predict", "connector.json", "--show-request", "--parameters", "@deep.json", cwd=files),
        f"deep.json:1:{MAX_DEPTH + 1}: BP001")


def test_predict_accepts_parameters_nested_to_the_limit(run_cli, files):
    result = run_cli("predict", "connector.json", "--show-request", "--parameters", deep_object(MAX_DEPTH), cwd=files)
    assert result.code == 0 and "1 request(s) built" in result.err
    bad(run_cli("predict", "connector.json", "--show-request", "--parameters", deep_object(MAX_DEPTH + 1), cwd=files),
        f"--parameters:1:{MAX_DEPTH + 10}:")


def test_predict_refuses_a_deep_connector_file(run_cli, files):
    bad(run_cli("predict", "deep.json", "--show-request", cwd=files), f"deep.json:1:{MAX_DEPTH + 1}: BP001 error not JSON: nested deeper")


def test_predict_refuses_a_deep_response_file(run_cli, files):
    (files / "answer.json").write_text('{"data": ' + DEEP + "}")
    bad(run_cli("predict", "connector.json", "--parameters", '{"input": ["a"]}', "--response", "answer.json",
                cwd=files), f"answer.json:1:{MAX_DEPTH + 9}: BP001 error --response: nested deeper")


def test_check_points_at_the_bracket_too_deep_in_a_connector_file(run_cli, files):
    result = run_cli("check", "deep.json", cwd=files)
    assert result.code == 1 and f"deep.json:1:{MAX_DEPTH + 1}: BP100" in result.out


@pytest.mark.parametrize("args", [("painless", "script.painless", "--params", "@deep.json"),
                                  ("endpoints", "match", "https://x", "--settings", "deep.json")])
def test_other_json_options_refuse_deep_json(run_cli, files, args):
    (files / "script.painless").write_text("return 1;")
    result = run_cli(*args, cwd=files)
    assert result.code == 2 and "internal error" not in result.err and "nested deeper" in result.err


def test_setup_refuses_deep_existing_settings(run_cli, tmp_project):
    tmp_project.minimal().write("deep.json", DEEP)
    bad(run_cli("setup", "acme/embed", "--existing", "deep.json", cwd=tmp_project.root), "nested deeper")


def test_an_integer_python_cannot_read_is_refused_at_its_position(run_cli, files):
    bad(run_cli("predict", "connector.json", "--show-request", "--parameters", '{"input": [' + "9" * 5000 + "]}",
                cwd=files), "--parameters:1:12: BP001 error not JSON: integer longer than 4,300 digits")
    (files / "big.json").write_text('{"name": "' + "1" * 5000 + '", "version": -' + "9" * 5000 + "}")
    result = run_cli("check", "big.json", cwd=files)
    assert result.code == 1 and "big.json:1:5025: BP100 error invalid JSON: integer longer than 4,300 digits" in result.out


# ---- unreadable files: the option and the path, or the byte that is not UTF-8

def test_predict_names_a_missing_response_file(run_cli, files):
    bad(run_cli("predict", "connector.json", "--response", "nope.json", cwd=files), "nope.json: BP001 error --response: no such file")


def test_predict_names_a_missing_parameters_file(run_cli, files):
    bad(run_cli("predict", "connector.json", "--show-request", "--parameters", "@nope.json", cwd=files),
        "nope.json: BP001 error --parameters: no such file")


def test_predict_reports_the_byte_that_is_not_utf8(run_cli, files):
    offset = sample().encode().index(b"embeddings") + 3
    bad(run_cli("predict", "latin1.json", "--show-request", cwd=files),
        f"latin1.json: BP001 error TARGET: not UTF-8 text: invalid continuation byte at byte {offset}")
    bad(run_cli("predict", "connector.json", "--show-request", "--parameters", "@latin1.json", cwd=files),
        "latin1.json: BP001 error --parameters: not UTF-8 text")


# ---- a template that renders deeply nested JSON

@pytest.fixture
def deep_template_project(tmp_project):
    tmp_project.minimal()
    tmp_project.write("blueprints/acme/deep.yaml", MANIFEST.replace("acme/embed", "acme/deep"))
    tmp_project.write("templates/acme/deep.json.j2",
                      TEMPLATE.replace('"version": "1",', '"version": "1", "x": {{ "[" * 5000 }}{{ "]" * 5000 }},'))
    return tmp_project.root


def test_render_reports_deep_rendered_json_as_bp013_at_its_position(run_cli, deep_template_project):
    bad(run_cli("render", "acme/deep", cwd=deep_template_project),
        f"templates/acme/deep.json.j2:3:{23 + MAX_DEPTH}: BP013", f"nested deeper than {MAX_DEPTH} levels")


def test_a_deep_template_fails_its_blueprint_and_build_goes_on(run_cli, deep_template_project):
    result = run_cli("build", "--no-catalog", "--format", "json", cwd=deep_template_project)
    assert result.code == 1 and "internal error" not in result.err
    import json

    verdicts = {b["id"]: (b["ok"], [d["code"] for d in b["diagnostics"]]) for b in json.loads(result.out)["blueprints"]}
    assert verdicts == {"blueprints/acme/deep.yaml": (False, ["BP013"]), "acme/embed": (True, [])}
    assert {b["provider"] for b in json.loads(result.out)["blueprints"]} == {"acme"}  # one provider, not "?"


def test_a_crash_in_one_blueprint_is_reported_on_it_and_build_goes_on(run_cli, deep_template_project, monkeypatch):
    import toolkit.build

    real = toolkit.build.build_one

    def crash_on_deep(path, *args, **kwargs):
        if path.name == "deep.yaml":
            raise RuntimeError("boom")
        return real(path, *args, **kwargs)

    monkeypatch.setattr(toolkit.build, "build_one", crash_on_deep)
    result = run_cli("build", "--no-catalog", cwd=deep_template_project)
    assert result.code == 1 and "acme/embed" in result.out
    assert "blueprints/acme/deep.yaml: BP000 error internal error while building: RuntimeError: boom" in result.err


# ---- a trusted-endpoint regex that backtracks past its time budget

def test_check_names_the_config_file_and_the_regex_that_timed_out(run_cli, tmp_path, quick_regex_timeout):
    (tmp_path / ".blueprint.toml").write_text(f'trusted-endpoints = ["{CATASTROPHIC}"]\n')
    (tmp_path / "c.json").write_text(sample(actions__0__url=SLOW_URL))
    result = run_cli("check", "c.json", cwd=tmp_path)
    assert result.code == 1 and "BP000" not in result.out
    assert f"BP301 error cannot tell whether {SLOW_URL} is admitted: the regex '{CATASTROPHIC}' " \
           f"(trusted-endpoints in {tmp_path / '.blueprint.toml'}) took longer than 0.05 s" in result.out
    result = run_cli("check", "c.json", "--trusted-endpoint", CATASTROPHIC, cwd=tmp_path)
    assert f"'{CATASTROPHIC}' (--trusted-endpoint) took longer" in result.out


@pytest.fixture
def slow_regex_project(tmp_project):
    manifest = MANIFEST.replace("trusted_endpoints:\n", f"trusted_endpoints:\n  - {CATASTROPHIC}\n")
    return tmp_project.minimal(manifest, TEMPLATE.replace("https://api.acme.example/v1/embed", SLOW_URL)).root


def test_a_manifest_regex_that_times_out_is_reported_by_check_setup_and_predict(run_cli, slow_regex_project,
                                                                                quick_regex_timeout):
    result = run_cli("check", cwd=slow_regex_project)
    assert "BP000" not in result.out
    assert f"BP309 error cannot tell whether {SLOW_URL} is admitted: the regex '{CATASTROPHIC}' " \
           "(trusted_endpoints of blueprints/acme/embed.yaml)" in result.out
    result = run_cli("setup", "acme/embed", cwd=slow_regex_project)
    assert result.code == 1 and f"cannot tell whether {SLOW_URL} is admitted" in result.err
    bad(run_cli("predict", "acme/embed", "--parameters", '{"input": ["a"]}', "--show-request", cwd=slow_regex_project),
        f"not emulated: the trusted-endpoint regex '{CATASTROPHIC}' took longer than 0.05 s to match {SLOW_URL}")


# ---- arguments the OS could not decode as UTF-8 (they arrive as lone surrogates)

def test_an_argument_that_is_not_utf8_is_refused_with_its_offset(run_cli, tmp_project):
    result = run_cli("render", "acme/embed", "--set", "model=\udcff", "-o", "out.json", cwd=tmp_project.minimal().root)
    bad(result, "the argument 'model=\\udcff' is not UTF-8 text: byte 0xff at offset 6")
    assert not (tmp_project.root / "out.json").exists()


def test_render_refuses_a_deep_json_variable_value(run_cli, tmp_project):
    manifest = MANIFEST.replace("    model:\n", "    extra:\n      type: array\n      default: []\n"
                                               "      description: Extra.\n    model:\n")
    result = run_cli("render", "acme/embed", "--set", "extra=" + DEEP, cwd=tmp_project.minimal(manifest).root)
    bad(result, "BP015 error --set extra: ", f"is not JSON (nested deeper than {MAX_DEPTH} levels)")


def test_check_refuses_a_deeply_nested_config_file(run_cli, tmp_project):
    tmp_project.minimal().write(".blueprint.toml", "x = " + DEEP + "\n")
    bad(run_cli("check", cwd=tmp_project.root), ".blueprint.toml: BP001 error invalid TOML: arrays or inline tables "
                                                "nested too deeply")


def test_a_deep_provider_schema_fails_the_cases_it_would_check(run_cli, repo_copy):
    schema = sorted((repo_copy / "providers").glob("*/*.schema.json"))[0]
    schema.write_text(DEEP)
    result = run_cli("test", "openai/embedding", cwd=repo_copy)
    assert result.code == 1 and "internal error" not in result.err
    assert f"provider schema: unreadable: nested deeper than {MAX_DEPTH} levels" in result.out + result.err


def test_a_recorded_body_nested_past_the_limit_is_kept_as_text():
    from toolkit.contract.cassette import Body

    assert Body.from_bytes(DEEP.encode()) == Body("text", DEEP)
    assert Body.from_bytes(deep_object(MAX_DEPTH).encode()).kind == "json"
