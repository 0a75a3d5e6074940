"""``input_processors`` and ``output_processors`` (3.3+): ML Commons' processor chain (``.../engine/processor``).

``chain(text, profile)`` is ``ProcessorChain.extractProcessorConfigs`` and ``createProcessingChain``: the
parameter is read with ``gson.fromJson(text, List<Map<String, Object>>)`` (lenient; numbers Double); text
that is not such a list (a single object, a repeated key in a processor, not JSON) gives no chain at
all, without a word. Types are matched case-insensitively: an unknown one fails with ``Invalid ML
processor type: X``, a missing one with ``Can't find class for type null`` (both
IllegalArgumentException). A processor whose configuration fails its own checks is *not* reported:
``MLEngineClassLoader.initInstance`` logs the exception and keeps ``null``, so the chain fails later
with a NullPointerException; the emulator says so as an emulator limit, with the check's message.

``run(processors, value, profile)`` applies them in turn. Emulated: ``to_string``, ``regex_replace``,
``regex_capture``, ``jsonpath_filter``, ``extract_json`` and ``conditional``, as their sources at
950f056 (unchanged in behaviour since 3.3). ``set_field``, ``process_and_set``, ``for_each`` and
``remove_jsonpath`` write through JsonPath (``DocumentContext.set/put/delete``), which the emulator
does not model: they are built (their checks run) but refuse to run. Text is written by
``StringUtils.toJson``: Gson before 3.5, Jackson from 3.5 (``tojson.jackson``).
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Mapping
from typing import Any

from toolkit.mlcommons.errors import IllegalArgumentError

__all__ = ["TYPES", "chain", "run", "to_json"]


def _limit(message: str):
    from toolkit.mlcommons.predict import EmulatorLimit

    return EmulatorLimit(message)


# ---- StringUtils.toJson and Java's view of the values ------------------------------------------

def to_json(value: Any, profile) -> str:
    """``StringUtils.toJson``: a String as it is, anything else Gson (before 3.5) or Jackson JSON."""
    if isinstance(value, str):
        return value
    if profile.has("tojson.jackson"):
        from toolkit.mlcommons.output import write_json

        return write_json(value, profile.jdk, plain_decimals=False)  # an ObjectMapper: BigDecimal.toString()
    from toolkit.mlcommons import gson

    return gson.to_json(value, profile)


def _java_string(value: Any, jdk: int) -> str:
    """``String.valueOf(value)`` for the scalars a condition compares; containers are not emulated."""
    from toolkit.javavalues.text import java_to_string

    if isinstance(value, (Mapping, list)):
        raise _limit("conditional: Java's toString() of an object or array value is not emulated")
    return java_to_string(value, jdk)


_JAVA_DOUBLE = re.compile(r"[+-]?(NaN|Infinity|((\d+\.?\d*|\.\d+)([eE][+-]?\d+)?|0[xX]([0-9a-fA-F]+\.?|"
                          r"[0-9a-fA-F]*\.[0-9a-fA-F]+)[pP][+-]?\d+)[fFdD]?)", re.ASCII)


def parse_double(text: str) -> float:
    """``Double.parseDouble``: ``ValueError`` (NumberFormatException) for what Java refuses."""
    body = text.strip("".join(chr(code) for code in range(0x21)))
    if not _JAVA_DOUBLE.fullmatch(body):
        raise ValueError(text)
    sign = -1.0 if body.startswith("-") else 1.0
    unsigned = body.lstrip("+-")
    if unsigned in ("NaN", "Infinity"):
        return math.nan if unsigned == "NaN" else sign * math.inf
    unsigned = unsigned.rstrip("fFdD") if not unsigned.lower().startswith("0x") or "p" in unsigned.lower() else unsigned
    if unsigned.lower().startswith("0x"):
        return sign * float.fromhex(unsigned.rstrip("fFdD"))
    return sign * float(unsigned)


# ---- Java regex: find, groups and replacement strings ------------------------------------------

def _compile(pattern: str, flags: str, jdk: int):
    import regex

    from toolkit.javaregex import PatternSyntaxError, compile as java_compile

    try:
        translated = java_compile(flags + pattern, jdk).translated
    except PatternSyntaxError as exc:
        if exc.description.startswith("Cannot be reproduced"):
            raise _limit(f"the regex {pattern!r}: {exc.description}") from None
        raise IllegalArgumentError(f"Invalid regex pattern: {pattern}") from None
    return regex.compile(translated, regex.V1)


def _matches(compiled, text: str):
    """Each match as Java's ``Matcher.find`` loop yields them (an empty match moves the next search on by one)."""
    position = 0
    while position <= len(text):
        try:
            found = compiled.search(text, position, timeout=1.0)
        except TimeoutError:
            raise _limit(f"the regex {compiled.pattern!r} ran longer than 1 s") from None
        if found is None:
            return
        yield found
        position = found.end() + (1 if found.end() == found.start() else 0)


