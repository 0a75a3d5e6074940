"""Callers of chat models: ``ml_inference`` (chat and embedding) and ``agent`` (``MLModelTool``).

``ml_inference`` (``docs/callers.md`` section 4; ml-commons ``MLInferenceIngestProcessor``,
``ModelExecutor.getMLModelInferenceRequest`` / ``getModelOutputValue``):

* chat: the default remote ``model_input`` ``{ "parameters": ${ml_inference.parameters} }``; every
  parameter the case sends is ``input_map``'d from a document field of the same name, and the field
  value becomes a string with ``StringUtils.toJson`` (a string raw, a list or map as JSON). The
  answer is read from the first tensor's ``dataAsMap`` with ``output_map``: ``response``, or the
  OpenAI-style ``choices[0].message.content``.
* embedding: ``function_name: text_embedding``, ``model_input`` ``{ "text_docs": ${input_map.text_docs} }``
  with a list-valued field, ``output_map`` ``$.inference_results[*].output[*].data`` over the full
  response (``full_response_path`` defaults to true for that function name): one vector per text.

``agent`` (section 5; ml-commons ``MLModelTool``): a REMOTE input with the tool's parameters; the
tool returns ``dataAsMap.response`` of the first tensor (``response_field`` default). When the
connector returns the provider's whole OpenAI-shaped JSON, the agent tutorials set the tool parameter
``response_filter: $.choices[0].message.content``: the check re-runs the call with it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence

from toolkit.callers.base import (
    INDEX,
    MODEL_ID,
    Caller,
    CallerError,
    CallerInput,
    Recipe,
    Step,
    check_numbers,
    describe_tensor,
    jackson_json,
    tensors,
)

SOURCE_ML_INFERENCE = ("opensearch-project/ml-commons MLInferenceIngestProcessor.processPredictions, "
                       "ModelExecutor.getMLModelInferenceRequest / getModelOutputValue")
SOURCE_AGENT = "opensearch-project/ml-commons MLModelTool.run / outputParser (response_field 'response')"
DEFAULT_MODEL_INPUT = '{ "parameters": ${ml_inference.parameters} }'
EMBEDDING_MODEL_INPUT = '{ "text_docs": ${input_map.text_docs} }'
EMBEDDING_OUTPUT_PATH = "$.inference_results[*].output[*].data"
OPENAI_ANSWER = "choices[0].message.content"
_PLACEHOLDER = re.compile(r"\$\{(input_map|ml_inference|model_config)\.([^}]+)\}")


def substitute_model_input(template: str, input_map: dict[str, str], parameters_json: str | None = None) -> dict:
    """The ``StringSubstitutor`` passes of ``getMLModelInferenceRequest`` (no escaping), then the JSON
    check: ``Invalid payload: …`` when the text is not JSON."""
    def value(match: re.Match) -> str:
        kind, key = match.group(1), match.group(2)
        if kind == "input_map" and key in input_map:
            return input_map[key]
        if kind == "ml_inference" and key == "parameters" and parameters_json is not None:
            return parameters_json
        return match.group(0)

    payload = _PLACEHOLDER.sub(value, template)
    try:
        data = json.loads(payload)
    except ValueError:
        raise CallerError(f"Invalid payload: {payload}") from None
    if not isinstance(data, dict):
        raise CallerError(f"Invalid payload: {payload}")
    return data


def _parameters(case_input: dict, texts: Sequence[str] | None) -> dict:
    parameters = case_input.get("parameters")
    if not isinstance(parameters, dict) or not parameters:
        raise ValueError("the case's input has no parameters to map from document fields")
    if texts:
        parameters = replace_texts(parameters, iter(texts))
    return parameters


def replace_texts(value, texts):
    """The same structure with its user texts replaced in order (role names and other enum-like
    fields of chat messages stay)."""
    if isinstance(value, dict):
        return {k: (v if k in ("role", "type") else replace_texts(v, texts)) for k, v in value.items()}
    if isinstance(value, list):
        return [replace_texts(v, texts) for v in value]
    if isinstance(value, str):
        return next(texts, value)
    return value


def strings(value) -> list[str]:
    if isinstance(value, dict):
        return [s for k, v in value.items() if k not in ("role", "type") for s in strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in strings(v)]
    return [value] if isinstance(value, str) else []


def _remote(parameters: dict, note: str) -> CallerInput:
    as_strings = {key: jackson_json(value) for key, value in parameters.items()}
    return CallerInput({"parameters": as_strings}, "REMOTE",
                       {"algorithm": "REMOTE", "parameters": as_strings, "action_type": "PREDICT"},
                       tuple(strings(parameters)), 1, note)


def build_ml_inference(case_input: dict, texts: Sequence[str] | None) -> CallerInput:
    if "text_docs" in case_input and "query_text" not in case_input:
        docs = list(texts) if texts else list(case_input["text_docs"])
        body = substitute_model_input(EMBEDDING_MODEL_INPUT, {"text_docs": jackson_json(docs)})
        return CallerInput(body, "TEXT_EMBEDDING", {"algorithm": "TEXT_EMBEDDING", **body}, tuple(docs), len(docs),
                           f"ml_inference (function_name text_embedding): model_input {EMBEDDING_MODEL_INPUT}")
    parameters = _parameters(case_input, texts)
    fields = {key: jackson_json(value) for key, value in parameters.items()}  # input_map: model input <- doc field
    body = substitute_model_input(DEFAULT_MODEL_INPUT, {}, jackson_json(fields))
    built = _remote(parameters, f"ml_inference (remote): input_map {{{', '.join(f'{k}: {k}' for k in fields)}}}, "
                                f"model_input {DEFAULT_MODEL_INPUT}")
    if body["parameters"] != built.body["parameters"]:
        raise CallerError("the default model_input did not carry the parameters through")  # pragma: no cover
    return built


def answer(output: dict) -> tuple[str | None, object, str]:
    """(path, value, description) of the answer text in the first tensor's ``dataAsMap``."""
    all_tensors = tensors(output)
    if not all_tensors:
        return None, None, "no output tensors"
    first = all_tensors[0]
    data = first.get("dataAsMap")
    if not isinstance(data, dict):
        return None, None, f"the first tensor has {describe_tensor(first)}"
    if "response" in data:
        return "response", data["response"], ""
    try:
        return OPENAI_ANSWER, data["choices"][0]["message"]["content"], ""
    except (KeyError, IndexError, TypeError):
        return None, None, f"the first tensor has dataAsMap with keys {sorted(data)}"


