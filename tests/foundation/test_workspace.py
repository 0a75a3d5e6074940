"""Where commands find blueprints (``toolkit.workspace``): the shipped catalog, the user's project
over it (a local id shadows a shipped one, with a note), ``--project`` anywhere, and each blueprint
confined to its own project."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tests.conftest import REPO, TmpProject

MY_TITLE = "My own OpenAI embeddings"


@pytest.fixture
def own(tmp_path) -> TmpProject:
    """A user's project: acme/embed of its own, and openai/embedding shadowing the shipped one."""
    project = TmpProject(tmp_path / "mine").minimal()
    manifest = (REPO / "blueprints/openai/embedding.yaml").read_text()
    start, end = manifest.index("contracts:\n"), manifest.index("opensearch:\n")
    manifest = manifest.replace(manifest[start:end], "contracts:\n  - openai/embedding/documented.yaml\n")
    project.write("blueprints/openai/embedding.yaml", manifest.replace(
        manifest.split("\n", 2)[1], f"title: {MY_TITLE}"))
    project.write("templates/openai/embedding.json.j2", (REPO / "templates/openai/embedding.json.j2").read_text())
    project.write("contracts/openai/embedding/documented.yaml",
                  (REPO / "contracts/openai/embedding/documented.yaml").read_text())
    return project


def _listed(result) -> dict[str, dict]:
    return {entry["id"]: entry for entry in json.loads(result.out)["blueprints"]}


def test_in_the_checkout_the_project_is_the_shipped_catalog(run_cli):
    result = run_cli("list", "--format", "json")
    ids = [entry["id"] for entry in json.loads(result.out)["blueprints"]]
    assert result.code == 0 and len(ids) == len(set(ids)) == len(list((REPO / "blueprints").glob("*/*.yaml")))
    assert {entry["source"] for entry in _listed(result).values()} == {"shipped"}
    assert "shadows" not in result.err


def test_a_project_adds_its_blueprints_and_shadows_a_shipped_id(run_cli, own):
    result = run_cli("list", "--format", "json", cwd=own.root)
    listed = _listed(result)
    assert result.code == 0 and listed["acme/embed"]["source"] == "project"
    assert listed["openai/embedding"]["source"] == "project" and listed["openai/embedding"]["title"] == MY_TITLE
    assert listed["openai/chat"]["source"] == "shipped" and listed["openai/chat"]["root"] == str(REPO)
    assert "openai/embedding: the project's blueprints/openai/embedding.yaml" in result.err and "shadows" in result.err
    text = run_cli("list", "--provider", "openai", cwd=own.root)
    assert "SOURCE" in text.out and f"1 from the project ({own.root})" in text.out
    assert [line.split()[5] for line in text.out.splitlines() if line.startswith("openai/")] == \
        ["shipped", "project", "shipped"]


def test_an_id_resolves_to_the_project_first_then_the_shipped_catalog(run_cli, own):
    mine = run_cli("render", "openai/embedding", cwd=own.root)
    assert mine.code == 0 and "shadows the shipped blueprint" in mine.err
    shipped = run_cli("render", "openai/chat", cwd=own.root)
    assert shipped.code == 0 and json.loads(shipped.out)["protocol"] == "http" and "shadows" not in shipped.err
    tested = run_cli("test", "openai/embedding", "openai/chat", cwd=own.root)
    assert tested.code == 0, tested.out
    cases = [line.split()[2] for line in tested.out.splitlines() if line.startswith("ok")]
    assert cases.count("documented") == 2 and "invalid-api-key" not in cases  # only the project's case of the shadowing id
    setup = run_cli("setup", "openai/embedding", "cohere/embed-v2", "--format", "json", cwd=own.root)
    assert setup.code == 0 and "shadows" in setup.err


def test_commands_over_every_blueprint_take_the_project_alone(run_cli, own):
    checked = run_cli("check", cwd=own.root)
    assert checked.code == 0 and f"of the project ({own.root}): no findings" in checked.err
    tested = run_cli("test", cwd=own.root)
    assert tested.code == 0 and "OK: 1/1 contract cases passed" in tested.out


def test_with_no_project_check_says_it_checks_the_shipped_catalog(run_cli, tmp_path):
    result = run_cli("check", "--select", "BP104", cwd=tmp_path)
    assert result.code == 0 and f"of the shipped catalog ({REPO})" in result.err


@pytest.mark.parametrize("args", [["--project", "{own}", "list"], ["list", "--project", "{own}"],
                                  ["list", "--provider", "acme", "--project", "{own}"]])