class _BadReplacement(Exception):
    """Java's appendReplacement throws (IllegalArgumentException or IndexOutOfBoundsException)."""


def _replacement(match, replacement: str) -> str:
    """``Matcher.appendReplacement``'s reading of ``$n``, ``${name}`` and ``\\x`` for one match."""
    out, cursor, count = [], 0, len(match.groups())
    while cursor < len(replacement):
        char = replacement[cursor]
        cursor += 1
        if char == "\\":
            if cursor == len(replacement):
                raise _BadReplacement
            out.append(replacement[cursor])
            cursor += 1
        elif char == "$":
            if cursor == len(replacement):
                raise _BadReplacement
            if replacement[cursor] == "{":
                end = cursor + 1
                while end < len(replacement) and replacement[end].isascii() and replacement[end].isalnum():
                    end += 1
                name = replacement[cursor + 1:end]
                if not name or end == len(replacement) or replacement[end] != "}" or name[0].isdigit() \
                        or name not in match.re.groupindex:
                    raise _BadReplacement
                number, cursor = match.re.groupindex[name], end + 1
            else:
                if not "0" <= replacement[cursor] <= "9":
                    raise _BadReplacement
                number, cursor = int(replacement[cursor]), cursor + 1
                while cursor < len(replacement) and "0" <= replacement[cursor] <= "9" and \
                        number * 10 + int(replacement[cursor]) <= count:
                    number, cursor = number * 10 + int(replacement[cursor]), cursor + 1
                if number > count:
                    raise _BadReplacement
            out.append(match.group(number) or "")
        else:
            out.append(char)
    return "".join(out)


# ---- the processors ------------------------------------------------------------------------------

class _ConstructionFailure(Exception):
    """A Java exception in a processor's constructor (``initInstance`` logs it and keeps ``null``)."""


_JAVA_TRIM = "".join(chr(code) for code in range(0x21))


class _Processor:
    name = ""

    def __init__(self, config: dict, profile):
        self.config, self.profile = config, profile
        self.check()

    def check(self) -> None:
        """``validateConfig`` (and the constructor's own reading)."""

    def text(self, key: str, required: str | None = None, default: Any = None) -> Any:
        """``(String) config.get(key)``: a non-String is a ClassCastException, here an emulator limit."""
        value = self.config.get(key, default)
        if value is not None and not isinstance(value, str):
            raise _ConstructionFailure(f"ClassCastException: {key!r} is no String")
        if required is not None and (value is None or not value.strip(_JAVA_TRIM)):
            raise IllegalArgumentError(required)
        return value

    def process(self, value: Any) -> Any:
        raise NotImplementedError


class _ToString(_Processor):
    name = "to_string"

    def process(self, value):
        from toolkit.javavalues.text import escape_json_commons_text

        text = to_json(value, self.profile)
        return escape_json_commons_text(text) if self.config.get("escape_json", False) is True else text


class _RegexReplace(_Processor):
    name = "regex_replace"

    def check(self):
        if "pattern" not in self.config:
            raise IllegalArgumentError("'pattern' is required for regex_replace processor")
        pattern = self.text("pattern", "'pattern' cannot be empty for regex_replace processor")
        self.compiled = _compile(pattern, "(?s)", self.profile.jdk)
        self.replacement = self.text("replacement", default="")
        self.all = self.config.get("replace_all", True) is True

    def process(self, value):
        text = to_json(value, self.profile)
        out, last = [], 0
        for match in _matches(self.compiled, text):
            if self.replacement is None:  # replaceAll(null): a NullPointerException, caught
                return value
            try:
                out += [text[last:match.start()], _replacement(match, self.replacement)]
            except _BadReplacement:
                return value
            last = match.end()
            if not self.all:
                break
        return "".join(out) + text[last:]