def check_ml_inference(output: dict, built: CallerInput, variables: dict) -> list[str]:
    if built.algorithm == "TEXT_EMBEDDING":
        found = [t["data"] for t in tensors(output) if "data" in t]
        if len(found) != built.count:
            kinds = [describe_tensor(t) for t in tensors(output)]
            return [f"ml_inference reads {EMBEDDING_OUTPUT_PATH} and needs one vector per text ({built.count}); it "
                    f"finds {len(found)} (tensors: {kinds})"]
        return [p for index, v in enumerate(found) for p in check_numbers(v, f"vector #{index + 1}")]
    path, value, why = answer(output)
    if path is None:
        return [f"ml_inference needs the answer text in the first tensor's dataAsMap, at an output_map path such as "
                f"response or {OPENAI_ANSWER}; {why}"]
    if not isinstance(value, str):
        return [f"ml_inference reads {path} from dataAsMap and expects the answer text; it is {json.dumps(value)[:120]}"]
    return []


def build_agent(case_input: dict, texts: Sequence[str] | None) -> CallerInput:
    return _remote(_parameters(case_input, texts), "MLModelTool: parameters from the tool and the agent's input")


def check_agent(output: dict, built: CallerInput, variables: dict) -> list[str]:
    all_tensors = tensors(output)
    data = all_tensors[0].get("dataAsMap") if all_tensors else None
    if not isinstance(data, dict):
        what = describe_tensor(all_tensors[0]) if all_tensors else "no tensors"
        return [f"agent (MLModelTool) reads dataAsMap of the first tensor; the output has {what} "
                "(ML Commons: 'LLM returns wrong or empty tensors')"]
    if "response" not in data:
        return [f"agent (MLModelTool) reads dataAsMap.response (its response_field); the connector returned dataAsMap "
                f"with keys {sorted(data)}, so the agent gets the whole map as JSON text instead of the answer; set "
                "a response_filter that selects the answer text"]
    if not isinstance(data["response"], str):
        return [f"agent (MLModelTool) expects dataAsMap.response to be the answer text; it is "
                f"{json.dumps(data['response'])[:120]}"]
    return []


