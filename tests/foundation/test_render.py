"""Sandboxed rendering: clear, located errors for broken templates; nothing escapes templates/."""

from __future__ import annotations

import json
import os

import pytest

from tests.conftest import MINIMAL_TEMPLATE
from toolkit import render as render_module
from toolkit.diagnostics import ToolkitError
from toolkit.manifest import find_manifest
from toolkit.project import find_project
from toolkit.render import render

TEMPLATE = "templates/acme/embed.json.j2"


def _render(tmp_project, template: str, secrets=None, variables=None):
    tmp_project.minimal(template=template)
    project = find_project(tmp_project.root)
    manifest = find_manifest(project, "acme/embed")
    return render(manifest, project, variables if variables is not None else manifest.defaults(), secrets)


def _error(tmp_project, template: str, **kwargs):
    with pytest.raises(ToolkitError) as info:
        _render(tmp_project, template, **kwargs)
    [d] = info.value.diagnostics
    return d


def test_minimal_template_renders_with_secret_placeholder(tmp_project):
    rendered = _render(tmp_project, MINIMAL_TEMPLATE)
    assert rendered.connector["credential"] == {"key": "<ACME_KEY>"}
    assert rendered.connector["name"] == "acme-embed-1"
    assert rendered.secrets_used == {"ACME_KEY"}
    assert json.loads(rendered.pretty()) == rendered.connector


def test_secret_value_is_used_when_given(tmp_project):
    rendered = _render(tmp_project, MINIMAL_TEMPLATE, secrets={"ACME_KEY": 'k"\\y'})
    assert rendered.connector["credential"] == {"key": 'k"\\y'}


def test_syntax_error_has_template_file_and_line(tmp_project):
    d = _error(tmp_project, '{\n  "name": "x",\n  {% if %}\n}\n')
    assert (d.code, d.file, d.line) == ("BP010", TEMPLATE, 3)
    assert "template syntax error" in d.message


def test_undefined_variable_has_line_and_column(tmp_project):
    d = _error(tmp_project, '{\n  "name": "x",\n  "version": {{ modle | tojson }}\n}\n')
    assert (d.code, d.file, d.line, d.column) == ("BP011", TEMPLATE, 3, 17)
    assert "'modle' is undefined" in d.message


def test_undefined_attribute_is_an_error_not_empty_text(tmp_project):
    d = _error(tmp_project, '{"name": {{ blueprint.nope | tojson }}}')
    assert d.code == "BP011" and "nope" in d.message


@pytest.mark.parametrize("expression", [
    "''.__class__",
    "''.__class__.__mro__[1].__subclasses__()",
    "lipsum.__globals__",
    "cycler.__init__.__globals__",
    "range.__self__",
    "blueprint.__class__",
    "(blueprint.update({'x': 1}))",
])
def test_python_internals_are_refused_by_the_sandbox(tmp_project, expression):
    d = _error(tmp_project, '{"name": {{ %s }} }' % expression)
    assert d.code in ("BP012", "BP011"), d
    assert d.file == TEMPLATE


def test_dunder_access_names_the_sandbox(tmp_project):
    d = _error(tmp_project, '{"name": "{{ \'\'.__class__ }}"}')
    assert d.code == "BP012" and "sandbox" in d.message and "__class__" in d.message


@pytest.mark.parametrize("name", ["../outside.txt", "/etc/passwd", "acme/../../outside.txt", "C:/x"])
def test_include_cannot_leave_templates(tmp_project, name):
    (tmp_project.root / "outside.txt").write_text("SECRET")
    d = _error(tmp_project, '{"name": "{%% include "%s" %%}"}' % name)
    assert d.code == "BP012" and "leaves templates/" in d.message


def test_script_filter_cannot_leave_templates(tmp_project):
    (tmp_project.root / "outside.txt").write_text("SECRET")
    d = _error(tmp_project, '{"name": {{ "../outside.txt" | script }} }')
    assert d.code == "BP012" and d.line == 1


def test_symlink_out_of_templates_is_refused(tmp_project):
    (tmp_project.root / "outside.txt").write_text("SECRET")
    tmp_project.minimal()
    os.symlink(tmp_project.root / "outside.txt", tmp_project.root / "templates" / "acme" / "link.painless")
    d = _error(tmp_project, '{"name": {{ "acme/link.painless" | script }} }')
    assert d.code == "BP012"


