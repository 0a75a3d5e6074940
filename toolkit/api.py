"""The toolkit's stable Python API, for notebooks and other tools (documented in docs/api.md).

Each function does what one ``blueprint`` command does and returns a typed result instead of
printing; keyword arguments mirror the command's options. Bad input (an unknown blueprint, a
variable outside its schema, an unreadable file, an unknown release) raises ``ToolkitError``, whose
``diagnostics`` are the ``Diagnostic``s the command would print. What ML Commons would answer,
error or output, and what the checker finds are results, never exceptions.

An argument that takes several paths, ids or rules also takes one, as a string.
``project`` (every function) is the user's project: a folder, a ``Project`` from ``load_project``,
or None (``$BLUEPRINT_PROJECT``, else the nearest folder with ``blueprints/`` upwards); its
blueprints join the shipped catalog, as for the CLI's ``--project``.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from toolkit.check.api import CheckResult
from toolkit.diagnostics import Diagnostic, Severity, ToolkitError
from toolkit.render import Rendered
from toolkit.settings import SettingsPlan

__all__ = ["Blueprint", "CaseRun", "CaseRuns", "CheckResult", "Diagnostic", "Prediction", "Project", "Rendered",
           "SettingsPlan", "ToolkitError", "check", "load_project", "predict", "render", "run_cases", "settings_for"]

PathLike = str | os.PathLike


@dataclass(frozen=True)
class Blueprint:
    """One blueprint a project offers: its manifest's facts and where it comes from."""

    id: str  # "openai/embedding"
    title: str
    provider: str
    task: str  # ML Commons task, e.g. "text_embedding"
    protocol: str  # "http" or "aws_sigv4"
    opensearch_minimum: str  # the first release it works on
    source: str  # "shipped" or "project"
    file: str  # the manifest, relative to its project's root
    root: Path  # its project's root folder


@dataclass(frozen=True)
class Project:
    """The blueprints a command sees: the user's project (``root``, None when there is none) over the
    shipped catalog (``shipped``, None when this installation has none)."""

    root: Path | None
    shipped: Path | None
    blueprints: list[Blueprint]  # sorted by id; a project blueprint shadows a shipped one of its id
    shadowed: list[str]  # ids of the project's blueprints that shadow a shipped one
    workspace: object = field(repr=False, compare=False)  # toolkit.workspace.Workspace

    def blueprint(self, blueprint_id: str) -> Blueprint:
        """The blueprint ``blueprint_id`` (``ToolkitError`` when there is none)."""
        found = next((blueprint for blueprint in self.blueprints if blueprint.id == blueprint_id), None)
        if found is None:
            raise ToolkitError(Diagnostic("BP001", f"unknown blueprint {blueprint_id!r}",
                                          hint="Project.blueprints lists the ids"))
        return found


def load_project(project: PathLike | Project | None = None) -> Project:
    """The project and the blueprints it offers (``blueprint list``); an invalid manifest is a
    ``ToolkitError`` naming every problem."""
    if isinstance(project, Project):
        return project
    from toolkit.manifest import load_all
    from toolkit.workspace import find_workspace

    ws = find_workspace(None if project is None else os.fspath(project))
    manifests, problems = load_all(ws)
    if problems:
        raise ToolkitError(*problems)
    blueprints = [Blueprint(m.id, m.title, m.provider, m.task, m.protocol, m.min_opensearch, ws.source(m.project),
                            m.file, m.project.root) for m in manifests]
    shipped = ws.shipped.root if ws.shipped is not None else None
    return Project(ws.own.root if ws.own is not None else None, shipped, blueprints, ws.shadowed(), ws)


def _workspace(project):
    """The ``Workspace`` of a ``project`` argument (a ``Workspace`` itself is taken as it is)."""
    from toolkit.workspace import Workspace, find_workspace

    if isinstance(project, Project):
        return project.workspace
    if isinstance(project, Workspace):
        return project
    return find_workspace(None if project is None else os.fspath(project))


def _manifest(blueprint_id, project):
    """The manifest of ``blueprint_id`` (a loaded ``toolkit.manifest.Manifest`` is taken as it is)."""
    from toolkit.manifest import Manifest, find_manifest

    return blueprint_id if isinstance(blueprint_id, Manifest) else find_manifest(_workspace(project), blueprint_id)


def _profile(opensearch_version: str | None, emulated: bool = False):
    """The ``Profile`` of a release (None: the newest); ``emulated``: one the ML Commons emulator models."""
    from toolkit.versions import Profile

    profile = Profile.for_version(opensearch_version)
    if emulated:
        profile.require_emulation()
    return profile


