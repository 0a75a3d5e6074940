"""Processing: built-in pre/post-process functions and ``response_filter`` (spec sections 1.3, 4.4, 4.6, 5).

Built on the emulator's tables (``toolkit.mlcommons.preprocess``, ``postprocess``, ``jsonpath``):
a name is a built-in only if it is exactly in them; anything else is compiled as Painless (the
Painless rules BP55x check those scripts).
"""

from __future__ import annotations

from collections.abc import Iterator

from toolkit.check.model import Example, Finding
from toolkit.check.registry import rule
from toolkit.check.rules._examples import AWS_BASE, DELETE, MANIFEST, TEMPLATE, example, project
from toolkit.check.rules._util import (
    action_ptr, action_type, actions, connector_values, did_you_mean, hidden_under, parameters, shown_in_part,
)
from toolkit.diagnostics import Severity
from toolkit.mlcommons.errors import IllegalStateError
from toolkit.mlcommons.functions import POSTPROCESS_SHAPES, PREPROCESS_OUTPUTS
from toolkit.mlcommons.substitute import PARAMETERS, substitute, tokenize_placeholders
from toolkit.source import pointer

_TABLES = {"pre_process_function": ("connector.pre_process.", PREPROCESS_OUTPUTS),
           "post_process_function": ("connector.post_process.", POSTPROCESS_SHAPES)}
_BUILTIN_PREFIXES = ("connector.pre_process.", "connector.post_process.")

_OUTPUTS = PREPROCESS_OUTPUTS  # the names each built-in pre-process sets (Nova multimodal: one of them)

_PROVIDERS = ("sagemaker", "openai", "bedrock", "cohere")  # validatePrePostProcessFunctions' order


def _is_rerank(name: str) -> bool:
    return name.endswith(".rerank")


def _functions(target) -> Iterator[tuple[int, dict, str, str]]:
    """(index, action, key, text) for every pre/post-process function that is a string."""
    for index, action in actions(target):
        for key in _TABLES:
            text = action.get(key)
            if isinstance(text, str):
                yield index, action, key, text


def _builtin(action: dict, key: str) -> str | None:
    text = action.get(key)
    return text if isinstance(text, str) and text in _TABLES[key][1] else None


def _referenced(target, action: dict) -> set[str]:
    """Every parameter name the action's body, URL and headers read, directly or through connector
    parameter values (prompts that embed other parameters)."""
    texts = [action.get("request_body"), action.get("url")]
    headers = action.get("headers")
    if isinstance(headers, dict):
        texts.extend(headers.values())
    texts.extend(connector_values(target).values())
    names = set()
    for text in texts:
        if isinstance(text, str):
            names.update(p.base_name for p in tokenize_placeholders(text) if p.namespace == "parameters")
    return names


def _input_format(target) -> str | None:
    data = getattr(target.manifest, "data", None)
    inputs = data.get("inputs") if isinstance(data, dict) else None
    return inputs.get("format") if isinstance(inputs, dict) else None


def _url(target, action: dict) -> str:
    """The action URL with connector parameters substituted, as ``validatePrePostProcessFunctions`` sees it."""
    url = action.get("url")
    if not isinstance(url, str):
        return ""
    try:
        return substitute(url, connector_values(target))
    except IllegalStateError:  # a cycle: BP214 reports it
        return ""


def _provider(target, action: dict) -> str | None:
    url = _url(target, action)
    return next((name for name in _PROVIDERS if name in url), None)


def _response_filter(target) -> str | None:
    value = parameters(target).get("response_filter")
    return value if isinstance(value, str) else None


_GOOD_RERANK = example(
    actions__0__url="https://api.cohere.ai/v1/rerank",
    actions__0__request_body='{ "documents": ${parameters.documents}, "query": "${parameters.query}", '
                             '"top_n": ${parameters.top_n}, "model": "${parameters.model}" }',
    actions__0__pre_process_function="connector.pre_process.cohere.rerank",
    actions__0__post_process_function="connector.post_process.cohere.rerank")


