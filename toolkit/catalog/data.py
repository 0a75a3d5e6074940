"""``catalog.json``: the machine-readable index, validated against ``toolkit/schema/catalog.schema.json``
(published beside it, named by ``$schema``) before anything is written; ``docs/catalog-json.md``.

``version`` is the format's version: it changes only when a field changes meaning or goes away
(adding optional fields keeps it; consumers ignore fields they do not know). What every blueprint
shares is written once: the default trusted lists and the release notes, each per group of releases.
Output is deterministic (no timestamps), so two builds of the same blueprints give the same file.
"""

from __future__ import annotations

import json
import re

from toolkit.catalog.settings_step import grouped, note_text, release_label
from toolkit.diagnostics import Diagnostic, ToolkitError

VERSION = 2
SCHEMA = "catalog.schema.json"  # in toolkit/schema/, and at the site's root beside catalog.json


def catalog_data(catalog) -> dict:
    facts = catalog.release_facts
    return {
        "$schema": SCHEMA,
        "version": VERSION,
        "generator": f"blueprint-toolkit {catalog.toolkit_version}",
        "opensearch_version": catalog.release,
        "built_for_release": catalog.release_given,
        "releases": catalog.releases,
        "trusted_endpoints_defaults": [{"releases": releases, "regexes": regexes} for releases, regexes in
                                       grouped({release: f.default for release, f in facts.items()})],
        "release_notes": [{"releases": releases, "notes": [note_text(n, release_label(releases, catalog.releases))
                                                           for n in notes]}
                          for releases, notes in grouped({release: f.notes + f.default_notes
                                                          for release, f in facts.items()})],
        "needs_newer_release": [{"id": blueprint, "minimum": minimum} for blueprint, minimum in catalog.needs_newer],
        "skipped": [{"manifest": manifest, "reason": why} for manifest, why in catalog.skipped],
        "blueprints": [_entry(e, catalog.releases) for e in catalog.entries],
        "checked_with": catalog.checked_with,
        "rules": [{"id": r.id, "name": r.name, "severity": r.severity.value, "family": r.family, "summary": r.summary}
                  for r in catalog.rules],
        "managed_service": _managed_service_common(),
        "build": _stamp(catalog.history.stamp),
    }


def _stamp(stamp) -> dict:
    return {"commit": stamp.commit, "date": stamp.date, "modified": stamp.modified}


def _revision(revision) -> dict | None:
    if revision is None or revision.last is None:
        return None
    return {"commit": revision.last.sha, "date": revision.last.date, "commits": revision.count,
            "modified": revision.modified}


def _entry(e, every: list[str]) -> dict:
    return {
        "id": e.id, "title": e.title, "description": e.description, "provider": e.provider, "task": e.task,
        "protocol": e.protocol, "opensearch_minimum": e.opensearch_minimum,
        "version": e.version, "revision": _revision(e.revision),
        "managed_service_only": e.managed_only, "manifest": e.manifest_file,
        "content_hash": {"sha256": e.content_hash, "files": e.sources},
        "tags": e.tags, "links": e.links,
        "status": {"ok": e.ok, "check": e.check_status, "errors": e.errors, "warnings": e.warnings,
                   "contract": e.contract_status, "cases": len(e.cases), "cases_passed": e.cases_passed},
        "variables": e.variables_schema,
        "secrets": [{"name": name, "description": text, "placeholder": f"<{name}>"} for name, text in e.secrets],
        "inputs": e.inputs,
        "connectors": [{"variable_set": r.name, "description": r.description, "variables": r.variables,
                        "connector": r.connector} for r in e.renderings],
        "settings": {"trusted_endpoints": e.trusted_endpoints,
                     "by_release": [_needs(releases, step, release_label(releases, every))
                                    for releases, step in grouped(e.settings_by_release)]},
        "calls": _calls(e),
        "managed_service": _managed_service(e),
        "cases": [{"name": c.name, "file": c.file, "description": c.description, "passed": c.passed,
                   "provenance": c.provenance, "input": c.input, "variables": c.variables,
                   "expected": {"output": c.output} if c.output is not None else {"error": c.error},
                   "exchanges": [{"request": x.request, "response": x.response} for x in c.exchanges],
                   "emulator": {"ran_on": c.ran_on, "fails_on": c.fails_on}}
                  for c in e.cases],
        "suppressed": e.suppressed, "callers": e.callers,
        "recipes": [{"caller": r.caller, "title": r.title, "case": r.case, "docs": r.docs, "since": r.since,
                     "calls": [{"title": c.title, "method": c.method, "path": c.path, "body": c.body, "note": c.note}
                               for c in r.calls]} for r in e.recipes],
        "compatibility": e.compatibility, "proven_from": e.proven_from,
        "pages": {"html": e.page, "markdown": e.markdown},
    }


