"""How ML Commons runs Painless pre- and post-process functions (spec mlcommons-connectors.md 5.3, 5.5).

* ``add_default_method``: the ``escape()`` helper is prepended, text for text, when the script
  calls ``escape(`` without defining ``String escape(def|String ...)`` (``StringUtils.addDefaultMethod``).
  The detection regexes use ``\\b``, whose meaning changed in JDK 19: ``éescape(`` counts as a
  call on JDK 21 but not on JDK 17 (checked on both JVMs).
* ``pre_process_params`` / ``post_process_params``: the ``params`` each kind of script sees.
* ``read_pre_process_output`` / ``read_post_process_output``: what ML Commons takes from a result.
* ``run_pre_process`` / ``run_post_process``: all of it, with error positions in the user's script.
"""

from __future__ import annotations

import contextlib
import functools
import json
import re
import unicodedata
from dataclasses import dataclass

from toolkit.javavalues.numbers import INT_MAX, INT_MIN, LONG_MAX, LONG_MIN, JDouble, JInt, JLong
from toolkit.javavalues.hashmap import JavaHashMap
from toolkit.javavalues.text import gson_escape_string
from toolkit.painless.errors import PainlessError, PainlessRuntimeError, PainlessUnsupported

# StringUtils.DEFAULT_ESCAPE_FUNCTION: the Painless text ML Commons prepends. The single-quoted
# literals hold raw CR, LF, backspace and form-feed characters.
DEFAULT_ESCAPE_FUNCTION = (
    "\n    String escape(def input) { \n"
    '      if (input.contains("\\\\")) {\n        input = input.replace("\\\\", "\\\\\\\\");\n      }\n'
    '      if (input.contains("\\"")) {\n        input = input.replace("\\"", "\\\\\\"");\n      }\n'
    "      if (input.contains('\r')) {\n        input = input = input.replace('\r', '\\\\r');\n      }\n"
    '      if (input.contains("\\\\t")) {\n        input = input.replace("\\\\t", "\\\\\\\\\\\\t");\n      }\n'
    "      if (input.contains('\n')) {\n        input = input.replace('\n', '\\\\n');\n      }\n"
    "      if (input.contains('\b')) {\n        input = input.replace('\b', '\\\\b');\n      }\n"
    "      if (input.contains('\f')) {\n        input = input.replace('\f', '\\\\f');\n      }\n"
    "      return input;"
    "\n    }\n"
)
_HELPER_LINES = len(re.findall(r"\r\n|\r|\n", DEFAULT_ESCAPE_FUNCTION))

_JAVA_SPACE = "[ \\t\\n\\x0B\\f\\r]"  # Java's \s without UNICODE_CHARACTER_CLASS
_JAVA_DOT = "[^\\n\\r\\u0085\\u2028\\u2029]"  # Java's . without DOTALL
_CALL = re.compile(f"escape{_JAVA_SPACE}*\\(")
_DEFINITION = re.compile(f"String{_JAVA_SPACE}+escape{_JAVA_SPACE}*\\({_JAVA_SPACE}*(def|String){_JAVA_SPACE}+"
                         f"{_JAVA_DOT}*?\\){_JAVA_SPACE}*\\{{?")
_TRAILING_SPACE = re.compile(f"{_JAVA_SPACE}+$")


def _word_char(ch: str, jdk: int) -> bool:
    """A character ``\\b`` treats as part of a word: ASCII \\w on JDK 19+, letters and digits before."""
    if jdk >= 19:
        return ch == "_" or (ch.isascii() and ch.isalnum())
    return ch == "_" or unicodedata.category(ch) in ("Lu", "Ll", "Lt", "Lm", "Lo", "Nd")


def _boundary_before(text: str, index: int, jdk: int) -> bool:
    """``\\b`` at ``index`` when the character at ``index`` is a word character."""
    return index == 0 or not _word_char(text[index - 1], jdk)