@rule("BP501", "unknown-builtin-function", "error", "processing",
      "A process function that looks like a built-in name but is not one.",
      "ML Commons recognises a built-in only by its exact name (spec 5.1, 5.4). Any other text, including a "
      "misspelt `connector.post_process.openai.embeddings` or a pre-process name in `post_process_function`, "
      "is compiled as a Painless script when the model predicts, and fails there: creating the connector "
      "only logs a warning.",
      bad=example(actions__0__post_process_function="connector.post_process.openai.embeddings"),
      good=example(), hint="use one of the names in spec 5.1 (pre) or 5.4 (post)", spec="5.1, 5.4, 5.5")
def unknown_builtin(target, config) -> Iterator[Finding]:
    for index, action, key, text in _functions(target):
        prefix, table = _TABLES[key]
        name = text.strip()
        if name.startswith(_BUILTIN_PREFIXES) and text not in table:
            if name in table:
                hint = "remove the surrounding whitespace: the name must match exactly"
            elif name.startswith(prefix):
                hint = did_you_mean(name, table)
            else:
                close = did_you_mean(name.replace(_other(prefix), prefix), table)
                hint = f"a {key} must be a {prefix}* name" + (f"; {close}" if close else "")
            yield Finding(action_ptr(index, key), f"{text!r} is not a built-in {key}: ML Commons compiles it as "
                          "Painless and every predict call fails", hint=hint)


def _other(prefix: str) -> str:
    return next(p for p in _BUILTIN_PREFIXES if p != prefix)


@rule("BP502", "preprocess-output-unused", "warning", "processing",
      "A built-in pre-process function whose output parameters the request never reads.",
      "Each built-in pre-process function sets fixed parameter names (spec 5.1): `input` for openai and "
      "default, `texts` for cohere, `inputText` for bedrock, `query`/`documents`/`top_n` for cohere rerank, "
      "and so on. When neither the request body, the URL, the headers nor a connector parameter reads any of "
      "them, the documents never reach the provider: the function belongs to another connector.",
      bad=example(actions__0__request_body='{ "texts": ${parameters.texts}, "model": "${parameters.model}" }'),
      good=example(), spec="5.1")
def preprocess_output_unused(target, config) -> Iterator[Finding]:
    for index, action in actions(target):
        name = _builtin(action, "pre_process_function")
        if name is None or hidden_under(target, action_ptr(index)) or hidden_under(target, "/parameters"):
            continue  # what reads its outputs may be in what the document leaves out
        read = _referenced(target, action)
        if read & set(_OUTPUTS[name]):
            continue
        fitting = [other for other, outputs in _OUTPUTS.items() if read & set(outputs)]
        hint = f"the request reads what {fitting[0]!r} sets" if fitting else None
        yield Finding(action_ptr(index, "pre_process_function"),
                      f"{name} sets {', '.join('${parameters.' + o + '}' for o in _OUTPUTS[name])} but the "
                      "request reads none of them", hint=hint)


_PARAMETERS_MANIFEST = MANIFEST.replace(
    "inputs:\n  format: text_docs\n  text_docs:\n    description: Texts to embed.\n    example: [\"hello\"]\n",
    "inputs:\n  format: parameters\n  parameters:\n    input:\n      description: Texts to embed.\n"
    "      type: array\n      example: [\"hello\"]\n")
_PRE_TEMPLATE = TEMPLATE.replace(
    '${parameters.input} }"\n', '${parameters.input} }",\n      "pre_process_function": "connector.pre_process.openai.embedding"\n')


