"""At most ``PER_RULE_AND_FILE`` findings of one rule in one file are reported; the rest are counted.

A hostile file can trigger one rule thousands of times (20,000 unused parameters); reports list the
first findings in file order and say how many more there are, so counts and exit codes stay true.
"""

from __future__ import annotations

from collections import Counter

from toolkit.diagnostics import Diagnostic

PER_RULE_AND_FILE = 100


def cap(diagnostics: list[Diagnostic]) -> tuple[list[Diagnostic], list[Diagnostic]]:
    """(shown, omitted): the first ``PER_RULE_AND_FILE`` of each (file, rule) in order, and the rest."""
    seen: Counter = Counter()
    shown, omitted = [], []
    for d in diagnostics:
        seen[d.file, d.code] += 1
        (shown if seen[d.file, d.code] <= PER_RULE_AND_FILE else omitted).append(d)
    return shown, omitted


def omitted_counts(omitted: list[Diagnostic]) -> list[tuple[str, str, int]]:
    """(file, rule id, how many were not shown), in file and rule order."""
    counts = Counter((d.file or "", d.code) for d in omitted)
    return [(file, code, n) for (file, code), n in sorted(counts.items())]


def omitted_line(file: str, code: str, count: int) -> str:
    return (f"{file + ': ' if file else ''}{count:,} more {code} finding(s) not shown "
            f"(at most {PER_RULE_AND_FILE} per rule and file)")
