"""The predict output: ``ModelTensor``, ``ModelTensors``, ``ModelTensorOutput`` (spec 5.5, 5.6, 6).

``to_json()`` prints what ``toXContent`` prints: tensor keys in the order ``name``, ``data_type``,
``shape``, ``data``, ``byte_buffer``, ``result``, ``dataAsMap``, null fields left out; ``output``
left out when there are no tensors; ``inference_results`` left out when empty. Numbers print as
Jackson writes Java values: integers (``int``, ``JInt``, ``JLong``) as integers, Doubles (``float``)
with ``Double.toString`` of the chosen JDK (17 or 21), ``JFloat`` with ``Float.toString`` and
``Decimal`` (BigDecimal) in plain notation. Maps print in their own iteration order (a
``JavaHashMap`` in Java ``HashMap`` order). Strings are escaped as Jackson does: ``"``, ``\\``,
short escapes for ``\\b \\t \\n \\f \\r``, ``\\u00XX`` (uppercase) for other control characters.

``parse_tensor_json(text)`` is ``AbstractConnector.parseResponse`` for a script that returned
ModelTensor JSON; ``parse_response(value)`` is the same method for everything else (5.6 step 6).

Not modelled: a tensor that crosses nodes is re-serialised (``writeTo``), which turns ``data`` into
Floats and ``dataAsMap`` into Gson maps; this module prints what the node that ran the model built.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from toolkit.javavalues.hashmap import JavaHashMap
from toolkit.javavalues.numbers import JDouble, JFloat, JInt, JLong, double_to_string, float_to_string
from toolkit.mlcommons.errors import IllegalArgumentError, MLCommonsError
from toolkit.mlcommons.params import is_json

__all__ = ["DATA_TYPES", "ModelTensor", "ModelTensors", "ModelTensorOutput", "MLPredictionOutput", "data_type_from_filter",
           "parse_tensor_json", "parse_response", "read_jackson_json", "write_json", "ClassCastError"]

DATA_TYPES = ("FLOAT32", "FLOAT64", "FLOAT16", "UINT8", "INT32", "INT8", "INT64", "BOOLEAN", "UNKNOWN",
              "STRING", "BINARY", "UBINARY")
"""``MLResultDataType`` in declaration order (the order ``data_type_from_filter`` tries them)."""


class ClassCastError(MLCommonsError):
    """``ClassCastException``: ML Commons casts a value to a type it does not have."""

    java_class = "java.lang.ClassCastException"


def data_type_from_filter(response_filter: str) -> str | None:
    """``parseMLResultDataTypeFromResponseFilter`` (spec 5.4): the first type whose ``.NAME`` the filter
    contains, case-insensitively; ``None`` if none (the functions then use FLOAT32)."""
    lowered = response_filter.lower()
    return next((name for name in DATA_TYPES if "." + name.lower() in lowered), None)


def _enum(name: Any) -> str:
    if name not in DATA_TYPES:
        raise IllegalArgumentError(f"No enum constant org.opensearch.ml.common.output.model.MLResultDataType.{name}")
    return name


@dataclass
class ModelTensor:
    """One output tensor; building one with ``data`` and no (or an UNKNOWN) type fails like Java."""

    name: str | None = None
    data_type: str | None = None
    shape: list[int] | None = None
    data: list[Any] | None = None
    byte_buffer: tuple[bytes, str] | None = None  # (array, "BIG_ENDIAN" or "LITTLE_ENDIAN")
    result: str | None = None
    data_as_map: Mapping[str, Any] | None = None

    def __post_init__(self) -> None:
        if self.data is not None and self.data_type in (None, "UNKNOWN"):
            raise IllegalArgumentError("data type is null")

    def to_dict(self) -> dict[str, Any]:
        """The fields ``toXContent`` writes, in its order."""
        out: dict[str, Any] = {}
        for key, value in (("name", self.name), ("data_type", self.data_type), ("shape", self.shape),
                           ("data", self.data)):
            if value is not None:
                out[key] = value
        if self.byte_buffer is not None:
            out["byte_buffer"] = {"array": base64.b64encode(self.byte_buffer[0]).decode(),
                                  "order": self.byte_buffer[1]}
        if self.result is not None:
            out["result"] = self.result
        if self.data_as_map is not None:
            out["dataAsMap"] = self.data_as_map
        return out

    def to_json(self, jdk: int = 21) -> str:
        return write_json(self.to_dict(), jdk)


@dataclass
class ModelTensors:
    """The tensors of one remote call and its HTTP status."""

    output: list[ModelTensor] = field(default_factory=list)
    status_code: int | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        if self.output:
            out["output"] = [tensor.to_dict() for tensor in self.output]
        if self.status_code is not None:
            out["status_code"] = self.status_code
        return out

    def to_json(self, jdk: int = 21) -> str:
        return write_json(self.to_dict(), jdk)


@dataclass
class ModelTensorOutput:
    """The body of a predict response: one ``ModelTensors`` per remote call."""

    inference_results: list[ModelTensors] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        if not self.inference_results:
            return {}
        return {"inference_results": [result.to_dict() for result in self.inference_results]}

    def to_json(self, jdk: int = 21) -> str:
        return write_json(self.to_dict(), jdk)


@dataclass
class MLPredictionOutput:
    """The ``_batch_predict`` answer (``MLPredictTaskRunner``, ``MLPredictionOutput.toXContent``, spec 6):
    the new task's id, ``CREATED`` and ``remote_job`` = the first tensor's dataAsMap plus ``dlq``
    (since 2.19; the task answer itself since 2.17, before that ``_batch_predict`` answered the tensors).
    ML Commons makes the task id when it indexes the task; the emulator writes ``TASK_ID``."""

    TASK_ID = "<task_id>"

    remote_job: Mapping[str, Any]
    task_id: str = TASK_ID
    status: str = "CREATED"

    def to_dict(self) -> dict[str, Any]:
        return {"task_id": self.task_id, "status": self.status, "remote_job": dict(self.remote_job)}

    def to_json(self, jdk: int = 21) -> str:
        return write_json(self.to_dict(), jdk)


def _jackson_string(text: str) -> str:
    short = {'"': '\\"', "\\": "\\\\", "\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r"}
    return '"' + "".join(short.get(ch) or (f"\\u{ord(ch):04X}" if ord(ch) < 0x20 else ch) for ch in text) + '"'


def write_json(value: Any, jdk: int = 21, plain_decimals: bool = True) -> str:
    """Compact JSON as XContent (Jackson) writes Java values (module docstring); a BigDecimal plain, or
    with ``toString()`` as an ``ObjectMapper`` writes it (``plain_decimals=False``)."""
    def write(item: Any) -> str:
        if item is None:
            return "null"
        if isinstance(item, str):
            return _jackson_string(item)
        if isinstance(item, bool):
            return "true" if item else "false"
        if isinstance(item, JFloat):
            return float_to_string(item, jdk)
        if isinstance(item, float):
            return double_to_string(item, jdk)
        if isinstance(item, int):
            return str(int(item))
        if isinstance(item, Decimal):
            return format(item, "f") if plain_decimals else str(item)
        if isinstance(item, Mapping):
            return "{" + ",".join(_jackson_string(str(k)) + ":" + write(v) for k, v in item.items()) + "}"
        if isinstance(item, (list, tuple)):
            return "[" + ",".join(write(element) for element in item) + "]"
        raise TypeError(f"cannot write {type(item).__name__} as XContent")

    return write(value)


def _jackson_int(literal: str) -> int:
    value = int(literal)
    return JInt(value) if -2**31 <= value < 2**31 else JLong(value) if -2**63 <= value < 2**63 else value


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    seen: dict[str, Any] = {}
    for key, value in pairs:
        if key in seen:
            raise IllegalArgumentError(f"Invalid JSON format: Duplicate field '{key}'")
        seen[key] = value
    return seen


def read_jackson_json(text: str) -> Any:
    """JSON as Jackson reads it into Java values: Integer/Long/BigInteger, Double, insertion-ordered
    maps; a duplicate key fails with ``Invalid JSON format: Duplicate field '<key>'`` (the Jackson
    message continues with a source location this emulator does not reproduce)."""
    return json.loads(text, parse_int=_jackson_int, parse_float=lambda s: JDouble(float(s)),
                      object_pairs_hook=_no_duplicate_keys)


def _xcontent_map(value: Any) -> Any:
    """``parser.map()``: ``HashMap`` at every level."""
    if isinstance(value, Mapping):
        table = JavaHashMap()
        for key, item in value.items():
            table.put(key, _xcontent_map(item))
        return table
    if isinstance(value, list):
        return [_xcontent_map(item) for item in value]
    return value


def _text(value: Any, field_name: str) -> str:
    """``parser.text()`` of a scalar; an object or array is a parse error."""
    if isinstance(value, (dict, list)):
        raise IllegalArgumentError(f"[{field_name}] expected a value, found {type(value).__name__}")
    return value if isinstance(value, str) else write_json(value)


def _tensor_from_json(item: Any) -> ModelTensor:
    """``ModelTensor.parser`` (spec 5.5): recognised fields only, everything else skipped."""
    if not isinstance(item, dict):
        raise IllegalArgumentError("Failed to parse object: expecting token of type [START_OBJECT]")
    name = data_type = shape = result = data_as_map = data_list = None
    for key, value in item.items():
        if key == "name":
            name = _text(value, key)
        elif key == "data_type":
            data_type = _enum(_text(value, key))
        elif key == "shape":
            if not isinstance(value, list):
                raise IllegalArgumentError("Failed to parse object: expecting token of type [START_ARRAY]")
            shape = [int(number) for number in value]
        elif key == "data":
            data_list = value
        elif key == "result":
            result = _text(value, key)
        elif key == "dataAsMap":
            data_as_map = _xcontent_map(value)
        # byte_buffer is parsed but never handed to the builder: it is dropped, like every other key
    data = None
    if data_type is not None and data_list:
        if not all(isinstance(number, (int, float)) and not isinstance(number, bool) for number in data_list):
            raise ClassCastError("class java.lang.String cannot be cast to class java.lang.Number")
        data = list(data_list)
    return ModelTensor(name=name, data_type=data_type, shape=shape, data=data, result=result,
                       data_as_map=data_as_map)


def _strict(read, text: str) -> Any:
    """``read(text)`` for text ``isJson`` took; where only org.json's and Gson's leniency took it
    (``{a:1}``), the strict reader's own failure is not emulated."""
    try:
        return read(text)
    except IllegalArgumentError:
        raise
    except ValueError:
        from toolkit.mlcommons.predict import EmulatorLimit

        raise EmulatorLimit(f"JSON that only lenient parsers read, read strictly: {text[:80]!r}") from None


