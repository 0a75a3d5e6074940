"""Where placeholders are and where parameters come from: the model the placeholder rules share.

``sources`` says, per parameter name, what provides it (connector, built-in or Painless
pre-process, the manifest's inputs, a request); ``simulate`` builds the payload as ML Commons would
with adversarial values for what a request may send (spec 4.3-4.5).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

from toolkit.check.model import Finding
from toolkit.check.rules._unknowns import NEUTRAL, fill_body, in_hole
from toolkit.check.rules._util import (
    action_ptr, action_type, actions, connector, connector_values, credential, headers, memo, parameters,
)
from toolkit.documents.markers import fill_markers, is_marker
from toolkit.javavalues.text import escape_json_commons_text, gson_to_json
from toolkit.mlcommons.errors import IllegalArgumentError, IllegalStateError
from toolkit.mlcommons.functions import DEFAULT_TEXT_DOCS_FUNCTION, PREPROCESS_OUTPUTS
from toolkit.mlcommons.payload import build_payload
from toolkit.mlcommons.substitute import Placeholder, tokenize_placeholders
from toolkit.mlcommons.template import kind_of_text, placements
from toolkit.source import pointer

# Read by ML Commons itself, so a connector parameter of this name is used without a placeholder (spec 4.9).
# Not here: no_escape_params (read from the request only) and the MCP-only endpoint names (MCP is skipped).
SPECIAL_PARAMETERS = frozenset({
    "response_filter", "input_docs_processed_step_size", "skip_validating_missing_parameters",
    "pre_process_function.process_remote_inference_input", "pre_process_function.convert_input_to_json_string",
    "pre_process_function.convert_remote_inference_param_to_object", "http_body", "charset", "model",
    "service_name", "region", "stream", "_llm_interface", "memory_id", "parent_interaction_id", "agent_type",
    "input_processors", "output_processors", "connector_action", "api_name",
    "TransformJobName", "id", "processedJobArn",
})
STRUCTURED_PARAMETER = re.compile(r"^_(?:response_format|generationConfig|toolConfig)(?:_additions)?_json$")
AWS_CREDENTIALS = frozenset({"access_key", "secret_key", "session_token", "region", "service_name", "roleArn"})
# Filled in by ML Commons for the generated batch status and cancel actions (spec 4.9, 8.2).
BATCH_PARAMETERS = frozenset({"TransformJobName", "id", "processedJobArn"})
_TEXT_DOCS = "text_docs"

# Values the simulation substitutes for request and pre-process parameters (spec 4.3 escapes the strings).
ADVERSARIAL = 'He said "hi" \\ / \n\tcafé 😀 {"a": [1]}'


# --- where placeholders are -------------------------------------------------------------------


class Field(NamedTuple):
    """A connector string that may hold placeholders: its pointer, text and role."""

    pointer: str
    text: str
    role: str  # "parameter", "url", "header", "body", "function", "credential"
    action: int | None = None
    name: str = ""  # the parameter, header or credential key


@memo
def fields_of(target) -> tuple[Field, ...]:
    return tuple(_each_field(target))


def _each_field(target) -> Iterator[Field]:
    for key, value in parameters(target).items():
        if isinstance(value, str):
            yield Field(pointer(["parameters", key]), value, "parameter", name=key)
    for key, value in credential(target).items():
        if isinstance(value, str):
            yield Field(pointer(["credential", key]), value, "credential", name=key)
    body = connector(target)
    if isinstance(body.get("url"), str):
        yield Field("/url", body["url"], "url")
    if isinstance(body.get("headers"), dict):
        for name, value in body["headers"].items():
            if isinstance(value, str):
                yield Field(pointer(["headers", name]), value, "header", name=name)
    for index, action in actions(target):
        if isinstance(action.get("url"), str):
            yield Field(action_ptr(index, "url"), action["url"], "url", index)
        for name, value in headers(action).items():
            if isinstance(value, str):
                yield Field(action_ptr(index, "headers", name), value, "header", index, name)
        if isinstance(action.get("request_body"), str):
            yield Field(action_ptr(index, "request_body"), action["request_body"], "body", index)
        for key in ("pre_process_function", "post_process_function"):
            if isinstance(action.get(key), str):
                yield Field(action_ptr(index, key), action[key], "function", index, key)


def placeholders_in(field: Field, namespace: str | None = "parameters") -> Iterator[Placeholder]:
    """Well-formed, unescaped placeholders of ``namespace`` in ``field`` (all of them for ``None``); none
    that overlaps a template marker, whose meaning depends on what the reader writes there."""
    for found in tokenize_placeholders(field.text):
        if in_hole(found, field.text):
            continue
        if namespace is None or (found.namespace == namespace and found.problem is None and not found.escaped):
            yield found


# --- what provides a parameter, and what kind of value it is -----------------------------------


def _kind_of_input(spec: dict) -> str:
    declared = {"string": "string", "array": "array", "object": "object", "integer": "scalar", "number": "scalar",
                "boolean": "scalar"}.get(spec.get("type"))
    if declared:
        return declared
    example = spec.get("example")
    if isinstance(example, str):
        return kind_of_text(example)
    return "array" if isinstance(example, list) else "object" if isinstance(example, dict) else "scalar"


class Source(NamedTuple):
    """Where a parameter's value comes from and what kind it is (``None`` when unknown)."""

    origin: str  # "connector", "pre-process", "input"
    kind: str | None
    raw: str | None = None  # a connector parameter's stored value (markers filled in); None when unknown


