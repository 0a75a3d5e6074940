"""Running contract cases: each cassette through the ML Commons emulator against the replay server.

For one case (``ContractRunner.run``):

1. the cassette's blueprint is rendered with the manifest's defaults and the cassette's
   ``variables``; secrets stay the typed placeholders (``<OPENAI_API_KEY>``) so recorded headers
   match, except the AWS keys, which are fixed fake keys (the ``sigv4`` matcher accepts any
   signature of the right shape); a managed-service-only blueprint whose credential is a
   ``roleArn`` is signed as Amazon OpenSearch Service signs it, with the assumed role's temporary
   credentials (fake keys and a session token, ``ASSUMED_ROLE_CREDENTIALS``);
2. the replay server (one per runner, started on first use) serves the cassette's interactions;
3. unless ML Commons would refuse to create the connector (the checker's create-time rules,
   ``toolkit.check.create_time``), ``toolkit.mlcommons.predict`` runs the cassette's ``input`` with the
   runner's cluster settings (``toolkit.cluster_settings``: by default the manifest's
   ``trusted_endpoints`` and ``cluster:``), sending over a real socket to the server (through the
   BATCH_PREDICT action when the cassette says ``action: batch_predict``);
4. every request sent must be accepted by the provider's request schemas under ``providers/``
   (``toolkit.contract.provider_api``), so a wrong field name fails even when the recorded
   interaction was written with the same mistake; an error case with ``invalid_request`` (its
   reason) must instead be refused by them;
5. the case passes when no request missed, every interaction was used, and the output equals
   ``expected.output`` (parsed JSON, numbers compared with their int/float type) or the error
   equals ``expected.error`` (status and message); on an older release (``run(profile=...)``), the
   ``expected_by_version`` entry covering it, if any, replaces ``expected``.

``update=True`` rewrites only the cassette's ``expected`` (never an interaction) from what the
emulator produced, and only when every request matched and every interaction was used.
"""

from __future__ import annotations

import difflib
import json
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from toolkit.cluster_settings import ClusterSettings
from toolkit.contract.cassette import Cassette, load_cassette, write_atomic
from toolkit.diagnostics import Diagnostic, ToolkitError
from toolkit.project import Project

__all__ = ["ASSUMED_ROLE_CREDENTIALS", "FAKE_AWS_SECRETS", "CaseResult", "ContractRunner", "assumed_role_credentials",
           "case_paths"]

FAKE_AWS_SECRETS = {"AWS_ACCESS_KEY_ID": "AKIDEXAMPLE", "AWS_SECRET_ACCESS_KEY": "fake-secret-key-for-contract-tests",
                    "AWS_SESSION_TOKEN": "fake-session-token"}
ASSUMED_ROLE_CREDENTIALS = {"access_key": "ASIDEXAMPLEROLE", "secret_key": "fake-assumed-role-secret-key",
                            "session_token": "fake-assumed-role-session-token"}


def assumed_role_credentials(manifest, connector: dict) -> dict | None:
    """What Amazon OpenSearch Service signs a ``roleArn`` connector with: the temporary credentials of
    the role it assumes (spec 1.5 D.6, 7; open-source ML Commons refuses such a connector). Fake ones
    for a blueprint that declares ``opensearch.managed_service_only``; None for any other connector."""
    credential = connector.get("credential") or {}
    if manifest.managed_service_only and connector.get("protocol") == "aws_sigv4" and "roleArn" in credential \
            and "access_key" not in credential:
        return dict(ASSUMED_ROLE_CREDENTIALS)
    return None


@dataclass
class CaseResult:
    """The verdict on one case; ``actual`` is ``{"output": …}`` or ``{"error": …}`` when predict ran."""

    blueprint: str
    case: str
    file: str
    problems: list[str] = field(default_factory=list)
    actual: dict | None = None
    seconds: float = 0.0
    diff: str = ""
    # what the catalog shows as evidence, kept from the run: the release it ran as (short), and each request the
    # emulator sent with the recorded response that answered it (None: no interaction matched)
    release: str = ""
    exchanges: list = field(default_factory=list, repr=False)  # (HttpRequest, RecordedResponse | None)

    @property
    def ok(self) -> bool:
        return not self.problems


