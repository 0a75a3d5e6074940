"""Caller recipes (``Caller.recipe``): what a user pastes to make OpenSearch call the model.

1. Each recipe, for every blueprint that declares its caller and every case the caller runs on, leads
   OpenSearch to send ML Commons an input (``Recipe.sends``, the caller's own ``build`` applied to the
   texts placed in the recipe's bodies) that passes the same contract run as the caller itself: through
   the rendered connector in the emulator, against the case's documented responses, with the caller's
   output check (``toolkit.callers.run.run_caller``).
2. Each body has the shape the OpenSearch documentation gives: its keys, at every level, are keys of the
   documented example or syntax block (``DOCUMENTED``: quoted from the documentation-website repository
   at commit ``DOCS_COMMIT``, path given per block; values are the user's). When the repository's mirror
   is on this machine, the quotes are checked against it.
"""

from __future__ import annotations

import dataclasses
import json
import re
import subprocess
from pathlib import Path

import pytest

from tests.conftest import REPO
from toolkit.callers import CALLER_NAMES, get
from toolkit.callers.base import MODEL_ID
from toolkit.callers.run import output_cases, run_caller
from toolkit.contract.runner import ContractRunner
from toolkit.manifest import load_all
from toolkit.project import Project

PROJECT = Project(REPO)
MANIFESTS = load_all(PROJECT)[0]
PAIRS = [(name, m) for name in CALLER_NAMES for m in MANIFESTS if name in m.callers]
DOCS_COMMIT = "cf95a341c9b617c96ca8773b258512a18b93ab6b"  # opensearch-project/documentation-website, 2026-08-21
DOCS_MIRROR = Path("/work/.mirror/opensearch-project+documentation-website/repo")

