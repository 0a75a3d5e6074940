"""``catalog.json``: the machine-readable index, versioned and validated against
``toolkit/schema/catalog.schema.json`` before anything is written.

``version`` is the format's version: it changes only when a field changes meaning or goes away
(adding optional fields keeps it). Output is deterministic (no timestamps), so two builds of the
same blueprints give the same file.
"""

from __future__ import annotations

import json

from toolkit.diagnostics import Diagnostic, ToolkitError

VERSION = 1
SCHEMA = "catalog.schema.json"


def catalog_data(catalog) -> dict:
    return {
        "version": VERSION,
        "generator": f"blueprint-toolkit {catalog.toolkit_version}",
        "blueprints": [_entry(e) for e in catalog.entries],
        "rules": [{"id": r.id, "name": r.name, "severity": r.severity.value, "family": r.family, "summary": r.summary}
                  for r in catalog.rules],
        "skipped": [{"manifest": manifest, "reason": why} for manifest, why in catalog.skipped],
        "opensearch_version": catalog.release,
        "built_for_release": catalog.release_given,
        "needs_newer_release": [{"id": blueprint, "minimum": minimum} for blueprint, minimum in catalog.needs_newer],
        "releases": catalog.releases,
    }


def _entry(e) -> dict:
    return {
        "id": e.id, "title": e.title, "description": e.description, "provider": e.provider, "task": e.task,
        "protocol": e.protocol, "opensearch_minimum": e.opensearch_minimum,
        "managed_service_only": e.managed_only, "manifest": e.manifest_file,
        "tags": e.tags, "links": e.links,
        "status": {"ok": e.ok, "check": e.check_status, "errors": e.errors, "warnings": e.warnings,
                   "contract": e.contract_status, "cases": len(e.cases), "cases_passed": e.cases_passed},
        "variables": [{"name": v.name, "type": v.type, "required": v.required, "allowed": v.allowed,
                       "description": v.description, **({"default": json.loads(v.default)} if v.default is not None else {})}
                      for v in e.variables],
        "secrets": [{"name": name, "description": text, "placeholder": f"<{name}>"} for name, text in e.secrets],
        "inputs": e.inputs,
        "connectors": [{"variable_set": r.name, "description": r.description, "variables": r.variables,
                        "connector": r.connector} for r in e.renderings],
        "settings": {"body": e.settings, "added": e.settings_added, "notes": e.settings_notes},
        "cases": [{"name": c.name, "file": c.file, "description": c.description, "passed": c.passed,
                   "provenance": c.provenance, "input": c.input, "variables": c.variables,
                   "expected": {"output": c.output} if c.output is not None else {"error": c.error}}
                  for c in e.cases],
        "rules": e.rules, "suppressed": e.suppressed, "callers": e.callers,
        "recipes": [{"caller": r.caller, "title": r.title, "case": r.case, "docs": r.docs,
                     "calls": [{"title": c.title, "method": c.method, "path": c.path, "body": c.body, "note": c.note}
                               for c in r.calls]} for r in e.recipes],
        "compatibility": e.compatibility, "proven_from": e.proven_from,
        "pages": {"html": e.page, "markdown": e.markdown},
    }


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
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
