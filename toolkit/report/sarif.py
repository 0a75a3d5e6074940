"""SARIF 2.1.0 as GitHub code scanning accepts it (see ../shared/spec/tooling-reference.md 3.1).

A finding merged over copies of a connector body (``toolkit.check.merge``) lists the copies in
``relatedLocations`` (at most ``RELATED_LISTED``; ``properties.relatedOmitted`` counts the rest).
"""

from __future__ import annotations

import hashlib
import json

from toolkit import __version__
from toolkit.diagnostics import Diagnostic
from toolkit.report.bounded import listed_related, shown_text

_LEVEL = {"error": "error", "warning": "warning", "info": "note"}
_COPY = "the same finding on another copy of this connector body"


def format_sarif(diagnostics: list[Diagnostic], rules: dict, omitted: list[Diagnostic] = ()) -> str:
    """Results for the listed findings; ``runs[0].properties.omitted`` counts the others per file and rule."""
    from toolkit.check.cap import omitted_counts

    used = sorted({d.code for d in diagnostics})
    rule_index = {rule_id: i for i, rule_id in enumerate(used)}
    descriptors = []
    for rule_id in used:
        rule = rules.get(rule_id)
        summary = rule.summary if rule else _INPUT_RULES.get(rule_id, "Input problem.")
        descriptors.append({
            "id": rule_id,
            "name": rule.name if rule else "input-error",
            "shortDescription": {"text": summary},
            "fullDescription": {"text": rule.rationale if rule else summary},
            "help": {"text": (rule.rationale + (f" Fix: {rule.hint}" if rule.hint else "")) if rule else summary},
            "defaultConfiguration": {"level": _LEVEL[rule.severity.value] if rule else "error"},
            "properties": {"tags": [rule.family] if rule else ["input"]},
        })
    unlisted = [{"file": f, "ruleId": c, "count": n} for f, c, n in omitted_counts(list(omitted))]
    results = []
    for d in diagnostics:
        result = {
            "ruleId": d.code,
            "ruleIndex": rule_index[d.code],
            "level": _LEVEL[d.severity.value],
            "message": {"text": shown_text(d.message) + (f" Hint: {shown_text(d.hint)}" if d.hint else "")},
            "locations": [{"physicalLocation": _physical(d.file, d.line, d.column)}],
            "partialFingerprints": {"primaryLocationLineHash": _fingerprint(d)},
        }
        places, more = listed_related(d)
        if places:
            result["relatedLocations"] = [{"id": i, "physicalLocation": _physical(*place), "message": {"text": _COPY}}
                                          for i, place in enumerate(places, 1)]
        if more:
            result["properties"] = {"relatedOmitted": more}
        results.append(result)
    return json.dumps({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "blueprint", "version": __version__, "rules": descriptors}},
            "columnKind": "unicodeCodePoints",
            "results": results,
            "properties": {"omitted": unlisted},
        }],
    }, indent=2, ensure_ascii=False)


def _physical(file: str | None, line: int | None, column: int | None) -> dict:
    region = {"startLine": line or 1, "startColumn": column or 1, "endLine": line or 1, "endColumn": (column or 1) + 1}
    return {"artifactLocation": {"uri": file or "unknown"}, "region": region}


def _fingerprint(d: Diagnostic) -> str:
    """Stable across runs and line moves: rule, file, pointer and message."""
    basis = "\0".join([d.code, d.file or "", d.pointer or str(d.line), d.message])
    return hashlib.sha256(basis.encode()).hexdigest()[:32] + ":1"


_INPUT_RULES = {
    "BP000": "Internal error in a rule.",
    "BP001": "A file is missing or unreadable, or YAML is invalid.",
    "BP002": "A manifest does not match its schema.",
    "BP003": "A manifest is inconsistent with the project.",
    "BP010": "A template has a syntax or runtime error.",
    "BP011": "A template uses an undefined variable or secret.",
    "BP012": "The sandbox refused a template.",
    "BP013": "A template renders invalid JSON.",
    "BP014": "A rendered connector violates the connector schema.",
    "BP020": "A contract case fails: the emulated predict call differs from the recorded case.",
    "BP021": "A declared caller fails: what neural search, an ingest processor or an agent sends or reads does not work.",
    "BP022": "A blueprint's opensearch.minimum is not proven: its contract cases do not all pass on that release, "
             "or it is older than the emulation floor.",
}
