"""Template markers a blueprint writes outside its template (BP211): in its manifest, in the contract
cases it lists and in the provider request schemas it names (``provider_api``).

Only values where a marker cannot be meant as text are read: a variable's default and a named
example's values (they reach the connector), ``trusted_endpoints`` (the cluster setting), a link's
URL (the catalog publishes it); a case's provenance source and request URLs; a schema's
``x-endpoint`` URL and documentation page. Descriptions are prose, which quotes ``<text>`` on
purpose, and are not read.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

from toolkit.check.locate import FILE_PREFIX, MANIFEST_PREFIX
from toolkit.documents.markers import markers_in
from toolkit.source import pointer


class Written(NamedTuple):
    """One marker: ``where`` is a locator pointer (``manifest:/...`` or ``file:PATH#/...``), ``offset``
    the marker's place in the string, ``place`` what the value is, for the message."""

    where: str
    offset: int
    text: str
    place: str


def written_markers(manifest) -> Iterator[Written]:
    """Every marker the blueprint writes in its manifest, cases and named provider schemas, in that order."""
    data = manifest.data
    for name, spec in data["variables"].get("properties", {}).items():
        if "default" in spec:
            yield from _in(spec["default"], MANIFEST_PREFIX, ["variables", "properties", name, "default"],
                           f"the default of variable {name!r}")
    for index, example in enumerate(data.get("examples", [])):
        yield from _in(example["variables"], MANIFEST_PREFIX, ["examples", index, "variables"],
                       f"example {example['name']!r}")
    for index, regex in enumerate(data["trusted_endpoints"]):
        yield from _in(regex, MANIFEST_PREFIX, ["trusted_endpoints", index], "trusted_endpoints, which "
                       "`blueprint setup` puts into the cluster setting")
    for index, link in enumerate(data["links"]):
        yield from _in(link["url"], MANIFEST_PREFIX, ["links", index, "url"], "a link, which the catalog publishes")
    yield from _in_cases(manifest)
    yield from _in_provider_schemas(manifest)


def carried_markers(variables: dict) -> set[str]:
    """The markers a variable set carries from the manifest into the rendered connector."""
    return {found.text for found in _in(variables, "", [], "")}


def _in_cases(manifest) -> Iterator[Written]:
    from toolkit.contract.cassette import load_cassette
    from toolkit.diagnostics import ToolkitError

    for name in manifest.contracts:
        relative = f"contracts/{name}"
        try:
            case = load_cassette(manifest.project.root / relative, relative)
        except ToolkitError:
            continue  # BP003 or BP004 reports it
        prefix = f"{FILE_PREFIX}{relative}#"
        source = case.source.data
        yield from _in(source["provenance"].get("source"), prefix, ["provenance", "source"],
                       "the case's provenance source")
        for index, item in enumerate(source["interactions"]):
            yield from _in(item["request"]["url"], prefix, ["interactions", index, "request", "url"],
                           "a request URL of the case")


def _in_provider_schemas(manifest) -> Iterator[Written]:
    from toolkit.nesting import loads

    for name in manifest.provider_api or []:
        relative = f"providers/{name}.schema.json"
        try:
            endpoint = loads((manifest.project.root / relative).read_text(encoding="utf-8"))["x-endpoint"]
        except (OSError, UnicodeDecodeError, ValueError, TypeError, KeyError):  # nesting.TooDeep included
            continue  # BP003 reports a missing schema; `blueprint test` an invalid one (BP004)
        for key in ("url", "docs"):
            if isinstance(endpoint, dict):
                yield from _in(endpoint.get(key), f"{FILE_PREFIX}{relative}#", ["x-endpoint", key],
                               f"the provider schema's x-endpoint.{key}")


def _in(value: object, prefix: str, path: list, place: str) -> Iterator[Written]:
    if isinstance(value, str):
        for marker in markers_in(value):
            yield Written(prefix + pointer(path), marker.start, marker.text, place)
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _in(item, prefix, [*path, key], place)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _in(item, prefix, [*path, index], place)
