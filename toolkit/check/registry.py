"""The rule registry: every rule, by id, with its documentation and examples."""

from __future__ import annotations

import importlib
from collections.abc import Callable

from toolkit.check.model import Example, Rule
from toolkit.diagnostics import Severity

Text = str | Callable[[], str]  # an example's text, or a function making it when first read

RULES: dict[str, Rule] = {}
_loaded = False

_RULE_MODULES = ("inputs", "structure", "placeholders", "endpoints", "access", "aws", "secrets", "processing", "painless", "versions",
                 "connector_version")
_FAMILIES = ("structure", "placeholders", "endpoints", "security", "access", "processing", "aws", "manifest")


def rule(id: str, name: str, severity: str, family: str, summary: str, rationale: str, bad: Text | Example,
         good: Text | Example, hint: str | None = None, spec: str | None = None) -> Callable:
    """Register the decorated generator ``check(target, config) -> Iterator[Finding]`` as a rule."""
    if family not in _FAMILIES:
        raise ValueError(f"unknown rule family {family!r}")

    def register(check):
        if id in RULES:
            raise ValueError(f"duplicate rule id {id}")
        RULES[id] = Rule(id, name, Severity(severity), family, summary, rationale,
                         bad if isinstance(bad, Example) else Example(bad),
                         good if isinstance(good, Example) else Example(good), check, hint, spec)
        return check

    return register


def all_rules() -> dict[str, Rule]:
    """Every registered rule, importing the rule modules on first use."""
    global _loaded
    if not _loaded:  # not ``if not RULES``: importing one rule module registers only its own rules
        for module in _RULE_MODULES:
            importlib.import_module(f"toolkit.check.rules.{module}")
        _loaded = True
    return dict(sorted(RULES.items()))


def find_rule(text: str) -> Rule | None:
    """A rule by id (``BP101``) or name (``unknown-key``)."""
    rules = all_rules()
    return rules.get(text.upper()) or next((r for r in rules.values() if r.name == text.lower()), None)
