"""The "exact in the browser?" decision (``toolkit.catalog.customise``, ``toolkit.catalog.template_logic``):
small blueprints whose templates substitute, decide and transform their variables in different ways,
and the substitution the page runs checked against ``blueprint render`` itself."""

from __future__ import annotations

import json

import pytest

from tests.conftest import MINIMAL_MANIFEST, TmpProject
from toolkit.catalog.customise import SET, TRICKY, choose, customise, probe_values, substitute, text_of
from toolkit.manifest import find_manifest
from toolkit.project import Project
from toolkit.render import render
from toolkit.variables import convert

VARIABLES = """\
variables:
  type: object
  additionalProperties: false
  required: [model]
  properties:
    model:
      type: string
      description: Model id.
      default: acme-embed-1
    dimensions:
      type: [integer, "null"]
      description: Output size.
      minimum: 1
      maximum: 4096
      default: 1024
    port:
      type: integer
      description: Port.
      default: 443
    session_token:
      type: boolean
      description: STS.
      default: false
    flavour:
      type: string
      description: One of a few.
      enum: [plain, fancy]
      default: plain
    prompt:
      type: string
      description: Free text.
      default: Be brief.
"""

BODY = """{%- set body -%}
{ "model": "${parameters.model}", "dimensions": {{ dimensions | tojson }} }
{%- endset -%}
"""


def template(parameters: str, extra: str = "", before: str = "") -> str:
    return before + """{
  "name": {{ ("Acme " ~ model) | tojson }},
  "version": "1",
  "protocol": "http",
  "parameters": {""" + parameters + """},
  "credential": {"key": {{ "ACME_KEY" | secret }}""" + extra + """},
  "actions": [
    {
      "action_type": "predict",
      "method": "POST",
      "url": {{ ("https://api.acme.example:" ~ port ~ "/v1/embed") | tojson }},
      "headers": {"Authorization": "Bearer ${credential.key}"},
      "request_body": "{ \\"model\\": \\"${parameters.model}\\", \\"input\\": ${parameters.input} }"
    }
  ]
}
"""


def manifest(tmp_project: TmpProject, text: str, variables: str = VARIABLES):
    head, _, tail = MINIMAL_MANIFEST.partition("variables:")
    rest = tail[tail.index("secrets:"):]
    tmp_project.minimal(head + variables + rest, text)
    return find_manifest(Project(tmp_project.root), "acme/embed")


SUBSTITUTED = template('"model": {{ model | tojson }}, "dimensions": {{ dimensions | tojson }}, '
                       '"flavour": {{ flavour | tojson }}, "prompt": {{ (prompt | tojson)[1:-1] | tojson }}')


def test_a_template_that_only_substitutes_is_exact(tmp_project):
    decided = customise(manifest(tmp_project, SUBSTITUTED), [])
    assert decided.exact and decided.reasons == [] and len(decided.skeletons) == 1
    slots = {(p.variable, p.mode, p.level) for p in decided.skeletons[0].parts if not isinstance(p, str)}
    # "Acme " ~ model and ":" ~ port are str(); tojson is JSON; the prompt is escaped twice
    assert slots == {("model", "str", 1), ("dimensions", "json", 1), ("flavour", "str", 1), ("prompt", "str", 2),
                     ("port", "str", 1)}


@pytest.mark.parametrize("values", [
    {"model": TRICKY, "dimensions": None, "port": 8443, "session_token": True, "flavour": "fancy", "prompt": TRICKY},
    {"model": "m", "dimensions": 7, "port": 1, "session_token": False, "flavour": "plain", "prompt": "é\u2028"},
])
def test_the_substitution_is_what_blueprint_render_prints(tmp_project, values):
    found = manifest(tmp_project, SUBSTITUTED)
    decided = customise(found, [])
    assert substitute(choose(decided.skeletons, values), values) == render(found, found.project, values).pretty()


def test_a_decision_on_a_boolean_or_on_null_is_one_skeleton_per_outcome(tmp_project):
    text = template('"model": {{ model | tojson }}{% if dimensions is not none %}, "dimensions": '
                    '{{ dimensions | tojson }}{% endif %}',
                    '{% if session_token %}, "session_token": {{ "ACME_KEY" | secret }}{% endif %}')
    decided = customise(manifest(tmp_project, text), [])
    assert decided.exact and decided.control == {"dimensions": "null", "session_token": "finite"}
    assert sorted(json.dumps(s.when, sort_keys=True) for s in decided.skeletons) == sorted(
        json.dumps({"dimensions": d, "session_token": s}, sort_keys=True)
        for d in (SET, None) for s in (True, False))