def test_project_option_in_any_position(own, tmp_path, monkeypatch, args):
    monkeypatch.delenv("BLUEPRINT_PROJECT", raising=False)
    assert "acme/embed" in _main([arg.format(own=own.root) for arg in args], tmp_path, monkeypatch)


def test_project_from_the_environment(own, tmp_path, monkeypatch):
    monkeypatch.setenv("BLUEPRINT_PROJECT", str(own.root))
    assert "acme/embed" in _main(["list"], tmp_path, monkeypatch)


def _main(args: list[str], cwd: Path, monkeypatch) -> str:
    """stdout and stderr of ``blueprint ARGS`` run in ``cwd``, keeping ``$BLUEPRINT_PROJECT``."""
    import contextlib
    import io

    from toolkit.cli import main

    monkeypatch.chdir(cwd)
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        main(args)
    return out.getvalue() + err.getvalue()


def test_a_project_blueprint_never_reads_the_shipped_folders(run_cli, own):
    """The same name in the user's manifest means the user's file: no fall-back to the shipped one,
    and a link into the shipped folders is refused (toolkit/paths.py)."""
    manifest = own.root / "blueprints/acme/embed.yaml"
    manifest.write_text(manifest.read_text().replace("template: acme/embed.json.j2", "template: openai/chat.json.j2"))
    missing = run_cli("render", "acme/embed", cwd=own.root)
    assert missing.code == 2 and "BP003" in missing.err and "template not found: templates/openai/chat.json.j2" in missing.err
    (own.root / "templates/openai/chat.json.j2").symlink_to(REPO / "templates/openai/chat.json.j2")
    linked = run_cli("render", "acme/embed", cwd=own.root)
    assert linked.code == 2 and "leaves templates/" in linked.err and '"model"' not in linked.out


def test_a_shipped_blueprint_never_reads_the_projects_folders(run_cli, own, tmp_path, monkeypatch):
    """The other way round: a shipped catalog whose template is a link into the user's project."""
    import toolkit.workspace

    shipped = tmp_path / "shipped"
    (shipped / "blueprints/openai").mkdir(parents=True)
    (shipped / "templates/openai").mkdir(parents=True)
    manifest = (REPO / "blueprints/openai/chat.yaml").read_text()
    (shipped / "blueprints/openai/chat.yaml").write_text(manifest[:manifest.index("contracts:\n")]
                                                         + manifest[manifest.index("opensearch:\n"):])
    (shipped / "templates/openai/chat.json.j2").symlink_to(own.root / "templates/openai/embedding.json.j2")
    monkeypatch.setattr(toolkit.workspace, "shipped_root", lambda: shipped)
    result = run_cli("render", "openai/chat", cwd=own.root)
    assert result.code == 2 and "leaves templates/" in result.err and result.out == ""
    assert run_cli("render", "openai/embedding", cwd=own.root).code == 0  # the project's own still renders


def test_a_shipped_blueprint_is_never_written_to(run_cli, own, tmp_path):
    recorded = run_cli("record", "openai/chat", "new", "--parameters", "{}", "--description", "d", cwd=own.root)
    assert recorded.code == 2 and "openai/chat is a shipped blueprint" in recorded.err
    updated = run_cli("test", "openai/chat", "--update", cwd=own.root)
    assert updated.code == 2 and "not the shipped catalog's" in updated.err
    nowhere = run_cli("test", "--update", cwd=tmp_path)
    assert nowhere.code == 2 and "not the shipped catalog's" in nowhere.err


def test_with_no_project_the_catalog_goes_to_the_working_directory(tmp_path, monkeypatch):
    from toolkit.cli.catalog_cmd import default_out
    from toolkit.workspace import Workspace

    monkeypatch.chdir(tmp_path)
    assert default_out(Workspace(None)) == tmp_path / "site"


def test_check_of_a_file_does_not_look_for_the_shipped_catalog(run_cli, tmp_path, monkeypatch):
    import toolkit.workspace

    def forbidden():
        raise AssertionError("looked for the shipped catalog")

    monkeypatch.setattr(toolkit.workspace, "shipped_root", forbidden)
    connector = tmp_path / "connector.json"
    connector.write_text(json.dumps({"name": "x", "version": "1", "protocol": "HTTP", "actions": []}))
    result = run_cli("check", str(connector), cwd=tmp_path)
    assert result.code == 1 and "BP104" in result.out
    assert os.path.basename(connector) in result.out
