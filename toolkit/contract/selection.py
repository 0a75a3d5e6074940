"""Which contract cases a ``test`` runs, and running them on the chosen releases.

``select_cases`` picks cassette paths by project: every listed case of every blueprint of the
working project (the user's, else the shipped catalog), or those of the given ids, manifests and
cassette files. ``run_on_releases`` runs them on the newest release, on one release, or on every
release from each blueprint's ``opensearch.minimum`` where the fact table changes (``"all"``).
"""

from __future__ import annotations

import os
from pathlib import Path

from toolkit.diagnostics import Diagnostic, ToolkitError


def select_cases(ws, targets, find=None) -> dict:
    """Cassette paths by project for ``targets`` (ids, manifest or cassette paths; none: the working
    project's every case). ``find(ws, id)`` finds a blueprint's manifest (default ``find_manifest``)."""
    from toolkit.contract.runner import case_paths
    from toolkit.manifest import find_manifest, load_all

    if not targets:
        proj = ws.working()
        manifests, problems = load_all(proj)
        if problems:
            raise ToolkitError(*problems)
        return {proj: [path for manifest in manifests for path in case_paths(proj, manifest)]}
    groups: dict = {}
    for target in targets:
        candidate = Path(target)
        if candidate.is_file() and candidate.suffix in (".yaml", ".yml"):
            proj = ws.holding(candidate) or ws.working()
            manifest = manifest_at(proj, candidate)
            paths = case_paths(proj, manifest) if manifest else [cassette_at(proj, candidate)]
        else:
            manifest = (find or find_manifest)(ws, str(target))
            proj, paths = manifest.project, case_paths(manifest.project, manifest)
        groups.setdefault(proj, []).extend(paths)
    return groups


def manifest_at(proj, path: Path):
    """The manifest at ``path`` when it is one (blueprints/<provider>/<name>.yaml), else None."""
    from toolkit.manifest import find_manifest

    lexical = Path(os.path.abspath(path))
    if lexical.parent.parent != proj.blueprints:
        return None
    return find_manifest(proj, f"{lexical.parent.name}/{lexical.stem}")


def cassette_at(proj, path: Path) -> Path:
    """``path`` resolved, when it is a file inside contracts/ (else BP005: a cassette is not read
    from elsewhere)."""
    from toolkit.paths import PathEscape, within

    try:
        return within(path, proj.contracts, proj.root)
    except PathEscape as exc:
        raise ToolkitError(Diagnostic("BP005", f"contract case {exc}; not read", file=str(path),
                                      hint="contract cases live under contracts/ of the project")) from None


def run_on_releases(runner, paths: list[Path], release_choice) -> tuple[list, list]:
    """((CaseResult, Release or None) per run, (blueprint, case, release) per case not applicable there):
    ``release_choice`` None (the newest release), ``"all"``, or a ``Profile``."""
    from toolkit.contract.matrix import run_matrix
    from toolkit.versions.matrix import runs_on

    runs, skipped = [], []
    for path in paths:
        try:
            cassette = runner.load(path, runner.project.relative(path))
            minimum = runner.manifest(cassette.blueprint).min_opensearch
        except ToolkitError:
            runs.append((runner.run(path), None))  # reports why it cannot be read
            continue
        if release_choice is None:
            runs.append((runner.run(path), None))
        elif release_choice == "all":
            matrix = run_matrix(runner, [path], minimum)
            runs += [(results[0], release) for release, results in matrix.results.items()]
        elif runs_on(minimum, release_choice.release):
            runs.append((runner.run(path, profile=release_choice), release_choice.release))
        else:
            skipped.append((cassette.blueprint, path.stem, release_choice.release))
    return runs, skipped
