"""``blueprints/versions.lock``: each blueprint's connector ``version`` and a hash of what it renders, so a
blueprint whose rendered connector changed keeps no old version number (rule BP023, ``blueprint lock``).

The version stays where ML Commons reads it, the connector's ``version`` field (a string; ML Commons
stores it and never interprets it: ``AbstractConnector.version``), written in the blueprint's template:
bumping it is a one-line edit of the blueprint's own file. The hashes live in one generated file
instead of each manifest: they change with every edit of a template, script or manifest default, so
in the files people write they would be noise and merge conflicts; in one file a review sees at once
which blueprints' output changed, and ``blueprint lock`` rewrites it whole.

The hash is SHA-256 of the rendered connector of each variable set (defaults and named examples) as
canonical JSON (sorted keys, no spaces) without its ``version`` field: a new version alone is no change
of output. A project without the file is not checked.
"""

from __future__ import annotations

import json
from pathlib import Path

from toolkit.diagnostics import Diagnostic, ToolkitError

LOCK = "blueprints/versions.lock"
ABOUT = ("Written by `blueprint lock`: each blueprint's connector version and the SHA-256 of each rendered variable "
         "set without its version. Rule BP023 fails when a rendering changed but the version did not.")

_READ: dict[tuple, dict] = {}


def rendered_hash(connector: dict) -> str:
    """``sha256:`` and the hex digest of ``connector`` as canonical JSON, without its ``version``."""
    body = {key: value for key, value in connector.items() if key != "version"}
    text = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    import hashlib  # only when a blueprint is hashed: a check of a connector file never is

    return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()


def read_lock(root: Path) -> dict | None:
    """The lock of the project at ``root`` (read once while the file is unchanged), or None when it has
    none; ``ToolkitError`` (BP001) when it is not a lock."""
    path = Path(root) / LOCK
    try:
        stat = path.stat()
    except OSError:
        return None
    key = (str(path), stat.st_mtime_ns, stat.st_size)
    if key not in _READ:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, ValueError) as exc:
            raise ToolkitError(Diagnostic("BP001", f"not a versions lock: {exc}", file=LOCK,
                                          hint="rewrite it with `blueprint lock`")) from None
        if not isinstance(data, dict) or not isinstance(data.get("blueprints"), dict):
            raise ToolkitError(Diagnostic("BP001", "not a versions lock: no blueprints object", file=LOCK,
                                          hint="rewrite it with `blueprint lock`"))
        _READ[key] = data
    return _READ[key]


def lock_text(renderings) -> str:
    """The lock for ``renderings``: (blueprint id, variable set, connector) for every rendering."""
    blueprints: dict[str, dict] = {}
    for blueprint, label, connector in renderings:
        entry = blueprints.setdefault(blueprint, {"version": str(connector.get("version")), "rendered": {}})
        entry["rendered"][label] = rendered_hash(connector)
    data = {"about": ABOUT, "blueprints": dict(sorted(blueprints.items()))}
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def stale(lock: dict, blueprint: str, label: str, connector: dict) -> tuple[str, str] | None:
    """Why the lock does not vouch for this rendering, and what to do (None when it does)."""
    entry = lock["blueprints"].get(blueprint)
    version = str(connector.get("version"))
    relock = "run `blueprint lock` to record it"
    if not isinstance(entry, dict):
        return f"{blueprint} is not in {LOCK}", relock
    locked = entry.get("version")
    recorded = (entry.get("rendered") or {}).get(label)
    if recorded is None:
        return f"{LOCK} has no hash for the {label!r} variable set of {blueprint}", relock
    if recorded == rendered_hash(connector):
        return None if version == locked else \
            (f"the connector's version is {version!r} but {LOCK} records {locked!r} for the same output", relock)
    if version == locked:
        return (f"the rendered connector ({label}) changed since {LOCK} recorded version {locked!r}, but its version "
                "did not", "give the connector's \"version\" in the template the next number, then run `blueprint lock`")
    return f"the rendered connector ({label}) changed and its version is now {version!r}: {LOCK} is out of date", relock
