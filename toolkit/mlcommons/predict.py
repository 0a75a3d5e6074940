"""The predict pipeline: a ``_predict`` body through a connector to ML Commons' output (spec 4-7).

``predict(connector, body, transport=...)`` follows ``RemoteConnectorExecutor.executeAction`` and
``preparePayloadAndInvoke`` for the connector's PREDICT action, one remote call per chunk
(``action="batch_predict"``: its BATCH_PREDICT action, as ``_batch_predict`` runs it; see ``predict``):

0. as the connector was created and the model deployed: each action URL, with the connector's own
   parameters, matches a trusted-endpoint regex (2.2), and the client takes its timeouts
   (``toolkit.mlcommons.client``);
1. the body becomes a dataset (4.1, ``toolkit.mlcommons.inputs``); ``text_docs`` are chunked (5.2);
2. pre-process: a built-in (5.1), Painless (5.3), or the default embedding function for text docs (4.4);
3. parameters are merged and escaped (4.1-4.3), the payload built (4.5, structured output from 3.7),
   run through ``input_processors`` (3.3+) and checked for unfilled placeholders;
4. the URL is substituted (4.7) and, from 3.7, matched again against the trusted-endpoint regexes
   with Java semantics (2.3), then checked as a URI, and its host against private addresses when the
   caller gives the cluster setting (2.4); headers get credentials and parameters (4.8),
   ``Content-Type`` by default; ``aws_sigv4`` connectors are signed (7);
5. ``transport`` sends the request; a non-2xx status fails with ML Commons' message (6);
6. the response is post-processed (5.4-5.6, ``toolkit.mlcommons.respond``) into ``ModelTensors``.

Failures raise ``PredictError(status, message)`` with ML Commons' HTTP status and message (and
the Java cause, when ML Commons wraps one). What the emulator cannot decide raises
``EmulatorLimit``. Where ML Commons' order of request-time checks is not documented, this
module checks: trusted endpoint, URI, private host, headers, empty POST body (UNCONFIRMED).
"""

from __future__ import annotations

import codecs
import functools
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from toolkit.contract.http import HttpRequest, HttpResponse, TransportError
from toolkit.mlcommons.endpoint import substitute_url, validate_uri
from toolkit.mlcommons.errors import IllegalArgumentError, MLCommonsError
from toolkit.mlcommons.headers import substitute_headers
from toolkit.mlcommons.inputs import parse_predict_body
from toolkit.mlcommons.output import MLPredictionOutput, ModelTensorOutput, ModelTensors
from toolkit.mlcommons.params import escape_request_parameters, merge_parameters, parameter_map, parameter_string
from toolkit.mlcommons.nova import clean_payload
from toolkit.mlcommons.payload import build_payload, validate_payload
from toolkit.mlcommons.functions import exists_on
from toolkit.mlcommons.preprocess import (PREPROCESS_FUNCTIONS, Dataset, RemoteInferenceInput, TextDocsInput,
                                          TextSimilarityInput, chunk_size, function_for, preprocess)
from toolkit.mlcommons.structured import supports_structured_output
from toolkit.mlcommons.substitute import PARAMETERS, substitute

if TYPE_CHECKING:
    from toolkit.mlcommons.client import Timeouts
    from toolkit.versions import Profile

__all__ = ["PredictError", "EmulatorLimit", "Exchange", "PredictResult", "predict", "predict_action",
           "fill_function", "java_text"]

Transport = Callable[[HttpRequest], HttpResponse | None]  # None: not sent (a dry run), the chunk has no output
NOT_TRUSTED = "Connector URL is not matching the trusted connector endpoint regex"
NOT_TRUSTED_PRIVATE = "Connector URL is not matching the trusted connector private endpoint regex"
NOT_CONFIGURED = ("Trusted connector endpoints regex is not configured. "
                  "Please set plugins.ml_commons.trusted_connector_endpoints_regex.")