def test_a_comparison_with_an_enum_value_is_a_finite_decision(tmp_project):
    text = template('"model": {% if flavour == "fancy" %}"fancy"{% else %}{{ model | tojson }}{% endif %}')
    decided = customise(manifest(tmp_project, text), [])
    assert decided.exact and decided.control["flavour"] == "finite" and len(decided.skeletons) == 2


@pytest.mark.parametrize("parameters, before, reason", [
    ('"model": {{ model | tojson }}{% if dimensions > 512 %}, "big": true{% endif %}', "",
     "decides on the value of 'dimensions'"),
    ('"model": {{ model | upper | tojson }}', "", "the filter 'upper' is applied to model"),
    ('"model": {{ model.strip() | tojson }}', "", "model is used in a call or an attribute access"),
    ('"dimensions": {{ (dimensions * 2) | tojson }}', "", "dimensions is used in arithmetic"),
    ('"model": "{{ model }}"', "", "without JSON escaping"),
    ('"model": {{ model[:3] | tojson }}', "", "is not a plain substitution of the values"),
    ('"m": {{ m | tojson }}', '{% set m = model if prompt else "x" %}', "decides on the value of 'prompt'"),
    ('"model": {{ model | tojson }}{% for c in model %}{% endfor %}', "", "a loop runs over model"),
    ('"model": {{ model | tojson }}{% include "acme/other.j2" %}', "", "includes another template"),
])
def test_logic_the_page_cannot_run_is_not_exact(tmp_project, parameters, before, reason):
    tmp_project.write("templates/acme/other.j2", "")
    decided = customise(manifest(tmp_project, template(parameters, before=before)), [])
    assert not decided.exact
    assert any(reason in r for r in decided.reasons), decided.reasons


def test_a_schema_the_form_cannot_check_is_not_exact(tmp_project):
    variables = VARIABLES + """    tags:
      type: array
      description: A list.
      default: []
    host:
      type: string
      description: Host.
      format: hostname
      default: a.example
"""
    decided = customise(manifest(tmp_project, template('"model": {{ model | tojson }}'), variables), [])
    assert not decided.exact
    assert any("'tags' is of type array" in r for r in decided.reasons)
    assert any("uses format" in r for r in decided.reasons)


def test_probes_cover_bounds_enums_nulls_and_hard_strings():
    spec = {"type": ["number", "null"], "minimum": 0, "maximum": 2, "default": 0.7}
    values = probe_values(spec)
    assert {0, 2, 0.7, 0.5, 1e-05, 2.0, None} <= set(values) and 1e16 not in values
    assert None not in probe_values(spec, null=False)
    assert TRICKY in probe_values({"type": "string"})
    assert probe_values({"type": "string", "enum": ["a", "b", "c"]}) == ["a", "c"]
    assert TRICKY not in probe_values({"type": "string", "pattern": "^[a-z]+$"})


@pytest.mark.parametrize("value, kinds", [
    (None, ["string", "null"]), (True, ["boolean"]), (2.0, ["number"]), (1e-05, ["number"]), (7, ["integer"]),
    (1e16, ["number"]), ('a "b"', ["string"]),
])
def test_the_form_text_of_a_value_reads_back_as_the_value(value, kinds):
    """What the form fills in is what ``--set NAME=TEXT`` reads back (``toolkit.variables.convert``)."""
    back = convert(text_of(value), kinds)
    assert back == value and type(back) is type(value)


def test_every_shipped_blueprint_is_decided_and_proven(report):
    """The shipped templates decide only on booleans, enums and null: the page renders each exactly
    (``customise`` proves it against the renderer); the build's connectors included."""
    from toolkit.catalog.model import from_report

    entries = from_report(report).entries
    assert entries and all(e.customise.exact for e in entries), [(e.id, e.customise.reasons) for e in entries
                                                                 if not e.customise.exact]
    for entry in entries:
        for rendering in entry.renderings:
            assert substitute(choose(entry.customise.skeletons, rendering.variables), rendering.variables) == \
                rendering.text


