"""Problems found while reading manifests and rendering templates (before any rule runs).

They are registered here so that ``blueprint rules``, docs/rules.md and SARIF describe them like
every other rule, with examples that are run as tests.
"""

from __future__ import annotations

from toolkit.check.model import Example
from toolkit.check.registry import rule
from toolkit.check.rules._examples import MANIFEST, TEMPLATE, project


def _loader(id: str, name: str, summary: str, rationale: str, bad: dict, good: dict | None = None, spec: str | None = None):
    rule(id, name, "error", "manifest", summary, rationale, Example(files=bad), Example(files=good or project()), spec=spec)(None)


_loader("BP001", "unreadable-input", "A file is missing or unreadable, or its YAML is invalid.",
        "YAML syntax errors and duplicate keys are reported at their line and column; a duplicate key would "
        "otherwise silently replace the first value.",
        project(MANIFEST.replace("title: Acme embeddings", "title: [Acme embeddings")))
_loader("BP002", "manifest-schema", "A manifest does not match toolkit/schema/manifest.schema.json.",
        "Every field is checked, including the JSON Schema of the variables and each default and example "
        "against it; the position is the offending key.",
        project(MANIFEST.replace("task: text_embedding", "task: embeddings")))
_loader("BP003", "manifest-consistency", "A manifest disagrees with the project.",
        "The id must be the manifest's path under blueprints/, the provider its first part, the template and "
        "contract files must exist, and required variables without defaults need a named example.",
        project(MANIFEST.replace("template: acme/embed.json.j2", "template: acme/missing.json.j2")))
_loader("BP010", "template-error", "A template has a syntax or runtime error, or includes a missing file.",
        "Reported at the template line; runtime errors (a failing filter, a division by zero) are located "
        "through Jinja's template line mapping.",
        project(template=TEMPLATE.replace('"version": "1",', '"version": "1", {% if %}')))
_loader("BP011", "template-undefined", "A template uses an undefined variable or an undeclared secret.",
        "Templates render with StrictUndefined: a misspelt variable is an error, never an empty string.",
        project(template=TEMPLATE.replace("{{ model | tojson }},", "{{ modle | tojson }},", 1)))
_loader("BP012", "template-sandbox", "The sandbox refused a template.",
        "Templates come from contributors: Python internals (`''.__class__`), paths outside templates/, "
        "runaway loops and huge outputs are refused.",
        project(template=TEMPLATE.replace('"version": "1",', '"version": "{{ \'\'.__class__ }}",')))
_loader("BP013", "rendered-json-invalid", "A template renders text that is not a JSON object.",
        "The position is in the rendered output, shown with its context; use the tojson, script and secret "
        "filters, which quote and escape.",
        project(template=TEMPLATE.replace('"version": "1",', '"version": "1",,')))

_CASE = """\
schema_version: 1
blueprint: acme/embed
description: One document.
provenance: {kind: documented, source: "https://acme.example/docs"}
input: {text_docs: [hello]}
interactions:
- request:
    method: POST
    url: https://api.acme.example/v1/embed
    body: {model: acme-embed-1, input: [hello]}
  response:
    status: 200
    body: [[0.5, 0.25]]
expected:
  output: {inference_results: [{output: [{name: sentence_embedding, data_type: FLOAT32, shape: [2], data: [0.5, 0.25]}], status_code: 200}]}
"""
_WITH_CASE = MANIFEST.replace("opensearch:", "contracts: [acme/embed/one.yaml]\nopensearch:")

_loader("BP004", "cassette-schema", "A contract case does not match toolkit/schema/cassette.schema.json.",
        "Contract cases are checked like manifests: the schema, the provenance rules (documented with a source "
        "URL, or recorded with a date and toolkit version, never both) and the blueprint they belong to.",
        project(_WITH_CASE, **{"contracts/acme/embed/one.yaml": _CASE.replace("kind: documented", "kind: recorded")}),
        project(_WITH_CASE, **{"contracts/acme/embed/one.yaml": _CASE}))
_loader("BP005", "path-outside-folder", "A path leads outside its folder of the project.",
        "A template, contract case, provider schema, manifest, blueprint id or recorded case name must be a plain "
        "relative name (no absolute path, '..', backslash or NUL byte) that stays, after following symbolic links, "
        "inside its folder (templates/, contracts/, providers/, blueprints/) and the project. Such a path is "
        "refused before anything is read, so a hostile manifest cannot make the toolkit show a file such as "
        "~/.aws/credentials.",
        project(_WITH_CASE.replace("acme/embed/one.yaml", "acme/../../../../home/me/.aws/credentials.yaml")),
        project(_WITH_CASE, **{"contracts/acme/embed/one.yaml": _CASE}))
