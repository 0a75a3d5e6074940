"""What a contract case proves, as the catalog shows it: the exact request the ML Commons emulator sent
to the provider, the provider's response that answered it, and the releases the case ran on.

Everything comes from the build's run (``CaseResult.exchanges``, ``CaseResult.release`` and the
blueprint's ``CaseMatrix``); nothing is run again. A case is only as good as its provider answer: a
*documented* answer was written from the provider's documentation and replayed, a *recorded* one was
captured from the provider on the date it gives. Neither is a live call: "passed" means the emulator,
given that answer, produced the expected ML Commons output.

The request is published with secrets masked, fail-closed: the keys the contract runner signs with
(fake ones, ``toolkit.contract.runner``) become their ``<NAME>`` placeholders, every credential header
is reduced to its scheme and a placeholder and a SigV4 signature to ``<SIGV4_SIGNATURE>``
(``toolkit.contract.scrub``); the signing time, which changes with every run, becomes
``<YYYYMMDDTHHMMSSZ>`` (and ``<YYYYMMDD>`` in the credential scope), so two builds publish the same
text. The scrubber's scan then runs over the result: any finding refuses the blueprint
(``SecretLeak``), as a credential that is not a placeholder does.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

LONG_LIST = 8  # a list of more numbers than this is abridged on the page
SHOWN = 4  # how many of its numbers the page shows; every value is in a collapsed block below

_SCOPE_DATE = re.compile(r"(Credential=[^/,]*/)\d{8}(/)")


@dataclass(frozen=True)
class Exchange:
    """One call to the provider: the request sent (secrets masked) and the response that answered it."""

    request: dict  # {"method", "url", "headers", and "body" (JSON) or "text"}
    response: dict | None  # {"status", "headers", and "body" or "text"}; None: no recorded interaction matched


def rendering_secrets() -> dict[str, str]:
    """Every secret value the contract runner renders or signs with, by the placeholder name it is shown as."""
    from toolkit.contract.runner import ASSUMED_ROLE_CREDENTIALS, FAKE_AWS_SECRETS

    return {**FAKE_AWS_SECRETS, **{f"ASSUMED_ROLE_{key.upper()}": value for key, value in ASSUMED_ROLE_CREDENTIALS.items()}}


def exchanges(result) -> list[Exchange]:
    """The case's exchanges as published (module docstring); ``SecretLeakError`` if anything still looks secret."""
    from toolkit.contract.scrub import SecretLeakError, scan

    secrets = rendering_secrets()
    out = [Exchange(_request(request, secrets), _response(response) if response is not None else None)
           for request, response in result.exchanges]
    text = json.dumps([[e.request, e.response] for e in out], ensure_ascii=False)
    headers = [(f"{e.request['method']} {e.request['url']} header {name}", value)
               for e in out for name, value in e.request["headers"].items()]
    findings = scan(text, headers, secrets)
    if findings:
        raise SecretLeakError(findings)
    return out


def _request(request, secrets: dict[str, str]) -> dict:
    from toolkit.contract.cassette import Body
    from toolkit.contract.scrub import scrub_request

    masked = scrub_request(request, secrets)
    headers = {name: _unclocked(name, value) for name, value in masked.headers.items()}
    return {"method": masked.method, "url": masked.url, "headers": headers, **_body(Body.from_bytes(masked.body))}


def _unclocked(name: str, value: str) -> str:
    """A SigV4 header without the signing time (the same text on every run)."""
    if name.lower() == "x-amz-date":
        return "<YYYYMMDDTHHMMSSZ>"
    if name.lower() == "authorization" and value.startswith("AWS4-HMAC-SHA256 "):
        return _SCOPE_DATE.sub(r"\1<YYYYMMDD>\2", value)
    return value


def _response(response) -> dict:
    return {"status": response.status, "headers": dict(response.headers), **_body(response.body)}