def test_every_named_example_is_on_the_page_as_a_create_call(site, run_cli):
    """Each example after the first connector: ``blueprint render ID --example NAME --devtools``, as is."""
    from tests.catalog.test_site import parse

    catalog = json.loads((site / "catalog.json").read_text())["blueprints"]
    checked = 0
    for blueprint in catalog:
        page = parse(site / blueprint["pages"]["html"])
        for connector in blueprint["connectors"][1:]:
            name = connector["variable_set"]
            shown = "".join(page.text["connector-" + name])
            assert shown + "\n" == run_cli("render", blueprint["id"], "--example", name, "--devtools").out
            checked += 1
    assert checked >= 30


def test_form_fields_ask_for_what_only_the_user_has():
    from toolkit.catalog.customise import form_fields

    schema = {"type": "object", "required": ["endpoint", "kind", "size"], "properties": {
        "endpoint": {"type": "string", "examples": ["my-endpoint"]},
        "kind": {"type": "string", "enum": ["a", "b"]},
        "size": {"type": ["integer", "null"], "default": None},
        "prompt": {"type": "string", "default": "line one\nline two"},
        "flag": {"type": "boolean", "default": False}}}
    fields = {f.name: f for f in form_fields(schema)}
    assert (fields["endpoint"].widget, fields["endpoint"].empty, fields["endpoint"].hint) == ("text", "missing",
                                                                                             "e.g. my-endpoint")
    assert fields["kind"].options[0] == ("", "choose one") and fields["kind"].empty == "missing"
    assert (fields["size"].empty, fields["size"].hint, fields["size"].inputmode) == ("null", "null", "numeric")
    assert fields["prompt"].widget == "textarea" and not fields["prompt"].supply
    assert [text for text, _ in fields["flag"].options] == ["true", "false"]


def test_the_install_line_names_the_distribution():
    import tomllib

    from tests.conftest import REPO
    from toolkit.catalog.customise import INSTALL

    name = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]["name"]
    assert INSTALL == f"pip install {name}"


def test_pages_say_when_the_connector_shown_is_an_example(site):
    """SageMaker's endpoint_name has no default: the first connector is an example, and the pages say so."""
    html = (site / "blueprints" / "sagemaker" / "embedding.html").read_text()
    markdown = (site / "markdown" / "sagemaker" / "embedding.md").read_text()
    assert "with the values of the example <code>all-minilm</code>" in html and "<code>endpoint_name</code> has no default" in html
    assert "uses the example `all-minilm`: put in your own `endpoint_name`" in markdown
    assert "with the manifest's defaults" in (site / "blueprints" / "openai" / "embedding.html").read_text()


# (blueprint, variable): what only the user has, with the evidence that the old default was an example
USERS_OWN = {
    ("azure-openai/chat", "resource"): "'my-openai-resource', also its first example: the user's resource subdomain",
    ("azure-openai/chat", "deployment"): "'gpt-4o': a deployment name is 'chosen when the model was deployed'",
    ("azure-openai/embedding", "resource"): "'my-openai-resource', also its first example",
    ("azure-openai/embedding", "deployment"): "'text-embedding-3-small', also its first example: chosen by the user",
    ("huggingface/embedding", "endpoint"): "'my-endpoint-id': the user's endpoint host label",
    ("opensearch/remote-ml-commons", "host"): "'ml-cluster.example.com': example.com is reserved for examples",
    ("opensearch/remote-ml-commons", "model_id"): "'cleMb4kBJ1eYAeTMFFg4': the model id of the OpenSearch "
                                                  "documentation's examples (ml-inference.md)",
    ("sagemaker/embedding", "endpoint_name"): "the user's SageMaker endpoint",
    ("sagemaker/llm", "endpoint_name"): "the user's SageMaker endpoint",
    ("google/vertex-embedding", "project"): "the user's Google Cloud project",
}


def test_values_only_the_user_has_have_no_default_and_are_asked_for(site):
    from tests.conftest import REPO
    from toolkit.manifest import load_all

    manifests = {m.id: m for m in load_all(Project(REPO))[0]}
    catalog = {b["id"]: b for b in json.loads((site / "catalog.json").read_text())["blueprints"]}
    for (blueprint, name), why in USERS_OWN.items():
        spec = manifests[blueprint].variables_schema["properties"][name]
        assert "default" not in spec and spec.get("examples"), (blueprint, name, why)
        assert name in manifests[blueprint].variables_schema["required"]
        html = (site / catalog[blueprint]["pages"]["html"]).read_text()
        assert f'placeholder="e.g. {spec["examples"][0]}" required' in html