def render(blueprint_id: str, *, variables: Mapping[str, object] | None = None, example: str | None = None,
           secrets: Mapping[str, str] | None = None, project: PathLike | Project | None = None,
           managed_service: bool = False) -> Rendered:
    """Render a blueprint into a create-connector body (``blueprint render``); ``blueprint_id`` may also be a
    loaded ``toolkit.manifest.Manifest``.

    ``variables`` override the manifest's defaults (or those of the named ``example``): a string is
    converted to the variable's type as ``--set KEY=VALUE`` converts it, any other value is used as is;
    the result must satisfy the manifest's variable schema. ``secrets`` maps declared secret names to
    real values (the others render as ``<NAME>`` placeholders). The result's ``connector`` is the body,
    ``pretty()`` its printed JSON. With ``managed_service`` it is the Amazon OpenSearch Service variant
    (``toolkit.managed_service``), whose secrets are ``AWS_ROLE_ARN`` (and ``AWS_SECRET_ARN``)."""
    from toolkit.render import render as render_manifest
    from toolkit.variables import resolve_variables

    manifest = _manifest(blueprint_id, project)
    base = None
    if example is not None:
        sets = dict(manifest.variable_sets())
        if example not in sets:
            raise ToolkitError(Diagnostic("BP015", f"--example {example}: {manifest.id} has no example {example!r}",
                                          hint=f"examples: {', '.join(sorted(sets))}"))
        base = sets[example]
    declared = manifest.variables_schema.get("properties", {})
    given = dict(variables or {})
    raw = {name: value if isinstance(value, str) else json.dumps(value) for name, value in given.items()
           if isinstance(value, str) or name not in declared}  # unknown names: the --set diagnostic
    typed = {name: value for name, value in given.items() if name not in raw}
    values = resolve_variables(manifest, raw, {**(manifest.defaults() if base is None else base), **typed})
    if not managed_service:
        return render_manifest(manifest, manifest.project, values, _secrets(manifest, secrets or {}))
    from toolkit.managed_service import managed_manifest, managed_rendering, require

    require(manifest)
    given = _secrets(managed_manifest(manifest), secrets or {})
    return managed_rendering(render_manifest(manifest, manifest.project, values, {}), manifest, given)


def _secrets(manifest, given: Mapping[str, str]) -> dict[str, str]:
    """The secret values, each a secret the manifest declares (BP016 for any other)."""
    unknown = [name for name in given if name not in manifest.secrets]
    if unknown:
        raise ToolkitError(*(manifest.doc.diagnostic("BP016", f"--secret {name}: {manifest.id} declares no secret "
                                                              f"{name!r}", ["secrets"],
                                                     hint=f"secrets: {', '.join(manifest.secrets)}")
                             for name in unknown))
    return dict(given)


def check(paths: Iterable[PathLike] = (), *, select: Iterable[str] = (), ignore: Iterable[str] = (),
          fail_on: str | None = None, trusted_endpoints: Iterable[str] = (), access_control: bool | None = None,
          opensearch_version: str | None = None, config: PathLike | None = None,
          project: PathLike | Project | None = None) -> CheckResult:
    """Check files and folders (manifests, connector JSON, Markdown Dev Tools calls), or with no path every
    blueprint of the project (``blueprint check``). The result's ``diagnostics`` are the findings
    (``omitted``: found but not listed, past the cap), ``exit_code`` what the CLI exits with."""
    if fail_on is not None and fail_on not in {s.value for s in Severity}:
        raise ToolkitError(Diagnostic("BP001", f"--fail-on {fail_on}: not error, warning or info"))
    overrides = {"select": _items(select), "ignore": _items(ignore),
                 "trusted_endpoints": _items(trusted_endpoints) or None,
                 "access_control": access_control, "fail_on": Severity(fail_on) if fail_on else None,
                 "target_version": _profile(opensearch_version).release.short if opensearch_version else None}
    from toolkit.check.api import run_check

    if isinstance(project, Project):
        project_dir = None if project.root is None else str(project.root)
    else:
        project_dir = None if project is None else os.fspath(project)
    return run_check([Path(p) for p in _items(paths)], project_dir, None if config is None else Path(config), overrides)


