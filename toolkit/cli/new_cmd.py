"""``blueprint new PROVIDER/NAME``: scaffold a blueprint in your project, or copy one (``--from``)."""

from __future__ import annotations

import re

import click

from toolkit.cli._common import project_option, shadow_note, workspace


def _allowed(field: str) -> list[str]:
    """The values the manifest schema allows for ``field`` (``task``, ``protocol``)."""
    from toolkit.manifest import schema

    return schema("manifest.schema.json")["properties"][field]["enum"]


@click.command("new")
@click.argument("blueprint_id", metavar="PROVIDER/NAME")
@click.option("--task", type=click.Choice(_allowed("task")), help="What the model does.")
@click.option("--protocol", type=click.Choice(_allowed("protocol")), help="How ML Commons calls the provider.")
@click.option("--from", "source_id", metavar="ID",
              help="Copy this blueprint (shipped or yours) with its template, scripts, cases and provider schemas.")
@project_option
@click.pass_context
def new_cmd(ctx: click.Context, blueprint_id: str, task: str | None, protocol: str | None,
            source_id: str | None) -> int:
    """Scaffold blueprint PROVIDER/NAME in your project: a manifest, a template, a contract case
    skeleton and a provider request schema stub, with a <MARKER> wherever a fact of the provider's
    API is to be filled in (`blueprint check` lists those left). With --from ID, copy that blueprint
    instead, renaming its id and paths.

    An id your project has is refused; one the shipped catalog has is allowed, and yours then
    shadows it. No file is overwritten (exit 2, naming it)."""
    ws = workspace(ctx)
    _check_id(blueprint_id)
    if ws.own is None:
        raise click.UsageError("no project of your own here: `blueprint init` makes one, or pass --project DIR")
    existing = ws.own.manifest_path(blueprint_id)
    if existing.exists():
        raise click.UsageError(f"{blueprint_id} exists in your project ({ws.own.shown(existing)}): choose another id")
    if source_id is None:
        written = _scaffold(ws, blueprint_id, task, protocol)
        click.echo(f"wrote {len(written)} file(s) for {blueprint_id} in {ws.own.root}:")
        next_step = (f"next: fill in the markers `blueprint check` lists, write the contract case's exchange, then "
                     f"`blueprint test {blueprint_id}`")
    else:
        written, origin = _copy(ws, blueprint_id, source_id, task, protocol)
        click.echo(f"copied {source_id} ({origin}) as {blueprint_id}: wrote {len(written)} file(s) in {ws.own.root}:")
        next_step = f"next: blueprint test {blueprint_id}"
    for name in written:
        click.echo(f"  {name}")
    click.echo(next_step)
    if not ws.own.providers.is_dir():
        click.echo("note: the project has no providers/ folder, so requests are not checked against provider "
                   "request schemas and none was written", err=True)
    if ws.shadows(blueprint_id):
        click.echo(shadow_note(blueprint_id, ws), err=True)
    return 0


def _check_id(blueprint_id: str) -> None:
    from toolkit.manifest import schema

    if not re.fullmatch(schema("manifest.schema.json")["properties"]["id"]["pattern"], blueprint_id):
        raise click.BadParameter("an id is PROVIDER/NAME in lower case: letters, digits, '-' and '_' (and '.' in the "
                                 "name), each part starting with a letter or digit", param_hint="'PROVIDER/NAME'")


def _scaffold(ws, blueprint_id: str, task: str | None, protocol: str | None) -> list[str]:
    from toolkit.scaffold.blueprint import NewBlueprint, scaffold

    missing = [option for option, value in (("--task", task), ("--protocol", protocol)) if value is None]
    if missing:
        raise click.UsageError(f"give {' and '.join(missing)} (or copy a blueprint with --from ID)")
    return scaffold(ws.own.root, NewBlueprint(blueprint_id, task, protocol))


def _copy(ws, blueprint_id: str, source_id: str, task: str | None, protocol: str | None) -> tuple[list[str], str]:
    from toolkit.manifest import find_manifest
    from toolkit.scaffold.copy import copy

    manifest = find_manifest(ws, source_id)
    for option, asked, actual in (("--task", task, manifest.task), ("--protocol", protocol, manifest.protocol)):
        if asked is not None and asked != actual:
            raise click.UsageError(f"{option} {asked}: {source_id} is {actual}, and --from copies it as it is")
    return copy(manifest, blueprint_id, ws.own), ws.source(manifest.project)
