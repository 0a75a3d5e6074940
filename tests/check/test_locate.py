"""Findings in rendered blueprints land on the template (or script) line that produced them."""

from __future__ import annotations

import json

from toolkit.check.rules._examples import MANIFEST, TEMPLATE


def _check(tmp_project, run_cli, template: str, manifest: str = MANIFEST, **files: str):
    tmp_project.write("blueprints/acme/embed.yaml", manifest)
    tmp_project.write("templates/acme/embed.json.j2", template)
    for name, text in files.items():
        tmp_project.write(name, text)
    result = run_cli("check", "--format", "json", cwd=tmp_project.root)
    return result, json.loads(result.out)["diagnostics"]


def _line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


def test_literal_line_maps_exactly(tmp_project, run_cli):
    template = TEMPLATE.replace('"protocol": "http"', '"protocol": "HTTP"')
    result, found = _check(tmp_project, run_cli, template)
    [d] = [d for d in found if d["code"] == "BP104"]
    assert (d["file"], d["line"], d["column"]) == ("templates/acme/embed.json.j2", _line_of(template, '"HTTP"'), 3)
    assert result.code == 1


def test_value_from_a_variable_maps_to_its_key_line(tmp_project, run_cli):
    template = TEMPLATE.replace('"method": "POST"', '"method": {{ method | tojson }}')
    manifest = MANIFEST.replace("      default: acme-embed-1\n", "      default: acme-embed-1\n"
                                "    method:\n      type: string\n      description: HTTP method.\n      default: PATCH\n")
    _, found = _check(tmp_project, run_cli, template, manifest)
    [d] = [d for d in found if d["code"] == "BP106"]
    assert d["line"] == _line_of(template, '"method"') and d["file"] == "templates/acme/embed.json.j2"


def test_findings_from_several_variable_sets_are_reported_once(tmp_project, run_cli):
    template = TEMPLATE.replace('"protocol": "http"', '"protocol": "HTTP"')
    manifest = MANIFEST.replace("opensearch:", "examples:\n  - name: other\n    variables: {model: acme-embed-2}\nopensearch:")
    _, found = _check(tmp_project, run_cli, template, manifest)
    assert len([d for d in found if d["code"] == "BP104"]) == 1


def test_checking_a_template_path_checks_its_blueprint(tmp_project, run_cli):
    template = TEMPLATE.replace('"protocol": "http"', '"protocol": "HTTP"')
    tmp_project.write("blueprints/acme/embed.yaml", MANIFEST)
    tmp_project.write("templates/acme/embed.json.j2", template)
    result = run_cli("check", "templates/acme/embed.json.j2", "--format", "json", cwd=tmp_project.root)
    assert [d["code"] for d in json.loads(result.out)["diagnostics"]] == ["BP104"]


def test_manifest_suppression_with_reason(tmp_project, run_cli):
    template = TEMPLATE.replace('"protocol": "http"', '"protocol": "HTTP"')
    manifest = MANIFEST + "suppress:\n  BP104: the test wants it\n"
    result, found = _check(tmp_project, run_cli, template, manifest)
    assert found == [] and result.code == 0


def test_painless_error_maps_into_the_painless_file(tmp_project, run_cli):
    script = "def e = params.embedding;\nint n = e.length;\nreturn undefinedName + n;\n"
    template = TEMPLATE.replace('"request_body"', '"post_process_function": {{ "acme/embed.post.painless" | script }},\n      "request_body"')
    _, found = _check(tmp_project, run_cli, template, **{"templates/acme/embed.post.painless": script})
    [d] = [d for d in found if d["code"] == "BP551"]
    assert (d["file"], d["line"], d["column"]) == ("templates/acme/embed.post.painless", 3, 8)
    assert "cannot resolve symbol [undefinedName]" in d["message"]


def test_painless_error_inside_a_json_string_has_the_exact_column(run_cli, tmp_path):
    from toolkit.check.rules._examples import sample

    text = sample(actions__0__post_process_function='def x = "a";\nreturn x +;')
    (tmp_path / "c.json").write_text(text)
    result = run_cli("check", "c.json", "--format", "json", cwd=tmp_path)
    [d] = [d for d in json.loads(result.out)["diagnostics"] if d["code"] == "BP550"]
    line = text.splitlines()[d["line"] - 1]
    assert line[d["column"] - 1:].startswith(";")  # right after `x +`, inside the escaped JSON string
