"""OpenSearch releases and what ML Commons does in each: the one place that compares versions.

``Profile.for_version("2.13")`` resolves a release (``X.Y[.Z]`` from 2.9 to HEAD, ``3.9-dev``) and
answers every version-dependent question from the fact table (``toolkit.versions.facts``): whether
a feature exists, which value a behaviour has, which JDK the release bundles. A ``Profile`` is passed
down the pipeline like any other input, never a global.
"""

from toolkit.versions.profile import NEWEST, Profile, UnknownRelease, or_newest
from toolkit.versions.releases import RELEASES, Release

__all__ = ["NEWEST", "Profile", "RELEASES", "Release", "UnknownRelease", "or_newest"]