@rule("BP503", "builtin-input-mismatch", "error", "processing",
      "A built-in pre-process function that does not fit the manifest's input format.",
      "Text-docs built-ins accept only `text_docs` input and rerank built-ins only `text_similarity` input; "
      "anything else fails with `This pre_process_function can only support TextDocsInputDataSet …` or "
      "`… TextSimilarityInputDataSet`. With `parameters` input every built-in returns the request "
      "parameters unchanged, so the function has no effect (a warning). `text_similarity` input without a "
      "pre-process function fails with `pre_process_function not defined in connector` (spec 4.4).",
      bad=Example(files=project(_PARAMETERS_MANIFEST, _PRE_TEMPLATE)),
      good=Example(files=project(template=_PRE_TEMPLATE)), spec="4.4, 5.1")
def builtin_input_mismatch(target, config) -> Iterator[Finding]:
    form = _input_format(target)
    if form is None:
        return
    for index, action in actions(target):
        if action_type(action) not in ("PREDICT", None):
            continue
        text = action.get("pre_process_function")
        name = _builtin(action, "pre_process_function")
        where = action_ptr(index, "pre_process_function")
        if form == "text_similarity" and not (isinstance(text, str) and text.strip()):
            yield Finding(action_ptr(index), "text_similarity input without a pre_process_function fails with "
                          "'pre_process_function not defined in connector'",
                          hint="use connector.pre_process.cohere.rerank, default.rerank or bedrock.rerank")
        elif name is None:
            continue
        elif form == "parameters":
            yield Finding(where, f"{name} never runs on parameters input: ML Commons passes the request "
                          "parameters through unchanged", severity=Severity.WARNING,
                          hint="remove the function, or declare text_docs input")
        elif form == "text_docs" and _is_rerank(name):
            yield Finding(where, f"{name} needs text_similarity input; text_docs fails with 'This "
                          "pre_process_function can only support TextSimilarityInputDataSet'")
        elif form == "text_similarity" and not _is_rerank(name):
            yield Finding(where, f"{name} needs text_docs input; text_similarity fails with 'This "
                          "pre_process_function can only support TextDocsInputDataSet which including a list "
                          "of string with key 'text_docs''")


@rule("BP504", "rerank-function-pair", "error", "processing",
      "A rerank pre-process function paired with a non-rerank post-process function, or the reverse.",
      "Rerank built-ins turn a query and documents into the provider's request and its scores into "
      "`similarity` tensors ordered by document (spec 5.1, 5.4). An embedding post-process function cannot "
      "read a rerank response, and a rerank post-process function expects `results` that an embedding "
      "request never returns. Without any post-process function the scores come back as one `response` "
      "map, which the rerank processor cannot use (a warning).",
      bad=lambda: _GOOD_RERANK().replace(
          "connector.post_process.cohere.rerank", "connector.post_process.cohere.embedding"),
      good=_GOOD_RERANK, spec="5.1, 5.4")
def rerank_function_pair(target, config) -> Iterator[Finding]:
    for index, action in actions(target):
        pre = _builtin(action, "pre_process_function")
        post = _builtin(action, "post_process_function")
        post_text = action.get("post_process_function")
        if pre and _is_rerank(pre):
            if post and not _is_rerank(post):
                yield Finding(action_ptr(index, "post_process_function"),
                              f"{post} cannot read the scores of a rerank request made by {pre}",
                              hint=did_you_mean(pre.replace("pre_process", "post_process"), POSTPROCESS_SHAPES))
            elif not (isinstance(post_text, str) and post_text.strip()) \
                    and not shown_in_part(target, action_ptr(index, "post_process_function")):
                yield Finding(action_ptr(index), f"{pre} without a post_process_function: the scores come back "
                              "as one 'response' map, not similarity tensors", severity=Severity.WARNING,
                              hint=did_you_mean(pre.replace("pre_process", "post_process"), POSTPROCESS_SHAPES))
        elif pre and post and _is_rerank(post):
            yield Finding(action_ptr(index, "post_process_function"),
                          f"{post} expects a rerank response, but {pre} builds a request for another task")


