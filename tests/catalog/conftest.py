"""The catalog of the repository's blueprints, built once per session through the CLI."""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

import pytest

from tests.conftest import REPO
from toolkit.cli import main


def build_site(out: Path, *args: str, cwd: Path = REPO) -> tuple[int, str]:
    """``blueprint catalog build --out OUT`` in-process from ``cwd``: (exit code, stdout)."""
    import os

    previous = Path.cwd()
    stdout = io.StringIO()
    os.chdir(cwd)
    try:
        with contextlib.redirect_stdout(stdout):
            code = main(["catalog", "build", "--out", str(out), *args])
    finally:
        os.chdir(previous)
    return code, stdout.getvalue()


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("catalog") / "site"
    code, output = build_site(out)
    # 1 when a blueprint fails (e.g. one another change is still adding): the site is written anyway,
    # and the tests below look at the blueprints the repository ships
    assert code in (0, 1), output
    return out


@pytest.fixture(scope="session")
def report():
    """One build of the repository's blueprints, shared: tests must not change it."""
    from toolkit.build import run_build
    from toolkit.project import Project

    return run_build(Project(REPO))
