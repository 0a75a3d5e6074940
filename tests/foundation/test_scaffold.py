"""``blueprint init`` and ``blueprint new`` through the CLI: a project of one's own from an empty
folder, a scaffolded blueprint whose markers ``blueprint check`` names exactly, and a copy of a
shipped blueprint whose contract cases pass under the new id."""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path

import pytest

from tests.conftest import REPO
from toolkit.check.config import _BOOLS, _LISTS, _STRINGS, _TABLES, parse_config
from toolkit.check.model import CheckConfig
from toolkit.manifest import schema
from toolkit.scaffold.tasks import SHAPES

PROJECT_FILES = ["blueprints/.gitkeep", "templates/.gitkeep", "contracts/.gitkeep", "providers/.gitkeep",
                 ".blueprint.toml", ".pre-commit-config.yaml", ".github/workflows/blueprints.yml", "README.md"]
ACME = ["blueprints/acme/embedding.yaml", "templates/acme/embedding.json.j2", "contracts/acme/embedding/documented.yaml",
        "providers/acme/embedding.schema.json"]


@pytest.fixture
def mine(run_cli, tmp_path) -> Path:
    """A project made by ``blueprint init`` in an empty folder."""
    assert run_cli("init", cwd=tmp_path).code == 0
    return tmp_path


def _written(out: str) -> list[str]:
    return [line.strip() for line in out.splitlines() if line.startswith("  ")]


# --- init ----------------------------------------------------------------------------------------------

def test_init_in_an_empty_folder_writes_a_project_that_checks_and_lists(run_cli, tmp_path):
    result = run_cli("init", cwd=tmp_path)
    assert result.code == 0 and _written(result.out) == PROJECT_FILES
    assert sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if p.is_file()) == sorted(PROJECT_FILES)
    checked = run_cli("check", cwd=tmp_path)
    assert checked.code == 0 and f"of the project ({tmp_path})" in checked.err and "no findings" in checked.err
    listed = run_cli("list", "--format", "json", cwd=tmp_path)
    assert listed.code == 0 and {e["source"] for e in json.loads(listed.out)["blueprints"]} == {"shipped"}


def test_init_makes_the_folder_it_is_given(run_cli, tmp_path):
    result = run_cli("init", "new-project", cwd=tmp_path)
    assert result.code == 0 and str(tmp_path / "new-project") in result.out
    assert (tmp_path / "new-project/blueprints").is_dir() and (tmp_path / "new-project/.blueprint.toml").is_file()


def test_init_refuses_to_overwrite_and_then_writes_nothing(run_cli, tmp_path):
    (tmp_path / "README.md").write_text("mine\n")
    (tmp_path / ".blueprint.toml").write_text("ignore = []\n")
    result = run_cli("init", cwd=tmp_path)
    assert result.code == 2 and "2 file(s) exist: .blueprint.toml, README.md; nothing was written" in result.err
    assert sorted(p.name for p in tmp_path.iterdir()) == [".blueprint.toml", "README.md"]
    assert (tmp_path / "README.md").read_text() == "mine\n"


def test_the_blueprint_toml_lists_every_setting_with_its_default(mine):
    """Uncommented, the file is a valid configuration naming every key ``toolkit.check.config`` knows;
    the settings whose default is a value show that value."""
    text = (mine / ".blueprint.toml").read_text()
    assert tomllib.loads(text) == {}  # as written, every setting is at its default
    uncommented = "\n".join(line[2:] for line in text.splitlines()
                            if re.match(r"# (\[[a-z-]+\]$|[a-z-]+ = |\"[^\"]+\" = )", line))
    table = tomllib.loads(uncommented)
    parse_config(table, ".blueprint.toml")  # valid: raises on any problem
    assert {key.replace("-", "_") for key in table} == _LISTS | _BOOLS | _TABLES | _STRINGS
    examples = ("trusted-endpoints", "target-version", "per-file-ignores", "suppress")  # no value is their default
    assert parse_config({k: v for k, v in table.items() if k not in examples}, ".blueprint.toml") == CheckConfig()


