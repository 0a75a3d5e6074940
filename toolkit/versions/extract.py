"""Value extractors: read a fact's value out of ML Commons' Java source at one release.

``EXTRACTORS`` maps a fact key to a function of the file's text (the fact's ``evidence.file``) that
returns the value the fact table should hold, comparable with ``Profile.value``.
"""

from __future__ import annotations

import re
from collections.abc import Callable

_TOKEN = re.compile(r'\s+|"((?:[^"\\]|\\.)*)"|([A-Za-z_][\w.]*)|([(),+])|(.)', re.S)
_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "b": "\b", "f": "\f"}


def java_string(body: str) -> str:
    """The value of a Java string literal's body (``\\\\`` is one backslash)."""
    return re.sub(r"\\(.)", lambda match: _ESCAPES.get(match[1], match[1]), body)


def string_constants(java: str) -> dict[str, str]:
    """Every ``static final String NAME = "...";`` of the file."""
    pattern = r'static\s+final\s+String\s+(\w+)\s*=\s*"((?:[^"\\]|\\.)*)"\s*;'
    return {name: java_string(body) for name, body in re.findall(pattern, java)}


def call_arguments(java: str, start: int) -> list[str]:
    """The string arguments of the call whose ``(`` is the first at or after ``start``: literals, and
    identifiers resolved to the file's string constants (ValueError for anything else)."""
    constants = string_constants(java)
    values: list[str] = []
    depth = 0
    for match in _TOKEN.finditer(java, java.index("(", start)):
        literal, name, punct, other = match.groups()
        if punct == "(":
            depth += 1
        elif punct == ")":
            depth -= 1
            if depth == 0:
                return values
        elif literal is not None:
            values.append(java_string(literal))
        elif name is not None:
            if name.rsplit(".", 1)[-1] not in constants:
                raise ValueError(f"{name} is no string constant of the file")
            values.append(constants[name.rsplit(".", 1)[-1]])
        elif punct == "+" or other is not None:
            raise ValueError(f"unexpected {match[0]!r} in the argument list")
    raise ValueError("the argument list does not end")


def trusted_endpoints(java: str) -> tuple[str, ...]:
    """The default of ``ML_COMMONS_TRUSTED_CONNECTOR_ENDPOINTS_REGEX`` in MLCommonsSettings.java."""
    setting = java.find("ML_COMMONS_TRUSTED_CONNECTOR_ENDPOINTS_REGEX = ")
    if setting < 0:
        raise ValueError("no ML_COMMONS_TRUSTED_CONNECTOR_ENDPOINTS_REGEX setting")
    of = java.find(".of(", setting)
    if of < 0:
        raise ValueError("no .of( list after ML_COMMONS_TRUSTED_CONNECTOR_ENDPOINTS_REGEX")
    return tuple(call_arguments(java, of))


EXTRACTORS: dict[str, Callable[[str], object]] = {"trusted_endpoints.default": trusted_endpoints}
