"""The project: a folder with ``blueprints/``, ``templates/``, ``contracts/`` and ``providers/``.

Commands find the user's project by walking up from the working directory (like git), or take
``--project`` / ``BLUEPRINT_PROJECT``; the shipped catalog is a project too (``toolkit.workspace``).
Every file the toolkit reads for a blueprint lies inside the blueprint's own project.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import NamedTuple

from toolkit.diagnostics import Diagnostic, ToolkitError


class Project(NamedTuple):
    root: Path

    @property
    def blueprints(self) -> Path:
        return self.root / "blueprints"

    @property
    def templates(self) -> Path:
        return self.root / "templates"

    @property
    def contracts(self) -> Path:
        return self.root / "contracts"

    @property
    def providers(self) -> Path:
        return self.root / "providers"

    def relative(self, path: Path) -> str:
        """A path as shown in diagnostics: relative to the project root when inside it."""
        try:
            return path.resolve().relative_to(self.root).as_posix()
        except ValueError:
            return str(path)

    def shown(self, path: Path) -> str:
        """A path as named (symbolic links not followed): relative to the root when under it."""
        lexical = Path(os.path.abspath(path))
        return lexical.relative_to(self.root).as_posix() if lexical.is_relative_to(self.root) else str(path)

    def manifest_paths(self) -> list[Path]:
        """Every manifest, sorted by id."""
        if not self.blueprints.is_dir():
            return []
        return sorted(p for p in self.blueprints.glob("*/*.yaml") if p.is_file())

    def manifest_path(self, blueprint_id: str) -> Path:
        return self.blueprints / f"{blueprint_id}.yaml"

    def blueprint_id(self, manifest_path: Path) -> str:
        """The id a manifest's place gives it (``blueprints/<provider>/<name>.yaml``)."""
        return manifest_path.relative_to(self.blueprints).with_suffix("").as_posix()


def find_project(start: str | os.PathLike | None = None) -> Project:
    """The project containing ``start`` (default: ``$BLUEPRINT_PROJECT`` or the working directory)."""
    found = discover_project(start)
    if found is None:
        here = Path(os.getcwd()).resolve()
        raise ToolkitError(Diagnostic(
            "BP001", "no blueprint project here or above: run from a folder with blueprints/ and templates/, "
            "or pass --project DIR", file=str(here)))
    return found


def discover_project(start: str | os.PathLike | None = None) -> Project | None:
    """The project ``start`` or ``$BLUEPRINT_PROJECT`` names (BP001 when it has no ``blueprints/``), else
    the nearest folder with ``blueprints/`` from the working directory upwards, else None."""
    explicit = start or os.environ.get("BLUEPRINT_PROJECT")
    here = Path(explicit or os.getcwd()).resolve()
    if explicit:
        if not (here / "blueprints").is_dir():
            raise ToolkitError(Diagnostic("BP001", "not a blueprint project (no blueprints/ folder)", file=str(here)))
        return Project(here)
    for folder in (here, *here.parents):
        if (folder / "blueprints").is_dir():
            return Project(folder)
    return None