def _inputs(target) -> dict | None:
    manifest = target.manifest
    if manifest is None:  # a Markdown document's own _predict call, if any (toolkit.documents.devtools)
        return getattr(target, "inputs", None)
    data = getattr(manifest, "data", None)
    return data.get("inputs") if isinstance(data, dict) and isinstance(data.get("inputs"), dict) else None


def contract_applies(target, action: dict | None) -> bool:
    """Whether the manifest's ``inputs`` describe every parameter this action receives."""
    return _inputs(target) is not None and action is not None and action_type(action) in ("PREDICT", None)


def _painless_names(script: str) -> set[str]:
    return set(re.findall(r"[A-Za-z_][\w.]*", script))


def _whole_placeholder(function: str) -> bool:
    """A function that is one placeholder (``${parameters.fn}``): BP506's case, not a script."""
    found = list(tokenize_placeholders(function))
    return len(found) == 1 and function.strip() == found[0].text


def _without_placeholders(script: str) -> str:
    out, last = [], 0
    for found in tokenize_placeholders(script):
        out.append(script[last:found.start])
        last = found.start + len(found.text)
    return "".join(out) + script[last:]


@memo
def sources(target, action: dict | None) -> dict[str, Source]:
    """Every parameter name something provides to ``action``, lowest precedence first (spec 4.1)."""
    found: dict[str, Source] = {}
    for key, text in connector_values(target).items():
        if is_marker(text):  # the reader writes the whole value: its kind is unknown
            found[key] = Source("connector", None)
        else:
            filled = fill_markers(text, NEUTRAL)
            found[key] = Source("connector", kind_of_text(filled), filled)
    function = action.get("pre_process_function") if action else None
    inputs = _inputs(target) if contract_applies(target, action) else None
    if function is None and inputs and inputs.get("format") == _TEXT_DOCS:
        function = DEFAULT_TEXT_DOCS_FUNCTION
    if isinstance(function, str) and function in PREPROCESS_OUTPUTS:
        for name, kind in PREPROCESS_OUTPUTS[function].items():
            found[name] = Source("pre-process", "scalar" if kind == "number" else kind)
    elif isinstance(function, str) and function.strip() and not _whole_placeholder(function):
        # A Painless script may hold ${parameters.x} placeholders: ML Commons fills them with quoted
        # values before compiling (spec 4.6), so the script's own names still count.
        for name in _painless_names(_without_placeholders(function)):
            found.setdefault(name, Source("pre-process", None))
    if inputs and inputs.get("format") == "parameters" and isinstance(inputs.get("parameters"), dict):
        for name, spec in inputs["parameters"].items():
            found[name] = Source("input", _kind_of_input(spec if isinstance(spec, dict) else {}))
    return found


def text_docs_caller(action: dict) -> bool:
    """A built-in text-docs/similarity pre-process function: the callers send documents, not parameters."""
    function = action.get("pre_process_function")
    return isinstance(function, str) and function in PREPROCESS_OUTPUTS


