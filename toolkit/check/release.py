"""The OpenSearch releases a target must work on, and create-time rules only some releases enforce.

``--opensearch-version`` / ``target-version`` names one release. Without it, a blueprint must work
from its ``opensearch.minimum`` up to the newest release, and a connector file or Dev Tools call on
the newest release. The releases are chosen once per target and kept in ``target.cache``; rules ask
the oldest release about features it lacks and limits it had, the newest about rejections a later
release added.
"""

from __future__ import annotations

from typing import NamedTuple

from toolkit.diagnostics import Severity


class TargetRelease(NamedTuple):
    oldest: object  # toolkit.versions.Profile
    newest: object  # the same release unless a blueprint's minimum opens a range up to the newest release
    given: bool  # False: nothing named a release, so the newest one is assumed

    def values(self, key: str) -> set:
        """Every value the fact ``key`` takes from the oldest to the newest release."""
        from toolkit.versions import RELEASES

        low, high = self.oldest.release, self.newest.release
        return {type(self.oldest)(release, 0).value(key) for release in RELEASES if low <= release <= high}


def target_release(target, config) -> TargetRelease:
    """The releases ``target`` is checked against (memoised on the target)."""
    found = target.cache.get(TargetRelease)
    if found is None:
        found = target.cache[TargetRelease] = _choose(target, config)
    return found


def _choose(target, config) -> TargetRelease:
    from toolkit.versions import Profile, UnknownRelease

    if config.target_version:
        profile = Profile.for_version(config.target_version, option="target-version")
        return TargetRelease(profile, profile, True)
    newest = Profile.for_version()
    if target.manifest is not None:
        try:
            return TargetRelease(Profile.for_version(str(target.manifest.min_opensearch)), newest, True)
        except UnknownRelease:
            pass  # the manifest schema reports a malformed minimum
    return TargetRelease(newest, newest, False)


def enforced(target, config, key: str, finding):
    """``finding`` when a release the target must work on enforces the fact ``key`` (saying from which
    release if the oldest does not); otherwise an info note that a later release rejects it."""
    chosen = target_release(target, config)
    if chosen.oldest.has(key):
        return finding
    since = chosen.newest.since(key)
    if chosen.newest.has(key):
        return finding._replace(message=f"{finding.message} (OpenSearch {since.short} and later)")
    return finding._replace(severity=Severity.INFO,
                            message=f"OpenSearch {since.short} and later reject this: {finding.message}")