class PredictError(Exception):
    """What ML Commons answers instead of an output: HTTP ``status``, ``message`` and the Java ``cause``;
    ``hint`` is the emulator's explanation, kept out of ML Commons' message."""

    def __init__(self, status: int, message: str, cause: str | None = None, hint: str | None = None):
        super().__init__(message)
        self.status, self.message, self.cause, self.hint = status, message, cause, hint
        self.exchanges: list[Exchange] = []

    def __str__(self) -> str:
        return f"{self.status} {self.message}" + (f" (caused by {self.cause})" if self.cause else "")


class EmulatorLimit(Exception):
    """The input reaches behaviour the emulator does not model (the message says which)."""


@dataclass(frozen=True)
class Exchange:
    """One remote call: the exact request sent and the response received."""

    request: HttpRequest
    response: HttpResponse


@dataclass
class PredictResult:
    """The predict output and the remote calls that produced it, in order."""

    output: ModelTensorOutput | MLPredictionOutput
    exchanges: list[Exchange] = field(default_factory=list)
    jdk: int = 21
    client: Timeouts | Callable[[], Timeouts | None] | None = None  # ``timeouts``, or a function making them

    @property
    def timeouts(self) -> Timeouts | None:
        """The HTTP client's timeouts (``toolkit.mlcommons.client``); None before 2.13. Without a
        ``client_config`` they are the release's defaults, asked of the profile only when read: a
        contract run that never reads them stays valid on releases whose defaults differ."""
        if callable(self.client):
            self.client = self.client()
        return self.client

    def to_json(self) -> str:
        """The output as the ``_predict`` REST response prints it (spec 6)."""
        return self.output.to_json(self.jdk)


def java_text(exc: BaseException) -> str:
    """``<java class>: <message>`` for an exception the emulator raised in ML Commons' place."""
    from toolkit.mlcommons.jsonpath import JsonPathError
    from toolkit.painless.errors import PainlessError, PainlessRuntimeError

    if isinstance(exc, PainlessRuntimeError):
        return exc.java_class + (f": {exc.java_message}" if exc.java_message is not None else "")
    if isinstance(exc, PainlessError):
        return f"org.opensearch.script.ScriptException: {exc}"
    if isinstance(exc, MLCommonsError):
        return exc.java_class + (f": {exc.message}" if exc.message else "")
    if isinstance(exc, JsonPathError):
        return f"com.jayway.jsonpath.{type(exc).__name__.replace('Error', 'Exception')}: {exc}"
    if isinstance(exc, IndexError):
        return f"java.lang.IndexOutOfBoundsException: {exc}"
    if isinstance(exc, ValueError):  # json-smart refusing a response a built-in reads
        return f"com.jayway.jsonpath.InvalidJsonException: {exc}"
    return f"{type(exc).__name__}: {exc}"


def script_exception(exc) -> PredictError:
    """A failing Painless script as OpenSearch's ``ScriptException`` (400, UNCONFIRMED): ``compile error`` or
    ``runtime error``, the Java exception as the cause."""
    from toolkit.painless.errors import PainlessCompileError, PainlessSyntaxError

    kind = "compile error" if isinstance(exc, (PainlessSyntaxError, PainlessCompileError)) else "runtime error"
    return PredictError(400, kind, java_text(exc))


def _error(exc: MLCommonsError) -> PredictError:
    """REST status mapping (spec 8.8): IllegalArgumentException 400, other runtime exceptions 500
    (each class's ``status``)."""
    return PredictError(exc.status, exc.message or exc.java_class, exc.cause, exc.hint)


def predict_action(connector: Mapping[str, Any], action_type: str = "PREDICT") -> Mapping[str, Any]:
    """The connector's first action of ``action_type`` (case-insensitive, ``findAction``); else
    ``no <ACTION_TYPE> action found`` (spec 8.8)."""
    for action in connector.get("actions") or []:
        if str(action.get("action_type", "")).upper() == action_type:
            return action
    raise PredictError(400, f"no {action_type} action found")