def _body(body) -> dict:
    """A body as the cassette writes it: ``body`` (parsed JSON), ``text``, or nothing when empty."""
    if body.kind == "json":
        return {"body": body.value}
    return {"text": body.value} if body.kind == "text" else {}


def fails_on(result, index: int, releases: list, statuses: dict[str, str]) -> list[str]:
    """The releases (short) of ``releases`` the blueprint applies to (``statuses``: release short -> pass,
    fail or n/a) on which case ``index`` of ``result`` fails, from the build's matrix (or its one run)."""
    applicable = [release for release in releases if statuses.get(release.short, "n/a") != "n/a"]
    if result.matrix is None:
        return [] if result.case_results[index][0].ok else [release.short for release in applicable]
    return [release.short for release in applicable if not result.matrix.case_passed(release, index)]


def _numeric(value) -> bool:
    return isinstance(value, list) and bool(value) and all(
        isinstance(item, (int, float)) and not isinstance(item, bool) for item in value)


def vector_lengths(output) -> list[int]:
    """The lengths of the vectors (lists of numbers under ``data``) in an ML Commons output, smallest first."""
    found: set[int] = set()

    def walk(value, key=None):
        if key == "data" and _numeric(value):
            found.add(len(value))
        elif isinstance(value, dict):
            for name, item in value.items():
                walk(item, name)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(output)
    return sorted(found)


def json_text(value, *, abridge: bool = True) -> tuple[str, bool]:
    """``value`` as JSON indented by two, each list of numbers on one line; with ``abridge``, a list of more
    than ``LONG_LIST`` numbers is cut to its first ``SHOWN`` and a count of the rest (no longer JSON then:
    for reading). Also whether anything was cut."""
    cut = False

    def dump(item, depth: int) -> str:
        nonlocal cut
        if _numeric(item):
            numbers = [json.dumps(n) for n in item]
            if abridge and len(item) > LONG_LIST:
                cut = True
                numbers = numbers[:SHOWN] + [f"… {len(item) - SHOWN:,} more"]
            return "[" + ", ".join(numbers) + "]"
        inner, outer = "  " * (depth + 1), "  " * depth
        if isinstance(item, list) and item:
            return "[\n" + ",\n".join(inner + dump(element, depth + 1) for element in item) + f"\n{outer}]"
        if isinstance(item, dict) and item:
            return "{\n" + ",\n".join(f"{inner}{json.dumps(key, ensure_ascii=False)}: {dump(element, depth + 1)}"
                                       for key, element in item.items()) + f"\n{outer}}}"
        return json.dumps(item, ensure_ascii=False)

    text = dump(value, 0)
    return text, cut


def request_text(request: dict, *, abridge: bool = True) -> tuple[str, bool]:
    """The request as an HTTP message (method and URL, headers, a blank line, the body); and whether a
    long list of numbers in it was abridged (``json_text``)."""
    head = [f"{request['method']} {request['url']}", *(f"{name}: {value}" for name, value in request["headers"].items())]
    return _message(head, request, abridge)


def response_text(response: dict, *, abridge: bool = True) -> tuple[str, bool]:
    """The response as an HTTP message (status, headers, a blank line, the body), as ``request_text``."""
    head = [f"HTTP {response['status']}", *(f"{name}: {value}" for name, value in response["headers"].items())]
    return _message(head, response, abridge)


def _message(head: list[str], message: dict, abridge: bool) -> tuple[str, bool]:
    if "body" in message:
        body, cut = json_text(message["body"], abridge=abridge)
    else:
        body, cut = message.get("text", ""), False
    return "\n".join(head) + ("\n\n" + body if body else ""), cut


@dataclass(frozen=True)
class Block:
    """One block of a case's evidence on the page: ``text`` as shown (long number lists abridged),
    ``full`` the whole text when something was abridged; ``kind`` says how to highlight it."""

    name: str
    label: str
    text: str
    kind: str  # "call" (a Dev Tools call), "message" (an HTTP message) or "json"
    full: str | None = None


