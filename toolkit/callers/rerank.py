"""The ``rerank`` search processor of type ``ml_opensearch`` (``docs/callers.md`` section 3).

neural-search ``MLOpenSearchRerankProcessor.rescoreSearchResponse`` -> ``inferenceSimilarity``:
``MLInput(TEXT_SIMILARITY, TextSimilarityInputDataSet(query_text, texts))``; the scores are the first
number of each vector ``buildVectorFromResponse`` finds, and ``RescoringRerankProcessor`` fails with
"scores and hits are not the same length" when there is not exactly one per document.
"""

from __future__ import annotations

from collections.abc import Sequence

from toolkit.callers.base import INDEX, MODEL_ID, TEXT_FIELD, Caller, CallerInput, Recipe, Step, check_numbers, vectors

SOURCE = ("opensearch-project/neural-search MLOpenSearchRerankProcessor.rescoreSearchResponse -> "
          "MLCommonsClientAccessor.inferenceSimilarity; RescoringRerankProcessor")


def build(case_input: dict, texts: Sequence[str] | None) -> CallerInput:
    query, docs = case_input.get("query_text"), case_input.get("text_docs")
    if not isinstance(query, str) or not isinstance(docs, list) or not docs:
        raise ValueError("the case's input has no query_text and text_docs to take the caller's texts from")
    if texts:
        query, docs = texts[0], list(texts[1:]) or [texts[0]]
    return CallerInput({"query_text": query, "text_docs": docs}, "TEXT_SIMILARITY",
                       {"algorithm": "TEXT_SIMILARITY", "query_text": query, "text_docs": docs},
                       (query, *docs), len(docs), f"rerank processor: query_text and {len(docs)} documents")


def check(output: dict, built: CallerInput, variables: dict) -> list[str]:
    found, problems = vectors(output, "rerank")
    if problems:
        return [p.replace("an output tensor named sentence_embedding with data",
                          "one similarity tensor with data [score] per document") for p in problems]
    if len(found) != built.count:
        return [f"rerank needs one score per document ({built.count}); the output has {len(found)} "
                "(neural-search: 'scores and hits are not the same length')"]
    for index, vector in enumerate(found):
        problems += check_numbers(vector[:1], f"score #{index + 1}")
    return problems


def recipe(case_input: dict, output: dict | None) -> Recipe:
    """A search pipeline with the ``rerank`` processor (``ml_opensearch``), and a search through it with the
    case's query; the hits' text field holds the case's documents."""
    built = build(case_input, None)
    query, docs = built.body["query_text"], built.body["text_docs"]
    pipeline = {"description": f"Reranks the hits by {TEXT_FIELD} with the model",
                "response_processors": [{"rerank": {"ml_opensearch": {"model_id": MODEL_ID},
                                                    "context": {"document_fields": [TEXT_FIELD]}}}]}
    search = {"query": {"match": {TEXT_FIELD: query}}, "ext": {"rerank": {"query_context": {"query_text": query}}}}
    steps = (Step("Create the search pipeline", "PUT", "/_search/pipeline/rerank", pipeline,
                  "Or make it the index's index.search.default_pipeline."),
             Step("Search through it", "POST", f"/{INDEX}/_search?search_pipeline=rerank", search,
                  f"The model scores each hit's {TEXT_FIELD} against query_text; here the hits would be the case's "
                  f"{len(docs)} documents."))
    return Recipe("rerank", "Rerank search pipeline (rerank processor, ml_opensearch)",
                  ("_search-plugins/search-pipelines/rerank-processor.md",
                   "_search-plugins/search-relevance/rerank-cross-encoder.md"), steps,
                  build(case_input, [search["ext"]["rerank"]["query_context"]["query_text"], *docs]),
                  since="2.12")  # rerank-processor.md: "Introduced 2.12"


RERANK = Caller("rerank", "rerank search processor (ml_opensearch)", ("rerank",), SOURCE, build, check,
                ("text_similarity",), recipe=recipe)
