"""``blueprint predict``: one ``_predict`` call through the ML Commons emulator, offline.

Exit 0 with the output, 1 when ML Commons would answer an error (printed with its status), 2 on
bad input. The provider's answer comes from ``--response FILE`` (a JSON body, status 200) or
``--case NAME`` (a contract case of the blueprint, replayed); with neither, ``--show-request``
prints every request ML Commons would send (one per document chunk) and sends none. ``--show-request``
also prints the client timeouts the release reads from ``client_config`` (stderr).
``--action batch_predict`` runs the connector's BATCH_PREDICT action as ``_batch_predict`` does (a
``--case`` brings its own action).
``--opensearch-version X`` emulates that release (2.11 and later) on its bundled JDK; default: the newest.
A call to a private host is refused unless ``--private-ip-enabled`` (or the blueprint's
``cluster: {private_ip_enabled: true}``) turns the cluster setting on, on releases that have it (2.15+).
"""

from __future__ import annotations

import json
from pathlib import Path

import click

from toolkit.cli._common import blueprint_manifest, echo_json, project_option, workspace
from toolkit.cli._version import opensearch_version_option
from toolkit.diagnostics import Diagnostic, ToolkitError


def _target(ctx, target: str):
    """(connector, trusted endpoints or None, manifest or None) for a blueprint id or a connector JSON file."""
    path = Path(target)
    if path.suffix == ".json" and path.is_file():
        from toolkit.cli._input import json_value

        connector = json_value("@" + target, "TARGET")
        if not isinstance(connector, dict):
            raise ToolkitError(Diagnostic("BP001", "a connector file must hold a JSON object", file=target))
        return connector, None, None
    from toolkit.contract.runner import FAKE_AWS_SECRETS
    from toolkit.render import render

    manifest = blueprint_manifest(workspace(ctx), target)
    secrets = {name: FAKE_AWS_SECRETS[name] for name in manifest.secrets if name in FAKE_AWS_SECRETS}
    sets = dict(manifest.variable_sets())
    variables = sets.get("default") or next(iter(sets.values()), manifest.defaults())
    return render(manifest, manifest.project, variables, secrets).connector, manifest.trusted_endpoints, manifest


def _request_text(request) -> str:
    """The HTTP request as text (the emulator has already redacted its credentials)."""
    lines = [f"{request.method} {request.url}"] + [f"{k}: {v}" for k, v in request.headers.items()]
    return "\n".join(lines) + "\n\n" + request.body.decode("utf-8", "replace")


@click.command("predict")
@click.argument("target", metavar="TARGET")
@click.option("--parameters", "parameters", metavar="JSON|@FILE", help="Request parameters (a JSON object).")
@click.option("--text-docs", "text_docs", multiple=True, metavar="TEXT", help="A document (repeatable).")
@click.option("--query-text", metavar="TEXT", help="The query of a text-similarity call (with --text-docs).")
@click.option("--response", "response_file", type=click.Path(dir_okay=False), help="The provider's JSON answer (200).")
@click.option("--case", "case", metavar="NAME", help="Replay the provider's side of this contract case.")
@click.option("--show-request", is_flag=True, help="Print each HTTP request, secrets masked, and the client timeouts.")
@click.option("--action", type=click.Choice(["predict", "batch_predict"]), default=None,
              help="The REST call: _predict (default) or _batch_predict; with --case, the case's own action.")
@opensearch_version_option("the output and errors")
@click.option("--private-ip-enabled", is_flag=True,
              help="The cluster allows private hosts (plugins.ml_commons.connector.private_ip_enabled, 2.15+).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@project_option
@click.pass_context
def predict_cmd(ctx, target, parameters, text_docs, query_text, response_file, case, show_request, action,
                profile, private_ip_enabled, fmt) -> int:
    """Run a predict call for TARGET (a blueprint id or a connector JSON file) and print the
    ML Commons output, or the error ML Commons would answer (as the release --opensearch-version
    names does, on its bundled JDK; 2.11 and later)."""
    from toolkit.contract.http import HttpResponse
    from toolkit.mlcommons.inputs import InputError
    from toolkit.mlcommons.predict import EmulatorLimit, PredictError, predict

    if profile is not None:
        profile.require_emulation()
    if response_file and case:
        raise click.UsageError("--response and --case exclude each other")
    if not (response_file or case or show_request):
        raise click.UsageError("give the provider's answer with --response FILE or --case NAME, or use --show-request")
    connector, trusted, manifest = _target(ctx, target)
    body = {}
    if parameters is not None:
        from toolkit.cli._input import json_value

        body["parameters"] = json_value(parameters, "--parameters")
    if text_docs:
        body["text_docs"] = list(text_docs)
    if query_text is not None:
        body["query_text"] = query_text
    runner = replay = None
    if case:
        if manifest is None:
            raise click.UsageError("--case needs a blueprint id as TARGET")
        from toolkit.contract.cassette import load_cassette
        from toolkit.contract.runner import ContractRunner, case_paths

        proj = manifest.project
        path = next((p for c, p in zip(manifest.contracts, case_paths(proj, manifest)) if Path(c).stem == case), None)
        if path is None:
            raise ToolkitError(Diagnostic("BP001", f"{manifest.id} has no contract case {case!r}",
                                          hint="cases: " + ", ".join(Path(c).stem for c in manifest.contracts)))
        cassette = load_cassette(path, proj.relative(path))
        body = body or cassette.input
        action = action or cassette.action
        runner = ContractRunner(proj)
        runner.server().serve(cassette.interactions)
        replay = runner.transport()
    answer = None
    if response_file:
        from toolkit.cli._input import check_depth, read_bytes

        answer = read_bytes(response_file, "--response")
        check_depth(answer, "--response", response_file)

    built = []

    def transport(request):
        built.append(request)
        if replay is not None:
            return replay(request)
        if answer is None:
            return None  # dry run: nothing is sent
        return HttpResponse(200, {"Content-Type": "application/json"}, answer)

    try:
        shown = (lambda request: click.echo(_request_text(request) + "\n", err=fmt == "json")) if show_request else None
        result = predict(connector, body, transport=transport, trusted_endpoints=trusted, action=action or "predict",
                         show=shown, profile=profile, private_ip_enabled=private_ip_enabled
                         or (manifest is not None and manifest.private_ip_enabled))
        if show_request:
            click.echo(f"client timeouts: {result.timeouts or 'the HTTP library defaults (no client_config)'}",
                       err=True)
        if replay is None and answer is None:
            click.echo(f"{len(built)} request(s) built, none sent (give --response FILE or --case NAME to run "
                       "the post-process)", err=True)
            return 0
    except InputError as exc:
        raise ToolkitError(Diagnostic("BP001", f"predict body: {exc}")) from None
    except EmulatorLimit as exc:
        raise ToolkitError(Diagnostic("BP001", f"not emulated: {exc}")) from None
    except PredictError as exc:
        if fmt == "json":
            echo_json({"error": {"status": exc.status, "message": exc.message, "cause": exc.cause,
                                 **({"hint": exc.hint} if exc.hint else {})}})
        else:
            click.echo(f"error {exc.status}: {exc.message}" + (f"\ncaused by: {exc.cause}" if exc.cause else "")
                       + (f"\nhint: {exc.hint}" if exc.hint else ""), err=True)
        return 1
    finally:
        if runner is not None:
            runner.__exit__()
    if fmt == "json":
        echo_json(json.loads(result.to_json()))
    else:
        click.echo(result.to_json())
    return 0
