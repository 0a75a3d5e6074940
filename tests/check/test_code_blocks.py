"""Connector bodies written as Python code and as curl/awscurl commands in Markdown (and ``.py`` files):
each finding lands on the exact line and column of the document."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from toolkit.check.targets import collect

DATA = Path(__file__).parent / "data" / "code"


def _at(name: str, needle: str, nth: int = 0) -> tuple[int, int]:
    """(line, column) of the ``nth`` occurrence of ``needle`` in the fixture ``name``."""
    text = (DATA / name).read_text()
    at = -1
    for _ in range(nth + 1):
        at = text.index(needle, at + 1)
    return text.count("\n", 0, at) + 1, at - (text.rfind("\n", 0, at) + 1) + 1


def _findings(run_cli, name: str, *args: str) -> list[tuple[str, int, int]]:
    result = run_cli("check", name, "--format", "json", "--fail-on", "info", *args, cwd=DATA)
    found = [(d["code"], d["line"], d["column"]) for d in json.loads(result.out)["diagnostics"]]
    assert result.code == (1 if found else 0)
    return found


def test_a_dict_passed_inline_to_requests_post(run_cli):
    assert _findings(run_cli, "python-inline.md") == [("BP104", *_at("python-inline.md", '"protocol"'))]


def test_a_dict_assigned_earlier_in_an_indented_unlabelled_block(run_cli):
    """``url = host + path`` names the connector path; the block sits in a list item."""
    name = "python-assigned.md"
    assert _findings(run_cli, name) == [("BP205", *_at(name, '"openAI_key"')),
                                        ("BP203", *_at(name, "${credential.openAI_kye}"))]


def test_json_dumps_of_single_quoted_python_strings(run_cli):
    assert _findings(run_cli, "python-dumps.md") == [("BP108", *_at("python-dumps.md", "'max_connection'"))]


def test_fstrings_names_and_computed_values(run_cli):
    """A name assigned a literal is that literal; a computed value (``os.environ[...]``) is a marker,
    not a secret; ``{model}`` fills in; ``${parameters.input}`` in an f-string is reported once and read
    as meant; ``${{...}}`` is a placeholder, whose malformed name explains the unused ``dimensions``
    (one finding, BP201, not BP204 too)."""
    name = "python-fstring.md"
    assert _findings(run_cli, name) == [
        ("BP100", *_at(name, "${parameters.input}")),
        ("BP201", *_at(name, "${{parameters. dimensions}}")),
    ]


def test_fstring_placeholder_message(run_cli):
    result = run_cli("check", "python-fstring.md", "--select", "BP100", cwd=DATA)
    assert "Python evaluates {parameters.input} (a NameError or its value): write ${{parameters.input}}" in result.out


def test_opensearch_py_create_and_register_with_a_spread_connector(run_cli):
    """perform_request(..., body=body) is clean; the register body spreads ``body`` and overrides its
    protocol: findings point where the spread items are written."""
    name = "python-opensearch-py.md"
    parameters, credential = _at(name, '"parameters"'), _at(name, '"credential"')
    assert _findings(run_cli, name) == [("BP601", *parameters), ("BP601", *parameters), ("BP602", *credential)]


def test_code_that_does_not_parse(run_cli):
    """A connector call with a missing comma is reported where Python stops; a block of `...` that
    holds no connector call is skipped silently."""
    name = "python-broken.md"
    line, _ = _at(name, '"parameters"')
    column = _at(name, '{"model"')[1]
    assert _findings(run_cli, name) == [("BP100", line, column)]


def test_json_words_in_python(run_cli, tmp_path):
    line = "body = {'name': 'x', 'flag': true}"
    (tmp_path / "doc.md").write_text(f"```python\nimport requests\n{line}\n"
                                     "requests.post(host + '/_plugins/_ml/connectors/_create', json=body)\n```\n")
    result = run_cli("check", "doc.md", "--format", "json", "--select", "BP100", cwd=tmp_path)
    [found] = json.loads(result.out)["diagnostics"]
    assert (found["line"], found["column"]) == (3, line.index("true") + 1)
    assert "'true' is JSON, not Python" in found["message"] and "write True" in found["message"]


def test_curl_single_quoted_body(run_cli):
    assert _findings(run_cli, "curl-single.md") == [("BP201", *_at("curl-single.md", "${parameters. model}"))]


def test_curl_heredoc_with_line_continuations(run_cli):
    name = "curl-heredoc.md"
    assert _findings(run_cli, name) == [("BP501", *_at(name, '"post_process_function"'))]


def test_awscurl_with_a_prompt_continuations_and_output(run_cli):
    assert _findings(run_cli, "awscurl.md") == [("BP604", *_at("awscurl.md", "us-west-2"))]


def test_curl_double_quoted_register_body(run_cli):
    """Shell unescaping maps back exactly; an unescaped `$` is a bad substitution in the shell."""
    name = "curl-double-quoted.md"
    assert _findings(run_cli, name) == [("BP100", *_at(name, "${parameters.inputText}")),
                                        ("BP501", *_at(name, '"post_process_function'))]


def test_a_curl_body_that_is_not_json(run_cli, tmp_path):
    line = '  "version": "1"'
    (tmp_path / "doc.md").write_text("```bash\ncurl -XPOST localhost:9200/_plugins/_ml/connectors/_create -d '{\n"
                                     f'  "name": "x",\n{line}\n  "protocol": "http"\n}}\'\n```\n')
    result = run_cli("check", "doc.md", "--format", "json", cwd=tmp_path)
    [found] = json.loads(result.out)["diagnostics"]
    assert (found["code"], found["severity"], found["line"], found["column"]) == ("BP100", "warning", 5, 3)
    assert found["message"] == "curl body not parseable: Expecting ',' delimiter"


def test_targets_say_where_they_came_from():
    out = collect([DATA / "python-opensearch-py.md", DATA / "curl-single.md"], None, DATA)
    create, register = (_at("python-opensearch-py.md", needle)[0] for needle in ("client.transport", "client.http"))
    assert [t.label for t in out.targets] == [f"python (line {create})", f"python (line {register})",
                                              f"curl (line {_at('curl-single.md', 'curl -XPOST')[0]})"]
    assert {t.kind for t in out.targets} == {"markdown"}


def test_python_files_explicit_and_in_a_folder(run_cli, tmp_path):
    code = (DATA / "python-inline.md").read_text().split("```python\n")[1].split("```")[0]
    (tmp_path / "create.py").write_text(code)
    (tmp_path / "other.py").write_text("print('no connector here')\n")
    (tmp_path / "broken.py").write_text("x = (\n")
    line = code[: code.index('"protocol"')].count("\n") + 1
    for args in (["create.py"], ["."]):
        result = run_cli("check", *args, "--format", "json", cwd=tmp_path)
        data = json.loads(result.out)
        assert [(d["code"], d["file"], d["line"], d["column"]) for d in data["diagnostics"]] == \
            [("BP104", "create.py", line, 5)]
        assert data["summary"]["files"] == 1
    assert collect([tmp_path / "create.py"], None, tmp_path).targets[0].kind == "python"


def test_elisions_leave_the_object_partial():
    code = ("```python\nbody = {'name': 'x', 'parameters': {'model': 'm', **defaults}, 'actions': [..., {'url': 'u'}],"
            " 'credential': ...}\nrequests.post(url + '/_plugins/_ml/connectors/_create', json=body)\n```\n")
    from toolkit.documents.embedded import markdown_code_calls

    [call], problems = markdown_code_calls(code, "doc.md")
    assert problems == [] and call.elided == {"", "/parameters", "/actions"}
    assert call.connector == {"name": "x", "parameters": {"model": "m"}, "actions": [{"url": "u"}]}


@pytest.mark.parametrize("block", [
    "```python\nrequests.post(url, json={'name': 'x'})\n```\n",  # not a connector URL
    "```python\nrequests.get(host + '/_plugins/_ml/connectors/_search', json={'query': {}})\n```\n",
    "```bash\ncurl -XPOST localhost:9200/_plugins/_ml/connectors/_create -d @connector.json\n```\n",
    "```\n{\"url\": \"/_plugins/_ml/connectors/_create\"}\n```\n",
    "```python\nx = '_plugins/_ml/connectors/_create' + ...\nthis is not python\n```\n",
])
def test_blocks_without_a_connector_body_are_skipped(run_cli, tmp_path, block):
    (tmp_path / "doc.md").write_text(f"# Doc\n\n{block}")
    result = run_cli("check", "doc.md", "--format", "json", cwd=tmp_path)
    assert json.loads(result.out)["diagnostics"] == [] and result.code == 0
