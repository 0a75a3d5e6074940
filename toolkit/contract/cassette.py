"""The cassette: one contract case for one blueprint, stored at ``contracts/<provider>/<name>/<case>.yaml``.

A cassette holds the ``_predict`` input, the HTTP exchanges with the provider (parsed JSON bodies,
so diffs read like code), and the expected ML Commons output or error. It is validated against
``toolkit/schema/cassette.schema.json``; a problem is a ``BP004`` diagnostic at file:line:col.
Files are written with sorted keys, atomically (a temporary file renamed over the target).

Example::

    schema_version: 1
    blueprint: openai/embedding
    description: Two documents embedded with text-embedding-3-small.
    provenance: {kind: documented, source: "https://platform.openai.com/docs/api-reference/embeddings/create"}
    input: {text_docs: [hello, world]}
    interactions:
    - request:
        method: POST
        url: https://api.openai.com/v1/embeddings
        headers: {Authorization: Bearer <OPENAI_API_KEY>, Content-Type: application/json}
        body: {input: [hello, world], model: text-embedding-3-small}
      response:
        status: 200
        headers: {Content-Type: application/json}
        text: '{"data": [{"embedding": [0.1, 0.2]}, {"embedding": [0.3, 0.4]}]}'
    expected:
      output: {inference_results: [...]}
"""

from __future__ import annotations

import datetime as dt
import json
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from toolkit.diagnostics import Diagnostic, ToolkitError
from toolkit.source import SourceDocument, load_yaml, parse_yaml

if TYPE_CHECKING:
    from toolkit.versions.ranges import ReleaseRange

__all__ = ["Body", "Cassette", "ExpectedError", "Expected", "ExpectedByVersion", "Interaction", "Provenance", "RecordedRequest",
           "RecordedResponse", "SCHEMA_VERSION", "dump_cassette", "load_cassette", "to_data"]

SCHEMA_VERSION = 1
CODE = "BP004"


