"""``run_check``: config + targets + rules -> sorted diagnostics and an exit code."""

from __future__ import annotations

import os
import time
from collections import Counter
from pathlib import Path

from toolkit.diagnostics import Diagnostic, Severity, ToolkitError


class CheckResult:
    """What a check found: the diagnostics reports list (``toolkit.check.cap``), those found and counted but
    not listed (``omitted``), the files and connector bodies checked (one per Dev Tools call, JSON file or
    rendered variable set), and with no path whose blueprints were (``scope``: "the shipped catalog (DIR)")."""

    __slots__ = ("diagnostics", "files", "seconds", "fail_on", "omitted", "bodies", "scope")

    def __init__(self, diagnostics: list[Diagnostic], files: int, seconds: float, fail_on: Severity,
                 omitted: list[Diagnostic] | None = None, bodies: int = 0, scope: str = ""):
        self.diagnostics, self.files, self.seconds, self.fail_on = diagnostics, files, seconds, fail_on
        self.omitted = omitted if omitted is not None else []
        self.bodies, self.scope = bodies, scope

    @property
    def exit_code(self) -> int:
        return 1 if any(d.severity.rank >= self.fail_on.rank for d in self.diagnostics + self.omitted) else 0

    def summary(self) -> str:
        counts = Counter(d.severity.value for d in self.diagnostics + self.omitted)
        checked = f"checked {self.files} file(s)" + (f" of {self.scope}" if self.scope else "")
        if not self.diagnostics:
            return f"{checked}: no findings ({self.seconds:.2f} s)"
        parts = [f"{counts[s]} {s}{'s' if counts[s] != 1 and s != 'info' else ''}" for s in ("error", "warning", "info") if counts[s]]
        unlisted = f", {len(self.omitted):,} not listed" if self.omitted else ""
        return f"{checked}: {', '.join(parts)}{unlisted} ({self.seconds:.2f} s)"


def run_check(paths: list[Path], project_dir: str | None = None, config_file: Path | None = None,
              overrides: dict | None = None) -> CheckResult:
    from toolkit.check.cap import cap
    from toolkit.check.config import regex_problems, find_config, load_config, parse_config
    from toolkit.check.registry import all_rules
    from toolkit.check.runner import run_rules, selected_rules
    from toolkit.check.selectors import unknown_selectors
    from toolkit.check.targets import collect

    started = time.perf_counter()
    cwd = Path(os.getcwd())
    if config_file is not None:
        found = find_config(config_file.parent.resolve())
        if found is None or found[0].resolve() != config_file.resolve():
            raise ToolkitError(Diagnostic("BP001", "no [tool.blueprint] table in this file", file=str(config_file)))
        config = parse_config(found[1], str(config_file))
    else:
        config, _ = load_config(cwd)
    for key, value in (overrides or {}).items():
        if value is not None and value != []:
            setattr(config, key, value)
    given = (overrides or {}).get("trusted_endpoints") or []
    if given:
        config.extend_trusted_endpoints = []  # --trusted-endpoint replaces the configured lists
    config.regex_sources.update((regex, "--trusted-endpoint") for regex in given)
    problems = [f"--trusted-endpoint: {p}" for p in regex_problems("trusted_endpoints", given)]
    problems += [f"--{key}: {message}" for key in ("select", "ignore")
                 for message in unknown_selectors((overrides or {}).get(key) or [], all_rules())]
    if problems:
        raise ToolkitError(*(Diagnostic("BP001", p) for p in problems))
    project, scope = _project(paths, project_dir)
    collected = collect(paths, project, cwd)
    rules = selected_rules(all_rules(), config)
    selected_ids = {r.id for r in rules}
    diagnostics = [d for d in collected.diagnostics if d.code not in all_rules() or d.code in selected_ids]
    diagnostics += run_rules(collected.targets, rules, config)
    diagnostics.sort(key=lambda d: (d.file or "", d.line or 0, d.column or 0, d.code))
    shown, omitted = cap(diagnostics)
    return CheckResult(shown, collected.files, time.perf_counter() - started, config.fail_on, omitted,
                       len(collected.targets), scope)


def _project(paths: list[Path], project_dir: str | None):
    """(the project, what is checked): with paths, the user's project they may lie in (None outside
    one; the shipped catalog is not looked for); with none, every blueprint of the user's project,
    else of the shipped catalog."""
    if paths:
        from toolkit.project import discover_project

        return discover_project(project_dir), ""
    from toolkit.workspace import SHIPPED, find_workspace

    ws = find_workspace(project_dir)
    project = ws.working()
    whose = "the shipped catalog" if ws.source(project) == SHIPPED else "the project"
    return project, f"{whose} ({project.root})"
