"""Rule selectors (``--select``, ``--ignore``, ``select``/``ignore``/``per-file-ignores``/``suppress``).

A selector is ``ALL``, a rule id (``BP104``), a prefix of at least one rule id (``BP1``, ``BP30``) or
a rule name (``unknown-key``). Anything else would silently switch rules off (a typo in
``--select`` selects nothing, so every rule is off and the check passes), so it is an error, with
the closest selectors as suggestions.
"""

from __future__ import annotations

import os
from collections.abc import Iterable

from toolkit.check.model import Rule


def is_known(selector: str, rules: dict[str, Rule]) -> bool:
    """Whether ``selector`` names at least one rule."""
    upper, lower = selector.upper(), selector.lower()
    if not selector.strip():
        return False
    return upper == "ALL" or any(rule.id.startswith(upper) or rule.name == lower for rule in rules.values())


def unknown_selectors(selectors: Iterable[str], rules: dict[str, Rule]) -> list[str]:
    """One message per selector that names no rule, with "did you mean" where something is close."""
    messages = []
    for selector in selectors:
        if is_known(selector, rules):
            continue
        message = f"unknown rule {selector!r}: not a rule id, id prefix or rule name"
        close = _close(selector, rules)
        if close:
            message += f" (did you mean {' or '.join(repr(c) for c in close)}?)"
        messages.append(message)
    return messages


def _close(selector: str, rules: dict[str, Rule]) -> list[str]:
    import difflib  # only for a selector that names no rule

    # Letters that look like digits are the usual typo in an id (BP1O4, BPl04).
    digits = selector.upper().translate(str.maketrans("OILSZ", "01152"))
    if digits.startswith("BP") and is_known(digits, rules) and digits != selector.upper():
        return [digits]
    if selector.upper().startswith("BP"):
        close = difflib.get_close_matches(selector.upper(), list(rules), n=len(rules), cutoff=0.6)
        return sorted(close, key=lambda rule_id: -len(os.path.commonprefix([selector.upper(), rule_id])))[:3]
    return difflib.get_close_matches(selector.lower(), [r.name for r in rules.values()], n=3, cutoff=0.6)