def settings_for(blueprint_ids: Iterable[str], *, opensearch_version: str | None = None,
                 existing: PathLike | Mapping | list | None = None, no_existing: bool = False,
                 keep_unsafe: bool = False, access_control: bool = False,
                 project: PathLike | Project | None = None) -> SettingsPlan:
    """The cluster settings the blueprints (ids, or loaded manifests) need on one release (``blueprint
    setup``). ``existing`` is the
    cluster's current settings: a file (as ``--existing``), or its parsed JSON (GET output, PUT body or a
    list of regexes); its trusted list is kept. The result's ``body`` is the ``PUT _cluster/settings``
    body; ``problems`` lists what fails (a URL no regex admits, a refused regex)."""
    from toolkit.settings import ExistingSource, plan_settings

    if existing is not None and no_existing:
        raise ToolkitError(Diagnostic("BP001", "--existing and --no-existing exclude each other"))
    if keep_unsafe and existing is None:
        raise ToolkitError(Diagnostic("BP001", "--keep-unsafe applies to the regexes of --existing"))
    profile = _profile(opensearch_version)
    ws = _workspace(project)
    unique = {getattr(blueprint, "id", blueprint): blueprint for blueprint in _items(blueprint_ids)}
    manifests = [_manifest(blueprint, ws) for blueprint in unique.values()]
    source = None
    if existing is not None:
        name, text = _named_json(existing, "existing")
        source = ExistingSource(name, text, keep_unsafe)
    base, private = _existing_lists(source) if source else ([] if no_existing else None, None)
    return plan_settings(manifests, profile, base, access_control, existing_source=source, existing_private=private)


def _existing_lists(source) -> tuple[list[str], list[str] | None]:
    """The trusted-endpoint regexes of a settings document (``settings.ExistingSource``; GET output includes
    persistent and transient) and its private-endpoint regexes (None when it has none)."""
    from toolkit.javaregex.setting import private_endpoints_from_settings, regexes_from_settings
    from toolkit.nesting import loads

    try:
        data = loads(source.text)
        return regexes_from_settings(data), private_endpoints_from_settings(data)
    except json.JSONDecodeError as exc:
        raise ToolkitError(Diagnostic("BP001", f"not JSON: {exc.msg}", file=source.file, line=exc.lineno,
                                      column=exc.colno)) from None
    except ValueError as exc:
        raise ToolkitError(Diagnostic("BP001", str(exc), file=source.file)) from None


def _items(value) -> list:
    """``value`` as a list: one string or path is one item (never its characters)."""
    return [value] if isinstance(value, (str, os.PathLike)) else list(value)


def _named_json(value: PathLike | Mapping | list, name: str) -> tuple[str, str]:
    """(a name for diagnostics, the JSON text) of a file or of parsed JSON."""
    if isinstance(value, (Mapping, list)):
        return name, json.dumps(value, indent=2, ensure_ascii=False)
    from toolkit.source import read_text

    return os.fspath(value), read_text(Path(value), os.fspath(value))


def _cluster(settings: PathLike | Mapping | list | None, private_ip_enabled: bool):
    from toolkit.cluster_settings import cluster_settings

    return cluster_settings(None if settings is None else _named_json(settings, "settings"), private_ip_enabled)


@dataclass
class Prediction:
    """What ML Commons answers to one ``_predict`` call (``blueprint predict``).

    ``ok``: ``output`` holds the ``_predict`` response; else ``error`` holds ML Commons' error
    (``status``, ``message``, ``cause``) or ``refusals`` why it would refuse to create the connector.
    With no ``response`` nor ``case``, nothing is sent: ``requests`` are those ML Commons would send."""

    ok: bool
    opensearch_version: str
    output: dict | None = None
    error: dict | None = None
    refusals: list[Diagnostic] = field(default_factory=list)  # with validate=False, the call still ran
    requests: list[str] = field(default_factory=list)  # each HTTP request as text, credentials redacted


