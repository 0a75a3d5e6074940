"""The catalog of the repository's blueprints, built once per session through the CLI, and the
browser the browser tests open it in (Debian's ``chromium`` driven by Playwright)."""

from __future__ import annotations

import contextlib
import io
import os
import shutil
from pathlib import Path

import pytest

from tests.conftest import REPO
from toolkit.cli import main

ARTIFACTS = REPO / "test-artifacts"  # screenshots of the browser tests


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


@pytest.fixture(scope="session")
def browser():
    """Headless Debian chromium; the test skips where it or Playwright is missing."""
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install '.[test]')")
    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(chromium).is_file():  # pragma: no cover - depends on the machine
        pytest.skip("Debian's chromium is not installed (apt-get install chromium; .ci/run does it)")
    args = ["--no-sandbox"] if hasattr(os, "geteuid") and os.geteuid() == 0 else []  # root in containers
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=args)
        yield browser
        browser.close()


@pytest.fixture
def open_page(browser):
    """A factory of pages, each in a fresh context (its own localStorage), recording console errors
    and uncaught exceptions in ``page.problems``."""
    contexts = []

    def make(width: int = 1280, height: int = 900, **options):
        context = browser.new_context(viewport={"width": width, "height": height}, **options)
        contexts.append(context)
        page = context.new_page()
        page.problems = []
        page.on("console", lambda message: message.type == "error" and page.problems.append(message.text))
        page.on("pageerror", lambda error: page.problems.append(str(error)))
        return page

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def page(open_page):
    return open_page(permissions=["clipboard-read", "clipboard-write"])
