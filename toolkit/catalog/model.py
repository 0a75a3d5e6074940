"""The catalog model: everything the pages, ``catalog.json`` and the Markdown show, built once from a
``BuildReport``.

A blueprint is in the catalog when the build rendered it (a manifest that does not load or render
has nothing to show and is listed in ``Catalog.skipped``). Its status says what the build found:
``check`` is ``ok`` when no error other than a failing contract case was reported, ``contract``
counts the cases that passed. A failing blueprint is published with its status and findings, so
the catalog never hides what was checked.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

from toolkit.diagnostics import Severity

_PLACEHOLDER = re.compile(r"^<([A-Za-z0-9_]+)>$")


@dataclass
class Variable:
    name: str
    type: str
    required: bool
    default: str | None  # JSON text, None when there is no default
    allowed: str  # enum values or limits, as text
    description: str


@dataclass
class Rendering:
    """One variable set the build rendered: ``default`` or a named example."""

    name: str
    description: str
    variables: dict
    connector: dict  # in canonical key order
    text: str  # exactly what ``blueprint render`` prints and the copy button copies

    @property
    def anchor(self) -> str:
        return "connector-" + re.sub(r"[^a-z0-9-]+", "-", self.name.lower())


@dataclass
class Case:
    name: str
    file: str
    description: str
    passed: bool
    provenance: dict  # {"kind": "documented", "source": ...} or {"kind": "recorded", "recorded_at": ...}
    input: dict
    output: dict | None  # the expected ML Commons output, or None for an error case
    error: dict | None  # {"status": ..., "message": ...}
    variables: dict
    exchanges: list = field(default_factory=list)  # toolkit.catalog.evidence.Exchange per call to the provider
    ran_on: str = ""  # the release (short) of the run the exchanges come from
    fails_on: list[str] = field(default_factory=list)  # releases the blueprint applies to on which the case fails

    @property
    def provenance_text(self) -> str:
        p = self.provenance
        if p.get("kind") == "recorded":
            when = p.get("recorded_at") or "an unknown date"
            return f"recorded live from the provider on {when}" + (
                f" (toolkit {p['toolkit_version']})" if p.get("toolkit_version") else "")
        return "written from the provider's documentation" + (f": {p['source']}" if p.get("source") else "")


@dataclass
class Flow:
    """The predict action's path: what the diagram draws."""

    input_kind: str
    pre_process: str
    method: str
    url: str
    post_process: str
    response_filter: str | None


@dataclass
class Finding:
    code: str
    severity: str
    message: str
    where: str


@dataclass
class Entry:
    id: str
    title: str
    description: str
    provider: str
    task: str
    protocol: str
    opensearch_minimum: str
    manifest_file: str
    tags: list[str]
    links: list[dict]
    variables: list[Variable]
    secrets: list[tuple[str, str]]
    inputs: dict
    renderings: list[Rendering]
    cases: list[Case]
    rules: list[str]  # ids of the rules the blueprint was checked with
    suppressed: dict[str, str]  # rule id -> reason from the manifest
    findings: list[Finding]
    errors: int
    warnings: int
    callers: dict[str, bool] = field(default_factory=dict)
    managed_only: bool = False  # opensearch.managed_service_only: Amazon OpenSearch Service only
    release: str = ""  # the OpenSearch release the pages show first (the newest, or the one built for)
    compatibility: dict[str, str] = field(default_factory=dict)  # release (short) -> pass, fail or n/a
    proven_from: str | None = None  # the oldest release from which the contract cases pass on every release
    # the Amazon OpenSearch Service variant of each rendering, as the build checked it (the renderings themselves
    # for a managed-only blueprint; none when the blueprint has no variant), and how to set it up
    managed_variants: list[Rendering] = field(default_factory=list)
    managed_service: object | None = None  # toolkit.catalog.managed.ManagedService
    settings_by_release: dict = field(default_factory=dict)  # release (short) -> settings_step.Needs on it
    trusted_endpoints: list[str] = field(default_factory=list)  # the manifest's own regexes
    variables_schema: dict = field(default_factory=dict)  # the manifest's variables (JSON Schema)
    sources: list[str] = field(default_factory=list)  # the files it is made of, project-relative (content_hash)
    content_hash: str = ""  # sha256 over ``sources`` (toolkit.catalog.content_hash)
    revision: object = None  # toolkit.catalog.history.Revision: the commits that touched the blueprint's files
    customise: object = None  # toolkit.catalog.customise.Customise: the page's form
    recipes: list = field(default_factory=list)  # toolkit.catalog.recipes.CallerRecipe per verified caller

    def releases_passing(self) -> list[str]:
        """The releases (short) on which the blueprint's contract cases pass."""
        return [release for release, status in self.compatibility.items() if status == "pass"]

    @property
    def connector(self) -> Rendering:
        return self.renderings[0]

    @property
    def version(self) -> str:
        """The connector's ``version`` (ML Commons keeps it as text; ``blueprints/versions.lock`` vouches for it)."""
        return str(self.connector.connector.get("version", ""))

    @property
    def check_status(self) -> str:
        return "ok" if self.errors == 0 else "failed"

    @property
    def cases_passed(self) -> int:
        return sum(c.passed for c in self.cases)

    @property
    def contract_status(self) -> str:
        if not self.cases:
            return "none"
        return "ok" if self.cases_passed == len(self.cases) else "failed"

    @property
    def ok(self) -> bool:
        return self.check_status == "ok" and self.contract_status != "failed"

    @property
    def sample(self) -> Case | None:
        """The case shown as the sample predict call: the first passing one with an output."""
        with_output = [c for c in self.cases if c.output is not None]
        return next((c for c in with_output if c.passed), with_output[0] if with_output else
                    (self.cases[0] if self.cases else None))

    @property
    def flow(self) -> Flow:
        return flow_of(self.connector.connector, self.inputs.get("format", "parameters"))

    @property
    def page(self) -> str:
        """The blueprint's HTML page, relative to the site root."""
        return f"blueprints/{self.id}.html"

    @property
    def markdown(self) -> str:
        return f"markdown/{self.id}.md"


