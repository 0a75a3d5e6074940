"""The ``_predict`` body as ML Commons reads it into an input dataset (spec 4.1, 4.2, 4.4).

* ``{"parameters": {...}}`` → ``RemoteInferenceInput``; each value becomes a parameter string
  (``StringUtils.getParameterMap``: strings raw, anything else compact Gson JSON, spec 4.2).
* ``{"text_docs": [...]}`` → ``TextDocsInput`` (``_predict/text_embedding``).
* ``{"query_text": "...", "text_docs": [...]}`` → ``TextSimilarityInput`` (``_predict/text_similarity``).

Unknown keys are skipped, as ``RemoteInferenceMLInput`` skips them. A body that mixes
``parameters`` with ``text_docs`` is an emulator limit: there the parameters are the algorithm's
(``_predict/text_embedding``: ``content_type`` ...), merged between the connector's and the
pre-process output's (4.1 step 3), which is not emulated.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from toolkit.mlcommons.params import parameter_map
from toolkit.mlcommons.preprocess import Dataset, RemoteInferenceInput, TextDocsInput, TextSimilarityInput

__all__ = ["InputError", "parse_predict_body"]


class InputError(ValueError):
    """The predict body is not one ML Commons would accept for a remote model."""


def parse_predict_body(body: Mapping[str, Any], profile=None) -> Dataset:
    """The dataset of a ``_predict`` body (module docstring) on ``profile``'s release (default: the
    newest); raises ``InputError``."""
    if not isinstance(body, Mapping):
        raise InputError("the predict body must be a JSON object")
    has_docs = "text_docs" in body
    if "parameters" in body and (has_docs or "query_text" in body):
        from toolkit.mlcommons.predict import EmulatorLimit

        raise EmulatorLimit("parameters beside text_docs are the algorithm parameters of a text_embedding or "
                            "text_similarity call (spec 4.1 step 3), not emulated")
    if has_docs:
        docs = body["text_docs"]
        if not isinstance(docs, list) or not all(doc is None or isinstance(doc, str) for doc in docs):
            raise InputError("text_docs must be a list of strings")
        if "query_text" in body:
            query = body["query_text"]
            if query is not None and not isinstance(query, str):
                raise InputError("query_text must be a string")
            return TextSimilarityInput(query, list(docs))
        return TextDocsInput(list(docs))
    if "query_text" in body:
        raise InputError("query_text needs text_docs")
    parameters = body.get("parameters", {})
    if not isinstance(parameters, Mapping):
        raise InputError("parameters must be a JSON object")
    return RemoteInferenceInput(parameter_map(parameters, profile))
