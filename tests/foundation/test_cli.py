"""The CLI end to end, as a user runs it: exit codes 0/1/2, messages on stderr, never a traceback."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys

import pytest

from tests.conftest import REPO
from toolkit import __version__
from toolkit.manifest import schema_errors


def test_version(run_cli):
    result = run_cli("--version")
    assert result.code == 0 and __version__ in result.out


def test_help_lists_commands_without_importing_them(run_cli):
    result = run_cli("--help")
    assert result.code == 0
    for name in ("list", "render", "build"):
        assert name in result.out


def test_help_is_cheap_to_start():
    """``blueprint --help`` must not import the heavy libraries (start-up cost of a pre-commit hook)."""
    code = ("import sys; from toolkit.cli import main; main(['--help']); "
            "heavy = {'jinja2', 'jsonschema', 'ruamel', 'regex', 'lark', 'httpx'} & {m.split('.')[0] for m in sys.modules}; "
            "print(sorted(heavy))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, check=True).stdout
    assert out.strip().splitlines()[-1] == "[]"


def test_a_plain_check_runs_without_click_and_prints_what_the_click_command_prints(tmp_path):
    """``blueprint check PATH`` (a pre-commit hook's call) does not load click; with an option it does,
    and both print the same findings, summary and exit code."""
    connector = tmp_path / "c.json"
    connector.write_text('{"name": "x", "protocol": "HTTP", "actions": []}')
    code = ("import sys; from toolkit.cli import main; rc = main(sys.argv[1:]); "
            "print('click loaded' if 'click' in sys.modules else 'no click', rc)")
    runs = [subprocess.run([sys.executable, "-c", code, "check", *extra, str(connector)], capture_output=True,
                           text=True, cwd=REPO) for extra in ([], ["--format", "text"])]
    plain, optioned = runs
    assert plain.stdout.splitlines()[-1] == "no click 1" and optioned.stdout.splitlines()[-1] == "click loaded 1"
    assert plain.stdout.splitlines()[:-1] == optioned.stdout.splitlines()[:-1] != []
    assert plain.stderr.split("(")[0] == optioned.stderr.split("(")[0] != ""


def test_a_check_with_no_configuration_file_around_does_not_load_a_toml_parser(tmp_path):
    connector = tmp_path / "c.json"
    connector.write_text('{"name": "x"}')
    code = "import sys; from toolkit.cli import main; main(sys.argv[1:]); print('tomllib' in sys.modules)"
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    done = subprocess.run([sys.executable, "-c", code, "check", str(connector)], capture_output=True, text=True,
                          cwd=tmp_path, env=env)
    assert done.stdout.splitlines()[-1] == "False" and "c.json" in done.stdout


def test_unknown_command_is_usage_error(run_cli):
    result = run_cli("frobnicate")
    assert result.code == 2 and "No such command" in result.err


def test_list_text_and_json(run_cli):
    text = run_cli("list")
    assert text.code == 0 and "openai/embedding" in text.out
    data = json.loads(run_cli("list", "--format", "json").out)
    ids = [b["id"] for b in data["blueprints"]]
    assert "openai/embedding" in ids and data["counts"]["blueprints"] == len(ids)


def test_list_filters(run_cli):
    data = json.loads(run_cli("list", "--provider", "openai", "--format", "json").out)
    assert data["blueprints"] and {b["provider"] for b in data["blueprints"]} == {"openai"}
    data = json.loads(run_cli("list", "--task", "no-such-task", "--format", "json").out)
    assert data["blueprints"] == []


def test_render_prints_a_pasteable_connector(run_cli):
    result = run_cli("render", "openai/embedding")
    assert result.code == 0
    connector = json.loads(result.out)
    assert schema_errors("connector.schema.json", connector) == []
    assert list(connector)[:4] == ["name", "description", "version", "protocol"]
    assert connector["credential"] == {"openAI_key": "<OPENAI_API_KEY>"}


def test_render_devtools_form(run_cli):
    result = run_cli("render", "openai/embedding", "--devtools")
    first, _, body = result.out.partition("\n")
    assert first == "POST /_plugins/_ml/connectors/_create" and json.loads(body)["protocol"] == "http"


def test_render_set_converts_by_declared_type(run_cli):
    connector = json.loads(run_cli("render", "openai/embedding", "--set", "model=text-embedding-3-large",
                                   "--set", "dimensions=256").out)
    assert connector["parameters"] == {"model": "text-embedding-3-large", "dimensions": 256}


def test_render_example(run_cli):
    connector = json.loads(run_cli("render", "openai/embedding", "--example", "ada-002").out)
    assert connector["parameters"] == {"model": "text-embedding-ada-002"}
    result = run_cli("render", "openai/embedding", "--example", "nope")
    assert result.code == 2 and "has no example 'nope'" in result.err


def test_render_set_null_on_a_nullable_string(run_cli):
    """``null`` is null where the type allows it, also for ``[string, "null"]`` (voyage input_type)."""
    connector = json.loads(run_cli("render", "voyage/embedding", "--set", "input_type=null").out)
    assert connector == json.loads(run_cli("render", "voyage/embedding", "--example", "law-no-prompt",
                                           "--set", "model=voyage-3.5", "--set", "truncation=true").out)
    assert "input_type" not in connector["parameters"]


@pytest.mark.parametrize("args, message", [
    (["--set", "dimensions=abc"], "'abc' is not an integer"),
    (["--set", "model=text-embedding-3-large", "--set", "dimensions=5000"], "5000 is greater than the maximum of 3072"),
    (["--set", "dimensions=2000"], "2000 is greater than the maximum of 1536"),
    (["--set", "model=gpt-4"], "'gpt-4' is not one of"),
    (["--set", "dimension=12"], "did you mean 'dimensions'?"),
    (["--set", "novalue"], "expected KEY=VALUE"),
    (["--secret", "OPENAI_API_KEY=literal"], "expected NAME=env:VARIABLE"),
    (["--secret", "OPENAI_API_KEY=env:BLUEPRINT_TEST_UNSET_VAR"], "BLUEPRINT_TEST_UNSET_VAR is not set"),
    (["--secret", "OTHER=env:HOME"], "declares no secret 'OTHER'"),
])
def test_render_bad_values_exit_2_with_clear_message(run_cli, args, message):
    result = run_cli("render", "openai/embedding", *args)
    assert result.code == 2
    assert message in result.err
    assert result.out == ""


def test_set_errors_point_at_the_manifest_variable(run_cli):
    result = run_cli("render", "openai/embedding", "--set", "dimensions=abc")
    lines = (REPO / "blueprints/openai/embedding.yaml").read_text().splitlines()
    line = next(i for i, text in enumerate(lines, 1) if text.strip() == "dimensions:")
    assert f"blueprints/openai/embedding.yaml:{line}:5: BP015 error" in result.err


def test_unknown_blueprint(run_cli):
    result = run_cli("render", "openai/embeding")
    assert result.code == 2 and "did you mean openai/embedding" in result.err


def test_secret_from_environment_goes_to_stdout_only(run_cli, monkeypatch):
    monkeypatch.setenv("MY_OPENAI", "sk-test-value")
    result = run_cli("render", "openai/embedding", "--secret", "OPENAI_API_KEY=env:MY_OPENAI")
    assert json.loads(result.out)["credential"] == {"openAI_key": "sk-test-value"}


def test_output_file_is_private_when_it_holds_secrets(run_cli, tmp_path, monkeypatch):
    monkeypatch.setenv("MY_OPENAI", "sk-test-value")
    target = tmp_path / "out" / "connector.json"
    result = run_cli("render", "openai/embedding", "--secret", "OPENAI_API_KEY=env:MY_OPENAI", "--output", str(target))
    assert result.code == 0 and result.out == "" and "0600" in result.err
    assert json.loads(target.read_text())["credential"]["openAI_key"] == "sk-test-value"
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o600
    assert [p.name for p in target.parent.iterdir()] == ["connector.json"]


def test_output_file_without_secrets_keeps_placeholders(run_cli, tmp_path):
    target = tmp_path / "connector.json"
    assert run_cli("render", "openai/embedding", "-o", str(target)).code == 0
    assert "<OPENAI_API_KEY>" in target.read_text()


def test_build_passes_on_the_shipped_catalog(run_cli):
    result = run_cli("build")
    assert result.code == 0, result.err
    assert "OK:" in result.out and "per provider:" in result.out
    data = json.loads(run_cli("build", "--format", "json").out)
    assert data["ok"] and all(b["ok"] and b["renders"] >= 1 for b in data["blueprints"])


def test_build_fails_with_exit_1_on_a_broken_blueprint(run_cli, repo_copy):
    template = repo_copy / "templates/openai/embedding.json.j2"
    template.write_text(template.read_text().replace('"version": "1",', '"version": "1",,'))
    result = run_cli("build", cwd=repo_copy)
    assert result.code == 1
    assert "FAIL" in result.out and "BP013" in result.err and "templates/openai/embedding.json.j2" in result.err


def test_build_reports_schema_violations(run_cli, repo_copy):
    template = repo_copy / "templates/openai/embedding.json.j2"
    template.write_text(template.read_text().replace('"protocol": "http"', '"protocol": "https"'))
    result = run_cli("build", cwd=repo_copy)
    assert result.code == 1 and "BP014" in result.err and "'https' is not one of" in result.err


def test_build_on_an_empty_project(run_cli, tmp_project):
    result = run_cli("build", cwd=tmp_project.root)
    assert result.code == 1 and "no blueprints found" in result.err


def test_outside_a_project_the_shipped_catalog_is_listed(run_cli, tmp_path):
    result = run_cli("list", cwd=tmp_path)
    assert result.code == 0 and "openai/embedding" in result.out and " project " not in result.out
    assert f"shipped ({REPO})" in result.out


def test_project_option(run_cli, tmp_path):
    result = run_cli("--project", str(REPO), "list", cwd=tmp_path)
    assert result.code == 0 and "openai/embedding" in result.out


def test_invalid_manifest_in_list_exits_2(run_cli, repo_copy):
    (repo_copy / "blueprints/openai/broken.yaml").write_text("id: openai/broken\n")
    result = run_cli("list", cwd=repo_copy)
    assert result.code == 2 and "blueprints/openai/broken.yaml" in result.err


def test_console_script_as_installed():
    """The installed ``blueprint`` entry point, in a real process."""
    proc = subprocess.run(["blueprint", "render", "openai/embedding", "--set", "dimensions=x"],
                          capture_output=True, text=True, cwd=REPO)
    assert proc.returncode == 2 and "BP015" in proc.stderr and "Traceback" not in proc.stderr
    proc = subprocess.run(["blueprint", "render", "openai/embedding"], capture_output=True, text=True, cwd=REPO)
    assert proc.returncode == 0 and json.loads(proc.stdout)["protocol"] == "http"
