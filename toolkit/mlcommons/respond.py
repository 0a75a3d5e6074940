"""From the provider's HTTP response to tensors (spec 5.4-5.6, 6; ``MLSdkAsyncHttpResponseHandler``).

``check_status`` turns a status outside 200-300 into ML Commons' error (300 counts as success) and
a blank success body into 502. ``process_output`` is ``ConnectorUtils.processOutput``; ML Commons
calls it inside a ``catch (Exception e)`` that answers ``MLException("Fail to execute PREDICT in
aws connector", e)``, HTTP 500, so every post-processing failure (a built-in's check, a response
that is not JSON, a failing script, a path not found) surfaces with that message and its Java
cause (``PredictError.cause``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from toolkit.contract.http import HttpResponse
from toolkit.mlcommons.output import ClassCastError, ModelTensor, parse_response, parse_tensor_json
from toolkit.mlcommons.params import is_json
from toolkit.mlcommons.postprocess import FAIL_TO_EXECUTE, POSTPROCESS_FUNCTIONS, postprocess

__all__ = ["check_status", "process_output", "REMOTE_SERVICE_ERROR"]

REMOTE_SERVICE_ERROR = "Error from remote service: "


def check_status(response: HttpResponse) -> str:
    """The response body as text, or ``PredictError`` for an error status or a blank body (spec 6)."""
    from toolkit.mlcommons.predict import PredictError

    text = response.body.decode("utf-8", "replace")
    if response.status < 200 or response.status > 300:
        if not text:
            raise PredictError(response.status, f"Remote service returned error status {response.status} with empty body")
        raise PredictError(response.status, REMOTE_SERVICE_ERROR + text)
    if not text.strip():
        raise PredictError(502, "Remote service returned empty response body")
    return text


def process_output(text: str, action: Mapping[str, Any], params: Mapping[str, str | None],
                   jdk: int = 21) -> list[ModelTensor]:
    """The tensors of one response (spec 5.6); failures as ML Commons wraps them (module docstring)."""
    from toolkit.mlcommons.jsonpath import UnsupportedPathError
    from toolkit.mlcommons.predict import EmulatorLimit, PredictError, fill_function, java_text
    from toolkit.painless.errors import PainlessUnsupported

    try:
        return _process(text, fill_function(action.get("post_process_function"), params), params, jdk)
    except (EmulatorLimit, PredictError):
        raise
    except (PainlessUnsupported, UnsupportedPathError) as exc:
        raise EmulatorLimit(f"post-processing: {exc}") from None
    except Exception as exc:  # noqa: BLE001 - ML Commons wraps every exception here, so does the emulator
        action_type = str(action.get("action_type", "predict")).upper()
        raise PredictError(500, FAIL_TO_EXECUTE.format(action=action_type), java_text(exc)) from None


def _process(text: str, function: str | None, params: Mapping[str, str | None], jdk: int) -> list[ModelTensor]:
    from toolkit.mlcommons.predict import EmulatorLimit
    from toolkit.painless.mlcommons import post_process_params, run_post_process

    response_filter = params.get("response_filter")
    if function in POSTPROCESS_FUNCTIONS:  # 5.6 step 2
        return postprocess(function, text, response_filter)
    if params.get("output_processors") is not None:
        raise EmulatorLimit("output_processors are not emulated")
    if not function:  # 5.5: the response is parsed even with no script
        post_process_params(text)
        return [parse_response(_filtered(text, response_filter))]
    value = run_post_process(function, text, jdk=jdk)
    if not isinstance(value, str):
        raise EmulatorLimit("a post-process script returning a non-String (TemplateScript cast unconfirmed)")
    if not is_json(value):
        return [parse_response(value)]
    if response_filter:  # 5.6 step 7: the filter reads the script's text; a non-String result is cast
        value = _read(value, response_filter)
        if not isinstance(value, str):
            raise ClassCastError("the response_filter result of a post-process script's output is not a String")
        if not is_json(value):
            return [parse_response(value)]
    return parse_tensor_json(value)


def _read(text: str, response_filter: str) -> Any:
    from toolkit.mlcommons.jsonpath import parse_response_json, read

    return read(parse_response_json(text), response_filter)


def _filtered(text: str, response_filter: str | None) -> Any:
    """``tryReadResponseFilter`` (5.6 step 5, since 3.7): a missing path or a null value gives the whole text."""
    from toolkit.mlcommons.jsonpath import PathNotFoundError

    if not response_filter:
        return text
    try:
        value = _read(text, response_filter)
    except PathNotFoundError:
        return text
    return text if value is None else value