def case_paths(project: Project, manifest) -> list[Path]:
    """The cassette files a manifest lists under ``contracts:``, each confined to contracts/ (BP005)."""
    from toolkit.paths import PathEscape, confined

    try:
        return [confined(project.contracts, relative, project.root) for relative in manifest.contracts]
    except PathEscape as exc:
        raise ToolkitError(Diagnostic("BP005", f"contracts: {exc}; not read", file=manifest.file)) from None


class ContractRunner:
    """Runs cases of one project with one replay server; use as a context manager."""

    def __init__(self, project: Project, jdk: int = 21, settings: ClusterSettings | None = None):
        self.project = project
        self.jdk = jdk
        self.settings = settings or ClusterSettings()
        self._server = None
        self._client = None
        self._manifests: dict[str, Any] = {}
        self._rendered: dict[str, Any] = {}
        self._targets: dict[int, Any] = {}  # id of a rendering -> its checker target
        self._provider_schemas: list | None | bool = False  # False: not loaded yet
        self._cassettes: dict[tuple[Path, str], Cassette] = {}  # read once per runner, unless --update rewrites it
        self._validated: dict[tuple, list[str]] = {}  # provider-schema problems per distinct request sent
        self._displays: dict[Path, str] = {}  # a case file -> how it is named, computed once

    def __enter__(self) -> ContractRunner:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None
        if self._server is not None:
            self._server.stop()
            self._server = None
        self._client = None

    def server(self):
        """The replay server, started on first use, and a kept-alive plain-HTTP client for it."""
        from toolkit.contract.http import ReplayClient
        from toolkit.contract.server import ReplayServer

        if self._server is None:
            self._server = ReplayServer().start()
            self._client = ReplayClient(self._server.address)
        return self._server

    def add_manifest(self, manifest) -> None:
        """Use this already loaded manifest for its blueprint's cases (saves parsing it again)."""
        self._manifests[manifest.id] = manifest

    def provider_schemas(self):
        """The project's provider request schemas, loaded once (None when it has no providers/ folder)."""
        from toolkit.contract.provider_api import load_provider_schemas

        if self._provider_schemas is False:
            self._provider_schemas = load_provider_schemas(self.project.root)
        return self._provider_schemas

    def _request_problems(self, schemas, request, named: list[str] | None) -> list[str]:
        """``request_problems`` of one sent request, once per distinct request (the matrix sends the same
        request on many releases; validation is a pure function of it)."""
        from toolkit.contract.provider_api import request_problems

        key = (request.method, request.url, request.body, tuple(named or ()))
        if key not in self._validated:
            self._validated[key] = request_problems(schemas, request.method, request.url, request.body, named)
        return self._validated[key]

    def transport(self):
        """A transport for ``predict``: every request goes to the replay server over a real socket."""
        self.server()
        return self._client.send

    def display(self, path: Path) -> str:
        """How a case file is named in results: relative to the project, resolved once per file."""
        if Path(path) not in self._displays:
            self._displays[Path(path)] = self.project.relative(path)
        return self._displays[Path(path)]

    def run(self, path: Path, *, update: bool = False, profile=None) -> CaseResult:
        """Run the cassette at ``path`` (see the module docstring) as ``profile``'s release does
        (a ``toolkit.versions.Profile``; default: the newest release)."""
        started = time.perf_counter()
        display = self.display(path)
        result = CaseResult("?", Path(path).stem, display)
        try:
            cassette = self.load(Path(path), display)
            result.blueprint = cassette.blueprint
            self._run(cassette, result, profile)
        except ToolkitError as exc:
            result.problems += [d.located for d in exc.diagnostics]
        if update and result.actual is not None and not _request_problems(result):
            self._cassettes.pop((Path(path), display), None)
            result.diff = _rewrite_expected(Path(path), display, result.actual)
            if result.diff:
                result.problems = [p for p in result.problems if not p.startswith(("expected ", "output differs"))]
        result.seconds = time.perf_counter() - started
        return result

    def load(self, path: Path, display: str | None = None) -> Cassette:
        """The cassette (``load_cassette`` parses each unchanged file once per process; the runner, which
        asks for it once per release, confines and reads it once); one outside contracts/ is refused
        unread (BP005). ``display``: how to name it (default: relative to the project)."""
        from toolkit.paths import PathEscape, within

        display = display or self.display(path)
        key = (Path(path), display)
        if key in self._cassettes:
            return self._cassettes[key]
        try:
            within(path, self.project.contracts, self.project.root, display)
        except PathEscape as exc:
            raise ToolkitError(Diagnostic("BP005", f"contract case {exc}; not read", file=display)) from None
        self._cassettes[key] = load_cassette(path, display)
        return self._cassettes[key]

    def manifest(self, blueprint: str):
        """The manifest of ``blueprint``, loaded once."""
        from toolkit.manifest import find_manifest

        if blueprint not in self._manifests:
            self._manifests[blueprint] = find_manifest(self.project, blueprint)
        return self._manifests[blueprint]

    def rendered(self, cassette: Cassette):
        """The case's blueprint rendered with its defaults and the case's ``variables`` (once per variables;
        ``toolkit.render.Rendered``)."""
        from toolkit.render import render

        manifest = self.manifest(cassette.blueprint)
        key = json.dumps([cassette.blueprint, cassette.variables], sort_keys=True, default=str)
        if key not in self._rendered:
            variables = {**manifest.defaults(), **cassette.variables}
            secrets = {name: FAKE_AWS_SECRETS[name] for name in manifest.secrets if name in FAKE_AWS_SECRETS}
            self._rendered[key] = render(manifest, self.project, variables, secrets)
        return self._rendered[key]

    def connector(self, cassette: Cassette) -> tuple[dict, list[str]]:
        """The case's rendered connector and the cluster's trusted endpoints for it (the blueprint's own,
        unless the settings give the cluster's list)."""
        manifest = self.manifest(cassette.blueprint)
        return self.rendered(cassette).connector, self.settings.trusted_endpoints(manifest=manifest)

    def refusals(self, cassette: Cassette, profile) -> list[Diagnostic]:
        """Why ML Commons on ``profile``'s release, with the runner's cluster settings, refuses to create the
        case's connector: the checker's create-time errors (``toolkit.check.create_time``)."""
        from toolkit.check.create_time import create_time_refusals
        from toolkit.check.targets import manifest_target

        manifest = self.manifest(cassette.blueprint)
        rendered = self.rendered(cassette)
        if id(rendered) not in self._targets:
            self._targets[id(rendered)] = manifest_target(manifest, self.project, "contract cases", rendered)
        target = self._targets[id(rendered)].replace(cache={})  # the rules' memos are per release
        return create_time_refusals(target, self.settings.check_config(profile, manifest), profile)

    def predict(self, cassette: Cassette, profile, transport, *, body: dict | None = None, action: str | None = None,
                show=None):
        """Run the case's ``input`` (or ``body``) through its connector as ``profile``'s release does with the
        runner's cluster settings, sending with ``transport``: a ``PredictResult``, or ``PredictError``."""
        from toolkit.mlcommons.predict import predict

        manifest = self.manifest(cassette.blueprint)
        connector = self.rendered(cassette).connector
        return predict(connector, cassette.input if body is None else body, transport=transport, profile=profile,
                       credentials=assumed_role_credentials(manifest, connector), action=action or cassette.action,
                       show=show, **self.settings.predict_arguments(profile, manifest))

    def _run(self, cassette: Cassette, result: CaseResult, profile) -> None:
        from toolkit.mlcommons.inputs import InputError
        from toolkit.mlcommons.predict import EmulatorLimit, PredictError
        from toolkit.versions import Profile

        profile = profile or Profile.for_version(jdk=self.jdk)
        result.release = profile.release.short
        refused = self.refusals(cassette, profile)
        if refused:
            result.problems += [f"ML Commons refuses to create the connector: {d.located} ({d.code})" for d in refused]
            return
        schemas = self.provider_schemas()
        server = self.server()
        server.serve(cassette.interactions)
        send, sent = self.transport(), []

        def transport(request):
            sent.append(request)
            return send(request)

        try:
            output = self.predict(cassette, profile, transport)
            result.actual = {"output": json.loads(output.to_json())}
        except PredictError as exc:
            result.actual = {"error": {"status": exc.status, "message": exc.message}}
        except (EmulatorLimit, InputError) as exc:
            result.problems.append(f"the emulator cannot run this case: {exc}")
        result.problems += [miss.report().rstrip() for miss in server.misses]
        result.problems += [f"interaction #{index + 1} was never requested" for index in server.unused()]
        answered = server.answered + [None] * (len(sent) - len(server.answered))  # a request the server never got
        result.exchanges = [(request, interaction.response if interaction else None)
                            for request, interaction in zip(sent, answered)]
        if schemas is not None:
            named = self._manifests[cassette.blueprint].provider_api
            refused = [p for r in sent for p in self._request_problems(schemas, r, named)]
            if cassette.invalid_request is None:
                result.problems += refused
            elif not any(p.startswith("the request to ") for p in refused):
                result.problems.append(f"the case sends an invalid request on purpose ({cassette.invalid_request}), "
                                       "but the provider request schema accepts it: make the schema refuse it")
        if result.actual is not None and not server.misses:
            result.problems += _compare(cassette.expected_on(profile.release), result.actual)


