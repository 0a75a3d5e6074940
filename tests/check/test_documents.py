"""Connectors outside Dev Tools connector calls: flow-framework workflows (JSON and YAML files,
Dev Tools workflow calls and fenced blocks in Markdown) and connector parts shown alone in fenced
JSON blocks, each finding at its exact line:column."""

from __future__ import annotations

import json

_ACTION = ('{"action_type": "predict", "method": "POST", "url": "https://api.openai.com/v1/embeddings", '
           '"headers": {"Authorization": "Bearer ${credential.key}"}, "request_body": "{ \\"input\\": '
           '${parameters.input} }"}')


def _at(text: str, needle: str, nth: int = 0) -> tuple[int, int]:
    """1-based line and column of the ``nth`` occurrence of ``needle`` in ``text``."""
    at = -1
    for _ in range(nth + 1):
        at = text.index(needle, at + 1)
    line = text.count("\n", 0, at) + 1
    return line, at - (text.rfind("\n", 0, at) + 1) + 1


def _found(run_cli, tmp_path, name: str, text: str, *options: str) -> set[tuple[str, int, int]]:
    (tmp_path / name).write_text(text)
    result = run_cli("check", name, "--format", "json", *options, cwd=tmp_path)
    return {(d["code"], d["line"], d["column"]) for d in json.loads(result.out)["diagnostics"]}


def _workflow_json(user_inputs: str) -> str:
    return ('{\n  "name": "demo",\n  "workflows": {\n    "provision": {\n      "nodes": [\n'
            '        {"id": "register", "type": "register_remote_model", "user_inputs": {"name": "m"}},\n'
            '        {\n          "id": "make_connector",\n          "type": "create_connector",\n'
            f'          "user_inputs": {user_inputs}\n        }}\n      ]\n    }}\n  }}\n}}\n')


_USER_INPUTS = ('{\n            "name": "Demo", "description": "d", "version": "1", "protocol": "HTTP",\n'
                '            "parameters": {"model": "m"}, "credential": {"key": "<KEY>"},\n'
                f'            "actions": [{_ACTION}]\n          }}')


def test_a_json_workflow_file_is_checked_at_its_create_connector_node(run_cli, tmp_path):
    text = _workflow_json(_USER_INPUTS)
    found = _found(run_cli, tmp_path, "workflow.json", text, "--select", "BP102,BP104")
    assert found == {("BP104", *_at(text, '"protocol": "HTTP"'))}  # the register node is not a connector


def test_workflows_in_a_checked_folder_are_found_and_other_json_and_yaml_are_not(run_cli, tmp_path):
    (tmp_path / "docs").mkdir()
    text = _workflow_json(_USER_INPUTS)
    (tmp_path / "docs" / "flow.json").write_text(text)
    (tmp_path / "docs" / "flow.yml").write_text(_YAML)
    (tmp_path / "docs" / "package.json").write_text('{"name": "x", "version": "1"}')
    (tmp_path / "docs" / "config.yml").write_text("name: x\nactions: [a, b]\n")
    result = run_cli("check", "docs", "--format", "json", "--select", "BP1", cwd=tmp_path)
    found = {(d["file"], d["code"], d["line"], d["column"]) for d in json.loads(result.out)["diagnostics"]}
    assert found == {("docs/flow.json", "BP104", *_at(text, '"protocol": "HTTP"')),
                     ("docs/flow.yml", "BP101", *_at(_YAML, "pre_process_funtion"))}


_YAML = """\
# a workflow template
name: demo
workflows:
  provision:
    nodes:
    - id: make_connector
      type: create_connector
      user_inputs:
        name: Demo
        description: d
        version: '1'
        protocol: http
        parameters:
          model: text-embedding-3-small
        credential:
          key: '<KEY>'
        actions:
        - action_type: predict
          method: POST
          url: 'https://api.openai.com/v1/${parameters. model}'
          headers:
            Authorization: Bearer ${credential.key}
          pre_process_funtion: connector.pre_process.openai.embedding
          request_body: |
            { "model": "${parameters.model}",
              "key": "${credential.key}" }
"""


