"""Diagnostics as one JSON document: a list of findings plus counts.

The counts cover every finding; ``summary.omitted`` lists, per file and rule, how many were found
beyond the listed ones (``toolkit.check.cap``). Messages and hints have keys masked and are bounded.
A finding merged over copies of a body lists its other places in ``related`` (``file``, ``line``,
``column``; at most ``RELATED_LISTED``, the rest counted in ``related_omitted``).
"""

from __future__ import annotations

import json
from collections import Counter

from toolkit.diagnostics import Diagnostic
from toolkit.report.bounded import listed_related, shown_text


def format_json(diagnostics: list[Diagnostic], files: int, omitted: list[Diagnostic] = (),
                statistics: dict | None = None) -> str:
    """The report; ``statistics`` (``toolkit.report.statistics``) is added when given."""
    from toolkit.check.cap import omitted_counts

    counts = Counter(d.severity.value for d in [*diagnostics, *omitted])
    report = {
        "diagnostics": [_shown(d) for d in diagnostics],
        "summary": {"files": files, "errors": counts["error"], "warnings": counts["warning"], "info": counts["info"],
                    "omitted": [{"file": f, "code": c, "count": n} for f, c, n in omitted_counts(list(omitted))]},
    }
    if statistics is not None:
        report["statistics"] = statistics
    return json.dumps(report, indent=2, ensure_ascii=False)


def _shown(d: Diagnostic) -> dict:
    data = d.to_dict()
    for key in ("message", "hint"):
        if key in data:
            data[key] = shown_text(data[key])
    places, more = listed_related(d)
    if places:
        data["related"] = [place._asdict() for place in places]
    if more:
        data["related_omitted"] = more
    return data
