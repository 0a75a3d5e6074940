"""The toolkit as a user installs it: a wheel built from this repository, installed into a fresh
virtualenv, run from an empty folder with no project around, then with a small project of one's own.

Offline: the wheel is built without build isolation (hatchling, the build backend, is in the test
extra), and the virtualenv sees the base interpreter's packages for the dependencies
(``--system-site-packages``), so nothing is downloaded; the wheel is installed over any toolkit
those packages hold, and the test proves the virtualenv's copy is the one that runs.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import venv
from pathlib import Path

import pytest

from tests.conftest import REPO, TmpProject

pytestmark = pytest.mark.slow

MY_TITLE = "My own OpenAI embeddings"


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """The ``blueprint`` script of a fresh virtualenv holding the wheel built from the repository."""
    pytest.importorskip("hatchling", reason="the build backend (test extra) builds the wheel offline")
    base = tmp_path_factory.mktemp("installed")
    dist, env = base / "dist", base / "venv"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index",
                    "--wheel-dir", str(dist), str(REPO)], check=True, capture_output=True)
    venv.create(env, system_site_packages=True, with_pip=True)
    python = env / "bin" / "python"
    subprocess.run([str(python), "-m", "pip", "install", "--no-deps", "--no-index", "--ignore-installed",
                    *map(str, dist.glob("*.whl"))], check=True, capture_output=True)
    where = subprocess.run([str(python), "-c", "import toolkit; print(toolkit.__file__)"], check=True,
                           capture_output=True, text=True, cwd=base, env=_clean_env()).stdout.strip()
    assert Path(where).is_relative_to(env), where
    return env / "bin" / "blueprint"


def _clean_env() -> dict[str, str]:
    """The environment without anything that points at this checkout."""
    return {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "BLUEPRINT_PROJECT")}


def _run(blueprint: Path, cwd: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(blueprint), *args], capture_output=True, text=True, cwd=cwd, env=_clean_env(),
                          timeout=300)


def test_the_wheel_carries_the_shipped_catalog(installed, tmp_path):
    result = _run(installed, tmp_path, "list", "--format", "json")
    assert result.returncode == 0, result.stderr
    listed = json.loads(result.stdout)["blueprints"]
    shipped = sorted(p.relative_to(REPO / "blueprints").with_suffix("").as_posix()
                     for p in (REPO / "blueprints").glob("*/*.yaml"))
    assert [entry["id"] for entry in listed] == shipped
    root = installed.parents[1]
    assert all(entry["source"] == "shipped" and Path(entry["root"]).is_relative_to(root) for entry in listed)


def test_commands_run_from_an_empty_folder(installed, tmp_path):
    rendered = _run(installed, tmp_path, "render", "openai/embedding")
    assert rendered.returncode == 0 and json.loads(rendered.stdout)["protocol"] == "http", rendered.stderr
    setup = _run(installed, tmp_path, "setup", "mistral/embedding")
    assert setup.returncode == 0 and "PUT _cluster/settings" in setup.stdout and "api\\\\.mistral\\\\.ai" in setup.stdout
    tested = _run(installed, tmp_path, "test", "openai/embedding")
    assert tested.returncode == 0 and "OK: 2/2 contract cases passed" in tested.stdout, tested.stdout + tested.stderr
    checked = _run(installed, tmp_path, "check")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "of the shipped catalog (" in checked.stderr and "toolkit/shipped): no findings" in checked.stderr
    assert list(tmp_path.iterdir()) == []  # nothing written where the user stands


def test_a_project_of_ones_own_adds_to_and_shadows_the_shipped_catalog(installed, tmp_path):
    project = TmpProject(tmp_path / "mine")
    manifest = (REPO / "blueprints/openai/embedding.yaml").read_text()
    start, end = manifest.index("contracts:\n"), manifest.index("opensearch:\n")
    manifest = manifest.replace(manifest[start:end], "contracts:\n  - openai/embedding/documented.yaml\n")
    project.write("blueprints/openai/embedding.yaml", manifest.replace(manifest.split("\n", 2)[1], f"title: {MY_TITLE}"))
    project.write("templates/openai/embedding.json.j2", (REPO / "templates/openai/embedding.json.j2").read_text())
    project.write("contracts/openai/embedding/documented.yaml",
                  (REPO / "contracts/openai/embedding/documented.yaml").read_text())
    note = "openai/embedding: the project's blueprints/openai/embedding.yaml"

    listed = _run(installed, project.root, "list", "--provider", "openai")
    rows = {line.split()[0]: line for line in listed.stdout.splitlines() if line.startswith("openai/")}
    assert listed.returncode == 0 and " project " in rows["openai/embedding"] and MY_TITLE in rows["openai/embedding"]
    assert " shipped " in rows["openai/chat"] and note in listed.stderr and "shadows" in listed.stderr
    rendered = _run(installed, project.root, "render", "openai/embedding")
    assert rendered.returncode == 0 and note in rendered.stderr
    setup = _run(installed, project.root, "setup", "openai/embedding", "openai/chat")
    assert setup.returncode == 0 and note in setup.stderr
    tested = _run(installed, project.root, "test", "openai/embedding")
    assert tested.returncode == 0 and "OK: 1/1 contract cases passed" in tested.stdout  # the project's one case
    checked = _run(installed, project.root, "check")
    assert checked.returncode == 0 and f"of the project ({project.root}): no findings" in checked.stderr

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    named = _run(installed, elsewhere, "list", "--provider", "openai", "--project", str(project.root))
    assert named.returncode == 0 and MY_TITLE in named.stdout and note in named.stderr


def test_init_and_new_from_an_empty_folder(installed, tmp_path):
    """``init`` and ``new`` write from the package's scaffolding templates; ``--from`` copies a shipped blueprint."""
    init = _run(installed, tmp_path, "init")
    assert init.returncode == 0 and "  .blueprint.toml\n" in init.stdout, init.stderr
    new = _run(installed, tmp_path, "new", "acme/embedding", "--task", "text_embedding", "--protocol", "http")
    assert new.returncode == 0 and "  templates/acme/embedding.json.j2\n" in new.stdout, new.stderr
    checked = _run(installed, tmp_path, "check", "--format", "json")
    found = json.loads(checked.stdout)["diagnostics"]
    assert checked.returncode == 1 and {d["code"] for d in found} == {"BP211"} and len(found) == 7
    copied = _run(installed, tmp_path, "new", "mine/embedding", "--from", "openai/embedding")
    assert copied.returncode == 0 and "copied openai/embedding (shipped)" in copied.stdout, copied.stderr
    tested = _run(installed, tmp_path, "test", "mine/embedding")
    assert tested.returncode == 0 and "OK: 2/2 contract cases passed" in tested.stdout, tested.stdout + tested.stderr
