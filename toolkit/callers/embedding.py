"""Dense text embedding callers: the ``neural`` query and the ``text_embedding`` ingest processor.

Contract (``docs/callers.md`` section 1; neural-search ``MLCommonsClientAccessor``,
``NeuralSearchMLInputBuilder.createTextEmbeddingInput``, ``NeuralQueryBuilder.inferenceByDenseModel``,
``TextEmbeddingProcessor``, ``InferenceProcessor.buildNLPResult``):

* ``neural_search``: ``text_docs: [query]`` (algorithm TEXT_EMBEDDING, target response
  ``sentence_embedding``); the first vector is the query vector; its length must be the field's
  dimension (k-NN ``KNNQueryBuilder``). The index's dimension is the user's mapping, so the check
  is that every vector has one length (documented cases shorten vectors, so a blueprint variable
  such as ``dimensions`` is not compared).
* ``ingest_text_embedding``: ``text_docs`` = the batch of mapped field values, in order; vector i is
  written to text i, so there must be exactly one vector per text, all of the index's dimension.
* ``ingest_text_image_embedding``: the ``text_image_embedding`` processor
  (``TextImageEmbeddingProcessor`` -> ``inferenceSentencesMap``): ``text_docs: [text, image]`` (the
  image base64), one vector for the pair: the first vector is kept.
"""

from __future__ import annotations

from collections.abc import Sequence

from toolkit.callers.base import (
    INDEX,
    MODEL_ID,
    TEXT_FIELD,
    VECTOR_FIELD,
    Caller,
    CallerInput,
    Recipe,
    Step,
    check_numbers,
    vectors,
)

SOURCE_QUERY = ("opensearch-project/neural-search NeuralQueryBuilder.inferenceByDenseModel -> "
                "MLCommonsClientAccessor.inferenceSentencesMap / buildVectorFromResponse")
SOURCE_INGEST = ("opensearch-project/neural-search TextEmbeddingProcessor / InferenceProcessor.generateAndSetInference "
                 "-> MLCommonsClientAccessor.inferenceSentences / buildVectorFromResponse")
SOURCE_TEXT_IMAGE = ("opensearch-project/neural-search TextImageEmbeddingProcessor -> "
                     "MLCommonsClientAccessor.inferenceSentencesMap / buildSingleVectorFromResponse")


def _mlinput(docs: list[str]) -> dict:
    return {"algorithm": "TEXT_EMBEDDING", "text_docs": docs, "return_bytes": False, "return_number": True,
            "target_response": ["sentence_embedding"]}


def _docs(case_input: dict) -> list[str]:
    docs = case_input.get("text_docs")
    if not isinstance(docs, list) or not docs:
        raise ValueError("the case's input has no text_docs to take the caller's texts from")
    return [d for d in docs]


def build_query(case_input: dict, texts: Sequence[str] | None) -> CallerInput:
    docs = _docs(case_input)
    query = [texts[0]] if texts else docs[:1]
    return CallerInput({"text_docs": query}, "TEXT_EMBEDDING", _mlinput(query), tuple(query), 1,
                       "neural query: text_docs [query_text]")


def build_ingest(case_input: dict, texts: Sequence[str] | None) -> CallerInput:
    docs = list(texts) if texts else _docs(case_input)
    return CallerInput({"text_docs": docs}, "TEXT_EMBEDDING", _mlinput(docs), tuple(docs), len(docs),
                       f"text_embedding processor: text_docs of {len(docs)} field values")


def build_text_image(case_input: dict, texts: Sequence[str] | None) -> CallerInput:
    docs = _docs(case_input)[:2]
    if texts:
        docs = [texts[0], *docs[1:]]
    return CallerInput({"text_docs": docs}, "TEXT_EMBEDDING", _mlinput(docs), tuple(docs[:1]), 1,
                       "text_image_embedding processor: text_docs [text, image]")


def _common(name: str, output: dict, built: CallerInput, variables: dict, exact: bool) -> list[str]:
    found, problems = vectors(output, name)
    if problems:
        return problems
    if exact and len(found) != built.count:
        return [f"{name} writes vector i to text i and needs exactly {built.count} vectors for {built.count} texts; "
                f"the output has {len(found)}"]
    if not exact and not found:
        return [f"{name} needs a query vector; the output has none"]
    used = found if exact else found[:1]
    for index, vector in enumerate(used):
        problems += check_numbers(vector, f"vector #{index + 1}")
    if problems:
        return problems
    lengths = sorted({len(v) for v in used})
    if len(lengths) > 1:
        return [f"{name} needs every vector to have the index's dimension; the output mixes lengths {lengths}"]
    return []


def check_query(output: dict, built: CallerInput, variables: dict) -> list[str]:
    return _common("neural_search", output, built, variables, exact=False)


