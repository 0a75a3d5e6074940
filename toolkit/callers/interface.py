"""The model interface ML Commons attaches by itself (``docs/callers.md`` section 6).

ml-commons ``ModelInterfaceUtils.createPresetModelInterfaceByConnector`` picks a preset input/output
JSON Schema for a model registered without ``interface`` from the connector's ``service_name``,
``model`` (or ``api_name``) and the first action's ``post_process_function``.
``TransportPredictionTaskAction.validateInputSchema`` checks every predict's ``MLInput`` JSON
against the input schema (string parameters parsed back to JSON where the schema does not say
``string``, ``MLNodeUtils.processRemoteInferenceInputDataSetParametersValue``), and
``MLPredictTaskRunner.validateOutputSchema`` checks the output of REMOTE-algorithm calls only.

The schemas below restate the presets' constraints (written from the source's schema texts). The
raw-output presets (a connector without the matching built-in post-process) are not modelled for
the output side: ``preset`` gives no output schema for them. Per release (``Profile``): no presets
before 2.16 (``interface.presets``); before 2.19.1 the model name alone chose the processed-output
preset, whatever the post-process (``interface.raw_presets``, matrix G3).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

__all__ = ["preset", "input_problems", "output_problems"]

INPUT_PREFIX = ("Error validating input schema, if you think this is expected, please update your 'input' field in "
                "the 'interface' field for this model: ")
OUTPUT_PREFIX = ("Error validating output schema, if you think this is expected, please update your 'output' field in "
                 "the 'interface' field for this model: ")


def _params(properties: dict, required: list[str], top_required: bool) -> dict:
    schema: dict[str, Any] = {"type": "object", "properties": {"parameters": {
        "type": "object", "properties": properties, **({"required": required} if required else {})}}}
    if top_required:
        schema["required"] = ["parameters"]
    return schema


_STRING = {"type": "string"}
CONVERSATIONAL_INPUT = _params({"inputs": _STRING}, ["inputs"], True)
EMBEDDING_INPUT = _params({"texts": {"type": "array", "items": _STRING}}, ["texts"], False)
TITAN_TEXT_INPUT = _params({"inputText": _STRING}, ["inputText"], False)
TITAN_MULTIMODAL_INPUT = _params({"inputText": _STRING, "inputImage": _STRING}, [], False)
COMPREHEND_INPUT = _params({"Text": _STRING}, ["Text"], True)
TEXTRACT_INPUT = _params({"bytes": _STRING}, ["bytes"], True)


def _results(tensor: dict) -> dict:
    return {"type": "object", "required": ["inference_results"], "properties": {"inference_results": {
        "type": "array", "items": {"type": "object", "required": ["output", "status_code"], "properties": {
            "status_code": {"type": "integer"}, "output": {"type": "array", "items": tensor}}}}}}


CONVERSATIONAL_OUTPUT = _results({"type": "object", "required": ["name", "dataAsMap"], "properties": {
    "name": _STRING, "dataAsMap": {"type": "object", "required": ["response"], "properties": {"response": _STRING}}}})
EMBEDDING_OUTPUT = _results({"type": "object", "required": ["name", "data_type", "shape", "data"], "properties": {
    "name": _STRING, "data_type": _STRING, "shape": {"type": "array", "items": {"type": "integer"}},
    "data": {"type": "array", "items": {"type": "number"}}}})


def preset(connector: Mapping[str, Any], profile=None) -> tuple[str, dict, dict | None] | None:
    """(name, input schema, output schema or None) of the preset interface on ``profile``'s release
    (default: the newest), or None."""
    from toolkit.versions import Profile

    profile = profile or Profile.for_version()
    params = connector.get("parameters")
    if not params or not profile.has("interface.presets"):
        return None
    actions = connector.get("actions") or [{}]
    post = str(actions[0].get("post_process_function") or "")
    by_name = not profile.has("interface.raw_presets")  # the processed-output preset, whatever the post-process
    service, model = params.get("service_name"), params.get("model")
    if service == "bedrock":
        if model == "ai21.j2-mid-v1":
            return model, CONVERSATIONAL_INPUT, CONVERSATIONAL_OUTPUT if post.strip() or by_name else None
        if model in ("anthropic.claude-3-sonnet-20240229-v1:0",):
            return model, CONVERSATIONAL_INPUT, CONVERSATIONAL_OUTPUT
        if model == "anthropic.claude-v2":
            return model, CONVERSATIONAL_INPUT, None
        if model in ("cohere.embed-english-v3", "cohere.embed-multilingual-v3"):
            cooked = post.lower() == "connector.post_process.cohere.embedding"
            return model, EMBEDDING_INPUT, EMBEDDING_OUTPUT if cooked or by_name else None
        if model in ("amazon.titan-embed-text-v1", "amazon.titan-embed-image-v1"):
            cooked = post.lower() == "connector.post_process.bedrock.embedding"
            schema = TITAN_TEXT_INPUT if model.endswith("text-v1") else TITAN_MULTIMODAL_INPUT
            return model, schema, EMBEDDING_OUTPUT if cooked or by_name else None
        return None
    if service == "comprehend" and params.get("api_name") == "DetectDominantLanguage":
        return "comprehend DetectDominantLanguage", COMPREHEND_INPUT, None
    if service == "textract":
        return "textract", TEXTRACT_INPUT, None
    return None


def _errors(schema: dict, instance: Any) -> list[str]:
    import jsonschema

    validator = jsonschema.Draft7Validator(schema)
    return [f"{'/'.join(map(str, e.absolute_path)) or '$'}: {e.message}"
            for e in sorted(validator.iter_errors(instance), key=lambda e: list(e.absolute_path))]


def input_problems(connector: Mapping[str, Any], mlinput: dict, profile=None) -> list[str]:
    """ML Commons' 400 for a caller's ``MLInput`` the preset input schema refuses (empty if none)."""
    found = preset(connector, profile)
    if found is None:
        return []
    name, schema, _ = found
    data = json.loads(json.dumps(mlinput))
    parameters = data.get("parameters")
    if isinstance(parameters, dict):
        declared = schema.get("properties", {}).get("parameters", {}).get("properties", {})
        for key, value in list(parameters.items()):
            if isinstance(value, str) and declared.get(key, {}).get("type") != "string":
                try:
                    parameters[key] = json.loads(value)
                except ValueError:
                    pass
    errors = _errors(schema, data)
    if not errors:
        return []
    return [f"ML Commons gives this connector's model the preset interface for {name} (ModelInterfaceUtils) and "
            f"refuses the call: 400 {INPUT_PREFIX}{'; '.join(errors)}; register the model with an explicit "
            "'interface' to accept it"]


def output_problems(connector: Mapping[str, Any], algorithm: str, output: dict, profile=None) -> list[str]:
    """ML Commons' 400 for a REMOTE call's output the preset output schema refuses."""
    found = preset(connector, profile)
    if found is None or found[2] is None or algorithm != "REMOTE":
        return []
    errors = _errors(found[2], output)
    if not errors:
        return []
    return [f"the preset interface for {found[0]} refuses the output: 400 {OUTPUT_PREFIX}{'; '.join(errors)}"]
