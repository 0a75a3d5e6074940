"""What ML Commons refuses when a connector is created: the checker's own create-time rules.

``predict`` and ``test`` emulate a connector that was created and deployed; a body ML Commons refuses
at ``POST _plugins/_ml/connectors/_create`` never gets that far. Rather than a second implementation,
they run the rules below, which report ML Commons' own create-time refusals, on the target release
and the cluster's settings, and refuse the connector with the checker's errors (the same messages and
places as ``blueprint check``). The trusted-endpoint check at creation (BP301, BP309) and private
hosts (BP303) are left to the emulator, which applies the cluster's settings itself.
"""

from __future__ import annotations

import functools

from toolkit.check.model import CheckConfig, Target
from toolkit.diagnostics import Diagnostic, Severity

# each rule's errors are ML Commons refusing the create call (its rationale in docs/rules.md says so)
CREATE_TIME_RULES = (
    "BP102",  # missing-field: "Connector name is null", ...
    "BP103",  # wrong-type: parse errors
    "BP104",  # unknown-protocol
    "BP105",  # unknown-action-type: "No enum constant ..."
    "BP108",  # client-config-value: "Unsupported retry backoff policy", ...
    "BP109",  # unsafe-text (3.1+; an info note before)
    "BP110",  # invalid-action-name (3.5+)
    "BP111",  # duplicate-key: strict duplicate detection
    "BP207",  # parameter-in-sensitive-header (3.7+)
    "BP401", "BP403", "BP404", "BP405",  # access control, with the cluster's setting
    "BP601", "BP602",  # AwsConnector.validate: "Missing region", "Missing credential", ...
)


def create_time_refusals(target: Target, config: CheckConfig, profile) -> list[Diagnostic]:
    """The errors of the create-time rules ``config`` selects on ``profile``'s release (a
    ``toolkit.versions.Profile``: a ``RecordingProfile`` records the facts the rules ask)."""
    from toolkit.check.release import TargetRelease
    from toolkit.check.runner import run_rules, selected_rules

    target.cache[TargetRelease] = TargetRelease(profile, profile, True)
    chosen = selected_rules(_rules(), config)
    return [d for d in run_rules([target], chosen, config) if d.severity is Severity.ERROR]


@functools.cache
def _rules() -> dict:
    from toolkit.check.registry import all_rules

    rules = all_rules()
    return {rule_id: rules[rule_id] for rule_id in CREATE_TIME_RULES}
