"""``--opensearch-version``: the release a command's verdicts are for, as a ``Profile``."""

from __future__ import annotations

import click


def opensearch_version_option(what: str = "the verdicts", default: str | None = None):
    """A ``--opensearch-version X.Y[.Z]`` option whose value is a ``toolkit.versions.Profile``, or None
    when it is not given (the command then uses the newest release, or for ``check`` the configured
    target); a release the toolkit does not know is exit 2 with the supported ones. ``default`` says
    what is used without the option when that is not the newest release."""
    from toolkit.versions.profile import HEAD, NEWEST

    def to_profile(ctx, param, value):
        from toolkit.versions import Profile

        return None if value is None else Profile.for_version(value)

    return click.option("--opensearch-version", "profile", metavar="X.Y[.Z]", callback=to_profile,
                        help=f"The OpenSearch release {what} are for, 2.9 to {NEWEST.short} or {HEAD} "
                             f"(default: {default or 'the newest release'}, {NEWEST.short}).")
