"""The hooks in .pre-commit-hooks.yaml, run by the real pre-commit tool in a throw-away git repository."""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest

from tests.conftest import REPO
from toolkit.check.rules._examples import TEMPLATE, project, sample

pytestmark = pytest.mark.slow


def _git(cwd, *args):
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory):
    """A snapshot of this working tree as a git repository with one commit, for pre-commit to install."""
    if shutil.which("pre-commit") is None:
        pytest.skip("pre-commit is not installed (it is in the test extra)")
    repo = tmp_path_factory.mktemp("hook-repo")
    for item in ("pyproject.toml", "README.md", ".pre-commit-hooks.yaml", "toolkit", "blueprints", "templates",
                 "contracts", "providers"):  # the wheel ships the catalog (toolkit/shipped/)
        source = REPO / item
        (shutil.copytree if source.is_dir() else shutil.copy)(source, repo / item)
    _git(repo, "init", "-q")
    _git(repo, "add", "-A")
    _git(repo, "-c", "user.email=t@example.com", "-c", "user.name=t", "commit", "-qm", "hooks")
    rev = subprocess.run(["git", "rev-parse", "HEAD"], cwd=repo, capture_output=True, text=True, check=True).stdout.strip()
    return repo, rev


def _user_repo(tmp_path, hook_repo, files: dict[str, str]):
    repo_path, rev = hook_repo
    user = tmp_path / "user"
    user.mkdir()
    for name, text in files.items():
        (user / name).parent.mkdir(parents=True, exist_ok=True)
        (user / name).write_text(text)
    (user / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {repo_path}\n    rev: {rev}\n    hooks:\n      - id: blueprint-check\n"
        "      - id: blueprint-check-catalog\n")
    _git(user, "init", "-q")
    _git(user, "add", "-A")
    return user


def _pre_commit(user, tmp_path):
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path.parent / "pre-commit-cache")}
    return subprocess.run(["pre-commit", "run", "--all-files"], cwd=user, env=env, capture_output=True, text=True,
                          timeout=600)


def test_hooks_pass_on_a_clean_project(tmp_path, hook_repo):
    user = _user_repo(tmp_path, hook_repo, {**project(), "connectors/openai.json": sample()})
    proc = _pre_commit(user, tmp_path)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "blueprint check" in proc.stdout and "Passed" in proc.stdout


def test_hooks_fail_with_located_findings(tmp_path, hook_repo):
    files = {**project(template=TEMPLATE.replace('"protocol": "http"', '"protocol": "HTTP"')),
             "connectors/openai.json": sample(credentials={"a": "b"})}
    user = _user_repo(tmp_path, hook_repo, files)
    proc = _pre_commit(user, tmp_path)
    assert proc.returncode == 1
    assert "connectors/openai.json:" in proc.stdout and "BP101" in proc.stdout
    assert "templates/acme/embed.json.j2:4:3: BP104" in proc.stdout
    assert "Failed" in proc.stdout
