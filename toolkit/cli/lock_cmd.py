"""``blueprint lock``: write blueprints/versions.lock, each blueprint's connector version and the hash of
each rendered variable set (``toolkit.versions_lock``; rule BP023 checks it)."""

from __future__ import annotations

import click

from toolkit.cli._common import project_option, show_diagnostics, workspace


@click.command("lock")
@click.option("--check", "only_check", is_flag=True, help="Write nothing; exit 1 when the lock is missing or out of date.")
@project_option
@click.pass_context
def lock_cmd(ctx: click.Context, only_check: bool) -> int:
    """Record in blueprints/versions.lock each blueprint's connector "version" and the SHA-256 of every
    rendered variable set (without the version). Run it after giving a changed blueprint a new version:
    BP023 (blueprint check, blueprint build) fails while a rendering differs from the lock under the
    version the lock records. Writes your project's lock, never the shipped catalog's of an installation.
    Exit 0 written (or up to date), 1 out of date with --check or a blueprint does not render."""
    from pathlib import Path

    from toolkit.contract.cassette import write_atomic
    from toolkit.diagnostics import Diagnostic, ToolkitError
    from toolkit.manifest import load_manifest
    from toolkit.render import render
    from toolkit.versions_lock import LOCK, lock_text

    ws = workspace(ctx)
    project = ws.own
    if project is None:
        raise ToolkitError(Diagnostic("BP001", "no blueprint project here: the lock belongs to your project",
                                      hint="run it in your project, or pass --project DIR"))
    renderings, problems = [], []
    for path in project.manifest_paths():
        try:
            manifest = load_manifest(path, project)
            renderings += [(manifest.id, label, render(manifest, project, variables).connector)
                           for label, variables in manifest.variable_sets()]
        except ToolkitError as exc:
            problems += exc.diagnostics
    show_diagnostics(problems)
    if problems:
        click.echo(f"{LOCK} not written: {len(problems)} problem(s) above", err=True)
        return 1
    text, path = lock_text(renderings), Path(project.root) / LOCK
    current = path.read_text(encoding="utf-8") if path.is_file() else None
    blueprints = len({blueprint for blueprint, _, _ in renderings})
    if only_check:
        click.echo(f"{LOCK}: {'up to date' if current == text else 'out of date: run `blueprint lock`'}", err=True)
        return 0 if current == text else 1
    if current != text:
        write_atomic(path, text)
    click.echo(f"{LOCK}: {blueprints} blueprints, {len(renderings)} renderings"
               + ("" if current != text else " (unchanged)"), err=True)
    return 0
