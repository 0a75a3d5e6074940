"""Caller recipes in the built catalog (``toolkit.catalog.recipes``): on each blueprint page under
"Callers" (explained), in its Markdown page and in ``catalog.json``, one per verified caller, each call
in Dev Tools and curl forms, made by the caller's own ``recipe`` from the page's sample case."""

from __future__ import annotations

import json

from tests.catalog.test_site import parse
from toolkit.callers import get
from toolkit.catalog.model import Case
from toolkit.catalog.recipes import EXPLAINED, recipes


def _catalog(site) -> dict:
    return {b["id"]: b for b in json.loads((site / "catalog.json").read_text())["blueprints"]}


def test_catalog_json_has_a_recipe_per_verified_caller(site):
    blueprints = _catalog(site)
    assert any(b["recipes"] for b in blueprints.values())
    for blueprint in blueprints.values():
        verified = sorted(name for name, ok in blueprint["callers"].items() if ok)
        assert [r["caller"] for r in blueprint["recipes"]] == verified, blueprint["id"]
        for recipe in blueprint["recipes"]:
            bodies = json.dumps([call["body"] for call in recipe["calls"]])
            assert "<MODEL_ID>" in bodies
            assert recipe["docs"] and all(url.startswith("https://github.com/opensearch-project/documentation-website/")
                                          for url in recipe["docs"])


def test_a_recipe_is_the_callers_own_made_from_the_sample_case(site):
    """Not written per blueprint: the JSON's calls are ``Caller.recipe`` of the named case's input."""
    blueprint = _catalog(site)["openai/embedding"]
    case = next(c for c in blueprint["cases"] if c["name"] == blueprint["recipes"][0]["case"])
    for recipe in blueprint["recipes"]:
        made = get(recipe["caller"]).recipe(case["input"], case["expected"]["output"])
        assert [(c["method"], c["path"], c["body"]) for c in recipe["calls"]] == \
            [(s.method, s.path, s.body) for s in made.steps]


def test_the_blueprint_page_explains_callers_and_shows_each_recipe_in_both_forms(site):
    blueprint = _catalog(site)["cohere/rerank"]
    page = parse(site / blueprint["pages"]["html"])
    text = (site / blueprint["pages"]["html"]).read_text()
    assert EXPLAINED.split(":")[0] in text and "recipe-rerank" in page.ids
    devtools = "".join(page.text["recipe-rerank-1-devtools"])
    assert devtools.startswith("PUT /_search/pipeline/rerank\n")
    assert json.loads(devtools.split("\n", 1)[1]) == blueprint["recipes"][0]["calls"][0]["body"]
    curl = "".join(page.text["recipe-rerank-2-curl"])
    assert "/my-index/_search?search_pipeline=rerank" in curl and "--data-binary @- <<'JSON'" in curl


def test_the_markdown_page_has_the_recipes(site):
    blueprint = _catalog(site)["openai/chat"]
    text = (site / blueprint["pages"]["markdown"]).read_text()
    assert "## 6. Call the model from OpenSearch" in text and EXPLAINED in text
    for recipe in blueprint["recipes"]:
        assert f"### {recipe['title']}" in text
        for call in recipe["calls"]:
            assert f"{call['method']} {call['path']}\n{json.dumps(call['body'], indent=2, ensure_ascii=False)}" in text


def test_no_recipe_for_a_caller_not_verified_or_without_an_output_case():
    case = Case("c", "c.yaml", "", True, {"kind": "documented"}, {"text_docs": ["a", "b"]},
                {"inference_results": [{"output": [{"name": "sentence_embedding", "data": [0.1]}]}]}, None, {})
    verified = {"neural_search": True, "ingest_text_embedding": False}
    assert [r.caller for r in recipes(verified, case, "2.11")] == ["neural_search"]
    assert recipes({"neural_search": True}, None, "2.11") == []
    error_case = Case("e", "e.yaml", "", True, {}, {}, None, {"status": 401}, {})
    assert recipes({"neural_search": True}, error_case, "2.11") == []


def test_the_index_explains_callers(site):
    text = (site / "index.html").read_text()
    assert 'id="callers-legend"' in text and EXPLAINED.split(":")[0] in text


def test_a_recipe_newer_than_the_blueprint_says_which_release_it_needs(site):
    """The documentation gives the release a caller's feature was introduced in (the ml_inference search
    response processor: "Introduced 2.16"; the rerank processor: "Introduced 2.12"): a blueprint that
    works from an older release says so beside the recipe, on the page, in Markdown and in catalog.json."""
    blueprints = _catalog(site)
    chat = {r["caller"]: r for r in blueprints["openai/chat"]["recipes"]}
    assert blueprints["openai/chat"]["opensearch_minimum"] == "2.11"
    assert chat["ml_inference"]["since"] == "2.16" and chat["agent"]["since"] == "2.13"
    page = (site / "blueprints" / "openai" / "chat.html").read_text()
    markdown = (site / "markdown" / "openai" / "chat.md").read_text()
    for text in (page, markdown):
        assert "Needs OpenSearch 2.16 or later" in text and "Needs OpenSearch 2.13 or later" in text
    rerank = blueprints["cohere/rerank"]
    assert rerank["opensearch_minimum"] == "2.12" and rerank["recipes"][0]["since"] == "2.12"
    assert "Needs OpenSearch" not in (site / "blueprints" / "cohere" / "rerank.html").read_text()