def test_the_hooks_and_the_workflow_use_the_toolkit(mine):
    hooks = (REPO / ".pre-commit-hooks.yaml").read_text()
    config = (mine / ".pre-commit-config.yaml").read_text()
    assert re.findall(r"id: (\S+)", config) == re.findall(r"- id: (\S+)", hooks)
    assert "repo: <URL OF THE BLUEPRINT-TOOLKIT GIT REPOSITORY>" in config and "rev: v" in config
    workflow = (mine / ".github/workflows/blueprints.yml").read_text()
    assert "blueprint check --format sarif > blueprint-check.sarif" in workflow
    assert "github/codeql-action/upload-sarif" in workflow and "sarif_file: blueprint-check.sarif" in workflow


# --- new: a scaffold with markers ------------------------------------------------------------------------

def _markers_written(root: Path, files: list[str]) -> list[tuple[str, int, int, str]]:
    """Every ``<ACME-...>`` marker in ``files`` outside comments, with its line and column."""
    found = []
    for name in files:
        in_comment = False
        for number, line in enumerate((root / name).read_text().splitlines(), 1):
            in_comment = (in_comment or line.startswith("{#")) and not line.startswith("-#}")
            code = line.split(" #")[0] if name.endswith(".yaml") else line
            if not in_comment and not line.lstrip().startswith("#"):
                found += [(name, number, m.start() + 1, m.group()) for m in re.finditer(r"<ACME-[A-Z-]+>", code)]
    return sorted(found)


def _bp211(run_cli, root: Path) -> list[tuple[str, int, int, str]]:
    result = run_cli("check", "--format", "json", cwd=root)
    diagnostics = json.loads(result.out)["diagnostics"]
    assert {(d["code"], d["severity"]) for d in diagnostics} <= {("BP211", "error")}, diagnostics
    return sorted((d["file"], d["line"], d["column"], re.search(r"'(<[^']+>)'", d["message"]).group(1))
                  for d in diagnostics)


def test_new_scaffolds_a_blueprint_whose_markers_check_names_exactly(run_cli, mine):
    result = run_cli("new", "acme/embedding", "--task", "text_embedding", "--protocol", "http", cwd=mine)
    assert result.code == 0 and _written(result.out) == ACME and "blueprint test acme/embedding" in result.out
    named = _bp211(run_cli, mine)
    assert named == [
        ("blueprints/acme/embedding.yaml", 25, 17, "<ACME-MODEL-ID>"),  # variables.properties.model.default
        ("blueprints/acme/embedding.yaml", 41, 14, "<ACME-ENDPOINT>"),  # trusted_endpoints
        ("blueprints/acme/embedding.yaml", 52, 18, "<ACME-API-REFERENCE>"),  # links
        ("contracts/acme/embedding/documented.yaml", 12, 19, "<ACME-API-REFERENCE>"),  # provenance.source
        ("providers/acme/embedding.schema.json", 7, 22, "<ACME-ENDPOINT>"),  # x-endpoint.url
        ("providers/acme/embedding.schema.json", 8, 22, "<ACME-API-REFERENCE>"),  # x-endpoint.docs
        ("templates/acme/embedding.json.j2", 29, 23, "<ACME-ENDPOINT>"),  # the action's url
    ]
    assert named == _markers_written(mine, ACME)  # every marker the files hold, none more
    listed = run_cli("list", "--provider", "acme", cwd=mine)
    assert listed.code == 0 and "acme/embedding  acme      text_embedding  http      2.11        project" in listed.out


