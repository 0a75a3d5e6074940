"""The main job: every shipped blueprint through every stage, with a per-blueprint verdict.

Stages today: load the manifest, render each variable set (defaults and each named example),
validate each connector against ``connector.schema.json``, run the checker's rules, and replay
every contract case the manifest lists (``BP020 contract-failed`` per failing case), and every
caller the manifest declares (``BP021 caller-failed`` per failing caller and case). The contract
cases (if any) then run on every release from the blueprint's ``opensearch.minimum`` to the newest
(``toolkit.contract.matrix``): ``BP022 minimum-not-proven`` when they do not all pass on the declared
minimum (or it is older than the emulation floor), ``BP020`` for a case that fails on a release after
one it passes on, or whose ``expected_by_version`` entry covers no release run. Later stages (catalog) append to the same report, so ``blueprint build`` stays
the one command that runs it all.

With a ``Profile`` (``--opensearch-version X``) the build is for that one release: the checker's
create-time rules are those X enforces, the contract cases and callers run as X, no matrix is run,
and a blueprint whose ``opensearch.minimum`` is newer than X is not built (``applies`` is False).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from toolkit.diagnostics import Diagnostic, Severity
from toolkit.manifest import schema_errors
from toolkit.project import Project


@dataclass
class BlueprintResult:
    id: str
    provider: str = "?"
    task: str = "?"
    protocol: str = "?"
    renders: int = 0
    cases: int = 0
    cases_passed: int = 0
    diagnostics: list[Diagnostic] = field(default_factory=list)
    # kept for later stages (the catalog), so nothing is rendered or replayed twice
    targets: list = field(default_factory=list, repr=False)  # toolkit.check.model.Target per variable set
    case_results: list = field(default_factory=list, repr=False)  # (CaseResult, Cassette) per case
    callers: dict[str, bool] = field(default_factory=dict)  # declared caller -> verified (toolkit.callers)
    caller_results: list = field(default_factory=list, repr=False)  # toolkit.callers.run.CallerResult per run
    minimum: str = "?"  # opensearch.minimum as declared
    matrix: object = field(default=None, repr=False)  # toolkit.contract.matrix.CaseMatrix
    applies: bool = True  # False: the build is for a release older than opensearch.minimum
    managed_targets: list = field(default_factory=list, repr=False)  # the Amazon OpenSearch Service variant per target

    @property
    def ok(self) -> bool:
        return not any(d.severity is Severity.ERROR for d in self.diagnostics)

    @property
    def warnings(self) -> int:
        return sum(d.severity is Severity.WARNING for d in self.diagnostics)


@dataclass
class BuildReport:
    results: list[BlueprintResult]
    seconds: float
    rules: list[str] = field(default_factory=list)  # ids of the rules the blueprints were checked with
    profile: object = None  # the release the build is for (--opensearch-version); None: every release
    project: Project | None = None  # the project built (the catalog reads its git history)

    @property
    def failed(self) -> list[BlueprintResult]:
        return [r for r in self.results if not r.ok]

    @property
    def built(self) -> list[BlueprintResult]:
        """The blueprints built for the report's release (all of them without one)."""
        return [r for r in self.results if r.applies]

    @property
    def releases(self) -> list:
        """The matrix's columns: every release some blueprint's cases ran on, oldest first."""
        return sorted({release for r in self.results if r.matrix for release in r.matrix.results})


def connector_schema_problems(target) -> list[Diagnostic]:
    """BP014 diagnostics for a rendered connector that the connector schema rejects."""
    out = []
    for err in schema_errors("connector.schema.json", target.connector):
        where = "/" + "/".join(map(str, err.absolute_path))
        location = target.locate(where if err.absolute_path else "", None)
        position = location.position
        out.append(Diagnostic("BP014", f"[{target.label}] connector {where}: {err.message}", file=location.file,
                              line=position.line if position else None, column=position.column if position else None,
                              pointer=where))
    return out


def contract_problems(manifest, project: Project, runner, keep: list | None = None,
                      profile=None) -> tuple[int, int, list[Diagnostic]]:
    """(cases, passed, BP020 diagnostics) for the contract cases ``manifest`` lists, run as ``profile``'s
    release (default: the newest); ``keep`` receives (CaseResult, Cassette or None) per case."""
    from toolkit.contract.runner import case_paths
    from toolkit.diagnostics import ToolkitError

    paths = [p for p in case_paths(project, manifest) if p.is_file()]  # a missing file is BP003 already
    runner.add_manifest(manifest)
    results = [runner.run(path, profile=profile) for path in paths]
    if keep is not None:
        for path, result in zip(paths, results):
            try:
                keep.append((result, runner.load(path, result.file)))  # cached by the runner: no second parse
            except ToolkitError:
                keep.append((result, None))
    out = [Diagnostic("BP020", f"contract case {r.case} failed: " + "; ".join(r.problems), file=r.file)
           for r in results if not r.ok]
    return len(results), len(results) - len(out), out


