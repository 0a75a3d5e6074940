"""``blueprint check --statistics``: the shape of a corpus' findings at a glance.

One row per rule and severity (a rule may report below its default severity): its id, name, how
many findings and in how many files; then the totals per severity, and how many files and connector
bodies were checked. Counts are of findings as reported: after merging copies of a body
(``toolkit.check.merge``) and including those the per-file cap does not list (``toolkit.check.cap``).
Rows run from errors to info, the most frequent first.
"""

from __future__ import annotations

from collections import defaultdict

from toolkit.diagnostics import Diagnostic, Severity

_SEVERITIES = [s.value for s in sorted(Severity, key=lambda s: -s.rank)]


def statistics(diagnostics: list[Diagnostic], rules: dict, files: int, bodies: int) -> dict:
    """The table as data (the ``statistics`` object of ``--format json``)."""
    by_rule: dict[tuple[str, str], set] = defaultdict(set)
    counts: dict[tuple[str, str], int] = defaultdict(int)
    for d in diagnostics:
        key = (d.code, d.severity.value)
        counts[key] += 1
        by_rule[key].add(d.file)
    order = sorted(counts, key=lambda key: (-Severity(key[1]).rank, -counts[key], key[0]))
    rows = [{"code": code, "name": _name(code, rules), "severity": severity, "count": counts[code, severity],
             "files": len(by_rule[code, severity])} for code, severity in order]
    severities = {}
    for severity in _SEVERITIES:
        keys = [key for key in order if key[1] == severity]
        severities[severity] = {"count": sum(counts[key] for key in keys),
                                "files": len(set().union(*(by_rule[key] for key in keys)))}
    total = {"count": len(diagnostics), "files": len({d.file for d in diagnostics})}
    return {"rules": rows, "severities": severities, "total": total, "files_checked": files, "bodies_checked": bodies}


def format_statistics(stats: dict) -> str:
    """The table as text: rules, then a line per severity and the total, then what was checked."""
    head = ["rule", "name", "severity", "findings", "files"]
    body = [[r["code"], r["name"], r["severity"], f"{r['count']:,}", f"{r['files']:,}"] for r in stats["rules"]]
    foot = [["", "", severity, f"{s['count']:,}", f"{s['files']:,}"] for severity, s in stats["severities"].items()]
    foot.append(["", "", "total", f"{stats['total']['count']:,}", f"{stats['total']['files']:,}"])
    widths = [max(len(row[i]) for row in [head, *body, *foot]) for i in range(len(head))]

    def line(row: list[str]) -> str:
        cells = [cell.ljust(width) if i < 3 else cell.rjust(width) for i, (cell, width) in enumerate(zip(row, widths))]
        return "  ".join(cells).rstrip()

    checked = f"{stats['files_checked']:,} file(s) and {stats['bodies_checked']:,} connector body(ies) checked"
    rule = "-" * (sum(widths) + 2 * (len(widths) - 1))
    return "\n".join([line(head), *map(line, body), rule, *map(line, foot), checked])


def _name(code: str, rules: dict) -> str:
    if code in rules:
        return rules[code].name
    return "internal-error" if code == "BP000" else "input-error"