class _RegexCapture(_Processor):
    name = "regex_capture"

    def check(self):
        if "pattern" not in self.config:
            raise IllegalArgumentError("'pattern' is required for regex_capture processor")
        pattern = self.text("pattern", "'pattern' cannot be empty for regex_capture processor")
        self.compiled = _compile(pattern, "(?s)", self.profile.jdk)
        self.groups = self._groups(self.config.get("groups", "1"))

    def _groups(self, groups: Any) -> list[int]:
        """``parseGroups``: a list of numbers or numeric text, or text ``n`` or ``[a,b]``."""
        from toolkit.javavalues.text import java_to_string

        def parse_int(text: str) -> int:  # Integer.parseInt
            if not re.fullmatch(r"[+-]?\d+", text) or not -2**31 <= int(text) < 2**31:
                raise ValueError(text)
            return int(text)

        if groups is None:
            raise _ConstructionFailure("NullPointerException: 'groups' is null")
        indices = []
        if isinstance(groups, list):
            for item in groups:
                try:
                    indices.append(parse_int(java_to_string(item, self.profile.jdk).strip(_JAVA_TRIM)))
                except ValueError:
                    raise IllegalArgumentError(f"Invalid group index in list: {item}") from None
        else:
            shown = java_to_string(groups, self.profile.jdk)
            text = shown.strip(_JAVA_TRIM)
            try:
                if text.startswith("[") and text.endswith("]"):
                    content = text[1:-1].strip(_JAVA_TRIM)
                    if content:
                        parts = content.split(",")
                        while parts and not parts[-1]:  # String.split drops trailing empty strings
                            parts.pop()
                        indices += [parse_int(part.strip(_JAVA_TRIM)) for part in parts]
                else:
                    indices.append(parse_int(text))
            except ValueError:
                raise IllegalArgumentError(f"Invalid 'groups' format: {shown}. Expected a number or array like "
                                           "'[1,2,3]'") from None
        if not indices:
            raise IllegalArgumentError("'groups' must contain at least one group index")
        return indices

    def process(self, value):
        text = to_json(value, self.profile)
        match = next(_matches(self.compiled, text), None)
        if match is None:
            return value
        count = len(match.groups())
        captures = [match.group(index) for index in self.groups if 0 <= index <= count]
        if not captures:
            return value
        return captures[0] if len(captures) == 1 else captures


def _read_path(text: str, path: str) -> Any:
    """``JsonPath.read(text, path)`` over json-smart; ``PathNotFoundError`` and other errors as raised."""
    from toolkit.mlcommons.jsonpath import UnsupportedPathError, parse_response_json, read

    try:
        document = parse_response_json(text)
    except ValueError:
        if text.lstrip()[:1] in ("{", "[") or path.strip() == "$":
            raise _limit("JsonPath over text that is not strict JSON: json-smart's permissive mode is not emulated")
        raise _NotJson from None
    try:
        return read(document, path)
    except UnsupportedPathError as exc:
        raise _limit(f"JsonPath {path!r}: {exc}") from None


class _NotJson(Exception):
    """json-smart cannot read the text as the path needs (an object or array)."""


class _JsonPathFilter(_Processor):
    name = "jsonpath_filter"

    def check(self):
        if "path" not in self.config:
            raise IllegalArgumentError("'path' is required for jsonpath_filter processor")
        self.path = self.text("path", "'path' cannot be empty for jsonpath_filter processor")
        self.default = self.config.get("default")

    def process(self, value):
        from toolkit.mlcommons.jsonpath import JsonPathError

        try:
            return _read_path(to_json(value, self.profile), self.path)
        except (JsonPathError, _NotJson, ValueError, IndexError):
            return self.default if self.default is not None else value


class _ExtractJson(_Processor):
    name = "extract_json"

    def check(self):
        self.kind = self.text("extract_type", default="auto")
        if "extract_type" in self.config and (self.kind or "").lower() not in ("auto", "object", "array"):
            shown = "null" if self.kind is None else self.kind
            raise IllegalArgumentError(f"'extract_type' must be 'auto', 'object', or 'array', got: {shown}")
        self.default = self.config.get("default")

    def _fallback(self, value):
        return self.default if self.default is not None else value

    def process(self, value):
        if not isinstance(value, str):
            return value
        if not value.strip():
            return self._fallback(value)
        kind = (self.kind or "").lower()
        starts = [value.find(mark) for mark in {"object": "{", "array": "["}.get(kind, "{[")]
        found = [start for start in starts if start >= 0]
        if not found:
            return self._fallback(value)
        try:
            node = _jackson_first_value(value[min(found):])
        except ValueError:
            return self._fallback(value)
        if kind == "object":
            return node if isinstance(node, dict) else self._fallback(value)
        if kind == "array":
            return node if isinstance(node, list) else self._fallback(value)
        return node if isinstance(node, (dict, list)) else self._fallback(value)


