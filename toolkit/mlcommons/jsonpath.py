"""``response_filter``: Jayway JsonPath over json-smart, as ML Commons reads a response (spec 5.4, 5.6).

``parse_response_json(text)`` reads a response the way Jayway's ``JsonSmartJsonProvider`` does:
integers are ``JInt`` or ``JLong`` (a Python ``int`` beyond 64 bits, BigInteger), decimals
``JDouble``, or ``Decimal`` (BigDecimal) when the literal is longer than 18 characters, objects
``dict`` in the provider's order: the provider reads with json-smart's ordered mapper, so objects
are ``java.util.LinkedHashMap`` (a repeated key keeps its first place and its last value) and
arrays ``net.minidev.json.JSONArray``; checked against json-path 2.0.0 (Debian) and 2.10.0 with
json-smart 2.6.0 (ML Commons pins 2.9.0 and 2.5.2), which agree on this. Only strict JSON is read;
json-smart's permissive extras are not.

``compile_path(text)`` accepts the subset of Jayway syntax blueprints use:

* ``$`` then any of ``.name``, ``['name']`` / ``["name"]``, ``[n]`` (negative counts from the end),
  ``[*]`` and ``.*``; a path without a leading ``$`` gets ``$.`` prepended, as Jayway does.
* Syntax Jayway rejects raises ``InvalidPathError``; valid Jayway syntax outside the subset
  (``..``, filters ``[?(…)]``, slices, unions, functions) raises ``UnsupportedPathError``.

``read(document, path)`` follows Jayway's default options: a *definite* path (no wildcard) returns
one value and raises ``PathNotFoundError`` when it does not lead anywhere (a missing key, an index
out of range, a key on a non-object); an *indefinite* path returns a list and skips what is missing.
The messages of ``PathNotFoundError`` resemble Jayway's but are not byte-exact; ML Commons shows them
only on 2.11-2.13 (later it reports ``Fail to execute PREDICT in aws connector``).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from toolkit.javavalues.numbers import JDouble, JInt, JLong
from toolkit.mlcommons.errors import IllegalArgumentError

__all__ = ["JsonPathError", "InvalidPathError", "UnsupportedPathError", "PathNotFoundError", "JsonPath",
           "compile_path", "read", "parse_response_json", "java_class"]


class JsonPathError(Exception):
    """Base class of the errors of this module."""


class InvalidPathError(JsonPathError):
    """Jayway's ``InvalidPathException``: the text is not a JsonPath."""


class UnsupportedPathError(JsonPathError):
    """A valid Jayway path that uses syntax this evaluator does not implement."""


class PathNotFoundError(JsonPathError):
    """Jayway's ``PathNotFoundException``."""


def _parse_int(literal: str) -> int:
    value = int(literal)
    if -2**31 <= value < 2**31:
        return JInt(value)
    if -2**63 <= value < 2**63:
        return JLong(value)
    return value


def _parse_float(literal: str) -> float | Decimal:
    return Decimal(literal) if len(literal) > 18 else JDouble(float(literal))


def parse_response_json(text: str) -> Any:
    """The response as Jayway's json-smart provider reads it (number types, ``LinkedHashMap`` objects:
    module docstring)."""
    return json.loads(text, parse_int=_parse_int, parse_float=_parse_float)


_WILDCARD = object()


@dataclass(frozen=True)
class JsonPath:
    """A compiled path: ``steps`` are property names (str), indexes (int) or the wildcard."""

    text: str
    steps: tuple

    @property
    def definite(self) -> bool:
        return all(step is not _WILDCARD for step in self.steps)


_NAME = re.compile(r"[^.\[\]\s()]+")
_INDEX = re.compile(r"\[\s*(-?\d+)\s*\]")
_QUOTED = re.compile(r"""\[\s*(?:'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)")\s*\]""")
_STAR = re.compile(r"\[\s*\*\s*\]")
_UNSUPPORTED_BRACKET = re.compile(r"\[\s*(\?|\(|-?\d*\s*:|-?\d+\s*,|'[^']*'\s*,|\"[^\"]*\"\s*,)")