# (documentation page, the request line before the block) -> the block, as the page has it
DOCUMENTED = {
    ("_ingest-pipelines/processors/text-embedding.md", "PUT /_ingest/pipeline/nlp-ingest-pipeline"): """{
  "description": "A text embedding pipeline",
  "processors": [
    {
      "text_embedding": {
        "model_id": "bQ1J8ooBpBj3wT4HVUsb",
        "field_map": {
          "passage_text": "passage_embedding"
        }
      }
    }
  ]
}""",
    ("_ingest-pipelines/processors/text-embedding.md", "POST _ingest/pipeline/nlp-ingest-pipeline/_simulate"): """{
  "docs": [
    {
      "_index": "testindex1",
      "_id": "1",
      "_source":{
         "passage_text": "hello world"
      }
    }
  ]
}""",
    ("_ingest-pipelines/processors/text-image-embedding.md", "PUT /_ingest/pipeline/nlp-ingest-pipeline"): """{
  "description": "A text/image embedding pipeline",
  "processors": [
    {
      "text_image_embedding": {
        "model_id": "bQ1J8ooBpBj3wT4HVUsb",
        "embedding": "vector_embedding",
        "field_map": {
          "text": "image_description",
          "image": "image_binary"
        }
      }
    }
  ]
}""",
    ("_ingest-pipelines/processors/text-image-embedding.md", "POST _ingest/pipeline/nlp-ingest-pipeline/_simulate"):
        """{
  "docs": [
    {
      "_index": "testindex1",
      "_id": "1",
      "_source":{
         "image_description": "Orange table",
         "image_binary": "bGlkaHQtd29rfx43..."
      }
    }
  ]
}""",
    ("_ingest-pipelines/processors/ml-inference.md", "POST _ingest/pipeline/ml_inference_pipeline/_simulate"): """{
  "docs": [
    {
      "_index": "testindex1",
      "_id": "1",
      "_source":{
         "passage_text": "hello world"
      }
    }
  ]
}""",
    ("_query-dsl/specialized/neural.md", "GET /my-nlp-index/_search"): """{
  "query": {
    "neural": {
      "passage_embedding": {
        "query_text": "Hi world",
        "query_image": "iVBORw0KGgoAAAAN...",
        "k": 100,
        "filter": {
          "bool": {
            "must": [
              {
                "range": {
                  "rating": {
                    "gte": 8,
                    "lte": 10
                  }
                }
              },
              {
                "term": {
                  "parking": "true"
                }
              }
            ]
          }
        }
      }
    }
  }
}""",
    ("_query-dsl/specialized/neural.md", "\"neural\": {"): """"neural": {
  "<vector_field>": {
    "query_text": "<query_text>",
    "query_image": "<image_binary>",
    "model_id": "<model_id>",
    "k": 100
  }
}""",
    ("_search-plugins/search-pipelines/rerank-processor.md", "PUT /_search/pipeline/rerank_pipeline"): """{
  "response_processors": [
    {
      "rerank": {
        "ml_opensearch": {
          "model_id": "gnDIbI0BfUsSoeNT_jAw"
        },
        "context": {
          "document_fields": [ "title", "text_representation"]
        }
      }
    }
  ]
}""",
    ("_search-plugins/search-relevance/rerank-cross-encoder.md", "PUT /_search/pipeline/my_pipeline"): """{
  "description": "Pipeline for reranking with a cross-encoder",
  "response_processors": [
    {
      "rerank": {
        "ml_opensearch": {
          "model_id": "gnDIbI0BfUsSoeNT_jAw"
        },
        "context": {
          "document_fields": [
            "passage_text"
          ]
        }
      }
    }
  ]
}""",
    ("_search-plugins/search-relevance/rerank-cross-encoder.md", "POST /my-index/_search"): """{
  "query": {
    "match": {
      "passage_text": "how to welcome in family"
    }
  },
  "ext": {
    "rerank": {
      "query_context": {
         "query_text": "how to welcome in family"
      }
    }
  }
}""",
    ("_ingest-pipelines/processors/ml-inference.md", "PUT /_ingest/pipeline/ml_inference_pipeline_local"): """{
  "description": "ingests reviews and generates embeddings",
  "processors": [
    {
      "ml_inference": {
        "function_name": "text_embedding",
        "full_response_path": true,
        "model_id": "<your model id>",
        "model_config": {
          "return_number": true,
          "target_response": ["sentence_embedding"]
        },
        "model_input": "{ \\"text_docs\\": ${input_map.text_docs}, \\"return_number\\": ${model_config.return_number}, \\"target_response\\": ${model_config.target_response} }",
        "input_map": [
          {
            "text_docs": "book.*.chunk.text.*.context"
          }
        ],
        "output_map": [
          {
            "book.*.chunk.text.*.context_embedding": "$.inference_results.*.output.*.data"
          }
        ],
        "ignore_missing": true,
        "ignore_failure": true
      }
    }
  ]
}""",
    ("_ingest-pipelines/processors/ml-inference.md", "PUT /_ingest/pipeline/ml_inference_pipeline"): """{
  "description": "Generate passage_embedding for ingested documents",
  "processors": [
    {
      "ml_inference": {
        "model_id": "<your model id>",
        "input_map": [
          {
            "input": "passage_text"
          }
        ],
        "output_map": [
          {
            "passage_embedding": "data"
          }
        ]
      }
    }
  ]
}""",
    ("_search-plugins/search-pipelines/ml-inference-search-response.md", "\"ml_inference\": {"): """{
  "ml_inference": {
    "model_id": "<model_id>",
    "function_name": "<function_name>",
    "full_response_path": "<full_response_path>",
    "model_config":{
      "<model_config_field>": "<config_value>"
    },
    "model_input": "<model_input>",
    "input_map": [
      {
        "<model_input_field>": "<document_field>"
      }
    ],
    "output_map": [
      {
        "<new_document_field>": "<model_output_field>"
      }
    ],
    "override": "<override>",
    "one_to_one": false
  }
}""",
    ("_ml-commons-plugin/agents-tools/tools/ml-model-tool.md", "POST /_plugins/_ml/agents/_register"): """{
  "name": "Test agent for embedding model",
  "type": "flow",
  "description": "this is a test agent",
  "tools": [
    {
      "type": "MLModelTool",
      "description": "A general tool to answer any question",
      "parameters": {
        "model_id": "h5AUWo0BkIylWTeYT4SU",
        "prompt": "\\n\\nHuman:You are a professional data analyst. You will always answer question based on the given context first. If the answer is not directly shown in the context, you will analyze the data and find the answer. If you don't know the answer, just say don't know. \\n\\nHuman:${parameters.question}\\n\\nAssistant:"
      }
    }
  ]
}""",
    ("_ml-commons-plugin/agents-tools/tools/ml-model-tool.md", "POST /_plugins/_ml/agents/9X7xWI0Bpc3sThaJdY9i/_execute"):
        """{
  "parameters": {
    "question": "what's the population increase of Seattle from 2021 to 2023"
  }
}""",
}

