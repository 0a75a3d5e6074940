"""Blueprint manifests: load, validate against ``manifest.schema.json``, and check consistency.

A manifest error points at the offending YAML key (file:line:col) with rule id BP002 (schema),
BP003 (consistency with the project: id and path, provider, template, contracts, provider request
schemas, examples) or BP005 (a template, contract or provider schema it names, or the manifest
itself, leads outside its folder: ``toolkit.paths``).
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from toolkit.diagnostics import Diagnostic, ToolkitError
from toolkit.paths import PathEscape, confined, within
from toolkit.project import Project
from toolkit.source import SourceDocument, load_yaml, pointer
from toolkit.workspace import Workspace


@dataclass(frozen=True)
class Manifest:
    """A validated manifest; ``data`` is the plain YAML content, ``project`` the project it was loaded
    from (its template, contract cases and provider schemas are read there only)."""

    doc: SourceDocument
    data: dict
    project: Project

    @property
    def id(self) -> str:
        return self.data["id"]

    @property
    def file(self) -> str:
        return self.doc.path

    @property
    def provider(self) -> str:
        return self.data["provider"]

    @property
    def task(self) -> str:
        return self.data["task"]

    @property
    def protocol(self) -> str:
        return self.data["protocol"]

    @property
    def template(self) -> str:
        return self.data["template"]

    @property
    def title(self) -> str:
        return self.data["title"]

    @property
    def variables_schema(self) -> dict:
        return self.data["variables"]

    @property
    def secrets(self) -> dict[str, dict]:
        return self.data["secrets"]

    @property
    def trusted_endpoints(self) -> list[str]:
        return self.data["trusted_endpoints"]

    @property
    def min_opensearch(self) -> str:
        return self.data["opensearch"]["minimum"]

    @property
    def private_ip_enabled(self) -> bool:
        """True when the blueprint declares it calls a private host (``cluster.private_ip_enabled``)."""
        return bool(self.data.get("cluster", {}).get("private_ip_enabled"))

    @property
    def managed_service_only(self) -> bool:
        """True when only Amazon OpenSearch Service accepts it, e.g. a roleArn credential
        (``opensearch.managed_service_only``)."""
        return bool(self.data.get("opensearch", {}).get("managed_service_only"))

    @property
    def provider_api(self) -> list[str] | None:
        """The provider request schemas (``providers/<id>.schema.json``) its requests must pass, if named."""
        return self.data.get("provider_api")

    @property
    def contracts(self) -> list[str]:
        return self.data.get("contracts", [])

    @property
    def callers(self) -> list[str]:
        """The OpenSearch callers this blueprint supports (``toolkit.callers``, ``docs/callers.md``)."""
        return list(self.data.get("callers", []))

    def defaults(self) -> dict:
        """Every variable that has a default, with it."""
        props = self.variables_schema.get("properties", {})
        return {name: spec["default"] for name, spec in props.items() if "default" in spec}

    def variable_sets(self) -> list[tuple[str, dict]]:
        """("default", defaults) when they cover every required variable, then each named example
        merged over the defaults."""
        required = set(self.variables_schema.get("required", []))
        sets = [("default", self.defaults())] if required <= set(self.defaults()) else []
        for example in self.data.get("examples", []):
            sets.append((example["name"], {**self.defaults(), **example["variables"]}))
        return sets


@functools.cache
def schema(name: str) -> dict:
    """A JSON Schema shipped in ``toolkit/schema/``."""
    return json.loads(resources.files("toolkit.schema").joinpath(name).read_text(encoding="utf-8"))


@functools.cache
def validator(name: str):
    from jsonschema import Draft202012Validator

    return Draft202012Validator(schema(name))


def schema_errors(name: str, data: object) -> list:
    """jsonschema errors for ``data``, deepest first and in document order."""
    errors = validator(name).iter_errors(data)
    return sorted(errors, key=lambda e: (list(map(str, e.absolute_path)), -len(e.absolute_path)))


def load_manifest(path: Path, project: Project) -> Manifest:
    """Load and validate one manifest; raise ``ToolkitError`` with every problem found.

    A manifest that leads outside blueprints/ (a symbolic link) is refused unread (BP005)."""
    try:
        within(path, project.blueprints, project.root, project.shown(path))
    except PathEscape as exc:
        raise ToolkitError(Diagnostic("BP005", f"manifest {exc}; not read", file=project.shown(path))) from None
    doc = load_yaml(path, project.relative(path))
    if not isinstance(doc.data, dict):
        raise ToolkitError(doc.diagnostic("BP002", "a manifest must be a YAML mapping"))
    problems = [doc.diagnostic("BP002", _describe(err), error_path(err)) for err in schema_errors("manifest.schema.json", doc.data)]
    if not problems:
        problems = _consistency(doc, path, project)
    if problems:
        raise ToolkitError(*problems)
    return Manifest(doc, doc.data, project)


def error_path(error) -> list:
    """Where a jsonschema error is: for an unexpected key, the key itself rather than its parent."""
    path = list(error.absolute_path)
    if error.validator == "additionalProperties" and isinstance(error.instance, dict):
        import re

        known = set(error.schema.get("properties", {}))
        patterns = list(error.schema.get("patternProperties", {}))
        extras = [k for k in error.instance if k not in known and not any(re.search(p, k) for p in patterns)]
        if extras:
            path.append(extras[0])
    return path


def _describe(error) -> str:
    where = "/".join(map(str, error.absolute_path)) or "manifest"
    if error.validator == "additionalProperties":
        return f"{where}: {error.message} (check the spelling; allowed keys are in toolkit/schema/manifest.schema.json)"
    if error.validator == "anyOf" and error.absolute_schema_path and "variables" in str(list(error.absolute_schema_path)):
        return f"{where}: each variable needs a default or examples"
    return f"{where}: {error.message}"


def _consistency(doc: SourceDocument, path: Path, project: Project) -> list[Diagnostic]:
    data = doc.data
    problems = []
    expected_id = path.relative_to(project.blueprints).with_suffix("").as_posix() if path.is_relative_to(project.blueprints) else None
    if expected_id and data["id"] != expected_id:
        problems.append(doc.diagnostic("BP003", f"id {data['id']!r} does not match the file's place: expected {expected_id!r}", ["id"]))
    if data["id"].split("/")[0] != data["provider"]:
        problems.append(doc.diagnostic("BP003", f"provider {data['provider']!r} does not match the id's prefix", ["provider"]))
    escapes = _escapes(doc, project)
    problems.extend(escapes.values())
    if "/template" not in escapes and not (project.templates / data["template"]).is_file():
        problems.append(doc.diagnostic("BP003", f"template not found: templates/{data['template']}", ["template"]))
    for index, contract in enumerate(data.get("contracts", [])):
        if f"/contracts/{index}" not in escapes and not (project.contracts / contract).is_file():
            problems.append(doc.diagnostic("BP003", f"contract case not found: contracts/{contract}", ["contracts", index]))
    for index, name in enumerate(data.get("provider_api", [])):
        if f"/provider_api/{index}" not in escapes and not (project.providers / f"{name}.schema.json").is_file():
            problems.append(doc.diagnostic("BP003", f"provider request schema not found: providers/{name}.schema.json",
                                           ["provider_api", index]))
    problems.extend(_variables_problems(doc))
    problems.extend(_suppress_problems(doc))
    problems.extend(_release_problems(doc))
    props = data["variables"].get("properties", {})
    without_default = [n for n in data["variables"].get("required", []) if "default" not in props.get(n, {})]
    if without_default and not data.get("examples"):
        problems.append(doc.diagnostic("BP003", f"required variables without a default ({', '.join(without_default)}) "
                                       "need at least one named example, so the blueprint can be rendered and checked",
                                       ["variables", "required"]))
    return problems


def _escapes(doc: SourceDocument, project: Project) -> dict[str, Diagnostic]:
    """BP005 per file the manifest names that leads outside its folder, by JSON pointer."""
    data = doc.data
    named = [(["template"], project.templates, data["template"])]
    named += [(["contracts", i], project.contracts, name) for i, name in enumerate(data.get("contracts", []))]
    named += [(["provider_api", i], project.providers, f"{name}.schema.json")
              for i, name in enumerate(data.get("provider_api", []))]
    out = {}
    for where, folder, name in named:
        try:
            confined(folder, name, project.root)
        except PathEscape as exc:
            out[pointer(where)] = doc.diagnostic(
                "BP005", f"{where[0]}: {exc}; nothing outside {exc.folder} is read", where)
    return out


def _release_problems(doc: SourceDocument) -> list[Diagnostic]:
    """``opensearch.minimum`` must name a release the toolkit knows (its verdicts depend on it)."""
    from toolkit.versions.profile import UnknownRelease, resolve

    try:
        resolve(str(doc.data["opensearch"]["minimum"]), "opensearch.minimum")
    except UnknownRelease as exc:
        return [doc.diagnostic("BP003", exc.diagnostics[0].message, ["opensearch", "minimum"])]
    return []


def _suppress_problems(doc: SourceDocument) -> list[Diagnostic]:
    """``suppress:`` may name only rules that exist: an unknown id would switch nothing off, silently."""
    if not doc.data.get("suppress"):
        return []
    from toolkit.check.registry import all_rules
    from toolkit.check.selectors import unknown_selectors

    rules = all_rules()
    return [doc.diagnostic("BP003", f"suppress: {message}", ["suppress", rule_id])
            for rule_id in doc.data["suppress"] for message in unknown_selectors([rule_id], rules)]


def _variables_problems(doc: SourceDocument) -> list[Diagnostic]:
    """The variables schema must be a valid JSON Schema and its defaults and examples must satisfy it."""
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import SchemaError

    variables = doc.data["variables"]
    try:
        Draft202012Validator.check_schema(variables)
    except SchemaError as err:
        return [doc.diagnostic("BP002", f"variables is not a valid JSON Schema: {err.message}", ["variables", *err.absolute_path])]
    problems = []
    check = Draft202012Validator(variables)
    for name, spec in variables.get("properties", {}).items():
        values = [("default", spec["default"])] if "default" in spec else []
        values += [("examples", v) for v in spec.get("examples", [])]
        for where, value in values:
            for err in Draft202012Validator(spec).iter_errors(value):
                problems.append(doc.diagnostic("BP002", f"variable {name!r}: {where} value {value!r}: {err.message}",
                                               ["variables", "properties", name, where]))
    defaults = {n: s["default"] for n, s in variables.get("properties", {}).items() if "default" in s}
    for index, example in enumerate(doc.data.get("examples", [])):
        for err in check.iter_errors({**defaults, **example["variables"]}):
            problems.append(doc.diagnostic("BP002", f"example {example['name']!r}: {err.message}",
                                           ["examples", index, "variables", *err.absolute_path]))
    return problems


def load_all(where: Project | Workspace) -> tuple[list[Manifest], list[Diagnostic]]:
    """Every manifest of a project or a workspace (by id, a shadowed shipped one left out); invalid
    ones are reported, not raised."""
    found = where.manifest_paths() if isinstance(where, Workspace) else [(where, p) for p in where.manifest_paths()]
    manifests, problems = [], []
    for project, path in found:
        try:
            manifests.append(load_manifest(path, project))
        except ToolkitError as err:
            problems.extend(err.diagnostics)
    return manifests, problems


def find_manifest(where: Project | Workspace, blueprint_id: str) -> Manifest:
    """The manifest for ``blueprint_id`` in a project, or in a workspace (the user's project first, then
    the shipped catalog), with a did-you-mean on a miss; an id that leads outside blueprints/ is
    refused (BP005)."""
    projects = where.projects() if isinstance(where, Workspace) else [where]
    for project in projects:
        try:
            confined(project.blueprints, f"{blueprint_id}.yaml", project.root)
        except PathEscape as exc:
            raise ToolkitError(Diagnostic("BP005", f"blueprint id {blueprint_id!r} leaves blueprints/: {exc.reason}",
                                          hint="an id is <provider>/<name>, as `blueprint list` shows")) from None
        path = project.manifest_path(blueprint_id)
        if path.is_file():
            return load_manifest(path, project)
    import difflib

    known = [project.blueprint_id(path) for project in projects for path in project.manifest_paths()]
    close = difflib.get_close_matches(blueprint_id, known, n=3)
    hint = f"did you mean {', '.join(close)}?" if close else "run `blueprint list` to see the ids"
    raise ToolkitError(Diagnostic("BP001", f"unknown blueprint {blueprint_id!r}", hint=hint))