def is_escape_used(script: str, jdk: int = 21) -> bool:
    """``StringUtils.isEscapeUsed``: ``(?<!\\bString\\s+)\\bescape\\s*\\(`` finds a match."""
    for match in _CALL.finditer(script):
        start = match.start()
        if not _boundary_before(script, start, jdk):
            continue
        before = script[:start]
        space = _TRAILING_SPACE.search(before)
        if space is not None:
            head = before[:space.start()]
            if head.endswith("String") and _boundary_before(head, len(head) - 6, jdk):
                continue
        return True
    return False


def contains_escape_method(script: str) -> bool:
    """``StringUtils.containsEscapeMethod``: the script defines ``String escape(def|String ...)``."""
    return _DEFINITION.search(script) is not None


def add_default_method(script: str, jdk: int = 21) -> str:
    """``StringUtils.addDefaultMethod``: the script with the escape helper prepended when needed."""
    if not contains_escape_method(script) and is_escape_used(script, jdk):
        return DEFAULT_ESCAPE_FUNCTION + script
    return script


@dataclass(frozen=True)
class PreparedScript:
    """The text ML Commons compiles, how many lines the injected helper added in front, whether the
    release's lexer lets a ``//`` comment end the script (OpenSearch 2.12+), and the script context's
    return type: ``String``, as ``ScriptUtils.executeScript`` compiles in ``TemplateScript.CONTEXT``
    (``Object`` for a script run outside ML Commons)."""

    source: str
    injected: bool
    comment_at_eof: bool = True
    returns: str = "Object"

    @property
    def line_offset(self) -> int:
        return _HELPER_LINES if self.injected else 0

    @classmethod
    def as_written(cls, source: str, profile=None) -> PreparedScript:
        """``source`` as it is, compiled by ``profile``'s release (default: the newest)."""
        from toolkit.versions import or_newest

        return cls(source, False, or_newest(profile).has("painless.line_comment_at_eof"))


def _prepare(script: str, jdk: int, profile) -> PreparedScript:
    from toolkit.versions import or_newest

    release = or_newest(profile)
    source = add_default_method(script, jdk) if release.has("painless.escape_helper") else script
    return PreparedScript(source, source is not script, release.has("painless.line_comment_at_eof"), "String")


def prepare_pre_process(script: str, jdk: int = 21, profile=None) -> PreparedScript:
    """A pre-process script as ML Commons compiles it on ``profile``'s release (default: the newest; 5.3):
    with the escape helper from 2.12."""
    return _prepare(script, jdk, profile)


def prepare_post_process(script: str, jdk: int = 21, profile=None) -> PreparedScript:
    """A post-process script as ML Commons compiles it on ``profile``'s release (default: the newest; 5.5):
    with the escape helper from 2.12."""
    return _prepare(script, jdk, profile)


# ---- params ----
def gson_numbers(value):
    """A JSON value as Gson's ``fromJson(..., Map.class)`` gives it: every number a Double."""
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return value
    if isinstance(value, (int, float)):
        return JDouble(value)
    if isinstance(value, dict):
        return {k: gson_numbers(v) for k, v in value.items()}
    return [gson_numbers(v) for v in value]


def pre_process_params(text_docs: list[str | None], *, parameters: dict | None = None,
                       query_text: str | None = None, algorithm: str = "TEXT_EMBEDDING",
                       html_safe: bool = False) -> dict:
    """``params`` of a pre-process script for text-docs (or, with ``query_text``, similarity) input.

    Docs and the query are Gson-escaped without their quotes (``StringUtils.processTextDoc``);
    numbers in ``parameters`` become Double. ``html_safe`` is Gson's default before ML Commons 3.3.
    """
    def escaped(doc):
        return None if doc is None else gson_escape_string(doc, html_safe=html_safe)

    params: dict = {"algorithm": algorithm}
    if query_text is not None:
        params["query_text"] = escaped(query_text)
    params["text_docs"] = [escaped(doc) for doc in text_docs]
    if parameters:
        params["parameters"] = gson_numbers(parameters)
    return params


