"""Manifest validation: every error names the file and the line of the offending YAML key."""

from __future__ import annotations

import pytest

from tests.conftest import MINIMAL_MANIFEST
from toolkit.diagnostics import ToolkitError
from toolkit.manifest import find_manifest, load_all
from toolkit.project import find_project


def _errors(tmp_project, manifest: str):
    tmp_project.minimal(manifest=manifest)
    with pytest.raises(ToolkitError) as info:
        find_manifest(find_project(tmp_project.root), "acme/embed")
    return info.value.diagnostics


def _line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


def test_minimal_manifest_loads(tmp_project):
    tmp_project.minimal()
    manifest = find_manifest(find_project(tmp_project.root), "acme/embed")
    assert manifest.id == "acme/embed"
    assert manifest.defaults() == {"model": "acme-embed-1"}
    assert manifest.variable_sets() == [("default", {"model": "acme-embed-1"})]


def test_unknown_key_points_at_the_key(tmp_project):
    text = MINIMAL_MANIFEST.replace("protocol: http\n", "protocol: http\nprotocl: http\n")
    [d] = _errors(tmp_project, text)
    assert (d.code, d.file, d.line, d.column) == ("BP002", "blueprints/acme/embed.yaml", _line_of(text, "protocl:"), 1)
    assert "'protocl' was unexpected" in d.message


def test_wrong_enum_value_points_at_the_value_key(tmp_project):
    text = MINIMAL_MANIFEST.replace("task: text_embedding", "task: embeddings")
    [d] = _errors(tmp_project, text)
    assert d.line == _line_of(text, "task: embeddings")
    assert "'embeddings' is not one of" in d.message


def test_missing_required_field_is_reported(tmp_project):
    text = MINIMAL_MANIFEST.replace("provider: acme\n", "")
    [d] = _errors(tmp_project, text)
    assert "'provider' is a required property" in d.message
    assert d.line == 1


def test_nested_error_in_secret_points_inside(tmp_project):
    text = MINIMAL_MANIFEST.replace("    description: The API key.\n", "    descripton: The API key.\n")
    diagnostics = _errors(tmp_project, text)
    assert {d.line for d in diagnostics} == {_line_of(text, "descripton")} | {_line_of(text, "ACME_KEY")}


def test_default_that_violates_its_own_schema(tmp_project):
    text = MINIMAL_MANIFEST.replace("      default: acme-embed-1", "      default: 3")
    [d] = _errors(tmp_project, text)
    assert d.code == "BP002" and "variable 'model'" in d.message and "3 is not of type 'string'" in d.message
    assert d.line == _line_of(text, "default: 3")


def test_id_must_match_its_path(tmp_project):
    text = MINIMAL_MANIFEST.replace("id: acme/embed", "id: acme/other")
    [d] = _errors(tmp_project, text)
    assert d.code == "BP003" and "expected 'acme/embed'" in d.message and d.line == 1


def test_missing_template_is_reported_at_template_key(tmp_project):
    text = MINIMAL_MANIFEST.replace("template: acme/embed.json.j2", "template: acme/missing.json.j2")
    [d] = _errors(tmp_project, text)
    assert d.code == "BP003" and "templates/acme/missing.json.j2" in d.message
    assert d.line == _line_of(text, "template:")


def test_required_variable_without_default_needs_an_example(tmp_project):
    text = MINIMAL_MANIFEST.replace("  properties:\n", "  required: [region]\n  properties:\n    region:\n"
                                    "      type: string\n      description: Region.\n      examples: [us-east-1]\n")
    [d] = _errors(tmp_project, text)
    assert d.code == "BP003" and "region" in d.message and d.line == _line_of(text, "required:")


def test_yaml_syntax_error_has_position(tmp_project):
    text = MINIMAL_MANIFEST.replace("title: Acme embeddings", "title: [Acme embeddings")
    [d] = _errors(tmp_project, text)
    assert d.code == "BP001" and "invalid YAML" in d.message
    assert d.line is not None and d.column is not None


def test_duplicate_key_is_an_error(tmp_project):
    text = MINIMAL_MANIFEST.replace("protocol: http\n", "protocol: http\nprotocol: aws_sigv4\n")
    [d] = _errors(tmp_project, text)
    assert d.code == "BP001" and "duplicate" in d.message.lower()
    assert d.line == _line_of(text, "protocol: aws_sigv4")


def test_reserved_variable_name(tmp_project):
    text = MINIMAL_MANIFEST.replace("    model:\n", "    blueprint:\n", 1)
    diagnostics = _errors(tmp_project, text)
    assert any("blueprint" in d.message for d in diagnostics)


def test_load_all_reports_and_keeps_going(tmp_project):
    tmp_project.minimal()
    tmp_project.write("blueprints/acme/broken.yaml", "id: [\n")
    manifests, problems = load_all(find_project(tmp_project.root))
    assert [m.id for m in manifests] == ["acme/embed"]
    assert [p.file for p in problems] == ["blueprints/acme/broken.yaml"]


def test_unknown_blueprint_suggests_close_ids(tmp_project):
    tmp_project.minimal()
    with pytest.raises(ToolkitError) as info:
        find_manifest(find_project(tmp_project.root), "acme/embd")
    assert info.value.diagnostics[0].hint == "did you mean acme/embed?"


def test_blueprint_id_cannot_walk_out(tmp_project):
    tmp_project.minimal()
    with pytest.raises(ToolkitError):
        find_manifest(find_project(tmp_project.root), "../blueprints/acme/embed")
