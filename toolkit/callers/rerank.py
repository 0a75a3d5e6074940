"""The ``rerank`` search processor of type ``ml_opensearch`` (``docs/callers.md`` section 3).

neural-search ``MLOpenSearchRerankProcessor.rescoreSearchResponse`` -> ``inferenceSimilarity``:
``MLInput(TEXT_SIMILARITY, TextSimilarityInputDataSet(query_text, texts))``; the scores are the first
number of each vector ``buildVectorFromResponse`` finds, and ``RescoringRerankProcessor`` fails with
"scores and hits are not the same length" when there is not exactly one per document.
"""

from __future__ import annotations

from collections.abc import Sequence

from toolkit.callers.base import Caller, CallerInput, check_numbers, vectors

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


RERANK = Caller("rerank", "rerank search processor (ml_opensearch)", ("rerank",), SOURCE, build, check,
                ("text_similarity",))