@dataclass(frozen=True)
class Body:
    """A body: parsed ``json``, raw ``text``, or ``empty``."""

    kind: Literal["json", "text", "empty"] = "empty"
    value: object = None

    @classmethod
    def from_bytes(cls, data: bytes) -> Body:
        """The JSON form when parsing and re-serialising keeps every number literal, else the text form."""
        if not data:
            return cls()
        from toolkit.nesting import loads

        text = data.decode("utf-8", "surrogateescape")
        try:
            value = loads(text, parse_float=_exact_float, parse_int=int, object_pairs_hook=_unique_keys)
        except (ValueError, _Lossy):  # nesting.TooDeep included: kept as text, which the cassette loader accepts
            return cls("text", text)
        return cls("json", value)

    def to_bytes(self) -> bytes:
        """The bytes to send: ``text`` exactly, ``json`` compactly serialised."""
        if self.kind == "text":
            return str(self.value).encode("utf-8", "surrogateescape")
        if self.kind == "json":
            return json.dumps(self.value, ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode()
        return b""


class _Lossy(ValueError):
    pass


def _exact_float(literal: str) -> float:
    value = float(literal)
    if json.dumps(value) != literal:
        raise _Lossy(literal)
    return value


def _unique_keys(pairs: list[tuple[str, object]]) -> dict:
    if len({k for k, _ in pairs}) != len(pairs):
        raise _Lossy("duplicate key")
    return dict(pairs)


@dataclass(frozen=True)
class RecordedRequest:
    """What the connector must send; ``matchers`` relax volatile fields (see ``toolkit.contract.match``)."""

    method: str
    url: str
    headers: dict[str, str] = field(default_factory=dict)
    body: Body = Body()
    matchers: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class RecordedResponse:
    status: int
    headers: dict[str, str] = field(default_factory=dict)
    body: Body = Body()


@dataclass(frozen=True)
class Interaction:
    request: RecordedRequest
    response: RecordedResponse


@dataclass(frozen=True)
class Provenance:
    """``documented`` (with the provider doc ``source``) or ``recorded`` (with date and toolkit version)."""

    kind: Literal["documented", "recorded"]
    source: str | None = None
    recorded_at: str | None = None
    toolkit_version: str | None = None


@dataclass(frozen=True)
class ExpectedError:
    status: int
    message: str


@dataclass(frozen=True)
class Expected:
    """Exactly one of ``output`` (the predict output JSON) and ``error``."""

    output: dict | None = None
    error: ExpectedError | None = None


@dataclass(frozen=True)
class ExpectedByVersion:
    """What the releases of ``releases`` (a ``toolkit.versions.ranges.ReleaseRange``) answer instead."""

    releases: ReleaseRange
    expected: Expected


@dataclass(frozen=True)
class Cassette:
    blueprint: str
    description: str
    provenance: Provenance
    input: dict
    interactions: tuple[Interaction, ...]
    expected: Expected
    variables: dict = field(default_factory=dict)
    invalid_request: str | None = None
    action: str = "predict"
    expected_by_version: tuple[ExpectedByVersion, ...] = ()
    source: SourceDocument | None = field(default=None, compare=False, repr=False)

    @property
    def file(self) -> str | None:
        return self.source.path if self.source else None

    def expected_on(self, release) -> Expected:
        """What ``release`` answers: the ``expected_by_version`` entry covering it, else ``expected``."""
        return next((entry.expected for entry in self.expected_by_version if entry.releases.covers(release)),
                    self.expected)


_LOADED: dict[tuple, Cassette] = {}


def load_cassette(path: Path, display: str | None = None) -> Cassette:
    """Load and validate one cassette; raise ``ToolkitError`` with every problem at its position.

    A cassette is parsed once per process while its file is unchanged (same size and modification
    time): the checker and the contract runner both read it, and YAML parsing dominates a case."""
    try:
        stat = Path(path).stat()
    except OSError:
        return _load_cassette(path, display)  # reports the unreadable file
    key = (str(Path(path).resolve()), stat.st_mtime_ns, stat.st_size, display)
    if key not in _LOADED:
        _LOADED[key] = _load_cassette(path, display)
    return _LOADED[key]


def _load_cassette(path: Path, display: str | None) -> Cassette:
    from toolkit.contract.match import matcher_error
    from toolkit.manifest import schema_errors

    doc = load_yaml(Path(path), display)
    if not isinstance(doc.data, dict):
        raise ToolkitError(doc.diagnostic(CODE, "a cassette must be a YAML mapping"))
    doc.data = _dates_as_text(doc.data)
    problems = [doc.diagnostic(CODE, f"{'/'.join(map(str, _path(err, doc.data))) or 'cassette'}: {_message(err)}",
                               _path(err, doc.data)) for err in schema_errors("cassette.schema.json", doc.data)]
    for index, item in enumerate(doc.data.get("interactions", []) if not problems else []):
        for where, spec in item["request"].get("matchers", {}).items():
            if (message := matcher_error(where, spec)) is not None:
                problems.append(doc.diagnostic(CODE, message, ["interactions", index, "request", "matchers", where]))
    if not problems:
        problems += _range_problems(doc)
    if problems:
        raise ToolkitError(*problems)
    return _cassette(doc)


def _range_problems(doc: SourceDocument) -> list[Diagnostic]:
    """``expected_by_version`` ranges that name no emulated releases before the newest, or overlap."""
    from toolkit.versions.matrix import floor
    from toolkit.versions.profile import NEWEST
    from toolkit.versions.ranges import RangeError, parse_range

    problems, seen = [], []
    for index, entry in enumerate(doc.data.get("expected_by_version", [])):
        where = ["expected_by_version", index, "releases"]
        try:
            span = parse_range(entry["releases"])
        except RangeError as exc:
            problems.append(doc.diagnostic(CODE, f"expected_by_version/{index}/{exc}", where))
            continue
        if span.first < floor():
            problems.append(doc.diagnostic(CODE, f"expected_by_version/{index}/releases: {span} starts before "
                                                 f"{floor().short}, where emulation starts: it cannot be run", where))
        elif span.covers(NEWEST):
            problems.append(doc.diagnostic(CODE, f"expected_by_version/{index}/releases: {span} covers the newest "
                                                 f"release {NEWEST.short}, which expected is for", where))
        elif any(span.overlaps(other) for other in seen):
            problems.append(doc.diagnostic(CODE, f"expected_by_version/{index}/releases: {span} overlaps an "
                                                 "earlier entry", where))
        seen.append(span)
    return problems


def _path(error, data: object) -> list:
    """Where a jsonschema error is: the offending key itself for unknown and forbidden (``false``) keys."""
    from toolkit.manifest import error_path

    path = error_path(error)
    if error.schema is False:
        parent = data
        for part in path:
            parent = parent[part]
        if isinstance(parent, dict):
            path += [key for key, value in parent.items() if value is error.instance][:1]
    return path


def _message(error) -> str:
    if error.schema is False:
        return "not allowed here" + (" (provenance is documented or recorded, never both)"
                                     if list(error.absolute_path) == ["provenance"] else
                                     " (a body is either parsed JSON in body or raw text in text)"
                                     if error.absolute_path and error.absolute_path[-1] in ("request", "response") else "")
    return error.message


def _dates_as_text(value: object) -> object:
    """YAML reads an unquoted 2026-01-31 as a date; the cassette stores dates as ISO text."""
    if isinstance(value, dict):
        return {k: _dates_as_text(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_dates_as_text(v) for v in value]
    return value.isoformat() if isinstance(value, (dt.date, dt.datetime)) else value


def _body(data: dict) -> Body:
    if "body" in data:
        return Body("json", data["body"])
    return Body("text", data["text"]) if "text" in data else Body()


def _cassette(doc: SourceDocument) -> Cassette:
    data = doc.data
    interactions = tuple(
        Interaction(
            RecordedRequest(i["request"]["method"], i["request"]["url"], dict(i["request"].get("headers", {})),
                            _body(i["request"]), dict(i["request"].get("matchers", {}))),
            RecordedResponse(i["response"]["status"], dict(i["response"].get("headers", {})), _body(i["response"])),
        )
        for i in data["interactions"]
    )
    from toolkit.versions.ranges import parse_range

    by_version = tuple(ExpectedByVersion(parse_range(entry["releases"]), _expected(entry))
                       for entry in data.get("expected_by_version", []))
    return Cassette(
        blueprint=data["blueprint"], description=data["description"], provenance=Provenance(**data["provenance"]),
        input=data["input"], interactions=interactions,
        expected=_expected(data["expected"]), variables=data.get("variables", {}),
        invalid_request=data.get("invalid_request"), action=data.get("action", "predict"),
        expected_by_version=by_version, source=doc,
    )


def _expected(data: dict) -> Expected:
    error = data.get("error")
    return Expected(data.get("output"), ExpectedError(**error) if error else None)


def to_data(cassette: Cassette) -> dict:
    """The cassette as plain data, as written to YAML (before key sorting)."""
    def body(b: Body) -> dict:
        return {} if b.kind == "empty" else {"body" if b.kind == "json" else "text": b.value}

    def request(r: RecordedRequest) -> dict:
        out = {"method": r.method, "url": r.url, **body(r.body)}
        out.update({k: v for k, v in (("headers", r.headers), ("matchers", r.matchers)) if v})
        return out

    def response(r: RecordedResponse) -> dict:
        return {"status": r.status, **({"headers": r.headers} if r.headers else {}), **body(r.body)}

    p = cassette.provenance
    data = {
        "schema_version": SCHEMA_VERSION, "blueprint": cassette.blueprint, "description": cassette.description,
        "provenance": {k: v for k, v in vars(p).items() if v is not None},
        "input": cassette.input, "expected": _expected_data(cassette.expected),
        "interactions": [{"request": request(i.request), "response": response(i.response)} for i in cassette.interactions],
    }
    if cassette.variables:
        data["variables"] = cassette.variables
    if cassette.invalid_request:
        data["invalid_request"] = cassette.invalid_request
    if cassette.action != "predict":
        data["action"] = cassette.action
    if cassette.expected_by_version:
        data["expected_by_version"] = [{"releases": str(entry.releases), **_expected_data(entry.expected)}
                                       for entry in cassette.expected_by_version]
    return data


def _expected_data(expected: Expected) -> dict:
    if expected.error is None:
        return {"output": expected.output}
    return {"error": {"status": expected.error.status, "message": expected.error.message}}


def dump_cassette(cassette: Cassette, path: Path) -> None:
    """Validate ``cassette`` and write it to ``path`` with sorted keys, atomically."""
    from toolkit.manifest import schema_errors

    data = _sorted(to_data(cassette))
    errors = schema_errors("cassette.schema.json", data)
    if errors:
        raise ToolkitError(*(Diagnostic(CODE, f"{'/'.join(map(str, _path(e, data))) or 'cassette'}: {_message(e)}",
                                        file=str(path)) for e in errors))
    write_atomic(Path(path), yaml_text(data))


def yaml_text(data: object) -> str:
    """``data`` as block-style YAML, keys in the order given, long lines unfolded.

    Multi-line strings become ``|`` blocks, unless the text would then read back differently.
    """
    text = _dump(_literal_blocks(data))
    return text if parse_yaml(text, "<cassette>").data == data else _dump(data)


def _dump(data: object) -> str:
    import io

    from ruamel.yaml import YAML

    yaml = YAML(typ="rt")
    yaml.default_flow_style = False
    yaml.width = 1 << 16
    yaml.indent(mapping=2, sequence=4, offset=2)
    out = io.StringIO()
    yaml.dump(data, out)
    return out.getvalue()


def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` to a temporary file beside ``path``, then rename it over ``path``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def _sorted(value: object) -> object:
    if isinstance(value, dict):
        return {k: _sorted(value[k]) for k in sorted(value, key=str)}
    if isinstance(value, (list, tuple)):
        return [_sorted(v) for v in value]
    return value


def _literal_blocks(value: object) -> object:
    """Multi-line strings as ``|`` blocks when that form reads back identically."""
    from ruamel.yaml.scalarstring import LiteralScalarString

    if isinstance(value, dict):
        return {k: _literal_blocks(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_literal_blocks(v) for v in value]
    if isinstance(value, str) and "\n" in value.rstrip("\n") and all(line.isprintable() for line in value.split("\n")):
        return LiteralScalarString(value)
    return value