@dataclass
class Catalog:
    entries: list[Entry]
    rules: list  # toolkit.check.model.Rule, every rule of the registry
    checked_with: list[str]  # ids of the rules the build ran
    toolkit_version: str
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (manifest, why)
    release: str = ""  # the release the pages show first (and, when given, the build is for)
    release_given: bool = False  # --opensearch-version named it (else: the newest release)
    needs_newer: list[tuple[str, str]] = field(default_factory=list)  # (blueprint, its minimum) left out
    releases: list[str] = field(default_factory=list)  # the compatibility columns (short), oldest first
    release_facts: dict = field(default_factory=dict)  # release (short) -> settings_step.ReleaseFacts
    history: object = None  # toolkit.catalog.history.History: the build stamp and every blueprint's commits

    @property
    def has_callers(self) -> bool:
        return any(e.callers for e in self.entries)

    def values(self, attribute: str) -> list[str]:
        return sorted({getattr(e, attribute) for e in self.entries})


class SecretLeak(Exception):
    """A connector in the model carries something other than a secret placeholder."""


def from_report(report) -> Catalog:
    """The catalog of every blueprint the build rendered."""
    from toolkit import __version__
    from toolkit.catalog.settings_step import release_facts
    from toolkit.check.registry import all_rules
    from toolkit.versions import Profile

    from toolkit.catalog.history import History, read_history

    rules = all_rules()
    profile = report.profile or Profile.for_version()  # without --opensearch-version: the newest release
    releases = {release.short: Profile.for_version(release.short) for release in catalog_releases(report.profile)}
    facts = {short: release_facts(release) for short, release in releases.items()}
    history = read_history(report.project.root) if report.project is not None else History()
    entries, skipped = [], []
    needs_newer = [(result.id, str(result.minimum)) for result in report.results if not result.applies]
    for result in report.built:
        targets = [t for t in result.targets if t.manifest is not None]
        if not targets:
            why = next((d.message for d in result.diagnostics), "not rendered")
            skipped.append((result.id, why))
            continue
        try:
            entries.append(_entry(result, targets, report.rules or list(rules), profile,
                                  compatibility(result, [p.release for p in releases.values()], report.profile),
                                  releases, facts, history))
        except SecretLeak as exc:
            skipped.append((result.id, str(exc)))
    entries.sort(key=lambda e: e.id)
    return Catalog(entries, list(rules.values()), list(report.rules or rules), __version__, skipped,
                   profile.release.short, report.profile is not None, needs_newer, list(releases), facts, history)


def catalog_releases(profile=None) -> list:
    """The releases the catalog reports on, oldest first: every tagged release the emulator models, or
    only the one the build is for."""
    from toolkit.versions import RELEASES
    from toolkit.versions.matrix import floor

    if profile is not None:
        return [profile.release]
    return [release for release in RELEASES if not release.dev and release >= floor()]


