"""``blueprint catalog build``: the published catalog (static site, catalog.json, Markdown pages)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from toolkit.cli._common import project_option, workspace
from toolkit.cli._version import opensearch_version_option


def default_out(ws) -> Path:
    """``site/`` in the user's project (ignored by git), else in the working directory: never in the
    installed package's shipped catalog."""
    return (ws.own.root if ws.own is not None else Path.cwd()) / "site"


def progress_printer(live: bool):
    """(per-blueprint progress, stage message) callbacks that write one updating line on a terminal."""
    def blueprint(done: int, total: int, result) -> None:
        if live:
            click.echo(f"\r[{done}/{total}] {result.id:<50}", nl=done == total, err=True)

    def stage(message: str) -> None:
        if live:
            click.echo(f"\r{message:<60}", nl=False, err=True)

    return blueprint, stage


def catalog_summary(summary, root: Path | None = None) -> str:
    """One line: where the site went and what it holds."""
    out = summary.out
    try:
        shown = out.relative_to(Path.cwd())
    except ValueError:
        shown = out
    text = (f"catalog: {summary.blueprints} blueprints -> {shown}/ ({summary.html_pages} HTML pages, "
            f"{summary.markdown_pages} Markdown pages, catalog.json; {summary.files} files, "
            f"{summary.bytes / 1e6:.1f} MB) in {summary.seconds:.2f} s")
    if summary.release:
        text += f"; for OpenSearch {summary.release}"
    if summary.needs_newer:
        text += f"; {len(summary.needs_newer)} need a newer release: {', '.join(b for b, _ in summary.needs_newer)}"
    if summary.skipped:
        text += f"; not published: {', '.join(m for m, _ in summary.skipped)}"
    return text


@click.group("catalog")
def catalog_cmd() -> None:
    """Build the published catalog of your project's blueprints (with no project: the shipped ones)."""


@catalog_cmd.command("build", short_help="Run the build, then write the catalog (site, catalog.json, Markdown).")
@click.option("--out", "out", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Folder to write (replaced atomically). Default: site/ in the project (with no project: "
                   "in the working directory).")
@opensearch_version_option("the catalog's builds and settings calls", "every release from each blueprint's minimum "
                           "to the newest, with the newest release's settings")
@project_option
@click.pass_context
def catalog_build_cmd(ctx: click.Context, out: Path | None, profile) -> int:
    """Run the build (render, schema, check, contract cases) on every blueprint of your project (with
    no project: of the shipped catalog), then write the catalog:
    index.html with search and filters, a page per blueprint, rules.html, catalog.json (versioned,
    schema-validated) and markdown/<id>.md pages that pass `blueprint check`.

    With --opensearch-version X (2.11 or later) the catalog is for release X: blueprints built as X
    (see `blueprint build`), settings calls with X's default trusted endpoints, and blueprints whose
    opensearch.minimum is newer than X left out (catalog.json lists them under needs_newer_release).

    The site is written to a temporary folder and swapped in, so a failed build leaves the previous
    site as it was. Exit 0 when every blueprint passed, 1 when one failed (the site still shows it),
    2 when the catalog could not be written.
    """
    from toolkit.build import run_build
    from toolkit.catalog.site import build_catalog, check_out

    ws = workspace(ctx)
    out = out or default_out(ws)
    check_out(out)  # before the build: a wrong --out fails at once
    live = sys.stderr.isatty()
    on_blueprint, on_stage = progress_printer(live)
    report = run_build(ws.working(), on_blueprint, profile)
    if not report.results:
        click.echo("no blueprints found under blueprints/<provider>/<name>.yaml", err=True)
        return 1
    summary = build_catalog(report, out, on_stage)
    if live:
        click.echo("\r" + " " * 60 + "\r", nl=False, err=True)
    click.echo(catalog_summary(summary) + f" (after a build of {report.seconds:.2f} s)")
    if summary.failed:
        click.echo(f"FAILED: {len(summary.failed)} blueprints did not pass (published with their findings): "
                   + ", ".join(summary.failed) + "; `blueprint build` shows why")
        return 1
    return 0
