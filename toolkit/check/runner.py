"""Apply the selected rules to targets and turn findings into located, filtered diagnostics."""

from __future__ import annotations

import fnmatch
from collections.abc import Iterable

from toolkit.check.merge import Merger
from toolkit.check.model import CheckConfig, Rule, Target
from toolkit.diagnostics import Diagnostic, Severity


def selected_rules(rules: dict[str, Rule], config: CheckConfig) -> list[Rule]:
    """Rules chosen by ``select`` (ids or prefixes; default all) minus ``ignore``."""
    def matches(rule: Rule, patterns: Iterable[str]) -> bool:
        return any(rule.id.startswith(p.upper()) or rule.name == p.lower() or p.upper() == "ALL" for p in patterns)

    chosen = [r for r in rules.values() if not config.select or matches(r, config.select)]
    return [r for r in chosen if not matches(r, config.ignore)]


def run_rules(targets: Iterable[Target], rules: list[Rule], config: CheckConfig) -> list[Diagnostic]:
    """Every finding of every rule on every target, located, filtered, and merged where the same body
    repeats (``toolkit.check.merge``)."""
    merger = Merger()
    runnable = [rule for rule in rules if rule.check is not None]
    base = config
    for target in targets:
        config = base.replace(**target.settings) if target.settings else base
        skip = set(target.suppressed)
        if config.per_file_ignores:
            skip |= {rule.id for rule in runnable if _ignored_for_file(rule.id, target.file, config)}
        for rule in runnable:
            if rule.id in skip:
                continue
            for diagnostic in _apply(rule, target, config):
                if not _suppressed_at(diagnostic, config):
                    merger.add(diagnostic, target)
    return merger.diagnostics()


def _apply(rule: Rule, target: Target, config: CheckConfig) -> Iterable[Diagnostic]:
    try:
        findings = list(rule.check(target, config))
    except Exception as exc:  # noqa: BLE001 - a rule crash is a bug; report it, keep checking
        yield Diagnostic("BP000", f"internal error in rule {rule.id} ({rule.name}): {type(exc).__name__}: {exc} "
                         "(a bug: please report it)", file=target.file)
        return
    for finding in findings:
        if _judges_elided_value(target, finding.pointer):
            continue
        where = target.locate(finding.pointer, finding.offset)
        position = where.position
        yield Diagnostic(
            rule.id, finding.message, file=where.file,
            line=position.line if position else None, column=position.column if position else None,
            severity=finding.severity or rule.severity, pointer=finding.pointer,
            hint=finding.hint or rule.hint, excerpt=where.excerpt, excerpt_start=where.excerpt_start)


def _judges_elided_value(target: Target, ptr: str) -> bool:
    """A value the document elides (``"post_process_function": "..."``) is unknown: no rule judges it."""
    if ptr not in target.elided:
        return False
    value = target.connector
    for part in ptr.split("/")[1:]:
        part = part.replace("~1", "/").replace("~0", "~")
        value = value.get(part) if isinstance(value, dict) else \
            value[int(part)] if isinstance(value, list) and part.isdigit() and int(part) < len(value) else None
    return not isinstance(value, (dict, list))


def _ignored_for_file(rule_id: str, file: str, config: CheckConfig) -> bool:
    return any(fnmatch.fnmatch(file, pattern) and any(rule_id.startswith(i.upper()) for i in ids)
               for pattern, ids in config.per_file_ignores.items())


def _suppressed_at(diagnostic: Diagnostic, config: CheckConfig) -> bool:
    """``suppress`` entries are ``"file#/pointer"`` (or ``"file"``) mapped to rule ids."""
    for where, ids in config.suppress.items():
        file, _, ptr = where.partition("#")
        if fnmatch.fnmatch(diagnostic.file or "", file) and (not ptr or ptr == diagnostic.pointer) \
                and any(diagnostic.code.startswith(i.upper()) for i in ids):
            return True
    return False


def exit_code(diagnostics: list[Diagnostic], fail_on: Severity) -> int:
    return 1 if any(d.severity.rank >= fail_on.rank for d in diagnostics) else 0