def compatibility(result, releases, profile=None) -> tuple[dict[str, str], str | None]:
    """Each release (short) -> ``pass``, ``fail``, ``untested`` or ``n/a`` for the blueprint of ``result``,
    from the build's per-release contract runs; and the oldest release from which every later one passes.

    A release the matrix did not run behaves as the latest release it ran before it (no fact changes in
    between); a release older than the declared minimum (or the emulator's floor) is ``n/a``; a blueprint
    without contract cases is ``untested`` where it applies. A build for one release ran no matrix: its
    verdict is the blueprint's cases on that release.
    """
    from toolkit.versions.matrix import runs_on

    def status(release) -> str:
        if not runs_on(result.minimum, release) or not result.applies:
            return "n/a"
        if result.matrix is not None:
            return result.matrix.status(release)
        if not result.case_results:
            return "untested"
        return "pass" if all(r.ok for r, _ in result.case_results) else "fail"

    table = {release.short: status(release) for release in releases}
    proven = None
    for release in reversed(list(table)):
        if table[release] != "pass":
            break
        proven = release
    return table, proven


def _entry(result, targets, rule_ids: list[str], profile, compatible: tuple[dict[str, str], str | None],
           releases: dict, facts: dict, history) -> Entry:
    from toolkit.catalog.content_hash import content_hash, source_files
    from toolkit.catalog.settings_step import Needs, needs
    from toolkit.catalog.customise import customise
    from toolkit.catalog.recipes import recipes
    from toolkit.render import canonical_order

    manifest = targets[0].manifest
    data = manifest.data
    examples = {e["name"]: e.get("description", "") for e in data.get("examples", [])}
    sets = dict(manifest.variable_sets())
    renderings = []
    for target in targets:
        connector = canonical_order(target.connector)
        _refuse_secrets(connector, manifest)
        variables = dict(sets.get(target.label, {}))
        renderings.append(Rendering(target.label, examples.get(target.label, "The manifest's defaults."), variables,
                                    connector, json.dumps(connector, indent=2, ensure_ascii=False) + "\n"))
    variants, managed = _managed(result, manifest, renderings)
    rendered = {(manifest.id, r.name): r.connector for r in renderings}
    settings = {short: needs(manifest, release, rendered, facts[short]) if compatible[0].get(short) != "n/a"
                else Needs(available=False) for short, release in releases.items()}
    sources = source_files(manifest, targets)
    suppressed = dict(data.get("suppress", {}))
    form = customise(manifest, renderings)
    errors = [d for d in result.diagnostics if d.severity is Severity.ERROR and d.code != "BP020"]
    callers = dict(getattr(result, "callers", None) or {})
    entry = Entry(
        id=manifest.id, title=manifest.title, description=data.get("description", ""), provider=manifest.provider,
        task=manifest.task, protocol=manifest.protocol, opensearch_minimum=str(manifest.min_opensearch),
        manifest_file=manifest.file, tags=list(data.get("tags", [])), links=list(data.get("links", [])),
        variables=_variables(manifest.variables_schema),
        secrets=[(name, spec.get("description", "")) for name, spec in manifest.secrets.items()],
        inputs=dict(data.get("inputs", {})), renderings=renderings,
        cases=[_case(result, index, [p.release for p in releases.values()], compatible[0])
               for index, (_, cassette) in enumerate(result.case_results) if cassette],
        rules=[r for r in rule_ids if r not in suppressed], suppressed=suppressed,
        findings=[Finding(d.code, d.severity.value, d.message, d.location) for d in result.diagnostics],
        errors=len(errors), warnings=result.warnings, callers=callers,
        managed_only=bool((data.get("opensearch") or {}).get("managed_service_only")),
        release=profile.release.short, compatibility=compatible[0], proven_from=compatible[1],
        managed_variants=variants, managed_service=managed,
        settings_by_release=settings, trusted_endpoints=list(manifest.trusted_endpoints),
        variables_schema=manifest.variables_schema, sources=sources,
        content_hash=content_hash(manifest.project.root, sources),
        revision=history.revision([manifest.file, *(source for t in targets for source in t.sources),
                                   *(f"contracts/{case}" for case in manifest.contracts)]),
        customise=form,
    )
    entry.recipes = recipes(callers, entry.sample, entry.opensearch_minimum)
    return entry