def _deployed_headers(connector: Mapping[str, Any]) -> Mapping[str, str]:
    """The headers every call of a deployed model sends: the PREDICT action's, decrypted at deploy time
    (``RemoteModel.initModelAsync`` → ``connector.decrypt("PREDICT")``, spec 4.8), whatever action runs;
    none without a PREDICT action."""
    for action in connector.get("actions") or []:
        if str(action.get("action_type", "")).upper() == "PREDICT":
            return action.get("headers") or {}
    return {}


def fill_function(text: str | None, params: Mapping[str, str | None], profile=None) -> str | None:
    """``ConnectorUtils.fillProcessFunctionParameter`` (spec 4.6): ``${parameters.x}`` becomes the
    value Gson-encoded as a JSON string, quotes included (``mlcommons.gson``, default the newest release)."""
    if not text or PARAMETERS not in text:
        return text
    from toolkit.mlcommons import gson

    return substitute(text, {key: gson.to_json(value, profile) for key, value in params.items()})


@functools.cache
def _methods_of_every_release() -> frozenset[str]:
    """The HTTP methods every emulated release accepts: for those the release is not asked (a run that
    never depends on it stays valid)."""
    from toolkit.versions import Profile

    return frozenset.intersection(*(frozenset(methods or ()) for methods in Profile.emulated_values("http.methods")))


def check_trusted(url: str, patterns: Sequence[str], jdk: int = 21, profile: Profile | None = None) -> None:
    """``Connector.validateResolvedEndpoint`` (spec 2.3): a full Java match of one regex, else 400. Before 3.7
    (``Connector.validateConnectorURL``, at creation only) an empty list matches nothing, and the message
    names the URL until 3.1 (matrix B2, B3)."""
    from toolkit.versions import Profile

    profile = profile or Profile.for_version(jdk=jdk)
    if not patterns and profile.has("trusted_endpoints.per_call_check"):
        raise PredictError(400, NOT_CONFIGURED)
    if not _matches_any(url, patterns, jdk):
        raise PredictError(400, str(profile.value("trusted_endpoints.mismatch_message")).format(url=url))


def check_host(url: str, private_ip_enabled: bool, profile: Profile, private_endpoints: Sequence[str] = ()) -> None:
    """``MLHttpClientFactory.validateIp`` (spec 2.4): a private host is refused (400) unless the setting,
    which exists from 2.15, is on; which IPv4 addresses are private follows the release (matrix B6, B7).
    From 3.7 (``MLValidatableAsyncHttpClient.validateIp``) a non-empty ``private_endpoints`` list
    (``trusted_connector_private_endpoints_regex``) must then also fully match the URL.
    Only literal addresses and ``localhost`` are judged: the emulator resolves no host name."""
    from toolkit.check.rules.endpoints import is_private_host
    from toolkit.javaregex.urls import real_host

    host = real_host(url)
    private = {is_private_host(host, rfc) for rfc in (True, False)} if host is not None else {False}
    if len(private) > 1:  # the two IPv4 readings disagree on this host: the release decides
        private = {is_private_host(host, bool(profile.value("network.private_ipv4_rfc")))}
    if not private.pop():
        return
    if not (private_ip_enabled and profile.has("setting.private_ip_enabled")):
        raise PredictError(400, str(profile.value("network.private_ip_message")).format(host=host))
    if private_endpoints and profile.has("setting.trusted_connector_private_endpoints_regex") \
            and not _matches_any(url, private_endpoints, profile.jdk, "private-endpoint"):
        raise PredictError(400, NOT_TRUSTED_PRIVATE)


def _matches_any(url: str, patterns: Sequence[str], jdk: int, kind: str = "trusted-endpoint") -> bool:
    """A full Java match of one of ``patterns`` (``kind`` of regexes); one that backtracks too long is an
    emulator limit."""
    from toolkit.javaregex import RegexTimeout
    from toolkit.javaregex.plain import matches

    try:
        return any(matches(regex, url, jdk=jdk) for regex in patterns)
    except RegexTimeout as exc:  # Java would still be backtracking: the answer is unknown
        raise EmulatorLimit(f"the {kind} regex {exc.pattern!r} took longer than {exc.timeout:g} s "
                            f"to match {url}") from None


