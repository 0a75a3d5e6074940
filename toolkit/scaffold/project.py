"""``blueprint init``: the layout of a project of one's own, with its configuration, hooks and CI."""

from __future__ import annotations

from pathlib import Path

from toolkit.scaffold.render import render

FOLDERS = ("blueprints", "templates", "contracts", "providers")


def project_files(root: Path) -> dict[str, str]:
    """What ``init`` writes (path -> text): a ``.gitkeep`` per folder, so that a clone keeps the
    layout (``providers/`` present means provider request schemas are enforced), and the rest."""
    from toolkit import __version__
    from toolkit.versions.profile import NEWEST

    files = {f"{folder}/.gitkeep": "" for folder in FOLDERS}
    files[".blueprint.toml"] = render("project/blueprint.toml", newest=NEWEST.short)
    files[".pre-commit-config.yaml"] = render("project/pre-commit-config.yaml", version=__version__)
    files[".github/workflows/blueprints.yml"] = render("project/github-workflow.yml", version=__version__)
    files["README.md"] = render("project/README.md", name=root.resolve().name or "blueprints")
    return files


def init_project(root: Path) -> list[str]:
    """Write a new project into ``root`` (created if missing); nothing is written if a file exists."""
    from toolkit.scaffold.writing import write_new

    return write_new(root, project_files(root), "blueprint init")