# the documented blocks each recipe step is shaped like: (caller, step number) -> [(page, request line, where the
# block sits in the step's body: a key path, "*" for a list's items)]; the syntax blocks quote only a part
SHAPES = {
    ("ingest_text_embedding", 0): [("_ingest-pipelines/processors/text-embedding.md",
                                    "PUT /_ingest/pipeline/nlp-ingest-pipeline", ())],
    ("ingest_text_embedding", 1): [("_ingest-pipelines/processors/text-embedding.md",
                                    "POST _ingest/pipeline/nlp-ingest-pipeline/_simulate", ())],
    ("ingest_text_image_embedding", 0): [("_ingest-pipelines/processors/text-image-embedding.md",
                                          "PUT /_ingest/pipeline/nlp-ingest-pipeline", ())],
    ("ingest_text_image_embedding", 1): [("_ingest-pipelines/processors/text-image-embedding.md",
                                          "POST _ingest/pipeline/nlp-ingest-pipeline/_simulate", ())],
    ("neural_search", 0): [("_query-dsl/specialized/neural.md", "GET /my-nlp-index/_search", ()),
                           ("_query-dsl/specialized/neural.md", "\"neural\": {", ("query",))],
    ("rerank", 0): [("_search-plugins/search-pipelines/rerank-processor.md", "PUT /_search/pipeline/rerank_pipeline", ()),
                    ("_search-plugins/search-relevance/rerank-cross-encoder.md", "PUT /_search/pipeline/my_pipeline", ())],
    ("rerank", 1): [("_search-plugins/search-relevance/rerank-cross-encoder.md", "POST /my-index/_search", ())],
    ("ml_inference", 0): [("_ingest-pipelines/processors/ml-inference.md",
                           "PUT /_ingest/pipeline/ml_inference_pipeline_local", ()),
                          ("_ingest-pipelines/processors/ml-inference.md", "PUT /_ingest/pipeline/ml_inference_pipeline", ())],
    ("ml_inference", 1): [("_ingest-pipelines/processors/ml-inference.md",
                           "POST _ingest/pipeline/ml_inference_pipeline/_simulate", ())],
    ("ml_inference", 2): [("_search-plugins/search-pipelines/ml-inference-search-response.md", "\"ml_inference\": {",
                           ("response_processors", "*")),
                          ("_search-plugins/search-relevance/rerank-cross-encoder.md", "PUT /_search/pipeline/my_pipeline",
                           ())],
    ("agent", 0): [("_ml-commons-plugin/agents-tools/tools/ml-model-tool.md", "POST /_plugins/_ml/agents/_register", ())],
    ("agent", 1): [("_ml-commons-plugin/agents-tools/tools/ml-model-tool.md",
                    "POST /_plugins/_ml/agents/9X7xWI0Bpc3sThaJdY9i/_execute", ())],
}
# places whose keys are the user's own: document fields, the connector's parameters, model input names
USERS = re.compile(r"(/_source|/input_map/\*|/output_map/\*|/tools/\*/parameters)$")


def documented(shapes: list) -> dict:
    """The documented blocks of ``shapes`` put where they sit and merged: what any of the pages shows at a
    place."""
    out: dict = {}
    for page, line, at in shapes:
        text = DOCUMENTED[(page, line)]
        block = json.loads(text if text.startswith("{") else "{" + text + "}")
        for key in reversed(at):
            block = [block] if key == "*" else {key: block}
        out = _merge(out, block)
    return out


def _merge(a, b):
    if isinstance(a, dict) and isinstance(b, dict):
        return {**a, **b, **{k: _merge(a[k], b[k]) for k in a.keys() & b.keys()}}
    if isinstance(a, list) and isinstance(b, list):
        return [_merge(_items(a), _items(b))]
    return a if b is None else b


def _items(items: list):
    merged = {}
    for item in items:
        merged = _merge(merged, item) if isinstance(item, dict) else item
    return merged


def keys_outside(body, shown, where: str = "") -> list[str]:
    """Every key path of ``body`` that the documentation ``shown`` does not have at that place; a
    documented ``<placeholder>`` key stands for any key."""
    if USERS.search(where):
        return []
    if isinstance(body, dict):
        if not isinstance(shown, dict):
            return [where or "/"]
        out = []
        placeholder = next((k for k in shown if k.startswith("<") and k.endswith(">")), None)
        for key, value in body.items():
            if key not in shown and placeholder is None:
                out.append(f"{where}/{key}")
                continue
            there = _merge(shown.get(key, {}), shown.get(placeholder, {})) if placeholder else shown[key]
            out += keys_outside(value, there, f"{where}/{key}")
        return out
    if isinstance(body, list) and isinstance(shown, list) and shown:
        return [p for item in body for p in keys_outside(item, _items(shown), where + "/*")]
    return []


