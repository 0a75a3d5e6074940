"""catalog.json format 2 (issue 18 item 11): it validates against the schema it names and the site
publishes, follows the additive-compatibility policy, and a script with only ``json`` can set a
blueprint up from it: the same settings, connector and calls as ``blueprint setup`` and ``blueprint
render`` print, and ML Commons' REST paths."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from tests.conftest import REPO

RELEASE = "2.13"
OWN = "^https://search\\.internal\\.example\\.com/v1/embed$"  # a regex of the sample cluster's own


@pytest.fixture(scope="module")
def catalog_file(site) -> Path:
    return site / "catalog.json"


@pytest.fixture(scope="module")
def data(catalog_file) -> dict:
    return json.loads(catalog_file.read_text())


def _validator(catalog_file: Path, data: dict):
    """The validator of the schema catalog.json names in ``$schema`` (a URL relative to it)."""
    from jsonschema import Draft202012Validator

    schema = json.loads((catalog_file.parent / data["$schema"]).read_text())
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def test_catalog_json_validates_against_the_schema_it_names_which_the_site_publishes(catalog_file, data):
    from toolkit.manifest import schema

    assert data["version"] == 2
    assert not list(_validator(catalog_file, data).iter_errors(data))
    assert json.loads((catalog_file.parent / data["$schema"]).read_text()) == schema("catalog.schema.json")


def test_unknown_fields_are_allowed_and_required_ones_are_not_optional(catalog_file, data):
    """The additive-compatibility policy: a newer catalog with fields this schema does not know still
    validates; one without a field every consumer may rely on does not."""
    validator = _validator(catalog_file, data)
    newer = json.loads(json.dumps(data))
    newer["x_new"] = 1
    blueprint = newer["blueprints"][0]
    blueprint["x_new"] = {"a": 1}
    for part in (blueprint["status"], blueprint["settings"], blueprint["settings"]["by_release"][0],
                 blueprint["calls"]["predict"], blueprint["content_hash"], newer["trusted_endpoints_defaults"][0],
                 *blueprint["cases"], *(case["expected"] for case in blueprint["cases"])):
        part["x_new"] = True
    assert not list(validator.iter_errors(newer))
    for remove in (lambda d: d["blueprints"][0].pop("compatibility"), lambda d: d["blueprints"][0]["settings"].pop("by_release"),
                   lambda d: d.pop("trusted_endpoints_defaults")):
        older = json.loads(json.dumps(data))
        remove(older)
        assert list(validator.iter_errors(older))


def test_default_lists_are_written_once_per_distinct_list(data):
    from toolkit.versions import Profile

    groups = data["trusted_endpoints_defaults"]
    assert sorted(r for g in groups for r in g["releases"]) == sorted(data["releases"])
    assert len({json.dumps(g["regexes"]) for g in groups}) == len(groups)
    for group in groups:
        for release in group["releases"]:
            assert group["regexes"] == list(Profile.for_version(release).value("trusted_endpoints.default"))
    text = json.dumps(data["blueprints"])
    assert "^https://rekognition(-fips)?" not in text  # in no blueprint's settings: only in the defaults


def test_variables_are_the_manifests_json_schema(data):
    from jsonschema import Draft202012Validator

    from toolkit.source import load_yaml

    for blueprint in data["blueprints"]:
        assert blueprint["variables"] == load_yaml(REPO / blueprint["manifest"]).data["variables"]
        Draft202012Validator.check_schema(blueprint["variables"])
        assert Draft202012Validator(blueprint["variables"]).is_valid(blueprint["connectors"][0]["variables"])


def test_the_content_hash_is_what_docs_say_it_is(data):
    """sha256 of the sha256sum lines of the listed files, CRLF read as LF (docs/catalog-json.md)."""
    for blueprint in data["blueprints"]:
        files = blueprint["content_hash"]["files"]
        assert files == sorted(files) and blueprint["manifest"] in files
        assert set(files) >= {case["file"] for case in blueprint["cases"]}
        assert any(f.startswith("templates/") for f in files)
        lines = "".join(f"{_sha256_lf(REPO / f)}  {f}\n" for f in files)
        assert blueprint["content_hash"]["sha256"] == hashlib.sha256(lines.encode()).hexdigest()
    scripts = next(b for b in data["blueprints"] if b["id"] == "google/vertex-embedding")["content_hash"]["files"]
    assert "templates/google/vertex-embedding.pre.painless" in scripts  # a script the template includes


def _sha256_lf(path: Path) -> str:
    return hashlib.sha256(path.read_bytes().replace(b"\r\n", b"\n")).hexdigest()


def test_the_content_hash_changes_with_a_template_and_not_with_line_ends(tmp_path):
    from toolkit.catalog.content_hash import content_hash

    (tmp_path / "t.json.j2").write_bytes(b'{"a": 1}\n')
    before = content_hash(tmp_path, ["t.json.j2"])
    (tmp_path / "t.json.j2").write_bytes(b'{"a": 1}\r\n')
    assert content_hash(tmp_path, ["t.json.j2"]) == before
    (tmp_path / "t.json.j2").write_bytes(b'{"a": 2}\n')
    assert content_hash(tmp_path, ["t.json.j2"]) != before


# A consumer: the script of docs/catalog-json.md, which reads catalog.json with nothing but json.

def consumer_calls(catalog: dict, blueprint_id: str, current: dict, folder: Path) -> list[tuple]:
    """The calls the documented script assembles, given a catalog.json that holds only ``blueprint_id``
    (so that it is the one the script picks) and the cluster's GET answer ``current``."""
    import os

    text = (REPO / "docs" / "catalog-json.md").read_text()
    script = text[text.index("```python\n") + len("```python\n"):text.index("```\n", text.index("```python\n"))]
    one = {**catalog, "blueprints": [b for b in catalog["blueprints"] if b["id"] == blueprint_id]}
    (folder / "catalog.json").write_text(json.dumps(one))
    (folder / "current.json").write_text(json.dumps(current))
    previous = Path.cwd()
    os.chdir(folder)
    try:
        namespace: dict = {}
        exec(compile(script, "docs/catalog-json.md", "exec"), namespace)  # noqa: S102 - our own document
    finally:
        os.chdir(previous)
    assert namespace["blueprint"]["id"] == blueprint_id and namespace["RELEASE"] == RELEASE
    return namespace["calls"]


