"""Helpers shared by the subcommand modules: the project, output formats, tables."""

from __future__ import annotations

import json
import os
import sys

import click

FORMAT_TEXT_JSON = click.Choice(["text", "json"])


def project(ctx: click.Context):
    """The project chosen by --project / BLUEPRINT_PROJECT, or found from the working directory."""
    from toolkit.project import find_project

    return find_project((ctx.obj or {}).get("project_dir"))


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