@pytest.fixture(scope="module")
def runner():
    with ContractRunner(PROJECT) as contract_runner:
        yield contract_runner


@pytest.mark.parametrize("name, manifest", PAIRS, ids=[f"{n}-{m.id}" for n, m in PAIRS])
def test_what_a_recipe_makes_opensearch_send_passes_the_callers_contract(runner, name, manifest):
    caller = get(name)
    cases = output_cases(PROJECT, manifest, runner)
    assert cases
    for path, cassette in cases:
        recipe = caller.recipe(cassette.input, cassette.expected.output)
        as_pasted = dataclasses.replace(caller, build=lambda case_input, texts, sends=recipe.sends: sends)
        result = run_caller(runner, manifest, as_pasted, cassette, PROJECT.relative(path))
        assert result.ok, (recipe.steps, result.problems)
        shown = json.dumps([step.body for step in recipe.steps], ensure_ascii=False)
        placed = recipe.sends.texts[:1] if name == "rerank" else recipe.sends.texts  # rerank's documents are hits
        assert all(json.dumps(text, ensure_ascii=False)[1:-1] in shown for text in placed)
        assert MODEL_ID in shown


@pytest.mark.parametrize("name, manifest", PAIRS, ids=[f"{n}-{m.id}" for n, m in PAIRS])
def test_each_recipe_body_has_the_documented_shape(runner, name, manifest):
    """Cited: the documentation pages in ``SHAPES`` (documentation-website at ``DOCS_COMMIT``), which the
    recipe names too."""
    caller = get(name)
    path, cassette = output_cases(PROJECT, manifest, runner)[0]
    recipe = caller.recipe(cassette.input, cassette.expected.output)
    for number, step in enumerate(recipe.steps):
        shapes = SHAPES[(name, number)]
        assert keys_outside(step.body, documented(shapes)) == [], (name, number, step.body)
        assert {page for page, _, _ in shapes} & set(recipe.docs)


def test_the_shape_check_fails_on_an_undocumented_key():
    shapes = SHAPES[("ingest_text_embedding", 0)]
    body = {"processors": [{"text_embedding": {"model_id": "x", "field_map": {"passage_text": "v"}, "fieldmap": {}}}]}
    assert keys_outside(body, documented(shapes)) == ["/processors/*/text_embedding/fieldmap"]
    query = {"query": {"neural": {"my_vector": {"query_text": "q", "model_id": "m", "kk": 1}}}}
    assert keys_outside(query, documented(SHAPES[("neural_search", 0)])) == ["/query/neural/my_vector/kk"]


@pytest.mark.skipif(not DOCS_MIRROR.is_dir(), reason="the documentation-website mirror is not on this machine")
@pytest.mark.parametrize("page, line", list(DOCUMENTED))
def test_the_quoted_documentation_is_what_the_page_says(page, line):
    text = subprocess.run(["git", "--git-dir", str(DOCS_MIRROR), "show", f"{DOCS_COMMIT}:{page}"],
                          capture_output=True, text=True, check=True).stdout
    quoted = DOCUMENTED[(page, line)]
    if quoted.startswith("{") and not line.startswith("\""):
        assert f"{line}\n{quoted}\n```" in text
    else:
        assert re.sub(r"\s+", "", quoted) in re.sub(r"\s+", "", text)


def test_the_replay_fails_a_recipe_that_leaves_out_what_the_contract_needs(runner):
    """The OpenAI chat agent needs the tool parameter response_filter; without it the same run fails."""
    manifest = next(m for m in MANIFESTS if m.id == "openai/chat")
    caller = get("agent")
    path, cassette = output_cases(PROJECT, manifest, runner)[0]
    recipe = caller.recipe(cassette.input, cassette.expected.output)
    tool = recipe.steps[0].body["tools"][0]["parameters"]
    assert tool["response_filter"] == "$.choices[0].message.content"
    sends = recipe.sends.body["parameters"]
    without = dataclasses.replace(recipe.sends, body={"parameters": {k: v for k, v in sends.items()
                                                                    if k != "response_filter"}})
    as_pasted = dataclasses.replace(caller, build=lambda case_input, texts: without, retry=None)
    result = run_caller(runner, manifest, as_pasted, cassette, PROJECT.relative(path))
    assert not result.ok and "response_filter" in " ".join(result.problems)