@rule("BP505", "builtin-provider-mismatch", "warning", "processing",
      "A built-in process function meant for another provider than the URL's.",
      "At creation ML Commons looks for `sagemaker`, `openai`, `bedrock` or `cohere` (in that order) in the "
      "URL after substituting connector parameters, and logs a warning for every `connector.*` function "
      "whose name lacks that word (`default` for SageMaker; `validatePrePostProcessFunctions`, spec 1.3). "
      "Built-ins parse one provider's request and response shapes. When the function's provider also "
      "appears in the URL (a Cohere model on Bedrock) this is only information.",
      bad=example(AWS_BASE, actions__0__pre_process_function="connector.pre_process.openai.embedding",
                 actions__0__request_body="{ \"inputText\": ${parameters.input} }"),
      good=example(AWS_BASE), spec="1.3")
def builtin_provider_mismatch(target, config) -> Iterator[Finding]:
    for index, action in actions(target):
        provider = _provider(target, action)
        if provider is None:
            continue
        expected = "default" if provider == "sagemaker" else provider
        for key in _TABLES:
            text = action.get(key)
            if not (isinstance(text, str) and text.startswith("connector.")) or expected in text:
                continue
            severity = None
            named = next((p for p in _PROVIDERS if p in text and p != provider), None)
            if named and named in _url(target, action):
                severity = Severity.INFO
            yield Finding(action_ptr(index, key), f"{text} is not a {provider} function (ML Commons warns: "
                          f"the URL names {provider}, the function lacks {expected!r})", severity=severity)


@rule("BP506", "parameter-in-function", "error", "processing",
      "A `${parameters.…}` placeholder in a pre/post-process function that makes it quoted text.",
      "Before looking a function up, ML Commons replaces each `${parameters.x}` in it with the value encoded "
      "as a JSON string, quotes included (spec 4.6). A function written as `${parameters.fn}` therefore "
      "becomes `\"connector.post_process…\"`, which is no built-in name: it is run as Painless, and the "
      "script only returns that text.",
      bad=example(parameters={"model": "text-embedding-3-small",
                             "post_fn": "connector.post_process.openai.embedding"},
                 actions__0__post_process_function="${parameters.post_fn}"),
      good=example(), hint="write the built-in name itself", spec="4.6")
def parameter_in_function(target, config) -> Iterator[Finding]:
    values = connector_values(target)
    for index, action, key, text in _functions(target):
        if PARAMETERS not in text:
            continue
        found = [p for p in tokenize_placeholders(text) if p.namespace == "parameters" and not p.escaped]
        whole = len(found) == 1 and text.strip() == found[0].text
        builtins = [p for p in found if values.get(p.name, "").startswith(_BUILTIN_PREFIXES)]
        for placeholder in builtins or (found[:1] if whole else []):
            value = values.get(placeholder.name)
            shown = f'"{value}"' if value is not None else "a quoted JSON string"
            yield Finding(action_ptr(index, key), f"{placeholder.text} becomes {shown} (spec 4.6): ML Commons "
                          "runs it as Painless, not as a built-in", offset=placeholder.start)


@rule("BP507", "invalid-response-filter", "error", "processing",
      "A `response_filter` that is not a JSONPath, or whose data type is UNKNOWN.",
      "ML Commons reads `response_filter` with Jayway JsonPath (spec 5.4, 5.6): a malformed path fails every "
      "predict call. With a built-in embedding post-process function the tensor's data type is taken from "
      "the filter text; a filter containing `.unknown` selects UNKNOWN and fails with `data type is null`.",
      bad=example(parameters={"model": "text-embedding-3-small", "response_filter": "$.data[*.embedding"}),
      good=example(parameters={"model": "text-embedding-3-small", "response_filter": "$.data[*].embedding"}),
      hint="see toolkit/mlcommons/jsonpath.py for the syntax", spec="5.4, 5.6")