def case_blocks(case) -> list[tuple[Block, Block]]:
    """A case's evidence in rows of two: the predict call beside the ML Commons output (or error), then
    each request the emulator sent to the provider beside the response that answered it."""
    from toolkit.catalog.calls import predict_path

    result = case.output if case.output is not None else {"error": case.error}
    text, cut = json_text(result)
    rows = [(Block("input", "Predict call to ML Commons", f"POST {predict_path(case.input)}\n"
                   + json.dumps(case.input, indent=2, ensure_ascii=False), "call"),
             Block("output", "ML Commons output" if case.output is not None else "ML Commons error", text, "json",
                   json_text(result, abridge=False)[0] if cut else None))]
    count = len(case.exchanges)
    for number, exchange in enumerate(case.exchanges, 1):
        of = f" ({number} of {count})" if count > 1 else ""
        request = _block(f"request-{number}", "Request the emulator sent to the provider" + of, request_text,
                         exchange.request)
        response = Block(f"response-{number}", "The provider's response" + of,
                         "No recorded response matched this request: the case failed.", "message") \
            if exchange.response is None else \
            _block(f"response-{number}", "The provider's response" + of, response_text, exchange.response)
        rows.append((request, response))
    return rows


def _block(name: str, label: str, as_text, message: dict) -> Block:
    text, cut = as_text(message)
    return Block(name, label, text, "message", as_text(message, abridge=False)[0] if cut else None)


def meaning(cases) -> str:
    """What "passed" and "verified" mean, with how many of ``cases`` have documented and recorded answers."""
    documented = sum(case.provenance.get("kind") != "recorded" for case in cases)
    recorded = len(cases) - documented
    return ("the toolkit's ML Commons emulator, given the provider answers stored in the contract cases, sent the "
            "expected requests and produced exactly the expected ML Commons output, on each OpenSearch release "
            "shown. Nothing calls a provider or a cluster when the catalog is built: these are replays, not live "
            f"calls. Of {len(cases)} case{'s' if len(cases) != 1 else ''} here, {documented} "
            f"{'has an answer' if documented == 1 else 'have answers'} written from the provider's documentation "
            f"(documented) and {recorded} {'was' if recorded == 1 else 'were'} recorded from the provider "
            "(recorded, with the date).")


def badge(case) -> str:
    """The case's provenance in a few words: ``documented from HOST`` or ``recorded on DATE from the provider``."""
    from urllib.parse import urlsplit

    provenance = case.provenance
    if provenance.get("kind") == "recorded":
        return f"recorded on {provenance.get('recorded_at') or 'an unknown date'} from the provider"
    host = urlsplit(provenance.get("source") or "").hostname
    return f"documented from {host}" if host else "documented"


def releases_ran(case, compatibility: dict[str, str]) -> str:
    """Where the case ran, never a live cluster: the emulator's release for the exchange shown, and the
    releases the blueprint applies to on which the case passes (``compatibility``: release -> status)."""
    applicable = [release for release, status in compatibility.items() if status != "n/a"]
    passing = [release for release in applicable if release not in case.fails_on]
    where = f"ML Commons emulator, OpenSearch {case.ran_on}"
    if len(applicable) <= 1:
        return where
    if passing == applicable:
        return f"{where}; passes on every release from {applicable[0]} to {applicable[-1]}"
    if not passing:
        return f"{where}; fails on every release from {applicable[0]} to {applicable[-1]}"
    return f"{where}; fails on {', '.join(case.fails_on)}; passes on {', '.join(passing)}"


def vectors_note(case) -> str | None:
    """For a documented case whose output holds vectors: how long they are and why a live call differs."""
    lengths = vector_lengths(case.output)
    if not lengths or case.provenance.get("kind") == "recorded":
        return None
    values = " or ".join(str(length) for length in lengths)
    return (f"{values} value{'s' if lengths != [1] else ''} per vector, as in this case's documented answer (the "
            "description says where it comes from); a live call returns vectors as long as the model's dimension.")