def _quoting_problem(found: Placeholder, where: str, source: Source) -> str | None:
    kind = source.kind
    if found.to_string or kind is None:
        return None
    if kind == "string" and where == "bare":
        return (f"{_describe(found.name, source)} is text but is placed without quotes: the payload gets a bare "
                "word and is not valid JSON")
    if kind in ("array", "object") and where != "bare":
        if source.raw is not None and not any(c in '"\\' or ord(c) < 0x20 for c in source.raw):
            return None  # this connector value happens to need no escaping: the payload stays valid
        return (f"{_describe(found.name, source)} is a JSON {kind} but is placed inside a JSON string: its "
                "quotes are not escaped, so the payload is not valid JSON")
    return None


def _describe(name: str, source: Source) -> str:
    return {"connector": f"connector parameter {name!r}", "pre-process": f"pre-process output {name!r}",
            "input": f"predict input {name!r}"}[source.origin]


@memo
def quoting_findings(target) -> tuple[tuple[int, Finding], ...]:
    return tuple(_quoting_findings(target))


def _quoting_findings(target) -> Iterator[tuple[int, Finding]]:
    """(action index, finding) for every placeholder whose quoting does not fit its value (spec 4.3)."""
    for index, action in actions(target):
        body = action.get("request_body")
        if not isinstance(body, str):
            continue
        known = sources(target, action)
        where_at = placements(fill_body(body))
        for found in placeholders_in(Field("", body, "body")):
            source = known.get(found.name)
            problem = source and _quoting_problem(found, where_at.get(found.start, "bare"), source)
            if problem:
                hint = (f"write ${{parameters.{found.name}}} without quotes" if where_at.get(found.start) == "quoted"
                        else f'write "${{parameters.{found.name}}}" in quotes' if source.kind == "string"
                        else f"reference ${{parameters.{found.name}.toString()}} from a parameter value instead")
                yield index, Finding(action_ptr(index, "request_body"), problem, hint=hint, offset=found.start)


# --- simulating the payload -----------------------------------------------------------------


def _adversarial(kind: str | None, where: str) -> str:
    if kind is None:
        kind = "array" if where == "bare" else "string"
    if kind == "string":
        return escape_json_commons_text(ADVERSARIAL)
    if kind == "array":
        return gson_to_json([ADVERSARIAL, "é/"])
    if kind == "object":
        return gson_to_json({"k": ADVERSARIAL})
    return "1"


def placeholder_names(text: str) -> Iterator[Placeholder]:
    return (p for p in tokenize_placeholders(text) if p.namespace == "parameters" and not p.escaped)


def simulation_values(target, action: dict, override_inputs: bool) -> dict[str, str]:
    """A parameter map for ``action``: connector values raw, everything else adversarial and escaped."""
    body = fill_body(action.get("request_body") or "")
    known = sources(target, action)
    where_at = placements(body)
    first_where = {}
    for found in placeholder_names(body):
        first_where.setdefault(found.base_name, where_at.get(found.start, "bare"))
    values = {name: source.raw for name, source in known.items()
              if source.origin == "connector" and source.raw is not None}
    wanted = set(first_where)
    defaulted = {p.name for p in placeholder_names(body) if p.default is not None}
    for raw in list(values.values()):
        wanted |= {p.base_name for p in placeholder_names(raw)}
    for name in sorted(wanted):
        source = known.get(name)
        if source is not None and source.origin == "connector" and source.raw is not None and not (
                override_inputs and contract_applies(target, action) and name in _declared_inputs(target)):
            continue
        if source is None and name in defaulted:
            continue
        kind = source.kind if source else None
        if override_inputs and source and source.origin == "connector" and name in _declared_inputs(target):
            kind = _kind_of_input(_declared_inputs(target)[name])
        values[name] = _adversarial(kind, first_where.get(name, "inside"))
    return values


def _declared_inputs(target) -> dict:
    inputs = _inputs(target) or {}
    declared = inputs.get("parameters") if inputs.get("format") == "parameters" else None
    return declared if isinstance(declared, dict) else {}


class Outcome(NamedTuple):
    error: Exception | None
    values: dict[str, str]


@memo
def simulate(target, action: dict) -> Outcome:
    """Build the payload as ML Commons would (spec 4.5) with ``simulation_values``; the first failure."""
    scenarios = [False] + ([True] if set(_declared_inputs(target)) & set(parameters(target)) else [])
    values: dict[str, str] = {}
    for override in scenarios:
        values = simulation_values(target, action, override)
        try:
            build_payload(fill_body(action["request_body"]), values, validate=False)
        except (IllegalArgumentError, IllegalStateError) as exc:
            return Outcome(exc, values)
    return Outcome(None, values)
