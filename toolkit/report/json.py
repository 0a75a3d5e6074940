"""Diagnostics as one JSON document: a list of findings plus counts."""

from __future__ import annotations

import json
from collections import Counter

from toolkit.diagnostics import Diagnostic


def format_json(diagnostics: list[Diagnostic], files: int) -> str:
    counts = Counter(d.severity.value for d in diagnostics)
    return json.dumps({
        "diagnostics": [d.to_dict() for d in diagnostics],
        "summary": {"files": files, "errors": counts["error"], "warnings": counts["warning"], "info": counts["info"]},
    }, indent=2, ensure_ascii=False)