def _check_created(call: _Call) -> None:
    """The connector's creation: ``client_config`` and a custom ``connector_id`` as the release reads
    them (``toolkit.mlcommons.create``), then each action's URL with the connector's own parameters,
    request-time placeholders left as written, must be trusted (every release, spec 2.2)."""
    from toolkit.mlcommons.create import check_created

    try:
        check_created(call.connector, call.profile)
    except MLCommonsError as exc:
        raise _error(exc) from None
    for action in call.connector.get("actions") or []:
        check_trusted(substitute_url(str(action.get("url", "")), call.params), call.trusted, call.profile.jdk,
                      call.profile)


@dataclass
class _Call:
    """One predict call's fixed context."""

    connector: Mapping[str, Any]
    action: Mapping[str, Any]
    params: dict[str, str]
    credential: dict[str, str]
    headers: Mapping[str, str]
    transport: Transport
    trusted: Sequence[str]
    profile: Profile
    private_ip_enabled: bool | None = None  # None: hosts are not checked
    private_endpoints: Sequence[str] = ()
    exchanges: list[Exchange] = field(default_factory=list)
    show: Callable[[HttpRequest], None] | None = None  # sees each request with credentials redacted


def predict(connector: Mapping[str, Any], body: Mapping[str, Any], *, transport: Transport,
            trusted_endpoints: Sequence[str] | None = None, profile: Profile | None = None,
            credentials: Mapping[str, str] | None = None, action: str = "predict",
            show: Callable[[HttpRequest], None] | None = None,
            private_ip_enabled: bool | None = None, private_endpoints: Sequence[str] = ()) -> PredictResult:
    """Run ``body`` through ``connector``'s PREDICT action (module docstring) as ML Commons does on
    ``profile``'s release (default: the newest; its ``jdk`` prints numbers and runs regexes and Painless).

    ``action="batch_predict"`` is ``POST _plugins/_ml/models/<id>/_batch_predict``: the body's
    ``parameters`` go through the BATCH_PREDICT action the same way (with the PREDICT action's
    headers, 4.8), and the output is ``MLPredictTaskRunner``'s: the first result must have a 2xx
    status and a first tensor with a dataAsMap, which becomes ``remote_job`` (``dlq`` null, as no
    ``dlq`` is given), else 404 ``Unable to create batch transform job`` (spec 6, 8.2).

    ``connector`` is a create-connector body: its ``parameters`` become strings as at creation
    (spec 1.6, 4.2). ``credentials`` replace values of its ``credential`` (the decrypted secrets).
    ``trusted_endpoints`` defaults to the release's default list (2.1, matrix B1). ``InputError`` means
    the body is not a predict body. ``show`` is called with each request before it is sent, each credential
    value replaced by ``<redacted:KEY>`` where it was substituted (``toolkit.mlcommons.redact``).
    ``private_ip_enabled`` is the cluster's ``plugins.ml_commons.connector.private_ip_enabled``: given,
    a call to a private host is refused as the release does (``check_host``); None checks no host.
    ``private_endpoints`` is ``trusted_connector_private_endpoints_regex`` (3.7+; empty: not set).
    """
    from toolkit.mlcommons.client import timeouts
    from toolkit.versions import Profile

    profile = profile or Profile.for_version()
    action_type = action.upper()
    if action_type not in ("PREDICT", "BATCH_PREDICT"):
        raise EmulatorLimit(f"the {action} action is not run through _predict or _batch_predict")
    dataset = parse_predict_body(body, profile)
    if action_type == "BATCH_PREDICT" and not isinstance(dataset, RemoteInferenceInput):
        raise EmulatorLimit("_batch_predict on a remote model takes a parameters body")
    credential = {key: parameter_string(value, profile) for key, value in (connector.get("credential") or {}).items()}
    credential.update(credentials or {})
    trusted = profile.value("trusted_endpoints.default") if trusted_endpoints is None else trusted_endpoints
    call = _Call(connector, {}, parameter_map(connector.get("parameters") or {}, profile), credential,
                 _deployed_headers(connector), transport, trusted, profile, private_ip_enabled, private_endpoints,
                 show=show)
    try:
        _check_created(call)
        # the executor the deployed model builds: a client_config is read (and can fail) now
        client = timeouts(connector, profile) if "client_config" in connector else functools.partial(
            timeouts, connector, profile)
        call.action = predict_action(connector, action_type)
        results = [_remote_call(call, request_params, pre_output)
                   for request_params, pre_output in _prepared_inputs(call, dataset)]
        dry_run = bool(results) and not call.exchanges  # nothing sent: no job to report
        output = _batch_job(results, profile.jdk) if action_type == "BATCH_PREDICT" and not dry_run \
            else ModelTensorOutput(results)
    except PredictError as exc:
        exc.exchanges = call.exchanges
        raise
    return PredictResult(output, call.exchanges, profile.jdk, client)