def _jackson_first_value(text: str) -> Any:
    """Jackson ``readTree`` of the value the text starts with (what follows is ignored), as Java values."""
    from toolkit.javavalues.numbers import JDouble
    from toolkit.mlcommons.output import _jackson_int

    def no_constant(name):
        raise ValueError(name)

    decoder = json.JSONDecoder(parse_int=_jackson_int, parse_float=lambda s: JDouble(float(s)),
                               parse_constant=no_constant)
    try:
        value, _ = decoder.raw_decode(text)
    except RecursionError:
        raise _limit("extract_json: JSON nested too deep for the emulator") from None
    return value


class _Conditional(_Processor):
    name = "conditional"

    def check(self):
        routes = self.config.get("routes")
        if "routes" not in self.config:
            raise IllegalArgumentError("'routes' is required for conditional processor")
        self.path = self.text("path")
        if routes is None:
            raise IllegalArgumentError("'routes' is required for conditional processor")
        if not isinstance(routes, list):
            raise _ConstructionFailure("ClassCastException: 'routes' is no List")
        self.routes = [(condition, _nested(processors, self.profile)) for route in routes if isinstance(route, dict)
                       for condition, processors in route.items()]
        if not self.routes:
            raise IllegalArgumentError("'routes' must contain at least one route for conditional processor")
        self.default = _nested(self.config["default"], self.profile) if "default" in self.config else []

    def process(self, value):
        from toolkit.mlcommons.jsonpath import PathNotFoundError

        checked = value
        if self.path:
            try:
                checked = _read_path(to_json(value, self.profile), self.path)
            except PathNotFoundError:
                checked = None
            except _NotJson:
                raise _limit("conditional: a path over text that is not JSON (json-smart's permissive reading) "
                             "is not emulated") from None
            except Exception:  # noqa: BLE001 - ML Commons logs any other failure and checks the input itself
                checked = value
        for condition, processors in self.routes:
            if self._holds(condition, checked):
                return run(processors, value, self.profile)
        return run(self.default, value, self.profile)

    def _holds(self, condition: str, value: Any) -> bool:
        if value is None or (isinstance(value, list) and not value and self.path):
            return condition in ("null", "not_exists")
        if condition == "exists":
            return True
        text = _java_string(value, self.profile.jdk)
        if condition == text:
            return True
        number = None
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            number = float(value)
        else:
            try:
                number = parse_double(text)
            except ValueError:
                number = None
        if number is not None:
            for prefix in (">=", "<=", ">", "<", "=="):
                if condition.startswith(prefix):
                    try:
                        bound = parse_double(condition[len(prefix):])
                    except ValueError:
                        return False
                    return {">=": number >= bound, "<=": number <= bound, ">": number > bound, "<": number < bound,
                            "==": abs(number - bound) < 1e-10}[prefix]
        if condition.startswith("regex:"):
            try:
                return _compile(condition[6:], "", self.profile.jdk).fullmatch(text, timeout=1.0) is not None
            except (IllegalArgumentError, TimeoutError):
                return False
        if condition.startswith("contains:"):
            return condition[9:] in text
        return False


class _JsonPathWriter(_Processor):
    """A processor that writes through JsonPath: built and checked, but not run by the emulator."""

    def process(self, value):
        raise _limit(f"output processor {self.name}: JsonPath writes (DocumentContext set/put/delete) are not emulated")


class _SetField(_JsonPathWriter):
    name = "set_field"

    def check(self):
        if "path" not in self.config:
            raise IllegalArgumentError("'path' is required for set_field processor")
        self.text("path", "'path' cannot be empty for set_field processor")
        has_value, has_source = "value" in self.config, "source_path" in self.config
        if not has_value and not has_source:
            raise IllegalArgumentError("Either 'value' or 'source_path' is required for set_field processor")
        if has_value and has_source:
            raise IllegalArgumentError("Cannot specify both 'value' and 'source_path' for set_field processor")
        if has_source:
            self.text("source_path", "'source_path' cannot be empty for set_field processor")
        if "default" in self.config and not has_source:
            raise IllegalArgumentError("'default' can only be used with 'source_path' for set_field processor")


class _WithNested(_JsonPathWriter):
    def check(self):
        if "path" not in self.config:
            raise IllegalArgumentError(f"'path' is required for {self.name} processor")
        self.text("path", f"'path' cannot be empty for {self.name} processor")
        if "processors" not in self.config:
            raise IllegalArgumentError(f"'processors' is required for {self.name} processor")
        if not _nested(self.config["processors"], self.profile):
            raise IllegalArgumentError(f"'processors' list cannot be empty for {self.name} processor")