def matrix_problems(manifest, project: Project, runner, newest: list) -> tuple[object, list[Diagnostic]]:
    """(CaseMatrix, BP022 and BP020 diagnostics, see the module docstring): the contract cases on every
    release from the manifest's minimum; ``newest`` are the results already run on the newest release."""
    from toolkit.contract.matrix import run_matrix
    from toolkit.contract.runner import case_paths
    from toolkit.versions import NEWEST
    from toolkit.versions.matrix import below_floor, floor

    paths = [p for p in case_paths(project, manifest) if p.is_file()]
    matrix = run_matrix(runner, paths, manifest.min_opensearch, {NEWEST: newest})
    out = [Diagnostic("BP020", f"contract case {Path(file).stem} fails on "
                               f"{', '.join(release.short for release in releases)} after passing on an older release",
                      file=file) for file, releases in matrix.regressions().items() if NEWEST not in releases]
    out += _unused_entries(runner, paths, matrix, manifest.min_opensearch)
    first, proven = next(iter(matrix.results)), matrix.proven_from()
    advice = ("no release passes every case" if proven is None else
              f"raise opensearch.minimum to {proven.short}" if proven == first else
              f"every case passes from {proven.short} on: raise opensearch.minimum to {proven.short}, or give the "
              "failing cases expected_by_version for the older releases")
    where = ["opensearch", "minimum"]
    if below_floor(manifest.min_opensearch):
        out.append(manifest.doc.diagnostic("BP022", f"opensearch.minimum {manifest.min_opensearch} is not proven: "
                                                    f"emulation starts at {floor().short}, so no contract case runs "
                                                    f"on it; {advice}", where))
    elif not matrix.passed(first):
        failing = [r.case for r in matrix.results[first] if not r.ok]
        out.append(manifest.doc.diagnostic("BP022", f"opensearch.minimum {manifest.min_opensearch} is not proven: "
                                                    f"contract case {', '.join(failing)} fails on {first.short} "
                                                    f"({_first_problem(matrix.results[first])}); {advice}", where))
    return matrix, out


def _unused_entries(runner, paths: list, matrix, minimum: str) -> list[Diagnostic]:
    """BP020 for each ``expected_by_version`` entry that covers no release the matrix runs."""
    from toolkit.diagnostics import ToolkitError

    out = []
    for path in paths:
        try:
            cassette = runner.load(path, runner.project.relative(path))
        except ToolkitError:
            continue  # the case's own BP020 says why
        for index, entry in enumerate(cassette.expected_by_version):
            if not any(entry.releases.covers(release) for release in matrix.results):
                out.append(cassette.source.diagnostic(
                    "BP020", f"contract case {path.stem}: expected_by_version/{index} ({entry.releases}) is older than "
                             f"opensearch.minimum {minimum}: it is never run", ["expected_by_version", index, "releases"]))
    return out


def _first_problem(results: list) -> str:
    return next(r.problems[0].splitlines()[0].rstrip(":") for r in results if not r.ok)


def caller_problems(manifest, project: Project, runner, profile=None) -> tuple[dict[str, bool], list, list[Diagnostic]]:
    """(caller -> verified, CallerResults, BP021 diagnostics) for the callers ``manifest`` declares, as
    ``profile``'s release (default: the newest)."""
    from toolkit.callers.run import run_callers

    if not manifest.callers:
        return {}, [], []
    results = run_callers(project, manifest, runner, profile=profile)
    verdicts = {name: all(r.ok for r in results if r.caller == name) for name in manifest.callers}
    out = [Diagnostic("BP021", f"caller {r.caller} failed on contract case {r.case}: " + "; ".join(r.problems),
                      file=r.file if r.case != "-" else manifest.file) for r in results if not r.ok]
    return verdicts, results, out


