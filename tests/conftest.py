"""Shared fixtures: the repository's own project and throw-away projects in tmp_path."""

from __future__ import annotations

import shutil
import textwrap
from dataclasses import dataclass
from pathlib import Path

import pytest

from toolkit.check.rules._examples import MANIFEST, TEMPLATE
from toolkit.cli import main

REPO = Path(__file__).resolve().parents[1]


@dataclass
class CliResult:
    code: int
    out: str
    err: str


@pytest.fixture
def run_cli(capsys, monkeypatch):
    """Run ``blueprint ARGS`` in-process from ``cwd`` (default: the repository)."""

    def run(*args: str, cwd: Path = REPO) -> CliResult:
        monkeypatch.chdir(cwd)
        monkeypatch.delenv("BLUEPRINT_PROJECT", raising=False)
        capsys.readouterr()
        code = main(list(args))
        captured = capsys.readouterr()
        assert "Traceback" not in captured.err, captured.err
        return CliResult(code, captured.out, captured.err)

    return run


# The one-blueprint project the rule examples use, shared by the foundation tests.
MINIMAL_MANIFEST = MANIFEST
MINIMAL_TEMPLATE = TEMPLATE


class TmpProject:
    """A throw-away blueprint project; write files relative to its root."""

    def __init__(self, root: Path):
        self.root = root
        (root / "blueprints").mkdir(parents=True)
        (root / "templates").mkdir()

    def write(self, relative: str, text: str) -> Path:
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text) if text.startswith("\n") else text, encoding="utf-8")
        return path

    def minimal(self, manifest: str = MINIMAL_MANIFEST, template: str = MINIMAL_TEMPLATE) -> "TmpProject":
        self.write("blueprints/acme/embed.yaml", manifest)
        self.write("templates/acme/embed.json.j2", template)
        return self


@pytest.fixture
def tmp_project(tmp_path) -> TmpProject:
    return TmpProject(tmp_path / "proj")


@pytest.fixture
def repo_copy(tmp_path) -> Path:
    """A copy of the repository's blueprints and templates, safe to modify."""
    root = tmp_path / "repo"
    for folder in ("blueprints", "templates", "contracts", "providers"):
        if (REPO / folder).is_dir():
            shutil.copytree(REPO / folder, root / folder)
    return root
