"""``blueprint build``: the main job over every blueprint of the project (else the shipped ones), with a summary table."""

from __future__ import annotations

import sys
from collections import defaultdict
from pathlib import Path

import click

from toolkit.cli._common import FORMAT_TEXT_JSON, echo_json, project_option, show_diagnostics, table, workspace
from toolkit.cli._version import opensearch_version_option


@click.command("build")
@click.option("--format", "fmt", type=FORMAT_TEXT_JSON, default="text", show_default=True)
@click.option("--catalog/--no-catalog", default=True, show_default=True,
              help="Also build the published catalog from this build (see `blueprint catalog build`).")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="The catalog's folder (replaced atomically). Default: site/ in the project (with no project: "
                   "in the working directory).")
@opensearch_version_option("the build and its catalog", "every release from each blueprint's minimum to the newest")
@project_option
@click.pass_context
def build_cmd(ctx: click.Context, fmt: str, catalog: bool, out: Path | None, profile) -> int:
    """Render every blueprint of your project (with no project: every shipped one) with its defaults
    and examples, validate each connector against the connector schema, run the checker on it and
    replay its contract cases (BP020 when one fails),
    then again on every OpenSearch release from its opensearch.minimum to the newest: the blueprint
    x release matrix (BP022 when the cases do not all pass on the declared minimum); then write the
    catalog (site/) from the same results.

    With --opensearch-version X (2.11 or later) everything is for release X: create-time rules as X
    enforces them, contract cases and callers as X answers, no matrix, and a catalog whose settings
    are X's; a blueprint whose opensearch.minimum is newer than X is listed, not built or published.

    Exit 0 when every blueprint passes (no errors), 1 when any fails or the catalog cannot be written.
    """
    from toolkit.build import run_build

    live = fmt == "text" and sys.stderr.isatty()

    def progress(done: int, total: int, result) -> None:
        if live:
            click.echo(f"\r[{done}/{total}] {result.id:<50}", nl=done == total, err=True)

    ws = workspace(ctx)
    if catalog:
        from toolkit.catalog.site import check_out
        from toolkit.cli.catalog_cmd import default_out

        out = out or default_out(ws)
        check_out(out)  # before the build: a wrong --out fails at once (exit 2)
    report = run_build(ws.working(), progress, profile)
    if not report.results:
        click.echo("no blueprints found under blueprints/<provider>/<name>.yaml", err=True)
        return 1
    site, site_problems = _catalog(report, out) if catalog else (None, [])
    if fmt == "json":
        echo_json({
            "ok": not report.failed,
            "seconds": round(report.seconds, 3),
            "blueprints": [{"id": r.id, "provider": r.provider, "task": r.task, "protocol": r.protocol,
                            "renders": r.renders, "cases": r.cases, "cases_passed": r.cases_passed, "callers": r.callers, "ok": r.ok,
                            "applies": r.applies, "minimum": r.minimum, "diagnostics": [d.to_dict() for d in r.diagnostics]}
                           for r in report.results],
            "opensearch_version": report.profile.release.short if report.profile else None,
            "matrix": _matrix_json(report) if report.profile is None else None,
            "catalog": {"out": str(site.out), "blueprints": site.blueprints, "files": site.files,
                        "seconds": round(site.seconds, 3)} if site else None,
            "catalog_problems": [d.to_dict() for d in site_problems],
        })
        return 1 if report.failed or site_problems else 0
    rows = [[r.id, r.task, r.protocol, str(r.renders), f"{r.cases_passed}/{r.cases}", _status(r)]
            for r in report.results]
    if rows:
        click.echo(table(rows, ["BLUEPRINT", "TASK", "PROTOCOL", "RENDERS", "CASES", "STATUS"]))
    if report.releases:
        click.echo("")
        click.echo(_matrix_text(report))
    by_provider: dict[str, list] = defaultdict(list)
    for r in report.built:
        by_provider[r.provider].append(r)
    click.echo("")
    click.echo("per provider: " + ", ".join(
        f"{p} {sum(r.ok for r in rs)}/{len(rs)}" for p, rs in sorted(by_provider.items())))
    for r in report.results:
        show_diagnostics(r.diagnostics)
    built = report.built
    passed = len(built) - len(report.failed)
    release = f" on OpenSearch {report.profile.release.short}" if report.profile else ""
    newer = [r.id for r in report.results if not r.applies]
    click.echo(f"{'FAILED' if report.failed else 'OK'}: {passed}/{len(built)} blueprints passed{release}, "
               f"{sum(r.renders for r in built)} connectors rendered, schema-validated and checked, "
               f"{sum(r.cases_passed for r in built)}/{sum(r.cases for r in built)} contract cases passed, "
               f"{len(by_provider)} providers, {report.seconds:.2f} s"
               + (f"; {len(newer)} need a newer release: {', '.join(newer)}" if newer else ""))
    if site:
        from toolkit.cli.catalog_cmd import catalog_summary

        click.echo(catalog_summary(site))
    show_diagnostics(site_problems)
    return 1 if report.failed or site_problems else 0


_SHOWN = {"pass": "ok", "fail": "FAIL", "n/a": "-"}


def _status(result) -> str:
    if not result.applies:
        return f"- (needs {result.minimum})"
    return ("ok" if result.ok else "FAIL") + (f" ({result.warnings} warnings)" if result.warnings else "")


def _matrix_json(report) -> dict:
    """The blueprint x release matrix: each release run, and per blueprint its minimum and verdicts."""
    return {"releases": [release.short for release in report.releases],
            "blueprints": {r.id: {"minimum": r.minimum,
                                  "releases": {release.short: r.matrix.status(release) for release in report.releases}}
                           for r in report.results if r.matrix}}


def _matrix_text(report) -> str:
    rows = [[r.id, r.minimum, *(_SHOWN[r.matrix.status(release)] for release in report.releases)]
            for r in report.results if r.matrix]
    legend = ("contract cases per OpenSearch release (ok, FAIL, - below the minimum or not emulated); each column "
              "is a release where the fact table, a minimum or an expected_by_version range changes, and a release "
              "not shown behaves as the column before it")
    return legend + "\n" + table(rows, ["BLUEPRINT", "MINIMUM", *(release.short for release in report.releases)])


def _catalog(report, out: Path):
    """(site summary, []) or (None, diagnostics): the catalog from this build's results."""
    from toolkit.catalog.site import build_catalog
    from toolkit.diagnostics import ToolkitError

    try:
        return build_catalog(report, out), []
    except ToolkitError as exc:
        return None, exc.diagnostics