def test_a_yaml_workflow_file_maps_keys_quoted_strings_and_literal_blocks(run_cli, tmp_path):
    found = _found(run_cli, tmp_path, "workflow.yaml", _YAML, "--select", "BP101,BP201,BP206")
    assert found == {
        ("BP101", *_at(_YAML, "pre_process_funtion")),
        ("BP201", *_at(_YAML, "${parameters. model}")),  # inside a 'single-quoted' scalar
        ("BP206", *_at(_YAML, "${credential.key}", 1)),  # on the second line of a | block
    }


def test_yaml_workflows_go_through_the_safe_loader(run_cli, tmp_path):
    text = _YAML.replace("        parameters:\n", "        parameters: &shared\n")
    (tmp_path / "workflow.yaml").write_text(text)
    result = run_cli("check", "workflow.yaml", "--format", "json", cwd=tmp_path)
    [d] = json.loads(result.out)["diagnostics"]
    assert (d["code"], d["line"], d["column"]) == ("BP100", *_at(text, "&shared"))
    assert "anchor &shared refused" in d["message"]


def test_yaml_files_that_are_not_workflows_are_left_alone(run_cli, tmp_path):
    (tmp_path / "ci.yaml").write_text("jobs:\n  build:\n    type: create_connector_docs\n")
    result = run_cli("check", "ci.yaml", "--format", "json", cwd=tmp_path)
    assert json.loads(result.out)["diagnostics"] == []


def test_a_workflow_in_a_markdown_dev_tools_call(run_cli, tmp_path):
    body = _workflow_json(_USER_INPUTS.replace('"HTTP"', '"http"').replace('"method": "POST"', '"method": "PATCH"'))
    doc = f"# Provision\n\n```json\nPOST /_plugins/_flow_framework/workflow?provision=true\n{body}```\n"
    found = _found(run_cli, tmp_path, "flow.md", doc, "--select", "BP1")
    assert found == {("BP106", *_at(doc, '"method": "PATCH"'))}


def test_a_workflow_in_a_fenced_yaml_block_of_markdown(run_cli, tmp_path):
    doc = "# Steps\n\nThe first node:\n\n```yaml\n" + _YAML.split("    nodes:\n")[1] + "```\n"
    found = _found(run_cli, tmp_path, "steps.md", doc, "--select", "BP101,BP201,BP206")
    assert found == {
        ("BP101", *_at(doc, "pre_process_funtion")),
        ("BP201", *_at(doc, "${parameters. model}")),
        ("BP206", *_at(doc, "${credential.key}", 1)),
    }


def test_flow_framework_substitutions_stay_in_the_strings_as_written(run_cli, tmp_path):
    inputs = (_USER_INPUTS.replace('"HTTP"', '"http"')
              .replace("https://api.openai.com/v1/embeddings",
                       "https://api.openai.com/v1/${{ create_connector.path }}/${parameters. model}")
              .replace('"model": "m"', '"model": "${{ create_connector.model }}"'))
    text = _workflow_json(inputs)
    found = _found(run_cli, tmp_path, "workflow.json", text, "--select", "BP201")
    assert found == {("BP201", *_at(text, "${parameters. model}"))}


def test_actions_as_a_string_is_refused_as_flow_framework_refuses_it(run_cli, tmp_path):
    inputs = _USER_INPUTS.replace('"HTTP"', '"http"').replace(
        f'"actions": [{_ACTION}]', '"actions": "[{\\"action_type\\": \\"predict\\"}]"')
    text = _workflow_json(inputs)
    found = _found(run_cli, tmp_path, "workflow.json", text, "--select", "BP1")
    assert found == {("BP103", *_at(text, '"actions": "['))}


def test_an_actions_fragment_is_checked_as_a_partial_connector(run_cli, tmp_path):
    action = _ACTION.replace('"predict"', '"predictt"')
    doc = ("# Actions\n\nIllustrating `actions`:\n\n```json\n\"actions\": [\n  " + action + "\n]\n```\n\n"
           "And as an object:\n\n```json\n{\n  \"actions\": [" + action + "]\n}\n```\n")
    (tmp_path / "fragment.md").write_text(doc)
    result = run_cli("check", "fragment.md", "--format", "json", "--select", "BP1,BP202,BP203", cwd=tmp_path)
    [found] = json.loads(result.out)["diagnostics"]  # the same fragment twice: one finding (toolkit.check.merge)
    line, column = _at(doc, '"action_type"', 1)
    assert (found["code"], found["line"], found["column"]) == ("BP105", *_at(doc, '"action_type"', 0))
    assert found["related"] == [{"file": "fragment.md", "line": line, "column": column}]


