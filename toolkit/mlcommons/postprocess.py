"""The built-in post-process functions (spec 5.4, ``MLPostProcessFunction``).

``postprocess(name, response_text, response_filter=None)`` is the built-in branch of
``ConnectorUtils.processOutput`` (5.6 step 2): the effective filter is the user's
``response_filter`` when it is not blank, else the function's default; it is read from the raw
response with Jayway/json-smart semantics (``toolkit.mlcommons.jsonpath``), the data type comes from
the filter text, and the function turns the value into tensors or raises ML Commons' exact error.
A path that is not found raises ``PathNotFoundError``; how ML Commons reports it depends on the
release (``toolkit.mlcommons.respond``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from toolkit.javavalues.hashmap import JavaHashMap
from toolkit.javavalues.numbers import JInt
from toolkit.mlcommons.errors import IllegalArgumentError
from toolkit.mlcommons.functions import POSTPROCESS_SHAPES
from toolkit.mlcommons.jsonpath import java_class, parse_response_json, read
from toolkit.mlcommons.preprocess import NullPointerError
from toolkit.mlcommons.output import DATA_TYPES, ClassCastError, ModelTensor, data_type_from_filter

__all__ = ["PostProcessFunction", "POSTPROCESS_FUNCTIONS", "postprocess", "apply_function",
           "effective_filter"]


_NOT_A_LIST = "Post process function input is not a List."
_NOT_FLOATS = "The embedding should be a non-empty List containing Float values."


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float, Decimal)) and not isinstance(value, bool)


def _is_map(value: Any) -> bool:
    return isinstance(value, Mapping)


def _embedding(value: Any, data_type: str | None) -> list[ModelTensor]:
    """``EmbeddingPostProcessFunction``: one tensor per inner list; only element 0 is checked."""
    if not isinstance(value, list):
        raise IllegalArgumentError(_NOT_A_LIST)
    if value:
        if not isinstance(value[0], list):
            raise IllegalArgumentError("The embedding should be a non-empty List containing List of Float values.")
        if not value[0] or not _is_number(value[0][0]):
            raise IllegalArgumentError(_NOT_FLOATS)
    return [_sentence_embedding(inner, data_type) for inner in value]


def _sentence_embedding(numbers: Any, data_type: str | None) -> ModelTensor:
    if not isinstance(numbers, list):  # embedding.toArray on a non-List element
        raise ClassCastError(f"class {java_class(numbers)} cannot be cast to class java.util.List")
    if not all(_is_number(number) for number in numbers):  # toArray(new Number[0]) stores each element
        raise ArrayStoreError(next(java_class(n) for n in numbers if not _is_number(n)))
    return ModelTensor(name="sentence_embedding", data_type=data_type or "FLOAT32", shape=[len(numbers)],
                       data=list(numbers))


class ArrayStoreError(ClassCastError):
    """``ArrayStoreException``: a non-number stored into the ``Number[]`` of a tensor."""

    java_class = "java.lang.ArrayStoreException"


def _bedrock(value: Any, data_type: str | None) -> list[ModelTensor]:
    """``BedrockEmbeddingPostProcessFunction``: a single tensor of the whole list."""
    if not isinstance(value, list):
        raise IllegalArgumentError(_NOT_A_LIST)
    if value and not _is_number(value[0]):
        raise IllegalArgumentError(_NOT_FLOATS)
    return [_sentence_embedding(value, data_type)]


def _batch_job_arn(value: Any, data_type: str | None) -> list[ModelTensor]:
    """``BedrockBatchJobArnPostProcessFunction``: every field plus ``processedJobArn`` (a HashMap)."""
    if not _is_map(value):
        raise IllegalArgumentError("Post process function input is not a Map.")
    if "jobArn" not in value:
        raise IllegalArgumentError("job arn is missing.")
    arn = value["jobArn"]
    if not isinstance(arn, str):
        raise ClassCastError(f"class {java_class(arn)} cannot be cast to class java.lang.String")
    table = JavaHashMap()
    table.put_all(value)
    table.put("processedJobArn", arn.replace("/", "%2F"))
    return [ModelTensor(name="response", data_as_map=table)]


def _similarity(scores: list[Any]) -> list[ModelTensor]:
    return [ModelTensor(name="similarity", data_type="FLOAT32", shape=[1], data=[score]) for score in scores]


def _place(scores: list[Any], index: Any, score: Any) -> None:
    if index is None:  # scores[index] unboxes a null Integer
        raise NullPointerError()
    if not isinstance(index, JInt):  # (Integer) cast: json-smart gives Integer for small integers only
        raise ClassCastError(f"class {java_class(index)} cannot be cast to class java.lang.Integer")
    if not 0 <= index < len(scores):
        raise IndexError(f"Index {int(index)} out of bounds for length {len(scores)}")
    scores[index] = score


def _cohere_rerank(value: Any, data_type: str | None) -> list[ModelTensor]:
    """``CohereRerankPostProcessFunction``: scores placed by ``index``, one tensor per position."""
    if not isinstance(value, list):
        raise IllegalArgumentError(_NOT_A_LIST)
    if value:
        if not _is_map(value[0]):
            raise IllegalArgumentError("Post process function input is not a List of Map.")
        if not value[0] or "index" not in value[0] or "relevance_score" not in value[0]:
            raise IllegalArgumentError("The rerank result should contain index and relevance_score.")
    scores: list[Any] = [None] * len(value)
    for item in value:
        if not _is_map(item):
            raise ClassCastError(f"class {java_class(item)} cannot be cast to class java.util.Map")
        score = item.get("relevance_score")
        if score is not None and not isinstance(score, float):  # (Double) cast
            raise ClassCastError(f"class {java_class(score)} cannot be cast to class java.lang.Double")
        _place(scores, item.get("index"), score)
    return _similarity(scores)


def _bedrock_rerank(value: Any, data_type: str | None) -> list[ModelTensor]:
    """``BedrockRerankPostProcessFunction``: every item validated; BigDecimal scores become Double."""
    if not isinstance(value, list):
        raise IllegalArgumentError(_NOT_A_LIST)
    if not value:
        raise IllegalArgumentError("Post process function input is empty.")
    for item in value:
        if not _is_map(item):
            raise IllegalArgumentError("Rerank result is not a Map.")
        if not item:
            raise IllegalArgumentError("Rerank result is empty.")
        if "index" not in item or "relevanceScore" not in item:
            raise IllegalArgumentError("Rerank result should have both index and relevanceScore.")
        if not isinstance(item["relevanceScore"], (float, Decimal)):
            raise IllegalArgumentError("relevanceScore is not BigDecimal or Double.")
    scores: list[Any] = [None] * len(value)
    for item in value:
        score = item["relevanceScore"]
        _place(scores, item["index"], float(score) if isinstance(score, Decimal) else score)
    return _similarity(scores)


def _passthrough(value: Any, data_type: str | None) -> list[ModelTensor]:
    """``RemoteMlCommonsPassthroughPostProcessFunction``: a remote ML Commons answer's tensors."""
    if not isinstance(value, (list, Mapping)):
        raise IllegalArgumentError("Post process function input must be a Map or List")
    if isinstance(value, list):  # validate accepts a List, process casts it to Map
        raise ClassCastError("class net.minidev.json.JSONArray cannot be cast to class java.util.Map")
    results = value.get("inference_results")
    if not isinstance(results, list):
        return [ModelTensor(name="response", data_as_map=value)]
    tensors = []
    for result in results:
        if not _is_map(result):
            raise ClassCastError(f"class {java_class(result)} cannot be cast to class java.util.Map")
        outputs = result.get("output")
        for output in outputs if isinstance(outputs, list) else []:
            if output is not None and not _is_map(output):
                raise ClassCastError(f"class {java_class(output)} cannot be cast to class java.util.Map")
            if output:
                tensors.append(_passthrough_tensor(output))
    return tensors