def predict(target: PathLike, *, parameters: Mapping | None = None, text_docs: str | Iterable[str] = (),
            query_text: str | None = None, response: object = None, case: str | None = None,
            action: str | None = None, opensearch_version: str | None = None,
            settings: PathLike | Mapping | list | None = None, private_ip_enabled: bool = False,
            validate: bool = True, project: PathLike | Project | None = None) -> Prediction:
    """Run a ``_predict`` call through the ML Commons emulator (``blueprint predict``). ``target`` is a
    blueprint id or a connector JSON file. The provider's answer is ``response`` (a JSON value, or its
    text or bytes; status 200) or comes from the contract case ``case`` of the blueprint (its variables,
    input and action, replayed); with neither it is a dry run. ``settings`` is the cluster's settings
    (a file or parsed JSON, as ``--settings``); ``validate=False`` runs a connector ML Commons would
    refuse to create."""
    from toolkit.check.create_time import create_time_refusals
    from toolkit.contract.http import HttpResponse
    from toolkit.mlcommons.inputs import InputError
    from toolkit.mlcommons.predict import EmulatorLimit, PredictError, predict as run_predict
    from toolkit.predict_target import contract_case, from_blueprint, from_json_text

    profile = _profile(opensearch_version, emulated=True)
    if response is not None and case is not None:
        raise ToolkitError(Diagnostic("BP001", "--response and --case exclude each other"))
    is_file = Path(target).suffix == ".json" and Path(target).is_file()
    if case is not None and is_file:
        raise ToolkitError(Diagnostic("BP001", "--case needs a blueprint id as TARGET"))
    cluster = _cluster(settings, private_ip_enabled)
    body = {**({"parameters": parameters} if parameters is not None else {}),
            **({"text_docs": [text_docs] if isinstance(text_docs, str) else list(text_docs)} if text_docs else {}),
            **({"query_text": query_text} if query_text is not None else {})}
    answer = response if response is None or isinstance(response, bytes) else \
        response.encode() if isinstance(response, str) else json.dumps(response).encode()
    result = Prediction(False, profile.release.short)
    runner = None
    if case is not None:
        from toolkit.contract.runner import ContractRunner

        manifest = _manifest(str(target), project)
        cassette = contract_case(manifest, case)
        runner = ContractRunner(manifest.project, profile.jdk, cluster)
        result.refusals = runner.refusals(cassette, profile)
        source = manifest.file
    else:
        if is_file:
            from toolkit.source import read_text

            chosen = from_json_text(read_text(Path(target), os.fspath(target)), os.fspath(target))
        else:
            chosen = from_blueprint(_manifest(str(target), project))
        manifest, source = chosen.manifest, chosen.source
        result.refusals = create_time_refusals(chosen.check, cluster.check_config(profile, manifest), profile)
    if result.refusals and validate:
        return result
    replay = None
    if runner is not None:
        runner.server().serve(cassette.interactions)
        replay = runner.transport()

    def transport(request):
        if replay is not None:
            return replay(request)
        return None if answer is None else HttpResponse(200, {"Content-Type": "application/json"}, answer)

    def shown(request):
        result.requests.append("\n".join([f"{request.method} {request.url}",
                                          *(f"{k}: {v}" for k, v in request.headers.items())])
                               + "\n\n" + request.body.decode("utf-8", "replace"))
    try:
        if runner is not None:
            output = runner.predict(cassette, profile, transport, body=body or None, action=action, show=shown)
        else:
            output = run_predict(chosen.check.connector, body, transport=transport, action=action or "predict",
                                 show=shown, profile=profile, **cluster.predict_arguments(profile, manifest))
        if replay is not None or answer is not None:
            result.ok, result.output = True, json.loads(output.to_json())
    except InputError as exc:
        raise ToolkitError(Diagnostic("BP001", f"not a predict body: {exc}", file="--parameters")) from None
    except EmulatorLimit as exc:
        raise ToolkitError(Diagnostic("BP001", f"not emulated: {exc}", file=source)) from None
    except PredictError as exc:
        result.error = {"status": exc.status, "message": exc.message, "cause": exc.cause}
    finally:
        if runner is not None:
            runner.__exit__()
    return result


@dataclass(frozen=True)
class CaseRun:
    """One contract case run on one release (``blueprint test``)."""

    blueprint: str
    case: str
    file: str  # the cassette, relative to its project's root
    ok: bool
    problems: list[str]  # why it fails, each as the CLI prints it
    actual: dict | None  # {"output": ...} or {"error": {"status", "message"}} when predict ran
    seconds: float
    opensearch_version: str | None  # the release it ran on; None: the newest (no opensearch_version given)


@dataclass(frozen=True)
class CaseRuns:
    """Every case run, and the cases not applicable on the chosen release (blueprint, case, release)."""

    runs: list[CaseRun]
    not_applicable: list[tuple[str, str, str]]

    @property
    def ok(self) -> bool:
        return all(run.ok for run in self.runs)

    @property
    def failed(self) -> list[CaseRun]:
        return [run for run in self.runs if not run.ok]


def run_cases(targets: Iterable[PathLike] = (), *, opensearch_version: str | None = None,
              settings: PathLike | Mapping | list | None = None, private_ip_enabled: bool = False,
              project: PathLike | Project | None = None) -> CaseRuns:
    """Replay contract cases through the ML Commons emulator (``blueprint test``): every case of the
    project, or those of the given blueprint ids, manifests or cassette files. ``opensearch_version``:
    one release, ``"all"`` (each case on every release from its blueprint's minimum where the facts
    change), or None (the newest)."""
    from toolkit.contract.runner import ContractRunner
    from toolkit.contract.selection import run_on_releases, select_cases

    choice = opensearch_version if opensearch_version in (None, "all") else \
        _profile(opensearch_version, emulated=True)
    cluster = _cluster(settings, private_ip_enabled)
    runs, skipped = [], []
    for proj, paths in select_cases(_workspace(project), [os.fspath(t) for t in _items(targets)]).items():
        with ContractRunner(proj, settings=cluster) as runner:
            ran, not_applicable = run_on_releases(runner, paths, choice)
            runs, skipped = runs + ran, skipped + not_applicable
    return CaseRuns([CaseRun(r.blueprint, r.case, r.file, r.ok, list(r.problems), r.actual, r.seconds,
                             release.short if release else None) for r, release in runs],
                    [(blueprint, case, release.short) for blueprint, case, release in skipped])
