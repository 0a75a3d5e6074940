"""Recording a contract case from the real provider.

A ``Recorder`` is made for one cassette path and a mode (as in vcrpy / pytest-recording):

``once`` (default)  refuse if the cassette exists, before anything is sent;
``new_episodes``    keep the recorded interactions; a request that matches one is answered from the
                    cassette without being sent, a new request is sent and appended;
``rewrite``         start from nothing and replace the file.

``send`` sends the emulator's request to the provider (real sockets; ``redirect_to`` points it at a
stand-in in tests), returns the raw response for the emulator's post-processing, and keeps the
*scrubbed* interaction. ``save`` writes the cassette with ``provenance: recorded``, the date and the
toolkit version, after the fail-closed secret scan (``toolkit.contract.scrub``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from enum import Enum
from pathlib import Path

from toolkit.contract.cassette import (Body, Cassette, Expected, Interaction, Provenance, RecordedRequest,
                                       RecordedResponse, dump_cassette, load_cassette, to_data, yaml_text)
from toolkit.contract.http import HttpRequest, HttpResponse, send
from toolkit.contract.match import compare
from toolkit.contract.scrub import SecretLeakError, scan, scrub_request, scrub_response

__all__ = ["CassetteExistsError", "RESPONSE_HEADERS", "RecordMode", "Recorder", "volatile_matchers"]

RESPONSE_HEADERS = frozenset({"content-type", "x-amzn-errortype", "retry-after"})
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
        findings = scan(yaml_text(to_data(cassette)), headers, self.secrets)
        if findings:
            raise SecretLeakError(findings)
        dump_cassette(cassette, self.path)
        return cassette


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