def _jackson_number(text: str):
    value = int(text)
    if INT_MIN <= value <= INT_MAX:
        return JInt(value)
    if LONG_MIN <= value <= LONG_MAX:
        return JLong(value)
    raise PainlessUnsupported(f"the response number {text} (a BigInteger)")


_json_double = functools.partial(float.__new__, JDouble)  # a JSON number's text to a Double, all in C


def _no_duplicates(pairs):
    seen = {}
    for key, value in pairs:
        if key in seen:
            raise ValueError(f"Duplicate field '{key}'")
        seen[key] = value
    return seen


def _reject_constant(name: str):
    raise ValueError(f"Non-standard token '{name}'")


def post_process_params(response: str, profile=None) -> dict:
    """``params`` of a post-process script: ``StringUtils.fromJson(response, "result")`` (5.5) on
    ``profile``'s release (default: the newest).

    From 3.5 (Jackson) integers become Integer or Long, decimals Double, and duplicate keys are
    rejected; before, Gson makes every number a Double, the last of repeated keys wins, and text that
    is not strict JSON is not emulated. A top-level array is wrapped as ``result``; anything else
    fails as ML Commons fails.
    """
    from toolkit.mlcommons import gson

    if not gson.jackson(profile):
        try:
            value = gson.read(response)
        except ValueError as exc:
            raise PainlessUnsupported(f"a response that is not strict JSON, read by Gson's lenient parser before "
                                      f"3.5: {exc}") from None
    else:
        try:
            value = json.loads(response, object_pairs_hook=_no_duplicates, parse_int=_jackson_number,
                               parse_float=_json_double, parse_constant=_reject_constant)
        except ValueError as exc:
            raise PainlessRuntimeError("java.lang.IllegalArgumentException", f"Invalid JSON format: {exc}") from None
    if isinstance(value, dict):
        return value
    if isinstance(value, list):
        return {"result": value}
    raise PainlessRuntimeError("java.lang.IllegalArgumentException", "Unsupported response type")


# ---- reading results ----
def read_pre_process_output(value, profile=None) -> dict[str, str]:
    """The parameters ML Commons takes from a pre-process result, before the 4.3 escaping (5.3), on
    ``profile``'s release (default: the newest)."""
    from toolkit.mlcommons import gson

    if value is None:
        raise PainlessRuntimeError("java.lang.IllegalArgumentException", "Preprocess function output is null")
    if not isinstance(value, str):
        raise PainlessUnsupported("a pre-process script returning a non-String (TemplateScript cast unconfirmed)")
    try:
        # Gson copies raw control characters inside strings (ML Commons' escape() leaves TAB raw)
        parsed = gson_numbers(json.loads(value, parse_constant=_reject_constant, strict=False))
    except ValueError as exc:
        raise PainlessUnsupported(f"pre-process output that is not strict JSON (Gson may read it leniently): "
                                  f"{exc}") from None
    if not isinstance(parsed, dict):
        raise PainlessRuntimeError("com.google.gson.JsonSyntaxException", "the output is not a JSON object")
    parameters = parsed.get("parameters") or {}
    if not isinstance(parameters, dict):
        raise PainlessRuntimeError("java.lang.ClassCastException", "\"parameters\" is not a JSON object")
    return {key: v if isinstance(v, str) else gson.to_json(v, profile) for key, v in parameters.items()}


_TENSOR_FIELDS = ("name", "data_type", "shape", "data", "result", "dataAsMap", "byte_buffer")


def _xcontent(value, jdk: int):
    """A parsed JSON value as OpenSearch's ``parser.map()`` holds it: objects become HashMaps."""
    if isinstance(value, dict):
        result = JavaHashMap(jdk=jdk)
        for key, item in value.items():
            result.put(key, _xcontent(item, jdk))
        return result
    if isinstance(value, list):
        return [_xcontent(item, jdk) for item in value]
    return value