def test_script_filter_embeds_a_file_as_a_json_string(tmp_project):
    tmp_project.write("templates/acme/post.painless", 'def x = "a\\\\b";\nreturn x;\n')
    rendered = _render(tmp_project, MINIMAL_TEMPLATE.replace('"version": "1"', '"version": "1", "description": {{ "acme/post.painless" | script }}'))
    assert rendered.connector["description"] == 'def x = "a\\\\b";\nreturn x;'


def test_missing_script_is_reported(tmp_project):
    d = _error(tmp_project, '{"name": {{ "acme/none.painless" | script }} }')
    assert d.code == "BP010" and "templates/acme/none.painless" in d.message


def test_undeclared_secret_is_an_error(tmp_project):
    d = _error(tmp_project, '{"name": {{ "OTHER_KEY" | secret }} }')
    assert d.code == "BP011" and "'OTHER_KEY' is not declared" in d.message


def test_invalid_json_output_shows_rendered_line_and_context(tmp_project):
    d = _error(tmp_project, '{\n  "name": "x",\n  "version": "1",\n}\n')
    assert (d.code, d.file, d.line, d.column) == ("BP013", TEMPLATE, 4, 1)
    assert d.excerpt and d.excerpt_start == 2
    assert "rendered output" in d.message


def test_unquoted_string_variable_is_caught_as_json_error(tmp_project):
    d = _error(tmp_project, '{"name": {{ model }}}')
    assert d.code == "BP013" and d.line == 1 and d.column == 10


def test_non_object_output(tmp_project):
    d = _error(tmp_project, '[1, 2]')
    assert d.code == "BP013" and "not an object" in d.message


def test_runaway_loop_is_stopped(tmp_project, monkeypatch):
    monkeypatch.setattr(render_module, "RENDER_SECONDS", 0.3)
    d = _error(tmp_project, '{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}{}')
    assert d.code == "BP012" and "longer than" in d.message


def test_huge_output_is_stopped(tmp_project):
    d = _error(tmp_project, '{% for i in range(100000) %}{{ "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx" }}{% endfor %}')
    assert d.code == "BP012" and "exceeds" in d.message


def test_runtime_error_in_template_is_located(tmp_project):
    d = _error(tmp_project, '{\n"name": {{ (1 / 0) | tojson }}\n}')
    assert d.code == "BP010" and d.line == 2 and "ZeroDivisionError" in d.message


def test_tojson_keeps_non_ascii_and_does_not_html_escape(tmp_project):
    rendered = _render(tmp_project, '{"name": {{ "café <x> & \'q\'" | tojson }}, "version": "1", "protocol": "http"}')
    assert '"café <x> & \'q\'"' in rendered.text


def test_oneline_joins_lines(tmp_project):
    template = '{% set b %}\n{\n  "a": 1,\n  "b": "${parameters.x}"\n}\n{% endset %}{"name": {{ b | oneline | tojson }}}'
    rendered = _render(tmp_project, template)
    assert rendered.connector["name"] == '{ "a": 1, "b": "${parameters.x}" }'


def test_secret_in_a_false_branch_is_not_used(tmp_project):
    template = MINIMAL_TEMPLATE.replace('"version": "1",', '"version": "1",{% if false %} "x": {{ "ACME_KEY" | secret }},{% endif %}')
    template = template.replace('"credential": {"key": {{ "ACME_KEY" | secret }}}', '"credential": {"key": "k"}')
    assert _render(tmp_project, template).secrets_used == set()


def test_a_template_is_compiled_once_per_process_while_its_source_is_unchanged(tmp_project, monkeypatch):
    from toolkit.template_budget import BudgetedSandbox

    compiled = []
    original = BudgetedSandbox.compile

    def counting(self, source, *args, **kwargs):
        compiled.append(source)
        return original(self, source, *args, **kwargs)

    monkeypatch.setattr(BudgetedSandbox, "compile", counting)
    first = _render(tmp_project, MINIMAL_TEMPLATE)
    again = _render(tmp_project, MINIMAL_TEMPLATE, secrets={"ACME_KEY": "sk-1"})
    assert len(compiled) == 1
    assert again.connector["credential"] == {"key": "sk-1"} and first.connector["credential"] == {"key": "<ACME_KEY>"}
    changed = _render(tmp_project, MINIMAL_TEMPLATE.replace('"version": "1"', '"version": "2"'))
    assert len(compiled) == 2 and changed.connector["version"] == "2"  # an edited template is compiled again
