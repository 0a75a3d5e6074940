"""Matching a received request against a recorded one, and describing how they differ.

Comparison (strict about what is sent, as Pact recommends):

* method, host (the ``Host`` header against the recorded URL's host), path and query (parameters
  in any order) must be equal;
* every recorded header must be present with the same value (names are case-insensitive; headers
  that were not recorded are ignored);
* a JSON body is compared canonically: key order is ignored and numbers are compared by value
  (``1``, ``1.0`` and ``1.00`` are equal; ``true`` is not ``1``); a ``text`` body must be equal
  byte for byte unless both sides are JSON, then it is compared canonically too.

A recorded request may relax a field with a **matcher**, keyed by where the field is:
``headers.<Name>``, ``query.<name>``, ``body`` or ``body.<path>`` (``body.messages[0].content``).

=================  ==========================================================================
``any``            the field must be present; any value
``type``           the field must have the recorded value's JSON type (string, number, …)
``regex:<re>``     the field is a string that the regular expression matches as a whole
``sigv4``          an AWS SigV4 ``Authorization`` header for the recorded region and service:
                   ``AWS4-HMAC-SHA256 Credential=<key>/<yyyymmdd>/<region>/<service>/aws4_request,
                   SignedHeaders=<…;host;…;x-amz-date…>, Signature=<64 hex>``
``payload-sha256`` the hex SHA-256 of the received body, or ``UNSIGNED-PAYLOAD``
=================  ==========================================================================
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING
from urllib.parse import parse_qsl, urlsplit

from toolkit.contract.http import HttpRequest, header

if TYPE_CHECKING:
    from toolkit.contract.cassette import RecordedRequest

__all__ = ["MATCHERS", "Difference", "compare", "matcher_error", "parse_json"]

MATCHERS = ("any", "type", "sigv4", "payload-sha256")  # and regex:<pattern>
_WHERE = re.compile(r"^(headers\.[!-~]+|query\..+|body(\.[^.\[\]]+|\[[0-9]+\])*)$")
_SIGV4 = re.compile(r"AWS4-HMAC-SHA256 Credential=(?P<key>[^/\s]+)/(?P<date>[0-9]{8})/(?P<region>[^/\s]+)/"
                    r"(?P<service>[^/\s]+)/aws4_request, ?SignedHeaders=(?P<signed>[a-z0-9;_.-]+), ?"
                    r"Signature=(?P<signature>[0-9a-f]{64})")
_SCOPE = re.compile(r"Credential=[^/\s]*/[0-9]{8}/(?P<region>[^/\s]+)/(?P<service>[^/\s]+)/aws4_request")
_MISSING = object()


@dataclass(frozen=True)
class Difference:
    """One field that differs: where, what was recorded and what was received."""

    where: str
    recorded: object
    received: object

    def __str__(self) -> str:
        def show(value: object) -> str:
            return "(absent)" if value is _MISSING else json.dumps(_plain(value), ensure_ascii=False)[:200]
        return f"{self.where}: recorded {show(self.recorded)}, received {show(self.received)}"


def matcher_error(where: str, spec: object) -> str | None:
    """Why ``where: spec`` is not a valid matcher, or None."""
    if not isinstance(where, str) or not _WHERE.match(where):
        return f"matcher key {where!r}: expected headers.<Name>, query.<name>, body or body.<path>"
    if not isinstance(spec, str) or not (spec in MATCHERS or spec.startswith("regex:")):
        return f"matcher {where!r}: {spec!r} is not one of {', '.join(MATCHERS)}, regex:<pattern>"
    if spec.startswith("regex:"):
        try:
            re.compile(spec[6:])
        except re.error as exc:
            return f"matcher {where!r}: invalid regular expression: {exc}"
    if spec == "sigv4" and where.lower() != "headers.authorization":
        return f"matcher {where!r}: sigv4 applies to headers.Authorization only"
    return None


def parse_json(data: bytes | str) -> object:
    """Parse JSON with every number as a ``Decimal`` (exact); raises ``ValueError``."""
    return json.loads(data, parse_float=Decimal, parse_int=Decimal)


def compare(recorded: RecordedRequest, received: HttpRequest) -> list[Difference]:
    """Every difference between a recorded request (with its matchers) and a received one."""
    diffs: list[Difference] = []
    matchers = {_key(k): v for k, v in recorded.matchers.items()}
    if recorded.method.upper() != received.method.upper():
        diffs.append(Difference("method", recorded.method.upper(), received.method.upper()))
    want, got = urlsplit(recorded.url), urlsplit(received.url)
    host = received.header("host") or got.netloc
    if want.netloc.lower() != host.lower():
        diffs.append(Difference("host", want.netloc, host))
    if (want.path or "/") != (got.path or "/"):
        diffs.append(Difference("path", want.path or "/", got.path or "/"))
    diffs += _compare_query(want.query, got.query, matchers, received.body)
    for name, value in recorded.headers.items():
        _check(f"headers.{name.lower()}", value, _get(received.headers, name), matchers, received.body, diffs)
    diffs += _compare_body(recorded, received.body, matchers)
    return diffs


def _key(where: str) -> str:
    return where.lower() if where.lower().startswith("headers.") else where


def _get(headers: Mapping[str, str], name: str) -> object:
    value = header(headers, name)
    return _MISSING if value is None else value


def _compare_query(want: str, got: str, matchers: dict, body: bytes) -> list[Difference]:
    recorded, received = _query(want), _query(got)
    diffs: list[Difference] = []
    for name in sorted(set(recorded) | set(received)):
        _check(f"query.{name}", recorded.get(name, _MISSING), received.get(name, _MISSING), matchers, body, diffs)
    return diffs


def _query(query: str) -> dict[str, object]:
    values: dict[str, list[str]] = {}
    for name, value in parse_qsl(query, keep_blank_values=True):
        values.setdefault(name, []).append(value)
    return {name: v[0] if len(v) == 1 else v for name, v in values.items()}


def _compare_body(recorded: RecordedRequest, body: bytes, matchers: dict) -> list[Difference]:
    diffs: list[Difference] = []
    expected = recorded.body
    if "body" in matchers:
        _check("body", expected.value if expected.kind != "empty" else "", body.decode("utf-8", "replace"),
               matchers, body, diffs)
        return diffs
    if expected.kind == "empty":
        if body:
            diffs.append(Difference("body", _MISSING, body.decode("utf-8", "replace")))
        return diffs
    text = body.decode("utf-8", "replace")
    try:
        received = parse_json(body) if body else _MISSING
    except ValueError:
        received = _MISSING
    if expected.kind == "text":
        try:
            want = parse_json(expected.value)
        except ValueError:
            want = _MISSING
        if want is _MISSING or received is _MISSING:
            if expected.value != text:
                diffs.append(Difference("body", expected.value, text))
            return diffs
    else:
        want = _number(expected.value)
        if received is _MISSING:
            diffs.append(Difference("body", expected.value, f"(not JSON) {text}"))
            return diffs
    _diff_json(want, received, "body", matchers, body, diffs)
    return diffs


def _diff_json(want: object, got: object, where: str, matchers: dict, body: bytes, diffs: list) -> None:
    if where in matchers:
        _check(where, want, got, matchers, body, diffs)
    elif isinstance(want, dict) and isinstance(got, dict):
        for key in list(want) + [k for k in got if k not in want]:
            _diff_json(want.get(key, _MISSING), got.get(key, _MISSING), f"{where}.{key}", matchers, body, diffs)
    elif isinstance(want, list) and isinstance(got, list) and len(want) == len(got):
        for index, (a, b) in enumerate(zip(want, got)):
            _diff_json(a, b, f"{where}[{index}]", matchers, body, diffs)
    elif _json_type(want) != _json_type(got) or want != got:
        diffs.append(Difference(where, want, got))


def _check(where: str, want: object, got: object, matchers: dict, body: bytes, diffs: list) -> None:
    spec = matchers.get(where)
    ok = (want == got and _json_type(want) == _json_type(got)) if spec is None else _matches(spec, want, got, body)
    if not ok:
        diffs.append(Difference(where if spec is None else f"{where} ({spec})", want, got))


def _matches(spec: str, want: object, got: object, body: bytes) -> bool:
    if got is _MISSING:
        return False
    if spec == "any":
        return True
    if spec == "type":
        return _json_type(want) == _json_type(got)
    if spec.startswith("regex:"):
        return isinstance(got, str) and re.fullmatch(spec[6:], got) is not None
    if spec == "payload-sha256":
        return got in (hashlib.sha256(body).hexdigest(), "UNSIGNED-PAYLOAD")
    return _sigv4_matches(want, got)


def _sigv4_matches(want: object, got: object) -> bool:
    recorded = _SCOPE.search(want) if isinstance(want, str) else None
    received = _SIGV4.fullmatch(got) if isinstance(got, str) else None
    if received is None:
        return False
    signed = received["signed"].split(";")
    if "host" not in signed or "x-amz-date" not in signed or signed != sorted(signed):
        return False
    return recorded is None or (recorded["region"], recorded["service"]) == (received["region"], received["service"])


def _json_type(value: object) -> str:
    if value is _MISSING:
        return "absent"
    if isinstance(value, bool) or value is None:
        return repr(value)
    if isinstance(value, (int, float, Decimal)):
        return "number"
    return type(value).__name__


def _number(value: object) -> object:
    """Recorded YAML data with every number as a Decimal, for comparison with ``parse_json``."""
    if isinstance(value, dict):
        return {k: _number(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_number(v) for v in value]
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return Decimal(repr(value))
    return value


def _plain(value: object) -> object:
    if isinstance(value, Decimal):
        return int(value) if value.as_tuple().exponent == 0 else float(value)
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value