def _org_json(text: str):
    """The object or array ``StringUtils.isJson`` accepts, or None (org.json, then Gson)."""
    hooks = {"parse_int": _jackson_number, "parse_float": _json_double,
             "parse_constant": _reject_constant}
    try:
        value = json.loads(text, **hooks)
    except ValueError:
        try:
            value = json.loads(text, strict=False, **hooks)
        except ValueError:
            return None  # org.json also accepts some non-JSON (single quotes, bare keys): not modelled
        if "\n" in text or "\r" in text:
            raise PainlessUnsupported("post-process output with raw control characters and line breaks "
                                      "(org.json rejects a raw CR or LF only inside strings)") from None
    return value if isinstance(value, (dict, list)) else None


def read_post_process_output(value, jdk: int = 21) -> list[dict]:
    """The model tensors ML Commons reads from a post-process result (5.5).

    JSON output is read as ModelTensor JSON (one object or an array): only the known fields are
    kept, ``data`` only with a ``data_type`` and when non-empty, and ``dataAsMap`` in HashMap
    order. Other output becomes ``{"name": "response", "dataAsMap": {"response": text}}``.
    The ``data_type`` enum check and ``byte_buffer`` decoding are left to the caller.
    """
    if not isinstance(value, str):
        raise PainlessUnsupported("a post-process script returning a non-String (TemplateScript cast unconfirmed)")
    parsed = _org_json(value)
    if parsed is None:
        return [{"name": "response", "dataAsMap": {"response": value}}]
    tensors = []
    for item in parsed if isinstance(parsed, list) else [parsed]:
        if not isinstance(item, dict):
            raise PainlessUnsupported("ModelTensor JSON whose array holds something other than objects")
        tensor = {key: item[key] for key in _TENSOR_FIELDS if key in item}
        if "data" in tensor and ("data_type" not in tensor or not tensor["data"]):
            del tensor["data"]
        if "dataAsMap" in tensor:
            tensor["dataAsMap"] = _xcontent(tensor["dataAsMap"], jdk)
        tensors.append(tensor)
    return tensors


def run_pre_process(script: str, params: dict, *, profile=None, **options) -> dict[str, str]:
    """Run a pre-process script the way ML Commons does on ``profile``'s release (default: the newest)
    and return its parameters."""
    from toolkit.versions import or_newest

    jdk = or_newest(profile).jdk
    return read_pre_process_output(run_prepared(prepare_pre_process(script, jdk, profile), params, jdk=jdk, **options),
                                   profile)


def run_post_process(script: str, response: str, *, profile=None, **options):
    """Run a post-process script on a provider response body on ``profile``'s release (default: the
    newest); returns the script's value."""
    from toolkit.versions import or_newest

    jdk = or_newest(profile).jdk
    return run_prepared(prepare_post_process(script, jdk, profile), post_process_params(response, profile), jdk=jdk,
                        **options)


def run_prepared(prepared: PreparedScript, params: dict, **options):
    """Run a prepared script; positions in errors refer to the user's script, not the helper."""
    from toolkit.painless.interpreter import run_script

    with _user_positions(prepared):
        return run_script(prepared.source, params, comment_at_eof=prepared.comment_at_eof, returns=prepared.returns,
                          **options)


def check_prepared(prepared: PreparedScript, jdk: int = 21) -> None:
    """Compile a prepared script without running it; positions in errors refer to the user's script."""
    from toolkit.painless import check

    with _user_positions(prepared):
        check(prepared.source, jdk=jdk, comment_at_eof=prepared.comment_at_eof, returns=prepared.returns)


@contextlib.contextmanager
def _user_positions(prepared: PreparedScript):
    """Move the position of a ``PainlessError`` from the compiled text to the user's script."""
    try:
        yield
    except PainlessError as exc:
        offset = prepared.line_offset
        if offset and exc.line is not None:
            if exc.line > offset:
                exc.line -= offset
            else:
                exc.message += " (in the escape() helper ML Commons prepends)"
                exc.line = exc.column = None
            exc.args = (str(exc),)
        raise