def _passthrough_tensor(output: Mapping[str, Any]) -> ModelTensor:
    name = output.get("name")
    result = output.get("result")
    if result is not None and not isinstance(result, str):
        raise ClassCastError(f"class {java_class(result)} cannot be cast to class java.lang.String")
    data_as_map = output.get("dataAsMap")
    if data_as_map is not None and not _is_map(data_as_map):
        raise ClassCastError(f"class {java_class(data_as_map)} cannot be cast to class java.util.Map")
    data_type = output.get("data_type")
    shape = output.get("shape")
    data = output.get("data")
    if isinstance(shape, list) and not all(_is_number(n) for n in shape):  # Number::longValue on a null slot
        raise NullPointerError()
    return ModelTensor(
        name=name if isinstance(name, str) else "output",
        data_type=data_type if data_type in DATA_TYPES else None,
        shape=[int(n) for n in shape] if isinstance(shape, list) else None,
        data=[n if _is_number(n) else None for n in data] if isinstance(data, list) else None,
        result=result, data_as_map=data_as_map)


@dataclass(frozen=True)
class PostProcessFunction:
    """A built-in: its default JSONPath, its function and what it needs from the filter result."""

    default_filter: str
    run: Callable[[Any, str | None], list[ModelTensor]]
    expects: str  # "list of lists", "list of numbers", "map", "list of maps", "map or list"


_RUN = {"list of lists": _embedding, "list of numbers": _bedrock}  # embeddings: by the shape they read
_RUN_BY_NAME = {"connector.post_process.bedrock.batch_job_arn": _batch_job_arn,
                "connector.post_process.cohere.rerank": _cohere_rerank,
                "connector.post_process.default.rerank": _cohere_rerank,
                "connector.post_process.bedrock.rerank": _bedrock_rerank,
                "connector.post_process.mlcommons.passthrough": _passthrough}
POSTPROCESS_FUNCTIONS: dict[str, PostProcessFunction] = {
    name: PostProcessFunction(default_filter, _RUN_BY_NAME.get(name) or _RUN[expects], expects)
    for name, (default_filter, expects) in POSTPROCESS_SHAPES.items()}
"""Every built-in name (spec 5.4, ``functions.POSTPROCESS_SHAPES``) → its default filter and function."""


def effective_filter(name: str, response_filter: str | None) -> str:
    """The user's ``response_filter`` unless blank (``StringUtils.isBlank``), else the default."""
    if response_filter is not None and response_filter.strip():
        return response_filter
    return POSTPROCESS_FUNCTIONS[name].default_filter


def apply_function(name: str, value: Any, data_type: str | None) -> list[ModelTensor]:
    """``ConnectorPostProcessFunction.apply``: null first, then the function's own checks."""
    if value is None:
        raise IllegalArgumentError("Can't run post process function as model output is null")
    return POSTPROCESS_FUNCTIONS[name].run(value, data_type)


def postprocess(name: str, response_text: str, response_filter: str | None = None) -> list[ModelTensor]:
    """The built-in branch of ``processOutput`` (module docstring)."""
    path = effective_filter(name, response_filter)
    value = read(parse_response_json(response_text), path)
    return apply_function(name, value, data_type_from_filter(path))
