"""``blueprint init [DIR]``: a project of one's own, laid out for ``blueprint new``."""

from __future__ import annotations

from pathlib import Path

import click


@click.command("init")
@click.argument("directory", metavar="[DIR]", default=".", type=click.Path(file_okay=False, path_type=Path))
def init_cmd(directory: Path) -> int:
    """Create a blueprint project in DIR (default: here): blueprints/, templates/, contracts/ and
    providers/, a commented .blueprint.toml, a .pre-commit-config.yaml with the toolkit's hooks, a
    GitHub Actions workflow that uploads `blueprint check` findings as SARIF, and a README.

    No file is overwritten: when one exists, nothing is written (exit 2, naming it)."""
    from toolkit.scaffold.project import init_project

    written = init_project(directory)
    click.echo(f"wrote {len(written)} file(s) in {directory.resolve()}:")
    for name in written:
        click.echo(f"  {name}")
    move = "" if directory.resolve() == Path.cwd().resolve() else f"cd {directory} && "
    click.echo(f"next: {move}blueprint new PROVIDER/NAME --task TASK --protocol PROTOCOL (or --from ID)")
    return 0
