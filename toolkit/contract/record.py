"""Recording a contract case from the real provider.

A ``Recorder`` is made for one cassette path and a mode (as in vcrpy / pytest-recording):

``once`` (default)  refuse if the cassette exists, before anything is sent;
``new_episodes``    keep the recorded interactions; a request that matches one is answered from the
                    cassette without being sent, a new request is sent and appended;
``rewrite``         start from nothing and replace the file.

``send`` sends the emulator's request to the provider (real sockets; ``redirect_to`` points it at a
stand-in in tests), returns the raw response for the emulator's post-processing, and keeps the
*scrubbed* interaction. ``save`` writes the cassette with ``provenance: recorded``, the date and the
toolkit version, after the fail-closed secret scan (``toolkit.contract.scrub``): the predict input and
the expected output are scrubbed too, and every field of the cassette is searched for any form of
every secret. Secrets too short to scrub are refused when the recorder is made, before anything is sent.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator, Mapping
from enum import Enum
from pathlib import Path

from toolkit.contract.cassette import (Body, Cassette, Expected, ExpectedError, Interaction, Provenance,
                                       RecordedRequest, RecordedResponse, dump_cassette, load_cassette, to_data,
                                       yaml_text)
from toolkit.contract.http import HttpRequest, HttpResponse, send
from toolkit.contract.match import compare
from toolkit.contract.scrub import (SecretLeakError, check_secrets, find_secrets, scan, scrub_data, scrub_request,
                                    scrub_response)

__all__ = ["CassetteExistsError", "RESPONSE_HEADERS", "RecordMode", "Recorder", "volatile_matchers"]

RESPONSE_HEADERS = frozenset({"content-type", "x-amzn-errortype", "retry-after"})
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_-]{0,39}")
_REQUEST_HEADERS_DROPPED = frozenset({"host", "content-length", "connection", "transfer-encoding", "user-agent"})


class RecordMode(str, Enum):
    ONCE = "once"
    NEW_EPISODES = "new_episodes"
    REWRITE = "rewrite"


class CassetteExistsError(Exception):
    """Mode ``once`` and the cassette already exists."""


class Recorder:
    """Collects the interactions of one contract case and writes its cassette."""

    def __init__(self, path: Path, secrets: Mapping[str, str], mode: RecordMode | str = RecordMode.ONCE, *,
                 redirect_to: tuple[str, int] | None = None, timeout: float = 60.0):
        check_secrets(secrets)
        self.path = Path(path)
        self.secrets = dict(secrets)
        self.mode = RecordMode(mode)
        self.redirect_to = redirect_to
        self.timeout = timeout
        self.interactions: list[Interaction] = []
        if self.mode is RecordMode.ONCE and self.path.exists():
            raise CassetteExistsError(f"{self.path} exists; record with mode new_episodes or rewrite to change it")
        if self.mode is RecordMode.NEW_EPISODES and self.path.exists():
            existing = load_cassette(self.path)
            if existing.provenance.kind != "recorded":
                raise CassetteExistsError(f"{self.path} is documented, not recorded; appending live interactions "
                                          "would mix the two (use rewrite)")
            self.interactions = list(existing.interactions)

    def send(self, request: HttpRequest, matchers: Mapping[str, str] | None = None) -> HttpResponse:
        """The provider's response to ``request`` (from the cassette when ``new_episodes`` already has it)."""
        probe = scrub_request(request, self.secrets, redact=False)
        for known in self.interactions if self.mode is RecordMode.NEW_EPISODES else ():
            if not compare(known.request, probe):
                r = known.response
                return HttpResponse(r.status, dict(r.headers), r.body.to_bytes())
        response = send(request, redirect_to=self.redirect_to, timeout=self.timeout)
        scrubbed = scrub_request(request, self.secrets)
        clean = scrub_response(response, self.secrets)
        self.interactions.append(Interaction(
            RecordedRequest(scrubbed.method, scrubbed.url,
                            {k: v for k, v in scrubbed.headers.items() if k.lower() not in _REQUEST_HEADERS_DROPPED},
                            Body.from_bytes(scrubbed.body), {**volatile_matchers(scrubbed), **(matchers or {})}),
            RecordedResponse(clean.status, {k: v for k, v in clean.headers.items() if k.lower() in RESPONSE_HEADERS},
                             Body.from_bytes(clean.body)),
        ))
        return response

    def save(self, *, blueprint: str, description: str, input: dict, expected: Expected,
             variables: dict | None = None, today: dt.date | None = None) -> Cassette:
        """Write the cassette atomically; raise ``SecretLeakError`` (writing nothing) if the scan finds a secret."""
        from toolkit import __version__

        if expected.error is not None:
            expected = Expected(error=ExpectedError(expected.error.status,
                                                    scrub_data(expected.error.message, self.secrets)))
        else:
            expected = Expected(output=scrub_data(expected.output, self.secrets))
        input = scrub_data(input, self.secrets)
        cassette = Cassette(
            blueprint=blueprint, description=description,
            provenance=Provenance("recorded", recorded_at=(today or dt.datetime.now(dt.timezone.utc).date()).isoformat(),
                                  toolkit_version=__version__),
            input=input, interactions=tuple(self.interactions), expected=expected, variables=variables or {},
        )
        headers = [(f"interactions[{i}].{side}.headers.{name}", value)
                   for i, item in enumerate(cassette.interactions)
                   for side, part in (("request", item.request), ("response", item.response))
                   for name, value in part.headers.items()]
        data = to_data(cassette)
        fields = _fields(data, lambda key: not find_secrets([("", key)], self.secrets))
        findings = scan(yaml_text(data), headers) + find_secrets(fields, self.secrets)
        if findings:
            raise SecretLeakError(findings)
        dump_cassette(cassette, self.path)
        return cassette


def _fields(data: object, secret_free: Callable[[str], bool], where: str = "") -> Iterator[tuple[str, str]]:
    """Every string in JSON-like ``data`` (keys too) with its path, such as ``interactions[0].response.body.id``;
    a key that is not a plain name, or is not ``secret_free``, shows in paths as its position (``<key 2>``)."""
    if isinstance(data, str):
        yield where or "cassette", data
    elif isinstance(data, dict):
        for index, (key, value) in enumerate(data.items(), 1):
            name = key if _NAME.fullmatch(str(key)) and secret_free(key) else f"<key {index}>"
            path = f"{where}.{name}" if where else name
            yield f"{path} (the key)", str(key)
            yield from _fields(value, secret_free, path)
    elif isinstance(data, list):
        for index, item in enumerate(data):
            yield from _fields(item, secret_free, f"{where}[{index}]")


def volatile_matchers(request: HttpRequest) -> dict[str, str]:
    """Matchers for the fields that change on every call: the SigV4 headers."""
    matchers = {}
    for name in request.headers:
        lower = name.lower()
        if lower == "authorization" and request.headers[name].startswith("AWS4-HMAC-SHA256 "):
            matchers[f"headers.{name}"] = "sigv4"
        elif lower in ("x-amz-date", "x-amz-security-token"):
            matchers[f"headers.{name}"] = "any"
        elif lower == "x-amz-content-sha256":
            matchers[f"headers.{name}"] = "payload-sha256"
    return matchers
