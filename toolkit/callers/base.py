"""What every caller module provides, and helpers for reading a predict output.

A caller (``docs/callers.md``) is one OpenSearch component that calls a model: it builds its own
ML Commons input from what a user gives it (a query, document fields, tool parameters) and reads
one part of the output. A module under ``toolkit.callers`` describes one family with a ``Caller``:

* ``name``, ``title``, ``tasks`` (the manifest ``task`` values it applies to) and ``source`` (the
  class and method in OpenSearch the contract was read from);
* ``build(case_input, texts)``: the ``CallerInput`` the caller would hand ML Commons, made from a
  contract case's documented ``_predict`` input (which says what the provider answers to), with
  the user texts replaced by ``texts`` when given (the property tests);
* ``check(output, built, variables)``: what the caller would refuse in the predict output, each
  problem a sentence that names the mismatch;
* ``recipe(case_input, case_output)``: the calls a user pastes to set the caller up, with the case's
  texts, and what they make OpenSearch send (``Recipe``).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

__all__ = ["Caller", "CallerInput", "CallerError", "Recipe", "Step", "jackson_json", "tensors", "describe_tensor",
           "vectors"]

# the names a recipe uses for what the user has: their model, index and fields (as the OpenSearch docs do)
MODEL_ID = "<MODEL_ID>"
INDEX = "my-index"
TEXT_FIELD = "passage_text"
VECTOR_FIELD = "passage_embedding"
DOCS = "https://github.com/opensearch-project/documentation-website/blob/main/"


class CallerError(Exception):
    """The caller itself refuses the input before ML Commons sees it (e.g. ``Invalid payload``)."""


@dataclass(frozen=True)
class CallerInput:
    """What the caller sends: the ``_predict`` body equivalent of its ``MLInput``, the algorithm, the
    ``MLInput`` as ML Commons prints it (for the model interface check) and the user texts that must
    reach the provider intact."""

    body: dict
    algorithm: str  # TEXT_EMBEDDING, TEXT_SIMILARITY or REMOTE
    mlinput: dict
    texts: tuple[str, ...] = ()
    count: int = 0  # how many results the caller expects (texts to embed, documents to score)
    note: str = ""


@dataclass(frozen=True)
class Step:
    """One call of a recipe: a method, a path and the body to paste."""

    title: str
    method: str
    path: str
    body: dict | None
    note: str = ""


@dataclass(frozen=True)
class Recipe:
    """How a user makes a caller call the model: the calls to paste (``<MODEL_ID>`` for the model), made
    from a contract case's texts, the OpenSearch documentation pages that give their shape, and the
    ``CallerInput`` OpenSearch then hands ML Commons (the caller's own ``build``: the contract test runs
    it through the connector as it runs the caller)."""

    caller: str
    title: str
    docs: tuple[str, ...]  # documentation-website paths
    steps: tuple[Step, ...]
    sends: CallerInput
    since: str | None = None  # the release the documentation says the feature was introduced in, when it says


@dataclass(frozen=True)
class Caller:
    name: str
    title: str
    tasks: tuple[str, ...]
    source: str
    build: Callable[[dict, Sequence[str] | None], CallerInput]
    check: Callable[[dict, CallerInput, dict], list[str]]
    formats: tuple[str, ...] = ("text_docs", "text_similarity", "parameters")
    retry: Callable[[dict, CallerInput], tuple[CallerInput, str] | None] | None = field(default=None, repr=False)
    recipe: Callable[[dict, dict | None], Recipe] | None = field(default=None, repr=False)  # (case input, output)

    def applies_to(self, manifest) -> bool:
        return manifest.task in self.tasks


def jackson_json(value: Any) -> str:
    """``StringUtils.toJson``: a string stays raw, anything else is compact JSON (Jackson keeps
    non-ASCII as is and escapes ``"``, ``\\`` and control characters)."""
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def tensors(output: dict) -> list[dict]:
    """Every tensor of every ``inference_results`` entry, in order."""
    return [t for result in output.get("inference_results") or [] for t in result.get("output") or []]


def describe_tensor(tensor: dict) -> str:
    """``name=… with data[…]`` / ``with dataAsMap keys [...]``, for messages."""
    parts = [f"name {tensor.get('name')!r}" if "name" in tensor else "no name"]
    if "data" in tensor:
        parts.append(f"data of {len(tensor['data'])} values")
    if "dataAsMap" in tensor:
        data = tensor["dataAsMap"]
        parts.append(f"dataAsMap with keys {sorted(data)}" if isinstance(data, dict) else "dataAsMap")
    if "result" in tensor:
        parts.append("result")
    if len(parts) == 1:
        parts.append("no data, dataAsMap or result")
    return ", ".join(parts)


def vectors(output: dict, caller: str) -> tuple[list[list], list[str]]:
    """``MLCommonsClientAccessor.buildVectorFromResponse`` (neural-search): a vector per tensor with
    ``data``, else the lists under ``dataAsMap.response``; returns (vectors, problems)."""
    found: list[list] = []
    problems: list[str] = []
    all_tensors = tensors(output)
    if not all_tensors:
        return [], [f"{caller} needs output tensors; the connector returned none ({json.dumps(output)[:200]})"]
    for index, tensor in enumerate(all_tensors):
        if "data" in tensor:
            found.append(list(tensor["data"]))
            continue
        data = tensor.get("dataAsMap")
        where = f"tensor #{index + 1} ({describe_tensor(tensor)})"
        if data is None:
            problems.append(f"{caller} needs an output tensor named sentence_embedding with data (or dataAsMap.response "
                            f"holding a list of vectors); {where} has neither")
            continue
        if not isinstance(data, dict) or "response" not in data:
            keys = sorted(data) if isinstance(data, dict) else type(data).__name__
            problems.append(f"{caller} needs an output tensor named sentence_embedding with data; the connector returned "
                            f"dataAsMap with keys {keys} ({where}); neural-search reads dataAsMap only under a "
                            "'response' key holding [[float, ...], ...]")
            continue
        response = data["response"]
        if not isinstance(response, list) or not all(isinstance(v, list) for v in response):
            problems.append(f"{caller} reads dataAsMap.response as a list of vectors ([[float, ...], ...]); {where} "
                            f"holds {json.dumps(response)[:120]}")
            continue
        found += [list(v) for v in response]
    return found, problems


def check_numbers(vector: list, what: str) -> list[str]:
    if not vector:
        return [f"{what} is empty"]
    bad = next((v for v in vector if isinstance(v, bool) or not isinstance(v, (int, float))), None)
    if bad is not None:
        return [f"{what} holds {json.dumps(bad)[:60]}, not a number"]
    return []
