"""The Python API (``toolkit.api``, docs/api.md): each function gives what its command prints, as a typed
result, and bad input raises ``ToolkitError`` with the command's diagnostics."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.conftest import REPO
from toolkit import api
from toolkit.api import ToolkitError

ID = "openai/embedding"
OPENAI_ANSWER = {"object": "list", "data": [{"object": "embedding", "index": 0, "embedding": [0.25, -0.5]}],
                 "model": "text-embedding-3-small"}


@pytest.fixture(autouse=True)
def in_the_checkout(monkeypatch):
    monkeypatch.chdir(REPO)
    monkeypatch.delenv("BLUEPRINT_PROJECT", raising=False)


def codes(exc: pytest.ExceptionInfo) -> list[str]:
    return [d.code for d in exc.value.diagnostics]


# import

def test_import_toolkit_does_not_import_the_api_and_the_root_reexports_it_on_first_use():
    code = ("import sys, toolkit; assert 'toolkit.api' not in sys.modules; "
            "f = toolkit.load_project; assert 'toolkit.api' in sys.modules; "
            "from toolkit import api; assert f is api.load_project and toolkit.ToolkitError is api.ToolkitError")
    subprocess.run([sys.executable, "-c", code], cwd=REPO, check=True)


def test_the_root_leaves_render_and_check_to_the_modules_of_those_names():
    import toolkit

    with pytest.raises(AttributeError):
        toolkit.no_such_name  # noqa: B018
    assert api.render is not getattr(toolkit, "render", None) and api.check is not getattr(toolkit, "check", None)


# load_project

def test_load_project_lists_the_shipped_blueprints_as_blueprint_list_does(run_cli):
    listed = json.loads(run_cli("list", "--format", "json").out)["blueprints"]
    project = api.load_project()
    assert [b.id for b in project.blueprints] == [b["id"] for b in listed]
    embedding = project.blueprint(ID)
    assert (embedding.provider, embedding.task, embedding.source) == ("openai", "text_embedding", "shipped")
    assert project.shipped == REPO and project.root == REPO


def test_load_project_adds_a_projects_blueprints_and_names_what_they_shadow(tmp_project):
    tmp_project.minimal()
    for path in (f"blueprints/{ID}.yaml", f"templates/{ID}.json.j2", *(f"contracts/{ID}/{case}.yaml"
                                                                     for case in ("documented", "invalid-api-key"))):
        tmp_project.write(path, (REPO / path).read_text())
    project = api.load_project(tmp_project.root)
    assert project.root == tmp_project.root.resolve()
    assert project.blueprint("acme/embed").source == "project"
    assert project.blueprint(ID).source == "project" and project.shadowed == [ID]
    assert api.load_project(project) is project


def test_load_project_refuses_a_folder_without_blueprints_and_an_unknown_id(tmp_path):
    with pytest.raises(ToolkitError) as exc:
        api.load_project(tmp_path)
    assert codes(exc) == ["BP001"] and "not a blueprint project" in str(exc.value)
    with pytest.raises(ToolkitError, match="unknown blueprint 'acme/none'"):
        api.load_project().blueprint("acme/none")


def test_load_project_reports_every_invalid_manifest(tmp_project):
    tmp_project.minimal()
    tmp_project.write("blueprints/acme/broken.yaml", "id: acme/broken\n")
    with pytest.raises(ToolkitError) as exc:
        api.load_project(tmp_project.root)
    assert set(codes(exc)) == {"BP002"}


# render

def test_render_gives_the_body_blueprint_render_prints(run_cli):
    printed = run_cli("render", ID, "--set", "dimensions=4", "--example", "large-full-size").out
    rendered = api.render(ID, variables={"dimensions": 4}, example="large-full-size")
    assert rendered.pretty() == printed
    assert rendered.connector["parameters"]["model"] == "text-embedding-3-large"
    assert api.render(ID, variables={"dimensions": "4"}).connector == \
        api.render(ID, variables={"dimensions": 4}).connector


def test_render_fills_secrets_with_values_and_leaves_the_others_placeholders():
    filled = json.dumps(api.render(ID, secrets={"OPENAI_API_KEY": "sk-test"}).connector)
    assert "sk-test" in filled and "<OPENAI_API_KEY>" not in filled
    assert "<OPENAI_API_KEY>" in json.dumps(api.render(ID).connector)


@pytest.mark.parametrize("arguments, code, message", [
    ({"variables": {"dimensions": 4000}}, "BP015", "dimensions: 4000 is greater than the maximum of 1536"),
    ({"variables": {"dimension": 4}}, "BP015", "has no variable 'dimension'"),
    ({"variables": {"dimensions": "four"}}, "BP015", "--set dimensions"),
    ({"example": "tiny"}, "BP015", "has no example 'tiny'"),
    ({"secrets": {"OPENAI_KEY": "x"}}, "BP016", "declares no secret 'OPENAI_KEY'"),
])
def test_render_refuses_bad_input_with_the_commands_diagnostics(arguments, code, message):
    with pytest.raises(ToolkitError) as exc:
        api.render(ID, **arguments)
    assert codes(exc) == [code] and message in str(exc.value)


def test_render_refuses_an_unknown_blueprint_with_a_did_you_mean():
    with pytest.raises(ToolkitError) as exc:
        api.render("openai/embeding")
    assert exc.value.diagnostics[0].hint.startswith(f"did you mean {ID},")


# check

def test_check_finds_what_blueprint_check_finds_in_a_connector_file(tmp_path, run_cli):
    connector = json.loads(json.dumps(api.render(ID).connector))
    connector["protocol"] = "HTTP"
    path = tmp_path / "connector.json"
    path.write_text(json.dumps(connector, indent=2))
    result = api.check([path])
    printed = json.loads(run_cli("check", str(path), "--format", "json").out)
    assert [d.to_dict() for d in result.diagnostics] == [{k: v for k, v in d.items() if k != "related"}
                                                          for d in printed["diagnostics"]]
    assert result.exit_code == 1 and "protocol" in result.diagnostics[0].message
    assert api.check([path], ignore=[d.code for d in result.diagnostics]).diagnostics == []


def test_check_of_the_shipped_catalog_finds_nothing():
    result = api.check()
    assert (result.diagnostics, result.exit_code) == ([], 0) and result.files > 50


@pytest.mark.parametrize("arguments, message", [
    ({"select": ["BP999"]}, "--select"),
    ({"trusted_endpoints": ["^https://(a"]}, "--trusted-endpoint"),
    ({"opensearch_version": "1.0"}, "1.0"),
    ({"fail_on": "fatal"}, "fatal"),
])
def test_check_refuses_bad_options(arguments, message):
    with pytest.raises(ToolkitError) as exc:
        api.check(["README.md"], **arguments)
    assert message in str(exc.value)


# settings_for

def test_settings_for_gives_the_body_blueprint_setup_prints(run_cli):
    printed = json.loads(run_cli("setup", ID, "--format", "json", "--opensearch-version", "2.19").out)
    plan = api.settings_for([ID], opensearch_version="2.19")
    assert plan.body == printed and plan.problems == []
    assert plan.added == [] and {c.regex for c in plan.coverage} == {r"^https://api\.openai\.com/.*$"}  # the default


def test_settings_for_keeps_the_clusters_list_given_as_json():
    plan = api.settings_for([ID], existing=[r"^https://example\.com/v1$"], keep_unsafe=True)
    trusted = plan.persistent["plugins.ml_commons.trusted_connector_endpoints_regex"]
    assert trusted == [r"^https://example\.com/v1$", r"^https://api\.openai\.com/v1/embeddings$"]
    assert api.settings_for([ID], no_existing=True).added == trusted[1:]


@pytest.mark.parametrize("arguments, message", [
    ({"existing": [], "no_existing": True}, "exclude each other"),
    ({"keep_unsafe": True}, "--keep-unsafe applies"),
    ({"existing": "no-such-file.json"}, "file not found"),
    ({"existing": {"persistent": {"plugins.ml_commons.trusted_connector_endpoints_regex": 3}}}, "existing"),
])
def test_settings_for_refuses_bad_input(arguments, message):
    with pytest.raises(ToolkitError) as exc:
        api.settings_for([ID], **arguments)
    assert message in str(exc.value)


# predict

def test_predict_runs_a_blueprint_with_the_providers_answer(run_cli, tmp_path):
    answer = tmp_path / "answer.json"
    answer.write_text(json.dumps(OPENAI_ANSWER))
    printed = json.loads(run_cli("predict", ID, "--text-docs", "hi", "--response", str(answer),
                                 "--format", "json").out)
    result = api.predict(ID, text_docs=["hi"], response=OPENAI_ANSWER)
    assert result.ok and result.output == printed and result.error is None
    assert result.output["inference_results"][0]["output"][0]["data"] == [0.25, -0.5]
    assert result.requests[0].startswith("POST https://api.openai.com/v1/embeddings")


def test_predict_runs_a_contract_case_as_blueprint_test_does():
    assert api.predict(ID, case="documented").output["inference_results"][0]["output"][0]["shape"] == [4]
    failed = api.predict(ID, case="invalid-api-key")
    assert not failed.ok and failed.error["status"] == 401 and failed.output is None


def test_predict_without_an_answer_builds_the_requests_and_sends_none():
    result = api.predict(ID, text_docs=["a", "b"])
    assert (result.ok, result.output, result.error) == (False, None, None)
    assert len(result.requests) == 1 and '"a"' in result.requests[0] and '"b"' in result.requests[0]


def test_predict_refuses_a_connector_ml_commons_refuses_to_create_unless_validate_is_off(tmp_path):
    connector = {**api.render(ID).connector, "protocol": "HTTP"}
    path = tmp_path / "connector.json"
    path.write_text(json.dumps(connector))
    refused = api.predict(path, text_docs=["hi"], response=OPENAI_ANSWER)
    assert not refused.ok and refused.refusals and refused.output is None
    ran = api.predict(path, text_docs=["hi"], response=OPENAI_ANSWER, validate=False)
    assert [d.code for d in ran.refusals] == [d.code for d in refused.refusals] and ran.ok


def test_predict_uses_the_clusters_settings():
    narrow = {"persistent": {"plugins.ml_commons.trusted_connector_endpoints_regex": [r"^https://example\.com/.*$"]}}
    result = api.predict(ID, text_docs=["hi"], response=OPENAI_ANSWER, settings=narrow, validate=False)
    assert not result.ok and "trusted connector endpoint" in result.error["message"]


@pytest.mark.parametrize("arguments, message", [
    ({"response": {}, "case": "documented"}, "exclude each other"),
    ({"case": "nope"}, "has no contract case 'nope'"),
    ({"opensearch_version": "2.9"}, "emulation starts at"),
    ({"settings": ["^https://(a"]}, "--settings"),
])
def test_predict_refuses_bad_input(arguments, message):
    with pytest.raises(ToolkitError) as exc:
        api.predict(ID, **arguments)
    assert message in str(exc.value)


@pytest.mark.parametrize("arguments", [{"query_text": "q"}, {"parameters": 5}])
def test_predict_refuses_a_body_ml_commons_cannot_read(arguments):
    with pytest.raises(ToolkitError, match="not a predict body"):
        api.predict(ID, response=OPENAI_ANSWER, **arguments)


# run_cases

def test_run_cases_gives_what_blueprint_test_reports(run_cli):
    printed = json.loads(run_cli("test", ID, "--format", "json").out)["cases"]
    runs = api.run_cases([ID])
    assert runs.ok and runs.failed == [] and runs.not_applicable == []
    assert [(r.blueprint, r.case, r.ok, r.opensearch_version) for r in runs.runs] == \
        [(c["blueprint"], c["case"], c["ok"], None) for c in printed]
    assert runs.runs[1].actual["error"]["status"] == 401


def test_run_cases_on_one_release_and_a_failing_case(tmp_project):
    assert {r.opensearch_version for r in api.run_cases([ID], opensearch_version="2.19").runs} == {"2.19"}
    narrow = [r"^https://example\.com/.*$"]
    failed = api.run_cases([ID], settings=narrow)
    assert not failed.ok and "trusted connector endpoint" in failed.runs[0].actual["error"]["message"]


@pytest.mark.parametrize("targets, arguments, message", [
    (["acme/none"], {}, "unknown blueprint 'acme/none'"),
    ([ID], {"opensearch_version": "2.9"}, "emulation starts at"),
])
def test_run_cases_refuses_bad_input(targets, arguments, message):
    with pytest.raises(ToolkitError, match=message):
        api.run_cases(targets, **arguments)


def test_one_string_where_several_are_taken_is_one_item(tmp_path):
    path = tmp_path / "connector.json"
    path.write_text(json.dumps(api.render(ID).connector))
    assert api.check(str(path), ignore="BP104").files == api.check([path]).files == 1
    assert api.settings_for(ID).added == api.settings_for([ID]).added
    assert [r.case for r in api.run_cases(ID).runs] == ["documented", "invalid-api-key"]
