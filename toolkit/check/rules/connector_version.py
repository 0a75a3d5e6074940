"""Connector versions: a blueprint whose rendered connector changed must get a new ``version``
(``toolkit.versions_lock``: the hashes ``blueprints/versions.lock`` records)."""

from __future__ import annotations

from collections.abc import Iterator

from toolkit.check.model import Example, Finding
from toolkit.check.registry import rule
from toolkit.check.rules._examples import TEMPLATE, project

# the lock of the example project as `blueprint lock` writes it (the examples are run as tests)
_LOCK = """\
{
  "about": "Written by `blueprint lock`.",
  "blueprints": {
    "acme/embed": {
      "version": "1",
      "rendered": {
        "default": "sha256:992bf097c766a57b67ae302391ea1dadfc7c018edb2b31924f08f1d320e83b1f"
      }
    }
  }
}
"""
_CHANGED = TEMPLATE.replace('"protocol": "http",', '"protocol": "http",\n  "description": "Acme embeddings",')


@rule("BP023", "version-not-bumped", "error", "manifest",
      "A blueprint's rendered connector changed but its version did not.",
      "ML Commons stores a connector's version and never reads it: it is the only way a reader of a created "
      "connector can tell which revision of a blueprint made it. blueprints/versions.lock records each "
      "blueprint's version and the SHA-256 of every rendered variable set without its version; when a rendering "
      "differs from the lock while the version is the one the lock records, the change went out under an old "
      "number. A lock that is merely out of date (a new blueprint, a bumped version) is reported too, so the "
      "lock keeps vouching for what the catalog publishes. Projects without a lock are not checked.",
      Example(files=project(template=_CHANGED, **{"blueprints/versions.lock": _LOCK})),
      Example(files=project(**{"blueprints/versions.lock": _LOCK})),
      hint="give the connector's \"version\" in the template the next number, then run `blueprint lock`")
def version_not_bumped(target, config) -> Iterator[Finding]:
    from toolkit.versions_lock import read_lock, stale

    manifest = target.manifest
    if target.kind != "manifest" or manifest is None or not isinstance(target.connector, dict):
        return
    lock = read_lock(manifest.project.root)
    verdict = lock and stale(lock, manifest.id, target.label, target.connector)
    if verdict:
        yield Finding("/version", *verdict)
