"""Recording a contract case live: the emulator's real request to the provider, saved scrubbed.

``record_case`` renders the blueprint with the real secrets, runs the predict input through the
emulator with ``Recorder.send`` as the transport (so the provider sees exactly what ML Commons
would send), saves the scrubbed cassette (``provenance: recorded``) and then replays it: the saved
``expected`` is what the replay of the *scrubbed* exchange produces, so the case passes as written.
The manifest is not edited; list the case under its ``contracts:`` to have it run.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path

from toolkit.contract.cassette import Expected, ExpectedError
from toolkit.contract.runner import CaseResult, ContractRunner
from toolkit.diagnostics import Diagnostic, ToolkitError
from toolkit.paths import PathEscape, confined
from toolkit.project import Project

__all__ = ["record_case"]


def record_case(project: Project, blueprint: str, case: str, body: dict, secrets: Mapping[str, str], *,
                mode: str = "once", description: str, variables: dict | None = None,
                redirect_to: tuple[str, int] | None = None) -> CaseResult:
    """Record ``contracts/<blueprint>/<case>.yaml`` and return the result of replaying it; a case
    name that leads outside contracts/ is refused before anything is sent (BP005)."""
    from toolkit.contract.record import CassetteExistsError, Recorder
    from toolkit.contract.scrub import SecretLeakError, UnscrubbableSecretError
    from toolkit.manifest import find_manifest
    from toolkit.mlcommons.inputs import InputError
    from toolkit.mlcommons.predict import EmulatorLimit, PredictError, predict
    from toolkit.render import render

    manifest = find_manifest(project, blueprint)
    try:
        path = confined(project.contracts, f"{blueprint}/{case}.yaml", project.root)
    except PathEscape as exc:
        raise ToolkitError(Diagnostic("BP005", f"case {exc}; nothing recorded",
                                      hint="CASE is a file name under contracts/<id>/, such as live-embedding")) from None
    missing = [name for name, spec in manifest.secrets.items() if not spec.get("optional") and not secrets.get(name)]
    if missing:
        raise ToolkitError(Diagnostic("BP001", f"recording {blueprint} needs the secret(s) {', '.join(missing)}",
                                      hint="set them as environment variables"))
    variables = dict(variables or {})
    connector = render(manifest, project, {**manifest.defaults(), **variables}, dict(secrets)).connector
    try:
        recorder = Recorder(path, {k: v for k, v in secrets.items() if v}, mode, redirect_to=redirect_to)
    except CassetteExistsError as exc:
        raise ToolkitError(Diagnostic("BP001", str(exc))) from None
    except UnscrubbableSecretError as exc:
        raise ToolkitError(Diagnostic("BP001", f"nothing was sent: {exc}")) from None
    try:
        result = predict(connector, body, transport=recorder.send, trusted_endpoints=manifest.trusted_endpoints)
        expected = Expected(output=json.loads(result.to_json()))
    except PredictError as exc:
        expected = Expected(error=ExpectedError(exc.status, exc.message))
    except (InputError, EmulatorLimit) as exc:
        raise ToolkitError(Diagnostic("BP001", f"cannot record: {exc}")) from None
    if not recorder.interactions:
        raise ToolkitError(Diagnostic("BP001", "nothing was recorded: the request was never answered "
                                               f"({expected.error.message if expected.error else 'no request'})"))
    try:
        recorder.save(blueprint=blueprint, description=description, input=body, expected=expected, variables=variables)
    except SecretLeakError as exc:
        raise ToolkitError(Diagnostic("BP001", f"not written: {exc}")) from None
    with ContractRunner(project) as runner:
        return runner.run(Path(path), update=True)