def check_text_image(output: dict, built: CallerInput, variables: dict) -> list[str]:
    """One vector for the text and image together: a connector that returns one per document has
    embedded the base64 image as text (neural-search keeps the first, the text alone, silently)."""
    found, problems = vectors(output, "ingest_text_image_embedding")
    if not problems and len(built.body["text_docs"]) == 2 and len(found) != 1:
        return [f"ingest_text_image_embedding needs one vector for the text and image together; the output has "
                f"{len(found)}, so the connector embeds each document on its own (the image as text) and "
                "neural-search would keep the text's vector only"]
    return problems or _common("ingest_text_image_embedding", output, built, variables, exact=False)


def check_ingest(output: dict, built: CallerInput, variables: dict) -> list[str]:
    return _common("ingest_text_embedding", output, built, variables, exact=True)


def recipe_query(case_input: dict, output: dict | None) -> Recipe:
    """The ``neural`` query on the vector field the ingest recipe fills, with the case's first text."""
    query = build_query(case_input, None).texts[0]
    body = {"query": {"neural": {VECTOR_FIELD: {"query_text": query, "model_id": MODEL_ID, "k": 10}}}}
    step = Step("Search with the neural query", "GET", f"/{INDEX}/_search", body,
                f"OpenSearch embeds query_text with the model and runs a k-NN search on {VECTOR_FIELD} (a knn_vector "
                "field of the model's dimension, filled by the ingest pipeline).")
    sent = body["query"]["neural"][VECTOR_FIELD]["query_text"]
    return Recipe("neural_search", "Neural query", ("_query-dsl/specialized/neural.md",), (step,),
                  build_query(case_input, [sent]))


def recipe_ingest(case_input: dict, output: dict | None) -> Recipe:
    """An ingest pipeline with the ``text_embedding`` processor, and a simulation with the case's texts."""
    texts = build_ingest(case_input, None).texts
    pipeline = {"description": f"Embeds {TEXT_FIELD} into {VECTOR_FIELD}",
                "processors": [{"text_embedding": {"model_id": MODEL_ID, "field_map": {TEXT_FIELD: VECTOR_FIELD}}}]}
    simulate = {"docs": [{"_index": INDEX, "_id": str(n), "_source": {TEXT_FIELD: text}}
                         for n, text in enumerate(texts, 1)]}
    steps = (Step("Create the ingest pipeline", "PUT", "/_ingest/pipeline/text-embedding", pipeline,
                  f"Documents indexed through it get {VECTOR_FIELD} from {TEXT_FIELD}; make it the index's "
                  "index.default_pipeline."),
             Step("Try it on documents", "POST", "/_ingest/pipeline/text-embedding/_simulate", simulate,
                  "Each document comes back with its vector."))
    return Recipe("ingest_text_embedding", "Ingest pipeline (text_embedding processor)",
                  ("_ingest-pipelines/processors/text-embedding.md",), steps,
                  build_ingest(case_input, [doc["_source"][TEXT_FIELD] for doc in simulate["docs"]]))


def recipe_text_image(case_input: dict, output: dict | None) -> Recipe:
    """An ingest pipeline with the ``text_image_embedding`` processor, simulated with the case's text and
    image."""
    docs = build_text_image(case_input, None).body["text_docs"]
    field_map = {"text": "image_description", **({"image": "image_binary"} if len(docs) > 1 else {})}
    pipeline = {"description": "Embeds image_description and image_binary together into vector_embedding",
                "processors": [{"text_image_embedding": {"model_id": MODEL_ID, "embedding": "vector_embedding",
                                                         "field_map": field_map}}]}
    source = dict(zip(field_map.values(), docs))
    steps = (Step("Create the ingest pipeline", "PUT", "/_ingest/pipeline/text-image-embedding", pipeline,
                  "One vector for the text and the image (base64) of each document."),
             Step("Try it on a document", "POST", "/_ingest/pipeline/text-image-embedding/_simulate",
                  {"docs": [{"_index": INDEX, "_id": "1", "_source": source}]}, "The document comes back with its vector."))
    return Recipe("ingest_text_image_embedding", "Ingest pipeline (text_image_embedding processor)",
                  ("_ingest-pipelines/processors/text-image-embedding.md",), steps,
                  build_text_image(case_input, [source["image_description"]]))


NEURAL_SEARCH = Caller("neural_search", "neural query (dense text embedding)", ("text_embedding",
                       "multimodal_embedding"), SOURCE_QUERY, build_query, check_query, ("text_docs",),
                       recipe=recipe_query)
INGEST_TEXT_EMBEDDING = Caller("ingest_text_embedding", "text_embedding ingest processor and semantic field",
                               ("text_embedding", "multimodal_embedding"), SOURCE_INGEST, build_ingest, check_ingest,
                               ("text_docs",), recipe=recipe_ingest)
INGEST_TEXT_IMAGE_EMBEDDING = Caller("ingest_text_image_embedding", "text_image_embedding ingest processor",
                                     ("text_embedding", "multimodal_embedding"), SOURCE_TEXT_IMAGE, build_text_image,
                                     check_text_image, ("text_docs",), recipe=recipe_text_image)
