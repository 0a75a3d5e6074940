"""What a ``predict`` runs: a connector JSON file or a blueprint rendered as ``blueprint predict`` renders
it, as a checker target (for the create-time rules), and a blueprint's contract case by name."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from toolkit.diagnostics import Diagnostic, ToolkitError


@dataclass
class PredictTarget:
    """The connector as a checker target, its manifest (None for a JSON file), and where it comes from
    (for diagnostics about it)."""

    check: object  # toolkit.check.model.Target
    manifest: object | None
    source: str


def from_json_text(text: str, file: str) -> PredictTarget:
    """A create-connector body from the text of a JSON file, located for the checker."""
    from toolkit.check.targets import json_target
    from toolkit.jsonsource import JsonError, parse_json

    try:
        doc = parse_json(text)
    except JsonError as exc:
        raise ToolkitError(Diagnostic("BP001", f"not JSON: {exc.message}", file=file, line=exc.position.line,
                                      column=exc.position.column)) from None
    if not isinstance(doc.data, dict):
        raise ToolkitError(Diagnostic("BP001", "a connector file must hold a JSON object", file=file))
    return PredictTarget(json_target(doc, file), None, file)


def from_blueprint(manifest) -> PredictTarget:
    """The blueprint rendered with its default variables (secrets as placeholders, fake AWS keys)."""
    from toolkit.check.targets import manifest_target
    from toolkit.contract.runner import FAKE_AWS_SECRETS
    from toolkit.render import render

    proj = manifest.project
    secrets = {name: FAKE_AWS_SECRETS[name] for name in manifest.secrets if name in FAKE_AWS_SECRETS}
    sets = dict(manifest.variable_sets())
    set_name = "default" if "default" in sets else next(iter(sets), "default")
    rendered = render(manifest, proj, sets.get(set_name, manifest.defaults()), secrets)
    return PredictTarget(manifest_target(manifest, proj, set_name, rendered), manifest, manifest.file)


def contract_case(manifest, name: str):
    """The contract case ``name`` of ``manifest`` (a ``toolkit.contract.cassette.Cassette``)."""
    from toolkit.contract.cassette import load_cassette
    from toolkit.contract.runner import case_paths

    proj = manifest.project
    path = next((p for c, p in zip(manifest.contracts, case_paths(proj, manifest)) if Path(c).stem == name), None)
    if path is None:
        raise ToolkitError(Diagnostic("BP001", f"--case {name}: {manifest.id} has no contract case {name!r}",
                                      file=manifest.file,
                                      hint="cases: " + ", ".join(Path(c).stem for c in manifest.contracts)))
    return load_cassette(path, proj.relative(path))