def _batch_job(results: list[ModelTensors], jdk: int) -> MLPredictionOutput:
    """``MLPredictTaskRunner.runPredict`` for a BATCH_PREDICTION task (``ResourceNotFoundException``, 404):
    ``remote_job`` is a ``HashMap`` of the first tensor's dataAsMap and ``dlq`` (``putAll`` sizes it by JDK)."""
    from toolkit.javavalues.hashmap import JavaHashMap

    first = results[0] if results else None
    tensor = first.output[0] if first is not None and first.output else None
    if tensor is None or tensor.data_as_map is None or first.status_code is None \
            or not 200 <= first.status_code < 300:
        raise PredictError(404, "Unable to create batch transform job")
    remote_job = JavaHashMap(jdk=jdk)
    remote_job.put_all(tensor.data_as_map)
    remote_job.put("dlq", None)
    return MLPredictionOutput(remote_job)


def _prepared_inputs(call: _Call, dataset: Dataset):
    """Per remote call: the escaped request parameters and the escaped pre-process output (4.1, 5.1-5.3)."""
    if isinstance(dataset, RemoteInferenceInput):
        request = escape_request_parameters(dataset.parameters, profile=call.profile)
        yield request, _remote_inference_pre_process(call, request)
        return
    if isinstance(dataset, TextSimilarityInput) and not call.profile.has("input.text_similarity"):
        raise PredictError(400, "Wrong input type")  # ConnectorUtils.processInput before 2.12
    function = fill_function(call.action.get("pre_process_function"), call.params, call.profile)
    try:
        name = function_for(function, dataset)
        docs = dataset.docs
        size = chunk_size(call.params, function, len(docs))
    except MLCommonsError as exc:
        raise _error(exc) from None
    if isinstance(dataset, TextSimilarityInput):
        yield {}, escape_request_parameters(_pre_process(call, name, dataset), profile=call.profile)
        return
    for start in range(0, len(docs), size):
        yield {}, escape_request_parameters(_pre_process(call, name, TextDocsInput(docs[start:start + size])),
                                            profile=call.profile)


def _pre_process(call: _Call, name: str, dataset: Dataset) -> dict[str, str | None]:
    """A built-in (5.1) or a Painless script (5.3) on text-docs or similarity input, before escaping."""
    if name in PREPROCESS_FUNCTIONS and exists_on(name, call.profile):
        try:
            return preprocess(name, dataset, call.profile)
        except MLCommonsError as exc:
            raise _error(exc) from None
        except IndexError as exc:
            raise PredictError(500, str(exc)) from None
    from toolkit.mlcommons import gson
    from toolkit.painless.mlcommons import pre_process_params

    query = dataset.query if isinstance(dataset, TextSimilarityInput) else None
    params = pre_process_params(dataset.docs, query_text=query, html_safe=gson.html_safe(call.profile))
    if call.params.get("pre_process_function.convert_input_to_json_string", "").lower() == "true" and \
            call.profile.has("preprocess.convert_input_to_json_string"):
        params = {"parameters": gson.to_json(params, call.profile)}  # the whole input as one JSON string
    return _run_pre_script(call, name, params)


