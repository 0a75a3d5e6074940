"""``blueprint test --caller NAME``: run OpenSearch's callers against blueprints (``toolkit.callers``).

Which blueprints: with no target, every blueprint that declares one of the callers asked for;
with targets (ids, manifest paths or cassette paths), those blueprints, whether they declare the
caller or not (the report says "not declared"). ``--caller all`` runs each blueprint's declared
callers. Every output case of a blueprint is one run; a caller is verified for a blueprint when all
its runs pass.
"""

from __future__ import annotations

from pathlib import Path

import click

from toolkit.callers import CALLER_NAMES
from toolkit.cli._common import echo_json


def _manifests(ws, targets: tuple[str, ...]) -> list:
    from toolkit.cli._common import blueprint_manifest
    from toolkit.contract.selection import cassette_at, manifest_at
    from toolkit.diagnostics import ToolkitError
    from toolkit.manifest import find_manifest, load_all

    if not targets:
        manifests, problems = load_all(ws.working())
        if problems:
            raise ToolkitError(*problems)
        return manifests
    out, seen = [], set()
    for target in targets:
        candidate = Path(target)
        if candidate.is_file() and candidate.suffix in (".yaml", ".yml"):
            proj = ws.holding(candidate) or ws.working()
            manifest = manifest_at(proj, candidate)
            if manifest is None:
                from toolkit.contract.cassette import load_cassette

                resolved = cassette_at(proj, candidate)
                manifest = find_manifest(proj, load_cassette(resolved, proj.relative(resolved)).blueprint)
        else:
            manifest = blueprint_manifest(ws, target)
        if manifest.id not in seen:
            seen.add(manifest.id)
            out.append(manifest)
    return out


def _junit(results) -> str:
    from toolkit.report.junit import JUnitCase, junit_xml

    cases = (JUnitCase(r.blueprint, f"{r.caller}:{r.case}", r.seconds, r.file, r.problems) for r in results)
    return junit_xml("blueprint test --caller", "callers", "caller", cases)


def run_caller_tests(ws, targets: tuple[str, ...], callers: tuple[str, ...], fmt: str, profile=None,
                     settings=None) -> int:
    """Run the callers (on ``profile``'s release, else each blueprint's range: ``toolkit.callers.run``)
    for blueprints of the workspace ``ws``, each with a contract runner of its own project, with the
    cluster ``settings`` (a ``toolkit.cluster_settings.ClusterSettings``)."""
    from contextlib import ExitStack

    from toolkit.callers.run import run_callers
    from toolkit.contract.runner import ContractRunner

    wanted = [name for name in CALLER_NAMES if name in callers]
    every = "all" in callers
    results = []
    verified: dict[str, dict[str, bool]] = {}
    with ExitStack() as stack:
        runners: dict = {}
        for manifest in _manifests(ws, targets):
            if every:
                names = [n for n in manifest.callers if n not in wanted] + wanted
            else:
                names = wanted if targets else [n for n in wanted if n in manifest.callers]
            if not names:
                continue
            if manifest.project not in runners:
                runners[manifest.project] = stack.enter_context(ContractRunner(manifest.project, settings=settings))
            runs = run_callers(manifest.project, manifest, runners[manifest.project], names, profile=profile)
            results += runs
            verified[manifest.id] = {name: all(r.ok for r in runs if r.caller == name) for name in names}
    failed = [r for r in results if not r.ok]
    if fmt == "json":
        echo_json({"ok": bool(results) and not failed, "passed": len(results) - len(failed), "failed": len(failed),
                   "verified": verified,
                   "runs": [{"blueprint": r.blueprint, "caller": r.caller, "case": r.case, "file": r.file,
                             "declared": r.declared, "ok": r.ok, "seconds": round(r.seconds, 4),
                             "problems": r.problems, "notes": r.notes} for r in results]})
    elif fmt == "junit":
        click.echo(_junit(results))
    else:
        for r in results:
            status = "ok" if r.ok else "FAIL"
            flag = "" if r.declared else "  (not declared)"
            click.echo(f"{status:<4}  {r.blueprint:<32} {r.caller:<28} {r.case:<16} {r.seconds * 1000:7.1f} ms{flag}")
            for note in r.notes[1:]:
                click.echo("      note: " + note)
            for problem in r.problems:
                click.echo("      " + problem.replace("\n", "\n      "))
        for blueprint, verdicts in verified.items():
            click.echo(f"{blueprint}: " + ", ".join(f"{name} {'verified' if ok else 'FAILED'}"
                                                   for name, ok in verdicts.items()))
        if not results:
            click.echo(f"no blueprint declares {' or '.join(callers)}", err=True)
        click.echo(f"{'FAILED' if failed or not results else 'OK'}: {len(results) - len(failed)}/{len(results)} "
                   "caller runs passed")
    return 1 if failed or not results else 0