def test_a_single_action_fragment_is_checked_as_a_partial_connector(run_cli, tmp_path):
    action = _ACTION.replace('"method": "POST"', '"method": "PATCH"').replace(', "request_body": "{ \\"input\\": '
                                                                              '${parameters.input} }"', "")
    doc = f"# One action\n\n```json\n{action}\n```\n"
    found = _found(run_cli, tmp_path, "action.md", doc, "--select", "BP1,BP2,BP6")
    assert found == {("BP106", *_at(doc, '"method": "PATCH"'))}  # nothing reported missing


def test_fenced_json_that_is_not_a_connector_part_is_not_read(run_cli, tmp_path):
    doc = ('# ISM\n\n```json\n"actions": [{"rollover": {"min_size": "1gb"}}]\n```\n\n'
           '```json\n{"action_type": "allocation", "method": "PATCH"}\n```\n')
    (tmp_path / "ism.md").write_text(doc)
    result = run_cli("check", "ism.md", "--format", "json", cwd=tmp_path)
    assert json.loads(result.out)["diagnostics"] == []


def test_a_bare_connector_block_is_not_reported_for_what_it_leaves_out(run_cli, tmp_path):
    doc = ('# Example response\n\n```json\n{\n  "name": "Bedrock", "version": "1", "protocol": "aws_sigv4",\n'
           '  "parameters": {"region": "us-east-1", "service_name": "bedrock"},\n'
           '  "actions": [{"action_type": "predict", "method": "POST",\n'
           '    "url": "https://bedrock-runtime.us-west-2.amazonaws.com/model/x/invoke",\n'
           '    "request_body": "{ \\"inputText\\": \\"${parameters.inputText}\\" }"}]\n}\n```\n')
    found = _found(run_cli, tmp_path, "get.md", doc, "--select", "BP1,BP6")  # no credential shown: a GET response
    assert found == {("BP604", *_at(doc, "us-west-2"))}


def test_a_workflow_that_does_not_parse_is_a_warning_where_the_parser_stopped(run_cli, tmp_path):
    body = _workflow_json(_USER_INPUTS).replace('"description": "d",', '"description": "d"')
    yaml = _YAML.split("    nodes:\n")[1].replace("        parameters:\n", "        parameters: &shared\n")
    doc = (f"# Broken\n\n```json\nPUT /_plugins/_flow_framework/workflow/abc?reprovision=true\n{body}```\n\n"
           f"```yaml\n{yaml}```\n")
    (tmp_path / "broken.md").write_text(doc)
    result = run_cli("check", "broken.md", "--format", "json", cwd=tmp_path)
    found = {(d["code"], d["severity"], d["line"], d["column"]) for d in json.loads(result.out)["diagnostics"]}
    assert found == {("BP100", "warning", *_at(doc, '"version"')), ("BP100", "warning", *_at(doc, "&shared"))}


def test_a_workflow_without_connector_nodes_is_not_checked_as_a_connector(run_cli, tmp_path):
    text = '{"name": "agents", "workflows": {"provision": {"nodes": [{"id": "a", "type": "register_agent"}]}}}\n'
    (tmp_path / "agents.json").write_text(text)
    result = run_cli("check", "agents.json", "--format", "json", cwd=tmp_path)
    assert (result.code, json.loads(result.out)["diagnostics"]) == (0, [])


def test_the_documents_own_switches_apply_to_its_workflows(run_cli, tmp_path):
    body = _workflow_json(_USER_INPUTS.replace('"HTTP"', '"http"').replace('"method": "POST"', '"method": "PATCH"'))
    doc = ("<!-- blueprint-check: ignore BP106: shown on purpose -->\n\n"
           f"```json\nPOST /_plugins/_flow_framework/workflow\n{body}```\n")
    assert _found(run_cli, tmp_path, "flow.md", doc, "--select", "BP1") == set()