def _remote_inference_pre_process(call: _Call, request: dict[str, str | None]) -> dict[str, str | None]:
    """Parameters input: built-ins pass it through; Painless runs only when asked to (4.4, 5.3), and
    never before 2.12 (matrix C11)."""
    if not call.profile.has("preprocess.remote_inference_input"):
        return {}
    merged = merge_parameters(call.params, request)
    function = fill_function(call.action.get("pre_process_function"), merged, call.profile)
    if not function or (function in PREPROCESS_FUNCTIONS and exists_on(function, call.profile)) or \
            str(merged.get("pre_process_function.process_remote_inference_input")).lower() != "true":
        return {}
    if str(merged.get("pre_process_function.convert_remote_inference_param_to_object")).lower() == "true":
        raise EmulatorLimit("pre_process_function.convert_remote_inference_param_to_object is not emulated")
    from toolkit.javavalues.hashmap import JavaHashMap

    # RemoteInferencePreProcessFunction.process: the script's params are a new HashMap of the request's
    return escape_request_parameters(_run_pre_script(call, function, JavaHashMap.copy_of(request, jdk=call.profile.jdk)),
                                     profile=call.profile)


def _run_pre_script(call: _Call, script: str, params: dict) -> dict[str, str]:
    """Run a Painless pre-process; a script failure is OpenSearch's ``ScriptException`` (400, UNCONFIRMED)."""
    from toolkit.painless.errors import PainlessError, PainlessRuntimeError, PainlessUnsupported
    from toolkit.painless.mlcommons import prepare_pre_process, read_pre_process_output, run_prepared

    jdk = call.profile.jdk
    try:
        value = run_prepared(prepare_pre_process(script, jdk, call.profile), params, jdk=jdk)
    except PainlessUnsupported as exc:
        raise EmulatorLimit(f"pre-process script: {exc}") from None
    except PainlessError as exc:
        raise script_exception(exc) from None
    try:
        return read_pre_process_output(value, call.profile)
    except PainlessUnsupported as exc:
        raise EmulatorLimit(f"pre-process output: {exc}") from None
    except PainlessRuntimeError as exc:
        status = 400 if exc.java_class == "java.lang.IllegalArgumentException" else 500
        raise PredictError(status, exc.java_message or exc.java_class) from None


def _remote_call(call: _Call, request_params: dict, pre_output: dict) -> ModelTensors:
    """Steps 3-6 of the module docstring for one chunk."""
    from toolkit.mlcommons.respond import check_status, process_output

    params = merge_parameters(call.params, request_params, None, pre_output)
    if "stream" in params:
        raise EmulatorLimit("a parameter named stream selects ML Commons' streaming path (spec 4.5), not emulated")
    java_params = None
    if supports_structured_output(call.action, call.profile):
        java_params = _java_parameters(call.profile, call.params, request_params, pre_output, request_params)
    request = _http_request(call, params, java_params)
    if call.show is not None:
        from toolkit.mlcommons.redact import redacted

        call.show(redacted(request, call.headers, call.credential, _header_params(call, params),
                           call.connector.get("protocol") == "aws_sigv4"))
    try:
        response = call.transport(request)
    except TransportError as exc:
        raise PredictError(500, f"Error communicating with remote model: {exc}") from None
    if response is None:  # a dry run: the request was built but not sent
        return ModelTensors([], None)
    call.exchanges.append(Exchange(request, response))
    text = check_status(response, call.profile)
    return ModelTensors(process_output(text, call.action, params, call.profile), response.status)


def _input_processed(payload: str | None, params: Mapping[str, str | None], profile: Profile) -> str | None:
    """``input_processors`` (3.3+): the processor chain on the payload, written by ``StringUtils.toJson``."""
    if "input_processors" not in params or not profile.has("connector.parameter.input_processors"):
        return payload
    from toolkit.mlcommons.processors import chain, run, to_json

    processors = chain(params["input_processors"], profile)
    return to_json(run(processors, payload, profile), profile) if processors else payload


