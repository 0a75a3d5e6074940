"""The main job: every shipped blueprint through every stage, with a per-blueprint verdict.

Stages today: load the manifest, render each variable set (defaults and each named example) and
validate the connector against ``connector.schema.json``. Later stages (check, contract tests,
catalog) append to the same report so ``blueprint build`` stays the one command that runs it all.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

from toolkit.diagnostics import Diagnostic, ToolkitError
from toolkit.manifest import Manifest, load_manifest, schema_errors
from toolkit.project import Project


@dataclass
class BlueprintResult:
    id: str
    provider: str = "?"
    task: str = "?"
    protocol: str = "?"
    renders: int = 0
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not any(d.severity.value == "error" for d in self.diagnostics)


@dataclass
class BuildReport:
    results: list[BlueprintResult]
    seconds: float

    @property
    def failed(self) -> list[BlueprintResult]:
        return [r for r in self.results if not r.ok]


def connector_schema_problems(manifest: Manifest, set_name: str, connector: dict, template_file: str) -> list[Diagnostic]:
    """BP014 diagnostics for a rendered connector that the connector schema rejects."""
    out = []
    for err in schema_errors("connector.schema.json", connector):
        where = "/" + "/".join(map(str, err.absolute_path))
        out.append(Diagnostic("BP014", f"[{set_name}] connector {where}: {err.message}", file=template_file,
                              pointer=where))
    return out


def build_one(path, project: Project) -> BlueprintResult:
    from toolkit.render import render

    result = BlueprintResult(project.relative(path))
    try:
        manifest = load_manifest(path, project)
    except ToolkitError as err:
        result.diagnostics.extend(err.diagnostics)
        return result
    result.id, result.provider, result.task, result.protocol = manifest.id, manifest.provider, manifest.task, manifest.protocol
    for set_name, variables in manifest.variable_sets():
        try:
            rendered = render(manifest, project, variables)
        except ToolkitError as err:
            result.diagnostics.extend(err.diagnostics)
            continue
        result.renders += 1
        result.diagnostics.extend(connector_schema_problems(manifest, set_name, rendered.connector, rendered.template))
    return result


def run_build(project: Project, on_progress: Callable[[int, int, BlueprintResult], None] | None = None) -> BuildReport:
    started = time.perf_counter()
    paths = project.manifest_paths()
    results = []
    for index, path in enumerate(paths, 1):
        results.append(build_one(path, project))
        if on_progress:
            on_progress(index, len(paths), results[-1])
    return BuildReport(results, time.perf_counter() - started)