def retry_agent(output: dict, built: CallerInput) -> tuple[CallerInput, str] | None:
    """The documented tool parameter for OpenAI-shaped answers, when the first call lacks ``response``."""
    path, value, _ = answer(output)
    if path != OPENAI_ANSWER or "response_filter" in built.body["parameters"]:
        return None
    parameters = {**built.body["parameters"], "response_filter": "$." + OPENAI_ANSWER}
    note = f"with the tool parameter response_filter $.{OPENAI_ANSWER} (as ML Commons' agent tutorials set it)"
    return (CallerInput({"parameters": parameters}, "REMOTE", {**built.mlinput, "parameters": parameters},
                        built.texts, 1, built.note + "; " + note), note)


QUESTION = "${parameters.question}"  # the agent's input, substituted into the tool's parameters (spec 4.5)


def recipe_ml_inference(case_input: dict, output: dict | None) -> Recipe:
    """``ml_inference`` processors as the contract builds them: for embeddings an ingest processor with
    ``function_name: text_embedding``, the documented ``model_input`` and the full-response ``output_map``;
    for chat an ingest processor and a search response processor (one model call per hit) that map each
    parameter of the case from a document field of the same name and read the answer where the
    contract found it (``answer``)."""
    if "text_docs" in case_input and "query_text" not in case_input:
        return _ml_inference_embedding(case_input)
    path, _, why = answer(output or {})
    if path is None:
        raise ValueError(f"the case's output has no answer text for output_map ({why})")
    parameters = _parameters(case_input, None)
    processor = {"model_id": MODEL_ID, "input_map": [{name: name for name in parameters}],
                 "output_map": [{"answer": path}]}
    source = dict(parameters)
    steps = (Step("Create the ingest pipeline", "PUT", "/_ingest/pipeline/ml-inference-chat",
                  {"description": "Asks the model with the document's fields; the answer goes to answer",
                   "processors": [{"ml_inference": processor}]},
                  "Each input_map entry fills the connector parameter of that name from the document field of that "
                  "name (a list or object field as JSON text); the model_input is the default for remote models."),
             Step("Try it on a document", "POST", "/_ingest/pipeline/ml-inference-chat/_simulate",
                  {"docs": [{"_index": INDEX, "_id": "1", "_source": source}]},
                  "The document comes back with the model's answer in answer."),
             Step("Or answer at search time", "PUT", "/_search/pipeline/ml-inference-chat",
                  {"description": "Asks the model once per hit; the answer goes to the hit's answer",
                   "response_processors": [{"ml_inference": {**processor, "one_to_one": True}}]},
                  f"Search {INDEX} with ?search_pipeline=ml-inference-chat: hits with these fields get an answer."))
    mapped = {name: source[field] for entry in processor["input_map"] for name, field in entry.items()}
    return Recipe("ml_inference", "ml_inference processors (ingest and search response)",
                  ("_ingest-pipelines/processors/ml-inference.md",
                   "_search-plugins/search-pipelines/ml-inference-search-response.md"), steps,
                  build_ml_inference({"parameters": mapped}, None),
                  since="2.16")  # ml-inference-search-response.md: "Introduced 2.16"