def test_a_filled_in_scaffold_checks_clean_and_its_case_passes(run_cli, mine):
    """The author's path: fill in the markers, write the documented exchange, let --update write the output."""
    run_cli("new", "acme/embedding", "--task", "text_embedding", "--protocol", "http", cwd=mine)
    fills = {"<ACME-MODEL-ID>": "acme-embed-1", "<ACME-API-REFERENCE>": "docs.acme.example/embeddings"}
    endpoint = {".yaml": r"api\.acme\.example/v1/embeddings", ".j2": "api.acme.example/v1/embeddings",
                ".json": r"api\\.acme\\.example/v1/embeddings"}
    for name in ACME:
        path = mine / name
        text = path.read_text().replace("<ACME-ENDPOINT>", endpoint[path.suffix])
        path.write_text(re.sub("|".join(fills), lambda m: fills[m.group()], text))
    case = mine / ACME[2]
    case.write_text(case.read_text().replace("interactions: []\n", """interactions:
  - request:
      method: POST
      url: https://api.acme.example/v1/embeddings
      headers: {Authorization: Bearer <ACME_API_KEY>, Content-Type: application/json}
      body: {model: acme-embed-1, input: [What is the meaning of life?, Hello world]}
    response:
      status: 200
      body: [[0.5, -0.25], [0.125, 1.0]]
"""))
    assert _bp211(run_cli, mine) == []
    assert run_cli("test", "acme/embedding", cwd=mine).code == 1  # expected: {} is not the output yet
    assert run_cli("test", "acme/embedding", "--update", cwd=mine).code == 0
    tested = run_cli("test", "acme/embedding", cwd=mine)
    assert tested.code == 0 and "OK: 1/1 contract cases passed" in tested.out
    assert "name: sentence_embedding" in case.read_text() and "# What ML Commons answers" in case.read_text()


def test_every_task_and_protocol_scaffolds_only_markers(run_cli, mine):
    tasks, protocols = (schema("manifest.schema.json")["properties"][key]["enum"] for key in ("task", "protocol"))
    assert sorted(SHAPES) == sorted(tasks)
    for task in tasks:
        for protocol in protocols:
            result = run_cli("new", f"p-{protocol.replace('_', '-')}/{task.replace('_', '-')}", "--task", task,
                             "--protocol", protocol, cwd=mine)
            assert result.code == 0, result.err
    found = _bp211(run_cli, mine)  # nothing but BP211 errors
    assert {name.split("/")[1] + "/" + name.split("/")[2].split(".")[0]
            for name, *_ in found if name.startswith("blueprints/")} == \
        {f"p-{p.replace('_', '-')}/{t.replace('_', '-')}" for t in tasks for p in protocols}


def test_new_refuses_unknown_tasks_protocols_and_ids(run_cli, mine):
    task = run_cli("new", "acme/x", "--task", "embedding", "--protocol", "http", cwd=mine)
    assert task.code == 2 and "'embedding' is not one of 'text_embedding', 'sparse_embedding'" in task.err
    protocol = run_cli("new", "acme/x", "--task", "chat", "--protocol", "HTTP", cwd=mine)
    assert protocol.code == 2 and "'HTTP' is not one of 'http', 'aws_sigv4'" in protocol.err
    for bad in ("Acme/x", "acme", "acme/x/y", "../x", "acme/"):
        result = run_cli("new", bad, "--task", "chat", "--protocol", "http", cwd=mine)
        assert result.code == 2 and "an id is PROVIDER/NAME in lower case" in result.err, bad
    missing = run_cli("new", "acme/x", "--task", "chat", cwd=mine)
    assert missing.code == 2 and "give --protocol" in missing.err
    assert sorted(p.name for p in (mine / "blueprints").iterdir()) == [".gitkeep"]


def test_new_refuses_an_id_of_the_project_and_any_file_it_would_overwrite(run_cli, mine):
    args = ("--task", "chat", "--protocol", "http")
    assert run_cli("new", "acme/chat", *args, cwd=mine).code == 0
    again = run_cli("new", "acme/chat", *args, cwd=mine)
    assert again.code == 2 and "acme/chat exists in your project (blueprints/acme/chat.yaml)" in again.err
    (mine / "templates/acme/other.json.j2").write_text("{}")
    clash = run_cli("new", "acme/other", *args, cwd=mine)
    assert clash.code == 2 and "1 file(s) exist: templates/acme/other.json.j2; nothing was written" in clash.err
    assert not (mine / "blueprints/acme/other.yaml").exists() and not (mine / "contracts/acme/other").exists()


def test_new_writes_nothing_through_a_link_out_of_the_project(run_cli, mine, tmp_path_factory):
    outside = tmp_path_factory.mktemp("outside")
    (mine / "templates/acme").symlink_to(outside, target_is_directory=True)
    result = run_cli("new", "acme/x", "--task", "chat", "--protocol", "http", cwd=mine)
    assert result.code == 2 and "BP005" in result.err and "templates/acme/x.json.j2" in result.err
    assert list(outside.iterdir()) == [] and not (mine / "blueprints/acme").exists()


