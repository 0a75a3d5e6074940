"""Helpers shared by the subcommand modules: the project and its blueprints, output formats, tables."""

from __future__ import annotations

import json
import os
import sys

import click

FORMAT_TEXT_JSON = click.Choice(["text", "json"])


PROJECT_HELP = ("Your blueprint project, whose blueprints join the shipped ones (default: $BLUEPRINT_PROJECT, "
                "else the nearest folder with blueprints/ upwards).")


def project_option(command):
    """``--project DIR`` on a subcommand, so it may follow the subcommand's name: it overrides the one
    before the name and ``$BLUEPRINT_PROJECT`` (both read by the ``blueprint`` group)."""
    def remember(ctx: click.Context, param, value: str | None) -> None:
        if value is not None:
            ctx.ensure_object(dict)["project_dir"] = value

    return click.option("--project", metavar="DIR", expose_value=False, callback=remember, help=PROJECT_HELP)(command)


def project_dir(ctx: click.Context) -> str | None:
    """The --project / $BLUEPRINT_PROJECT value, if one was given."""
    return (ctx.obj or {}).get("project_dir")


def workspace(ctx: click.Context):
    """The user's project (--project / BLUEPRINT_PROJECT, or found from the working directory) over
    the shipped catalog (``toolkit.workspace``)."""
    from toolkit.workspace import find_workspace

    return find_workspace(project_dir(ctx))


def blueprint_manifest(ws, blueprint_id: str):
    """The manifest of ``blueprint_id`` in the workspace, with a note on stderr when the user's
    blueprint shadows a shipped one of the same id."""
    from toolkit.manifest import find_manifest

    found = find_manifest(ws, blueprint_id)
    if ws.shadows(blueprint_id):
        click.echo(shadow_note(blueprint_id, ws), err=True)
    return found


def shadow_note(blueprint_id: str, ws) -> str:
    return (f"note: {blueprint_id}: the project's blueprints/{blueprint_id}.yaml ({ws.own.root}) shadows the "
            "shipped blueprint of that id")


def echo_json(data: object) -> None:
    click.echo(json.dumps(data, indent=2, ensure_ascii=False))


def show_diagnostics(diagnostics) -> None:
    from toolkit.report.text import format_diagnostics

    if diagnostics:
        click.echo(format_diagnostics(diagnostics, color=sys.stderr.isatty() and not os.environ.get("NO_COLOR")), err=True)


def table(rows: list[list[str]], header: list[str]) -> str:
    """A plain aligned text table."""
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    def line(cells):
        return "  ".join(str(c).ljust(w) for c, w in zip(cells, widths)).rstrip()
    return "\n".join([line(header), line(["-" * w for w in widths]), *map(line, rows)])