def _sample_cluster(catalog: dict, release: str) -> dict:
    """GET _cluster/settings?include_defaults=true of a cluster on ``release`` that added a regex of its own."""
    default = next(g["regexes"] for g in catalog["trusted_endpoints_defaults"] if release in g["releases"])
    return {"persistent": {"plugins": {"ml_commons": {"trusted_connector_endpoints_regex": [*default, OWN]}}}}


def test_a_script_picks_a_blueprint_for_2_13_and_assembles_its_calls_from_catalog_json_alone(data, run_cli, tmp_path):
    from toolkit import api

    current = _sample_cluster(data, RELEASE)
    passing = [b["id"] for b in data["blueprints"] if b["compatibility"].get(RELEASE) == "pass"]
    assert passing
    for blueprint_id in passing:
        blueprint = next(b for b in data["blueprints"] if b["id"] == blueprint_id)
        calls = [{"method": method, "path": path, "body": body}
                 for method, path, body in consumer_calls(data, blueprint_id, current, tmp_path)]
        setup = run_cli("setup", blueprint_id, "--opensearch-version", RELEASE, "--existing",
                        str(tmp_path / "current.json"), "--format", "json")
        assert setup.code == 0, setup.err
        settings = json.loads(setup.out)["persistent"]
        if calls[0]["path"] == "/_cluster/settings":  # the same merged values as blueprint setup --existing
            assert calls.pop(0)["body"]["persistent"] == settings
        else:  # nothing to add: blueprint setup keeps the cluster's list as it is
            assert settings == {"plugins.ml_commons.trusted_connector_endpoints_regex":
                                current["persistent"]["plugins"]["ml_commons"]["trusted_connector_endpoints_regex"]}
        create, register, deploy, predict = calls
        variable_set = blueprint["connectors"][0]["variable_set"]  # the defaults, or the first example
        example = [] if variable_set == "default" else ["--example", variable_set]
        assert create["body"] == json.loads(run_cli("render", blueprint_id, *example).out)
        _check_paths(create, register, deploy, predict)
        assert register["body"]["connector_id"] == "<CONNECTOR_ID>" and register["body"]["function_name"] == "remote"
        body = predict["body"]
        (tmp_path / "connector.json").write_text(json.dumps(create["body"]))
        prediction = api.predict(tmp_path / "connector.json", parameters=body.get("parameters"),
                                 text_docs=body.get("text_docs", ()),
                                 query_text=body.get("query_text"), opensearch_version=RELEASE, settings=settings,
                                 private_ip_enabled=bool(settings.get("plugins.ml_commons.connector.private_ip_enabled")))
        assert (prediction.refusals, prediction.error) == ([], None) and prediction.requests, blueprint_id  # 2.13 takes them


def _check_paths(create: dict, register: dict, deploy: dict, predict: dict) -> None:
    """ML Commons' REST routes at 2.13.0.0 (ML_BASE_URI = "/_plugins/_ml", MachineLearningPlugin.java):
    RestMLCreateConnectorAction "%s/connectors/_create", RestMLRegisterModelAction "%s/models/_register",
    RestMLDeployModelAction "%s/models/{model_id}/_deploy", RestMLPredictionAction
    "%s/_predict/{algorithm}/{model_id}" and "%s/models/{model_id}/_predict"; all POST."""
    assert (create["method"], create["path"]) == ("POST", "/_plugins/_ml/connectors/_create")
    assert (register["method"], register["path"]) == ("POST", "/_plugins/_ml/models/_register")
    assert (deploy["method"], deploy["path"]) == ("POST", "/_plugins/_ml/models/<MODEL_ID>/_deploy")
    assert predict["method"] == "POST"
    body = predict["body"]
    if "parameters" in body:
        assert predict["path"] == "/_plugins/_ml/models/<MODEL_ID>/_predict"
    else:  # text_docs (and query_text): the algorithm in the path names the input's kind
        kind = "text_similarity" if "query_text" in body else "text_embedding"
        assert predict["path"] == f"/_plugins/_ml/_predict/{kind}/<MODEL_ID>"
