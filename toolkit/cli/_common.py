"""Helpers shared by the subcommand modules: the project, output formats, writing files."""

from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path

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


def write_atomically(path: Path, text: str, private: bool = False) -> None:
    """Write via a temporary file in the same folder, then rename; ``private`` makes it 0600."""
    path = path.resolve()
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        if private:
            os.chmod(tmp, 0o600)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def table(rows: list[list[str]], header: list[str]) -> str:
    """A plain aligned text table."""
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    def line(cells):
        return "  ".join(str(c).ljust(w) for c, w in zip(cells, widths)).rstrip()
    return "\n".join([line(header), line(["-" * w for w in widths]), *map(line, rows)])
