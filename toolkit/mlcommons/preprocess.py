"""The built-in pre-process functions and ``text_docs`` chunking (spec 4.4, 5.1, 5.2).

``preprocess(name, dataset)`` runs one built-in (``ConnectorPreProcessFunction.apply``) and returns
the parameter map it produces, *before* the 4.3 escaping: ``StringUtils.convertScriptStringToJsonString``
keeps strings raw and writes everything else as compact Gson JSON (lists of docs become JSON
arrays with non-ASCII kept). ML Commons escapes that map once, in ``ConnectorUtils.processInput``;
the predict pipeline does it with ``toolkit.mlcommons.params.escape_request_parameters``, so the
arrays (``is_json``) stay as they are and single strings get commons-text escaping.

A ``RemoteInferenceInput`` is returned unchanged by every built-in (its parameters are already
escaped by the caller). Errors are ``IllegalArgumentError`` with ML Commons' exact message.

``connector.pre_process.bedrock.rerank`` builds its objects with ``Map.of``, whose iteration order
differs between JVM starts; compare its ``queries``/``sources`` as parsed JSON.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from toolkit.javavalues.numbers import JInt
from toolkit.mlcommons.errors import IllegalArgumentError, MLCommonsError
from toolkit.mlcommons.functions import DEFAULT_TEXT_DOCS_FUNCTION

__all__ = ["TextDocsInput", "TextSimilarityInput", "RemoteInferenceInput", "Dataset", "PREPROCESS_FUNCTIONS",
           "DEFAULT_TEXT_DOCS_FUNCTION", "preprocess", "function_for", "chunk_size", "chunks",
           "NumberFormatError", "NullPointerError"]


@dataclass(frozen=True)
class TextDocsInput:
    """``TextDocsInputDataSet``: ``{"text_docs": [...]}`` (a doc may be null)."""

    docs: list[str | None]


@dataclass(frozen=True)
class TextSimilarityInput:
    """``TextSimilarityInputDataSet``: ``{"query_text": "...", "text_docs": [...]}``."""

    query: str | None
    docs: list[str | None]


@dataclass(frozen=True)
class RemoteInferenceInput:
    """``RemoteInferenceInputDataSet``: the request ``parameters`` as strings."""

    parameters: dict[str, str | None] = field(default_factory=dict)


Dataset = TextDocsInput | TextSimilarityInput | RemoteInferenceInput

_TEXT_DOCS_ONLY = ("This pre_process_function can only support TextDocsInputDataSet which including a list of "
                   "string with key 'text_docs'")
_SIMILARITY_ONLY = "This pre_process_function can only support TextSimilarityInputDataSet"


class NumberFormatError(IllegalArgumentError):
    """``NumberFormatException`` (``Integer.parseInt``)."""

    java_class = "java.lang.NumberFormatException"


class NullPointerError(MLCommonsError):
    """``NullPointerException``: ``Map.of`` given a null doc or query, or a text-docs check of no dataset."""

    java_class = "java.lang.NullPointerException"


def _map_of(**values: Any) -> dict[str, Any]:
    """``Map.of``: rejects null values."""
    if any(value is None for value in values.values()):
        raise NullPointerError()
    return values


def _stringify(values: dict[str, Any], profile) -> dict[str, str]:
    """``convertScriptStringToJsonString``: strings raw, anything else (lists, numbers, null) Gson JSON."""
    from toolkit.mlcommons import gson

    return {key: value if isinstance(value, str) else gson.to_json(value, profile) for key, value in values.items()}


def _docs(dataset: Dataset | None) -> list[str | None]:
    if dataset is None:  # validateTextDocsInput logs dataset.getClass() before its own error
        raise NullPointerError()
    if not isinstance(dataset, TextDocsInput):
        raise IllegalArgumentError(_TEXT_DOCS_ONLY)
    return dataset.docs


def _all_docs(key: str) -> Callable[[Dataset | None], dict]:
    def run(dataset):
        return {key: list(_docs(dataset))}
    return run


def _bedrock_embedding(dataset):
    docs = _docs(dataset)
    if not docs:  # no validation: docs.get(0) is an IndexOutOfBoundsException
        raise IndexError("Index 0 out of bounds for length 0")
    return _map_of(inputText=docs[0])


def _nova_single(key: str, modality: str) -> Callable[[Dataset | None], dict]:
    def run(dataset):
        docs = _docs(dataset)
        if not docs:
            raise IllegalArgumentError(f"No input {modality} provided")
        return {key: docs[0]}  # a HashMap: a null doc becomes the string "null"
    return run


def _bedrock_multimodal(dataset):
    docs = _docs(dataset)
    if not docs or (len(docs) == 1 and docs[0] is None):
        raise IllegalArgumentError("No input text or image provided")
    values = {"inputText": docs[0]}
    if len(docs) > 1:
        values["inputImage"] = docs[1]
    return values


_MODALITIES = ("text", "image", "video", "audio")  # parameter name: first key present, in this order
_CONTENT_ORDER = ("text", "image", "audio", "video")  # content: first value present, in this order


def _node_text(value: Any) -> str:
    """Jackson ``JsonNode.asString()``: a string as is, null as ``null``, other scalars as JSON text,
    containers as the empty string (containers: UNCONFIRMED, from Jackson 2's ``asText``)."""
    if isinstance(value, str):
        return value
    if isinstance(value, (dict, list)):
        return ""
    return json.dumps(value)


def _read_tree(doc: str | None) -> dict:
    """Jackson ``readTree`` of the first JSON value (trailing text ignored); ``{}`` unless an object."""
    try:
        value, _ = json.JSONDecoder().raw_decode(doc.lstrip(" \t\r\n")) if doc else (None, 0)
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def _nova_multimodal(dataset):
    docs = _docs(dataset)
    if not docs or (len(docs) == 1 and docs[0] is None):
        raise IllegalArgumentError("No input provided")
    doc = docs[0]
    node = _read_tree(doc)
    name = next((key for key in _MODALITIES if key in node), "text")
    content = doc
    if doc is not None and doc.startswith("{"):
        content = next((_node_text(node[key]) for key in _CONTENT_ORDER if key in node), doc)
    return {name: content}


def _cohere_multimodal(dataset):
    docs = _docs(dataset)
    if not docs or docs[0] is None:
        raise IllegalArgumentError("No image provided")
    return {"images": list(docs)}


def _similarity(dataset) -> TextSimilarityInput:
    if not isinstance(dataset, TextSimilarityInput):
        raise IllegalArgumentError(_SIMILARITY_ONLY)
    return dataset


def _cohere_rerank(dataset):
    data = _similarity(dataset)
    return _map_of(query=data.query, documents=list(data.docs), top_n=JInt(len(data.docs)))


def _bedrock_rerank(dataset):
    if dataset is None:
        raise IllegalArgumentError("Input dataset cannot be null.")
    data = _similarity(dataset)
    queries = [{"textQuery": _map_of(text=data.query), "type": "TEXT"}]
    sources = [{"inlineDocumentSource": {"textDocument": _map_of(text=doc), "type": "TEXT"}, "type": "INLINE"}
               for doc in data.docs]
    return {"queries": queries, "sources": sources, "numberOfResults": JInt(len(data.docs))}


PREPROCESS_FUNCTIONS: dict[str, Callable[[Dataset | None], dict[str, Any]]] = {
    "connector.pre_process.openai.embedding": _all_docs("input"),
    "connector.pre_process.default.embedding": _all_docs("input"),
    "connector.pre_process.cohere.embedding": _all_docs("texts"),
    "connector.pre_process.bedrock.embedding": _bedrock_embedding,
    "connector.pre_process.bedrock.nova.text_embedding": _bedrock_embedding,
    "connector.pre_process.bedrock.multimodal_embedding": _bedrock_multimodal,
    "connector.pre_process.bedrock.nova.embedding": _nova_multimodal,
    "connector.pre_process.bedrock.nova.image_embedding": _nova_single("inputImage", "image"),
    "connector.pre_process.bedrock.nova.video_embedding": _nova_single("inputVideo", "video"),
    "connector.pre_process.bedrock.nova.audio_embedding": _nova_single("inputAudio", "audio"),
    "connector.pre_process.cohere.multimodal_embedding": _cohere_multimodal,
    "connector.pre_process.cohere.rerank": _cohere_rerank,
    "connector.pre_process.default.rerank": _cohere_rerank,
    "connector.pre_process.bedrock.rerank": _bedrock_rerank,
}
"""Every built-in name (spec 5.1) → the function computing its raw output values."""



def preprocess(name: str, dataset: Dataset | None, profile=None) -> dict[str, str | None]:
    """Run the built-in ``name`` on ``dataset`` (``None``: an input with no dataset) on ``profile``'s
    release (default: the newest).

    Returns the parameter map *before* 4.3 escaping (see the module docstring); a
    ``RemoteInferenceInput`` comes back as its own parameters, unchanged.
    """
    function = PREPROCESS_FUNCTIONS[name]
    if isinstance(dataset, RemoteInferenceInput):
        return dict(dataset.parameters)
    return _stringify(function(dataset), profile)


def function_for(pre_process_function: str | None, dataset: Dataset) -> str | None:
    """The pre-process function that runs (spec 4.4): the action's, else the default for text docs.

    ``None`` means no pre-processing (a ``RemoteInferenceInput`` without a function). Any other
    dataset without a function fails with ``pre_process_function not defined in connector``.
    """
    if pre_process_function:
        return pre_process_function
    if isinstance(dataset, TextDocsInput):
        return DEFAULT_TEXT_DOCS_FUNCTION
    if isinstance(dataset, RemoteInferenceInput):
        return None
    raise IllegalArgumentError("pre_process_function not defined in connector")


def _parse_int(text: str) -> int:
    """``Integer.parseInt``: optional sign and decimal digits (any script, as ``Character.digit``), 32 bits."""
    body = text[1:] if text[:1] in "+-" else text
    if not body.isdecimal() or not -2**31 <= int(text) < 2**31:
        raise NumberFormatError(f'For input string: "{text}"')
    return int(text)


def chunk_size(connector_parameters: dict[str, str], pre_process_function: str | None, doc_count: int) -> int:
    """``RemoteConnectorExecutor.calculateChunkSize`` (spec 5.2): how many docs go into one request.

    ``input_docs_processed_step_size`` is read from the *connector* parameters only.
    """
    step = connector_parameters.get("input_docs_processed_step_size")
    if step is not None:
        size = _parse_int(step)
        if size <= 0:
            raise IllegalArgumentError(
                "Invalid parameter: input_docs_processed_step_size. It must be positive integer.")
        return size
    if not pre_process_function:
        return max(doc_count, 1)
    if pre_process_function == "connector.pre_process.bedrock.embedding" or \
            pre_process_function not in PREPROCESS_FUNCTIONS:
        return 1
    return max(doc_count, 1)


def chunks(docs: list[str | None], pre_process_function: str | None,
           step_size: str | None = None) -> list[list[str | None]]:
    """The ``text_docs`` of each remote call, in order (spec 5.2): ``ceil(len(docs)/size)`` chunks.

    ``step_size`` is the connector's ``input_docs_processed_step_size`` text, if set.
    """
    params = {} if step_size is None else {"input_docs_processed_step_size": step_size}
    size = chunk_size(params, pre_process_function, len(docs))
    return [docs[i * size:(i + 1) * size] for i in range(math.ceil(len(docs) / size))]