class _ProcessAndSet(_WithNested):
    name = "process_and_set"


class _ForEach(_WithNested):
    name = "for_each"


class _RemoveJsonPath(_JsonPathWriter):
    name = "remove_jsonpath"

    def check(self):
        if "paths" not in self.config:
            raise IllegalArgumentError("'paths' is required for remove_jsonpath processor")
        paths = self.config["paths"]
        if paths is None:
            raise IllegalArgumentError("'paths' cannot be null for remove_jsonpath processor")
        if not isinstance(paths, list):
            raise IllegalArgumentError("'paths' must be a list for remove_jsonpath processor")
        if not paths:
            raise IllegalArgumentError("'paths' cannot be empty for remove_jsonpath processor")
        if any(not isinstance(path, str) or not path.strip() or path.isspace() for path in paths):
            raise IllegalArgumentError("Each path in 'paths' must be a non-empty string")


TYPES: dict[str, type[_Processor]] = {cls.name: cls for cls in (
    _Conditional, _ExtractJson, _ForEach, _JsonPathFilter, _ProcessAndSet, _RegexCapture, _RegexReplace,
    _RemoveJsonPath, _SetField, _ToString)}
"""``MLProcessorType``, by the lower-case name a configuration's ``type`` matches case-insensitively."""


class _Broken:
    """The ``null`` ``initInstance`` keeps for a processor whose checks failed."""

    def __init__(self, name: str, reason: str):
        self.name, self.reason = name, reason


def _build(config: Any, profile, nested: bool = False) -> _Processor | _Broken:
    """One processor: ``MLProcessorType.fromString((String) config.get("type"))``, then ``initInstance``, which
    keeps ``null`` for a constructor that throws. Inside another processor's constructor (``nested``) every
    exception here is that constructor's, so the outer processor is the one kept as ``null``."""
    if not isinstance(config, dict) or (config.get("type") is not None and not isinstance(config["type"], str)):
        if nested:
            raise _ConstructionFailure("ClassCastException: a processor configuration or its type")
        raise _limit("a processor configuration that is no object, or whose type is no text, fails with a "
                     "ClassCastException, not emulated")
    kind = config.get("type")
    if kind is None:
        raise IllegalArgumentError("Can't find class for type null")
    cls = TYPES.get(kind.lower()) if kind.isascii() else None
    if cls is None:
        raise IllegalArgumentError(f"Invalid ML processor type: {kind}")
    try:
        return cls(config, profile)
    except IllegalArgumentError as exc:
        return _Broken(cls.name, exc.message)
    except _ConstructionFailure as exc:
        return _Broken(cls.name, str(exc))


def _nested(config: Any, profile) -> list:
    """``ProcessorChain.parseProcessorConfigs``: one processor (an object), a chain (a list), else none."""
    if isinstance(config, dict):
        return [_build(config, profile, nested=True)]
    if isinstance(config, list):
        return [_build(item, profile, nested=True) for item in config]
    return []


def chain(text: str | None, profile) -> list:
    """``extractProcessorConfigs`` then ``createProcessingChain`` for a parameter's text (``[]``: no chain)."""
    from toolkit.javavalues.numbers import JDouble
    from toolkit.mlcommons import gsontree

    if text is None:
        return []
    try:
        configs = gsontree.parse(text, nesting_limit=profile.value("gson.nesting_limit"), unique_depth=2)
    except gsontree.GsonSyntaxError:
        return []
    if not isinstance(configs, list) or any(item is not None and not isinstance(item, dict) for item in configs):
        return []  # Gson: "Expected BEGIN_ARRAY" / "BEGIN_OBJECT"

    def java(value):  # ObjectTypeAdapter: numbers are Double
        if isinstance(value, gsontree.JsonNumber):
            return JDouble(float(value))
        if isinstance(value, dict):
            return {key: java(item) for key, item in value.items()}
        if isinstance(value, list):
            return [java(item) for item in value]
        return value

    if any(item is None for item in configs):
        raise _limit("a null processor configuration fails with a NullPointerException, not emulated")
    return [_build(java(item), profile) for item in configs]


def run(processors: list, value: Any, profile) -> Any:
    """``ProcessorChain.process``: each processor on the previous one's output."""
    for processor in processors:
        if isinstance(processor, _Broken):
            raise _limit(f"output processor {processor.name} fails its checks ({processor.reason}): ML Commons logs "
                         "that, keeps null and the chain then fails with a NullPointerException, not emulated")
        value = processor.process(value)
    return value