def _request_problems(result: CaseResult) -> bool:
    return any(not p.startswith(("expected ", "output differs")) for p in result.problems)


def _typed(value: Any) -> Any:
    """JSON data with numbers tagged by kind, so ``2`` and ``2.0`` differ (Java prints them differently)."""
    if isinstance(value, dict):
        return {key: _typed(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_typed(item) for item in value]
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return value
    return (type(value).__name__, value)


def _compare(expected, actual: dict) -> list[str]:
    if expected.error is not None:
        want = {"error": {"status": expected.error.status, "message": expected.error.message}}
        if actual == want:
            return []
        if "error" in actual:
            return [f"expected error {expected.error.status} {expected.error.message!r}, "
                    f"got {actual['error']['status']} {actual['error']['message']!r}"]
        return [f"expected error {expected.error.status} {expected.error.message!r}, got an output: "
                f"{json.dumps(actual['output'], ensure_ascii=False)}"]
    if "error" in actual:
        return [f"expected an output, got error {actual['error']['status']} {actual['error']['message']!r}"]
    if _typed(actual["output"]) == _typed(expected.output):
        return []
    return ["output differs from expected.output:\n" + _unified(_pretty(expected.output), _pretty(actual["output"]),
                                                                "expected", "actual")]


def _pretty(data: Any) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def _unified(old: str, new: str, old_name: str, new_name: str) -> str:
    return "".join(difflib.unified_diff(old.splitlines(True), new.splitlines(True), old_name, new_name))


def _rewrite_expected(path: Path, display: str, actual: dict) -> str:
    """Replace ``expected`` in the YAML text, keeping everything else; return the unified diff ('' if same)."""
    import io

    from toolkit.yamlload import round_trip

    yaml = round_trip()
    yaml.width = 1 << 16
    yaml.indent(mapping=2, sequence=4, offset=2)
    old = path.read_text(encoding="utf-8")
    data = yaml.load(old)
    if _typed(json.loads(json.dumps(data.get("expected")))) == _typed(actual):
        return ""
    data["expected"] = json.loads(json.dumps(actual, sort_keys=True))  # sorted keys, as the cassette writer writes
    out = io.StringIO()
    yaml.dump(data, out)
    new = out.getvalue()
    before, after = load_cassette(path, display), _reload(new, display)
    if before.interactions != after.interactions or before.input != after.input:
        raise ToolkitError(Diagnostic("BP004", "rewriting expected would change the interactions; nothing written",
                                      file=display))
    write_atomic(path, new)
    return _unified(old, new, f"a/{display}", f"b/{display}")


def _reload(text: str, display: str) -> Cassette:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        temp = Path(folder) / "case.yaml"
        temp.write_text(text, encoding="utf-8")
        return load_cassette(temp, display)