def parse_tensor_json(text: str) -> list[ModelTensor]:
    """A script's ModelTensor JSON: one object or an array of objects (spec 5.5)."""
    value = _strict(read_jackson_json, text)
    items = value if isinstance(value, list) else [value]
    return [_tensor_from_json(item) for item in items]


def parse_response(value: Any, profile=None) -> ModelTensor:
    """The ``response`` tensor for a value that is not ModelTensor JSON (spec 5.6 step 6) on
    ``profile``'s release (default: the newest).

    A string that ``is_json``: an object becomes ``dataAsMap`` (``StringUtils.fromJson``: Jackson
    order and types from 3.5, Gson Doubles before), an array ``{"response": [...]}``; a Map becomes
    ``dataAsMap`` as it is from 3.3 (before, ``{"response": map}``); anything else ``{"response": value}``.
    """
    from toolkit.mlcommons import gson
    from toolkit.versions import or_newest

    if isinstance(value, str) and is_json(value, profile):
        parsed = _strict(read_jackson_json if gson.jackson(profile) else gson.read, value)
        data = parsed if isinstance(parsed, dict) else JavaHashMap.copy_of({"response": parsed})
        return ModelTensor(name="response", data_as_map=data)
    if isinstance(value, Mapping) and or_newest(profile).has("output.filter_map_as_data"):
        return ModelTensor(name="response", data_as_map=value)
    return ModelTensor(name="response", data_as_map=JavaHashMap.copy_of({"response": value}))