def test_new_from_copies_no_script_outside_templates(run_cli, mine):
    """A template may name a script outside templates/ (rendering refuses it); the copy refuses it too."""
    (mine / "secret.txt").write_text("not for copying")
    run_cli("new", "acme/x", "--task", "chat", "--protocol", "http", cwd=mine)
    template = mine / "templates/acme/x.json.j2"
    template.write_text(template.read_text().replace('"version": "1"', '"version": {{ "../secret.txt" | script }}'))
    result = run_cli("new", "acme/y", "--from", "acme/x", cwd=mine)
    assert result.code == 2 and "BP005" in result.err and "not for copying" not in result.err + result.out
    assert not (mine / "blueprints/acme/y.yaml").exists()


def test_new_needs_a_project_and_may_shadow_a_shipped_id(run_cli, mine, tmp_path_factory):
    elsewhere = tmp_path_factory.mktemp("no-project")
    result = run_cli("new", "acme/x", "--task", "chat", "--protocol", "http", cwd=elsewhere)
    assert result.code == 2 and "no project of your own here: `blueprint init` makes one" in result.err
    assert list(elsewhere.iterdir()) == []
    shadow = run_cli("new", "openai/chat", "--task", "chat", "--protocol", "http", cwd=mine)
    assert shadow.code == 0 and "openai/chat: the project's blueprints/openai/chat.yaml" in shadow.err
    assert "shadows the shipped blueprint" in shadow.err


# --- new --from: a copy under a new id -------------------------------------------------------------------

@pytest.mark.parametrize("source", [
    "openai/embedding",
    "sagemaker/embedding",  # Painless scripts and a provider_api schema
    "jina/rerank",          # a post-process script; its provider schema found by URL
])
def test_new_from_copies_a_shipped_blueprint_whose_cases_pass(run_cli, mine, source):
    result = run_cli("new", "mine/copy", "--from", source, cwd=mine)
    assert result.code == 0 and f"copied {source} (shipped) as mine/copy" in result.out, result.err
    manifest = (REPO / f"blueprints/{source}.yaml").read_text()
    listed = re.findall(rf"^  - {re.escape(source)}/(\S+)$", manifest, re.M)
    assert listed
    written = _written(result.out)
    assert [n for n in written if n.startswith("contracts/")] == [f"contracts/mine/copy/{n}" for n in listed]
    assert "blueprints/mine/copy.yaml" in written and "templates/mine/copy.json.j2" in written
    copied = (mine / "blueprints/mine/copy.yaml").read_text()
    assert "id: mine/copy\n" in copied and "provider: mine\n" in copied and "template: mine/copy.json.j2\n" in copied
    assert all((mine / f"contracts/mine/copy/{n}").read_text().count("blueprint: mine/copy\n") == 1 for n in listed)
    tested = run_cli("test", "mine/copy", cwd=mine)
    assert tested.code == 0 and f"OK: {len(listed)}/{len(listed)} contract cases passed" in tested.out, tested.out
    assert run_cli("check", cwd=mine).code == 0


def test_new_from_keeps_the_task_and_protocol_of_the_source(run_cli, mine):
    result = run_cli("new", "mine/copy", "--from", "openai/embedding", "--task", "chat", cwd=mine)
    assert result.code == 2 and "--task chat: openai/embedding is text_embedding" in result.err
    same = run_cli("new", "mine/copy", "--from", "openai/embedding", "--protocol", "http", cwd=mine)
    assert same.code == 0
    unknown = run_cli("new", "mine/other", "--from", "openai/embeddings", cwd=mine)
    assert unknown.code == 2 and "unknown blueprint 'openai/embeddings'" in unknown.err


def test_help_lists_init_and_new(run_cli):
    result = run_cli("--help")
    assert result.code == 0 and re.search(r"^  init\s+Create a blueprint project", result.out, re.M)
    assert re.search(r"^  new\s+Scaffold a blueprint in your project", result.out, re.M)