def _ml_inference_embedding(case_input: dict) -> Recipe:
    processor = {"model_id": MODEL_ID, "function_name": "text_embedding", "full_response_path": True,
                 "model_input": EMBEDDING_MODEL_INPUT, "input_map": [{"text_docs": "passages"}],
                 "output_map": [{"passage_embeddings": EMBEDDING_OUTPUT_PATH}]}
    source = {"passages": list(build_ml_inference(case_input, None).body["text_docs"])}
    steps = (Step("Create the ingest pipeline", "PUT", "/_ingest/pipeline/ml-inference-embeddings",
                  {"description": "Embeds the texts of passages into passage_embeddings",
                   "processors": [{"ml_inference": processor}]},
                  "passages must hold a list of texts: ml_inference writes a plain string field into model_input "
                  "unquoted, which is not JSON."),
             Step("Try it on a document", "POST", "/_ingest/pipeline/ml-inference-embeddings/_simulate",
                  {"docs": [{"_index": INDEX, "_id": "1", "_source": source}]},
                  "The document comes back with one vector per text in passage_embeddings."))
    mapped = {name: source[field] for entry in processor["input_map"] for name, field in entry.items()}
    return Recipe("ml_inference", "ml_inference ingest processor (function_name text_embedding)",
                  ("_ingest-pipelines/processors/ml-inference.md",), steps, build_ml_inference(mapped, None))


def recipe_agent(case_input: dict, output: dict | None) -> Recipe:
    """A flow agent with one ``MLModelTool``: the tool's parameters are the case's, with its last text
    (the user's) replaced by the agent's ``question``, plus the ``response_filter`` the contract needed."""
    parameters = _parameters(case_input, None)
    question = strings(parameters)[-1]
    built = build_agent(case_input, [*strings(parameters)[:-1], QUESTION])
    if output is not None and check_agent(output, built, {}):
        retried = retry_agent(output, built)
        built = retried[0] if retried else built
    tool = dict(built.body["parameters"])
    register = {"name": "Ask the model", "type": "flow", "description": "Answers a question with the model",
                "tools": [{"type": "MLModelTool", "description": "Answers the question",
                           "parameters": {"model_id": MODEL_ID, **tool}}]}
    steps = (Step("Register a flow agent with the model as its tool", "POST", "/_plugins/_ml/agents/_register", register,
                  "The tool sends these parameters to the model; ${parameters.question} becomes the agent's question. "
                  "The answer is the tool's response."),
             Step("Run the agent", "POST", "/_plugins/_ml/agents/<AGENT_ID>/_execute",
                  {"parameters": {"question": question}}, "Use the agent_id the register call returned."))
    sent = {**tool, "question": question}
    return Recipe("agent", "Agent tool (MLModelTool in a flow agent)",
                  ("_ml-commons-plugin/agents-tools/tools/ml-model-tool.md",
                   "_ml-commons-plugin/agents-tools/agents/flow.md"), steps,
                  CallerInput({"parameters": sent}, "REMOTE", {"algorithm": "REMOTE", "parameters": sent,
                                                              "action_type": "PREDICT"}, (question,), 1,
                              "MLModelTool: the tool's parameters and the agent's question"),
                  since="2.13")  # agents/flow.md: "Introduced 2.13"


ML_INFERENCE = Caller("ml_inference", "ml_inference ingest and search processors",
                      ("text_embedding", "multimodal_embedding", "chat"), SOURCE_ML_INFERENCE, build_ml_inference,
                      check_ml_inference, ("text_docs", "parameters"), recipe=recipe_ml_inference)
AGENT = Caller("agent", "agent MLModelTool", ("chat",), SOURCE_AGENT, build_agent, check_agent, ("parameters",),
               retry=retry_agent, recipe=recipe_agent)