def build_one(path: Path, project: Project, config, rules, runner=None, profile=None) -> BlueprintResult:
    from toolkit.check.runner import run_rules
    from toolkit.check.targets import collect

    result = _unloaded(path, project)
    collected = collect([path], project, project.root)
    result.diagnostics.extend(collected.diagnostics)
    if collected.targets:
        manifest = collected.targets[0].manifest
        result.id, result.provider, result.task, result.protocol = manifest.id, manifest.provider, manifest.task, manifest.protocol
        result.minimum = manifest.min_opensearch
        if profile is not None and not _applies(manifest, profile):
            result.applies = False
            return result
    result.targets = list(collected.targets)
    for target in collected.targets:
        result.renders += 1
        result.diagnostics.extend(connector_schema_problems(target))
    result.diagnostics.extend(run_rules(collected.targets, rules, config))
    result.managed_targets, problems = managed_service_problems(collected.targets, project, rules, config)
    seen = {(d.code, d.message, d.file, d.line, d.column) for d in result.diagnostics}
    result.diagnostics.extend(d for d in problems if (d.code, d.message.removeprefix(_VARIANT), d.file, d.line,
                                                      d.column) not in seen)  # what the variant adds
    if collected.targets and runner is not None:
        result.cases, result.cases_passed, problems = contract_problems(collected.targets[0].manifest, project, runner,
                                                                          result.case_results, profile)
        result.diagnostics.extend(problems)
        if result.cases and profile is None:
            result.matrix, problems = matrix_problems(collected.targets[0].manifest, project, runner,
                                                      [case for case, _ in result.case_results])
            result.diagnostics.extend(problems)
        result.callers, result.caller_results, problems = caller_problems(collected.targets[0].manifest, project,
                                                                          runner, profile)
        result.diagnostics.extend(problems)
    return result


def managed_service_problems(targets: list, project: Project, rules, config) -> tuple[list, list[Diagnostic]]:
    """(the Amazon OpenSearch Service variant of each target, their BP014 and rule diagnostics): each
    variant is checked as a managed-service-only rendering of its manifest (``toolkit.managed_service``).
    A managed-service-only blueprint is its own variant; one without a variant has none."""
    from toolkit.check.runner import run_rules
    from toolkit.check.targets import manifest_target
    from toolkit.managed_service import kind, managed_manifest, managed_rendering

    manifest = targets[0].manifest if targets else None
    if manifest is None or kind(manifest) is None:
        return [], []
    if manifest.managed_service_only:
        return list(targets), []
    managed = managed_manifest(manifest)
    variants = [manifest_target(managed, project, target.label, managed_rendering(target.rendered, manifest))
                for target in targets]
    problems = [d for target in variants for d in connector_schema_problems(target)] + run_rules(
        variants, [rule for rule in rules if rule.id not in _SHIPPED_ONLY], config)
    return variants, [d._replace(message=_VARIANT + d.message) for d in problems]


_VARIANT = "Amazon OpenSearch Service variant: "
_SHIPPED_ONLY = {"BP023"}  # the versions lock records the blueprint's own renderings, not the variants


def _applies(manifest, profile) -> bool:
    """Whether ``profile``'s release is one ``manifest`` declares it works on (a malformed minimum is
    the manifest schema's finding: the blueprint is built and that finding fails it)."""
    from toolkit.versions import UnknownRelease
    from toolkit.versions.matrix import runs_on

    try:
        return runs_on(str(manifest.min_opensearch), profile.release)
    except UnknownRelease:
        return True


def _guarded(path: Path, project: Project, config, rules, runner, profile) -> BlueprintResult:
    """``build_one``, with a crash reported as this blueprint's failure so the others still build."""
    from toolkit.diagnostics import ToolkitError

    try:
        return build_one(path, project, config, rules, runner, profile)
    except ToolkitError as exc:
        return _unloaded(path, project, exc.diagnostics)
    except Exception as exc:  # noqa: BLE001 - a bug: report it on this blueprint, keep building
        return _unloaded(path, project, [Diagnostic(
            "BP000", f"internal error while building: {type(exc).__name__}: {exc} (a bug: please report it)",
            file=project.relative(path))])


def _unloaded(path: Path, project: Project, diagnostics: list | None = None) -> BlueprintResult:
    """The result of a manifest not (yet) loaded: its file as id, the provider its folder names."""
    return BlueprintResult(project.relative(path), provider=path.parent.name, diagnostics=list(diagnostics or []))


def run_build(project: Project, on_progress: Callable[[int, int, BlueprintResult], None] | None = None,
              profile=None) -> BuildReport:
    """Build every blueprint of ``project``, for ``profile``'s release or (None) every release (module docstring)."""
    from toolkit.check.config import load_config
    from toolkit.check.registry import all_rules
    from toolkit.check.runner import selected_rules
    from toolkit.contract.runner import ContractRunner

    started = time.perf_counter()
    config, _ = load_config(project.root)
    if profile is not None:
        profile.require_emulation()
        config.target_version = profile.release.short
    rules = selected_rules(all_rules(), config)
    paths = project.manifest_paths()
    results = []
    with ContractRunner(project) as runner:
        for index, path in enumerate(paths, 1):
            results.append(_guarded(path, project, config, rules, runner, profile))
            if on_progress:
                on_progress(index, len(paths), results[-1])
    return BuildReport(results, time.perf_counter() - started, [rule.id for rule in rules], profile, project)
