"""Change history: the build stamp and each blueprint's revision come from git (the oracle here is git
itself, run by the test), the changelog lists each blueprint's commits, and without git history the
catalog says ``unknown`` instead of guessing."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from tests.catalog.conftest import build_site
from tests.conftest import REPO

HAS_HISTORY = shutil.which("git") is not None and subprocess.run(
    ["git", "-C", str(REPO), "ls-files", "--", "blueprints"], capture_output=True, text=True).stdout.strip() != ""


def git(root: Path, *args: str, **env: str) -> str:
    return subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, check=True,
                          env={**os.environ, "TZ": "UTC", **env}).stdout.strip()


def blueprint_files(root: Path, blueprint: str) -> list[str]:
    """The manifest, its template and scripts, and its contract cases, read from the files themselves."""
    manifest = yaml.safe_load((root / "blueprints" / f"{blueprint}.yaml").read_text())
    template = Path("templates") / manifest["template"]
    scripts = [p.relative_to(root).as_posix() for p in (root / template.parent).glob(template.name.split(".")[0] + ".*")]
    return [f"blueprints/{blueprint}.yaml", *scripts, *(f"contracts/{c}" for c in manifest.get("contracts", []))]


@pytest.mark.skipif(not HAS_HISTORY, reason="the repository is not a git checkout")
def test_the_stamp_and_each_revision_are_the_commits_git_reports(site):
    data = json.loads((site / "catalog.json").read_text())
    head = git(REPO, "log", "-1", "--format=%H %cd", "--date=format-local:%Y-%m-%d").split()
    assert [data["build"]["commit"], data["build"]["date"]] == head
    assert f"Built from commit <code>{head[0][:12]}</code> of {head[1]}" in (site / "index.html").read_text()
    for blueprint in ("openai/embedding", "google/vertex-embedding", "bedrock/nova-embedding"):
        files = blueprint_files(REPO, blueprint)
        entry = next(b for b in data["blueprints"] if b["id"] == blueprint)
        last = git(REPO, "log", "-1", "--format=%H %cd", "--date=format-local:%Y-%m-%d", "--", *files).split()
        assert [entry["revision"]["commit"], entry["revision"]["date"]] == last
        assert entry["revision"]["commits"] == int(git(REPO, "rev-list", "--count", "HEAD", "--", *files))


@pytest.mark.skipif(not HAS_HISTORY, reason="the repository is not a git checkout")
def test_the_changelog_lists_each_blueprints_commits_newest_first(site):
    import html

    page = html.unescape((site / "changelog.html").read_text())
    section = page.split('<h2 id="openai-embedding">')[1].split("</section>")[0]
    subjects = git(REPO, "log", "--format=%s", "--", *blueprint_files(REPO, "openai/embedding")).splitlines()[:20]
    positions = [section.index(subject) for subject in subjects]
    assert positions == sorted(positions)
    markdown = (site / "markdown" / "changelog.md").read_text()
    assert "## OpenAI" in markdown and "(`openai/embedding`)" in markdown
    blueprint_page = (site / "blueprints" / "openai" / "embedding.html").read_text()
    assert 'href="../../changelog.html#openai-embedding"' in blueprint_page


def test_without_git_history_the_catalog_says_unknown(tmp_project):
    tmp_project.minimal()
    out = tmp_project.root / "site"
    code, output = build_site(out, cwd=tmp_project.root)
    assert code in (0, 1), output
    data = json.loads((out / "catalog.json").read_text())
    assert data["build"] == {"commit": "unknown", "date": "unknown", "modified": False}
    assert data["blueprints"][0]["revision"] is None and data["blueprints"][0]["version"] == "1"
    assert "Built outside a git checkout: the commit is unknown." in (out / "index.html").read_text()
    assert "No history" in (out / "changelog.html").read_text()
    assert "| Revision | unknown (no git history) |" in (out / "markdown" / "acme" / "embed.md").read_text()


def test_git_missing_degrades_like_no_history(tmp_project, monkeypatch, tmp_path):
    tmp_project.minimal()
    git(tmp_project.root, "init", "-q")
    git(tmp_project.root, "add", ".")
    git(tmp_project.root, "-c", "user.name=t", "-c", "user.email=t@e", "commit", "-qm", "first")
    empty = tmp_path / "no-git"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    code, output = build_site(tmp_project.root / "site", cwd=tmp_project.root)
    assert json.loads((tmp_project.root / "site" / "catalog.json").read_text())["build"]["commit"] == "unknown"


@pytest.mark.skipif(shutil.which("git") is None, reason="no git")
def test_a_blueprints_revision_counts_only_the_commits_that_touched_its_files(tmp_project):
    root = tmp_project.root
    tmp_project.minimal()
    env = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@e", "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@e"}
    git(root, "init", "-q")

    def commit(message: str, day: str) -> None:
        git(root, "add", "-A")
        git(root, "commit", "-qm", message, GIT_COMMITTER_DATE=f"{day}T12:00:00Z", GIT_AUTHOR_DATE=f"{day}T12:00:00Z", **env)

    commit("feat: acme/embed <first> *version*", "2026-01-02")
    tmp_project.write("blueprints/acme/embed.yaml", (root / "blueprints/acme/embed.yaml").read_text().replace(
        "A minimal blueprint", "The minimal blueprint"))
    commit("docs: acme/embed description", "2026-02-03")
    tmp_project.write("README.md", "not a blueprint file\n")
    commit("chore: readme", "2026-03-04")
    out = root / "site"
    code, output = build_site(out, cwd=root)
    data = json.loads((out / "catalog.json").read_text())
    assert data["build"]["date"] == "2026-03-04" and data["build"]["modified"] is False
    revision = data["blueprints"][0]["revision"]
    assert revision["commits"] == 2 and revision["date"] == "2026-02-03" and not revision["modified"]
    page = (out / "changelog.html").read_text()
    assert page.index("docs: acme/embed description") < page.index("feat: acme/embed &lt;first&gt; *version*")
    assert "chore: readme" not in page
    tmp_project.write("templates/acme/embed.json.j2", (root / "templates/acme/embed.json.j2").read_text() + "\n")
    build_site(out, cwd=root)
    data = json.loads((out / "catalog.json").read_text())
    assert data["build"]["modified"] and data["blueprints"][0]["revision"]["modified"]
