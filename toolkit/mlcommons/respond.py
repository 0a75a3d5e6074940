"""From the provider's HTTP response to tensors (spec 5.4-5.6, 6; ``MLSdkAsyncHttpResponseHandler``).

``check_status`` turns a status outside 200-300 into ML Commons' error (300 counts as success from
2.14, matrix E2) and a blank success body into 502. ``process_output`` is
``ConnectorUtils.processOutput``; how its failures surface depends on the release (matrix E4):
2.11-2.13 rethrow the exception itself; from
2.14 a ``catch (Exception e)`` answers ``MLException("Fail to execute … in aws connector", e)``,
HTTP 500 with the Java cause (``PredictError.cause``); from 3.3 an ``IllegalArgumentException``
(a built-in's check, a response that is not JSON) passes through as itself, 400.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from toolkit.contract.http import HttpResponse
from toolkit.mlcommons.errors import IllegalArgumentError
from toolkit.mlcommons.output import ClassCastError, ModelTensor, parse_response, parse_tensor_json
from toolkit.mlcommons.params import is_json
from toolkit.mlcommons.functions import exists_on
from toolkit.mlcommons.postprocess import POSTPROCESS_FUNCTIONS, postprocess

__all__ = ["check_status", "process_output", "REMOTE_SERVICE_ERROR"]

REMOTE_SERVICE_ERROR = "Error from remote service: "


def check_status(response: HttpResponse, profile) -> str:
    """The response body as text, or ``PredictError`` for an error status or a blank body (spec 6), on
    ``profile``'s release: a blank body is 400 ``No response from model`` whatever the status from 2.14 to
    3.1, and from 3.2 the error status or 502 (``response.blank_body``, matrix E3)."""
    from toolkit.mlcommons.predict import PredictError

    text = response.body.decode("utf-8", "replace")
    blank = profile.value("response.blank_body") if not text.strip() else None  # asked only for a blank body
    if blank == "per_executor":
        from toolkit.mlcommons.predict import EmulatorLimit

        raise EmulatorLimit(f"a blank response body on OpenSearch {profile}: the http and aws_sigv4 executors "
                            "handle it differently before 2.14")
    if blank == "no_response":  # before the status is looked at
        raise PredictError(400, "No response from model")
    if response.status < 200 or response.status > 300 or (
            response.status == 300 and not profile.has("response.status_300_is_success")):
        if not text:
            raise PredictError(response.status, f"Remote service returned error status {response.status} with empty body")
        raise PredictError(response.status, REMOTE_SERVICE_ERROR + text)
    if not text.strip():
        raise PredictError(502, "Remote service returned empty response body")
    return text


def process_output(text: str, action: Mapping[str, Any], params: Mapping[str, str | None],
                   profile) -> list[ModelTensor]:
    """The tensors of one response (spec 5.6) on ``profile``'s release; failures as ML Commons
    reports them there (module docstring)."""
    from toolkit.mlcommons.jsonpath import UnsupportedPathError
    from toolkit.mlcommons.predict import EmulatorLimit, PredictError, fill_function
    from toolkit.painless.errors import PainlessUnsupported

    try:
        return _process(text, fill_function(action.get("post_process_function"), params, profile), params, profile)
    except (EmulatorLimit, PredictError):
        raise
    except (PainlessUnsupported, UnsupportedPathError) as exc:
        raise EmulatorLimit(f"post-processing: {exc}") from None
    except Exception as exc:  # noqa: BLE001 - ML Commons catches every exception here, so does the emulator
        raise _failure(exc, str(action.get("action_type", "predict")).upper(), profile) from None


def _failure(exc: Exception, action_type: str, profile):
    """The ``PredictError`` a post-processing exception becomes on ``profile``'s release (matrix E4)."""
    from toolkit.mlcommons.predict import PredictError, java_text, script_exception
    from toolkit.painless.errors import PainlessError

    wrap = profile.value("postprocess.wrap_message")
    if isinstance(exc, IllegalArgumentError) and (wrap is None or profile.has("postprocess.iae_passthrough")):
        return PredictError(400, exc.message)
    if wrap is not None:
        return PredictError(500, wrap.format(action=action_type), java_text(exc))
    if isinstance(exc, PainlessError):
        return script_exception(exc)
    cause = java_text(exc)
    return PredictError(500, cause.partition(": ")[2] or cause, cause)


def _process(text: str, function: str | None, params: Mapping[str, str | None], profile) -> list[ModelTensor]:
    from toolkit.mlcommons.predict import EmulatorLimit
    from toolkit.painless.errors import PainlessRuntimeError
    from toolkit.painless.mlcommons import post_process_params, prepare_post_process, run_prepared

    response_filter = params.get("response_filter")
    if function in POSTPROCESS_FUNCTIONS and exists_on(function, profile):  # 5.6 step 2
        return postprocess(function, text, response_filter)
    try:  # 5.5: the response is parsed even with no script, before the script runs
        script_params = post_process_params(text, profile)
    except PainlessRuntimeError as exc:  # StringUtils.fromJson's IllegalArgumentException
        raise IllegalArgumentError(exc.java_message) from None
    value = text
    if function:
        value = run_prepared(prepare_post_process(function, profile.jdk, profile), script_params, jdk=profile.jdk)
        if not isinstance(value, str):
            raise EmulatorLimit("a post-process script returning a non-String (TemplateScript cast unconfirmed)")
    if "output_processors" in params and profile.has("connector.parameter.output_processors"):
        from toolkit.mlcommons.processors import chain

        processors = chain(params["output_processors"], profile)
        if processors:  # a parameter Gson cannot read as a list of objects is no chain: the flow below
            return _processed(value, processors, bool(function) and is_json(value, profile), params, profile)
    if not function:
        return [parse_response(_filtered(text, response_filter, profile), profile)]
    if not is_json(value, profile):
        return [parse_response(value, profile)]
    if response_filter:  # 5.6 step 7: the filter reads the script's text; a non-String result is cast
        value = _filtered(value, response_filter, profile)
        if not isinstance(value, str):
            raise ClassCastError("the response_filter result of a post-process script's output is not a String")
        if not is_json(value, profile):
            return [parse_response(value, profile)]
    return parse_tensor_json(value)


def _processed(response: str, processors: list, tensor_json: bool, params: Mapping[str, str | None],
               profile) -> list[ModelTensor]:
    """5.6 step 4: ``response_filter`` (if set), the ``output_processors`` chain, then ``parseResponse`` (which
    reads a script's ModelTensor JSON from the chain's output, a String)."""
    from toolkit.mlcommons.processors import run

    response_filter = params.get("response_filter")
    value = response if response_filter is None else _filtered(response, response_filter, profile)
    value = run(processors, value, profile)
    if tensor_json:
        if not isinstance(value, str):
            raise ClassCastError("the output of the processor chain is not a String")
        return parse_tensor_json(value)
    return [parse_response(value, profile)]


def _read(text: str, response_filter: str) -> Any:
    from toolkit.mlcommons.jsonpath import parse_response_json, read

    return read(parse_response_json(text), response_filter)


def _filtered(text: str, response_filter: str | None, profile) -> Any:
    """The ``response_filter`` value in ``text`` (5.6 steps 5, 7); from 3.7 (``tryReadResponseFilter``) a
    missing path or a null value gives the whole text, before the path must exist (matrix E7)."""
    from toolkit.mlcommons.jsonpath import PathNotFoundError

    if not response_filter:
        return text
    if not profile.has("output.filter_missing_path_falls_back"):
        return _read(text, response_filter)
    try:
        value = _read(text, response_filter)
    except PathNotFoundError:
        return text
    return text if value is None else value