def invalid_response_filter(target, config) -> Iterator[Finding]:
    text = _response_filter(target)
    if text is None or PARAMETERS in text or not text.strip():
        return
    from toolkit.mlcommons.jsonpath import InvalidPathError, UnsupportedPathError, compile_path
    from toolkit.mlcommons.output import data_type_from_filter

    where = pointer(["parameters", "response_filter"])
    try:
        compile_path(text)
    except InvalidPathError as exc:
        yield Finding(where, f"response_filter {text!r} is not a JSONPath: {exc}")
        return
    except UnsupportedPathError:
        pass  # valid Jayway syntax the emulator does not evaluate
    if data_type_from_filter(text) != "UNKNOWN":
        return
    for index, action in actions(target):
        post = _builtin(action, "post_process_function")
        if post and POSTPROCESS_SHAPES[post][1] in ("list of lists", "list of numbers"):
            yield Finding(where, f"response_filter {text!r} contains '.unknown': with {post} the data type is "
                          "UNKNOWN and every call fails with 'data type is null'")


@rule("BP508", "filter-overrides-builtin", "warning", "processing",
      "A `response_filter` that replaces a built-in post-process function's default path.",
      "A non-blank `response_filter` overrides the built-in's own JSONPath (spec 5.4), and the function then "
      "checks what the filter returns. A filter with a wildcard returns a list, which the batch-ARN function "
      "(needs a map) and the passthrough function (casts to a map) cannot take. A filter that equals the "
      "default is redundant; any other override is reported as information so the pairing gets reviewed.",
      bad=example(parameters={"model": "m", "response_filter": "$.jobs[*]"},
                 actions__0__post_process_function="connector.post_process.bedrock.batch_job_arn",
                 actions__0__pre_process_function=DELETE),
      good=example(), spec="5.4")
def filter_overrides_builtin(target, config) -> Iterator[Finding]:
    text = _response_filter(target)
    if text is None or not text.strip() or PARAMETERS in text:
        return
    from toolkit.mlcommons.jsonpath import InvalidPathError, UnsupportedPathError, compile_path

    try:
        path = compile_path(text)
    except (InvalidPathError, UnsupportedPathError):
        return
    for index, action in actions(target):
        post = _builtin(action, "post_process_function")
        if post is None:
            continue
        default_filter, expects = POSTPROCESS_SHAPES[post]
        where = pointer(["parameters", "response_filter"])
        if text == default_filter:
            yield Finding(where, f"response_filter repeats {post}'s default path {text!r}",
                          severity=Severity.INFO, hint="remove it")
        elif not path.definite and expects in ("map", "map or list"):
            yield Finding(where, f"response_filter {text!r} returns a list, but {post} needs a map")
        else:
            yield Finding(where, f"response_filter {text!r} replaces {post}'s default {default_filter!r}; "
                          f"the function still needs a {expects}", severity=Severity.INFO)


@rule("BP509", "default-embedding-object-response", "info", "processing",
      "`connector.post_process.default.embedding` on a provider whose response is an object.",
      "The default embedding function reads `$[*]`: the response itself must be an array of arrays, as "
      "SageMaker-style endpoints return (spec 5.4). OpenAI, Cohere and Bedrock answer with a JSON object, "
      "whose values `$[*]` lists instead; use the provider's own function or set `response_filter`.",
      bad=example(actions__0__post_process_function="connector.post_process.default.embedding"),
      good=example(), spec="5.4")
def default_embedding_object_response(target, config) -> Iterator[Finding]:
    if _response_filter(target):
        return
    for index, action in actions(target):
        if action.get("post_process_function") != "connector.post_process.default.embedding":
            continue
        provider = _provider(target, action)
        if provider in ("openai", "cohere", "bedrock"):
            fitting = {"openai": "connector.post_process.openai.embedding",
                       "cohere": "connector.post_process.cohere.embedding",
                       "bedrock": "connector.post_process.bedrock.embedding"}[provider]
            yield Finding(action_ptr(index, "post_process_function"),
                          f"{provider} answers with a JSON object; '$[*]' lists its values, not embeddings",
                          hint=f"use {fitting!r} or set response_filter")

