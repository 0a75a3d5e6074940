"""The OpenSearch release a target is checked against, and create-time rules only some releases enforce.

The release is ``target-version`` (configuration or ``--opensearch-version``), else the blueprint's
``opensearch.minimum``, else the newest release. It is chosen once per target and kept in
``target.cache``; rules ask ``target_release`` and read the answer from its ``Profile``.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from toolkit.diagnostics import Severity


@dataclass(frozen=True)
class TargetRelease:
    profile: object  # toolkit.versions.Profile
    given: bool  # False: nothing named a release, so the newest one is assumed


def target_release(target, config) -> TargetRelease:
    """The release ``target`` is checked against (memoised on the target)."""
    found = target.cache.get(TargetRelease)
    if found is None:
        found = target.cache[TargetRelease] = _choose(target, config)
    return found


def _choose(target, config) -> TargetRelease:
    from toolkit.versions import Profile, UnknownRelease

    if config.target_version:
        return TargetRelease(Profile.for_version(config.target_version, option="target-version"), True)
    if target.manifest is not None:
        try:
            return TargetRelease(Profile.for_version(str(target.manifest.min_opensearch)), True)
        except UnknownRelease:
            pass  # the manifest schema reports a malformed minimum
    return TargetRelease(Profile.for_version(), False)


def enforced(target, config, key: str, finding):
    """``finding`` where the target release enforces the fact ``key``; before that release, an info
    note that a later release rejects it."""
    profile = target_release(target, config).profile
    if profile.has(key):
        return finding
    return replace(finding, severity=Severity.INFO,
                   message=f"OpenSearch {profile.since(key).short} and later reject this: {finding.message}")