def _managed_service(e) -> dict | None:
    """The Amazon OpenSearch Service variant: its connectors (checked by the build), secrets and set-up steps."""
    from toolkit.catalog.managed import emulation_note, steps

    m = e.managed_service
    if m is None:
        return None
    return {
        "credential": m.kind, "blueprint_is_variant": m.managed_only,
        "connectors": [{"variable_set": r.name, "description": r.description, "variables": r.variables,
                        "connector": r.connector} for r in e.managed_variants],
        "secrets": [{"name": name, "description": text, "placeholder": f"<{name}>"} for name, text in m.secrets],
        "secret_keys": [{"key": key, "description": text} for key, text in m.secret_keys],
        "permissions_policy": m.permissions_policy,
        "steps": [{"id": s.id, "title": s.title, "text": s.text} for s in steps(e)],
        "notes": [*m.notes, emulation_note(e)],
    }


def _managed_service_common() -> dict:
    """What every blueprint's ``managed_service`` shares: the trust policy of the role, the policy of the
    identity that creates the connector, the signed create request and the sources."""
    from toolkit.catalog.managed import SOURCES, caller_policy, signed_curl, trust_policy

    return {"trust_policy": trust_policy(), "caller_policy": caller_policy(), "signed_create_request": signed_curl(),
            "sources": [{"title": title, "url": url} for title, url in SOURCES]}


def _needs(releases: list[str], step, label: str) -> dict:
    return {"releases": releases, "available": step.available, "add": step.add, "set": step.set,
            "trusted_by_default": step.trusted, "notes": [note_text(n, label) for n in step.notes]}


def _calls(e) -> dict:
    """create (its body: a connectors[] item), register, deploy and predict, as the page shows them."""
    from toolkit.catalog.calls import sequence

    out = {}
    for call in sequence(e):
        out[call.step] = {"method": call.method, "path": call.path}
        if call.step == "create":
            out[call.step]["body_from"] = "connectors[].connector"
        elif call.body is not None:
            out[call.step]["body"] = call.body
    return out


def validate(data: dict) -> None:
    """Raise ``ToolkitError`` (BP001) listing every schema violation of ``data``."""
    from toolkit.manifest import schema_errors

    errors = schema_errors(SCHEMA, data)
    if errors:
        raise ToolkitError(*(Diagnostic("BP001", "catalog.json /" + "/".join(map(str, e.absolute_path)) + f": {e.message}")
                             for e in errors[:20]))


def catalog_json(catalog) -> str:
    data = catalog_data(catalog)
    validate(data)
    return _one_line_release_lists(json.dumps(data, indent=2, ensure_ascii=False)) + "\n"


_RELEASE = r'"[0-9]+\.[0-9]+(?:\.[0-9]+)?(?:-dev)?"'
_RELEASE_LIST = re.compile(r"\[\n\s*(" + _RELEASE + r"(?:,\n\s*" + _RELEASE + r")*)\n\s*\]")


def _one_line_release_lists(text: str) -> str:
    """Indented JSON with each list of releases on one line (they are many, and short)."""
    return _RELEASE_LIST.sub(lambda m: "[" + re.sub(r",\n\s*", ", ", m.group(1)) + "]", text)


def published_schema() -> str:
    """The schema file as shipped, for the site's root (catalog.json's ``$schema`` names it)."""
    from importlib import resources

    return resources.files("toolkit.schema").joinpath(SCHEMA).read_text(encoding="utf-8")