def _managed(result, manifest, renderings: list[Rendering]) -> tuple[list[Rendering], object | None]:
    """The variants the build checked (``BlueprintResult.managed_targets``), in the catalog's form, and the
    managed-service set-up they need; each credential must be a placeholder of the variant's secrets."""
    from toolkit.catalog.managed import managed_service
    from toolkit.managed_service import managed_manifest
    from toolkit.render import canonical_order

    targets = [t for t in getattr(result, "managed_targets", []) if t.manifest is not None]
    if not targets:
        return [], None
    if manifest.managed_service_only:
        return list(renderings), managed_service(manifest, renderings[0].connector)
    managed = managed_manifest(manifest)
    by_name = {r.name: r for r in renderings}
    variants = []
    for target in targets:
        connector = canonical_order(target.connector)
        _refuse_secrets(connector, managed)
        base = by_name[target.label]
        variants.append(Rendering(target.label, base.description, base.variables, connector,
                                  json.dumps(connector, indent=2, ensure_ascii=False) + "\n"))
    return variants, managed_service(manifest, variants[0].connector)


def _refuse_secrets(connector: dict, manifest) -> None:
    """Every credential value must be the placeholder of a declared secret: never publish a real one."""
    for key, value in (connector.get("credential") or {}).items():
        match = _PLACEHOLDER.match(value) if isinstance(value, str) else None
        if not match or match.group(1) not in manifest.secrets:
            raise SecretLeak(f"{manifest.id}: credential {key!r} is not a secret placeholder; refusing to publish it")


def _variables(schema: dict) -> list[Variable]:
    required = set(schema.get("required", []))
    out = []
    for name, spec in schema.get("properties", {}).items():
        kind = spec.get("type", "any")
        kind = " or ".join(kind) if isinstance(kind, list) else kind
        limits = []
        if "enum" in spec:
            limits.append("one of " + ", ".join(json.dumps(v, ensure_ascii=False) for v in spec["enum"]))
        for key, word in (("minimum", "at least"), ("maximum", "at most"), ("minLength", "length at least"),
                          ("maxLength", "length at most"), ("pattern", "matches")):
            if key in spec:
                limits.append(f"{word} {spec[key]}")
        default = json.dumps(spec["default"], ensure_ascii=False) if "default" in spec else None
        out.append(Variable(name, kind, name in required, default, "; ".join(limits),
                            " ".join(str(spec.get("description", "")).split())))
    return out


def _case(blueprint, index: int, releases: list, statuses: dict[str, str]) -> Case:
    """Case ``index`` of the blueprint's build result, with its evidence (``toolkit.catalog.evidence``)."""
    from toolkit.catalog import evidence
    from toolkit.contract.scrub import SecretLeakError

    result, cassette = blueprint.case_results[index]
    expected = cassette.expected
    error = {"status": expected.error.status, "message": expected.error.message} if expected.error else None
    provenance = {k: v for k, v in vars(cassette.provenance).items() if v is not None}
    try:
        exchanges = evidence.exchanges(result)
    except SecretLeakError as exc:
        raise SecretLeak(f"{blueprint.id}: contract case {result.case}: {exc}") from None
    return Case(result.case, result.file, cassette.description, result.ok, provenance, cassette.input,
                expected.output, error, dict(cassette.variables), exchanges, result.release,
                evidence.fails_on(blueprint, index, releases, statuses))


def flow_of(connector: dict, input_kind: str) -> Flow:
    actions = [a for a in connector.get("actions", []) if isinstance(a, dict)]
    action = next((a for a in actions if a.get("action_type") == "predict"), actions[0] if actions else {})
    params = connector.get("parameters") or {}
    return Flow(input_kind, _process(action.get("pre_process_function"), "parameters used as given"),
                str(action.get("method", "POST")), _create_time_url(str(action.get("url", "")), params),
                _process(action.get("post_process_function"), "the provider's JSON as the output"),
                params.get("response_filter") if isinstance(params.get("response_filter"), str) else None)


def _create_time_url(url: str, params: dict) -> str:
    """The URL with the connector's parameters substituted, as ML Commons does at creation."""
    from toolkit.mlcommons.endpoint import substitute_url
    from toolkit.mlcommons.params import parameter_map

    try:
        return substitute_url(url, parameter_map(params if isinstance(params, dict) else {}))
    except Exception:  # noqa: BLE001 - a diagram label; the checker reports bad parameters
        return url


def _process(function: object, none: str) -> str:
    if not isinstance(function, str) or not function.strip():
        return none
    if function.startswith("connector."):
        return f"built-in {function}"
    lines = len([line for line in function.splitlines() if line.strip()])
    return f"Painless script ({lines} line{'s' if lines != 1 else ''})" if lines > 1 else "Painless script"
