"""The blueprints a command sees: the user's project, if any, over the shipped catalog.

The shipped catalog is package data of an installed wheel (``toolkit/shipped/``: the repository's
``blueprints/``, ``templates/``, ``contracts/`` and ``providers/``, mapped there at build time by
pyproject.toml), or, in a source checkout, the repository itself. It is looked for only when a
command needs blueprints, never by a ``blueprint check FILE``.

A blueprint of the user's project shadows a shipped one with the same id. Each blueprint reads its
files from its own project only (``toolkit.paths``): a user's manifest cannot reach the shipped
folders, nor a shipped one the user's. In the checkout the project is the shipped catalog: one root.
"""

from __future__ import annotations

import functools
import os
from pathlib import Path

from toolkit.diagnostics import Diagnostic, ToolkitError
from toolkit.project import Project, discover_project

__all__ = ["PROJECT", "SHIPPED", "Workspace", "find_workspace", "shipped_root"]

SHIPPED, PROJECT = "shipped", "project"


def shipped_root() -> Path | None:
    """The folder holding the shipped ``blueprints/`` (None when this installation has none)."""
    package = Path(__file__).resolve().parent
    data = package / "shipped"
    if (data / "blueprints").is_dir():
        return data
    checkout = package.parent
    if (checkout / "pyproject.toml").is_file() and (checkout / "blueprints").is_dir():
        return checkout
    return None


class Workspace:
    """The user's project (``own``, None when there is none) and, found lazily, the shipped catalog."""

    def __init__(self, own: Project | None):
        self.own = own

    @functools.cached_property
    def shipped(self) -> Project | None:
        root = shipped_root()
        return Project(root) if root is not None else None

    def projects(self) -> list[Project]:
        """Where ids are looked up, first match wins: the user's project, then the shipped catalog."""
        found = [self.own] if self.own is not None else []
        if self.shipped is not None and self.shipped not in found:
            found.append(self.shipped)
        return found

    def source(self, project: Project) -> str:
        """``shipped`` or ``project``: where a blueprint of ``project`` comes from."""
        return SHIPPED if project == self.shipped else PROJECT

    def working(self) -> Project:
        """The project that commands over every blueprint (check, test and build with no target, catalog
        build) work on: the user's, else the shipped catalog."""
        projects = self.projects()
        if projects:
            return projects[0]
        raise ToolkitError(Diagnostic(
            "BP001", "no blueprint project here or above, and this installation ships no blueprints: run from a "
            "folder with blueprints/ and templates/, or pass --project DIR", file=str(Path.cwd())))

    def manifest_paths(self) -> list[tuple[Project, Path]]:
        """Every manifest the workspace offers, sorted by id, a shadowed shipped one left out."""
        seen: dict[str, tuple[Project, Path]] = {}
        for project in self.projects():
            for path in project.manifest_paths():
                seen.setdefault(project.blueprint_id(path), (project, path))
        return [seen[blueprint_id] for blueprint_id in sorted(seen)]

    def shadowed(self) -> list[str]:
        """Ids of the user's blueprints that shadow a shipped one."""
        if self.own is None or self.shipped is None or self.own == self.shipped:
            return []
        shipped = {self.shipped.blueprint_id(path) for path in self.shipped.manifest_paths()}
        return [blueprint_id for blueprint_id in map(self.own.blueprint_id, self.own.manifest_paths())
                if blueprint_id in shipped]

    def shadows(self, blueprint_id: str) -> bool:
        """True when the user's project has ``blueprint_id`` and so does the shipped catalog."""
        return (self.own is not None and self.shipped is not None and self.own != self.shipped
                and self.own.manifest_path(blueprint_id).is_file()
                and self.shipped.manifest_path(blueprint_id).is_file())

    def holding(self, path: Path) -> Project | None:
        """The project whose folder holds ``path`` (as named, links not followed), if one does."""
        lexical = Path(os.path.abspath(path))
        holders = [project for project in self.projects() if lexical.is_relative_to(project.root)]
        return max(holders, key=lambda project: len(project.root.parts), default=None)  # the innermost


def find_workspace(project_dir: str | None = None) -> Workspace:
    """The workspace of ``--project DIR`` / ``$BLUEPRINT_PROJECT`` / the nearest project upwards."""
    return Workspace(discover_project(project_dir))
