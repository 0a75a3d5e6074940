"""``blueprint test``: run contract cases against the replay server (exit 0 all pass, 1 any fails)."""

from __future__ import annotations

import click

from toolkit.callers import CALLER_NAMES
from toolkit.cli._cluster import cluster_options, load_cluster_settings
from toolkit.cli._common import echo_json, project_option, workspace


def _refuse_shipped_update(ws, groups: dict) -> None:
    """--update rewrites files of the user's project only, never the shipped catalog of an installation."""
    shipped = sum(len(paths) for proj, paths in groups.items() if proj != ws.own)
    if shipped:
        from toolkit.diagnostics import Diagnostic, ToolkitError

        raise ToolkitError(Diagnostic("BP001", f"--update rewrites contract cases of your project, not the shipped "
                                      f"catalog's ({shipped} of these cases are shipped)",
                                      hint="copy the blueprint and its cases into your project, or pass --project DIR"))


def _junit(runs) -> str:
    from toolkit.report.junit import JUnitCase, junit_xml

    cases = (JUnitCase(r.blueprint, r.case + (f" [{release.short}]" if release else ""), r.seconds, r.file, r.problems)
             for r, release in runs)
    return junit_xml("blueprint test", "contract", "contract", cases)


def _release_option(ctx, param, value):
    """None (the newest release), "all", or a ``Profile`` the emulator models (else exit 2)."""
    from toolkit.versions import Profile

    if value is None or value == "all":
        return value
    profile = Profile.for_version(value)
    profile.require_emulation()
    return profile


@click.command("test")
@click.argument("targets", nargs=-1, metavar="[ID|PATH]...")
@click.option("--update", is_flag=True, help="Rewrite each case's expected from the emulator (interactions untouched).")
@click.option("--opensearch-version", "release_choice", metavar="X.Y[.Z]|all", callback=_release_option,
              help="Run the cases as this OpenSearch release (2.11 or later; a case is not applicable below its "
                   "blueprint's opensearch.minimum), or 'all': on every release from the minimum to the newest "
                   "where the fact table changes (default: the newest release).")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "junit"]), default="text", show_default=True)
@click.option("--caller", "callers", multiple=True, type=click.Choice([*CALLER_NAMES, "all"]), metavar="NAME",
              help="Run this OpenSearch caller (neural_search, ingest_text_embedding, ingest_text_image_embedding, "
                   "rerank, ml_inference, agent; 'all' for every declared one) instead of the contract cases.")
@cluster_options
@project_option
@click.pass_context
def test_cmd(ctx: click.Context, targets: tuple[str, ...], update: bool, release_choice, fmt: str,
             callers: tuple[str, ...], settings_file: str | None, private_ip_enabled: bool) -> int:
    """Replay contract cases through the ML Commons emulator and compare with their expected output.

    With no argument: every case listed under contracts: in every manifest of your project (with no
    project: of the shipped catalog). An ID (yours or a shipped one) runs that
    blueprint's cases; a PATH runs one cassette (or a manifest's cases). A case's
    expected_by_version entry replaces its expected on the releases it names. With --caller NAME: run
    that caller (docs/callers.md) for every blueprint declaring it, or for the given ones, against
    their contract cases, and report per blueprint whether it is verified. The cluster's settings:
    --settings FILE and --private-ip-enabled, else each blueprint's trusted_endpoints and cluster:,
    and .blueprint.toml. Exit 0 when all pass, 1 when any fails, 2 on bad input.
    """
    from toolkit.cli._common import blueprint_manifest
    from toolkit.contract.runner import ContractRunner
    from toolkit.contract.selection import run_on_releases, select_cases

    ws = workspace(ctx)
    settings = load_cluster_settings(settings_file, private_ip_enabled)
    if callers:
        from toolkit.cli.caller_test import run_caller_tests

        if update:
            raise click.UsageError("--update rewrites contract cases; it cannot be combined with --caller")
        if release_choice == "all":
            raise click.UsageError("--caller runs on one release (default: each blueprint's range from its "
                                   "opensearch.minimum); --opensearch-version all is for contract cases")
        return run_caller_tests(ws, targets, callers, fmt, profile=release_choice, settings=settings)
    if update and release_choice is not None:
        raise click.UsageError("--update rewrites expected, the newest release's answer; it cannot be combined with "
                               "--opensearch-version (write expected_by_version entries by hand)")
    groups = select_cases(ws, targets, blueprint_manifest)
    if update:
        _refuse_shipped_update(ws, groups)
    runs, skipped = [], []
    for proj, paths in groups.items():
        with ContractRunner(proj, settings=settings) as runner:
            if update:
                runs += [(runner.run(path, update=True), None) for path in paths]
            else:
                ran, not_applicable = run_on_releases(runner, paths, release_choice)
                runs, skipped = runs + ran, skipped + not_applicable
    results = [r for r, _ in runs]
    failed = [r for r in results if not r.ok]
    if fmt == "json":
        echo_json({"ok": not failed, "passed": len(results) - len(failed), "failed": len(failed),
                   "cases": [{"blueprint": r.blueprint, "case": r.case, "file": r.file, "ok": r.ok,
                              **({"opensearch_version": release.short} if release else {}),
                              "seconds": round(r.seconds, 4), "problems": r.problems,
                              **({"updated": True} if r.diff else {})} for r, release in runs],
                   **({"not_applicable": [{"blueprint": b, "case": c, "opensearch_version": v.short}
                                          for b, c, v in skipped]} if release_choice else {})})
    elif fmt == "junit":
        click.echo(_junit(runs))
    else:
        for r, release in runs:
            status = "ok" if r.ok else "FAIL"
            click.echo(f"{status:<4}  {r.blueprint:<28} {r.case:<24} " + (f"{release.short:<7} " if release else "")
                       + f"{r.seconds * 1000:7.1f} ms" + ("  (expected updated)" if r.diff else ""))
            for problem in r.problems:
                click.echo("      " + problem.replace("\n", "\n      "))
            if r.diff:
                click.echo(r.diff.rstrip("\n"))
        for blueprint, case, release in skipped:
            click.echo(f"{'n/a':<4}  {blueprint:<28} {case:<24} {release.short:<7} below the blueprint's opensearch.minimum")
        runs_word = "contract case runs" if release_choice == "all" else "contract cases"
        click.echo(f"{'FAILED' if failed else 'OK'}: {len(results) - len(failed)}/{len(results)} {runs_word} passed"
                   + (f", {sum(bool(r.diff) for r in results)} updated" if update else "")
                   + (f", {len(skipped)} not applicable" if skipped else ""))
    return 1 if failed else 0