def compile_path(text: str) -> JsonPath:
    """Compile a ``response_filter`` (see the module docstring for the syntax)."""
    if not isinstance(text, str) or not text.strip():
        raise InvalidPathError("Path may not be null empty")
    path = text.strip()
    if not path.startswith("$"):
        path = "$." + path
    if path.endswith("."):
        raise InvalidPathError("Path must not end with a '.' or '..'")
    steps: list = []
    pos = 1
    while pos < len(path):
        rest = path[pos:]
        if rest.startswith(".."):
            raise UnsupportedPathError(f"deep scan '..' is not supported: {text}")
        if rest.startswith(".*"):
            steps.append(_WILDCARD)
            pos += 2
            continue
        if rest.startswith("."):
            match = _NAME.match(path, pos + 1)
            if not match:
                raise InvalidPathError(f"Could not parse token starting at position {pos}. Expected ?, ', 0-9, *")
            name = match.group()
            if path.startswith("(", match.end()):
                raise UnsupportedPathError(f"functions such as {name}() are not supported: {text}")
            steps.append(name)
            pos = match.end()
            continue
        for pattern, step in ((_STAR, lambda m: _WILDCARD), (_INDEX, lambda m: int(m.group(1))),
                              (_QUOTED, lambda m: _unquote(m.group(1) if m.group(1) is not None else m.group(2)))):
            match = pattern.match(path, pos)
            if match:
                steps.append(step(match))
                pos = match.end()
                break
        else:
            if _UNSUPPORTED_BRACKET.match(path, pos):
                raise UnsupportedPathError(f"filters, slices and unions are not supported: {text}")
            raise InvalidPathError(f"Could not parse token starting at position {pos} of {text!r}")
    return JsonPath(text, tuple(steps))


def _unquote(name: str) -> str:
    return re.sub(r"\\(.)", r"\1", name)


def _step_text(step) -> str:
    return "[*]" if step is _WILDCARD else f"[{step}]" if isinstance(step, int) else f"['{step}']"


def read(document: Any, path: str | JsonPath) -> Any:
    """``JsonPath.read(document, path)`` with Jayway's default options (module docstring).

    As in Jayway, a missing key is skipped when it is the last step or when a wildcard came before
    it, and raises ``PathNotFoundError`` otherwise; a definite path with no result raises too. A
    ``null`` document is Jayway's ``IllegalArgumentException`` (``json can not be null``, json-path
    2.10; 2.0.0 says ``root can not be null``).
    """
    compiled = path if isinstance(path, JsonPath) else compile_path(path)
    if document is None:  # the response text was JSON null
        raise IllegalArgumentError("json can not be null")
    nodes = [document]
    done = "$"
    for at, step in enumerate(compiled.steps):
        upstream_definite = _WILDCARD not in compiled.steps[:at]
        leaf = at == len(compiled.steps) - 1
        nodes = [found for node in nodes for found in _apply(node, step, upstream_definite, leaf, done)]
        done += _step_text(step)
    if compiled.definite:
        if not nodes:
            raise PathNotFoundError(f"No results for path: {done}")
        return nodes[0]
    return nodes


def _apply(node: Any, step, upstream_definite: bool, leaf: bool, done: str) -> list:
    if step is _WILDCARD:
        if isinstance(node, list):
            return list(node)
        if isinstance(node, dict):
            return list(node.values())
        return []
    if isinstance(step, int):
        if not isinstance(node, list):
            if upstream_definite:
                raise PathNotFoundError(f"The path {done} is null" if node is None else
                                        f"Filter: {_step_text(step)} can only be applied to arrays. "
                                        f"Current context is: {done}")
            return []
        index = step + len(node) if step < 0 else step
        return [node[index]] if 0 <= index < len(node) else []
    if not isinstance(node, dict):
        if upstream_definite:
            raise PathNotFoundError(f"Expected to find an object with property {_step_text(step)} in path {done} "
                                    f"but found '{java_class(node)}'. This is not a json object according to "
                                    "the JsonProvider: 'com.jayway.jsonpath.spi.json.JsonSmartJsonProvider'.")
        return []
    if step in node:
        return [node[step]]
    if not leaf and upstream_definite:
        raise PathNotFoundError(f"Missing property in path {done}{_step_text(step)}")
    return []


def java_class(value: Any) -> str:
    """The Java class of a value ``parse_response_json`` read (``null`` for null)."""
    if value is None:
        return "null"
    if isinstance(value, str):
        return "java.lang.String"
    if isinstance(value, bool):
        return "java.lang.Boolean"
    if isinstance(value, list):
        return "net.minidev.json.JSONArray"
    if isinstance(value, dict):
        return "java.util.LinkedHashMap"
    if isinstance(value, Decimal):
        return "java.math.BigDecimal"
    if isinstance(value, float):
        return "java.lang.Double"
    if isinstance(value, (JInt, JLong)):
        return "java.lang.Integer" if isinstance(value, JInt) else "java.lang.Long"
    return "java.math.BigInteger"