def _java_parameters(profile: Profile, *sources: Mapping[str, str | None]):
    """The parameter ``HashMap`` ``preparePayloadAndInvoke`` fills by ``putAll`` from each source in turn."""
    from toolkit.javavalues.hashmap import JavaHashMap

    java = JavaHashMap(jdk=profile.jdk)
    for source in sources:
        java.put_all(source)
    return java


def _header_params(call: _Call, params: dict[str, str | None]) -> Mapping[str, str | None]:
    """The parameters headers take: the call's from 3.7, before only the connector's, at deploy time (matrix C17)."""
    if not any(PARAMETERS in str(value) for value in call.headers.values()):
        return params  # no header reads a parameter: the same on every release, which is not asked
    return params if call.profile.has("headers.runtime_parameters") else call.params


def _http_request(call: _Call, params: dict[str, str | None], java_params=None) -> HttpRequest:
    """Payload (4.5, 4.9), URL and trusted endpoint (4.7, 2.3), headers (4.8) and SigV4 (7); ``java_params``
    is the parameter map as ML Commons ordered it, for structured output."""
    try:
        method = str(call.action.get("method", "")).upper()
        if method != "POST" and call.connector.get("protocol") == "aws_sigv4" and \
                not call.profile.has("aws_sigv4.action_method"):
            method = "POST"  # AwsConnectorExecutor always POSTed before 2.17.1
        if method not in _methods_of_every_release() and method not in call.profile.value("http.methods"):
            raise IllegalArgumentError("unsupported http method")
        payload = build_payload(call.action.get("request_body"), params, validate=False, profile=call.profile,
                                structured_output=java_params)
        payload = _input_processed(payload, params, call.profile)
        if str(params.get("skip_validating_missing_parameters")).lower() != "true":
            validate_payload(payload)
        payload = clean_payload(payload, call.params, params, call.profile)
        url = substitute_url(call.action.get("url", ""), params)
        if not (call.trusted and _matches_any(url, call.trusted, call.profile.jdk)) and \
                call.profile.has("trusted_endpoints.per_call_check"):  # a trusted URL passes either way
            check_trusted(url, call.trusted, call.profile.jdk, call.profile)
        validate_uri(url)
        if call.private_ip_enabled is not None:
            check_host(url, call.private_ip_enabled, call.profile, call.private_endpoints)
        headers = substitute_headers(call.headers, call.credential, _header_params(call, params),
                                     call.connector.get("protocol"), call.profile)
        if method == "POST" and not payload:
            raise IllegalArgumentError("Content length is 0. Aborting request to remote model")
    except MLCommonsError as exc:
        raise _error(exc) from None
    charset = params.get("charset") or "UTF-8"
    try:
        body = _java_bytes(payload or "", charset)
    except LookupError:
        raise PredictError(500, f"java.nio.charset.UnsupportedCharsetException: {charset}") from None
    request = HttpRequest(method, url, headers, body)
    return _sign(call, request) if call.connector.get("protocol") == "aws_sigv4" else request


def _java_bytes(text: str, charset: str) -> bytes:
    """``String.getBytes(charset)``: surrogate pairs as one character, a lone surrogate or a character the
    charset cannot encode as ``?``; ``LookupError`` for an unknown charset."""
    whole = text.encode("utf-16-be", "surrogatepass").decode("utf-16-be", "surrogatepass")
    return whole.encode(codecs.lookup(charset).name, "replace")


def _sign(call: _Call, request: HttpRequest) -> HttpRequest:
    """SigV4 with region and service from the connector's parameters, then its credential (spec 7, 4.1)."""
    from toolkit.mlcommons.sigv4 import sign

    region = call.params.get("region") or call.credential.get("region")
    service = call.params.get("service_name") or call.credential.get("service_name")
    if not service:
        raise PredictError(400, "Missing service name")
    if not region:
        raise PredictError(400, "Missing region")
    return sign(request, call.credential.get("access_key", ""), call.credential.get("secret_key", ""), region, service,
                call.credential.get("session_token"))
